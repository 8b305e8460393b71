TEXTS: dict[str, dict[str, str]] = {
    "buddy.and": {"en": " and ", "nl": " en "},
    "buddy.dm_title": {
        "en": "Your buddy until the next meeting",
        "nl": "Je buddy tot de volgende bijeenkomst",
    },
    "buddy.you": {"en": "you", "nl": "jij"},
    "buddy.dm_body": {
        "en": "{together} are buddies until the next meeting. Agree together on one small experiment: something you will try differently in your own practice, and keep in touch about how it goes.",
        "nl": "{together} zijn buddy's tot de volgende bijeenkomst. Spreek samen één klein experiment af: iets wat je in je eigen praktijk anders gaat proberen, en houd elkaar op de hoogte van hoe het gaat.",
    },
    "buddy.dm_agreed": {
        "en": "Your group already agreed its experiment: {text}. Join in, and report back at the next meeting.",
        "nl": "Jullie groepje heeft al een experiment afgesproken: {text}. Doe mee, en vertel er bij de volgende bijeenkomst over.",
    },
    "buddy.joined": {
        "en": "{who} joins your buddy group until the next meeting: welcome them!",
        "nl": "{who} sluit tot de volgende bijeenkomst aan bij jullie buddygroepje: heet ze welkom!",
    },
    "buddy.joined_experiment": {
        "en": "I've shared your experiment with them: {text}.",
        "nl": "Ik heb jullie experiment al gedeeld: {text}.",
    },
    "buddy.added": {
        "en": "The buddy groups of this cycle were already made; I added {names}, and told them and their new buddies by DM.",
        "nl": "De buddygroepjes van deze periode waren al gemaakt; ik heb {names} toegevoegd en hen en hun nieuwe buddy's per DM ingelicht.",
    },
    "buddy.dm_ask": {
        "en": "Reply here with your experiment (or type `experiment <text>`); I'll share it with your buddy.",
        "nl": "Antwoord hier met jullie experiment (of typ `experiment <tekst>`); ik deel het met je buddy.",
    },
    "buddy.dm_until": {"en": "Next meeting: {when}", "nl": "Volgende bijeenkomst: {when}"},
    "buddy.announce": {
        "en": "New buddy round! {count} groups until the next meeting. Everyone got their buddy by DM: agree one small experiment, keep in touch, and report back at the next meeting.",
        "nl": "Nieuwe buddyronde! {count} groepjes tot de volgende bijeenkomst. Iedereen kreeg zijn buddy per DM: spreek één klein experiment af, houd contact en vertel er bij de volgende bijeenkomst over.",
    },
    "buddy.announce.one": {
        "en": "New buddy round! {count} group until the next meeting. Everyone got their buddy by DM: agree one small experiment, keep in touch, and report back at the next meeting.",
        "nl": "Nieuwe buddyronde! {count} groepje tot de volgende bijeenkomst. Iedereen kreeg zijn buddy per DM: spreek één klein experiment af, houd contact en vertel er bij de volgende bijeenkomst over.",
    },
    "buddy.announce_more": {"en": "… and {count} more groups.", "nl": "… en nog {count} groepjes."},
    "buddy.made": {
        "en": "Made {count} buddy groups and sent everyone their buddy by DM.",
        "nl": "{count} buddygroepjes gemaakt en iedereen zijn buddy per DM gestuurd.",
    },
    "buddy.made.one": {
        "en": "Made {count} buddy group and sent everyone their buddy by DM.",
        "nl": "{count} buddygroepje gemaakt en iedereen zijn buddy per DM gestuurd.",
    },
    "buddy.announce_more.one": {
        "en": "… and {count} more group.",
        "nl": "… en nog {count} groepje.",
    },
    "buddy.already_made": {
        "en": "The buddy groups of this cycle were already made:",
        "nl": "De buddygroepjes van deze periode zijn al gemaakt:",
    },
    "buddy.too_few": {
        "en": "There are not enough active members to make buddy pairs (at least two are needed).",
        "nl": "Er zijn te weinig actieve leden om buddy-paren te maken (er zijn er minstens twee nodig).",
    },
    "buddy.only_one": {
        "en": "{who} is the only active member, so there is nobody to pair with yet. Invite colleagues with `members sync`, or wait until someone is back from holiday.",
        "nl": "{who} is het enige actieve lid, dus er is nog niemand om mee te koppelen. Nodig collega's uit met `members sync`, of wacht tot iemand terug is van vakantie.",
    },
    "buddy.none": {
        "en": "You have no buddy in this cycle. New pairs are made after each meeting (a facilitator can give you one now with `pair`).",
        "nl": "Je hebt in deze periode geen buddy. Na elke bijeenkomst maak ik nieuwe paren (een facilitator kan je er nu een geven met `pair`).",
    },
    "buddy.yours": {"en": "Your buddy: {names}", "nl": "Je buddy: {names}"},
    "buddy.experiment": {"en": "Your experiment: {text}", "nl": "Jullie experiment: {text}"},
    "buddy.experiment_removed": {
        "en": "removed at a member's request",
        "nl": "verwijderd op verzoek van een lid",
    },
    "buddy.experiment_reported": {
        "en": "Your experiment (reported back): {text}",
        "nl": "Jullie experiment (teruggekoppeld): {text}",
    },
    "buddy.no_experiment": {
        "en": "No experiment agreed yet: type `experiment <text>` once you have one.",
        "nl": "Nog geen experiment afgesproken: typ `experiment <tekst>` zodra jullie er een hebben.",
    },
    "buddy.experiment_saved": {
        "en": "Noted! Your experiment: {text}. I've let {names} know. Halfway through I'll ask how it is going.",
        "nl": "Genoteerd! Jullie experiment: {text}. Ik heb {names} op de hoogte gebracht. Halverwege vraag ik hoe het gaat.",
    },
    "buddy.experiment_saved_solo": {
        "en": "Noted! Your experiment: {text}. Halfway through I'll ask how it is going.",
        "nl": "Genoteerd! Je experiment: {text}. Halverwege vraag ik hoe het gaat.",
    },
    "buddy.experiment_told": {
        "en": "{who} noted your group's experiment: {text}",
        "nl": "{who} heeft jullie experiment genoteerd: {text}",
    },
    "buddy.experiment_told_change": {
        "en": "Not what you agreed? Type `experiment <text>` to propose another; your buddies then agree to it or keep this one.",
        "nl": "Niet wat jullie afspraken? Typ `experiment <tekst>` om een ander voor te stellen; je buddy's stemmen daarmee in of houden dit.",
    },
    "buddy.experiment_same": {
        "en": "That is already your group's experiment: {text}",
        "nl": "Dat is al het experiment van jullie groepje: {text}",
    },
    "buddy.proposal.sent": {
        "en": "Your group agreed an experiment already, so I've asked {names} whether it becomes: {text}. Until they agree it stays: {current}",
        "nl": "Jullie hadden al een experiment afgesproken, dus ik heb {names} gevraagd of het dit wordt: {text}. Tot ze instemmen blijft het: {current}",
    },
    "buddy.proposal.ask": {
        "en": "{who} proposes a new experiment for your group: {text}. Until you agree, it stays: {current}",
        "nl": "{who} stelt een nieuw experiment voor jullie groepje voor: {text}. Tot je instemt blijft het: {current}",
    },
    "buddy.proposal.agree": {"en": "Agree", "nl": "Akkoord"},
    "buddy.proposal.keep": {"en": "Keep the current one", "nl": "Houd het huidige"},
    "buddy.proposal.waiting": {
        "en": "Noted. The experiment changes once {names} agree as well.",
        "nl": "Genoteerd. Het experiment verandert zodra ook {names} instemt.",
    },
    "buddy.proposal.agreed_reply": {
        "en": "Agreed: your group's experiment is now {text}",
        "nl": "Afgesproken: jullie experiment is nu {text}",
    },
    "buddy.proposal.agreed_told": {
        "en": "Your group agreed a new experiment: {text}",
        "nl": "Jullie groepje heeft een nieuw experiment afgesproken: {text}",
    },
    "buddy.proposal.kept_reply": {
        "en": "Your group's experiment stays: {current}. I've let the proposer know.",
        "nl": "Jullie experiment blijft: {current}. Ik heb het laten weten aan wie het voorstelde.",
    },
    "buddy.proposal.kept_told": {
        "en": "{who} would rather keep your group's experiment ({current}), so it stays. Your idea ({text}) is still yours to try: note how it goes with `log`.",
        "nl": "{who} houdt liever jullie experiment ({current}), dus dat blijft. Jouw idee ({text}) kun je zelf ook proberen: houd bij hoe het gaat met `log`.",
    },
    "buddy.proposal.agreed": {
        "en": "That proposal was agreed already.",
        "nl": "Dat voorstel is al aangenomen.",
    },
    "buddy.proposal.kept": {
        "en": "That proposal was answered already: the group kept its experiment.",
        "nl": "Dat voorstel is al beantwoord: het groepje hield zijn experiment.",
    },
    "buddy.proposal.expired": {
        "en": "That proposal is no longer open: the experiment changed, or a newer proposal replaced it.",
        "nl": "Dat voorstel staat niet meer open: het experiment veranderde, of een nieuwer voorstel verving het.",
    },
    "buddy.proposal.pending": {
        "en": "Proposed by {who}, waiting for agreement: {text}",
        "nl": "Voorgesteld door {who}, wacht op instemming: {text}",
    },
    "buddy.repaired": {
        "en": "Your buddy is no longer part of the community, so for the rest of this cycle you join another group.",
        "nl": "Je buddy doet niet meer mee aan de community, dus voor de rest van deze periode sluit je aan bij een ander groepje.",
    },
    "buddy.gone_alone": {
        "en": "Your buddy is no longer part of the community, and there is no group to join you to this cycle. Your experiment is still yours to try; after the next meeting you get a new buddy.",
        "nl": "Je buddy doet niet meer mee aan de community, en er is deze periode geen groepje om je bij te voegen. Je experiment kun je nog steeds proberen; na de volgende bijeenkomst krijg je een nieuwe buddy.",
    },
    "buddy.gone_facilitators_moved": {
        "en": "{who}'s buddy is no longer part of the community; I've put {who} with {names} for the rest of this cycle.",
        "nl": "De buddy van {who} doet niet meer mee aan de community; ik heb {who} voor de rest van deze periode bij {names} gezet.",
    },
    "buddy.gone_facilitators_alone": {
        "en": "{who}'s buddy is no longer part of the community, and there is no group to join {who} to: {who} is on their own until the next meeting. Worth a word at the check-in.",
        "nl": "De buddy van {who} doet niet meer mee aan de community, en er is geen groepje om {who} bij te voegen: {who} staat er tot de volgende bijeenkomst alleen voor. Het noemen waard bij de check-in.",
    },
    "buddy.form_title": {"en": "Our experiment", "nl": "Ons experiment"},
    "buddy.form_question": {
        "en": "Which small experiment will you try before the next meeting?",
        "nl": "Welk klein experiment proberen jullie voor de volgende bijeenkomst?",
    },
    "buddy.form_button": {"en": "Answer in a form", "nl": "Antwoord via formulier"},
    "buddy.nudge_title": {"en": "Halfway there", "nl": "Halverwege"},
    "buddy.nudge": {
        "en": "We are halfway to the next meeting. How is your experiment with {names} going? ({text}) Once you have tried it, reply here to tell me how it went; I'll put it in your logbook and take it to the next meeting.",
        "nl": "We zijn halverwege tot de volgende bijeenkomst. Hoe gaat het experiment met {names}? ({text}) Heb je het geprobeerd, antwoord hier dan hoe het ging; ik zet het in je logboek en neem het mee naar de volgende bijeenkomst.",
    },
    "buddy.nudge_solo": {
        "en": "We are halfway to the next meeting. How is your experiment going? ({text}) Once you have tried it, reply here to tell me how it went; I'll put it in your logbook and take it to the next meeting.",
        "nl": "We zijn halverwege tot de volgende bijeenkomst. Hoe gaat je experiment? ({text}) Heb je het geprobeerd, antwoord hier dan hoe het ging; ik zet het in je logboek en neem het mee naar de volgende bijeenkomst.",
    },
    "buddy.nudge_agree": {
        "en": "We are halfway to the next meeting and {together} have not agreed an experiment yet. Pick one small step now: reply here, or type `experiment <text>`.",
        "nl": "We zijn halverwege tot de volgende bijeenkomst en {together} hebben nog geen experiment afgesproken. Kies nu één kleine stap: antwoord hier, of typ `experiment <tekst>`.",
    },
    "buddy.done_button": {"en": "Tried it: report back", "nl": "Geprobeerd: terugkoppelen"},
    "buddy.report_question": {
        "en": "How did your experiment go ({text})? What did you try, what happened, what did you learn? Reply here.",
        "nl": "Hoe ging jullie experiment ({text})? Wat heb je geprobeerd, wat gebeurde er, wat heb je geleerd? Antwoord hier.",
    },
    "buddy.report_form_title": {"en": "Report back", "nl": "Terugkoppeling"},
    "buddy.report_form_question": {
        "en": "What did you try, what happened, what did you learn?",
        "nl": "Wat heb je geprobeerd, wat gebeurde er, wat heb je geleerd?",
    },
    "buddy.report_saved": {
        "en": "Thank you! Your report is in your logbook; share it with the group at the next meeting.",
        "nl": "Dank je! Je terugkoppeling staat in je logboek; deel hem bij de volgende bijeenkomst met de groep.",
    },
    "buddy.status": {"en": "Your buddy: {names}", "nl": "Je buddy: {names}"},
    "buddy.status_experiment": {"en": "Experiment: {text}", "nl": "Experiment: {text}"},
    "buddy.status_no_experiment": {
        "en": "Experiment: not agreed yet",
        "nl": "Experiment: nog niet afgesproken",
    },
    "buddy.error.empty_experiment": {
        "en": "Please write down your experiment; one sentence is enough.",
        "nl": "Schrijf jullie experiment alsjeblieft op; één zin is genoeg.",
    },
    "buddy.error.empty_report": {
        "en": "Please tell me how your experiment went; one sentence is enough.",
        "nl": "Vertel me alsjeblieft hoe jullie experiment ging; één zin is genoeg.",
    },
    "error.no_buddy_group": {
        "en": "You have no buddy group in this cycle, so there is no experiment to note. New pairs are made after each meeting.",
        "nl": "Je zit in deze periode niet in een buddygroepje, dus er is geen experiment om te noteren. Na elke bijeenkomst maak ik nieuwe paren.",
    },
    "error.not_your_group": {
        "en": "That buddy group is not yours.",
        "nl": "Dat buddygroepje is niet van jou.",
    },
    "error.no_experiment_yet": {
        "en": "Your group has not agreed an experiment yet: type `experiment <text>` first.",
        "nl": "Jullie hebben nog geen experiment afgesproken: typ eerst `experiment <tekst>`.",
    },
    "help.pair": {
        "en": "make the buddy pairs of this cycle now; once made, give a buddy to whoever has none",
        "nl": "nu de buddy-paren van deze periode maken; daarna: wie nog geen buddy heeft er een geven",
    },
    "usage.pair": {"en": "Usage: `pair`", "nl": "Gebruik: `pair` (of `koppel`)"},
    "help.buddy": {
        "en": "who your buddy is and what your experiment is; `buddy <text>` writes to them (on Slack or Teams, wherever they are)",
        "nl": "wie je buddy is en wat jullie experiment is; `buddy <tekst>` schrijft ze (op Slack of Teams, waar ze ook zitten)",
    },
    "usage.buddy": {
        "en": "Usage: `buddy`, or `buddy <text>` to write to your buddy",
        "nl": "Gebruik: `buddy` (of `maatje`), of `buddy <tekst>` om je buddy te schrijven",
    },
    "buddy.note.how": {
        "en": "Write to your buddy with the button or `buddy <text>`: copbot passes it on, on Slack or Teams, wherever they are.",
        "nl": "Schrijf je buddy met de knop of `buddy <tekst>`: copbot geeft het door, op Slack of Teams, waar ze ook zitten.",
    },
    "buddy.note.write_button": {"en": "Write to your buddy", "nl": "Schrijf je buddy"},
    "buddy.note.reply_button": {"en": "Reply", "nl": "Antwoorden"},
    "buddy.note.form_title": {"en": "To your buddy", "nl": "Aan je buddy"},
    "buddy.note.form_label": {
        "en": "Your message to {names}",
        "nl": "Je bericht aan {names}",
    },
    "buddy.note.form_submit": {"en": "Send", "nl": "Versturen"},
    "buddy.note.from": {
        "en": "{who}, your buddy, writes:",
        "nl": "{who}, je buddy, schrijft:",
    },
    "buddy.note.reply_hint": {
        "en": "Answer with the button, or type `buddy <your answer>`.",
        "nl": "Antwoord met de knop, of typ `buddy <je antwoord>`.",
    },
    "buddy.note.sent": {
        "en": "Passed on to {names}. Your logbook notes that you were in touch (not what you wrote).",
        "nl": "Doorgegeven aan {names}. Je logboek noteert dat jullie contact hadden (niet wat je schreef).",
    },
    "buddy.note.empty": {
        "en": "There is nothing to pass on: write your message after `buddy`.",
        "nl": "Er is niets door te geven: schrijf je bericht na `buddy`.",
    },
    "buddy.note.too_long": {
        "en": "That is longer than a chat message can be ({limit} characters). Please shorten it.",
        "nl": "Dat is langer dan een chatbericht mag zijn ({limit} tekens). Maak het korter.",
    },
    "buddy.note.erased": {
        "en": "(a message from a former member, erased)",
        "nl": "(een bericht van een oud-lid, gewist)",
    },
    "help.experiment": {
        "en": "note the small experiment you and your buddy agreed (a change is proposed to your buddies, who agree or keep the current one)",
        "nl": "het kleine experiment noteren dat je met je buddy afsprak (een wijziging wordt aan je buddy's voorgelegd, die instemmen of het huidige houden)",
    },
    "usage.experiment": {
        "en": "Usage: `experiment <text>` (alone: show your experiment)",
        "nl": "Gebruik: `experiment <tekst>` of `experimenteer <tekst>` (alleen: jullie experiment tonen)",
    },
    "buddy.outcome_question": {
        "en": "Did the experiment happen?",
        "nl": "Is het experiment doorgegaan?",
    },
    "buddy.outcome.done": {"en": "Done", "nl": "Gedaan"},
    "buddy.outcome.partly": {"en": "Partly", "nl": "Deels"},
    "buddy.outcome.not_done": {"en": "Not done", "nl": "Niet gedaan"},
    "buddy.report_learned": {
        "en": "Noted. And what did you learn from it? Reply here in a sentence or two.",
        "nl": "Genoteerd. En wat heb je ervan geleerd? Antwoord hier in een zin of twee.",
    },
    "buddy.outcome_not_done": {
        "en": "That happens. Your pair is on the next meeting's agenda, so the group can help with what got in the way.",
        "nl": "Dat gebeurt. Jullie staan op de agenda van de volgende bijeenkomst, zodat de groep kan helpen met wat in de weg zat.",
    },
    "error.not_your_report": {
        "en": "That report-back is not yours.",
        "nl": "Die terugkoppeling is niet van jou.",
    },
    "home.kind.experiment": {"en": "Experiment", "nl": "Experiment"},
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.experiment": {"en": "Your buddy experiment", "nl": "Jullie buddy-experiment"},
    "timed.kind.buddy_pairing": {"en": "make new buddy pairs", "nl": "nieuwe buddy-paren maken"},
    "timed.kind.buddy_nudge": {"en": "nudge the buddy pairs", "nl": "buddy-paren aansporen"},
    "home.kind.report": {"en": "Experiment report-back", "nl": "Terugkoppeling experiment"},
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.report": {"en": "How your experiment went", "nl": "Hoe je experiment ging"},
}
