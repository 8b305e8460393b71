TEXTS: dict[str, dict[str, str]] = {
    "privacy.former_member": {"en": "former member", "nl": "oud-lid"},
    "privacy.erased": {"en": "(erased)", "nl": "(gewist)"},
    "privacy.nothing": {
        "en": "I have nothing stored about you.",
        "nl": "Ik heb niets over je opgeslagen.",
    },
    "privacy.my_data_title": {
        "en": "Everything I store about you",
        "nl": "Alles wat ik over je bewaar",
    },
    "privacy.my_data_footer": {
        "en": "The attached my-data.json holds all of it. `forget-me` erases it.",
        "nl": "In het bijgevoegde my-data.json staat alles. `forget-me` wist het.",
    },
    "privacy.membership": {
        "en": "{name}: {role}, {status}, since {joined}",
        "nl": "{name}: {role}, {status}, sinds {joined}",
    },
    "privacy.status.active": {"en": "active", "nl": "actief"},
    "privacy.status.paused": {"en": "away", "nl": "afwezig"},
    "privacy.status.left": {"en": "left", "nl": "vertrokken"},
    "privacy.status.forgotten": {"en": "forgotten", "nl": "vergeten"},
    "privacy.field.organisation": {"en": "Organisation", "nl": "Organisatie"},
    "privacy.field.discipline": {"en": "Discipline", "nl": "Vakgebied"},
    "privacy.kept_reply": {
        "en": "• Kept since {at} until you say which question it answers: “{text}”",
        "nl": "• Bewaard sinds {at} tot je zegt op welke vraag het je antwoord is: “{text}”",
    },
    "privacy.field.practice_case": {"en": "Practice case", "nl": "Praktijkcasus"},
    "privacy.field.learning_goals": {"en": "Learning goals", "nl": "Leerdoelen"},
    "privacy.admission": {
        "en": "Invitations and requests to join: {count}",
        "nl": "Uitnodigingen en verzoeken om mee te doen: {count}",
    },
    "privacy.logbook": {"en": "Logbook ({count}):", "nl": "Logboek ({count}):"},
    "privacy.also_stored": {"en": "Also stored: {items}", "nl": "Verder bewaard: {items}"},
    "privacy.slice.facilitation": {"en": "facilitator turns", "nl": "facilitatorbeurten"},
    "privacy.slice.buddies": {"en": "buddy records", "nl": "buddygegevens"},
    "privacy.slice.checkins": {"en": "check-ins", "nl": "check-ins"},
    "privacy.slice.evaluations": {"en": "evaluations", "nl": "evaluaties"},
    "privacy.slice.prompts": {"en": "questions asked", "nl": "gestelde vragen"},
    "privacy.slice.outbox": {"en": "messages sent", "nl": "verstuurde berichten"},
    "privacy.slice.places": {"en": "link codes", "nl": "koppelcodes"},
    "privacy.slice.calendar": {"en": "calendar feeds", "nl": "agenda-abonnementen"},
    "privacy.slice.attendance": {"en": "attendance records", "nl": "aanwezigheden"},
    "privacy.slice.files": {"en": "files waiting", "nl": "wachtende bestanden"},
    "privacy.forget_ask": {
        "en": "This erases your personal data in {count} communities: your name, intake answers, logbook, check-ins and answers. Anonymous results stay without your name: ratings, and the comments of evaluations whose results were already shared. This cannot be undone. Sure? Click the button or type `forget-me confirm`.",
        "nl": "Hiermee wis je je persoonlijke gegevens in {count} communities: je naam, intake-antwoorden, logboek, check-ins en antwoorden. Anonieme resultaten blijven, zonder je naam: cijfers, en de opmerkingen bij evaluaties waarvan de resultaten al gedeeld zijn. Dit kan niet ongedaan worden. Zeker? Klik op de knop of typ `vergeet-mij bevestig`.",
    },
    "privacy.forget_ask.one": {
        "en": "This erases your personal data in {count} community: your name, intake answers, logbook, check-ins and answers. Anonymous results stay without your name: ratings, and the comments of evaluations whose results were already shared. This cannot be undone. Sure? Click the button or type `forget-me confirm`.",
        "nl": "Hiermee wis je je persoonlijke gegevens in {count} community: je naam, intake-antwoorden, logboek, check-ins en antwoorden. Anonieme resultaten blijven, zonder je naam: cijfers, en de opmerkingen bij evaluaties waarvan de resultaten al gedeeld zijn. Dit kan niet ongedaan worden. Zeker? Klik op de knop of typ `vergeet-mij bevestig`.",
    },
    "privacy.forget_last_organiser": {
        "en": "Note: you are the only organiser of {names}. Make someone else organiser first (`role @name organiser`), or it will have none.",
        "nl": "Let op: je bent de enige organisator van {names}. Maak eerst iemand anders organisator (`rol @naam organisator`), anders heeft die er geen.",
    },
    "privacy.installed": {
        "en": "You installed copbot in: {places} (your user id is part of that installation record).",
        "nl": "Je hebt copbot geïnstalleerd in: {places} (je gebruikers-id staat in die installatiegegevens).",
    },
    "privacy.forget_installs": {
        "en": "You installed copbot in {count} workspaces: your user id is also erased from those installation records. copbot keeps working there.",
        "nl": "Je hebt copbot in {count} werkruimtes geïnstalleerd: je gebruikers-id wordt ook uit die installatiegegevens gewist. copbot blijft daar werken.",
    },
    "privacy.forget_installs.one": {
        "en": "You installed copbot in {count} workspace: your user id is also erased from that installation record. copbot keeps working there.",
        "nl": "Je hebt copbot in {count} werkruimte geïnstalleerd: je gebruikers-id wordt ook uit die installatiegegevens gewist. copbot blijft daar werken.",
    },
    "privacy.forget_sure": {
        "en": "This cannot be undone. Sure? Click the button or type `forget-me confirm`.",
        "nl": "Dit kan niet ongedaan worden. Zeker? Klik op de knop of typ `vergeet-mij bevestig`.",
    },
    "privacy.forgotten_installs": {
        "en": "Done: your user id is erased from the installation records. copbot keeps working in those workspaces.",
        "nl": "Klaar: je gebruikers-id is uit de installatiegegevens gewist. copbot blijft in die werkruimtes werken.",
    },
    "privacy.forget_button": {"en": "Yes, erase my data", "nl": "Ja, wis mijn gegevens"},
    "privacy.forgotten": {
        "en": "Done: your personal data in {count} communities is erased. You are welcome back any time with `join`.",
        "nl": "Klaar: je persoonlijke gegevens in {count} communities zijn gewist. Je bent altijd weer welkom met `join`.",
    },
    "privacy.forgotten.one": {
        "en": "Done: your personal data in {count} community is erased. You are welcome back any time with `join`.",
        "nl": "Klaar: je persoonlijke gegevens in {count} community zijn gewist. Je bent altijd weer welkom met `join`.",
    },
    "help.my-data": {
        "en": "everything stored about you, as a summary and a JSON file",
        "nl": "alles wat over je is opgeslagen, als overzicht en JSON-bestand",
    },
    "usage.my-data": {"en": "Usage: `my-data`", "nl": "Gebruik: `mijn-gegevens`"},
    "help.forget-me": {
        "en": "erase your personal data (asks for confirmation first)",
        "nl": "je persoonlijke gegevens wissen (vraagt eerst om bevestiging)",
    },
    "usage.forget-me": {
        "en": "Usage: `forget-me` (then `forget-me confirm`)",
        "nl": "Gebruik: `vergeet-mij` (daarna `vergeet-mij bevestig`)",
    },
}
