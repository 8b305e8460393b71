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
    "logbook.share_offer": {
        "en": "Share it with the group? It then appears in the channel, and in the digest and the report with your name. Otherwise it stays without your name.",
        "nl": "Delen met de groep? Dan verschijnt het in het kanaal, en met je naam in het overzicht en de rapportage. Anders blijft het zonder je naam.",
    },
    "logbook.share_button": {"en": "Share with the group", "nl": "Deel met de groep"},
    "logbook.shared": {
        "en": "Shared with the group. Well done!",
        "nl": "Gedeeld met de groep. Goed gedaan!",
    },
    "logbook.shared_post": {
        "en": "🎉 A success from {who}: {text}",
        "nl": "🎉 Een succes van {who}: {text}",
    },
    "logbook.error.not_yours": {
        "en": "Only its author can share a success.",
        "nl": "Alleen wie het succes noteerde kan het delen.",
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
    "logbook.kind.progress": {"en": "learning goal", "nl": "leerdoel"},
    "logbook.kind.contact": {"en": "buddy", "nl": "maatje"},
    "logbook.contact.sent": {
        "en": "wrote to your buddy through copbot",
        "nl": "schreef je maatje via copbot",
    },
    "logbook.contact.received": {
        "en": "your buddy wrote to you through copbot",
        "nl": "je maatje schreef je via copbot",
    },
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
    "logbook.goal_question": {
        "en": "How is your learning goal going?",
        "nl": "Hoe gaat het met je leerdoel?",
    },
    "logbook.goal_reminder": {"en": "Your goal: {goal}", "nl": "Je doel: {goal}"},
    "logbook.goal_how": {
        "en": "Reply here in a sentence or two: what moved, what is in the way? It goes into your logbook (only you see it).",
        "nl": "Antwoord hier in een zin of twee: wat is er veranderd, wat zit in de weg? Het komt in je logboek (alleen jij ziet het).",
    },
    "logbook.goal_form_title": {"en": "Your learning goal", "nl": "Je leerdoel"},
    "logbook.saved.progress": {
        "en": "Thank you! It is in your logbook (`log` shows it).",
        "nl": "Dank je! Het staat in je logboek (`log` laat het zien).",
    },
    "logbook.error.empty_progress": {
        "en": "Please write a sentence about how your learning goal is going.",
        "nl": "Schrijf alsjeblieft een zin over hoe het met je leerdoel gaat.",
    },
    "home.kind.goal": {"en": "Your learning goal", "nl": "Je leerdoel"},
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.goal": {"en": "Your learning goal", "nl": "Je leerdoel"},
    "timed.kind.goal_checkin": {
        "en": "ask how the learning goals are going",
        "nl": "vragen hoe het met de leerdoelen gaat",
    },
}
