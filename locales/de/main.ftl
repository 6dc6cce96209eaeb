site-title = Treffpunkt
site-tagline = Veranstaltungen rund um Ausbildung und Beruf
skip-link = Zum Inhalt springen
lang-switch-label = Sprache
back-to-events = Zurück zu allen Veranstaltungen

events-heading = Veranstaltungen
events-intro = Unternehmerstammtische, Infotage und Elternabende. Die Anmeldung ist kostenlos und ohne Konto möglich.
events-none = Zurzeit gibt es keine passenden Veranstaltungen.
events-count = { $count ->
    [one] Eine Veranstaltung
   *[other] { $count } Veranstaltungen
}
filter-heading = Veranstaltungen filtern
filter-kind = Art
filter-audience = Für wen
filter-language = Sprache
filter-city = Ort
filter-point = Anlaufstelle
filter-any = Alle
filter-apply = Filtern
filter-reset = Filter zurücksetzen

subscribe-heading = Kalender abonnieren
subscribe-intro = Diese Veranstaltungen erscheinen dann in Ihrem Kalender und bleiben aktuell.
subscribe-webcal = Im Kalender-Programm abonnieren (Apple, Outlook, Thunderbird)
subscribe-google = In Google Kalender abonnieren
subscribe-outlook = In Outlook im Web abonnieren
subscribe-copy = Oder diese Adresse in Ihren Kalender kopieren

kind-roundtable = Unternehmerstammtisch
kind-info_day = Infotag
kind-parents_evening = Elternabend
audience-employers = Unternehmen
audience-youth = Jugendliche
audience-parents = Eltern
audience-professionals = Fachkräfte

event-when = Wann
event-where = Wo
event-online = Online
event-online-link = Link zur Online-Teilnahme
event-languages = Sprachen
event-for = Für
event-seats-left = { $seats ->
    [0] Keine Plätze mehr frei
    [one] Noch ein Platz frei
   *[other] Noch { $seats } Plätze frei
}
event-seats-unlimited = Plätze frei
event-waitlist-open = Ausgebucht – Anmeldung auf die Warteliste möglich
event-full = Ausgebucht
event-cancelled = Abgesagt
event-calendar = In den Kalender eintragen
event-details = Details
event-time-range = { $date }, { $start } bis { $end } Uhr

form-heading = Anmelden
form-errors-heading = { $count ->
    [one] Bitte korrigieren Sie einen Fehler:
   *[other] Bitte korrigieren Sie { $count } Fehler:
}
form-name = Name
form-email = E-Mail-Adresse
form-email-hint = Wir schicken Ihnen die Bestätigung und Erinnerungen an diese Adresse.
form-phone = Telefon
form-optional = (freiwillig)
form-party-size = Anzahl Personen
form-party-size-hint = Mit Ihnen selbst, höchstens { $max }.
form-language = Sprache für E-Mails
form-interpreter = Brauchen Sie eine Übersetzung?
form-interpreter-none = Nein, ich verstehe Deutsch
form-interpreter-other = Eine andere Sprache
form-needs = Besondere Bedürfnisse
form-needs-hint = Zum Beispiel Kinderbetreuung oder Barrierefreiheit.
form-consent = Ich bin einverstanden, dass meine Angaben für diese Veranstaltung gespeichert werden. Sie werden { $days } Tage nach der Veranstaltung gelöscht.
form-submit = Verbindlich anmelden
form-submit-waitlist = Auf die Warteliste setzen

error-name-required = Bitte geben Sie Ihren Namen an.
error-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein.
error-name-control = Der Name enthält unzulässige Zeichen.
error-control-characters = Dieses Feld enthält Steuerzeichen, die nicht erlaubt sind.
error-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.
error-phone-invalid = Bitte geben Sie eine Telefonnummer an, zum Beispiel +49 221 123456.
error-party-size-range = Bitte wählen Sie zwischen 1 und { $max } Personen.
error-language-unknown = Bitte wählen Sie eine Sprache aus der Liste.
error-interpreter-unknown = Bitte wählen Sie eine Sprache aus der Liste.
error-needs-too-long = Bitte fassen Sie sich kürzer (höchstens { $max } Zeichen).
error-consent-required = Bitte stimmen Sie der Speicherung zu, sonst können wir Sie nicht anmelden.

conflict-event_cancelled = Diese Veranstaltung wurde abgesagt.
conflict-registration_closed = Die Anmeldung ist geschlossen.
conflict-registration_not_open = Die Anmeldung ist noch nicht geöffnet.
conflict-event_full = Die Veranstaltung ist leider ausgebucht.
conflict-registration_cancelled = Diese Anmeldung ist nicht mehr gültig.
registration-opens = Die Anmeldung öffnet am { $date }.
registration-closes = Anmeldung bis { $date }.

registered-heading = Vielen Dank!
registered-pending = Bitte schauen Sie in Ihr E-Mail-Postfach und bestätigen Sie Ihre Anmeldung innerhalb von { $hours } Stunden. Erst dann ist Ihr Platz sicher.
registered-confirmed = Ihre Anmeldung ist bestätigt. Sie bekommen eine E-Mail mit allen Angaben.
registered-waitlisted = Die Veranstaltung ist ausgebucht. Sie stehen auf Platz { $position } der Warteliste. Wenn ein Platz frei wird, schreiben wir Ihnen.
registered-already = Mit dieser E-Mail-Adresse sind Sie schon angemeldet. Wir haben Ihnen den Link zu Ihrer Anmeldung noch einmal geschickt.
registered-spam-hint = Keine E-Mail bekommen? Schauen Sie bitte auch im Spam-Ordner nach.

manage-heading = Ihre Anmeldung
manage-status = Status
manage-status-pending = Noch nicht bestätigt
manage-status-confirmed = Bestätigt
manage-status-waitlisted = Auf der Warteliste
manage-status-cancelled = Abgemeldet
manage-pending-hint = Bitte bestätigen Sie Ihre Anmeldung bis { $until }. Sonst geben wir Ihren Platz weiter.
manage-confirm = Anmeldung bestätigen
manage-position = Sie stehen auf Platz { $position } der Warteliste.
manage-via-waitlist = Ein Platz ist frei geworden – er gehört jetzt Ihnen.
manage-party = { $count ->
    [one] Eine Person
   *[other] { $count } Personen
}
manage-cancel = Abmelden
manage-give-back = Platz zurückgeben
manage-cancel-hint = Sie können nicht kommen? Bitte melden Sie sich ab, damit jemand anderes Ihren Platz bekommt.
manage-confirmed-now = Danke, Ihre Anmeldung ist bestätigt.
manage-cancelled-now = Sie sind abgemeldet. Schade, dass Sie nicht kommen können.
manage-cancelled = Diese Anmeldung ist beendet.
manage-register-again = Erneut anmelden

page-not-found = Diese Seite gibt es nicht. Vielleicht ist der Link alt oder unvollständig.
page-error = Etwas ist schiefgegangen. Bitte versuchen Sie es gleich noch einmal.
page-busy = Gerade sind sehr viele Anfragen auf einmal da. Bitte versuchen Sie es in einem Moment noch einmal – Ihre Eingaben sind noch da.
page-too-large = Die Eingabe ist zu lang.
page-bad-request = Die Eingabe konnte nicht gelesen werden.
page-forbidden = Dieses Formular kam nicht von unseren eigenen Seiten und wurde deshalb nicht angenommen. Bitte öffnen Sie die Seite direkt bei uns und senden Sie es dort ab.

page-rate-limited = Zu viele Anfragen in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es dann noch einmal.
form-honeypot = Bitte dieses Feld leer lassen
form-privacy-link = Datenschutzhinweise

privacy-link = Datenschutz
privacy-heading = Datenschutzhinweise
privacy-intro = { $office } verarbeitet Ihre Angaben nur, um Ihre Anmeldung zu einer Veranstaltung zu bearbeiten.
privacy-what-heading = Welche Daten wir speichern
privacy-what = Ihren Namen, Ihre E-Mail-Adresse, auf Wunsch Ihre Telefonnummer, die Zahl der Personen, Ihre Sprache, ob Sie eine Übersetzung brauchen, und was Sie uns zu besonderen Bedürfnissen schreiben.
privacy-why-heading = Wozu
privacy-why = Wir brauchen die Angaben, um Ihren Platz zu reservieren, Ihnen Bestätigung und Erinnerungen zu schicken, eine Übersetzung zu organisieren und am Eingang zu sehen, wer angemeldet ist. Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).
privacy-how-long-heading = Wie lange
privacy-how-long = Wir löschen Ihre Angaben { $days } Tage nach der Veranstaltung. Übrig bleiben nur Zahlen ohne Namen, zum Beispiel wie viele Personen gekommen sind. Diese Zahlen berichten wir unserem Geldgeber.
privacy-rights-heading = Ihre Rechte
privacy-rights = Über den Link in Ihrer E-Mail können Sie jederzeit alle gespeicherten Angaben herunterladen, Ihre Anmeldung beenden und Ihre Daten sofort löschen. Sie können Ihre Einwilligung jederzeit widerrufen und sich bei einer Datenschutz-Aufsichtsbehörde beschweren.
privacy-no-tracking = Diese Seiten setzen keine Werbe- oder Analyse-Cookies und laden nichts von anderen Anbietern. Ein Cookie merkt sich nur die gewählte Sprache.

manage-data-heading = Ihre Daten
manage-data-download = Alle gespeicherten Angaben herunterladen (JSON)
manage-erase-hint = Sie können Ihre Anmeldung beenden und Ihre Angaben sofort löschen lassen. Das kann nicht rückgängig gemacht werden.
manage-erase = Meine Daten jetzt löschen
erased-heading = Ihre Daten sind gelöscht
erased-text = Wir haben Ihre Anmeldung beendet und Ihren Namen, Ihre Adresse und Ihre Angaben gelöscht. Der Link aus Ihrer E-Mail funktioniert nicht mehr.

slots-heading = Einzelberatung
slots-event-hint = Nach der Anmeldung können Sie auf Ihrer Anmeldeseite (Link in der E-Mail) eine Zeit bei einer Beraterin oder einem Berater buchen.
slots-languages = Sprachen
slots-none-free = Alle Zeiten sind vergeben.
slots-none-left = Es sind keine Beratungszeiten mehr frei.
slots-limit-hint = Sie können bis zu { $max } Beratungszeiten buchen.
slots-limit-reached = Sie haben so viele Zeiten gebucht, wie möglich sind. Sie können eine Zeit zurückgeben oder verschieben.
slots-mine = Ihre Beratungszeiten
slots-choose = Freie Zeiten
slots-book = Diese Zeit buchen
slots-give-back = Zurückgeben
slots-move-to = Verschieben auf
slots-move = Verschieben
slots-booked-now = Ihre Beratungszeit ist gebucht. Wir haben Ihnen eine Bestätigung per E-Mail geschickt.
slots-given-back-now = Sie haben die Beratungszeit zurückgegeben.
slots-moved-now = Ihre Beratungszeit ist verschoben. Wir haben Ihnen eine Bestätigung per E-Mail geschickt.
slots-gone = Diese Zeit gibt es nicht mehr. Bitte wählen Sie eine andere.
conflict-slot_taken = Diese Zeit hat gerade jemand anderes gebucht. Bitte wählen Sie eine andere.
conflict-slot_past = Diese Zeit ist schon vorbei.
conflict-registration_inactive = Beratungszeiten kann nur buchen, wer einen Platz hat.
error-slot-limit = Sie können höchstens { $max } Beratungszeiten buchen.
error-slot-overlap = Diese Zeit überschneidet sich mit einer Zeit, die Sie schon gebucht haben.
error-slot-required = Bitte wählen Sie eine Zeit.
series-further-dates = Weitere Termine

## Teilnahmebescheinigung (PDF) und aufbewahrter Teilnahmenachweis
cert-title = Teilnahmebescheinigung
cert-confirms = { $office } bestätigt, dass
cert-took-part = an der folgenden Veranstaltung teilgenommen hat:
cert-date = am { $date }
cert-time = von { $from } bis { $until } ({ $duration })
cert-hours = { $time } Std.
cert-place = Ort: { $place }
cert-translation = Übersetzung. Maßgeblich ist die deutsche Fassung auf der folgenden Seite.
cert-place-date = Ort, Datum
cert-signature = Unterschrift, Stempel
privacy-proof = Wenn Sie zu einer Veranstaltung gekommen sind, bewahren wir danach nur Ihren Namen, die Veranstaltung, ihr Datum und die Uhrzeit Ihrer Ankunft als Teilnahmenachweis für unseren Geldgeber auf, { $years } Jahre lang; danach löschen wir auch das. Über den Link in Ihrer E-Mail können Sie diesen Nachweis herunterladen oder löschen lassen.
privacy-proof-none = Nach der Löschung bewahren wir keine Namen auf, auch nicht von Personen, die gekommen sind.
kept-heading = Ihr Teilnahmenachweis
kept-text = Ihre Anmeldedaten sind gelöscht. Als Nachweis für unseren Geldgeber bewahren wir nur noch auf, dass Sie gekommen sind: Ihren Namen, die Veranstaltung und ihr Datum, { $years } Jahre lang.
kept-erase-hint = Sie können auch diesen Nachweis sofort löschen lassen. Das kann nicht rückgängig gemacht werden.
kept-erase = Nachweis jetzt löschen
form-sms-reminders = Erinnerungen und Änderungen auch per SMS
form-sms-reminders-hint = An die Telefonnummer oben. Antworten Sie STOP, um keine SMS mehr zu bekommen.
form-email-or-phone-hint = Oder nur eine Handynummer: Sie bekommen dann einen Code per SMS.
error-phone-required-for-sms = Für SMS brauchen wir Ihre Handynummer.
registered-code = Wir haben Ihnen einen sechsstelligen Code per SMS geschickt. Geben Sie ihn hier innerhalb von { $hours } Stunden ein. Erst dann ist Ihr Platz sicher.
form-code = Code aus der SMS
form-code-submit = Bestätigen
error-code-wrong = Der Code stimmt nicht. Sie haben noch { $left } Versuche.
registered-code-ended = Der Code wurde zu oft falsch eingegeben. Die Anmeldung ist beendet; Sie können sich neu anmelden.

# Event lists on partner websites
embed-heading = Kommende Veranstaltungen
embed-all-events = Alle Veranstaltungen von { $office }
## Messages from staff on the manage page
manage-messages-heading = Nachrichten des Teams

## Posters and flyers
poster-free = Kostenlos, Anmeldung erforderlich
poster-scan = QR-Code scannen und anmelden
poster-more-dates = und { $count } weitere Termine
event-contact = Kontakt
# Event texts per language, and calendars in the reader's language
event-directions = Anfahrt
ics-cancelled = Abgesagt
ics-slot-summary = Beratung: { $adviser } – { $title }
ics-slot-languages = Sprachen: { $languages }
feed-all = Veranstaltungen
feed-kind-roundtable = Unternehmerstammtische
feed-kind-info_day = Infotage
feed-kind-parents_evening = Elternabende
feed-audience-employers = für Arbeitgeber
feed-audience-youth = für Jugendliche
feed-audience-parents = für Eltern
feed-audience-professionals = für Fachkräfte
feed-language = Sprache { $language }

# Page titles that say what the page shows
page-title-errors = Fehler
page-not-found-heading = Seite nicht gefunden
page-error-heading = Das hat nicht geklappt

# New-event alerts by email
alerts-link = Per E-Mail über neue Veranstaltungen informiert werden
alerts-heading = Über neue Veranstaltungen informiert werden
alerts-intro = Wir schicken Ihnen eine E-Mail, wenn neue Veranstaltungen veröffentlicht werden, die zu Ihrer Auswahl passen – höchstens eine am Tag.
alerts-email = E-Mail-Adresse
alerts-mail-language = Sprache der E-Mails
alerts-filters = Welche Veranstaltungen?
alerts-consent = Ich bin einverstanden, dass meine E-Mail-Adresse, meine Auswahl und die Sprache der E-Mails gespeichert werden, bis ich die Benachrichtigungen abbestelle. Bestätige ich die Adresse nicht, wird sie nach { $days } Tagen gelöscht.
alerts-submit = Benachrichtigungen bestellen
alerts-sent-heading = Bitte sehen Sie in Ihr Postfach
alerts-sent-text = Wir haben Ihnen eine E-Mail mit einem Link geschickt. Erst wenn Sie Ihre Adresse damit bestätigen, erhalten Sie Benachrichtigungen.
alerts-manage-heading = Ihre Benachrichtigungen über neue Veranstaltungen
alerts-unconfirmed = Ihre Adresse ist noch nicht bestätigt.
alerts-confirm = Adresse bestätigen
alerts-confirmed = Ihre Adresse ist bestätigt. Sie erhalten nun Benachrichtigungen über neue Veranstaltungen.
alerts-save = Auswahl speichern
alerts-saved = Ihre Auswahl ist gespeichert.
alerts-unsubscribe-link = Keine Benachrichtigungen mehr erhalten
alerts-unsubscribe-heading = Benachrichtigungen abbestellen
alerts-unsubscribe-text = Möchten Sie keine E-Mails über neue Veranstaltungen mehr erhalten? Dann werden Ihre Adresse und Ihre Auswahl gelöscht.
alerts-unsubscribe-button = Abbestellen
alerts-filters-link = Stattdessen die Auswahl ändern
alerts-unsubscribed-heading = Abbestellt
alerts-unsubscribed-text = Sie erhalten keine Benachrichtigungen mehr. Ihre Adresse und Ihre Auswahl sind gelöscht.
error-alert-consent-required = Bitte stimmen Sie der Speicherung zu, sonst können wir Ihnen keine Benachrichtigungen schicken.
error-alert-choice-unknown = Bitte wählen Sie aus der Liste.
privacy-alerts = Wenn Sie Benachrichtigungen über neue Veranstaltungen bestellen, speichern wir Ihre E-Mail-Adresse, Ihre Auswahl und die Sprache der E-Mails, bis Sie sie mit dem Link in jeder E-Mail abbestellen. Eine nicht bestätigte Adresse löschen wir nach { $days } Tagen.
error-alert-city-too-long = Der Ort darf höchstens { $max } Zeichen lang sein.
