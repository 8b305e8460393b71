TEXTS: dict[str, dict[str, str]] = {
    "files.offer": {
        "en": "{name} from copbot ({size}). Accept to receive the whole file.",
        "nl": "{name} van copbot ({size}). Accepteer om het hele bestand te ontvangen.",
    },
    "files.declined": {
        "en": "Fine, I have not sent {name}. Ask again whenever you want it.",
        "nl": "Prima, ik heb {name} niet gestuurd. Vraag het gerust opnieuw als je het wilt.",
    },
    "files.gone": {
        "en": "That file is no longer waiting for you (it was sent, declined or is more than a week old). Ask again to get a fresh one.",
        "nl": "Dat bestand wacht niet meer op je (het is al verstuurd, geweigerd of ouder dan een week). Vraag het opnieuw voor een nieuw exemplaar.",
    },
    "files.failed": {
        "en": "I could not upload {name}. Please ask again in a moment.",
        "nl": "Het uploaden van {name} lukte niet. Vraag het zo opnieuw.",
    },
}
