"""Texts of link, unlink and places."""

TEXTS: dict[str, dict[str, str]] = {
    "link.code": {
        "en": "Your code to link another channel to *{name}*: *{code}*\nType `link {code}` in that channel (in any Slack workspace or Teams team where copbot is) before {until} tomorrow. It works once; only you see it here.",
        "nl": "Je code om een ander kanaal aan *{name}* te koppelen: *{code}*\nTyp `link {code}` in dat kanaal (in elke Slack-werkruimte of elk Teams-team waar copbot is) vóór morgen {until}. Hij werkt één keer; alleen jij ziet hem hier.",
    },
    "link.in_channel": {
        "en": "Type `link` in one of the channels of *{name}*: the code links another channel to it.",
        "nl": "Typ `link` in een van de kanalen van *{name}*: met de code koppel je er een ander kanaal aan.",
    },
    "link.code_in_channel": {
        "en": "Type `link <code>` in the channel you want to link (copbot must be in it), not here.",
        "nl": "Typ `link <code>` in het kanaal dat je wilt koppelen (copbot moet erin zitten), niet hier.",
    },
    "link.code_malformed": {
        "en": "`{code}` is not a code of copbot: a code has eight letters and digits, like `ABCD-EF23`.",
        "nl": "`{code}` is geen code van copbot: een code heeft acht letters en cijfers, zoals `ABCD-EF23`.",
    },
    "link.code_unknown": {
        "en": "I do not know that code. Check it, or ask an organiser for a new one (`link` in the community's channel).",
        "nl": "Die code ken ik niet. Controleer hem, of vraag een organisator om een nieuwe (`link` in het kanaal van de community).",
    },
    "link.code_used": {
        "en": "That code has been used already. A code works once: ask for a new one with `link`.",
        "nl": "Die code is al gebruikt. Een code werkt één keer: vraag een nieuwe met `link`.",
    },
    "link.code_expired": {
        "en": "That code has expired (a code is valid for 24 hours). Ask for a new one with `link`.",
        "nl": "Die code is verlopen (een code is 24 uur geldig). Vraag een nieuwe met `link`.",
    },
    "link.organisers_only": {
        "en": "Only an organiser of the community can link a channel to it.",
        "nl": "Alleen een organisator van de community kan er een kanaal aan koppelen.",
    },
    "link.linked_here": {
        "en": "This channel is now part of *{name}*, which lives in {count} channels. Join with `join`: whoever joins here or elsewhere is one group, and copbot posts what concerns the community here too.",
        "nl": "Dit kanaal hoort nu bij *{name}*, dat in {count} kanalen woont. Doe mee met `join`: wie hier of elders meedoet is één groep, en copbot post wat de community aangaat ook hier.",
    },
    "link.linked_here.one": {
        "en": "This channel is now part of *{name}*. Join with `join`.",
        "nl": "Dit kanaal hoort nu bij *{name}*. Doe mee met `join`.",
    },
    "link.linked_elsewhere": {
        "en": "*{name}* now also lives in another channel ({where}), linked by {who}. Members there and here are one group.",
        "nl": "*{name}* woont nu ook in een ander kanaal ({where}), gekoppeld door {who}. De leden daar en hier zijn één groep.",
    },
    "place.already_linked": {
        "en": "This channel is already part of *{name}*.",
        "nl": "Dit kanaal hoort al bij *{name}*.",
    },
    "place.already_community": {
        "en": "This channel already hosts the community *{name}*: a channel belongs to one community.",
        "nl": "In dit kanaal woont al de community *{name}*: een kanaal hoort bij één community.",
    },
    "place.home_stays": {
        "en": "That is the channel where the community was set up: it stays. Unlink the other channels with `unlink <number>` (see `places`).",
        "nl": "Dat is het kanaal waar de community is opgezet: dat blijft. Ontkoppel de andere kanalen met `unlink <nummer>` (zie `places`).",
    },
    "place.no_such": {
        "en": "There is no channel {which} in this community. `places` lists them with their numbers.",
        "nl": "Er is geen kanaal {which} in deze community. `places` toont ze met hun nummers.",
    },
    "place.list_title": {
        "en": "*{name}* lives in {count} channels",
        "nl": "*{name}* woont in {count} kanalen",
    },
    "place.list_title.one": {
        "en": "*{name}* lives in one channel",
        "nl": "*{name}* woont in één kanaal",
    },
    "place.list_footer": {
        "en": "Organisers link another channel (Slack or Teams) with `link`, and unlink one with `unlink <number>`.",
        "nl": "Organisatoren koppelen een ander kanaal (Slack of Teams) met `link`, en ontkoppelen er een met `unlink <nummer>`.",
    },
    "place.home": {"en": "home", "nl": "thuis"},
    "place.here": {"en": "this channel", "nl": "dit kanaal"},
    "place.status": {
        "en": "Lives in {count} channels: {where} (`places`)",
        "nl": "Woont in {count} kanalen: {where} (`places`)",
    },
    "place.status.one": {
        "en": "Lives in one channel: {where} (`places`)",
        "nl": "Woont in één kanaal: {where} (`places`)",
    },
    "unlink.done_here": {
        "en": "This channel is no longer part of *{name}*. Its members stay members and get copbot's messages by DM as before.",
        "nl": "Dit kanaal hoort niet meer bij *{name}*. De leden blijven lid en krijgen de berichten van copbot zoals altijd per DM.",
    },
    "unlink.done_elsewhere": {
        "en": "*{name}* no longer lives in {where}. The members who joined there stay members.",
        "nl": "*{name}* woont niet meer in {where}. De leden die daar meededen blijven lid.",
    },
    "unlink.done_reply": {
        "en": "Unlinked {where} from *{name}*.",
        "nl": "{where} is ontkoppeld van *{name}*.",
    },
    "help.link": {
        "en": "organisers: a code to link another channel (Slack or Teams) to this community, `link <code>` there; anyone: `link me` makes your Slack and Teams accounts one member",
        "nl": "organisatoren: een code om een ander kanaal (Slack of Teams) aan deze community te koppelen, daar `link <code>`; iedereen: `link me` maakt van je Slack- en Teams-account één lid",
    },
    "usage.link": {
        "en": "Usage: `link` (in the community's channel: a code), `link <code>` (in the channel to link), `link me` (a code by DM), `link me <code>` (from your other account)",
        "nl": "Gebruik: `link` (in het kanaal van de community: een code), `link <code>` (in het kanaal dat je koppelt), `link me` (een code per DM), `link me <code>` (vanaf je andere account)",
    },
    "link.me_sent": {
        "en": "I sent you a code in your private chat with copbot. Type `link me <code>` from your other account (in Slack or Teams) within 24 hours, and the two are one member of *{name}*.",
        "nl": "Ik heb je een code gestuurd in je privéchat met copbot. Typ binnen 24 uur `link me <code>` vanaf je andere account (in Slack of Teams), dan ben je met beide één lid van *{name}*.",
    },
    "link.me_code": {
        "en": "Your code to link your other account to your membership of *{name}*: *{code}*\nFrom that account, type `link me {code}` within 24 hours. It works once; don't share it.",
        "nl": "Je code om je andere account aan je lidmaatschap van *{name}* te koppelen: *{code}*\nTyp vanaf dat account binnen 24 uur `link me {code}`. Hij werkt één keer; deel hem niet.",
    },
    "link.me_done": {
        "en": "Done: this account and {who} are one member of *{name}* now. Your answers, logbook, buddies and turns are together, and copbot writes to you where {who} is.",
        "nl": "Klaar: dit account en {who} zijn nu één lid van *{name}*. Je antwoorden, logboek, buddy's en beurten staan bij elkaar, en copbot schrijft je waar {who} is.",
    },
    "link.me_not_member": {
        "en": "This account is not a member of *{name}*. Join with it first (`join` in one of its channels), then type `link me <code>` again.",
        "nl": "Dit account is geen lid van *{name}*. Doe er eerst mee mee (`join` in een van de kanalen), en typ dan opnieuw `link me <code>`.",
    },
    "link.me_same": {
        "en": "That code is for this very account: type it from your other account.",
        "nl": "Die code hoort bij dit account zelf: typ hem vanaf je andere account.",
    },
    "help.unlink": {
        "en": "take a linked channel out of the community (its members stay)",
        "nl": "een gekoppeld kanaal uit de community halen (de leden blijven)",
    },
    "usage.unlink": {
        "en": "Usage: `unlink` (in the linked channel) or `unlink <number>` (see `places`)",
        "nl": "Gebruik: `unlink` (in het gekoppelde kanaal) of `unlink <nummer>` (zie `places`)",
    },
    "help.places": {
        "en": "the channels the community lives in",
        "nl": "de kanalen waar de community woont",
    },
    "usage.places": {"en": "Usage: `places`", "nl": "Gebruik: `places`"},
}
