TEXTS: dict[str, dict[str, str]] = {
    "digest.title": {
        "en": "Weekly digest of {name} ({day})",
        "nl": "Weekoverzicht van {name} ({day})",
    },
    "digest.no_data": {"en": "no data yet", "nl": "nog geen gegevens"},
    "digest.ambition": {"en": "Ambition", "nl": "Ambitie"},
    "digest.ambition_missing": {
        "en": 'not set yet (config ambition="...")',
        "nl": 'nog niet ingesteld (config ambition="...")',
    },
    "digest.activity_title": {
        "en": "Activity set against the ambition",
        "nl": "Activiteiten afgezet tegen de ambitie",
    },
    "digest.meetings": {"en": "Meetings", "nl": "Bijeenkomsten"},
    "digest.meetings_value": {
        "en": "{held} held of {planned} planned",
        "nl": "{held} gehouden van {planned} gepland",
    },
    "digest.members": {"en": "Members", "nl": "Leden"},
    "digest.members_value": {
        "en": "{size} (target {target}); active in the last {period}: {active}",
        "nl": "{size} (doel {target}); actief in de laatste {period}: {active}",
    },
    "digest.weeks": {"en": "{count} weeks", "nl": "{count} weken"},
    "digest.weeks.one": {"en": "week", "nl": "week"},
    "digest.days": {"en": "{count} days", "nl": "{count} dagen"},
    "digest.days.one": {"en": "day", "nl": "dag"},
    "digest.entries_week": {"en": "Logbook entries this week", "nl": "Logboeknotities deze week"},
    "digest.experiments": {"en": "Experiments", "nl": "Experimenten"},
    "digest.experiments_value": {
        "en": "{agreed} agreed, {reported} reported back",
        "nl": "{agreed} afgesproken, {reported} teruggekoppeld",
    },
    "digest.response_title": {"en": "Responses", "nl": "Respons"},
    "digest.checkin_rates": {
        "en": "Check-in: last meeting ({n}) {last}; overall {overall}",
        "nl": "Check-in: laatste bijeenkomst ({n}) {last}; totaal {overall}",
    },
    "digest.evaluation_rates": {
        "en": "Evaluation: last meeting ({n}) {last}; overall {overall}",
        "nl": "Evaluatie: laatste bijeenkomst ({n}) {last}; totaal {overall}",
    },
    "digest.trend": {"en": "Evaluation trend: {trend}", "nl": "Verloop van de evaluaties: {trend}"},
    "digest.trend_none": {"en": "no ratings yet", "nl": "nog geen cijfers"},
    "digest.topics": {
        "en": "Topics asked for next time: {topics}",
        "nl": "Gevraagde onderwerpen voor de volgende keer: {topics}",
    },
    "digest.highlights_title": {
        "en": "Highlights and successes this week:",
        "nl": "Hoogtepunten en successen deze week:",
    },
    "digest.highlights_none": {
        "en": "No successes logged this week. Invite people to share one with `success <text>`.",
        "nl": "Deze week geen successen genoteerd. Nodig mensen uit er een te delen met `success <tekst>`.",
    },
    "digest.next": {
        "en": "Next meeting: #{n} on {when}, {theme}. {facilitators}",
        "nl": "Volgende bijeenkomst: #{n} op {when}, {theme}. {facilitators}",
    },
    "digest.next_none": {
        "en": "No next meeting planned. Add one with `schedule add YYYY-MM-DD HH:MM`.",
        "nl": "Er is geen volgende bijeenkomst gepland. Voeg er een toe met `schedule add JJJJ-MM-DD UU:MM`.",
    },
    "digest.programme_over": {
        "en": "The programme is complete: its last meeting was #{n} on {when}, and it runs until {end}. Time to harvest: the final report for the organisations and initiators is one click away (or type `report`).",
        "nl": "Het programma is rond: de laatste bijeenkomst was #{n} op {when}, en het loopt tot {end}. Tijd om te oogsten: de eindrapportage voor de organisaties en initiatiefnemers is één klik verwijderd (of typ `report`).",
    },
    "digest.final_report": {"en": "Final report", "nl": "Eindrapportage"},
    "digest.no_theme": {"en": "no theme yet", "nl": "nog zonder thema"},
    "digest.facilitators": {
        "en": "Facilitators: {content} (content) and {process} (process).",
        "nl": "Facilitatoren: {content} (inhoud) en {process} (proces).",
    },
    "digest.facilitators_none": {"en": "No facilitators yet.", "nl": "Nog geen facilitatoren."},
    "digest.flags_title": {"en": "Risk flags:", "nl": "Aandachtspunten:"},
    "digest.flags_none": {"en": "No risks this week.", "nl": "Deze week geen aandachtspunten."},
    "digest.flag.size_low": {
        "en": "Only {count} members: below {low} a group loses its diversity.",
        "nl": "Maar {count} leden: onder de {low} verliest een groep haar diversiteit.",
    },
    "digest.flag.size_low.one": {
        "en": "Only {count} member: below {low} a group loses its diversity.",
        "nl": "Maar {count} lid: onder de {low} verliest een groep haar diversiteit.",
    },
    "digest.flag.size_high": {
        "en": "{size} members: above {high} people no longer get to know each other.",
        "nl": "{size} leden: boven de {high} leren mensen elkaar niet meer kennen.",
    },
    "digest.flag.quiet": {
        "en": "{count} members have been quiet for two meetings (no check-in, evaluation or log): {names}",
        "nl": "{count} leden zijn al twee bijeenkomsten stil (geen check-in, evaluatie of notitie): {names}",
    },
    "digest.flag.quiet.one": {
        "en": "{count} member has been quiet for two meetings (no check-in, evaluation or log): {names}",
        "nl": "{count} lid is al twee bijeenkomsten stil (geen check-in, evaluatie of notitie): {names}",
    },
    "digest.flag.no_report": {
        "en": "{count} buddy groups have not reported back: {names}",
        "nl": "{count} buddygroepen hebben nog niet teruggekoppeld: {names}",
    },
    "digest.flag.no_report.one": {
        "en": "{count} buddy group has not reported back: {names}",
        "nl": "{count} buddygroep heeft nog niet teruggekoppeld: {names}",
    },
    "digest.flag.no_facilitators": {
        "en": "Meeting #{n} has {count} of its 2 facilitators.",
        "nl": "Bijeenkomst #{n} heeft {count} van de 2 facilitatoren.",
    },
    "digest.flag.falling": {
        "en": "Ratings are falling: #{n1} {m1} → #{n2} {m2}.",
        "nl": "De waardering daalt: #{n1} {m1} → #{n2} {m2}.",
    },
    "digest.flag.unreachable": {
        "en": "Could not reach {who}: messages to them fail permanently.",
        "nl": "Kon {who} niet bereiken: berichten aan hen mislukken blijvend.",
    },
    "digest.flag.unreachable_channel": {
        "en": "Could not post in the community channel: is the bot still in it?",
        "nl": "Kon niet in het kanaal van de community posten: zit de bot er nog in?",
    },
    "report.title": {"en": "Report of {name}", "nl": "Rapportage van {name}"},
    "report.period": {
        "en": "Period {start} to {end} · made {made}",
        "nl": "Periode {start} tot en met {end} · gemaakt {made}",
    },
    "report.question": {"en": "Domain question", "nl": "Vraagstuk"},
    "report.ambition": {"en": "Ambition", "nl": "Ambitie"},
    "report.activity": {"en": "Activity", "nl": "Activiteiten"},
    "report.meetings_held": {
        "en": "Meetings held: {held} of {total} in this period",
        "nl": "Bijeenkomsten gehouden: {held} van {total} in deze periode",
    },
    "report.members": {
        "en": "Members now: {size} (target {target})",
        "nl": "Leden nu: {size} (doel {target})",
    },
    "report.entries": {
        "en": "Logbook entries (actions and insights): {count}",
        "nl": "Logboeknotities (acties en inzichten): {count}",
    },
    "report.checkin_overall": {
        "en": "Check-in response over the meetings held: {rate}",
        "nl": "Respons op de check-in over de gehouden bijeenkomsten: {rate}",
    },
    "report.meetings_title": {"en": "Meetings", "nl": "Bijeenkomsten"},
    "report.col.date": {"en": "Date", "nl": "Datum"},
    "report.col.theme": {"en": "Theme", "nl": "Thema"},
    "report.col.facilitators": {
        "en": "Facilitators (content / process)",
        "nl": "Facilitatoren (inhoud / proces)",
    },
    "report.col.checkin": {"en": "Check-in", "nl": "Check-in"},
    "report.col.evaluation": {"en": "Evaluation", "nl": "Evaluatie"},
    "report.col.attended": {"en": "Came", "nl": "Aanwezig"},
    "report.no_meetings": {
        "en": "No meetings in this period.",
        "nl": "Geen bijeenkomsten in deze periode.",
    },
    "report.evaluations_title": {"en": "Evaluations", "nl": "Evaluaties"},
    "report.evaluations_rule": {
        "en": "Only meetings with at least {min} answers are summarised, without names.",
        "nl": "Alleen bijeenkomsten met minstens {min} antwoorden worden samengevat, zonder namen.",
    },
    "report.meeting": {"en": "Meeting {n} {theme}", "nl": "Bijeenkomst {n} {theme}"},
    "report.eval_stats": {
        "en": "{count} answers, mean rating {mean} (1-5)",
        "nl": "{count} antwoorden, gemiddeld cijfer {mean} (1-5)",
    },
    "report.valuable": {"en": "What was valuable:", "nl": "Wat was waardevol:"},
    "report.topics": {"en": "Topics for next time:", "nl": "Onderwerpen voor de volgende keer:"},
    "report.no_evaluations": {
        "en": "No meeting has enough evaluation answers yet.",
        "nl": "Nog geen bijeenkomst heeft genoeg evaluaties.",
    },
    "report.experiments_title": {
        "en": "Experiments in practice",
        "nl": "Experimenten in de praktijk",
    },
    "report.experiments": {
        "en": "{count} experiments agreed, {reported} reported back",
        "nl": "{count} experimenten afgesproken, {reported} teruggekoppeld",
    },
    "report.experiments.one": {
        "en": "{count} experiment agreed, {reported} reported back",
        "nl": "{count} experiment afgesproken, {reported} teruggekoppeld",
    },
    "report.successes_title": {"en": "Successes", "nl": "Successen"},
    "report.no_successes": {
        "en": "No successes logged in this period.",
        "nl": "Geen successen genoteerd in deze periode.",
    },
    "report.reply_title": {"en": "Report of {name}", "nl": "Rapportage van {name}"},
    "report.reply": {
        "en": "Period {start} to {end}; meetings: {meetings}. Attached: report.md (for organisations and initiators) and meetings.csv.",
        "nl": "Periode {start} tot en met {end}; bijeenkomsten: {meetings}. Bijgevoegd: report.md (voor organisaties en initiatiefnemers) en meetings.csv.",
    },
    "report.until_today": {
        "en": "The period is not over yet: this is what happened up to today ({today}); later meetings have no figures yet.",
        "nl": "De periode is nog niet voorbij: dit is wat er tot en met vandaag ({today}) gebeurde; latere bijeenkomsten hebben nog geen cijfers.",
    },
    "error.report_future": {
        "en": "The period {start} to {end} has not begun yet (today is {today}), so there is nothing to report. `report` alone covers everything so far; `report YYYY-MM-DD YYYY-MM-DD` a past period.",
        "nl": "De periode {start} tot en met {end} is nog niet begonnen (vandaag is het {today}), dus er valt nog niets te rapporteren. `report` alleen beslaat alles tot nu toe; `report JJJJ-MM-DD JJJJ-MM-DD` een periode die voorbij is.",
    },
    "error.report_order": {
        "en": "The period ends ({end}) before it starts ({start}).",
        "nl": "De periode eindigt ({end}) voordat die begint ({start}).",
    },
    "help.digest": {
        "en": "the organiser digest, now (organisers)",
        "nl": "het overzicht voor organisatoren, nu (organisatoren)",
    },
    "usage.digest": {"en": "Usage: `digest`", "nl": "Gebruik: `overzicht`"},
    "help.report": {
        "en": "a report of a period as Markdown and CSV, for organisations and initiators (organisers)",
        "nl": "een rapportage over een periode in Markdown en CSV, voor organisaties en initiatiefnemers (organisatoren)",
    },
    "usage.report": {
        "en": "Usage: `report [YYYY-MM-DD YYYY-MM-DD]` (default: since the start)",
        "nl": "Gebruik: `rapport [JJJJ-MM-DD JJJJ-MM-DD]` (standaard: vanaf het begin)",
    },
    "digest.flag.intake": {
        "en": "{count} members have not finished their intake (copbot reminds each of them once): {names}. Without an organisation they cannot be paired across organisations.",
        "nl": "{count} leden hebben hun intake niet afgerond (copbot herinnert ieder één keer): {names}. Zonder organisatie kunnen ze niet over organisaties heen gekoppeld worden.",
    },
    "digest.flag.intake.one": {
        "en": "1 member has not finished their intake (copbot reminds them once): {names}. Without an organisation they cannot be paired across organisations.",
        "nl": "1 lid heeft de intake niet afgerond (copbot herinnert één keer): {names}. Zonder organisatie kan die niet over organisaties heen gekoppeld worden.",
    },
    "digest.shared_by": {"en": "shared by {who}", "nl": "gedeeld door {who}"},
    "chart.response": {
        "en": "Response per meeting (% of those asked)",
        "nl": "Respons per bijeenkomst (% van wie gevraagd is)",
    },
    "chart.series.checkin": {"en": "check-in", "nl": "check-in"},
    "chart.series.evaluation": {"en": "evaluation", "nl": "evaluatie"},
    "chart.attendance": {
        "en": "Attendance per meeting (members)",
        "nl": "Aanwezigheid per bijeenkomst (leden)",
    },
    "chart.series.came": {"en": "came", "nl": "aanwezig"},
    "chart.series.away": {"en": "stayed away", "nl": "afwezig"},
    "chart.trend": {
        "en": "Evaluation trend (mean rating, 1-5)",
        "nl": "Verloop van de evaluaties (gemiddeld cijfer, 1-5)",
    },
    "chart.series.rating": {"en": "mean rating", "nl": "gemiddeld cijfer"},
    "chart.experiments": {
        "en": "Experiments per cycle: agreed and reported back",
        "nl": "Experimenten per cyclus: afgesproken en teruggekoppeld",
    },
    "chart.cycle": {"en": "after #{n}", "nl": "na #{n}"},
    "chart.series.agreed": {"en": "agreed", "nl": "afgesproken"},
    "chart.series.reported": {"en": "reported back", "nl": "teruggekoppeld"},
    "report.outcome.done": {"en": "done", "nl": "gedaan"},
    "report.outcome.partly": {"en": "partly", "nl": "deels"},
    "report.outcome.not_done": {"en": "not done", "nl": "niet gedaan"},
    "report.outcome.unknown": {"en": "not reported", "nl": "niet teruggekoppeld"},
    "report.outcome.reported": {
        "en": "reported, no outcome",
        "nl": "teruggekoppeld, zonder uitkomst",
    },
    "report.html.programme": {"en": "The programme", "nl": "Het programma"},
    "report.html.tried": {"en": "What was tried", "nl": "Wat er is geprobeerd"},
    "report.html.none_tried": {
        "en": "No experiments in this period.",
        "nl": "Geen experimenten in deze periode.",
    },
    "report.html.col.cycle": {"en": "Cycle", "nl": "Cyclus"},
    "report.html.col.who": {"en": "Buddies", "nl": "Buddy's"},
    "report.html.col.experiment": {"en": "Experiment", "nl": "Experiment"},
    "report.html.col.outcome": {"en": "Outcome", "nl": "Uitkomst"},
    "report.html.col.learned": {"en": "What was learned", "nl": "Wat is geleerd"},
    "report.html.chart_tried": {
        "en": "Experiments per cycle: agreed and carried out",
        "nl": "Experimenten per cyclus: afgesproken en uitgevoerd",
    },
    "report.html.series_ran": {"en": "carried out", "nl": "uitgevoerd"},
    "report.html.chart_outcomes": {
        "en": "How the experiments went",
        "nl": "Hoe de experimenten gingen",
    },
    "report.html.map": {"en": "The social map", "nl": "De sociale kaart"},
    "report.html.organisations": {"en": "Per organisation", "nl": "Per organisatie"},
    "report.html.org_members": {"en": "{count} members", "nl": "{count} leden"},
    "report.html.org_members.one": {"en": "1 member", "nl": "1 lid"},
    "report.html.org_checkin": {
        "en": "Check-ins answered: {rate}",
        "nl": "Check-ins beantwoord: {rate}",
    },
    "report.html.org_tried": {
        "en": "Took part in {count} experiments, {ran} of them carried out",
        "nl": "Deed mee aan {count} experimenten, waarvan {ran} uitgevoerd",
    },
    "report.html.org_tried.one": {
        "en": "Took part in 1 experiment ({ran} carried out)",
        "nl": "Deed mee aan 1 experiment ({ran} uitgevoerd)",
    },
    "report.html.org_successes": {
        "en": "Successes shared: {count}",
        "nl": "Gedeelde successen: {count}",
    },
    "report.html.fig_meetings": {"en": "meetings held", "nl": "bijeenkomsten gehouden"},
    "report.html.fig_members": {"en": "members", "nl": "leden"},
    "report.html.fig_tried": {"en": "experiments agreed", "nl": "experimenten afgesproken"},
    "report.html.fig_ran": {"en": "experiments carried out", "nl": "experimenten uitgevoerd"},
    "report.html.fig_successes": {"en": "successes logged", "nl": "successen genoteerd"},
    "report.html.fig_pairs": {
        "en": "organisation pairs connected",
        "nl": "paren van organisaties verbonden",
    },
    "report.html.footer": {
        "en": "Made by copbot. Evaluation results are anonymous: only meetings with enough answers are shown, never who answered what. Successes carry a name only where their author chose to share them.",
        "nl": "Gemaakt door copbot. Evaluaties zijn anoniem: alleen bijeenkomsten met genoeg antwoorden worden getoond, nooit wie wat antwoordde. Successen dragen alleen een naam als de auteur ze zelf deelde.",
    },
    "digest.flag.school.herfst": {
        "en": "Meeting {n} ({when}) falls in the autumn holiday of region {region}, where {count} members live.",
        "nl": "Bijeenkomst {n} ({when}) valt in de herfstvakantie van regio {region}, waar {count} leden wonen.",
    },
    "digest.flag.school.herfst.one": {
        "en": "Meeting {n} ({when}) falls in the autumn holiday of region {region}, where {count} member lives.",
        "nl": "Bijeenkomst {n} ({when}) valt in de herfstvakantie van regio {region}, waar {count} lid woont.",
    },
    "digest.flag.school.kerst": {
        "en": "Meeting {n} ({when}) falls in the Christmas holiday of region {region}, where {count} members live.",
        "nl": "Bijeenkomst {n} ({when}) valt in de kerstvakantie van regio {region}, waar {count} leden wonen.",
    },
    "digest.flag.school.kerst.one": {
        "en": "Meeting {n} ({when}) falls in the Christmas holiday of region {region}, where {count} member lives.",
        "nl": "Bijeenkomst {n} ({when}) valt in de kerstvakantie van regio {region}, waar {count} lid woont.",
    },
    "digest.flag.school.voorjaar": {
        "en": "Meeting {n} ({when}) falls in the spring holiday of region {region}, where {count} members live.",
        "nl": "Bijeenkomst {n} ({when}) valt in de voorjaarsvakantie van regio {region}, waar {count} leden wonen.",
    },
    "digest.flag.school.voorjaar.one": {
        "en": "Meeting {n} ({when}) falls in the spring holiday of region {region}, where {count} member lives.",
        "nl": "Bijeenkomst {n} ({when}) valt in de voorjaarsvakantie van regio {region}, waar {count} lid woont.",
    },
    "digest.flag.school.mei": {
        "en": "Meeting {n} ({when}) falls in the May holiday of region {region}, where {count} members live.",
        "nl": "Bijeenkomst {n} ({when}) valt in de meivakantie van regio {region}, waar {count} leden wonen.",
    },
    "digest.flag.school.mei.one": {
        "en": "Meeting {n} ({when}) falls in the May holiday of region {region}, where {count} member lives.",
        "nl": "Bijeenkomst {n} ({when}) valt in de meivakantie van regio {region}, waar {count} lid woont.",
    },
    "digest.flag.school.zomer": {
        "en": "Meeting {n} ({when}) falls in the summer holiday of region {region}, where {count} members live.",
        "nl": "Bijeenkomst {n} ({when}) valt in de zomervakantie van regio {region}, waar {count} leden wonen.",
    },
    "digest.flag.school.zomer.one": {
        "en": "Meeting {n} ({when}) falls in the summer holiday of region {region}, where {count} member lives.",
        "nl": "Bijeenkomst {n} ({when}) valt in de zomervakantie van regio {region}, waar {count} lid woont.",
    },
    "timed.kind.digest": {
        "en": "send the organiser digest",
        "nl": "overzicht naar de organisatoren",
    },
}
