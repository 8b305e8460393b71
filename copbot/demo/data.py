"""The sample Community of Practice of ``copbot demo``: its people, question, themes and the
things they write. Dutch, as the people in it are; organisations are plausible, not real ones
speaking."""

from __future__ import annotations

from dataclasses import dataclass

COMMUNITY_NAME = "CoP Langer Thuis in de Wijk"
QUESTION = (
    "Hoe zorgen we er samen voor dat kwetsbare ouderen langer en met plezier zelfstandig "
    "thuis kunnen blijven wonen?"
)
AMBITION = (
    "Binnen anderhalf jaar in drie wijken een gedeelde werkwijze waarin gemeente, GGD, "
    "woningcorporatie, zorg en welzijn eenzaamheid en kwetsbaarheid eerder signaleren en "
    "samen oppakken."
)
START = "2027-01-14"  # a Thursday; meetings every six weeks at 14:00
MEETING_TIME = "14:00"
# The organiser pauses the summer holiday of regio midden, where most live, in one command;
# once everyone has given their region, the digest warns that the meeting moved out of it
# falls in the summer holiday of regio zuid, and the organiser pauses all regions' summer.
BLACKOUT = "pauze zomervakantie midden 2027"
BLACKOUT_ALL = "pauze zomervakantie alle 2027"


@dataclass(frozen=True)
class Persona:
    name: str
    organisation: str
    discipline: str
    practice_case: str
    learning_goal: str
    # What they answer to the intake's region question: mostly their province.
    region: str = "Zuid-Holland"

    @property
    def user_id(self) -> str:
        return self.name.lower().replace(" ", ".")


ORGANISATIONS = (
    "Gemeente Leiden",
    "Gemeente Alphen aan den Rijn",
    "GGD Hollands Midden",
    "Woonstichting Rijnstreek",
    "Zorggroep Sint Anna",
    "Welzijn Rijnland",
    "Hogeschool Leiden",
    "Thuiszorg De Zijlen",
)

PEOPLE = (
    Persona("Marieke de Vries", "GGD Hollands Midden", "gezondheidsbevorderaar",
            "Een wijk waar veel alleenstaande ouderen de deur niet meer uit komen.",
            "Hoe krijg ik partners structureel aan tafel?"),
    Persona("Jeroen Bakker", "Gemeente Leiden", "beleidsadviseur Wmo",
            "Wmo-aanvragen die pas komen als het eigenlijk al te laat is.",
            "Beleid maken dat aansluit op wat professionals in de wijk zien."),
    Persona("Fatima El Amrani", "Welzijn Rijnland", "ouderenconsulent",
            "Mevrouw B. (84) die haar mantelzorger verloor en zich terugtrekt.",
            "Eenzaamheid bespreekbaar maken zonder te betuttelen."),
    Persona("Sanne Jansen", "Thuiszorg De Zijlen", "wijkverpleegkundige",
            "Cliënten die thuiszorg weigeren uit angst hun zelfstandigheid te verliezen.",
            "Samen met de cliënt kleine stappen zetten."),
    Persona("Pieter van Dijk", "Woonstichting Rijnstreek", "wijkconsulent",
            "Huurders die hun woning niet meer aankunnen maar niet willen verhuizen.",
            "Eerder signalen oppikken bij huisbezoeken."),
    Persona("Ayşe Yılmaz", "GGD Hollands Midden", "sociaal verpleegkundige",
            "Ouderen met een migratieachtergrond die de weg naar zorg niet vinden.",
            "Cultuursensitief werken in het wijkteam."),
    Persona("Lotte Visser", "Hogeschool Leiden", "docent-onderzoeker",
            "Studenten die in de wijk huisbezoeken doen en veel zien.",
            "Praktijkonderzoek dat professionals echt helpt.", "Noord-Holland"),
    Persona("Thomas Smit", "Gemeente Alphen aan den Rijn", "wijkcoördinator",
            "Een nieuwe seniorenflat waar bewoners elkaar niet kennen.",
            "Netwerken in de buurt versterken."),
    Persona("Noor Hendriks", "Zorggroep Sint Anna", "casemanager dementie",
            "Een echtpaar waarvan hij dementie heeft en zij overbelast raakt.",
            "Mantelzorgers eerder ontlasten.", "Noord-Brabant"),
    Persona("Daan Mulder", "Welzijn Rijnland", "opbouwwerker",
            "Een buurthuis dat ouderen niet meer weten te vinden.",
            "Activiteiten samen met ouderen bedenken in plaats van voor hen.", "Utrecht"),
    Persona("Eva de Boer", "Thuiszorg De Zijlen", "ergotherapeut",
            "Valincidenten die met kleine aanpassingen te voorkomen waren.",
            "Preventie in de wijk organiseren.", "Zuid"),
    Persona("Bram Vos", "Woonstichting Rijnstreek", "projectleider wonen en zorg",
            "Woningen levensloopbestendig maken zonder grote verbouwingen.",
            "Beter samenwerken met zorgpartijen."),
    Persona("Priya Ramdin", "Gemeente Leiden", "consulent sociaal wijkteam",
            "Een man die alle hulp afhoudt en steeds verder vereenzaamt.",
            "Het gesprek aangaan als iemand geen hulp wil."),
    Persona("Kees Dekker", "Zorggroep Sint Anna", "specialist ouderengeneeskunde",
            "Heropnames die met betere nazorg thuis te voorkomen zijn.",
            "De verbinding tussen medische zorg en de wijk."),
    Persona("Iris van Leeuwen", "Hogeschool Leiden", "lector langer thuis",
            "Onderzoek naar wat ouderen zelf belangrijk vinden.",
            "Kennis uit onderzoek en praktijk samenbrengen."),
    Persona("Mohamed Bouzid", "Welzijn Rijnland", "vrijwilligerscoördinator",
            "Vrijwilligers die afhaken omdat de hulpvraag te zwaar is.",
            "Vrijwilligers goed toerusten en ondersteunen."),
    Persona("Femke Peters", "GGD Hollands Midden", "epidemioloog",
            "Cijfers over eenzaamheid die niemand in de wijk gebruikt.",
            "Data bruikbaar maken voor professionals."),
    Persona("Ruben Kok", "Gemeente Alphen aan den Rijn", "beleidsmedewerker wonen",
            "Woonzorgvisie die op papier staat maar niet landt.",
            "Van visie naar concrete afspraken met partners."),
    Persona("Joyce Willems", "Thuiszorg De Zijlen", "teamleider wijkzorg",
            "Een team dat overvraagd is en weinig tijd heeft voor signalering.",
            "Signaleren een vaste plek geven in het werk."),
    Persona("Hanneke Brouwer", "Zorggroep Sint Anna", "maatschappelijk werker",
            "Financiële zorgen bij ouderen die niemand ziet.",
            "Schuldhulp en ouderenzorg verbinden."),
)  # fmt: skip

# Joins half-way through the programme and reads the welcome to catch up.
NEWCOMER = Persona(
    "Wouter van den Berg",
    "Gemeente Leiden",
    "wijkagent",
    "Ouderen die slachtoffer worden van babbeltrucs.",
    "Veiligheid in de wijk samen met zorg en welzijn oppakken.",
)

# People the organiser gives the facilitator role: they may edit the schedule and run the
# rotation and pairing. The two facilitator turns of each meeting rotate through everyone
# (the default `facilitation=all`).
FACILITATORS = ("Jeroen Bakker", "Fatima El Amrani", "Sanne Jansen", "Lotte Visser")

THEMES = (
    "Kennismaking: ieders casus op tafel",
    "Signalen van eenzaamheid herkennen",
    "Het goede gesprek aan de keukentafel",
    "Samenwerken over organisatiegrenzen",
    "Wonen en zorg: kleine aanpassingen, groot effect",
    "Mantelzorgers ontlasten",
    "Digitale hulpmiddelen thuis",
    "Valpreventie in de wijk",
    "De kracht van de buurt",
    "Gegevens delen en privacy",
    "Wat werkt? De oogst van onze experimenten",
    "Borgen in de eigen organisatie",
    "Terugblik en hoe nu verder",
)

CHECKIN_TEXTS = (
    "Ik breng de casus van mevrouw B. in; ze heeft nu wekelijks bezoek van een vrijwilliger.",
    "Ik wil het hebben over hoe we signalen uit huisbezoeken sneller doorgeven.",
    "Mijn vraag: hoe houden we de wijkverpleging betrokken als het druk is?",
    "Ik neem een voorbeeld mee van een buurtlunch die goed werkte.",
    "Ik ben benieuwd hoe anderen omgaan met mensen die hulp weigeren.",
    "Ik breng de nieuwe cijfers uit de gezondheidsmonitor mee.",
    "Ik wil graag feedback op ons plan voor een signaleringskaart.",
    "Ik loop vast in de samenwerking met de huisarts en zoek tips.",
    "Ik vertel over het huisbezoek-experiment dat we gestart zijn.",
    "Ik heb een vraag over privacy bij het delen van zorgen over een bewoner.",
)
REPORT_TEXTS = (
    "Gelukt: twee buren zijn nu maatje van elkaar.",
    "Half gelukt: het gesprek vond plaats, de vervolgafspraak nog niet.",
    "Niet gelukt door ziekte in het team, ik probeer het opnieuw.",
    "Goed gegaan: de bewoner nam zelf contact op met het wijkteam.",
    "Ik heb het uitgeprobeerd en geleerd dat ik eerder moet doorvragen.",
    "De signaleringskaart is nu bij drie collega's in gebruik.",
)
EXPERIMENT_TEXTS = (
    "Bij elk huisbezoek vraag ik expliciet naar contacten in de buurt.",
    "Ik nodig de wijkverpleging uit voor ons teamoverleg.",
    "Ik bel twee weken na een intake terug om te vragen hoe het gaat.",
    "Ik probeer de signaleringskaart uit bij vijf bewoners.",
    "Ik organiseer een koffie-uurtje in de nieuwe seniorenflat.",
    "Ik koppel een student aan een bewoner voor een wekelijks bezoek.",
    "Ik maak een sociale kaart van de wijk voor mijn collega's.",
    "Ik bespreek eenzaamheid standaard in het keukentafelgesprek.",
)
VALUABLE_TEXTS = (
    "De casusbespreking: ik zag mijn eigen casus ineens anders.",
    "Het horen hoe de woningcorporatie werkt, dat wist ik niet.",
    "De concrete tips van collega's uit andere organisaties.",
    "De open sfeer, ik durfde te vertellen waar ik vastliep.",
    "De korte presentatie met cijfers uit de wijk.",
    "Het werken in kleine groepjes.",
)
TOPIC_TEXTS = (
    "Mantelzorgers en overbelasting",
    "Hoe betrek je de huisarts?",
    "Privacy bij het delen van zorgen",
    "Valpreventie en woningaanpassingen",
    "Vrijwilligers in de wijk",
    "Digitale zorg voor ouderen",
    "Wat doen we na de CoP?",
)
LOG_TEXTS = (
    "Gesprek gehad met de huisarts over signalen van eenzaamheid.",
    "Idee uit de CoP gedeeld in ons teamoverleg.",
    "Artikel gelezen over positieve gezondheid bij ouderen.",
    "Afgesproken met Welzijn Rijnland om samen huisbezoeken te doen.",
)
SUCCESS_TEXTS = (
    "Mevrouw B. gaat weer naar de buurtlunch!",
    "Ons team gebruikt nu de signaleringskaart uit de CoP.",
    "De gemeente financiert een tweede koffie-uurtje in de flat.",
    "Drie nieuwe vrijwilligers via het netwerk van de CoP.",
    "Een bewoner kon dankzij een kleine aanpassing thuis blijven wonen.",
)
FALLBACK_TEXTS = (
    "Goed om te horen, ik denk erover na.",
    "Dank je, ik kom erop terug.",
)
