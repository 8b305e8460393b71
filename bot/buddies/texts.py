TEXTS: dict[str, dict[str, str]] = {
    "buddy.and": {"en": " and ", "nl": " en "},
    "buddy.dm_title": {
        "en": "Your buddy until the next meeting",
        "nl": "Je buddy tot de volgende bijeenkomst",
    },
    "buddy.dm_body": {
        "en": "You and {names} are buddies until the next meeting. Agree together on one small experiment: something you will try differently in your own practice, and keep in touch about how it goes.",
        "nl": "Jij en {names} zijn buddy's tot de volgende bijeenkomst. Spreek samen één klein experiment af: iets wat je in je eigen praktijk anders gaat proberen, en houd elkaar op de hoogte van hoe het gaat.",
    },
    "buddy.dm_ask": {
        "en": "Reply here with your experiment (or type `experiment <text>`); I'll share it with your buddy.",
        "nl": "Antwoord hier met jullie experiment (of typ `experiment <tekst>`); ik deel het met je buddy.",
    },
    "buddy.dm_until": {"en": "Next meeting: {when}", "nl": "Volgende bijeenkomst: {when}"},
    "buddy.unknown_org": {"en": "organisation unknown", "nl": "organisatie onbekend"},
    "buddy.announce": {
        "en": "New buddy round! {count} groups until the next meeting. Everyone got their buddy by DM: agree one small experiment, keep in touch, and report back at the next meeting.",
        "nl": "Nieuwe buddyronde! {count} groepjes tot de volgende bijeenkomst. Iedereen kreeg zijn buddy per DM: spreek één klein experiment af, houd contact en vertel er bij de volgende bijeenkomst over.",
    },
    "buddy.announce_more": {"en": "… and {count} more groups.", "nl": "… en nog {count} groepjes."},
    "buddy.made": {
        "en": "Made {count} buddy groups and sent everyone their buddy by DM.",
        "nl": "{count} buddygroepjes gemaakt en iedereen zijn buddy per DM gestuurd.",
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
        "en": "You have no buddy in this cycle. New pairs are made after each meeting (a facilitator can do it now with `pair`).",
        "nl": "Je hebt in deze periode geen buddy. Na elke bijeenkomst maak ik nieuwe paren (een facilitator kan dat nu doen met `pair`).",
    },
    "buddy.yours": {"en": "Your buddy: {names}", "nl": "Je buddy: {names}"},
    "buddy.experiment": {"en": "Your experiment: {text}", "nl": "Jullie experiment: {text}"},
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
    "buddy.experiment_told": {
        "en": "{who} noted your group's experiment: {text}",
        "nl": "{who} heeft jullie experiment genoteerd: {text}",
    },
    "buddy.form_title": {"en": "Our experiment", "nl": "Ons experiment"},
    "buddy.form_question": {
        "en": "Which small experiment will you try before the next meeting?",
        "nl": "Welk klein experiment proberen jullie voor de volgende bijeenkomst?",
    },
    "buddy.form_button": {"en": "Answer in a form", "nl": "Antwoord via formulier"},
    "buddy.nudge_title": {"en": "Halfway there", "nl": "Halverwege"},
    "buddy.nudge": {
        "en": "We are halfway to the next meeting. How is your experiment with {names} going? ({text}) When you have tried it, tell me how it went.",
        "nl": "We zijn halverwege tot de volgende bijeenkomst. Hoe gaat het experiment met {names}? ({text}) Heb je het geprobeerd, vertel me dan hoe het ging.",
    },
    "buddy.nudge_agree": {
        "en": "We are halfway to the next meeting and you and {names} have not agreed an experiment yet. Pick one small step now: type `experiment <text>`.",
        "nl": "We zijn halverwege tot de volgende bijeenkomst en jij en {names} hebben nog geen experiment afgesproken. Kies nu één kleine stap: typ `experiment <tekst>`.",
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
        "en": "make the buddy pairs of this cycle now",
        "nl": "nu de buddy-paren van deze periode maken",
    },
    "usage.pair": {"en": "Usage: `pair`", "nl": "Gebruik: `pair` (of `koppel`)"},
    "help.buddy": {
        "en": "who your buddy is and what your experiment is",
        "nl": "wie je buddy is en wat jullie experiment is",
    },
    "usage.buddy": {"en": "Usage: `buddy`", "nl": "Gebruik: `buddy` (of `maatje`)"},
    "help.experiment": {
        "en": "note the small experiment you and your buddy agreed",
        "nl": "het kleine experiment noteren dat je met je buddy afsprak",
    },
    "usage.experiment": {
        "en": "Usage: `experiment <text>` (alone: show your experiment)",
        "nl": "Gebruik: `experiment <tekst>` of `experimenteer <tekst>` (alleen: jullie experiment tonen)",
    },
}
