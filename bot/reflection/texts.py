"""The halfway reflection's texts, in English and Dutch."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "timed.kind.reflection": {"en": "halfway reflection", "nl": "reflectie halverwege"},
    "home.kind.reflection": {
        "en": "halfway reflection questions",
        "nl": "vragen voor de reflectie halverwege",
    },
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.reflection": {"en": "Halfway reflection", "nl": "Reflectie halverwege"},
    "logbook.kind.halfway_learned": {
        "en": "halfway: learned so far",
        "nl": "halverwege: tot nu toe geleerd",
    },
    "logbook.kind.halfway_next": {
        "en": "halfway: for the second half",
        "nl": "halverwege: voor de tweede helft",
    },
    "reflection.intro": {
        "en": "Halfway reflection: {community} is halfway through its programme. "
        "Two short questions for your logbook:",
        "nl": "Reflectie halverwege: {community} is halverwege het programma. "
        "Twee korte vragen voor je logboek:",
    },
    "reflection.learned": {
        "en": "What have you learned so far?",
        "nl": "Wat heb je tot nu toe geleerd?",
    },
    "reflection.next": {
        "en": "What do you want to get out of the second half?",
        "nl": "Wat wil je uit de tweede helft halen?",
    },
    "reflection.how": {
        "en": "Reply here to the first question (then I ask the second), or answer both in "
        "the form. Your answers go into your logbook; copbot shows them to no one else.",
        "nl": "Antwoord hier op de eerste vraag (daarna stel ik de tweede), of beantwoord "
        "beide in het formulier. Je antwoorden komen in je logboek; copbot laat ze aan "
        "niemand anders zien.",
    },
    "reflection.ask_next": {
        "en": "Thank you, that is in your logbook. And: what do you want to get out of the "
        "second half?",
        "nl": "Dank je, dat staat in je logboek. En: wat wil je uit de tweede helft halen?",
    },
    "reflection.saved": {
        "en": "Thank you: your halfway reflection is in your logbook (`log` shows it).",
        "nl": "Dank je: je reflectie halverwege staat in je logboek (`log` laat het zien).",
    },
    "reflection.error.empty": {
        "en": "Write a few words, or answer in the form.",
        "nl": "Schrijf een paar woorden, of antwoord in het formulier.",
    },
    "reflection.form_title": {"en": "Halfway reflection", "nl": "Reflectie halverwege"},
    "reflection.status_planned": {
        "en": "Halfway reflection: two questions for your logbook on {date}",
        "nl": "Reflectie halverwege: twee vragen voor je logboek op {date}",
    },
    "reflection.status_done": {
        "en": "Halfway reflection: in your logbook",
        "nl": "Reflectie halverwege: staat in je logboek",
    },
    "reflection.status_answered": {
        "en": "Halfway reflection: {answered} of {asked} members answered",
        "nl": "Reflectie halverwege: {answered} van {asked} leden hebben geantwoord",
    },
}
