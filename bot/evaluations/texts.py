TEXTS: dict[str, dict[str, str]] = {
    "evaluation.title": {
        "en": "How was meeting {meeting}?",
        "nl": "Hoe was bijeenkomst {meeting}?",
    },
    "evaluation.q.rating": {
        "en": "How valuable was the meeting for you, from 1 (not at all) to 5 (very)?",
        "nl": "Hoe waardevol was de bijeenkomst voor jou, van 1 (helemaal niet) tot 5 (heel erg)?",
    },
    "evaluation.q.valuable": {
        "en": "What was valuable for you?",
        "nl": "Wat vond je waardevol?",
    },
    "evaluation.q.topics": {
        "en": "Which topics would you like to discuss next time?",
        "nl": "Welke onderwerpen wil je de volgende keer bespreken?",
    },
    "evaluation.skip_hint": {
        "en": "(Reply `-` to skip.)",
        "nl": "(Antwoord `-` om over te slaan.)",
    },
    "evaluation.anonymous": {
        "en": "Your answers are anonymous: they are only shared as a summary, without names, once the evaluation has closed and at least {minimum} people answered. Tap a number, reply with one, or use the form.",
        "nl": "Je antwoorden zijn anoniem: ze worden alleen gedeeld als samenvatting, zonder namen, zodra de evaluatie gesloten is en minstens {minimum} mensen hebben geantwoord. Tik op een cijfer, antwoord met een cijfer, of gebruik het formulier.",
    },
    "evaluation.form_title": {"en": "Evaluation", "nl": "Evaluatie"},
    "evaluation.thanks": {
        "en": "Thank you! Your answers help prepare the next meeting.",
        "nl": "Dank je! Je antwoorden helpen de volgende bijeenkomst voor te bereiden.",
    },
    "evaluation.sent": {
        "en": "Evaluation of meeting {n} sent to {count} members (who had not received it yet).",
        "nl": "Evaluatie van bijeenkomst {n} verstuurd naar {count} leden (die hem nog niet hadden).",
    },
    "evaluation.sent.one": {
        "en": "Evaluation of meeting {n} sent to {count} member (who had not received it yet).",
        "nl": "Evaluatie van bijeenkomst {n} verstuurd naar {count} lid (die hem nog niet had).",
    },
    "evaluation.summary_title": {
        "en": "Evaluation of meeting {n}: {count} answers, average {mean} / 5",
        "nl": "Evaluatie van bijeenkomst {n}: {count} antwoorden, gemiddeld {mean} / 5",
    },
    "evaluation.summary_valuable": {"en": "What was valuable:", "nl": "Wat was waardevol:"},
    "evaluation.summary_topics": {
        "en": "Topics suggested for next time:",
        "nl": "Voorgestelde onderwerpen voor de volgende keer:",
    },
    "evaluation.topics_carried": {
        "en": "These topics go into the preparation of meeting {meeting}.",
        "nl": "Deze onderwerpen gaan mee in de voorbereiding van bijeenkomst {meeting}.",
    },
    "evaluation.still_open": {
        "en": "The evaluation of meeting {n} is open until {until}. To keep answers anonymous its results appear once it has closed; {count} people answered so far.",
        "nl": "De evaluatie van bijeenkomst {n} staat open tot {until}. Om antwoorden anoniem te houden verschijnen de resultaten pas als hij gesloten is; tot nu toe antwoordden {count} mensen.",
    },
    "evaluation.channel_summary": {
        "en": "Evaluation of meeting {n}: {count} of you answered, average {mean} / 5. Thank you! Your suggestions go into the preparation of the next meeting.",
        "nl": "Evaluatie van bijeenkomst {n}: {count} van jullie antwoordden, gemiddeld {mean} / 5. Dank je wel! Jullie suggesties gaan mee in de voorbereiding van de volgende bijeenkomst.",
    },
    "evaluation.too_few_closed": {
        "en": "The evaluation of meeting {n} is closed. Only {count} people answered: too few to share results without making answers traceable (at least {minimum} are needed).",
        "nl": "De evaluatie van bijeenkomst {n} is gesloten. Maar {count} mensen antwoordden: te weinig om resultaten te delen zonder dat antwoorden herleidbaar worden (er zijn er minstens {minimum} nodig).",
    },
    "evaluation.too_few_closed.one": {
        "en": "The evaluation of meeting {n} is closed. Only {count} person answered: too few to share results without making answers traceable (at least {minimum} are needed).",
        "nl": "De evaluatie van bijeenkomst {n} is gesloten. Maar {count} persoon antwoordde: te weinig om resultaten te delen zonder dat antwoorden herleidbaar worden (er zijn er minstens {minimum} nodig).",
    },
    "evaluation.still_open.one": {
        "en": "The evaluation of meeting {n} is open until {until}. To keep answers anonymous its results appear once it has closed; {count} person answered so far.",
        "nl": "De evaluatie van bijeenkomst {n} staat open tot {until}. Om antwoorden anoniem te houden verschijnen de resultaten pas als hij gesloten is; tot nu toe antwoordde {count} persoon.",
    },
    "evaluation.can_close": {
        "en": "Enough people answered: a facilitator may close it now with `evaluate close` or the button, and the results appear at once.",
        "nl": "Er hebben genoeg mensen geantwoord: een facilitator kan hem nu sluiten met `evaluate close` of de knop, en dan verschijnen de resultaten meteen.",
    },
    "evaluation.close_button": {
        "en": "Close and show results",
        "nl": "Sluiten en resultaten tonen",
    },
    "evaluation.closed_now": {
        "en": "The evaluation of meeting {n} is closed; the summary goes to the facilitators and the channel.",
        "nl": "De evaluatie van bijeenkomst {n} is gesloten; de samenvatting gaat naar de facilitatoren en het kanaal.",
    },
    "evaluation.error.close_too_few": {
        "en": "Only {count} people answered the evaluation of meeting {n}: it can be closed early from {minimum} answers on (closing it now would hide the results for good).",
        "nl": "Maar {count} mensen hebben de evaluatie van bijeenkomst {n} beantwoord: vroeg sluiten kan vanaf {minimum} antwoorden (nu sluiten zou de resultaten voorgoed verbergen).",
    },
    "evaluation.error.close_too_few.one": {
        "en": "Only {count} person answered the evaluation of meeting {n}: it can be closed early from {minimum} answers on (closing it now would hide the results for good).",
        "nl": "Maar {count} persoon heeft de evaluatie van bijeenkomst {n} beantwoord: vroeg sluiten kan vanaf {minimum} antwoorden (nu sluiten zou de resultaten voorgoed verbergen).",
    },
    "evaluation.error.bad_rating": {
        "en": "`{value}` is not a rating I can use. Please answer with a number from 1 (not valuable) to 5 (very valuable).",
        "nl": "`{value}` is geen cijfer dat ik kan gebruiken. Antwoord met een getal van 1 (niet waardevol) tot 5 (heel waardevol).",
    },
    "evaluation.error.no_meeting": {
        "en": "There is no meeting to evaluate yet.",
        "nl": "Er is nog geen bijeenkomst om te evalueren.",
    },
    "evaluation.error.closed": {
        "en": "The evaluation of meeting {n} is already closed. See `results {n}`.",
        "nl": "De evaluatie van bijeenkomst {n} is al gesloten. Zie `results {n}`.",
    },
    "evaluation.error.not_held": {
        "en": "Meeting {n} ({when}) has not taken place yet, so there are no results. I ask for the evaluation after the meeting.",
        "nl": "Bijeenkomst {n} ({when}) heeft nog niet plaatsgevonden, dus er zijn nog geen resultaten. Na de bijeenkomst vraag ik om de evaluatie.",
    },
    "evaluation.error.cancelled": {
        "en": "Meeting {n} was cancelled, so it has no evaluation.",
        "nl": "Bijeenkomst {n} is geannuleerd, dus er is geen evaluatie.",
    },
    "evaluation.error.no_results": {
        "en": "No meeting has been evaluated yet.",
        "nl": "Er is nog geen bijeenkomst geëvalueerd.",
    },
    "evaluation.error.too_few": {
        "en": "For meeting {n} only {count} people answered. To keep answers anonymous I show results from {minimum} answers on.",
        "nl": "Voor bijeenkomst {n} antwoordden er maar {count}. Om antwoorden anoniem te houden toon ik resultaten vanaf {minimum} antwoorden.",
    },
    "evaluation.error.too_few.one": {
        "en": "For meeting {n} only {count} person answered. To keep answers anonymous I show results from {minimum} answers on.",
        "nl": "Voor bijeenkomst {n} antwoordde er maar {count}. Om antwoorden anoniem te houden toon ik resultaten vanaf {minimum} antwoorden.",
    },
    "help.evaluate": {
        "en": "evaluate the last meeting (facilitators: `evaluate send` asks everyone now, `evaluate close` closes it early)",
        "nl": "de laatste bijeenkomst evalueren (facilitatoren: `evaluate send` vraagt het iedereen nu, `evaluate close` sluit hem eerder)",
    },
    "usage.evaluate": {
        "en": "Usage: `evaluate`, or for facilitators `evaluate send` or `evaluate close`",
        "nl": "Gebruik: `evaluate`, of voor facilitatoren `evaluate send` of `evaluate close`",
    },
    "help.results": {
        "en": "the anonymous evaluation results of a meeting, once its evaluation has closed",
        "nl": "de anonieme evaluatieresultaten van een bijeenkomst, zodra de evaluatie gesloten is",
    },
    "usage.results": {"en": "Usage: `results [<n>]`", "nl": "Gebruik: `results [<n>]`"},
    "home.kind.evaluation": {"en": "Evaluation", "nl": "Evaluatie"},
    # the button that files a plain reply under this question (bot/prompts/replies.py)
    "reply.kind.evaluation": {
        "en": "Evaluation of meeting {meeting}",
        "nl": "Evaluatie van bijeenkomst {meeting}",
    },
    "timed.kind.evaluation_prompt": {"en": "ask for the evaluation", "nl": "evaluatie vragen"},
    "timed.kind.evaluation_close": {"en": "close the evaluation", "nl": "evaluatie sluiten"},
}
