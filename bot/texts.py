"""Texts shared by every slice: errors, roles, help and the usage of the general verbs."""

TEXTS: dict[str, dict[str, str]] = {
    # errors
    "error.generic": {"en": "That did not work.", "nl": "Dat lukte niet."},
    "error.internal": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "nl": "Sorry, er ging bij mij iets mis. Probeer het zo nog eens.",
    },
    # Said only when the input could not be stored: it is not kept, so the person must resend.
    "error.unavailable": {
        "en": "copbot cannot save this right now. Please try again in a minute.",
        "nl": "copbot kan dit nu niet opslaan. Probeer het over een minuut opnieuw.",
    },
    # Said only when the input is stored in the inbound journal and will be handled from there.
    "error.deferred": {
        "en": "copbot could not handle this right away, but it is saved: you get the answer as soon as it can. No need to send it again.",
        "nl": "copbot kon dit niet meteen afhandelen, maar het is bewaard: je krijgt het antwoord zodra het kan. Opnieuw sturen is niet nodig.",
    },
    "error.text_only": {
        "en": "I can only read text. Type your answer, or a command such as `help`.",
        "nl": "Ik kan alleen tekst lezen. Typ je antwoord, of een commando zoals `help`.",
    },
    "error.usage": {"en": "That command is not complete.", "nl": "Dat commando is niet compleet."},
    "error.extra_args": {
        "en": "I did not expect `{extra}` there, so I did nothing.",
        "nl": "Daar verwachtte ik geen `{extra}`, dus ik heb niets gedaan.",
    },
    "error.invalid": {"en": "I could not read that.", "nl": "Dat kon ik niet lezen."},
    "error.bad_characters": {
        "en": "I could not read that: it came with characters I cannot store. Please try again.",
        "nl": "Dat kon ik niet lezen: er zaten tekens in die ik niet kan bewaren. Probeer het nog eens.",
    },
    "error.not_found": {"en": "I could not find that.", "nl": "Dat kon ik niet vinden."},
    "error.conflict": {"en": "That is not possible right now.", "nl": "Dat kan nu niet."},
    "error.permission": {"en": "You may not do that.", "nl": "Dat mag je niet doen."},
    "error.permission.participant": {
        "en": "Only members can do that. Type `join` to join.",
        "nl": "Alleen leden kunnen dat. Typ `join` om mee te doen.",
    },
    "error.permission.facilitator": {
        "en": "Only a facilitator or organiser can do that.",
        "nl": "Alleen een facilitator of organisator kan dat.",
    },
    "error.permission.organiser": {
        "en": "Only an organiser can do that.",
        "nl": "Alleen een organisator kan dat.",
    },
    "error.not_member": {
        "en": "You are not a member of this community yet. Type `join` to join.",
        "nl": "Je bent nog geen lid van deze community. Typ `join` om mee te doen.",
    },
    "error.no_community": {
        "en": "There is no community here yet. In a channel, a future organiser can start one with `setup <name>`.",
        "nl": "Hier is nog geen community. Een organisator kan er in een kanaal een starten met `setup <naam>`.",
    },
    "error.unknown_verb": {
        "en": "I don't know the command `{verb}`. Type `help` to see what I can do.",
        "nl": "Het commando `{verb}` ken ik niet. Typ `help` om te zien wat ik kan.",
    },
    "error.unknown_action": {
        "en": "That button is no longer active.",
        "nl": "Die knop werkt niet meer.",
    },
    "error.unclosed_quote": {
        "en": 'A quote is not closed. Put values with spaces between double quotes, like name="My CoP".',
        "nl": 'Er ontbreekt een afsluitend aanhalingsteken. Zet waarden met spaties tussen dubbele aanhalingstekens, zoals name="Mijn CoP".',
    },
    "error.too_long": {
        "en": "That is too long: at most {limit} characters, please.",
        "nl": "Dat is te lang: maximaal {limit} tekens graag.",
    },
    "error.bad_date": {
        "en": "`{value}` is not a date I understand. Use YYYY-MM-DD, for example 2026-03-05.",
        "nl": "`{value}` is geen datum die ik begrijp. Gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-05.",
    },
    "error.bad_time": {
        "en": "`{value}` is not a time I understand. Use HH:MM, for example 14:30.",
        "nl": "`{value}` is geen tijd die ik begrijp. Gebruik UU:MM, bijvoorbeeld 14:30.",
    },
    "error.nonexistent_time": {
        "en": "{value} does not exist in this timezone (the clocks skip that hour). Pick another time.",
        "nl": "{value} bestaat niet in deze tijdzone (de klok slaat dat uur over). Kies een andere tijd.",
    },
    "error.bad_duration": {
        "en": "`{value}` is not a duration I understand. Use for example 3d, 2h, 15m or 0m.",
        "nl": "`{value}` is geen duur die ik begrijp. Gebruik bijvoorbeeld 3d, 2h, 15m of 0m.",
    },
    "error.bad_number": {
        "en": "`{value}` is not a number I can use here.",
        "nl": "`{value}` is geen getal dat ik hier kan gebruiken.",
    },
    "error.no_such_member": {
        "en": "I could not find {who} among the members.",
        "nl": "Ik kan {who} niet vinden onder de leden.",
    },
    "error.no_open_prompt": {
        "en": "Thanks! I have no open question for you right now. Type `help` to see what you can do.",
        "nl": "Dank je! Ik heb nu geen openstaande vraag voor je. Typ `help` om te zien wat je kunt doen.",
    },
    "error.prompt_closed": {
        "en": "That question is already closed. Thanks anyway!",
        "nl": "Die vraag is al gesloten. Toch bedankt!",
    },
    "error.not_your_prompt": {
        "en": "That question was meant for someone else.",
        "nl": "Die vraag was voor iemand anders bedoeld.",
    },
    # a plain reply more than one open question could take (bot/prompts/replies.py)
    "reply.which": {
        "en": "Thanks! I have more than one question open for you, and I would rather ask than guess: which one is this your answer to? I keep your words until you choose.\n“{text}”",
        "nl": "Dank je! Ik heb meer dan één vraag voor je openstaan, en ik vraag liever dan dat ik gok: op welke vraag is dit je antwoord? Ik bewaar je woorden tot je kiest.\n“{text}”",
    },
    "reply.which_earlier": {
        "en": "Thanks! Is this your answer to the question below? I asked it a while ago, so I would rather check than guess. I keep your words until you choose.\n“{text}”",
        "nl": "Dank je! Is dit je antwoord op de vraag hieronder? Ik stelde die een tijd geleden, dus ik check het liever dan dat ik gok. Ik bewaar je woorden tot je kiest.\n“{text}”",
    },
    "reply.none_button": {"en": "None of these", "nl": "Geen van deze"},
    "reply.dropped": {
        "en": "OK, I have not filed it anywhere, and I no longer keep it.",
        "nl": "Goed, ik heb het nergens opgeslagen en bewaar het niet langer.",
    },
    "reply.gone": {
        "en": "I already filed that reply (or it was erased). Thanks!",
        "nl": "Dat antwoord heb ik al opgeslagen (of het is gewist). Toch bedankt!",
    },
    # lists: 'A, B and C'
    "list.and": {"en": " and ", "nl": " en "},
    # roles
    "role.participant": {"en": "participant", "nl": "deelnemer"},
    "role.facilitator": {"en": "facilitator", "nl": "facilitator"},
    "role.organiser": {"en": "organiser", "nl": "organisator"},
    # help
    "help.title": {
        "en": "What I can do for you ({role})",
        "nl": "Wat ik voor je kan doen ({role})",
    },
    "help.outside": {
        "en": "I am copbot: I carry the routine of a Community of Practice. Start one in a channel with `setup <name>`, or `join` one in its channel.",
        "nl": "Ik ben copbot: ik neem de routine van een Community of Practice uit handen. Start er een in een kanaal met `setup <naam>`, of doe mee met `join` in het kanaal.",
    },
    "help.intro_title": {
        "en": "copbot: the routine of your Community of Practice",
        "nl": "copbot: de routine van je Community of Practice",
    },
    "help.intro": {
        "en": (
            "I take the routine of a Community of Practice off your hands, so its members "
            "can spend their time on the content:\n"
            "• a *check-in* before each meeting: what do you bring in?\n"
            "• two *facilitators* per meeting, one for the content and one for the process, "
            "taking turns\n"
            "• *buddies* between meetings, who agree a small experiment in their own practice "
            "and report back\n"
            "• a quick *evaluation* after each meeting, as input for the next one\n"
            "• your own *logbook* of goals, notes and successes\n"
            "• a weekly *digest* for the organisers: activity set against the ambition"
        ),
        "nl": (
            "Ik neem de routine van een Community of Practice uit handen, zodat de deelnemers "
            "hun tijd aan de inhoud kunnen besteden:\n"
            "• een *check-in* voor elke bijeenkomst: wat breng je in?\n"
            "• twee *facilitatoren* per bijeenkomst, één voor de inhoud en één voor het "
            "proces, bij toerbeurt\n"
            "• *maatjes* tussen de bijeenkomsten, die samen een klein experiment in hun eigen "
            "praktijk afspreken en erop terugkomen\n"
            "• een korte *evaluatie* na elke bijeenkomst, als input voor de volgende\n"
            "• je eigen *logboek* met doelen, notities en successen\n"
            "• een wekelijks *overzicht* voor de organisatoren: de activiteit naast de ambitie"
        ),
    },
    "help.start": {
        "en": (
            "*How to start:* an organiser types `setup <name>` in a channel to start a "
            "community there. To take part, type `join` in that channel, or here in a private "
            "chat with me."
        ),
        "nl": (
            "*Zo begin je:* een organisator typt `setup <naam>` in een kanaal om daar een "
            "community te starten. Om mee te doen typ je `join` in dat kanaal, of hier in een "
            "privéchat met mij."
        ),
    },
    "help.footer": {
        "en": "Slack: `/cop <command>`. Teams: `@copbot <command>` in a channel, or just the command in a chat with me. `help <command>` explains one.",
        "nl": "Slack: `/cop <commando>`. Teams: `@copbot <commando>` in een kanaal, of gewoon het commando in een chat met mij. `help <commando>` legt er één uit.",
    },
    "help.help": {"en": "this overview", "nl": "dit overzicht"},
    "usage.help": {"en": "Usage: `help [command]`", "nl": "Gebruik: `help [commando]`"},
    "roster.unreadable": {
        "en": (
            "I could not read who is in this team or chat. Make sure copbot is added to the "
            "team (or the chat), then try again."
        ),
        "nl": (
            "Ik kon niet lezen wie er in dit team of deze chat zit. Zorg dat copbot aan het "
            "team (of de chat) is toegevoegd en probeer het dan opnieuw."
        ),
    },
    "roster.unavailable": {
        "en": (
            "I could not read this channel's members. Invite me to the channel first "
            "(`/invite @copbot`), then try again."
        ),
        "nl": (
            "Ik kon de leden van dit kanaal niet lezen. Nodig me eerst uit in het kanaal "
            "(`/invite @copbot`) en probeer het dan opnieuw."
        ),
    },
}
