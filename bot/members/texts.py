TEXTS: dict[str, dict[str, str]] = {
    "member.joined": {"en": "Welcome {who} to {name}!", "nl": "Welkom {who} bij {name}!"},
    "member.joined_you": {
        "en": "Welcome to *{name}*! The introduction and its first question follow in this chat, and the channel has heard you joined.",
        "nl": "Welkom bij *{name}*! De kennismaking en de eerste vraag volgen in deze chat, en het kanaal weet dat je erbij bent.",
    },
    "member.join_choose": {
        "en": "There are {count} communities here you can join. Which one?",
        "nl": "Hier zijn {count} communities waar je aan mee kunt doen. Welke?",
    },
    "member.join_choose.one": {
        "en": "There is one more community here you can join:",
        "nl": "Er is hier nog één community waar je aan mee kunt doen:",
    },
    "member.join_none": {
        "en": "There is no community here yet to join. An organiser starts one in a channel with `setup <name>`; then type `join` there or here.",
        "nl": "Hier is nog geen community om aan mee te doen. Een organisator start er een in een kanaal met `setup <naam>`; typ daarna `join` daar of hier.",
    },
    "member.join_closed_here": {
        "en": "The communities here are closed to you for now. Type `join` in a community's channel to ask its organisers to let you in.",
        "nl": "De communities hier zijn voor jou nog gesloten. Typ `join` in het kanaal van een community om de organisatoren te vragen je toe te laten.",
    },
    "member.join_all_already": {
        "en": "You are already a member of every community here.",
        "nl": "Je bent al lid van elke community hier.",
    },
    "member.left": {
        "en": "You have left {name}. Your notes stay yours: `my-data` shows them, `forget-me` erases them.",
        "nl": "Je hebt {name} verlaten. Je notities blijven van jou: `my-data` toont ze, `forget-me` wist ze.",
    },
    "member.list_title": {"en": "Members of {name} ({count})", "nl": "Leden van {name} ({count})"},
    "member.invite": {
        "en": "You are invited to the Community of Practice *{name}*: {question}",
        "nl": "Je bent uitgenodigd voor de Community of Practice *{name}*: {question}",
    },
    "member.invite_button": {"en": "Join", "nl": "Doe mee"},
    "member.invited": {
        "en": "I invited {count} people by DM.",
        "nl": "Ik heb {count} mensen per DM uitgenodigd.",
    },
    "member.invited.one": {
        "en": "I invited {count} person by DM.",
        "nl": "Ik heb {count} persoon per DM uitgenodigd.",
    },
    "member.sync_unavailable": {
        "en": "`members sync` invites the people of a Slack channel or Teams team; it is not available here.",
        "nl": "`members sync` nodigt de mensen van een Slack-kanaal of Teams-team uit; dat kan hier niet.",
    },
    "member.away": {"en": "away", "nl": "afwezig"},
    "member.role_set": {
        "en": "{who} is now {role}; I've let them know.",
        "nl": "{who} is nu {role}; ik heb het laten weten.",
    },
    "member.role_unchanged": {
        "en": "{who} is already {role}.",
        "nl": "{who} is al {role}.",
    },
    "member.role_told": {
        "en": "{by} made you {role} of {name}.",
        "nl": "{by} heeft je {role} gemaakt van {name}.",
    },
    "member.role_can.participant": {
        "en": "You take part as before: check-ins, evaluations, buddies and your logbook. Type `help` to see what you can do.",
        "nl": "Je doet mee zoals altijd: check-ins, evaluaties, buddy's en je logboek. Typ `help` om te zien wat je kunt doen.",
    },
    "member.role_can.facilitator": {
        "en": "You can now edit the schedule and themes, choose facilitators (`rotate`), make buddy pairs (`pair`) and send check-ins and evaluations. Type `help` to see everything.",
        "nl": "Je kunt nu de planning en thema's aanpassen, facilitatoren kiezen (`rotate`), buddy-paren maken (`pair`) en check-ins en evaluaties versturen. Typ `help` om alles te zien.",
    },
    "member.core_joined": {
        "en": "You are now in the core group that takes the facilitator turns.",
        "nl": "Je zit nu in de kerngroep die de facilitatorbeurten neemt.",
    },
    "member.core_left": {
        "en": "You are no longer in the core group that takes the facilitator turns; your upcoming turns go to the next in line.",
        "nl": "Je zit niet meer in de kerngroep die de facilitatorbeurten neemt; je komende beurten gaan naar de volgende in de rij.",
    },
    "member.role_can.organiser": {
        "en": "You can now do everything a facilitator can, and also change settings (`config`), give roles (`role`), plan pauses and receive the weekly digest. Type `help` to see everything.",
        "nl": "Je kunt nu alles wat een facilitator kan, en ook instellingen wijzigen (`config`), rollen geven (`role`), pauzes plannen en het wekelijkse overzicht ontvangen. Typ `help` om alles te zien.",
    },
    "member.away_until": {
        "en": "Enjoy your time off! I'll leave you out of prompts, pairs and rotation until {until}; you keep your place.",
        "nl": "Geniet ervan! Tot {until} laat ik je buiten vragen, buddy-paren en rotatie; je houdt je plek.",
    },
    "member.away_open": {
        "en": "You are marked away: no prompts, pairs or rotation until you type `back`.",
        "nl": "Je staat op afwezig: geen vragen, buddy-paren of rotatie tot je `back` typt.",
    },
    "member.back": {
        "en": "Welcome back! Prompts, buddy pairs and facilitator turns include you again.",
        "nl": "Welkom terug! Je krijgt weer vragen, een buddy en facilitatorbeurten.",
    },
    "member.not_away": {
        "en": "You are not marked away, so there is nothing to come back from. Going on holiday? Type `away` or `away until YYYY-MM-DD`.",
        "nl": "Je staat niet op afwezig, dus je hoeft niet terug te komen. Ga je op vakantie? Typ `away` of `away tot JJJJ-MM-DD`.",
    },
    "error.unknown_language": {
        "en": "I don't speak `{value}`. I speak {langs}; `language default` follows the community's language.",
        "nl": "`{value}` spreek ik niet. Ik spreek {langs}; `taal standaard` volgt de taal van de community.",
    },
    "error.already_member": {"en": "You are already a member.", "nl": "Je bent al lid."},
    "error.not_invited": {
        "en": "This invitation is not for you, or no longer valid. Ask an organiser of the community to invite you.",
        "nl": "Deze uitnodiging is niet voor jou, of niet meer geldig. Vraag een organisator van de community om je uit te nodigen.",
    },
    "member.request": {
        "en": "{who} would like to join {name}, a closed community. Let them in?",
        "nl": "{who} wil graag meedoen met {name}, een gesloten community. Toelaten?",
    },
    "member.approve_button": {"en": "Let in", "nl": "Toelaten"},
    "member.decline_button": {"en": "Decline", "nl": "Afwijzen"},
    "member.request_sent": {
        "en": "{name} is a closed community: I asked its organisers to let you in. I will let you know by DM.",
        "nl": "{name} is een gesloten community: ik heb de organisatoren gevraagd je toe te laten. Ik laat het je per DM weten.",
    },
    "member.request_waiting": {
        "en": "Your request to join {name} is still with its organisers. I will let you know by DM.",
        "nl": "Je verzoek om mee te doen met {name} ligt nog bij de organisatoren. Ik laat het je per DM weten.",
    },
    "member.request_was_declined": {
        "en": "The organisers of {name} did not let you in. If you think that is a mistake, ask one of them to invite you.",
        "nl": "De organisatoren van {name} hebben je niet toegelaten. Denk je dat dat een vergissing is, vraag dan een van hen je uit te nodigen.",
    },
    "member.request_approved": {
        "en": "Good news: the organisers of {name} let you in.",
        "nl": "Goed nieuws: de organisatoren van {name} hebben je toegelaten.",
    },
    "member.request_declined": {
        "en": "The organisers of {name} did not let you in this time. You can ask one of them why.",
        "nl": "De organisatoren van {name} hebben je deze keer niet toegelaten. Je kunt een van hen vragen waarom.",
    },
    "member.request_let_in": {
        "en": "{who} is in {name} now; I sent them the welcome and the intake.",
        "nl": "{who} doet nu mee met {name}; ik heb het welkom en de intake gestuurd.",
    },
    "member.request_turned_down": {
        "en": "I told {who} that they cannot join {name}.",
        "nl": "Ik heb {who} laten weten dat ze niet mee kunnen doen met {name}.",
    },
    "member.request_already_in": {
        "en": "{who} is already a member of {name}.",
        "nl": "{who} is al lid van {name}.",
    },
    "member.request_answered": {
        "en": "The request of {who} was already answered: {outcome}.",
        "nl": "Het verzoek van {who} is al beantwoord: {outcome}.",
    },
    "member.request_status.approved": {"en": "let in", "nl": "toegelaten"},
    "member.request_status.declined": {"en": "declined", "nl": "afgewezen"},
    "member.request_status.open": {"en": "still open", "nl": "staat nog open"},
    "member.request_gone": {
        "en": "That request is no longer there.",
        "nl": "Dat verzoek bestaat niet meer.",
    },
    "error.last_organiser": {
        "en": "A community needs at least one organiser. Make someone else organiser first.",
        "nl": "Een community heeft minstens één organisator nodig. Maak eerst iemand anders organisator.",
    },
    "error.bad_role": {
        "en": "`{value}` is not a role. Use participant, facilitator or organiser.",
        "nl": "`{value}` is geen rol. Gebruik deelnemer, facilitator of organisator.",
    },
    "error.in_past_date": {"en": "{value} has already passed.", "nl": "{value} is al voorbij."},
    "intake.title": {"en": "Welcome to {name}", "nl": "Welkom bij {name}"},
    "intake.intro": {
        "en": "Four short questions so the group knows who you are. Reply here, or use the form.",
        "nl": "Vier korte vragen zodat de groep weet wie je bent. Antwoord hier, of gebruik het formulier.",
    },
    "member.region_is": {
        "en": "Your school holiday region: {region}. Change it with `region noord|midden|zuid` (or a province); `region -` clears it.",
        "nl": "Je schoolvakantieregio: {region}. Wijzig hem met `regio noord|midden|zuid` (of een provincie); `regio -` wist hem.",
    },
    "member.region_set": {
        "en": "Saved: your school holiday region is {region}. Organisers hear about meetings in its school holidays.",
        "nl": "Opgeslagen: je schoolvakantieregio is {region}. Organisatoren horen het van bijeenkomsten in die schoolvakanties.",
    },
    "help.region": {
        "en": "your school holiday region (noord, midden, zuid)",
        "nl": "je schoolvakantieregio (noord, midden, zuid)",
    },
    "usage.region": {
        "en": "Usage: `region`, `region noord|midden|zuid` (or your province), `region -`",
        "nl": "Gebruik: `regio`, `regio noord|midden|zuid` (of je provincie), `regio -`",
    },
    "intake.q.region": {
        "en": "And one more, optional (so the organisers hear about meetings in your school holidays; `-` skips it, your province is fine too): in which school holiday region do you live, noord, midden or zuid?",
        "nl": "En tot slot, niet verplicht (zo horen de organisatoren van bijeenkomsten in jouw schoolvakanties; `-` slaat over, je provincie mag ook): in welke schoolvakantieregio woon je, noord, midden of zuid?",
    },
    "intake.error.region": {
        "en": "`{value}` is not a region I know. Answer noord, midden or zuid, or a province such as Utrecht or Limburg; `-` skips the question.",
        "nl": "`{value}` is geen regio die ik ken. Antwoord noord, midden of zuid, of een provincie zoals Utrecht of Limburg; `-` slaat de vraag over.",
    },
    "intake.progress": {"en": "({step}/{total})", "nl": "({step}/{total})"},
    "intake.q.organisation": {
        "en": "Which organisation do you work for?",
        "nl": "Voor welke organisatie werk je?",
    },
    "intake.q.discipline": {
        "en": "What is your discipline or profession?",
        "nl": "Wat is je vakgebied of beroep?",
    },
    "intake.q.practice_case": {
        "en": "Which case from your own practice do you bring in?",
        "nl": "Welke casus uit je eigen praktijk breng je in?",
    },
    "intake.q.learning_goals": {
        "en": "What do you want to learn here?",
        "nl": "Wat wil je hier leren?",
    },
    "intake.form_title": {"en": "About you", "nl": "Over jou"},
    "intake.done": {
        "en": "Thank you! That helps the group get to know you. `log`, `goal` and `success` keep your logbook.",
        "nl": "Dank je! Zo leert de groep je kennen. Met `log`, `goal` en `success` houd je je logboek bij.",
    },
    "prompt.form_button": {"en": "Answer in a form", "nl": "Antwoord via formulier"},
    "prompt.submit": {"en": "Send", "nl": "Versturen"},
    "welcome.title": {"en": "Welcome to {name}, {who}", "nl": "Welkom bij {name}, {who}"},
    "welcome.themes": {"en": "Themes so far:", "nl": "Thema's tot nu toe:"},
    "welcome.highlights": {"en": "Recent highlights:", "nl": "Recente hoogtepunten:"},
    "welcome.next": {
        "en": "Before each meeting I'll ask what you bring in; afterwards, how it went. Type `help` any time.",
        "nl": "Voor elke bijeenkomst vraag ik wat je inbrengt; daarna hoe het was. Typ altijd `help`.",
    },
    "help.join": {"en": "join this community", "nl": "lid worden van deze community"},
    "usage.join": {
        "en": "Usage: `join` in the community's channel, or in a private chat with me",
        "nl": "Gebruik: `join` in het kanaal van de community, of in een privéchat met mij",
    },
    "help.leave": {"en": "leave the community", "nl": "de community verlaten"},
    "usage.leave": {"en": "Usage: `leave`", "nl": "Gebruik: `leave`"},
    "help.members": {"en": "who is in the community", "nl": "wie er in de community zitten"},
    "usage.members": {
        "en": "Usage: `members` (in Slack and Teams also `members sync`: invite the channel's people)",
        "nl": "Gebruik: `members` (in Slack en Teams ook `members sync`: de mensen van het kanaal uitnodigen)",
    },
    "help.role": {"en": "give someone a role", "nl": "iemand een rol geven"},
    "usage.role": {
        "en": "Usage: `role <@user> participant|facilitator|organiser`",
        "nl": "Gebruik: `role <@gebruiker> deelnemer|facilitator|organisator`",
    },
    "help.language": {
        "en": "the language copbot speaks to you: `language nl`, `language en` or `language default`",
        "nl": "de taal waarin copbot je aanspreekt: `taal nl`, `taal en` of `taal standaard`",
    },
    "usage.language": {
        "en": "Usage: `language nl|en|default`",
        "nl": "Gebruik: `taal nl|en|standaard`",
    },
    "member.language": {
        "en": "From now on I speak {lang} with you.",
        "nl": "Vanaf nu spreek ik {lang} met je.",
    },
    "help.timezone": {
        "en": "your time zone (your quiet hours): `timezone Europe/Amsterdam`; `timezone auto` follows Slack or Teams again",
        "nl": "je tijdzone (je stille uren): `tijdzone Europe/Amsterdam`; `tijdzone automatisch` volgt Slack of Teams weer",
    },
    "usage.timezone": {
        "en": "Usage: `timezone`, `timezone <IANA name>` (such as Europe/Amsterdam), `timezone auto`",
        "nl": "Gebruik: `tijdzone`, `tijdzone <IANA-naam>` (zoals Europe/Amsterdam), `tijdzone automatisch`",
    },
    "member.tz_set": {
        "en": "Saved: your time zone is {tz}, whatever Slack or Teams says. `timezone auto` follows them again.",
        "nl": "Opgeslagen: je tijdzone is {tz}, wat Slack of Teams ook zegt. `tijdzone automatisch` volgt hen weer.",
    },
    "member.tz_auto": {
        "en": "From now on your time zone follows Slack or Teams.",
        "nl": "Vanaf nu volgt je tijdzone Slack of Teams.",
    },
    "member.tz_chosen": {
        "en": "Your time zone: {tz} (your own choice). `timezone auto` follows Slack or Teams again.",
        "nl": "Je tijdzone: {tz} (je eigen keuze). `tijdzone automatisch` volgt Slack of Teams weer.",
    },
    "member.tz_platform": {
        "en": "Your time zone: {tz} (as Slack or Teams says). Choose your own with `timezone Europe/Amsterdam`.",
        "nl": "Je tijdzone: {tz} (zoals Slack of Teams zegt). Kies je eigen met `tijdzone Europe/Amsterdam`.",
    },
    "lang.en": {"en": "English", "nl": "Engels"},
    "lang.nl": {"en": "Dutch", "nl": "Nederlands"},
    "help.away": {
        "en": "holiday: pause your prompts, pairs and turns",
        "nl": "vakantie: je vragen, paren en beurten pauzeren",
    },
    "usage.away": {
        "en": "Usage: `away [until YYYY-MM-DD]`",
        "nl": "Gebruik: `away [tot JJJJ-MM-DD]`",
    },
    "help.back": {"en": "end your holiday", "nl": "je vakantie beëindigen"},
    "usage.back": {"en": "Usage: `back`", "nl": "Gebruik: `back`"},
    "intake.reminder": {
        "en": "A reminder from {name}: your introduction is not finished yet. With your organisation and learning goal I can pair you with a buddy from another organisation.",
        "nl": "Een herinnering van {name}: je kennismaking is nog niet af. Met je organisatie en leerdoel kan ik je koppelen aan een buddy van een andere organisatie.",
    },
    "member.email_shared": {
        "en": "Your buddies are shown {email} from now on, next to your name and organisation. `share email off` takes it back.",
        "nl": "Je buddy's zien voortaan {email}, naast je naam en organisatie. `share email off` trekt het in.",
    },
    "member.email_off": {
        "en": "Your e-mail address is no longer shown to your buddies.",
        "nl": "Je e-mailadres wordt niet meer aan je buddy's getoond.",
    },
    "member.email_is": {
        "en": "Your buddies are shown {email}. `share email off` takes it back.",
        "nl": "Je buddy's zien {email}. `share email off` trekt het in.",
    },
    "member.email_none": {
        "en": "You share no e-mail address. `share email you@example.org` shows it to your buddies (who may be on another platform).",
        "nl": "Je deelt geen e-mailadres. `share email jij@voorbeeld.nl` laat het je buddy's zien (die op een ander platform kunnen zitten).",
    },
    "member.email_bad": {
        "en": "`{value}` does not look like an e-mail address.",
        "nl": "`{value}` lijkt geen e-mailadres.",
    },
    "help.share": {
        "en": "share your e-mail address with your buddies, or stop sharing it",
        "nl": "je e-mailadres met je buddy's delen, of niet meer",
    },
    "usage.share": {
        "en": "Usage: `share email <address>`, `share email off`, `share email`",
        "nl": "Gebruik: `share email <adres>` (of `deel email ...`), `share email off`, `share email`",
    },
    "home.kind.intake": {"en": "Introduction", "nl": "Kennismaking"},
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.intake": {"en": "Introduction (about you)", "nl": "Kennismaking (over jou)"},
}
