TEXTS: dict[str, dict[str, str]] = {
    "checkin.title": {
        "en": "Check-in for meeting {meeting}",
        "nl": "Inchecken voor bijeenkomst {meeting}",
    },
    "checkin.reminder_title": {
        "en": "A gentle reminder: your check-in for meeting {meeting}",
        "nl": "Een vriendelijke herinnering: je check-in voor bijeenkomst {meeting}",
    },
    "checkin.coming_title": {
        "en": "Meeting {meeting}: are you coming?",
        "nl": "Bijeenkomst {meeting}: kom je?",
    },
    "checkin.q.bring_in": {
        "en": "What do you bring in? A question, a case or an insight from your own practice.",
        "nl": "Wat breng je in? Een vraag, een casus of een inzicht uit je eigen praktijk.",
    },
    "checkin.q.experiment": {
        "en": "And how did your experiment go? What did you try, and what did you notice?",
        "nl": "En hoe ging je experiment? Wat heb je geprobeerd, en wat viel je op?",
    },
    "checkin.hint": {
        "en": "Just reply to this message, or use the form.",
        "nl": "Antwoord gewoon op dit bericht, of gebruik het formulier.",
    },
    "checkin.form_title": {"en": "Check-in", "nl": "Inchecken"},
    "checkin.thanks": {
        "en": "Thanks for checking in! The facilitators will take it into the meeting.",
        "nl": "Dank je voor het inchecken! De facilitatoren nemen het mee naar de bijeenkomst.",
    },
    "checkin.sent": {
        "en": "Check-in for meeting {meeting} sent to {count} members (who had not received it yet).",
        "nl": "Check-in voor bijeenkomst {meeting} verstuurd naar {count} leden (die hem nog niet hadden).",
    },
    "checkin.sent.one": {
        "en": "Check-in for meeting {meeting} sent to {count} member (who had not received it yet).",
        "nl": "Check-in voor bijeenkomst {meeting} verstuurd naar {count} lid (die hem nog niet had).",
    },
    "checkin.summary_title": {
        "en": "Check-in for meeting {n}: {answered} of {asked} answered",
        "nl": "Check-in voor bijeenkomst {n}: {answered} van {asked} beantwoord",
    },
    "checkin.summary_experiment": {"en": "experiment: {text}", "nl": "experiment: {text}"},
    "checkin.summary_empty": {"en": "No answers yet.", "nl": "Nog geen antwoorden."},
    "checkin.summary_missing": {
        "en": "Not yet answered: {names}",
        "nl": "Nog niet beantwoord: {names}",
    },
    "checkin.summary_topics": {
        "en": "Topics suggested in the last evaluation:",
        "nl": "Onderwerpen voorgesteld in de laatste evaluatie:",
    },
    "checkin.status_done": {
        "en": "You have checked in for meeting {n}.",
        "nl": "Je bent ingecheckt voor bijeenkomst {n}.",
    },
    "checkin.status_open": {
        "en": "You have not checked in for meeting {n} yet: type `checkin`.",
        "nl": "Je bent nog niet ingecheckt voor bijeenkomst {n}: typ `checkin`.",
    },
    "checkin.error.no_meeting": {
        "en": "There is no next meeting planned, so there is nothing to check in for yet.",
        "nl": "Er is geen volgende bijeenkomst gepland, dus er valt nog niets in te checken.",
    },
    "checkin.error.empty": {
        "en": "Please tell me what you bring in; a sentence is enough.",
        "nl": "Vertel me alsjeblieft wat je inbrengt; een zin is genoeg.",
    },
    "help.checkin": {
        "en": "check in for the next meeting: `checkin` asks, `checkin <what you bring in>` answers at once (facilitators: `checkin send`, `checkin summary`)",
        "nl": "inchecken voor de volgende bijeenkomst: `checkin` vraagt het, `checkin <wat je inbrengt>` antwoordt meteen (facilitatoren: `checkin send`, `checkin summary`)",
    },
    "usage.checkin": {
        "en": "Usage: `checkin` or `checkin <what you bring in>`, or for facilitators `checkin send` and `checkin summary [<n>]`",
        "nl": "Gebruik: `checkin` of `checkin <wat je inbrengt>`, of voor facilitatoren `checkin send` en `checkin summary [<n>]`",
    },
    "home.kind.checkin": {"en": "Check-in", "nl": "Check-in"},
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.checkin": {
        "en": "Check-in for meeting {meeting}",
        "nl": "Check-in voor bijeenkomst {meeting}",
    },
    "timed.kind.checkin_prompt": {"en": "send the check-in", "nl": "check-in versturen"},
    "timed.kind.checkin_reminder": {
        "en": "remind who has not checked in",
        "nl": "herinnering check-in",
    },
}
