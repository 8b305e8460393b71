TEXTS: dict[str, dict[str, str]] = {
    "help.status": {"en": "where the community stands", "nl": "hoe de community ervoor staat"},
    "usage.status": {"en": "Usage: `status`", "nl": "Gebruik: `status`"},
    "home.title": {"en": "copbot · {name}", "nl": "copbot · {name}"},
    "home.role": {"en": "Your role", "nl": "Je rol"},
    "home.question": {"en": "Our question", "nl": "Onze vraag"},
    "home.open_prompts": {
        "en": "*Waiting for your answer*",
        "nl": "*Wacht op je antwoord*",
    },
    "home.prompt_line": {"en": "• {kind} (since {since})", "nl": "• {kind} (sinds {since})"},
    "home.no_prompts": {
        "en": "Nothing waits for your answer right now.",
        "nl": "Er wacht nu niets op je antwoord.",
    },
    "home.footer": {
        "en": "Type `help` in this chat (or `/cop help`) for everything you can do.",
        "nl": "Typ `help` in deze chat (of `/cop help`) voor alles wat je kunt doen.",
    },
    "home.outsider": {
        "en": (
            "You are not in a Community of Practice yet. Type `join` in a community's channel "
            "to take part, or `setup <name>` in a channel to start one."
        ),
        "nl": (
            "Je zit nog niet in een Community of Practice. Typ `join` in het kanaal van een "
            "community om mee te doen, of `setup <naam>` in een kanaal om er een te beginnen."
        ),
    },
}
