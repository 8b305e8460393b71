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
        "en": "{count} meetings planned from the cadence, {first} to {last}.",
        "nl": "{count} bijeenkomsten gepland volgens de frequentie, van {first} tot en met {last}.",
    },
    "meeting.generated.one": {
        "en": "{count} meeting planned from the cadence, on {first}.",
        "nl": "{count} bijeenkomst gepland volgens de frequentie, op {first}.",
    },
    "meeting.shifted": {
        "en": "{day} falls in {reason}: moved to {to}.",
        "nl": "{day} valt samen met {reason}: verplaatst naar {to}.",
    },
    "meeting.skipped": {
        "en": "{day} falls in {reason} and there is no free week before the next meeting: no meeting there.",
        "nl": "{day} valt samen met {reason} en er is geen vrije week voor de volgende bijeenkomst: daar komt geen bijeenkomst.",
    },
    "meeting.taken_reason": {"en": "meeting {n}", "nl": "bijeenkomst {n}"},
    "meeting.plan_title": {
        "en": "This changes the schedule:",
        "nl": "Dit verandert de planning:",
    },
    "meeting.plan_unchanged": {
        "en": "The meetings stay where they are.",
        "nl": "De bijeenkomsten blijven waar ze zijn.",
    },
    "meeting.plan_new": {"en": "{n} (new): {when}", "nl": "{n} (nieuw): {when}"},
    "meeting.plan_dropped": {
        "en": "{meeting} ({when}): leaves the schedule (cancelled)",
        "nl": "{meeting} ({when}): vervalt (geannuleerd)",
    },
    "meeting.plan_kept_cancelled": {
        "en": "Cancelled meetings stay cancelled: {numbers}.",
        "nl": "Geannuleerde bijeenkomsten blijven geannuleerd: {numbers}.",
    },
    "meeting.plan_at_stake": {
        "en": "This moves or drops what was decided for meeting {meetings}.",
        "nl": "Dit verschuift of schrapt wat al besloten was voor bijeenkomst {meetings}.",
    },
    "meeting.decided.theme": {"en": "theme", "nl": "thema"},
    "meeting.decided.facilitators": {"en": "facilitators", "nl": "facilitatoren"},
    "meeting.decided.answers": {"en": "answers", "nl": "antwoorden"},
    "meeting.decided.moved_by_hand": {"en": "date set by hand", "nl": "datum met de hand gekozen"},
    "meeting.confirm_question": {
        "en": "Nothing is changed yet. Go ahead? Press Confirm or type `schedule confirm`; `schedule discard` keeps everything as it is.",
        "nl": "Er is nog niets veranderd. Doorvoeren? Druk op Bevestigen of typ `planning bevestig`; `planning verwerp` laat alles zoals het is.",
    },
    "meeting.confirm_button": {"en": "Confirm", "nl": "Bevestigen"},
    "meeting.discard_button": {"en": "Keep as it is", "nl": "Laat zo"},
    "meeting.confirm_changed": {
        "en": "The schedule changed since you were asked. This is what the change does now:",
        "nl": "De planning is veranderd sinds de vraag. Dit doet de wijziging nu:",
    },
    "meeting.confirm_none": {
        "en": "There is no schedule change waiting for your confirmation.",
        "nl": "Er wacht geen planningswijziging op je bevestiging.",
    },
    "meeting.confirm_stale": {
        "en": "That question is no longer open (answered, replaced by a newer one, or older than a day). Give the command again.",
        "nl": "Die vraag staat niet meer open (beantwoord, vervangen door een nieuwere of ouder dan een dag). Geef de opdracht opnieuw.",
    },
    "meeting.discarded": {
        "en": "Nothing changed: the schedule stays as it was.",
        "nl": "Niets veranderd: de planning blijft zoals ze was.",
    },
    "meeting.added": {"en": "Meeting added: {meeting}", "nl": "Bijeenkomst toegevoegd: {meeting}"},
    "meeting.moved": {
        "en": "Meeting moved: {before} → {meeting}",
        "nl": "Bijeenkomst verplaatst: {before} → {meeting}",
    },
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
        "en": "Pause {n}: no meetings from {start} to {end} ({label}).",
        "nl": "Pauze {n}: geen bijeenkomsten van {start} tot en met {end} ({label}).",
    },
    "meeting.blackout_removed": {
        "en": "Pause removed: {pause}",
        "nl": "Pauze verwijderd: {pause}",
    },
    "meeting.pauses_title": {"en": "Pauses of {name}", "nl": "Pauzes van {name}"},
    "meeting.pauses_none": {"en": "No pauses.", "nl": "Geen pauzes."},
    "meeting.pauses_hint": {
        "en": "Add one with `pause YYYY-MM-DD YYYY-MM-DD <label>`, remove one with `pause remove <n>`.",
        "nl": "Voeg er een toe met `pauze JJJJ-MM-DD JJJJ-MM-DD <label>`, verwijder er een met `pauze verwijder <n>`.",
    },
    "meeting.clash": {
        "en": "Warning: meeting {meeting} falls in this period. Move it with `schedule move`.",
        "nl": "Let op: bijeenkomst {meeting} valt in deze periode. Verplaats hem met `schedule move`.",
    },
    "error.no_such_pause": {
        "en": "There is no pause {n}. See `pause list`.",
        "nl": "Er is geen pauze {n}. Zie `pauze lijst`.",
    },
    "error.pause_too_long": {
        "en": "A pause lasts at most {days} days.",
        "nl": "Een pauze duurt hoogstens {days} dagen.",
    },
    "error.meeting_that_day": {
        "en": "There is already a meeting on {day}: meeting {n} at {when}. Move that one with `schedule move {n} …`, or pick another day.",
        "nl": "Op {day} is al een bijeenkomst: bijeenkomst {n} om {when}. Verplaats die met `planning verplaats {n} …`, of kies een andere dag.",
    },
    "error.meeting_begun": {
        "en": "Meeting {n} has already begun.",
        "nl": "Bijeenkomst {n} is al begonnen.",
    },
    "error.no_such_meeting": {
        "en": "There is no meeting {n}. See `schedule`.",
        "nl": "Er is geen bijeenkomst {n}. Zie `planning`.",
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
        "en": "Usage: `schedule`, `schedule add YYYY-MM-DD HH:MM`, `schedule move <n> YYYY-MM-DD HH:MM`, `schedule cancel <n>`, `schedule generate`, `schedule confirm`, `schedule discard`",
        "nl": "Gebruik: `planning`, `planning toevoegen JJJJ-MM-DD UU:MM`, `planning verplaats <n> JJJJ-MM-DD UU:MM`, `planning annuleer <n>`, `planning genereer`, `planning bevestig`, `planning verwerp`",
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
        "en": "Usage: `pause` (list), `pause YYYY-MM-DD YYYY-MM-DD <label>`, `pause remove <n>`",
        "nl": "Gebruik: `pauze` (lijst), `pauze JJJJ-MM-DD JJJJ-MM-DD <label>`, `pauze verwijder <n>`",
    },
    "school.holiday.herfst": {"en": "autumn holiday", "nl": "herfstvakantie"},
    "school.holiday.kerst": {"en": "Christmas holiday", "nl": "kerstvakantie"},
    "school.holiday.voorjaar": {"en": "spring holiday", "nl": "voorjaarsvakantie"},
    "school.holiday.mei": {"en": "May holiday", "nl": "meivakantie"},
    "school.holiday.zomer": {"en": "summer holiday", "nl": "zomervakantie"},
    "school.region": {"en": "region {region}", "nl": "regio {region}"},
    "school.all_regions": {"en": "all regions", "nl": "alle regio's"},
    "school.hit": {
        "en": "the {holiday} of region {region} ({count} members live there)",
        "nl": "de {holiday} van regio {region} (daar wonen {count} leden)",
    },
    "school.hit.one": {
        "en": "the {holiday} of region {region} ({count} member lives there)",
        "nl": "de {holiday} van regio {region} (daar woont {count} lid)",
    },
    "school.expected": {
        "en": " (expected dates, not yet confirmed)",
        "nl": " (verwachte data, nog niet bevestigd)",
    },
    "school.warning": {
        "en": "Note: meeting {n} ({when}) falls in {hits}.",
        "nl": "Let op: bijeenkomst {n} ({when}) valt in {hits}.",
    },
    "school.error.pause_words": {
        "en": "I could not read `{word}`. Give a school holiday and a region, for example `pause summer zuid 2027` or `pause autumn all`. Holidays: autumn, christmas, spring, may, summer; regions: noord, midden, zuid, all.",
        "nl": "Ik kon `{word}` niet lezen. Geef een schoolvakantie en een regio, bijvoorbeeld `pauze zomervakantie zuid 2027` of `pauze herfst alle`. Vakanties: herfst, kerst, voorjaar, mei, zomer; regio's: noord, midden, zuid, alle.",
    },
    "school.error.no_dates": {
        "en": "I have no dates for the {holiday} of {year}. `pause YYYY-MM-DD YYYY-MM-DD <label>` sets a pause by hand.",
        "nl": "Ik heb geen data voor de {holiday} van {year}. Met `pauze JJJJ-MM-DD JJJJ-MM-DD <label>` stel je een pauze met de hand in.",
    },
    "timed.kind.meeting_held": {"en": "meeting ends", "nl": "bijeenkomst eindigt"},
}
