TEXTS: dict[str, dict[str, str]] = {
    "invites.summary": {"en": "{name}: meeting {n}", "nl": "{name}: bijeenkomst {n}"},
    "invites.cancelled": {
        "en": "This meeting is cancelled.",
        "nl": "Deze bijeenkomst is geannuleerd.",
    },
    "invites.your_role": {
        "en": "You facilitate this meeting: {role}.",
        "nl": "Jij facilitert deze bijeenkomst: {role}.",
    },
    "invites.attached": {
        "en": "Your meetings as a calendar file are attached: open it to add them to Outlook or Google Calendar. With `calendar` you get an address your calendar follows by itself.",
        "nl": "Je bijeenkomsten zitten als agendabestand in de bijlage: open het om ze in Outlook of Google Agenda te zetten. Met `kalender` krijg je een adres dat je agenda zelf bijhoudt.",
    },
    "invites.change_title": {
        "en": "The schedule of {name} changed",
        "nl": "De planning van {name} is veranderd",
    },
    "invites.change.added": {
        "en": "Meeting {n} was added: {when}.",
        "nl": "Bijeenkomst {n} is toegevoegd: {when}.",
    },
    "invites.change.moved": {
        "en": "Meeting {n} moved: {before} → {when}.",
        "nl": "Bijeenkomst {n} is verplaatst: {before} → {when}.",
    },
    "invites.change.cancelled": {
        "en": "Meeting {n} ({when}) is cancelled.",
        "nl": "Bijeenkomst {n} ({when}) is geannuleerd.",
    },
    "invites.change.series": {
        "en": "Meetings moved: {moved}; new: {added}; cancelled: {dropped}.",
        "nl": "Verplaatste bijeenkomsten: {moved}; nieuw: {added}; geannuleerd: {dropped}.",
    },
    "invites.feed": {
        "en": "Your personal calendar address (subscribe to it in Outlook or Google Calendar; it follows every change): {url}",
        "nl": "Je persoonlijke agenda-adres (abonneer je erop in Outlook of Google Agenda; het volgt elke wijziging): {url}",
    },
    "invites.feed_no_host": {
        "en": "(The organisers of this copbot have not set its public address, COPBOT_PUBLIC_URL, yet: put it in front of the path.)",
        "nl": "(De beheerders van deze copbot hebben zijn openbare adres, COPBOT_PUBLIC_URL, nog niet ingesteld: zet dat voor het pad.)",
    },
    "invites.feed_revoke": {
        "en": "Keep it to yourself: it shows your meetings and roles. `calendar reset` gives a new address (the old one stops working), `calendar off` switches it off.",
        "nl": "Houd het voor jezelf: het toont je bijeenkomsten en rollen. `kalender vernieuw` geeft een nieuw adres (het oude werkt dan niet meer), `kalender uit` zet het uit.",
    },
    "invites.sent": {
        "en": "I sent your calendar file and address to you by DM.",
        "nl": "Ik heb je agendabestand en -adres per DM gestuurd.",
    },
    "invites.off": {
        "en": "Your calendar address is switched off: it no longer works. `calendar` makes a new one.",
        "nl": "Je agenda-adres staat uit: het werkt niet meer. `kalender` maakt een nieuw adres.",
    },
    "invites.off_none": {
        "en": "You had no calendar address. `calendar` makes one.",
        "nl": "Je had geen agenda-adres. `kalender` maakt er een.",
    },
    "help.calendar": {
        "en": "the meetings in your own calendar: a file and a personal address your calendar follows",
        "nl": "de bijeenkomsten in je eigen agenda: een bestand en een persoonlijk adres dat je agenda volgt",
    },
    "usage.calendar": {
        "en": "Usage: `calendar`, `calendar reset`, `calendar off`",
        "nl": "Gebruik: `kalender`, `kalender vernieuw`, `kalender uit`",
    },
}
