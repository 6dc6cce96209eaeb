site-title = Treffpunkt
site-tagline = Events on vocational training and careers
skip-link = Skip to content
lang-switch-label = Language
back-to-events = Back to all events

events-heading = Events
events-intro = Entrepreneur roundtables, information days and parents' evenings. Registration is free and needs no account.
events-none = There are no matching events at the moment.
events-count = { $count ->
    [one] One event
   *[other] { $count } events
}
filter-heading = Filter events
filter-kind = Type
filter-audience = For whom
filter-language = Language
filter-city = Town
filter-point = Service point
filter-any = All
filter-apply = Filter
filter-reset = Reset filters

subscribe-heading = Subscribe in your calendar
subscribe-intro = These events then appear in your calendar and stay up to date.
subscribe-webcal = Subscribe in your calendar app (Apple, Outlook, Thunderbird)
subscribe-google = Subscribe in Google Calendar
subscribe-outlook = Subscribe in Outlook on the web
subscribe-copy = Or copy this address into your calendar

kind-roundtable = Entrepreneur roundtable
kind-info_day = Information day
kind-parents_evening = Parents' evening
audience-employers = Employers
audience-youth = Young people
audience-parents = Parents
audience-professionals = Professionals

event-when = When
event-where = Where
event-online = Online
event-online-link = Link to join online
event-languages = Languages
event-for = For
event-seats-left = { $seats ->
    [0] No seats left
    [one] One seat left
   *[other] { $seats } seats left
}
event-seats-unlimited = Seats available
event-waitlist-open = Fully booked – you can join the waiting list
event-full = Fully booked
event-cancelled = Cancelled
event-calendar = Add to calendar
event-details = Details
event-time-range = { $date }, { $start } to { $end }

form-heading = Register
form-errors-heading = { $count ->
    [one] Please correct one error:
   *[other] Please correct { $count } errors:
}
form-name = Name
form-email = Email address
form-email-hint = We send the confirmation and reminders to this address.
form-phone = Phone
form-optional = (optional)
form-party-size = Number of people
form-party-size-hint = Including yourself, at most { $max }.
form-language = Language for emails
form-interpreter = Do you need an interpreter?
form-interpreter-none = No, I understand German
form-interpreter-other = Another language
form-needs = Special needs
form-needs-hint = For example childcare or step-free access.
form-consent = I agree that my details are stored for this event. They are deleted { $days } days after the event.
form-submit = Register
form-submit-waitlist = Join the waiting list

error-name-required = Please enter your name.
error-name-too-long = The name may have at most { $max } characters.
error-name-control = The name contains characters that are not allowed.
error-control-characters = This field contains control characters that are not allowed.
error-email-invalid = Please enter a valid email address, for example name@example.org.
error-phone-invalid = Please enter a phone number, for example +49 221 123456.
error-party-size-range = Please choose between 1 and { $max } people.
error-language-unknown = Please choose a language from the list.
error-interpreter-unknown = Please choose a language from the list.
error-needs-too-long = Please keep it shorter (at most { $max } characters).
error-consent-required = Please agree to the storage of your details, otherwise we cannot register you.

conflict-event_cancelled = This event has been cancelled.
conflict-registration_closed = Registration is closed.
conflict-registration_not_open = Registration has not opened yet.
conflict-event_full = Sorry, this event is fully booked.
conflict-registration_cancelled = This registration is no longer valid.
registration-opens = Registration opens on { $date }.
registration-closes = Register by { $date }.

registered-heading = Thank you!
registered-pending = Please check your email and confirm your registration within { $hours } hours. Only then is your seat secured.
registered-confirmed = Your registration is confirmed. You will get an email with all the details.
registered-waitlisted = The event is fully booked. You are number { $position } on the waiting list. We will write to you when a seat becomes free.
registered-already = You are already registered with this email address. We have sent you the link to your registration again.
registered-spam-hint = No email? Please also check your spam folder.

manage-heading = Your registration
manage-status = Status
manage-status-pending = Not yet confirmed
manage-status-confirmed = Confirmed
manage-status-waitlisted = On the waiting list
manage-status-cancelled = Cancelled
manage-pending-hint = Please confirm your registration by { $until }. Otherwise your seat goes to someone else.
manage-confirm = Confirm registration
manage-position = You are number { $position } on the waiting list.
manage-via-waitlist = A seat has become free – it is now yours.
manage-party = { $count ->
    [one] One person
   *[other] { $count } people
}
manage-cancel = Cancel registration
manage-give-back = Give the seat back
manage-cancel-hint = Cannot come? Please cancel so that someone else can have your seat.
manage-confirmed-now = Thank you, your registration is confirmed.
manage-cancelled-now = Your registration is cancelled. We are sorry you cannot come.
manage-cancelled = This registration has ended.
manage-register-again = Register again

page-not-found = This page does not exist. The link may be old or incomplete.
page-error = Something went wrong. Please try again in a moment.
page-busy = There are very many requests at once right now. Please try again in a moment – your entries are still there.
page-too-large = The input is too long.
page-bad-request = The input could not be read.
page-forbidden = This form did not come from our own pages, so it was not accepted. Please open the page on our site and send it from there.

page-rate-limited = Too many requests in a short time. Please wait a minute and then try again.
form-honeypot = Please leave this field empty
form-privacy-link = Privacy notice

privacy-link = Privacy
privacy-heading = Privacy notice
privacy-intro = { $office } processes your details only to handle your registration for an event.
privacy-what-heading = What we store
privacy-what = Your name, your email address, your phone number if you give it, the number of people, your language, whether you need an interpreter, and what you tell us about special needs.
privacy-why-heading = Why
privacy-why = We need these details to reserve your seat, to send you the confirmation and reminders, to arrange interpreting and to see at the door who is registered. The legal basis is your consent (Art. 6(1)(a) GDPR).
privacy-how-long-heading = How long
privacy-how-long = We delete your details { $days } days after the event. Only numbers without names remain, for example how many people came. We report these numbers to our funder.
privacy-rights-heading = Your rights
privacy-rights = With the link in your email you can download all stored details at any time, end your registration and have your data deleted at once. You can withdraw your consent at any time and complain to a data protection authority.
privacy-no-tracking = These pages set no advertising or analytics cookies and load nothing from other providers. One cookie only remembers the language you chose.

manage-data-heading = Your data
manage-data-download = Download all stored details (JSON)
manage-erase-hint = You can end your registration and have your details deleted at once. This cannot be undone.
manage-erase = Delete my data now
erased-heading = Your data has been deleted
erased-text = We have ended your registration and deleted your name, address and details. The link in your email no longer works.

slots-heading = Individual counselling
slots-event-hint = After registering, you can book a time with an adviser on your registration page (the link is in the email).
slots-languages = Languages
slots-none-free = All times are booked.
slots-none-left = There are no free counselling times left.
slots-limit-hint = You can book up to { $max } counselling times.
slots-limit-reached = You have booked as many times as you can. You can give a time back or move it.
slots-mine = Your counselling times
slots-choose = Free times
slots-book = Book this time
slots-give-back = Give back
slots-move-to = Move to
slots-move = Move
slots-booked-now = Your counselling time is booked. We have sent you a confirmation by email.
slots-given-back-now = You have given the counselling time back.
slots-moved-now = Your counselling time has been moved. We have sent you a confirmation by email.
slots-gone = This time no longer exists. Please choose another one.
conflict-slot_taken = Someone else has just booked this time. Please choose another one.
conflict-slot_past = This time has already passed.
conflict-registration_inactive = Only people who have a seat can book counselling times.
error-slot-limit = You can book at most { $max } counselling times.
error-slot-overlap = This time overlaps a time you have already booked.
error-slot-required = Please choose a time.
series-further-dates = Further dates

## Attendance certificate (PDF) and kept proof of attendance
cert-title = Certificate of attendance
cert-confirms = { $office } confirms that
cert-took-part = took part in the following event:
cert-date = on { $date }
cert-time = from { $from } to { $until } ({ $duration })
cert-hours = { $time } h
cert-place = Place: { $place }
cert-translation = Translation. The German version on the next page is authoritative.
cert-place-date = Place, date
cert-signature = Signature, stamp
privacy-proof = If you came to an event, afterwards we keep only your name, the event, its date and the time you arrived, as proof of attendance for our funder, for { $years } years; then we delete that too. With the link in your email you can download this record or have it deleted.
privacy-proof-none = After the deletion we keep no names, not even of the people who came.
kept-heading = Your proof of attendance
kept-text = Your registration data has been deleted. As proof for our funder we keep only that you came: your name, the event and its date, for { $years } years.
kept-erase-hint = You can have this record deleted at once too. This cannot be undone.
kept-erase = Delete the record now
form-sms-reminders = Reminders and changes by SMS too
form-sms-reminders-hint = To the phone number above. Reply STOP to get no more SMS.
form-email-or-phone-hint = Or just a mobile number: you will get a code by SMS.
error-phone-required-for-sms = We need your mobile number for SMS.
registered-code = We sent you a six-digit code by SMS. Enter it here within { $hours } hours. Only then is your seat secured.
form-code = Code from the SMS
form-code-submit = Confirm
error-code-wrong = The code is not right. You have { $left } tries left.
registered-code-ended = The code was entered wrongly too often. The registration has ended; you may register again.

# Event lists on partner websites
embed-heading = Upcoming events
embed-all-events = All events of { $office }
## Messages from staff on the manage page
manage-messages-heading = Messages from the team

## Posters and flyers
poster-free = Free of charge, registration required
poster-scan = Scan the QR code to register
poster-more-dates = and { $count } more dates
event-contact = Contact
# Event texts per language, and calendars in the reader's language
event-directions = How to get there
ics-cancelled = Cancelled
ics-slot-summary = Counselling: { $adviser } – { $title }
ics-slot-languages = Languages: { $languages }
feed-all = Events
feed-kind-roundtable = Entrepreneur roundtables
feed-kind-info_day = Information days
feed-kind-parents_evening = Parents' evenings
feed-audience-employers = for employers
feed-audience-youth = for young people
feed-audience-parents = for parents
feed-audience-professionals = for professionals
feed-language = Language { $language }

# Page titles that say what the page shows
page-title-errors = Error
page-not-found-heading = Page not found
page-error-heading = That did not work

# New-event alerts by email
alerts-link = Get an email about new events
alerts-heading = Hear about new events
alerts-intro = We send you an email when new events that match your choice are published – at most one a day.
alerts-email = Email address
alerts-mail-language = Language of the emails
alerts-filters = Which events?
alerts-consent = I agree that my email address, my choice and the language of the emails are stored until I stop the alerts. If I do not confirm the address, it is deleted after { $days } days.
alerts-submit = Get alerts
alerts-sent-heading = Please check your mailbox
alerts-sent-text = We have sent you an email with a link. Only once you confirm your address with it will you get alerts.
alerts-manage-heading = Your alerts about new events
alerts-unconfirmed = Your address is not confirmed yet.
alerts-confirm = Confirm address
alerts-confirmed = Your address is confirmed. You will now get alerts about new events.
alerts-save = Save your choice
alerts-saved = Your choice is saved.
alerts-unsubscribe-link = Stop these alerts
alerts-unsubscribe-heading = Stop alerts
alerts-unsubscribe-text = Do you no longer want emails about new events? Your address and your choice will then be deleted.
alerts-unsubscribe-button = Stop alerts
alerts-filters-link = Change your choice instead
alerts-unsubscribed-heading = Alerts stopped
alerts-unsubscribed-text = You will get no more alerts. Your address and your choice are deleted.
error-alert-consent-required = Please agree to the storage, otherwise we cannot send you alerts.
error-alert-choice-unknown = Please choose from the list.
privacy-alerts = If you ask for alerts about new events, we store your email address, your choice and the language of the emails until you stop them with the link in every email. An address that is not confirmed is deleted after { $days } days.
error-alert-city-too-long = The town can be at most { $max } characters long.
