TEXTS: dict[str, dict[str, str]] = {
    "timed.upcoming_title": {"en": "What I will do next:", "nl": "Wat ik hierna doe:"},
    "timed.kind.rotation": {"en": "choose the facilitators", "nl": "facilitatoren kiezen"},
    "timed.kind.checkin_prompt": {"en": "send the check-in", "nl": "check-in versturen"},
    "timed.kind.checkin_reminder": {
        "en": "remind who has not checked in",
        "nl": "herinnering check-in",
    },
    "timed.kind.facilitator_brief": {
        "en": "brief the facilitators",
        "nl": "briefing voor de facilitatoren",
    },
    "timed.kind.meeting_held": {"en": "meeting ends", "nl": "bijeenkomst eindigt"},
    "timed.kind.evaluation_prompt": {"en": "ask for the evaluation", "nl": "evaluatie vragen"},
    "timed.kind.evaluation_close": {"en": "close the evaluation", "nl": "evaluatie sluiten"},
    "timed.kind.buddy_pairing": {"en": "make new buddy pairs", "nl": "nieuwe buddy-paren maken"},
    "timed.kind.buddy_nudge": {"en": "nudge the buddy pairs", "nl": "buddy-paren aansporen"},
    "timed.kind.digest": {
        "en": "send the organiser digest",
        "nl": "overzicht naar de organisatoren",
    },
}
