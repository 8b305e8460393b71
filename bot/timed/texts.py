TEXTS: dict[str, dict[str, str]] = {
    "timed.upcoming_title": {"en": "What I will do next:", "nl": "Wat ik hierna doe:"},
}
