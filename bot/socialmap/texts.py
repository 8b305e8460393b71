TEXTS: dict[str, dict[str, str]] = {
    "map.title": {"en": "Social map of {name}", "nl": "Sociale kaart van {name}"},
    "map.legend.recent": {"en": "tie this cycle", "nl": "band deze cyclus"},
    "map.legend.last": {"en": "tie last cycle", "nl": "band vorige cyclus"},
    "map.legend.older": {"en": "earlier tie", "nl": "eerdere band"},
    "map.legend.alone": {"en": "not connected yet", "nl": "nog niet verbonden"},
    "map.pairs": {
        "en": "Organisation pairs connected: {now} of {possible} ({share}%)",
        "nl": "Verbonden paren van organisaties: {now} van {possible} ({share}%)",
    },
    "map.pairs_start": {
        "en": "Right after the first meeting: {start}",
        "nl": "Direct na de eerste bijeenkomst: {start}",
    },
    "map.clusters": {
        "en": "{count} separate groups of organisations",
        "nl": "{count} losse groepen organisaties",
    },
    "map.clusters.one": {
        "en": "All connected organisations form one network",
        "nl": "Alle verbonden organisaties vormen één netwerk",
    },
    "map.alone": {
        "en": "Not connected to any other organisation yet: {names}",
        "nl": "Nog met geen enkele andere organisatie verbonden: {names}",
    },
    "map.without": {
        "en": "{count} members have not given their organisation (intake not finished)",
        "nl": "{count} leden hebben hun organisatie niet opgegeven (intake niet afgerond)",
    },
    "map.without.one": {
        "en": "1 member has not given their organisation (intake not finished)",
        "nl": "1 lid heeft de organisatie niet opgegeven (intake niet afgerond)",
    },
    "map.empty": {
        "en": "No organisations yet: members give theirs in the intake.",
        "nl": "Nog geen organisaties: leden geven die op in de intake.",
    },
    "map.strongest": {"en": "Strongest ties: {ties}", "nl": "Sterkste banden: {ties}"},
    "help.map": {
        "en": "the social map: the organisations and the ties the programme made between them",
        "nl": "de sociale kaart: de organisaties en de banden die het programma tussen hen legde",
    },
    "usage.map": {"en": "Usage: `map`", "nl": "Gebruik: `kaart`"},
}
