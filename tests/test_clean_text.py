"""``clean_text`` answers clean text at once and cleans the rest as it always did: the same
result as dropping person markers and NULs and replacing lone surrogates, for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.inbound import clean_json, clean_text
from bot.messages import MARKER_CHARACTERS, Person, scrub

# Every code point, surrogates included, with the ones cleaning is about drawn often.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(["\x00", "\ud800", "\udfff", "\ud83d", *MARKER_CHARACTERS]),
    )
)


def cleaned_in_full(value: str) -> str:
    value = scrub(value).replace("\x00", "")
    return value.encode("utf-8", "replace").decode("utf-8")


@given(TEXT)
def test_any_text_is_cleaned_as_in_full(value: str) -> None:
    assert clean_text(value) == cleaned_in_full(value)
    assert clean_text(clean_text(value)) == clean_text(value)


def test_clean_text_is_handed_back_as_it_is() -> None:
    text = "Ik kom niet 😀, é"
    assert clean_text(text) is text


def cleaned_json_in_full(value: object) -> object:
    if isinstance(value, str):
        return cleaned_in_full(value)
    if isinstance(value, dict):
        return {cleaned_in_full(str(k)): cleaned_json_in_full(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [cleaned_json_in_full(v) for v in value]
    return value


@given(st.recursive(TEXT, lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner)))
def test_a_payload_s_every_string_is_cleaned(value: object) -> None:
    assert clean_json(value) == cleaned_json_in_full(value)


def test_a_person_marker_typed_in_is_dropped() -> None:
    marker = str(Person("slack", "U1", "Ann"))
    assert clean_text(f"hi {marker}") == "hi slackU1Ann"
