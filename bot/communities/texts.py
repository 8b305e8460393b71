TEXTS: dict[str, dict[str, str]] = {
    "community.created": {
        "en": 'Community *{name}* is set up in this channel. Members join with `join`. Organisers: set the question and the start with for example `config question="How do we ...?" start=2027-01-14 time=14:00`.',
        "nl": 'Community *{name}* is opgezet in dit kanaal. Leden doen mee met `join`. Organisatoren: stel het vraagstuk en de start in met bijvoorbeeld `config question="Hoe ...?" start=2027-01-14 time=14:00`.',
    },
    "community.config_title": {"en": "Settings of {name}", "nl": "Instellingen van {name}"},
    "community.configured": {"en": "Saved: {settings}", "nl": "Opgeslagen: {settings}"},
    "community.size_crossed": {
        "en": "*{name}* now has {size} active members. A CoP works best with about 20 people (8 to 25): small enough to know each other, big enough for diversity.",
        "nl": "*{name}* heeft nu {size} actieve leden. Een CoP werkt het best met zo'n 20 mensen (8 tot 25): klein genoeg om elkaar te kennen, groot genoeg voor diversiteit.",
    },
    "community.size_warning": {
        "en": "Note: a CoP works best with about 20 people (8 to 25). A target of {size} is outside that range.",
        "nl": "Let op: een CoP werkt het best met zo'n 20 mensen (8 tot 25). Een doel van {size} valt daarbuiten.",
    },
    "community.question": {"en": "Question", "nl": "Vraagstuk"},
    "community.ambition": {"en": "Ambition", "nl": "Ambitie"},
    "community.members": {"en": "Members", "nl": "Leden"},
    "community.your_role": {"en": "Your role", "nl": "Jouw rol"},
    "error.setup_in_dm": {
        "en": "Set up a community in a channel (or group chat), so its members can find it.",
        "nl": "Zet een community op in een kanaal (of groepschat), zodat de leden haar kunnen vinden.",
    },
    "error.already_setup": {
        "en": "This channel already hosts the community *{name}*.",
        "nl": "In dit kanaal woont al de community *{name}*.",
    },
    "error.bad_key": {
        "en": "`{key}` is not a setting. Settings: {keys}.",
        "nl": "`{key}` is geen instelling. Instellingen: {keys}.",
    },
    "error.empty_value": {"en": "`{key}` needs a value.", "nl": "`{key}` heeft een waarde nodig."},
    "error.bad_pair": {
        "en": "`{token}` is not in the form key=value.",
        "nl": "`{token}` heeft niet de vorm sleutel=waarde.",
    },
    "error.bad_weekday": {
        "en": "`{value}` is not a weekday. Use mon, tue, wed, thu, fri, sat or sun.",
        "nl": "`{value}` is geen weekdag. Gebruik ma, di, wo, do, vr, za of zo.",
    },
    "error.bad_tz": {
        "en": "`{value}` is not a timezone I know. Use an IANA name such as Europe/Amsterdam.",
        "nl": "`{value}` is geen tijdzone die ik ken. Gebruik een IANA-naam zoals Europe/Amsterdam.",
    },
    "error.bad_yes_no": {
        "en": "Use yes or no, not `{value}`.",
        "nl": "Gebruik ja of nee, niet `{value}`.",
    },
    "error.bad_digest": {
        "en": 'Give the digest moment as a weekday and a time, for example digest="mon 09:00".',
        "nl": 'Geef het moment van het overzicht als weekdag en tijd, bijvoorbeeld digest="ma 09:00".',
    },
    "error.bad_quiet": {
        "en": "Give quiet hours as HH:MM-HH:MM (for example 22:00-07:00) or off.",
        "nl": "Geef stille uren als UU:MM-UU:MM (bijvoorbeeld 22:00-07:00) of uit.",
    },
    "error.end_before_start": {
        "en": "The end ({value}) must come after the start.",
        "nl": "Het einde ({value}) moet na de start liggen.",
    },
    "error.end_in_past": {
        "en": "The end ({value}) has already passed.",
        "nl": "Het einde ({value}) is al voorbij.",
    },
    "error.out_of_range": {
        "en": "`{key}={value}` is outside what makes sense for a CoP: use {low} to {high}.",
        "nl": "`{key}={value}` valt buiten wat zinnig is voor een CoP: gebruik {low} tot en met {high}.",
    },
    "error.trajectory_too_long": {
        "en": "A trajectory lasts at most {months} months: with this start the end can be {latest} at the latest, not {end}.",
        "nl": "Een traject duurt hoogstens {months} maanden: met deze start kan het einde uiterlijk {latest} zijn, niet {end}.",
    },
    "error.bad_holidays": {
        "en": "`{value}` is not a country I know the public holidays of. Use `none`, or one of: {codes}.",
        "nl": "`{value}` is geen land waarvan ik de feestdagen ken. Gebruik `none`, of een van: {codes}.",
    },
    "error.bad_lang": {"en": "Language must be nl or en.", "nl": "De taal moet nl of en zijn."},
    "error.bad_facilitation": {
        "en": "Facilitation is `core` (a core group rotates) or `all` (everyone rotates).",
        "nl": "Facilitatie is `core` (een kerngroep rouleert) of `all` (iedereen rouleert).",
    },
    "help.setup": {
        "en": "start a community in this channel",
        "nl": "start een community in dit kanaal",
    },
    "usage.setup": {"en": "Usage: `setup <name>`", "nl": "Gebruik: `setup <naam>`"},
    "help.config": {"en": "show or change settings", "nl": "instellingen bekijken of wijzigen"},
    "usage.config": {
        "en": "Usage: `config key=value ...` (values with spaces in double quotes). Without arguments: show all settings.",
        "nl": "Gebruik: `config sleutel=waarde ...` (waarden met spaties tussen dubbele aanhalingstekens). Zonder argumenten: alle instellingen tonen.",
    },
}
