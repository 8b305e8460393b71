TEXTS: dict[str, dict[str, str]] = {
    "facilitation.role.content": {"en": "content", "nl": "inhoud"},
    "facilitation.role.process": {"en": "process", "nl": "proces"},
    "facilitation.tip.content": {
        "en": "Content: you keep the shared question central, bring in knowledge and examples, and help the group go deeper.",
        "nl": "Inhoud: je houdt het gezamenlijke vraagstuk centraal, brengt kennis en voorbeelden in en helpt de groep de diepte in te gaan.",
    },
    "facilitation.tip.process": {
        "en": "Process: you make room for connection first, watch the time and the working methods, and keep the responsibility with the group.",
        "nl": "Proces: je zorgt eerst voor verbinding, bewaakt de tijd en de werkvormen, en legt de verantwoordelijkheid bij de groep.",
    },
    "facilitation.nobody_yet": {"en": "not chosen yet", "nl": "nog niet gekozen"},
    "facilitation.pair": {
        "en": "{content} (content) and {process} (process)",
        "nl": "{content} (inhoud) en {process} (proces)",
    },
    "facilitation.assigned.title": {
        "en": "You facilitate meeting {meeting}",
        "nl": "Jij faciliteert bijeenkomst {meeting}",
    },
    "facilitation.assigned.role": {
        "en": "Your role: {role}.",
        "nl": "Jouw rol: {role}.",
    },
    "facilitation.assigned.partner": {
        "en": "{partner} takes the {partner_role} role; together you complement each other.",
        "nl": "{partner} neemt de rol {partner_role}; samen vullen jullie elkaar aan.",
    },
    "facilitation.assigned.next": {
        "en": "Before the meeting I send you both a brief with the check-ins. Can't make it? Type `pass {n}`, or ask someone to take over with `swap {n} @you @someone`.",
        "nl": "Voor de bijeenkomst stuur ik jullie allebei een briefing met de check-ins. Kun je niet? Typ `pass {n}`, of vraag iemand het over te nemen met `swap {n} @jij @iemand`.",
    },
    "facilitation.released": {
        "en": "Change of plan: you no longer facilitate meeting {meeting} ({role}). You keep your place in the rotation.",
        "nl": "Wijziging: je faciliteert bijeenkomst {meeting} ({role}) toch niet. Je houdt je plek in de rotatie.",
    },
    "facilitation.announce": {
        "en": "Facilitators of meeting {meeting}",
        "nl": "Facilitatoren van bijeenkomst {meeting}",
    },
    # listing and rotating
    "facilitation.list_title": {
        "en": "Facilitators of the coming meetings of {name}",
        "nl": "Facilitatoren van de komende bijeenkomsten van {name}",
    },
    "facilitation.list_none": {
        "en": "There are no coming meetings. See `schedule`.",
        "nl": "Er zijn geen komende bijeenkomsten. Zie `schedule`.",
    },
    "facilitation.mode.all": {
        "en": "The roles rotate in the whole group.",
        "nl": "De rollen rouleren binnen de hele groep.",
    },
    "facilitation.mode.core": {
        "en": "The roles rotate in the core group: the organisers and facilitators (an organiser gives the role with `role @someone facilitator`).",
        "nl": "De rollen rouleren binnen de kerngroep: de organisatoren en facilitatoren (een organisator geeft die rol met `role @iemand facilitator`).",
    },
    "facilitation.rotated": {
        "en": "Meeting {meeting}: {pair}. I told them and the channel.",
        "nl": "Bijeenkomst {meeting}: {pair}. Ik heb het hun en het kanaal laten weten.",
    },
    "facilitation.rotated_same": {
        "en": "Meeting {meeting}: still {pair}; the rotation gives the same pair.",
        "nl": "Bijeenkomst {meeting}: nog steeds {pair}; de rotatie geeft hetzelfde duo.",
    },
    # pass
    "facilitation.pass.note": {
        "en": "{who} cannot make it; {taker} takes over the {role} role.",
        "nl": "{who} kan niet; {taker} neemt de rol {role} over.",
    },
    "facilitation.pass.done": {
        "en": "Done: {taker} takes over your {role} role at meeting {n}.",
        "nl": "Geregeld: {taker} neemt jouw rol {role} bij bijeenkomst {n} over.",
    },
    "facilitation.pass.done_other": {
        "en": "Done: {who} cannot come to meeting {n}; {taker} takes over their {role} role. I've let {who} know.",
        "nl": "Geregeld: {who} kan niet bij bijeenkomst {n} zijn; {taker} neemt de rol {role} over. Ik heb het {who} laten weten.",
    },
    "facilitation.pass.by_other": {
        "en": "{by} passed your facilitator turn at meeting {meeting} on to {taker}.",
        "nl": "{by} heeft jouw facilitatorbeurt bij bijeenkomst {meeting} doorgegeven aan {taker}.",
    },
    # swap
    "facilitation.swap.title": {
        "en": "Swap request for meeting {meeting}",
        "nl": "Ruilverzoek voor bijeenkomst {meeting}",
    },
    "facilitation.swap.body": {
        "en": "{by} proposes that {taker} takes over the {role} role from {giver}.",
        "nl": "{by} stelt voor dat {taker} de rol {role} overneemt van {giver}.",
    },
    "facilitation.swap.ask": {
        "en": "It happens once both of you confirm.",
        "nl": "Het gaat door zodra jullie allebei bevestigen.",
    },
    "facilitation.swap.confirm": {"en": "Confirm", "nl": "Bevestigen"},
    "facilitation.swap.decline": {"en": "Decline", "nl": "Afwijzen"},
    "facilitation.swap.requested": {
        "en": "Asked {giver} and {taker} to confirm that {taker} takes over the {role} role at meeting {n}.",
        "nl": "Ik heb {giver} en {taker} gevraagd te bevestigen dat {taker} de rol {role} bij bijeenkomst {n} overneemt.",
    },
    "facilitation.swap.waiting": {
        "en": "Thanks, confirmed. Now waiting for {who}.",
        "nl": "Dank je, bevestigd. Nu wachten op {who}.",
    },
    "facilitation.swap.done": {
        "en": "The swap for meeting {meeting} is done; I told the channel.",
        "nl": "De ruil voor bijeenkomst {meeting} is rond; ik heb het kanaal ingelicht.",
    },
    "facilitation.swap.done_note": {
        "en": "Swapped: {taker} takes over the {role} role from {giver}.",
        "nl": "Geruild: {taker} neemt de rol {role} over van {giver}.",
    },
    "facilitation.swap.declined": {
        "en": "Declined; nothing changes. I let the others know.",
        "nl": "Afgewezen; er verandert niets. Ik heb de anderen ingelicht.",
    },
    "facilitation.swap.declined_note": {
        "en": "{who} declined the swap for meeting {meeting}; nothing changes.",
        "nl": "{who} heeft de ruil voor bijeenkomst {meeting} afgewezen; er verandert niets.",
    },
    "facilitation.swap.stale": {
        "en": "This swap can no longer happen: the meeting has started or the facilitators changed since. Nothing changed.",
        "nl": "Deze ruil kan niet meer: de bijeenkomst is begonnen of de facilitatoren zijn intussen veranderd. Er is niets veranderd.",
    },
    # brief
    "facilitation.brief.title": {
        "en": "Brief for meeting {meeting}",
        "nl": "Briefing voor bijeenkomst {meeting}",
    },
    "facilitation.brief.roles": {
        "en": "Your role: {role}.",
        "nl": "Jouw rol: {role}.",
    },
    "facilitation.brief.checkins": {
        "en": "Check-ins ({count}): what people bring in",
        "nl": "Check-ins ({count}): wat deelnemers inbrengen",
    },
    "facilitation.brief.report": {
        "en": "experiment: {report}",
        "nl": "experiment: {report}",
    },
    "facilitation.brief.checkins_none": {
        "en": "No check-ins yet; ask at the start what people bring in.",
        "nl": "Nog geen check-ins; vraag bij de start wat mensen inbrengen.",
    },
    "facilitation.brief.topics": {
        "en": "Topics suggested at the last evaluation:",
        "nl": "Onderwerpen voorgesteld bij de vorige evaluatie:",
    },
    "facilitation.brief.topics_none": {
        "en": "No topics were suggested at the last evaluation.",
        "nl": "Bij de vorige evaluatie zijn geen onderwerpen voorgesteld.",
    },
    "facilitation.brief.experiments": {
        "en": "Buddy experiments still running (invite a report-back):",
        "nl": "Lopende buddy-experimenten (vraag om een terugkoppeling):",
    },
    "facilitation.brief.not_run": {
        "en": "On your agenda (content): pairs whose experiment did not happen. Ask what got in the way; the group may help them start again:",
        "nl": "Op je agenda (inhoud): paren bij wie het experiment niet doorging. Vraag wat in de weg zat; de groep kan helpen opnieuw te beginnen:",
    },
    "facilitation.brief.none_agreed": {
        "en": "no experiment agreed",
        "nl": "geen experiment afgesproken",
    },
    "facilitation.brief.experiments_none": {
        "en": "No buddy experiments are running.",
        "nl": "Er lopen geen buddy-experimenten.",
    },
    "facilitation.brief.experiments_reported": {
        "en": "Every buddy experiment of this cycle was reported back.",
        "nl": "Over alle buddy-experimenten van deze periode is teruggekoppeld.",
    },
    "facilitation.brief.experiments_none_agreed": {
        "en": "⚠ None of the {count} buddy groups agreed an experiment this cycle. Worth asking why at the start of the meeting (too big a step? no time to meet?), and letting the new pairs agree theirs before everyone leaves.",
        "nl": "⚠ Geen van de {count} buddygroepjes heeft deze periode een experiment afgesproken. Vraag aan het begin van de bijeenkomst waarom (te grote stap? geen tijd om af te spreken?), en laat de nieuwe paren het hunne afspreken voordat iedereen weggaat.",
    },
    "facilitation.brief.experiments_none_agreed.one": {
        "en": "⚠ The buddy group of this cycle agreed no experiment. Worth asking why at the start of the meeting (too big a step? no time to meet?), and letting the new pairs agree theirs before everyone leaves.",
        "nl": "⚠ Het buddygroepje van deze periode heeft geen experiment afgesproken. Vraag aan het begin van de bijeenkomst waarom (te grote stap? geen tijd om af te spreken?), en laat de nieuwe paren het hunne afspreken voordat iedereen weggaat.",
    },
    "facilitation.brief.footer": {
        "en": "Close with the short evaluation: I will send it after the meeting. Good luck!",
        "nl": "Sluit af met de korte evaluatie: die stuur ik na de bijeenkomst. Succes!",
    },
    # status
    "facilitation.status.next": {
        "en": "Facilitators of the next meeting: {content} (content) and {process} (process).",
        "nl": "Facilitatoren van de volgende bijeenkomst: {content} (inhoud) en {process} (proces).",
    },
    "facilitation.status.next_none": {
        "en": "The facilitators of the next meeting are not chosen yet.",
        "nl": "De facilitatoren van de volgende bijeenkomst zijn nog niet gekozen.",
    },
    "facilitation.status.you": {
        "en": "You facilitate meeting {meeting} ({role}).",
        "nl": "Jij faciliteert bijeenkomst {meeting} ({role}).",
    },
    # errors
    "error.facilitation.meeting_past": {
        "en": "Meeting {n} has already started or is cancelled.",
        "nl": "Bijeenkomst {n} is al begonnen of geannuleerd.",
    },
    "error.facilitation.no_next_meeting": {
        "en": "There is no coming meeting. Plan one with `schedule add`.",
        "nl": "Er is geen komende bijeenkomst. Plan er een met `schedule add`.",
    },
    "error.facilitation.too_few": {
        "en": "There are not enough available members to choose two facilitators.",
        "nl": "Er zijn niet genoeg beschikbare leden om twee facilitatoren te kiezen.",
    },
    "error.facilitation.not_assigned": {
        "en": "{who} does not facilitate meeting {n}. See `facilitators`.",
        "nl": "{who} faciliteert bijeenkomst {n} niet. Zie `facilitators`.",
    },
    "error.facilitation.no_replacement": {
        "en": "Nobody else is available to take over at meeting {n}. Please ask an organiser.",
        "nl": "Er is niemand anders beschikbaar om het over te nemen bij bijeenkomst {n}. Vraag een organisator.",
    },
    "error.facilitation.swap_self": {
        "en": "Swap with someone else: `swap <n> @from @to`.",
        "nl": "Ruil met iemand anders: `swap <n> @van @naar`.",
    },
    "error.facilitation.unavailable": {
        "en": "{who} is away on that day, so cannot take over.",
        "nl": "{who} is die dag afwezig en kan het dus niet overnemen.",
    },
    "error.facilitation.swap_permission": {
        "en": "You can only offer your own turn; a facilitator or organiser can arrange others.",
        "nl": "Je kunt alleen je eigen beurt aanbieden; een facilitator of organisator kan dat voor anderen regelen.",
    },
    "error.facilitation.swap_not_yours": {
        "en": "That swap request is meant for others.",
        "nl": "Dat ruilverzoek is voor anderen bedoeld.",
    },
    "error.facilitation.no_swap": {
        "en": "I could not find that swap request.",
        "nl": "Ik kan dat ruilverzoek niet vinden.",
    },
    "error.facilitation.swap_done": {
        "en": "That swap has already happened.",
        "nl": "Die ruil is al gebeurd.",
    },
    "error.facilitation.swap_declined": {
        "en": "That swap was declined.",
        "nl": "Die ruil is afgewezen.",
    },
    "error.facilitation.swap_expired": {
        "en": "That swap request is no longer valid.",
        "nl": "Dat ruilverzoek geldt niet meer.",
    },
    # help
    "help.facilitators": {
        "en": "who facilitates the coming meetings (content and process)",
        "nl": "wie de komende bijeenkomsten faciliteert (inhoud en proces)",
    },
    "usage.facilitators": {"en": "Usage: `facilitators`", "nl": "Gebruik: `facilitators`"},
    "help.rotate": {
        "en": "choose (again) the two facilitators of the next meeting now",
        "nl": "kies nu (opnieuw) de twee facilitatoren van de volgende bijeenkomst",
    },
    "usage.rotate": {"en": "Usage: `rotate [n]`", "nl": "Gebruik: `rotate [n]`"},
    "help.swap": {
        "en": "hand a facilitator turn to someone else (both confirm)",
        "nl": "een facilitatorbeurt aan iemand anders geven (beiden bevestigen)",
    },
    "usage.swap": {
        "en": "Usage: `swap <n> @from @to`, for example `swap 3 @anna @bram`",
        "nl": "Gebruik: `swap <n> @van @naar`, bijvoorbeeld `swap 3 @anna @bram`",
    },
    "help.pass": {
        "en": "you cannot facilitate meeting n (`pass <n>`), or, for facilitators, someone else cannot come (`pass <n> @someone`): the next in line takes over",
        "nl": "je kunt bijeenkomst n niet faciliteren (`pass <n>`), of, voor facilitatoren, iemand anders kan niet komen (`pass <n> @iemand`): de volgende in de rij neemt het over",
    },
    "usage.pass": {
        "en": "Usage: `pass <n>` (you cannot come) or, for facilitators, `pass <n> <@someone>` (that person cannot come)",
        "nl": "Gebruik: `pass <n>` (je kunt niet komen) of, voor facilitatoren, `pass <n> <@iemand>` (die persoon kan niet komen)",
    },
    "timed.kind.rotation": {"en": "choose the facilitators", "nl": "facilitatoren kiezen"},
    "timed.kind.facilitator_brief": {
        "en": "brief the facilitators",
        "nl": "briefing voor de facilitatoren",
    },
}
