"""The console's own words, in English and Dutch; the core's texts come from the core.

Same shape and rules as the core's texts (``bot.i18n``): a count of things has its singular
under ``<key>.one``.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import translate

TEXTS: dict[str, dict[str, str]] = {
    "console.html_file": {
        "en": "--- {name}: an HTML page of {size} KB, saved as {path} (open it in a browser) ---",
        "nl": "--- {name}: een HTML-pagina van {size} KB, bewaard als {path} (open hem in een browser) ---",
    },
    "console.help": {
        "en": """Console commands (everything else goes to copbot, e.g. `help`, `setup My CoP`, `join`):
  /as <name>              act as this person: a member found by name, else someone new
  /where channel|dm       type in #general or in your DM with copbot (/channel, /dm)
  /channel <name>         type in another channel (#<name>), e.g. one to `link` to the community
  /time                   show the simulated time
  /time +3d | -2h         move the clock (w, d, h, m)
  /time YYYY-MM-DD [HH:MM] set the clock (local time); /time now goes back to real time
  /run                    do the work that is due now (prompts, reminders, digests); /tick
  /inbox [all]            the messages copbot sent you (new ones, or all of them)
  /click <n>              press button [n] of the messages shown last
  /who                    who and where you are
  /help                   this list
  /quit                   leave (Ctrl-D and Ctrl-C work too)""",
        "nl": """Console-commando's (al het andere gaat naar copbot, bv. `hulp`, `setup Mijn CoP`, `aanmelden`):
  /as <naam>              doe iets als deze persoon: een lid gevonden op naam, anders iemand nieuws
  /where channel|dm       typ in #general of in je DM met copbot (/channel, /dm)
  /channel <naam>         typ in een ander kanaal (#<naam>), bv. een dat je met `link` aan de community koppelt
  /time                   de gesimuleerde tijd
  /time +3d | -2h         zet de klok vooruit of terug (w, d, h, m)
  /time JJJJ-MM-DD [UU:MM] zet de klok (lokale tijd); /time now gaat terug naar de echte tijd
  /run                    doe het werk dat nu aan de beurt is (vragen, herinneringen, overzichten); /tick
  /inbox [all]            de berichten die copbot je stuurde (de nieuwe, of allemaal)
  /click <n>              druk op knop [n] van de laatst getoonde berichten
  /who                    wie en waar je bent
  /help                   deze lijst
  /quit                   stoppen (Ctrl-D en Ctrl-C werken ook)""",
    },
    "console.hello": {
        "en": "copbot console. You are {user} in {where}. Type /help.",
        "nl": "copbot-console. Je bent {user} in {where}. Typ /help.",
    },
    "console.bye": {"en": "Bye.", "nl": "Tot ziens."},
    "console.unknown": {
        "en": "Unknown console command /{word}. Try /help.",
        "nl": "Onbekend console-commando /{word}. Probeer /help.",
    },
    "console.usage_as": {"en": "Usage: /as <name>", "nl": "Gebruik: /as <naam>"},
    "console.now_you": {"en": "You are now {user}.", "nl": "Je bent nu {user}."},
    "console.unread": {
        "en": "{count} new messages: /inbox",
        "nl": "{count} nieuwe berichten: /inbox",
    },
    "console.unread.one": {
        "en": "{count} new message: /inbox",
        "nl": "{count} nieuw bericht: /inbox",
    },
    "console.usage_where": {
        "en": "Usage: /where channel|dm, or /channel <name>",
        "nl": "Gebruik: /where channel|dm, of /channel <naam>",
    },
    "console.typing_in": {"en": "You now type in {where}.", "nl": "Je typt nu in {where}."},
    "console.your_dm": {"en": "your DM with copbot", "nl": "je DM met copbot"},
    "console.who": {
        "en": "You are {user} in {where}; it is {now}.",
        "nl": "Je bent {user} in {where}; het is {now}.",
    },
    "console.weekdays": {"en": "Mon Tue Wed Thu Fri Sat Sun", "nl": "ma di wo do vr za zo"},
    "console.time": {"en": "It is now {now}.", "nl": "Het is nu {now}."},
    "console.bad_time": {
        "en": "Cannot set the clock to {value} ({key}). Try /time +3d or /time 2027-01-14 10:00.",
        "nl": "Kan de klok niet op {value} zetten ({key}). Probeer /time +3d of /time 2027-01-14 10:00.",
    },
    "console.ran": {
        "en": (
            "Ran due work at {now}: jobs done {done}, skipped {skipped}, failed {failed}; "
            "messages delivered {sent}."
        ),
        "nl": (
            "Werk gedaan dat op {now} aan de beurt was: taken klaar {done}, overgeslagen "
            "{skipped}, mislukt {failed}; berichten bezorgd {sent}."
        ),
    },
    "console.no_new": {
        "en": "No new messages. (/inbox all shows every message.)",
        "nl": "Geen nieuwe berichten. (/inbox all toont alle berichten.)",
    },
    "console.new_dms": {
        "en": "✉ {count} new DMs for {user}{you}",
        "nl": "✉ {count} nieuwe DM's voor {user}{you}",
    },
    "console.new_dms.one": {
        "en": "✉ {count} new DM for {user}{you}",
        "nl": "✉ {count} nieuwe DM voor {user}{you}",
    },
    "console.thats_you": {"en": " (that's you: /inbox)", "nl": " (dat ben jij: /inbox)"},
    "console.from_dm": {"en": "copbot (DM)", "nl": "copbot (DM)"},
    "console.only_you": {"en": "copbot (only you)", "nl": "copbot (alleen voor jou)"},
    "console.in_channel": {"en": "copbot in #{channel}", "nl": "copbot in #{channel}"},
    "console.posted": {"en": "copbot posted in #{channel}", "nl": "copbot plaatste in #{channel}"},
    "console.usage_click": {
        "en": "Usage: /click <n>, with n a button number from the messages shown last.",
        "nl": "Gebruik: /click <n>, met n het nummer van een knop uit de laatst getoonde berichten.",
    },
    "console.press": {"en": "(you press “{label}”)", "nl": "(je drukt op “{label}”)"},
    "console.form": {"en": "[form] {title}", "nl": "[formulier] {title}"},
    "console.filling_in": {
        "en": "Filling in “{title}” (/cancel stops).",
        "nl": "Formulier “{title}” invullen (/cancel stopt).",
    },
    "console.cancelled": {"en": "Form cancelled.", "nl": "Formulier geannuleerd."},
    "console.optional": {"en": "(optional)", "nl": "(optioneel)"},
    "console.pick": {
        "en": "Pick one of the numbers above.",
        "nl": "Kies een van de nummers hierboven.",
    },
    "console.needed": {
        "en": "This one needs an answer.",
        "nl": "Deze vraag heeft een antwoord nodig.",
    },
}


def text(lang: str, key: str, /, **params: Any) -> str:
    return translate(TEXTS, lang, key, **params)
