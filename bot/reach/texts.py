TEXTS: dict[str, dict[str, str]] = {
    "reach.place_gone": {
        "en": "I can no longer post in the channel of *{name}*: {why} Announcements wait until I can post there again; DMs go on as usual.",
        "nl": "Ik kan niet meer posten in het kanaal van *{name}*: {why} Aankondigingen wachten tot ik daar weer kan posten; DM's gaan gewoon door.",
    },
    "reach.why.archived": {
        "en": "it was archived. Unarchive it and I pick up again.",
        "nl": "het is gearchiveerd. Haal het uit het archief en ik ga verder.",
    },
    "reach.why.deleted": {
        "en": "it was deleted. If it is restored, I pick up again.",
        "nl": "het is verwijderd. Wordt het hersteld, dan ga ik verder.",
    },
    "reach.why.removed": {
        "en": "I was removed from it. Add me again and I pick up again.",
        "nl": "ik ben eruit verwijderd. Voeg me weer toe en ik ga verder.",
    },
    "reach.back": {
        "en": "I can post for *{name}* again. {count} messages that waited are on their way.",
        "nl": "Ik kan weer posten voor *{name}*. {count} berichten die wachtten gaan nu de deur uit.",
    },
    "reach.back.one": {
        "en": "I can post for *{name}* again. {count} message that waited is on its way.",
        "nl": "Ik kan weer posten voor *{name}*. {count} bericht dat wachtte gaat nu de deur uit.",
    },
    "reach.dropped": {
        "en": "{count} came too late to still make sense and were dropped.",
        "nl": "{count} kwamen te laat om nog zin te hebben en zijn vervallen.",
    },
    "reach.dropped.one": {
        "en": "{count} came too late to still make sense and was dropped.",
        "nl": "{count} kwam te laat om nog zin te hebben en is vervallen.",
    },
    "reach.left_channel": {
        "en": "You left the channel of *{name}*. Do you want to leave the community too? Until you choose, you stay a member.",
        "nl": "Je hebt het kanaal van *{name}* verlaten. Wil je ook de community verlaten? Tot je kiest, blijf je lid.",
    },
    "reach.leave_button": {"en": "Leave the community", "nl": "Verlaat de community"},
    "reach.stay_button": {"en": "Stay a member", "nl": "Blijf lid"},
    "reach.stayed": {
        "en": "You stay a member of {name}.",
        "nl": "Je blijft lid van {name}.",
    },
}
