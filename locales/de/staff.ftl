## Staff pages (German is the default; languages without their own staff.ftl fall back to it)

staff-title = Mitarbeiterbereich
staff-nav-label = Mitarbeiterbereich
staff-nav-dashboard = Übersicht
staff-nav-new-event = Neue Veranstaltung
staff-nav-accounts = Konten
staff-nav-audit = Protokoll
staff-logout = Abmelden
staff-back-to-dashboard = Zurück zur Übersicht
staff-back-to-event = Zurück zur Veranstaltung
staff-yes = ja
staff-no = nein
staff-online = Online
staff-unlimited = unbegrenzt
staff-people = { $count ->
    [one] 1 Person
   *[other] { $count } Personen
}

staff-login-heading = Anmelden
staff-login-email = E-Mail-Adresse
staff-login-password = Passwort
staff-login-submit = Anmelden
staff-login-failed = E-Mail-Adresse oder Passwort stimmen nicht.
staff-login-throttled = Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.

staff-error-heading = Das hat nicht geklappt
staff-error-forbidden = Diese Seite ist nur für Administratorinnen und Administratoren.
staff-error-not-found = Diese Seite gibt es nicht.
staff-error-busy = Der Dienst ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.
staff-error-rate-limited = Zu viele Anfragen. Bitte warten Sie eine Minute.
staff-error-bad-request = Die Anfrage war unvollständig oder fehlerhaft.
staff-error-internal = Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später noch einmal.
staff-conflict-event_cancelled = Die Veranstaltung ist abgesagt.
staff-conflict-nobody_checked_in = Bei dieser Veranstaltung wurde niemand als anwesend eingetragen.
staff-conflict-not_checked_in = Diese Person wurde nicht als anwesend eingetragen.
staff-conflict-registration_closed = Die Veranstaltung ist schon vorbei.
staff-conflict-registration_not_open = Die Anmeldung ist noch nicht geöffnet.
staff-conflict-event_full = Die Veranstaltung ist ausgebucht und hat keine Warteliste.
staff-conflict-not_seated = Nur Anmeldungen mit Platz können eingecheckt werden.
staff-conflict-staff_exists = Für diese E-Mail-Adresse gibt es schon ein Konto.

staff-dashboard-heading = Kommende Veranstaltungen
staff-dashboard-caption = Veranstaltungen ab heute, auch Entwürfe
staff-dashboard-none = Es gibt keine kommenden Veranstaltungen.
staff-dashboard-more = Es werden nur die ersten 200 Veranstaltungen gezeigt.
staff-col-event = Veranstaltung
staff-col-when = Wann
staff-col-status = Status
staff-col-seats-taken = Plätze belegt
staff-col-seats-left = Plätze frei
staff-col-waiting = Warteliste
staff-col-contact = Kontakt
staff-no-contact = Nicht erreichbar: keine E-Mail, kein Telefon
staff-col-language = Sprache
staff-col-registrations = Anmeldungen
staff-col-people = Personen
staff-event-status-draft = Entwurf
staff-event-status-published = Veröffentlicht
staff-event-status-cancelled = Abgesagt

staff-new-heading = Neue Veranstaltung
staff-new-intro = Die Veranstaltung wird als Entwurf gespeichert und erst sichtbar, wenn Sie sie veröffentlichen.
staff-edit-heading = Veranstaltung bearbeiten
staff-field-kind = Art
staff-field-title = Titel
staff-field-description = Beschreibung
staff-field-time = Zeit
staff-field-time-hint = Ortszeit ({ $zone }).
staff-field-starts-at = Beginn
staff-field-ends-at = Ende
staff-field-place = Ort
staff-field-venue-name = Name des Ortes
staff-field-venue-street = Straße und Hausnummer
staff-field-venue-postal-code = Postleitzahl
staff-field-venue-city = Stadt
staff-field-online-url = Link zur Online-Teilnahme
staff-field-seats = Plätze und Anmeldung
staff-field-capacity = Plätze
staff-field-capacity-hint = Leer lassen für unbegrenzt viele Plätze.
staff-field-max-party-size = Höchstens Personen je Anmeldung
staff-field-max-party-size-hint = Zwischen 1 und 20.
staff-field-waitlist = Warteliste, wenn alle Plätze belegt sind
staff-field-double-opt-in = Online-Anmeldungen per E-Mail bestätigen lassen
staff-field-opens-at = Anmeldung ab
staff-field-closes-at = Anmeldung bis
staff-field-audiences = Für wen
staff-field-languages = Sprachen
staff-field-languages-hint = Angebotene Sprachen oder Dolmetschen, als Kürzel mit Komma getrennt, z. B. de, ar, fa.
staff-field-reminders = Erinnerungen
staff-field-reminders-hint = Wie lange vor Beginn, z. B. 7d, 1d, 2h (Tage, Stunden, Minuten: d, h, m).
staff-create = Als Entwurf speichern
staff-save = Änderungen speichern

staff-error-required = Bitte füllen Sie dieses Feld aus.
staff-error-too_long = Dieser Text ist zu lang.
staff-error-unknown_kind = Bitte wählen Sie eine Art aus der Liste.
staff-error-out_of_range = Diese Zahl liegt außerhalb des erlaubten Bereichs.
staff-error-not_a_number = Bitte geben Sie eine ganze Zahl ein.
staff-error-time_malformed = Bitte geben Sie Datum und Uhrzeit an.
staff-error-time_in_dst_gap = Diese Uhrzeit gibt es wegen der Zeitumstellung nicht. Bitte wählen Sie eine andere.
staff-error-ends_before_start = Das Ende muss nach dem Beginn liegen.
staff-error-place_required = Bitte geben Sie einen Ort mit Stadt an, einen Link zur Online-Teilnahme oder beides.
staff-error-postal_code = Bitte geben Sie eine Postleitzahl mit fünf Ziffern an.
staff-error-url = Bitte geben Sie eine Webadresse an, die mit https:// beginnt.
staff-error-closes_before_opens = Das Ende der Anmeldung muss nach ihrem Beginn liegen.
staff-error-opens_after_end = Die Anmeldung muss vor dem Ende der Veranstaltung beginnen.
staff-error-closes_after_end = Die Anmeldung darf nicht nach dem Ende der Veranstaltung schließen.
staff-error-below_seats_taken = Es sind schon mehr Plätze belegt.
staff-error-unknown_audience = Bitte wählen Sie aus der Liste.
staff-error-unknown_language = Bitte geben Sie Sprachkürzel wie de, ar oder fa an.
staff-error-reminder_offset = Bitte geben Sie Erinnerungen wie 7d, 1d oder 2h an (höchstens 60 Tage).
staff-error-too_many = Das sind zu viele Einträge.

staff-flash-created = Die Veranstaltung wurde als Entwurf angelegt.
staff-flash-saved = Die Änderungen wurden gespeichert.
staff-flash-published = Die Veranstaltung ist jetzt veröffentlicht.
staff-flash-cancelled = Die Veranstaltung wurde abgesagt.
staff-flash-registered = Die Anmeldung wurde gespeichert (Status: { $status }).
staff-flash-registered-unreachable = Ohne E-Mail und Telefon kann diese Person keine Nachricht erreichen, auch keine Absage.

staff-actions = Aktionen
staff-action-edit = Bearbeiten
staff-action-publish = Veröffentlichen
staff-action-register = Jemanden anmelden
staff-action-checkin = Einlass
staff-action-export-csv = Liste als CSV (Excel)
staff-action-export-xlsx = Liste als XLSX
staff-action-public-page = Öffentliche Seite
staff-action-cancel = Absagen

staff-interpreters-heading = Dolmetschen
staff-interpreters-none = Niemand braucht eine Übersetzung.
staff-interpreters-waiting = Außerdem auf der Warteliste:
staff-registrations-heading = Anmeldungen
staff-registrations-shown = { $count ->
    [0] Keine Anmeldungen gefunden.
    [one] 1 Anmeldung
   *[other] { $count } Anmeldungen
}
staff-search-label = Suchen nach Name, E-Mail oder Telefon
staff-search-submit = Suchen
staff-search-reset = Alle zeigen
staff-checked-in = da

staff-column-id = Nr.
staff-column-status = Status
staff-column-name = Name
staff-column-email = E-Mail
staff-column-phone = Telefon
staff-column-party_size = Personen
staff-column-language = Sprache
staff-column-interpreter = Dolmetschen
staff-column-needs = Bedürfnisse
staff-column-via_waitlist = Über Warteliste
staff-column-source = Quelle
staff-column-created_at = Angemeldet am
staff-column-checked_in_at = Eingecheckt um
staff-status-pending = unbestätigt
staff-status-confirmed = bestätigt
staff-status-waitlisted = Warteliste
staff-status-cancelled = storniert
staff-source-online = online
staff-source-staff = Büro

staff-confirm-publish-heading = Veranstaltung veröffentlichen?
staff-confirm-publish-text = Danach steht die Veranstaltung auf der Website und in den Kalendern, und man kann sich anmelden.
staff-confirm-publish-button = Ja, veröffentlichen
staff-confirm-cancel-heading = Veranstaltung absagen?
staff-confirm-cancel-text = Die Veranstaltung bleibt sichtbar, als abgesagt markiert. Das lässt sich nicht rückgängig machen.
staff-confirm-cancel-button = Ja, absagen
staff-confirm-back = Nein, zurück
staff-confirm-not-possible = Das ist bei dieser Veranstaltung nicht mehr möglich.
staff-cancel-affected = { $count ->
    [0] Es gibt keine Anmeldungen.
    [one] Eine Anmeldung ist betroffen.
   *[other] { $count } Anmeldungen sind betroffen.
}

staff-register-heading = Jemanden anmelden
staff-register-intro = Für Anrufe und Besuch im Büro: Die Anmeldung gilt sofort als bestätigt.
staff-register-walk-in-hint = Für Besucherinnen und Besucher ohne E-Mail und Telefon dürfen beide Felder leer bleiben. Dann kann die Person aber keine Nachricht mehr erreichen: keine Bestätigung, keine Änderung, keine Absage.
staff-register-email-hint = Nur wenn die Person Bestätigung und Erinnerungen per E-Mail möchte.
staff-register-language = Sprache für E-Mails
staff-register-no-interpreter = Keine Übersetzung nötig
staff-register-consent = Die Person ist einverstanden, dass ihre Angaben für diese Veranstaltung gespeichert werden.
staff-register-submit = Anmelden
staff-conflict-already_registered = Diese E-Mail-Adresse ist schon angemeldet. Die Bestätigung wurde noch einmal geschickt.

staff-checkin-heading = Einlass
staff-checkin-present = { $count ->
    [one] 1 Person da
   *[other] { $count } Personen da
}
staff-checkin-missing = { $count ->
    [one] 1 fehlt
   *[other] { $count } fehlen
}
staff-checkin-counts = { $present } von { $expected } erwarteten Personen sind da, { $missing } fehlen.
staff-checkin-button = Ist da
staff-checkin-label = { $name } ist da
staff-checkin-undo = Rückgängig
staff-checkin-undo-label = { $name }: Einlass rückgängig machen
staff-checkin-none = Niemand gefunden.

staff-accounts-heading = Konten und API-Schlüssel
staff-accounts-caption = Alle Konten
staff-account-role = Rolle
staff-role-admin = Administration
staff-role-staff = Mitarbeit
staff-tokens = API-Schlüssel
staff-token-label = Bezeichnung
staff-token-label-for = Bezeichnung des neuen Schlüssels für { $name }
staff-token-create = Schlüssel erzeugen
staff-token-created = Neuer API-Schlüssel:
staff-token-once = Kopieren Sie ihn jetzt. Er wird nur dieses eine Mal angezeigt.
staff-token-revoke = Widerrufen
staff-token-revoke-label = Schlüssel { $label } widerrufen
staff-token-label-required = Bitte geben Sie dem Schlüssel eine Bezeichnung.
staff-account-add-heading = Konto hinzufügen
staff-account-password = Passwort
staff-account-password-hint = Mindestens { $min } Zeichen.
staff-account-add = Konto anlegen
staff-account-error-email = Bitte geben Sie eine gültige E-Mail-Adresse an.
staff-account-error-required = Bitte füllen Sie dieses Feld aus.
staff-account-error-too_short = Das Passwort ist zu kurz.

staff-audit-heading = Protokoll
staff-audit-intro = Wer hat wann was getan. Das Protokoll enthält nur Nummern, keine Namen oder Adressen von Teilnehmenden.
staff-audit-none = Noch keine Einträge.
staff-audit-when = Wann
staff-audit-who = Wer
staff-audit-what = Was
staff-audit-ids = Betrifft
staff-audit-event = Veranstaltung { $id }
staff-audit-registration = Anmeldung { $id }
staff-audit-account = Konto { $id }
staff-audit-token = Schlüssel { $id }
staff-audit-filter = Protokoll filtern
staff-audit-filter-event = Veranstaltungsnummer
staff-audit-filter-actor = Ausgeführt von
staff-audit-filter-staff = Mitarbeiterin oder Mitarbeiter
staff-audit-filter-action = Was
staff-audit-filter-any = alle
staff-audit-filter-submit = Anzeigen
staff-audit-filter-reset = Alle anzeigen
staff-audit-actor-staff = Mitarbeitende, auf diesen Seiten
staff-audit-actor-token = Mitarbeitende, über einen API-Schlüssel
staff-audit-actor-participant = die angemeldete Person (Verwaltungslink)
staff-audit-actor-system = der Dienst selbst
staff-audit-by-token = { $who } über API-Schlüssel { $token }
staff-audit-action-registration_confirmed = Anmeldung bestätigt
staff-audit-action-registration_cancelled = Anmeldung storniert
staff-audit-action-registration_expired = Unbestätigte Anmeldung verfallen
staff-audit-action-registration_erased = Personenbezogene Daten gelöscht
staff-audit-action-slot_booked = Termin gebucht
staff-audit-action-slot_released = Termin zurückgegeben
staff-audit-action-slot_moved = Termin verschoben
staff-audit-action-login = angemeldet
staff-audit-action-logout = abgemeldet
staff-audit-action-event_created = Veranstaltung angelegt
staff-audit-action-event_changed = Veranstaltung geändert
staff-audit-action-event_published = Veranstaltung veröffentlicht
staff-audit-action-event_cancelled = Veranstaltung abgesagt
staff-audit-action-registered_on_behalf = Person angemeldet
staff-audit-action-checked_in = Einlass
staff-audit-action-check_in_undone = Einlass rückgängig
staff-audit-action-exported_csv = Liste als CSV exportiert
staff-audit-action-exported_xlsx = Liste als XLSX exportiert
staff-audit-action-account_added = Konto angelegt
staff-audit-action-token_created = API-Schlüssel erzeugt
staff-audit-action-token_revoked = API-Schlüssel widerrufen
staff-audit-action-exported_report_csv = Bericht als CSV exportiert
staff-audit-action-exported_report_xlsx = Bericht als XLSX exportiert
staff-audit-action-exported_report_pdf = Bericht als PDF exportiert
staff-audit-action-sign_in_sheet_printed = Unterschriftenliste erstellt
staff-audit-action-certificates_downloaded = Teilnahmebescheinigungen erstellt
staff-audit-action-attendance_proof_erased = Aufbewahrter Teilnahmenachweis gelöscht
staff-audit-action-certificate_mail_on = Bescheinigungen per E-Mail eingeschaltet
staff-audit-action-certificate_mail_off = Bescheinigungen per E-Mail ausgeschaltet
staff-audit-action-certificates_mailed = Bescheinigungen zum Versand eingereiht

staff-nav-report = Bericht
staff-report-heading = Bericht für den Zuwendungsgeber
staff-report-intro = Anonyme Zahlen der veröffentlichten Veranstaltungen, nach Beginn in der Zeitzone des Büros. Abgesagte Veranstaltungen stehen in der Liste, zählen aber in keiner Summe. Die Zahlen bleiben nach dem Löschen der Anmeldedaten erhalten.
staff-report-choose = Zeitraum
staff-report-year = Jahr
staff-report-grouping = Summen
staff-report-per-month = pro Monat
staff-report-per-year = pro Jahr
staff-report-show = Anzeigen
staff-report-export-csv = Bericht als CSV (Excel)
staff-report-export-xlsx = Bericht als XLSX
staff-report-none = In diesem Jahr gibt es keine Veranstaltungen.
staff-report-online = online (ohne Ort)
staff-report-events-caption = Veranstaltungen { $period }
staff-report-total = Summe ({ $count ->
    [one] eine Veranstaltung
   *[other] { $count } Veranstaltungen
})
staff-report-cancelled-hint = Abgesagte Veranstaltungen zählen nicht in den Summen.
staff-report-by-kind = { $period } nach Art
staff-report-by-town = { $period } nach Ort
staff-report-by-language = { $period } nach Sprache
staff-report-by-interpreter = { $period } nach Dolmetschsprache
staff-report-column-period = Zeitraum
staff-report-column-row = Zeile
staff-report-column-date = Datum
staff-report-column-title = Veranstaltung
staff-report-column-kind = Art
staff-report-column-town = Ort
staff-report-column-status = Status
staff-report-column-group = Gruppe
staff-report-column-events = Veranstaltungen
staff-report-column-registrations = Anmeldungen
staff-report-column-people = Personen
staff-report-column-attended_registrations = Anmeldungen erschienen
staff-report-column-attended_people = Personen erschienen
staff-report-column-no_shows = Nicht erschienen
staff-report-column-language = Sprache
staff-report-column-interpreter = Dolmetschsprache
staff-report-row-event = Veranstaltung
staff-report-row-total = Summe
staff-report-row-kind = nach Art
staff-report-row-town = nach Ort
staff-report-row-language = nach Sprache
staff-report-row-interpreter = nach Dolmetschsprache
staff-month-1 = Januar
staff-month-2 = Februar
staff-month-3 = März
staff-month-4 = April
staff-month-5 = Mai
staff-month-6 = Juni
staff-month-7 = Juli
staff-month-8 = August
staff-month-9 = September
staff-month-10 = Oktober
staff-month-11 = November
staff-month-12 = Dezember

staff-col-slots-free = Freie Beratungszeiten
staff-slots-low-heading = Bei diesen Veranstaltungen sind kaum noch Beratungszeiten frei:
staff-slots-low = { $title }: { $free ->
    [0] keine freie Beratungszeit mehr
    [one] nur noch eine freie Beratungszeit
   *[other] nur noch { $free } freie Beratungszeiten
}
staff-slots-low-badge = knapp

## Counselling slots
staff-action-slots = Beratungszeiten
staff-slots-heading = Beratungszeiten
staff-slots-intro = Beraterinnen und Berater, ihre Zeiten und wer welche Zeit gebucht hat. Eine Familie kann bis zu { $max } Zeiten buchen, die sich nicht überschneiden.
staff-slots-print = Ablaufplan drucken
staff-slots-flash-adviser = Die Beraterin oder der Berater ist angelegt.
staff-slots-flash-generated = Die Beratungszeiten sind angelegt.
staff-slots-flash-booked = Die Zeit ist gebucht. Die Familie bekommt eine Bestätigung per E-Mail, wenn sie eine Adresse angegeben hat.
staff-slots-flash-released = Die Zeit ist wieder frei. Die Familie bekommt eine Nachricht per E-Mail, wenn sie eine Adresse angegeben hat.
staff-advisers-heading = Beraterinnen und Berater
staff-advisers-none = Noch niemand angelegt.
staff-slots-counts = { $free } frei, { $booked } gebucht
staff-slots-none = Noch keine Zeiten angelegt.
staff-col-time = Zeit
staff-col-family = Familie
staff-col-slot = Beratungszeit
staff-slot-free = frei
staff-slot-past = vorbei
staff-slot-release = Freigeben
staff-choose = Bitte auswählen
staff-book-heading = Zeit für eine Familie buchen
staff-book-intro = Für Familien, die angemeldet sind und anrufen oder vorbeikommen. Es gelten dieselben Regeln wie bei der Buchung über die Bestätigungsseite.
staff-book-holds = { $count ->
    [one] hat schon 1 Zeit
   *[other] hat schon { $count } Zeiten
}
staff-book-submit = Zeit buchen
staff-adviser-add-heading = Beraterin oder Berater hinzufügen
staff-adviser-languages = Sprachen
staff-adviser-languages-hint = Sprachkürzel, durch Komma getrennt, zum Beispiel de, tr, ar.
staff-adviser-location = Raum oder Videolink
staff-adviser-location-hint = Zum Beispiel „Raum 2“ oder der Link zur Videoberatung.
staff-adviser-add-submit = Hinzufügen
staff-plan-heading = Zeiten anlegen
staff-plan-intro = Zeiten gleicher Länge von Beginn bis Ende, mit Abstand und Pausen. Freie Zeiten der Person in diesem Zeitraum werden ersetzt.
staff-plan-adviser = Für
staff-plan-from = Beginn
staff-plan-to = Ende
staff-plan-slot-minutes = Länge einer Zeit (Minuten)
staff-plan-gap-minutes = Abstand zwischen zwei Zeiten (Minuten)
staff-plan-breaks = Pausen
staff-plan-break-from = Pause { $n }: Beginn
staff-plan-break-to = Pause { $n }: Ende
staff-plan-keeps-booked = Gebuchte Zeiten bleiben, wie sie sind.
staff-plan-submit = Zeiten anlegen
staff-schedule-heading = Ablaufplan
staff-schedule-intro = Jede Beraterin und jeder Berater bekommt beim Drucken eine eigene Seite.
staff-schedule-printed = Stand: { $at }
staff-back-to-slots = Zurück zu den Beratungszeiten
staff-error-choose = Bitte wählen Sie aus der Liste.
staff-error-slot-limit = Diese Familie hat schon { $max } Zeiten, mehr sind nicht möglich.
staff-error-slot-overlap = Diese Zeit überschneidet sich mit einer Zeit, die die Familie schon hat.
staff-error-no_slot_fits = Zwischen Beginn und Ende passt außerhalb der Pausen keine einzige Zeit.
staff-error-too_many_slots = Das wären zu viele Zeiten auf einmal.
staff-error-range_too_long = Der Zeitraum darf höchstens 24 Stunden lang sein.
staff-error-break_outside_range = Die Pause muss zwischen Beginn und Ende liegen.
staff-error-outside_event = Die Zeiten müssen innerhalb der Veranstaltung liegen.
staff-error-unknown_adviser = Diese Person gehört nicht zu dieser Veranstaltung.
staff-conflict-slot_taken = Diese Zeit hat gerade jemand anderes gebucht. Bitte wählen Sie eine andere.
staff-conflict-slot_past = Diese Zeit hat schon begonnen.
staff-conflict-registration_inactive = Nur Anmeldungen mit Platz können Zeiten buchen.
staff-audit-action-adviser_added = Beratung: Person angelegt
staff-audit-action-slots_generated = Beratungszeiten angelegt
staff-audit-action-slot_booked_on_behalf = Beratungszeit für Familie gebucht
staff-audit-action-slot_released_on_behalf = Beratungszeit freigegeben

## Series of dates
staff-action-series = Terminreihe anlegen
staff-series-heading = Terminreihe anlegen
staff-series-intro = Aus dieser Veranstaltung wird eine Reihe: jeder weitere Termin ist eine eigene Veranstaltung mit eigenen Anmeldungen, zur selben Uhrzeit. Höchstens { $max } Termine.
staff-series-rule = Wann
staff-series-freq = Rhythmus
staff-series-monthly = Monatlich
staff-series-weekly = Wöchentlich
staff-series-interval = Alle wie viele Monate oder Wochen
staff-series-interval-hint = 1 für jeden Monat oder jede Woche, 2 für jeden zweiten.
staff-series-ordinal = Monatlich: am
staff-series-ordinal-hint = Bei wöchentlichen Reihen ohne Bedeutung.
staff-series-ordinal-1 = ersten
staff-series-ordinal-2 = zweiten
staff-series-ordinal-3 = dritten
staff-series-ordinal-4 = vierten
staff-series-ordinal-last = letzten
staff-series-weekday = Wochentag
staff-weekday-MO = Montag
staff-weekday-TU = Dienstag
staff-weekday-WE = Mittwoch
staff-weekday-TH = Donnerstag
staff-weekday-FR = Freitag
staff-weekday-SA = Samstag
staff-weekday-SU = Sonntag
staff-series-end = Wie lange
staff-series-end-count = Eine Anzahl von Terminen
staff-series-count = Anzahl der Termine, diesen mitgezählt
staff-series-end-until = Bis zu einem Datum
staff-series-until = Letztes mögliches Datum
staff-series-except = Ausgenommene Termine
staff-series-except-hint = Daten, an denen kein Termin stattfindet, zum Beispiel 13.05.2027 oder 2027-05-13, durch Komma oder Zeilen getrennt.
staff-series-copies = Die weiteren Termine übernehmen Titel, Beschreibung, Ort, Plätze und Einstellungen dieses Termins; sie sind veröffentlicht, wenn dieser es ist.
staff-series-submit = Terminreihe anlegen
staff-series-dates-heading = Termine dieser Reihe ({ $count })
staff-flash-series = { $count ->
    [one] 1 weiterer Termin ist angelegt.
   *[other] { $count } weitere Termine sind angelegt.
}
staff-error-date = Bitte geben Sie ein Datum wie 13.05.2027 an.
staff-error-rrule = Diese Regel können wir nicht verarbeiten.
staff-error-first_date_not_in_rule = Der Termin dieser Veranstaltung passt nicht zu dieser Regel. Bitte wählen Sie den Wochentag und die Woche im Monat so, dass er dazu passt.
staff-error-not_in_series = Dieses Datum ist kein weiterer Termin dieser Reihe.
staff-conflict-already_a_series = Diese Veranstaltung gehört schon zu einer Reihe mit weiteren Terminen.
staff-audit-action-series_created = Terminreihe angelegt
staff-field-max-slots = Beratungszeiten je Anmeldung
staff-field-max-slots-hint = Wie viele Beratungszeiten eine Familie höchstens buchen kann (bei Elternabenden mit Einzelberatung).
staff-scope-legend = Diese Änderung gilt für
staff-scope-one = nur diesen Termin
staff-scope-future = { $count ->
    [one] diesen und den weiteren Termin der Reihe
   *[other] diesen und die { $count } weiteren Termine der Reihe
}
staff-scope-hint = Die weiteren Termine übernehmen nur, was Sie hier ändern; eine neue Uhrzeit gilt dann an jedem Termin. Vergangene und abgesagte Termine bleiben unverändert.
staff-flash-saved-later = { $count ->
    [one] Die Änderung ist gespeichert, auch für den weiteren Termin der Reihe.
   *[other] Die Änderung ist gespeichert, auch für { $count } weitere Termine der Reihe.
}
staff-error-until_before_event = Das letzte Datum darf nicht vor dem Termin dieser Veranstaltung liegen.
staff-error-too_many_dates = Bis zu diesem Datum wären es mehr als 60 Termine. Bitte wählen Sie ein früheres Datum.
staff-release-heading = Beratungszeit freigeben?
staff-release-text = Die Familie bekommt sofort eine Nachricht per E-Mail, dass die Zeit nicht mehr für sie reserviert ist. Andere können die Zeit dann buchen.
staff-conflict-adviser_exists = Diese Person ist bei dieser Veranstaltung schon angelegt.

## Dokumente (PDF)
doc-sheet-title = Unterschriftenliste
doc-sheet-note = Mit Ihrer Unterschrift bestätigen Sie Ihre Teilnahme. Die Liste wird dem Geldgeber als Nachweis vorgelegt.
doc-when = Datum
doc-place = Ort
doc-page = Seite { $page } von { $pages }
doc-col-number = Nr.
doc-col-name = Name, Vorname
doc-col-time-name = Uhrzeit, Name
doc-col-people = Personen
doc-col-town = Wohnort
doc-col-signature = Unterschrift
doc-report-title = Bericht an den Geldgeber
doc-report-total = Summe
doc-report-events = { $count ->
    [one] 1 Veranstaltung
   *[other] { $count } Veranstaltungen
}
doc-report-by-kind = Nach Art
doc-report-by-town = Nach Ort
doc-report-scope-kind = Art: { $kind }
doc-report-scope-town = Ort: { $town }
doc-report-appendix = Anhang: Teilnahmenachweise
doc-report-appendix-note = Namen der Personen, die gekommen sind, wie sie nach der Löschung der Anmeldedaten aufbewahrt werden; Veranstaltungen, deren Daten noch nicht gelöscht sind, erscheinen hier erst danach.
doc-report-appendix-none = Für diesen Zeitraum sind keine Teilnahmenachweise aufbewahrt.
doc-report-checked-in = angekommen
staff-action-sign-in-sheet = Unterschriftenliste (PDF)
staff-action-certificates = Teilnahmebescheinigungen (PDF)
staff-action-certificate = Bescheinigung
staff-action-adviser-sheet = Unterschriftenliste { $adviser } (PDF)
staff-report-pdf = PDF
staff-certificate-mail-heading = Teilnahmebescheinigungen
staff-certificate-mail-is-on = Nach der Veranstaltung bekommt jede angekommene Person ihre Bescheinigung per E-Mail, in ihrer Sprache.
staff-certificate-mail-is-off = Bescheinigungen werden nicht per E-Mail verschickt.
staff-certificate-mail-switch-on = Nach der Veranstaltung per E-Mail schicken
staff-certificate-mail-switch-off = Nicht per E-Mail schicken
staff-field-phone-registration = Anmeldung nur mit Handynummer erlauben (Code per SMS)
staff-sms-chosen = SMS gewählt

# Event lists for partner websites
staff-nav-embeds = Partner-Websites
staff-embeds-heading = Veranstaltungslisten für Partner-Websites
staff-embeds-intro = Eine Schule, eine Beratungsstelle oder ein Verein zeigt auf der eigenen Website eine Liste Ihrer Veranstaltungen. Die Links darin tragen den Code des Partners, so dass Anmeldungen über die Liste dem Partner zugerechnet werden.
staff-embeds-caption = Listen für Partner-Websites
staff-embeds-none = Noch keine Liste angelegt.
staff-embeds-back = Alle Listen für Partner-Websites
staff-embed-heading = Liste „{ $label }“
staff-embed-snippet-heading = Für die Website des Partners
staff-embed-snippet-intro = Senden Sie dem Partner diesen Code zum Einbinden. Die Liste zeigt immer die aktuellen Veranstaltungen und lässt sich nur auf den unten genannten Websites einbinden.
staff-embed-iframe = Code zum Einbinden (iframe)
staff-embed-atom = Atom-Feed der Liste
staff-embed-html = Die Liste als HTML zum Kopieren
staff-embed-html-hint = Der heutige Stand; wer ihn kopiert, muss ihn selbst aktuell halten.
staff-embed-preview = Liste ansehen
staff-embed-new-heading = Neue Liste
staff-embed-change-heading = Liste ändern
staff-embed-label = Bezeichnung
staff-embed-label-hint = Nur für Sie, z. B. „Gesamtschule Nord, Seite Berufsorientierung“.
staff-embed-partner = Partner
staff-embed-partner-hint = Anmeldungen über die Liste werden diesem Partner zugerechnet.
staff-embed-no-partner = Kein Partner
staff-embed-lang = Sprache der Liste
staff-embed-filters = Welche Veranstaltungen
staff-embed-kind = Art
staff-embed-audience = Zielgruppe
staff-embed-language = Sprache der Veranstaltung
staff-poster-partner = Gedruckt für einen Partner
staff-poster-partner-hint = Die QR-Codes tragen dann den Code des Partners: Anmeldungen darüber werden ihm zugerechnet.
staff-embed-point = Servicestelle
staff-embed-city = Ort
staff-embed-any = Alle
staff-embed-max-events = Höchstens so viele Veranstaltungen
staff-embed-origins = Websites, die die Liste einbinden dürfen
staff-embed-origins-hint = Eine Adresse je Zeile, nur Schema und Rechnername, z. B. https://www.schule-nord.de
staff-embed-create = Liste anlegen
staff-embed-save = Änderungen speichern
staff-embed-remove-heading = Liste entfernen
staff-embed-remove-hint = Die eingebundene Liste zeigt danach auf der Website des Partners nur noch „nicht gefunden“.
staff-embed-remove = Liste entfernen
staff-embed-error-required = Bitte füllen Sie dieses Feld aus.
staff-embed-error-too_long = Bitte höchstens 100 Zeichen.
staff-embed-error-unknown_partner = Diesen Partner gibt es nicht.
staff-embed-error-unknown_language = Bitte wählen Sie eine der Sprachen.
staff-embed-error-out_of_range = Bitte eine Zahl von 1 bis { $max }.
staff-embed-error-too_many = Bitte höchstens { $max } Websites.
staff-embed-error-invalid_origin = „{ $origin }“ ist keine Website-Adresse wie https://www.schule-nord.de (ohne Pfad).
staff-audit-action-embed_created = Liste für Partner-Website angelegt
staff-audit-action-embed_changed = Liste für Partner-Website geändert
staff-audit-action-embed_removed = Liste für Partner-Website entfernt
## Messages to the participants of an event
staff-action-messages = Nachricht an Teilnehmende
staff-message-heading = Nachricht an die Teilnehmenden
staff-message-recipients = Empfängerinnen und Empfänger
staff-message-recipients-hint = Die Nachricht geht an alle, die in mindestens einer der gewählten Gruppen sind. Abgesagte Anmeldungen bekommen nichts.
staff-message-group-confirmed = Bestätigt
staff-message-group-waiting = Auf der Warteliste
staff-message-group-checked_in = Anwesend eingetragen
staff-message-group-not_checked_in = Noch nicht als anwesend eingetragen
staff-message-group-with_slot = Mit gebuchtem Beratungstermin
staff-message-subject = Betreff
staff-message-body = Text
staff-message-languages-hint = Deutsch ist Pflicht. Wer in einer Sprache angemeldet ist, für die Sie keinen Text schreiben, bekommt den deutschen Text.
staff-message-preview = Vorschau ansehen
staff-message-preview-heading = Vorschau
staff-message-preview-count = { $count ->
    [one] Die Nachricht geht an 1 Person.
   *[other] Die Nachricht geht an { $count } Personen.
}
staff-message-preview-unreachable = { $count ->
    [one] 1 Person in diesen Gruppen hat weder E-Mail-Adresse noch SMS gewählt und bekommt nichts.
   *[other] { $count } Personen in diesen Gruppen haben weder E-Mail-Adresse noch SMS gewählt und bekommen nichts.
}
staff-message-preview-sms = { $count ->
    [one] 1 Person hat SMS gewählt und bekommt zusätzlich den Betreff und einen Link per SMS.
   *[other] { $count } Personen haben SMS gewählt und bekommen zusätzlich den Betreff und einen Link per SMS.
}
staff-message-fallback = bekommt den deutschen Text
staff-message-send = Jetzt senden
staff-message-edit = Ändern
staff-message-flash-sent = { $count ->
    [one] Die Nachricht wird an 1 Person verschickt.
   *[other] Die Nachricht wird an { $count } Personen verschickt.
}
staff-message-sent-heading = Bisher verschickt
staff-message-count = Anzahl
staff-audit-action-message_sent = Nachricht an Teilnehmende verschickt
staff-conflict-no_recipients = In den gewählten Gruppen ist niemand, den eine Nachricht erreicht.
staff-error-message-required = Bitte füllen Sie dieses Feld aus.
staff-error-message-too-long = Bitte höchstens { $max } Zeichen.
staff-error-message-one-line = Der Betreff muss in eine Zeile passen.
staff-error-message-no-group = Bitte wählen Sie mindestens eine Gruppe.
staff-error-message-unknown-group = Bitte wählen Sie Gruppen aus der Liste.
staff-error-message-unknown-language = Diese Sprache bietet Treffpunkt nicht an.
staff-error-message-bad-key = Das Formular war unvollständig. Bitte senden Sie es noch einmal.

## Posters, flyers and QR codes
staff-poster-heading = Plakat und Flyer
staff-poster-size = Format
staff-poster-size-a4 = Plakat (A4)
staff-poster-size-a6 = Flyer (A6)
staff-poster-languages = Sprachen auf dem Plakat
staff-poster-series = Alle kommenden Termine der Reihe
staff-poster-submit = PDF herunterladen
staff-poster-qr = QR-Code als Bild
## Service points
staff-nav-points = Anlaufstellen
staff-points-heading = Anlaufstellen
staff-points-intro = Jede Veranstaltung gehört zu einer Anlaufstelle. Mitarbeitende sehen nur die Veranstaltungen, Anmeldungen und Zahlen ihrer Anlaufstellen; die Administration sieht alle. Leere Angaben einer Anlaufstelle werden aus den Einstellungen des Büros genommen.
staff-field-point = Anlaufstelle
staff-field-point-choose = Bitte wählen
staff-error-unknown_point = Bitte wählen Sie eine Ihrer Anlaufstellen.
staff-report-all-points = Alle Anlaufstellen
staff-point-name = Name
staff-point-town = Ort
staff-point-address = Anschrift
staff-point-phone = Telefon
staff-point-email = E-Mail
staff-point-funder = Förderzeile für Unterlagen
staff-point-members = Mitarbeitende
staff-point-no-members = Noch niemand.
staff-point-member = Konto
staff-point-set = Zuordnen
staff-point-remove = Entfernen
staff-point-remove-label = { $name } aus dieser Anlaufstelle entfernen
staff-point-role-staff = Mitarbeit
staff-point-role-lead = Leitung
staff-point-add-heading = Neue Anlaufstelle
staff-point-add = Anlaufstelle anlegen
staff-point-error-required = Bitte füllen Sie dieses Feld aus.
staff-point-error-too_long = Dieser Text ist zu lang.
staff-point-error-email = Bitte geben Sie eine gültige E-Mail-Adresse an.
staff-audit-action-point_added = Anlaufstelle angelegt
staff-audit-action-point_membership_set = Zuordnung zu einer Anlaufstelle geändert
# Event texts per language
staff-field-directions = Anfahrt
staff-field-directions-hint = Ein kurzer Hinweis, wie man hinkommt, z. B. Bus, Eingang, Stockwerk.
staff-texts-heading = Texte in weiteren Sprachen
staff-texts-hint = Titel, Beschreibung und Anfahrt für Besucherinnen und Besucher in ihrer Sprache. Nur für Sprachen, die unter „Sprachen“ angeboten werden; leer gelassen sehen sie den deutschen Text.
staff-error-language_not_offered = Diese Sprache wird bei der Veranstaltung nicht angeboten. Bitte ergänzen Sie sie unter „Sprachen“ oder lassen Sie diesen Block leer.
staff-texts-missing = Texte fehlen:
staff-title-errors = Fehler
staff-registrations-table = Liste der Anmeldungen
staff-slots-table = Zeiten von { $adviser }
staff-report-by-point = { $period } nach Anlaufstelle
staff-report-by-partner = { $period } nach Partner, über den angemeldet wurde
staff-report-column-point = Anlaufstelle
staff-report-column-partner = Partner
staff-report-row-point = nach Anlaufstelle
staff-report-row-partner = nach Partner
staff-source-partner = durch einen Partner
staff-column-partner = Partner
doc-report-by-point = Nach Anlaufstelle
doc-report-by-partner = Nach Partner, über den angemeldet wurde
staff-account-point-none = Keine (später zuordnen)
staff-account-point-role = Rolle in der Anlaufstelle
staff-account-error-unknown_point = Diese Anlaufstelle gibt es nicht.

staff-alert-subscriptions = { $count } bestätigte Abonnements für Benachrichtigungen über neue Veranstaltungen

## Partner organisations and their people
staff-nav-partners = Partner
staff-role-partner = Partner
staff-conflict-account_exists = Für diese E-Mail-Adresse gibt es schon ein Konto (Mitarbeit oder ein anderer Partner).
staff-audit-action-partner_added = Partner angelegt
staff-audit-action-partner_point_added = Partner in eine weitere Anlaufstelle eingeladen
staff-audit-action-partner_invited = Person eines Partners eingeladen
staff-audit-action-invitation_accepted = Einladung angenommen, Passwort gesetzt
staff-audit-action-partner_access_ended = Zugang einer Person eines Partners beendet
staff-audit-partner = Partner { $id }
staff-partners-heading = Partner
staff-partners-intro = Schulen, Beratungsstellen und Vereine, die Familien bei Ihren Anlaufstellen anmelden. Ihre Leute sehen die veröffentlichten Veranstaltungen der Anlaufstellen, die sie eingeladen haben, und nur die Anmeldungen, die sie selbst gemacht haben.
staff-partners-none = Noch keine Partner.
staff-partners-back = Zurück zu den Partnern
staff-partner-name = Name
staff-partner-kind = Art
staff-partner-kind-school = Schule
staff-partner-kind-counselling = Beratungsstelle
staff-partner-kind-association = Verein
staff-partner-kind-other = Sonstige
staff-partner-code = Kürzel für Links
staff-partner-code-hint = Steht in den Links des Partners (…?via=kuerzel). Leer lassen: wird aus dem Namen gebildet.
staff-partner-link = Link zur Veranstaltungsliste
staff-partner-points = Anlaufstellen
staff-partner-point = Anlaufstelle, die einlädt
staff-partner-add-heading = Partner anlegen
staff-partner-add = Partner anlegen
staff-partner-more-point = In eine weitere Anlaufstelle einladen
staff-partner-more-point-submit = Einladen
staff-partner-people = Personen
staff-partner-no-people = Noch niemand eingeladen.
staff-partner-access = Zugang
staff-partner-actions = Aktionen
staff-partner-access-active = aktiv
staff-partner-access-invited = eingeladen
staff-partner-access-ended = beendet
staff-partner-invited-until = Link gültig bis { $until }
staff-partner-end = Zugang beenden
staff-partner-end-label = Zugang von { $name } beenden
staff-partner-invite-heading = Person einladen
staff-partner-invite-intro = Die Person bekommt eine E-Mail mit einem Link, der { $days } Tage gilt; damit legt sie ihr Passwort selbst fest. Wer schon eingeladen war, bekommt einen neuen Link.
staff-partner-invite-lang = Sprache der E-Mail und der Seiten
staff-partner-invite = Einladung senden
staff-partner-error-required = Bitte füllen Sie dieses Feld aus.
staff-partner-error-too_long = Dieser Text ist zu lang.
staff-partner-error-unknown_kind = Bitte wählen Sie eine Art.
staff-partner-error-bad_code = Bitte nur Kleinbuchstaben, Ziffern und Bindestriche, 2 bis 40 Zeichen.
staff-partner-error-code_taken = Dieses Kürzel hat schon ein anderer Partner.
staff-partner-error-not_led = Bitte wählen Sie eine Anlaufstelle, die Sie leiten.
staff-partner-error-email = Bitte geben Sie eine gültige E-Mail-Adresse an.

partner-nav-events = Veranstaltungen
partner-nav-registrations = Unsere Anmeldungen
partner-events-heading = Veranstaltungen
partner-events-intro = Die veröffentlichten Veranstaltungen der Anlaufstellen, die Ihre Einrichtung eingeladen haben. Sie können Familien hier anmelden, auch ohne E-Mail-Adresse.
partner-events-no-point = Ihre Einrichtung ist noch in keine Anlaufstelle eingeladen.
partner-events-none = Zurzeit gibt es keine kommenden Veranstaltungen.
partner-event-cancelled = Diese Veranstaltung ist abgesagt.
partner-seats-left = { $count ->
    [one] Noch ein Platz frei
   *[other] Noch { $count } Plätze frei
}
partner-register-family = Familie anmelden
partner-registration-closed = Die Anmeldung ist geschlossen.
partner-back-to-events = Zurück zu den Veranstaltungen
partner-register-intro = Sie melden eine Familie an, mit ihrem Einverständnis. Der Platz ist sofort bestätigt.
partner-register-email-hint = Gibt die Familie eine E-Mail-Adresse an, bekommt sie die Bestätigung und Erinnerungen in ihrer Sprache, mit einem eigenen Link zum Absagen. Ohne Adresse bekommen nur Sie die Bestätigung.
partner-register-consent = Die Familie ist einverstanden, dass ihr Name, die Zahl der Personen, ihre Sprache und – wenn angegeben – E-Mail-Adresse, Telefonnummer, gewünschte Dolmetschsprache und Hinweise für diese Veranstaltung gespeichert und { $days } Tage nach der Veranstaltung gelöscht werden.
partner-registrations-heading = Unsere Anmeldungen
partner-registrations-intro = Alle Anmeldungen, die Personen Ihrer Einrichtung gemacht haben. Andere Teilnehmende sehen Sie nicht.
partner-registrations-none = Sie haben noch niemanden angemeldet.
partner-registered-notice = Die Familie ist angemeldet.
partner-cancelled-notice = Die Anmeldung ist abgesagt.
partner-no-email = ohne E-Mail-Adresse
partner-status-pending = unbestätigt
partner-status-confirmed = bestätigt
partner-status-waitlisted = auf der Warteliste
partner-status-cancelled = abgesagt
partner-position = Platz { $position }
partner-cancel = Absagen
partner-cancel-label = Anmeldung von { $name } absagen
partner-invite-heading = Passwort festlegen
partner-invite-intro = Guten Tag { $name }, hier legen Sie Ihr Passwort für den Zugang von { $partner } fest.
partner-invite-until = Dieser Link gilt einmal und bis { $until }.
partner-invite-password = Passwort
partner-invite-password-hint = Mindestens { $count } Zeichen.
partner-invite-password-again = Passwort wiederholen
partner-invite-submit = Passwort festlegen und anmelden
partner-invite-error-too_short = Das Passwort ist zu kurz.
partner-invite-error-mismatch = Die beiden Passwörter stimmen nicht überein.
staff-audit-action-point_changed = Anlaufstelle geändert
staff-point-edit = Ändern
staff-point-edit-heading = Anlaufstelle ändern
staff-point-edit-intro = Name, Ort und Kontakt erscheinen auf den Seiten der Veranstaltungen und in den E-Mails; die Zeile des Geldgebers auf den Dokumenten.
staff-point-edit-funder = Eine leere Zeile des Geldgebers steht für die des Büros: „{ $funder }“.
staff-point-back = Zurück zu den Anlaufstellen
staff-point-save = Speichern
