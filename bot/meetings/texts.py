TEXTS: dict[str, dict[str, str]] = {
    "meeting.planned": {"en": "planned", "nl": "gepland"},
    "meeting.held": {"en": "held", "nl": "gehouden"},
    "meeting.cancelled": {"en": "cancelled", "nl": "geannuleerd"},
    "meeting.schedule_title": {
        "en": "Meetings of {name} ({tz})",
        "nl": "Bijeenkomsten van {name} ({tz})",
    },
    "meeting.none": {"en": "No meetings planned yet.", "nl": "Nog geen bijeenkomsten gepland."},
    "meeting.next": {"en": "Next meeting: {meeting}", "nl": "Volgende bijeenkomst: {meeting}"},
    "meeting.next_none": {
        "en": "No next meeting planned.",
        "nl": "Geen volgende bijeenkomst gepland.",
    },
    "meeting.generated": {
        "en": "{count} meetings planned from the cadence.",
        "nl": "{count} bijeenkomsten gepland volgens de frequentie.",
    },
    "meeting.generated.one": {
        "en": "{count} meeting planned from the cadence.",
        "nl": "{count} bijeenkomst gepland volgens de frequentie.",
    },
    "meeting.shifted": {
        "en": "{day} falls in {reason}: moved to {to}.",
        "nl": "{day} valt in {reason}: verplaatst naar {to}.",
    },
    "meeting.blocked_kept": {
        "en": "Warning: {day} falls in {reason} and I found no free week nearby. Please move it.",
        "nl": "Let op: {day} valt in {reason} en ik vond geen vrije week in de buurt. Verplaats hem alsjeblieft.",
    },
    "meeting.added": {"en": "Meeting added: {meeting}", "nl": "Bijeenkomst toegevoegd: {meeting}"},
    "meeting.moved": {"en": "Meeting moved: {meeting}", "nl": "Bijeenkomst verplaatst: {meeting}"},
    "meeting.cancelled_note": {
        "en": "Meeting cancelled: {meeting}",
        "nl": "Bijeenkomst geannuleerd: {meeting}",
    },
    "meeting.theme_set": {"en": "Theme set: {meeting}", "nl": "Thema ingesteld: {meeting}"},
    "meeting.theme_cleared": {
        "en": "Theme cleared: {meeting}",
        "nl": "Thema gewist: {meeting}",
    },
    "meeting.blackout": {"en": "a blackout period", "nl": "een pauzeperiode"},
    "meeting.blackout_added": {
        "en": "No meetings from {start} to {end} ({label}).",
        "nl": "Geen bijeenkomsten van {start} tot en met {end} ({label}).",
    },
    "meeting.clash": {
        "en": "Warning: meeting {meeting} falls in this period. Move it with `schedule move`.",
        "nl": "Let op: bijeenkomst {meeting} valt in deze periode. Verplaats hem met `schedule move`.",
    },
    "error.no_such_meeting": {
        "en": "There is no meeting {n}. See `schedule`.",
        "nl": "Er is geen bijeenkomst {n}. Zie `schedule`.",
    },
    "error.blocked_day": {
        "en": "{day} is not a meeting day: {reason}. Pick another date.",
        "nl": "{day} is geen dag voor een bijeenkomst: {reason}. Kies een andere datum.",
    },
    "error.in_past": {"en": "That moment has already passed.", "nl": "Dat moment is al voorbij."},
    "error.meeting_not_movable": {
        "en": "Meeting {n} is already held or cancelled.",
        "nl": "Bijeenkomst {n} is al gehouden of geannuleerd.",
    },
    "error.blackout_order": {
        "en": "The end date comes before the start date.",
        "nl": "De einddatum ligt voor de begindatum.",
    },
    "error.no_start": {
        "en": "Set a start date first: `config start=YYYY-MM-DD`.",
        "nl": "Stel eerst een startdatum in: `config start=JJJJ-MM-DD`.",
    },
    "help.schedule": {
        "en": "the meetings, and what the bot will do when",
        "nl": "de bijeenkomsten, en wat de bot wanneer doet",
    },
    "usage.schedule": {
        "en": "Usage: `schedule`, `schedule add YYYY-MM-DD HH:MM`, `schedule move <n> YYYY-MM-DD HH:MM`, `schedule cancel <n>`, `schedule generate`",
        "nl": "Gebruik: `schedule`, `schedule add JJJJ-MM-DD UU:MM`, `schedule move <n> JJJJ-MM-DD UU:MM`, `schedule cancel <n>`, `schedule generate`",
    },
    "help.theme": {
        "en": "set the theme of a meeting (`theme <n> -` clears it)",
        "nl": "het thema van een bijeenkomst instellen (`theme <n> -` wist het)",
    },
    "usage.theme": {
        "en": "Usage: `theme <n> <text>`, or `theme <n> -` to clear it",
        "nl": "Gebruik: `theme <n> <tekst>`, of `theme <n> -` om het te wissen",
    },
    "help.pause": {
        "en": "a period without meetings (holidays)",
        "nl": "een periode zonder bijeenkomsten (vakanties)",
    },
    "usage.pause": {
        "en": "Usage: `pause YYYY-MM-DD YYYY-MM-DD <label>`",
        "nl": "Gebruik: `pause JJJJ-MM-DD JJJJ-MM-DD <label>`",
    },
}
