TEXTS: dict[str, dict[str, str]] = {
    "attendance.question": {
        "en": "Are you coming? Press a button, or reply 'I'm coming', 'I can't come' or 'not sure yet'.",
        "nl": "Kom je? Druk op een knop, of antwoord 'ik kom', 'ik kom niet' of 'weet ik nog niet'.",
    },
    "attendance.button.yes": {"en": "I'm coming", "nl": "Ik kom"},
    "attendance.button.no": {"en": "I can't come", "nl": "Ik kom niet"},
    "attendance.button.maybe": {"en": "Not sure yet", "nl": "Weet ik nog niet"},
    "attendance.noted.yes": {
        "en": "Noted: you're coming to meeting {n}. See you there!",
        "nl": "Genoteerd: je komt naar bijeenkomst {n}. Tot dan!",
    },
    "attendance.noted.no": {
        "en": "Noted: you can't come to meeting {n}. Thanks for letting us know; you keep your place in the facilitator rotation.",
        "nl": "Genoteerd: je komt niet naar bijeenkomst {n}. Fijn dat je het laat weten; je houdt je plek in de facilitatorrotatie.",
    },
    "attendance.noted.maybe": {
        "en": "Noted: you don't know yet whether you can come to meeting {n}. I'll ask once more before it.",
        "nl": "Genoteerd: je weet nog niet of je naar bijeenkomst {n} kunt komen. Ik vraag het nog één keer.",
    },
    "attendance.then_bring_in": {
        "en": "And what do you bring in? A question, a case or an insight from your own practice.",
        "nl": "En wat breng je in? Een vraag, een casus of een inzicht uit je eigen praktijk.",
    },
    "attendance.head_count": {
        "en": "Expected: {coming} coming, {not_coming} not, {undecided} not sure yet, {silent} no answer yet.",
        "nl": "Verwacht: {coming} komen, {not_coming} niet, {undecided} weten het nog niet, {silent} nog geen antwoord.",
    },
    "attendance.title": {
        "en": "Attendance at meeting {meeting}",
        "nl": "Aanwezigheid bij bijeenkomst {meeting}",
    },
    "attendance.list.yes": {"en": "Coming: {names}", "nl": "Komen: {names}"},
    "attendance.list.no": {"en": "Not coming: {names}", "nl": "Komen niet: {names}"},
    "attendance.list.maybe": {"en": "Not sure yet: {names}", "nl": "Weten het nog niet: {names}"},
    "attendance.list.came": {"en": "Came: {names}", "nl": "Waren er: {names}"},
    "attendance.list.absent": {"en": "Absent: {names}", "nl": "Waren er niet: {names}"},
    "attendance.not_recorded": {
        "en": "Who came is recorded when the meeting ends (those who said they come); facilitators correct it with `attendance {n} came @name` or `attendance {n} absent @name`.",
        "nl": "Wie er was wordt vastgelegd als de bijeenkomst eindigt (wie zei te komen); facilitatoren corrigeren met `aanwezigheid {n} wel @naam` of `aanwezigheid {n} niet @naam`.",
    },
    "attendance.corrected.came": {
        "en": "Recorded as present at meeting {n}: {names}.",
        "nl": "Vastgelegd als aanwezig bij bijeenkomst {n}: {names}.",
    },
    "attendance.corrected.absent": {
        "en": "Recorded as absent at meeting {n}: {names}.",
        "nl": "Vastgelegd als afwezig bij bijeenkomst {n}: {names}.",
    },
    "attendance.error.not_yet": {
        "en": "Meeting {n} has not taken place yet: who came can be recorded once it has begun.",
        "nl": "Bijeenkomst {n} heeft nog niet plaatsgevonden: wie er was kun je vastleggen zodra hij begonnen is.",
    },
    "attendance.error.past": {
        "en": "Meeting {n} has already begun: it is too late to say whether you come.",
        "nl": "Bijeenkomst {n} is al begonnen: het is te laat om te zeggen of je komt.",
    },
    "attendance.error.cancelled": {
        "en": "Meeting {n} is cancelled.",
        "nl": "Bijeenkomst {n} is geannuleerd.",
    },
    "attendance.error.no_meeting": {
        "en": "There is no next meeting planned.",
        "nl": "Er is geen volgende bijeenkomst gepland.",
    },
    "attendance.error.bad_word": {
        "en": "Say yes, no or maybe: `coming yes`, `coming no`, `coming maybe` (with a meeting number for another meeting than the next).",
        "nl": "Zeg ja, nee of misschien: `kom ja`, `kom nee`, `kom misschien` (met een nummer voor een andere bijeenkomst dan de volgende).",
    },
    "help.coming": {
        "en": "say whether you come to the next meeting (or meeting n)",
        "nl": "zeg of je naar de volgende bijeenkomst (of bijeenkomst n) komt",
    },
    "usage.coming": {
        "en": "Usage: `coming yes|no|maybe [<n>]`",
        "nl": "Gebruik: `kom ja|nee|misschien [<n>]`",
    },
    "help.attendance": {
        "en": "who comes and who came; facilitators correct the list after the meeting",
        "nl": "wie er komt en wie er was; facilitatoren corrigeren de lijst na de bijeenkomst",
    },
    "usage.attendance": {
        "en": "Usage: `attendance [<n>]`, and for facilitators `attendance <n> came|absent @name …`",
        "nl": "Gebruik: `aanwezigheid [<n>]`, en voor facilitatoren `aanwezigheid <n> wel|niet @naam …`",
    },
    "digest.attendance_last": {
        "en": "Attendance at the last meeting: {came} of {recorded}",
        "nl": "Aanwezig bij de laatste bijeenkomst: {came} van {recorded}",
    },
    "digest.flag.absent_twice": {
        "en": "{count} members were absent from the last two meetings: {names}. A personal word may help.",
        "nl": "{count} leden waren niet bij de laatste twee bijeenkomsten: {names}. Een persoonlijk woord kan helpen.",
    },
    "digest.flag.absent_twice.one": {
        "en": "1 member was absent from the last two meetings: {names}. A personal word may help.",
        "nl": "1 lid was niet bij de laatste twee bijeenkomsten: {names}. Een persoonlijk woord kan helpen.",
    },
}
