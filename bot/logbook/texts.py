TEXTS: dict[str, dict[str, str]] = {
    "logbook.saved.goal": {
        "en": "Goal noted in your logbook.",
        "nl": "Doel genoteerd in je logboek.",
    },
    "logbook.saved.log": {"en": "Noted in your logbook.", "nl": "Genoteerd in je logboek."},
    "logbook.saved.success": {
        "en": "Congratulations! Your success is in your logbook and will be celebrated in the digest.",
        "nl": "Gefeliciteerd! Je succes staat in je logboek en wordt gevierd in het overzicht.",
    },
    "logbook.empty": {
        "en": "Your logbook is empty. Add to it with `log <text>`, `goal <text>` or `success <text>`.",
        "nl": "Je logboek is leeg. Vul het aan met `log <tekst>`, `goal <tekst>` of `success <tekst>`.",
    },
    "logbook.title": {"en": "Your latest logbook entries:", "nl": "Je laatste logboeknotities:"},
    "logbook.kind.goal": {"en": "goal", "nl": "doel"},
    "logbook.kind.log": {"en": "note", "nl": "notitie"},
    "logbook.kind.success": {"en": "success", "nl": "succes"},
    "logbook.kind.report": {"en": "experiment", "nl": "experiment"},
    "help.goal": {"en": "note a learning goal", "nl": "een leerdoel noteren"},
    "usage.goal": {"en": "Usage: `goal <text>`", "nl": "Gebruik: `goal <tekst>`"},
    "help.log": {
        "en": "note an action or insight (alone: show your logbook)",
        "nl": "een actie of inzicht noteren (alleen: je logboek tonen)",
    },
    "usage.log": {"en": "Usage: `log <text>`", "nl": "Gebruik: `log <tekst>`"},
    "help.success": {
        "en": "celebrate a success, big or small",
        "nl": "een succes vieren, groot of klein",
    },
    "usage.success": {"en": "Usage: `success <text>`", "nl": "Gebruik: `success <tekst>`"},
}
