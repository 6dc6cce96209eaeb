## Staff pages, English

staff-title = Staff area
staff-nav-label = Staff area
staff-nav-dashboard = Overview
staff-nav-new-event = New event
staff-nav-accounts = Accounts
staff-nav-audit = Audit log
staff-logout = Sign out
staff-back-to-dashboard = Back to the overview
staff-back-to-event = Back to the event
staff-yes = yes
staff-no = no
staff-online = Online
staff-unlimited = unlimited
staff-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}

staff-login-heading = Sign in
staff-login-email = Email address
staff-login-password = Password
staff-login-submit = Sign in
staff-login-failed = The email address or the password is wrong.
staff-login-throttled = Too many failed sign-ins. Please wait a minute, then try again.

staff-error-heading = That did not work
staff-error-forbidden = This page is for administrators only.
staff-error-not-found = This page does not exist.
staff-error-busy = The service is busy. Please try again in a moment.
staff-error-rate-limited = Too many requests. Please wait a minute.
staff-error-bad-request = The request was incomplete or malformed.
staff-error-internal = An internal error occurred. Please try again later.
staff-conflict-event_cancelled = The event has been cancelled.
staff-conflict-nobody_checked_in = Nobody was checked in at this event.
staff-conflict-not_checked_in = This person was not checked in.
staff-conflict-registration_closed = The event is over.
staff-conflict-registration_not_open = Registration has not opened yet.
staff-conflict-event_full = The event is fully booked and has no waiting list.
staff-conflict-not_seated = Only registrations with a seat can be checked in.
staff-conflict-staff_exists = An account with this email address exists already.

staff-dashboard-heading = Upcoming events
staff-dashboard-caption = Events from today on, drafts included
staff-dashboard-none = There are no upcoming events.
staff-dashboard-more = Only the first 200 events are shown.
staff-col-event = Event
staff-col-when = When
staff-col-status = Status
staff-col-seats-taken = Seats taken
staff-col-seats-left = Seats left
staff-col-waiting = Waiting list
staff-col-contact = Contact
staff-no-contact = Not reachable: no email, no phone
staff-col-language = Language
staff-col-registrations = Registrations
staff-col-people = People
staff-event-status-draft = Draft
staff-event-status-published = Published
staff-event-status-cancelled = Cancelled

staff-new-heading = New event
staff-new-intro = The event is saved as a draft and becomes visible only when you publish it.
staff-edit-heading = Edit event
staff-field-kind = Kind
staff-field-title = Title
staff-field-description = Description
staff-field-time = Time
staff-field-time-hint = Local time ({ $zone }).
staff-field-starts-at = Start
staff-field-ends-at = End
staff-field-place = Place
staff-field-venue-name = Name of the venue
staff-field-venue-street = Street and number
staff-field-venue-postal-code = Postal code
staff-field-venue-city = Town
staff-field-online-url = Link for taking part online
staff-field-seats = Seats and registration
staff-field-capacity = Seats
staff-field-capacity-hint = Leave empty for no limit.
staff-field-max-party-size = Most people per registration
staff-field-max-party-size-hint = From 1 to 20.
staff-field-waitlist = Waiting list when all seats are taken
staff-field-double-opt-in = Online registrations confirm by email
staff-field-opens-at = Registration from
staff-field-closes-at = Registration until
staff-field-audiences = For whom
staff-field-languages = Languages
staff-field-languages-hint = Languages offered or interpreted, as codes separated by commas, e.g. de, ar, fa.
staff-field-reminders = Reminders
staff-field-reminders-hint = How long before the start, e.g. 7d, 1d, 2h (days, hours, minutes: d, h, m).
staff-create = Save as draft
staff-save = Save changes

staff-error-required = Please fill in this field.
staff-error-too_long = This text is too long.
staff-error-unknown_kind = Please choose a kind from the list.
staff-error-out_of_range = This number is outside the allowed range.
staff-error-not_a_number = Please enter a whole number.
staff-error-time_malformed = Please enter a date and a time.
staff-error-time_in_dst_gap = This time does not exist because the clocks change. Please choose another.
staff-error-ends_before_start = The end must be after the start.
staff-error-place_required = Please give a venue with its town, a link for taking part online, or both.
staff-error-postal_code = Please enter a postal code of five digits.
staff-error-url = Please enter a web address starting with https://.
staff-error-closes_before_opens = Registration must close after it opens.
staff-error-opens_after_end = Registration must open before the event ends.
staff-error-closes_after_end = Registration must not close after the event ends.
staff-error-below_seats_taken = More seats are taken already.
staff-error-unknown_audience = Please choose from the list.
staff-error-unknown_language = Please enter language codes such as de, ar or fa.
staff-error-reminder_offset = Please enter reminders such as 7d, 1d or 2h (60 days at most).
staff-error-too_many = These are too many entries.

staff-flash-created = The event was saved as a draft.
staff-flash-saved = The changes were saved.
staff-flash-published = The event is published now.
staff-flash-cancelled = The event was cancelled.
staff-flash-registered = The registration was saved (status: { $status }).
staff-flash-registered-unreachable = Without email or phone no message can reach this person, not even a cancellation.

staff-actions = Actions
staff-action-edit = Edit
staff-action-publish = Publish
staff-action-register = Register someone
staff-action-checkin = Check-in
staff-action-export-csv = List as CSV (Excel)
staff-action-export-xlsx = List as XLSX
staff-action-public-page = Public page
staff-action-cancel = Cancel event

staff-interpreters-heading = Interpreting
staff-interpreters-none = Nobody needs interpreting.
staff-interpreters-waiting = Also on the waiting list:
staff-registrations-heading = Registrations
staff-registrations-shown = { $count ->
    [0] No registrations found.
    [one] 1 registration
   *[other] { $count } registrations
}
staff-search-label = Search by name, email or phone
staff-search-submit = Search
staff-search-reset = Show all
staff-checked-in = present

staff-column-id = No.
staff-column-status = Status
staff-column-name = Name
staff-column-email = Email
staff-column-phone = Phone
staff-column-party_size = People
staff-column-language = Language
staff-column-interpreter = Interpreting
staff-column-needs = Needs
staff-column-via_waitlist = Via waiting list
staff-column-source = Source
staff-column-created_at = Registered at
staff-column-checked_in_at = Checked in at
staff-status-pending = unconfirmed
staff-status-confirmed = confirmed
staff-status-waitlisted = waiting list
staff-status-cancelled = cancelled
staff-source-online = online
staff-source-staff = office

staff-confirm-publish-heading = Publish the event?
staff-confirm-publish-text = The event then appears on the website and in the calendars, and people can register.
staff-confirm-publish-button = Yes, publish
staff-confirm-cancel-heading = Cancel the event?
staff-confirm-cancel-text = The event stays visible, marked as cancelled. This cannot be undone.
staff-confirm-cancel-button = Yes, cancel it
staff-confirm-back = No, go back
staff-confirm-not-possible = This is no longer possible for this event.
staff-cancel-affected = { $count ->
    [0] There are no registrations.
    [one] One registration is affected.
   *[other] { $count } registrations are affected.
}

staff-register-heading = Register someone
staff-register-intro = For callers and visitors to the office: the registration is confirmed at once.
staff-register-walk-in-hint = For walk-ins without email or phone, both fields may stay empty. Then no message can reach that person: no confirmation, no change, no cancellation.
staff-register-email-hint = Only if the person wants the confirmation and reminders by email.
staff-register-language = Language for emails
staff-register-no-interpreter = No interpreting needed
staff-register-consent = The person agrees that their details are stored for this event.
staff-register-submit = Register
staff-conflict-already_registered = This email address is registered already. The confirmation was sent again.

staff-checkin-heading = Check-in
staff-checkin-present = { $count ->
    [one] 1 person present
   *[other] { $count } people present
}
staff-checkin-missing = { $count ->
    [one] 1 missing
   *[other] { $count } missing
}
staff-checkin-counts = { $present } of { $expected } expected people are here, { $missing } missing.
staff-checkin-button = Arrived
staff-checkin-label = { $name } arrived
staff-checkin-undo = Undo
staff-checkin-undo-label = { $name }: undo check-in
staff-checkin-none = Nobody found.

staff-accounts-heading = Accounts and API tokens
staff-accounts-caption = All accounts
staff-account-role = Role
staff-role-admin = Administrator
staff-role-staff = Staff
staff-tokens = API tokens
staff-token-label = Label
staff-token-label-for = Label of the new token for { $name }
staff-token-create = Create token
staff-token-created = New API token:
staff-token-once = Copy it now. It is shown only this once.
staff-token-revoke = Revoke
staff-token-revoke-label = Revoke token { $label }
staff-token-label-required = Please give the token a label.
staff-account-add-heading = Add an account
staff-account-password = Password
staff-account-password-hint = At least { $min } characters.
staff-account-add = Add account
staff-account-error-email = Please enter a valid email address.
staff-account-error-required = Please fill in this field.
staff-account-error-too_short = The password is too short.

staff-audit-heading = Audit log
staff-audit-intro = Who did what and when. The log holds numbers only, no names or addresses of participants.
staff-audit-none = No entries yet.
staff-audit-when = When
staff-audit-who = Who
staff-audit-what = What
staff-audit-ids = Concerns
staff-audit-event = event { $id }
staff-audit-registration = registration { $id }
staff-audit-account = account { $id }
staff-audit-token = token { $id }
staff-audit-filter = Filter the log
staff-audit-filter-event = Event number
staff-audit-filter-actor = Done by
staff-audit-filter-staff = Staff member
staff-audit-filter-action = What
staff-audit-filter-any = any
staff-audit-filter-submit = Show
staff-audit-filter-reset = Show all
staff-audit-actor-staff = staff, on these pages
staff-audit-actor-token = staff, through an API token
staff-audit-actor-participant = the participant (manage link)
staff-audit-actor-system = the service itself
staff-audit-by-token = { $who } through API token { $token }
staff-audit-action-registration_confirmed = Registration confirmed
staff-audit-action-registration_cancelled = Registration cancelled
staff-audit-action-registration_expired = Unconfirmed registration ran out
staff-audit-action-registration_erased = Personal data erased
staff-audit-action-slot_booked = Slot booked
staff-audit-action-slot_released = Slot given back
staff-audit-action-slot_moved = Slot moved
staff-audit-action-login = signed in
staff-audit-action-logout = signed out
staff-audit-action-event_created = created an event
staff-audit-action-event_changed = changed an event
staff-audit-action-event_published = published an event
staff-audit-action-event_cancelled = cancelled an event
staff-audit-action-registered_on_behalf = registered someone
staff-audit-action-checked_in = checked someone in
staff-audit-action-check_in_undone = undid a check-in
staff-audit-action-exported_csv = exported the list as CSV
staff-audit-action-exported_xlsx = exported the list as XLSX
staff-audit-action-account_added = added an account
staff-audit-action-token_created = created an API token
staff-audit-action-token_revoked = revoked an API token
staff-audit-action-exported_report_csv = Report exported as CSV
staff-audit-action-exported_report_xlsx = Report exported as XLSX
staff-audit-action-exported_report_pdf = Report exported as PDF
staff-audit-action-sign_in_sheet_printed = Sign-in sheet made
staff-audit-action-certificates_downloaded = Attendance certificates made
staff-audit-action-attendance_proof_erased = Kept proof of attendance erased
staff-audit-action-certificate_mail_on = Certificates by email switched on
staff-audit-action-certificate_mail_off = Certificates by email switched off
staff-audit-action-certificates_mailed = Certificates queued for sending

staff-nav-report = Report
staff-report-heading = Report for the funder
staff-report-intro = Anonymous figures of the published events, by their start in the office's time zone. Cancelled events are listed but count in no sum. The figures remain after the registration data has been deleted.
staff-report-choose = Period
staff-report-year = Year
staff-report-grouping = Sums
staff-report-per-month = per month
staff-report-per-year = per year
staff-report-show = Show
staff-report-export-csv = Report as CSV (Excel)
staff-report-export-xlsx = Report as XLSX
staff-report-none = There are no events in this year.
staff-report-online = online (no venue)
staff-report-events-caption = Events { $period }
staff-report-total = Total ({ $count ->
    [one] one event
   *[other] { $count } events
})
staff-report-cancelled-hint = Cancelled events do not count in the sums.
staff-report-by-kind = { $period } by kind
staff-report-by-town = { $period } by town
staff-report-by-language = { $period } by language
staff-report-by-interpreter = { $period } by interpreter language
staff-report-column-period = Period
staff-report-column-row = Row
staff-report-column-date = Date
staff-report-column-title = Event
staff-report-column-kind = Kind
staff-report-column-town = Town
staff-report-column-status = Status
staff-report-column-group = Group
staff-report-column-events = Events
staff-report-column-registrations = Registrations
staff-report-column-people = People
staff-report-column-attended_registrations = Registrations attended
staff-report-column-attended_people = People attended
staff-report-column-no_shows = No-shows
staff-report-column-language = Language
staff-report-column-interpreter = Interpreter language
staff-report-row-event = Event
staff-report-row-total = Total
staff-report-row-kind = by kind
staff-report-row-town = by town
staff-report-row-language = by language
staff-report-row-interpreter = by interpreter language
staff-month-1 = January
staff-month-2 = February
staff-month-3 = March
staff-month-4 = April
staff-month-5 = May
staff-month-6 = June
staff-month-7 = July
staff-month-8 = August
staff-month-9 = September
staff-month-10 = October
staff-month-11 = November
staff-month-12 = December

staff-col-slots-free = Free counselling slots
staff-slots-low-heading = These events have few counselling slots left:
staff-slots-low = { $title }: { $free ->
    [0] no free slot left
    [one] only one free slot left
   *[other] only { $free } free slots left
}
staff-slots-low-badge = low

## Counselling slots
staff-action-slots = Counselling slots
staff-slots-heading = Counselling slots
staff-slots-intro = Advisers, their slots and who booked which. A family can book up to { $max } slots that do not overlap.
staff-slots-print = Print the schedule
staff-slots-flash-adviser = The adviser has been added.
staff-slots-flash-generated = The slots have been created.
staff-slots-flash-booked = The slot is booked. The family gets a confirmation by email if they gave an address.
staff-slots-flash-released = The slot is free again. The family gets a message by email if they gave an address.
staff-advisers-heading = Advisers
staff-advisers-none = No adviser yet.
staff-slots-counts = { $free } free, { $booked } booked
staff-slots-none = No slots yet.
staff-col-time = Time
staff-col-family = Family
staff-col-slot = Slot
staff-slot-free = free
staff-slot-past = over
staff-slot-release = Release
staff-choose = Please choose
staff-book-heading = Book a slot for a family
staff-book-intro = For registered families who call or drop by. The same rules apply as when they book on their confirmation page.
staff-book-holds = { $count ->
    [one] already has 1 slot
   *[other] already has { $count } slots
}
staff-book-submit = Book the slot
staff-adviser-add-heading = Add an adviser
staff-adviser-languages = Languages
staff-adviser-languages-hint = Language codes separated by commas, for example de, tr, ar.
staff-adviser-location = Room or video link
staff-adviser-location-hint = For example “Room 2” or the link to the video session.
staff-adviser-add-submit = Add
staff-plan-heading = Create slots
staff-plan-intro = Slots of equal length from start to end, with a gap and breaks. The adviser's free slots in this range are replaced.
staff-plan-adviser = For
staff-plan-from = Start
staff-plan-to = End
staff-plan-slot-minutes = Length of a slot (minutes)
staff-plan-gap-minutes = Gap between two slots (minutes)
staff-plan-breaks = Breaks
staff-plan-break-from = Break { $n }: start
staff-plan-break-to = Break { $n }: end
staff-plan-keeps-booked = Booked slots stay as they are.
staff-plan-submit = Create slots
staff-schedule-heading = Schedule
staff-schedule-intro = Each adviser gets a page of their own when printed.
staff-schedule-printed = As of { $at }
staff-back-to-slots = Back to the counselling slots
staff-error-choose = Please choose from the list.
staff-error-slot-limit = This family already has { $max } slots; no more are possible.
staff-error-slot-overlap = This slot overlaps a slot the family already has.
staff-error-no_slot_fits = Not a single slot fits between start and end outside the breaks.
staff-error-too_many_slots = That would be too many slots at once.
staff-error-range_too_long = The range can be at most 24 hours long.
staff-error-break_outside_range = The break must lie between start and end.
staff-error-outside_event = The slots must lie within the event.
staff-error-unknown_adviser = This adviser does not belong to this event.
staff-conflict-slot_taken = Someone else has just booked this slot. Please choose another one.
staff-conflict-slot_past = This slot has already begun.
staff-conflict-registration_inactive = Only registrations that hold a seat can book slots.
staff-audit-action-adviser_added = Counselling: adviser added
staff-audit-action-slots_generated = Counselling slots created
staff-audit-action-slot_booked_on_behalf = Slot booked for a family
staff-audit-action-slot_released_on_behalf = Slot released

## Series of dates
staff-action-series = Create a series
staff-series-heading = Create a series of dates
staff-series-intro = This event becomes a series: each further date is an event of its own with its own registrations, at the same time of day. At most { $max } dates.
staff-series-rule = When
staff-series-freq = Repeats
staff-series-monthly = Monthly
staff-series-weekly = Weekly
staff-series-interval = Every how many months or weeks
staff-series-interval-hint = 1 for every month or week, 2 for every other.
staff-series-ordinal = Monthly: on the
staff-series-ordinal-hint = Not used for weekly series.
staff-series-ordinal-1 = first
staff-series-ordinal-2 = second
staff-series-ordinal-3 = third
staff-series-ordinal-4 = fourth
staff-series-ordinal-last = last
staff-series-weekday = Weekday
staff-weekday-MO = Monday
staff-weekday-TU = Tuesday
staff-weekday-WE = Wednesday
staff-weekday-TH = Thursday
staff-weekday-FR = Friday
staff-weekday-SA = Saturday
staff-weekday-SU = Sunday
staff-series-end = How long
staff-series-end-count = A number of dates
staff-series-count = Number of dates, this one included
staff-series-end-until = Until a date
staff-series-until = Last possible date
staff-series-except = Dates left out
staff-series-except-hint = Dates without a meeting, for example 2027-05-13 or 13.05.2027, separated by commas or lines.
staff-series-copies = The further dates take this date's title, description, place, seats and settings; they are published if this one is.
staff-series-submit = Create the series
staff-series-dates-heading = Dates of this series ({ $count })
staff-flash-series = { $count ->
    [one] 1 further date has been created.
   *[other] { $count } further dates have been created.
}
staff-error-date = Please give a date such as 2027-05-13.
staff-error-rrule = This rule cannot be processed.
staff-error-first_date_not_in_rule = This event's date does not fit this rule. Please choose the weekday and the week of the month so that it does.
staff-error-not_in_series = This date is not one of the further dates of this series.
staff-conflict-already_a_series = This event already belongs to a series with further dates.
staff-audit-action-series_created = Series created
staff-field-max-slots = Counselling slots per registration
staff-field-max-slots-hint = How many counselling slots a family can book at most (parents' evenings with individual counselling).
staff-scope-legend = This change applies to
staff-scope-one = this date only
staff-scope-future = { $count ->
    [one] this date and the later date of the series
   *[other] this date and the { $count } later dates of the series
}
staff-scope-hint = Later dates take only what you change here; a new time then applies on each date. Past and cancelled dates stay as they are.
staff-flash-saved-later = { $count ->
    [one] The change has been saved, also for the later date of the series.
   *[other] The change has been saved, also for { $count } later dates of the series.
}
staff-error-until_before_event = The last date must not be before this event's date.
staff-error-too_many_dates = Up to this date there would be more than 60 dates. Please choose an earlier date.
staff-release-heading = Release this counselling slot?
staff-release-text = The family is told by email at once that the slot is no longer theirs. Others can then book it.
staff-conflict-adviser_exists = This adviser has already been added to this event.

## Documents (PDF)
doc-sheet-title = Sign-in sheet
doc-sheet-note = With your signature you confirm that you took part. The list is shown to the funder as proof.
doc-when = Date
doc-place = Place
doc-page = Page { $page } of { $pages }
doc-col-number = No.
doc-col-name = Name
doc-col-time-name = Time, name
doc-col-people = People
doc-col-town = Town
doc-col-signature = Signature
doc-report-title = Report to the funder
doc-report-total = Total
doc-report-events = { $count ->
    [one] 1 event
   *[other] { $count } events
}
doc-report-by-kind = By kind
doc-report-by-town = By town
doc-report-scope-kind = Kind: { $kind }
doc-report-scope-town = Town: { $town }
doc-report-appendix = Appendix: proof of attendance
doc-report-appendix-note = Names of the people who came, as kept after the registration data was deleted; events whose data has not been deleted yet appear here only afterwards.
doc-report-appendix-none = No proof of attendance is kept for this period.
doc-report-checked-in = arrived
staff-action-sign-in-sheet = Sign-in sheet (PDF)
staff-action-certificates = Attendance certificates (PDF)
staff-action-certificate = Certificate
staff-action-adviser-sheet = Sign-in sheet { $adviser } (PDF)
staff-report-pdf = PDF
staff-certificate-mail-heading = Attendance certificates
staff-certificate-mail-is-on = After the event, everyone who came gets their certificate by email, in their language.
staff-certificate-mail-is-off = Certificates are not sent by email.
staff-certificate-mail-switch-on = Send by email after the event
staff-certificate-mail-switch-off = Do not send by email
staff-field-phone-registration = Allow registration with a mobile number only (code by SMS)
staff-sms-chosen = Chose SMS

# Event lists for partner websites
staff-nav-embeds = Partner websites
staff-embeds-heading = Event lists for partner websites
staff-embeds-intro = A school, a counselling service or an association shows a list of your events on its own website. Its links carry the partner's code, so registrations through the list are counted for the partner.
staff-embeds-caption = Lists for partner websites
staff-embeds-none = No list yet.
staff-embeds-back = All lists for partner websites
staff-embed-heading = List “{ $label }”
staff-embed-snippet-heading = For the partner's website
staff-embed-snippet-intro = Send the partner this code to embed. The list always shows the current events and can be embedded only on the websites named below.
staff-embed-iframe = Code to embed (iframe)
staff-embed-atom = Atom feed of the list
staff-embed-html = The list as HTML to copy
staff-embed-html-hint = As it is today; whoever copies it has to keep it up to date.
staff-embed-preview = View the list
staff-embed-new-heading = New list
staff-embed-change-heading = Change the list
staff-embed-label = Label
staff-embed-label-hint = For you only, e.g. “Comprehensive school North, careers page”.
staff-embed-partner = Partner
staff-embed-partner-hint = Registrations through the list are counted for this partner.
staff-embed-no-partner = No partner
staff-embed-lang = Language of the list
staff-embed-filters = Which events
staff-embed-kind = Kind
staff-embed-audience = Audience
staff-embed-language = Language of the event
staff-poster-partner = Printed for a partner
staff-poster-partner-hint = The QR codes then carry the partner's code: registrations through them are counted for the partner.
staff-embed-point = Service point
staff-embed-city = Town
staff-embed-any = All
staff-embed-max-events = At most this many events
staff-embed-origins = Websites that may embed the list
staff-embed-origins-hint = One address per line, scheme and host name only, e.g. https://www.schule-nord.de
staff-embed-create = Create the list
staff-embed-save = Save changes
staff-embed-remove-heading = Remove the list
staff-embed-remove-hint = The embedded list then shows only “not found” on the partner's website.
staff-embed-remove = Remove the list
staff-embed-error-required = Please fill in this field.
staff-embed-error-too_long = At most 100 characters, please.
staff-embed-error-unknown_partner = There is no such partner.
staff-embed-error-unknown_language = Please choose one of the languages.
staff-embed-error-out_of_range = A number from 1 to { $max }, please.
staff-embed-error-too_many = At most { $max } websites, please.
staff-embed-error-invalid_origin = “{ $origin }” is not a website address such as https://www.schule-nord.de (without a path).
staff-audit-action-embed_created = List for a partner website created
staff-audit-action-embed_changed = List for a partner website changed
staff-audit-action-embed_removed = List for a partner website removed
## Messages to the participants of an event
staff-action-messages = Message to participants
staff-message-heading = Message to the participants
staff-message-recipients = Recipients
staff-message-recipients-hint = The message goes to everyone in at least one of the chosen groups. Cancelled registrations get nothing.
staff-message-group-confirmed = Confirmed
staff-message-group-waiting = On the waiting list
staff-message-group-checked_in = Checked in
staff-message-group-not_checked_in = Not checked in yet
staff-message-group-with_slot = With a booked counselling slot
staff-message-subject = Subject
staff-message-body = Text
staff-message-languages-hint = German is required. Whoever registered in a language you write no text for gets the German text.
staff-message-preview = Show preview
staff-message-preview-heading = Preview
staff-message-preview-count = { $count ->
    [one] The message goes to 1 person.
   *[other] The message goes to { $count } people.
}
staff-message-preview-unreachable = { $count ->
    [one] 1 person in these groups has neither an email address nor SMS and gets nothing.
   *[other] { $count } people in these groups have neither an email address nor SMS and get nothing.
}
staff-message-preview-sms = { $count ->
    [one] 1 person chose SMS and also gets the subject and a link by SMS.
   *[other] { $count } people chose SMS and also get the subject and a link by SMS.
}
staff-message-fallback = gets the German text
staff-message-send = Send now
staff-message-edit = Change
staff-message-flash-sent = { $count ->
    [one] The message is being sent to 1 person.
   *[other] The message is being sent to { $count } people.
}
staff-message-sent-heading = Sent so far
staff-message-count = Number
staff-audit-action-message_sent = Message to participants sent
staff-conflict-no_recipients = Nobody in the chosen groups can be reached by a message.
staff-error-message-required = Please fill in this field.
staff-error-message-too-long = At most { $max } characters, please.
staff-error-message-one-line = The subject must fit on one line.
staff-error-message-no-group = Please choose at least one group.
staff-error-message-unknown-group = Please choose groups from the list.
staff-error-message-unknown-language = Treffpunkt does not offer this language.
staff-error-message-bad-key = The form was incomplete. Please send it again.

## Posters, flyers and QR codes
staff-poster-heading = Poster and flyer
staff-poster-size = Format
staff-poster-size-a4 = Poster (A4)
staff-poster-size-a6 = Flyer (A6)
staff-poster-languages = Languages on the poster
staff-poster-series = All coming dates of the series
staff-poster-submit = Download PDF
staff-poster-qr = QR code as image
## Service points
staff-nav-points = Service points
staff-points-heading = Service points
staff-points-intro = Every event belongs to one service point. Staff see only the events, registrations and figures of their service points; administrators see all of them. Empty details of a service point are taken from the office's settings.
staff-field-point = Service point
staff-field-point-choose = Please choose
staff-error-unknown_point = Please choose one of your service points.
staff-report-all-points = All service points
staff-point-name = Name
staff-point-town = Town
staff-point-address = Address
staff-point-phone = Phone
staff-point-email = Email
staff-point-funder = Funder's line for documents
staff-point-members = Staff
staff-point-no-members = Nobody yet.
staff-point-member = Account
staff-point-set = Assign
staff-point-remove = Remove
staff-point-remove-label = Remove { $name } from this service point
staff-point-role-staff = Staff
staff-point-role-lead = Lead
staff-point-add-heading = New service point
staff-point-add = Add service point
staff-point-error-required = Please fill in this field.
staff-point-error-too_long = This text is too long.
staff-point-error-email = Please enter a valid email address.
staff-audit-action-point_added = Service point added
staff-audit-action-point_membership_set = Service point membership changed
# Event texts per language
staff-field-directions = How to get there
staff-field-directions-hint = A short note on how to get there, e.g. bus, entrance, floor.
staff-texts-heading = Texts in other languages
staff-texts-hint = Title, description and directions for visitors in their own language. Only for languages offered under “Languages”; left empty, visitors see the German text.
staff-error-language_not_offered = This language is not offered at this event. Add it under “Languages” or leave this block empty.
staff-texts-missing = Texts missing:
staff-title-errors = Error
staff-registrations-table = List of registrations
staff-slots-table = Times of { $adviser }
staff-report-by-point = { $period } by service point
staff-report-by-partner = { $period } by the partner they registered through
staff-report-column-point = Service point
staff-report-column-partner = Partner
staff-report-row-point = by service point
staff-report-row-partner = by partner
staff-source-partner = by a partner
staff-column-partner = Partner
doc-report-by-point = By service point
doc-report-by-partner = By the partner they registered through
staff-account-point-none = None (assign later)
staff-account-point-role = Role at the service point
staff-account-error-unknown_point = This service point does not exist.

staff-alert-subscriptions = { $count } confirmed alert subscriptions for new events

## Partner organisations and their people
staff-nav-partners = Partners
staff-role-partner = Partner
staff-conflict-account_exists = This email address has an account already (staff or another partner).
staff-audit-action-partner_added = Partner added
staff-audit-action-partner_point_added = Partner invited to a further service point
staff-audit-action-partner_invited = Partner's person invited
staff-audit-action-invitation_accepted = Invitation accepted, password set
staff-audit-action-partner_access_ended = Partner's person's access ended
staff-audit-partner = partner { $id }
staff-partners-heading = Partners
staff-partners-intro = Schools, counselling services and associations that register families with your service points. Their people see the published events of the service points that invited them, and only the registrations they made themselves.
staff-partners-none = No partners yet.
staff-partners-back = Back to the partners
staff-partner-name = Name
staff-partner-kind = Kind
staff-partner-kind-school = School
staff-partner-kind-counselling = Counselling service
staff-partner-kind-association = Association
staff-partner-kind-other = Other
staff-partner-code = Code for links
staff-partner-code-hint = Part of the partner's links (…?via=code). Leave empty to make it from the name.
staff-partner-link = Link to the list of events
staff-partner-points = Service points
staff-partner-point = Inviting service point
staff-partner-add-heading = Add a partner
staff-partner-add = Add partner
staff-partner-more-point = Invite to a further service point
staff-partner-more-point-submit = Invite
staff-partner-people = People
staff-partner-no-people = Nobody invited yet.
staff-partner-access = Access
staff-partner-actions = Actions
staff-partner-access-active = active
staff-partner-access-invited = invited
staff-partner-access-ended = ended
staff-partner-invited-until = Link valid until { $until }
staff-partner-end = End access
staff-partner-end-label = End the access of { $name }
staff-partner-invite-heading = Invite a person
staff-partner-invite-intro = The person gets an email with a link that works for { $days } days, by which they set their own password. Someone invited before gets a new link.
staff-partner-invite-lang = Language of the email and the pages
staff-partner-invite = Send invitation
staff-partner-error-required = Please fill in this field.
staff-partner-error-too_long = This text is too long.
staff-partner-error-unknown_kind = Please choose a kind.
staff-partner-error-bad_code = Please use lower-case letters, digits and hyphens only, 2 to 40 characters.
staff-partner-error-code_taken = Another partner has this code.
staff-partner-error-not_led = Please choose a service point you lead.
staff-partner-error-email = Please enter a valid email address.

partner-nav-events = Events
partner-nav-registrations = Our registrations
partner-events-heading = Events
partner-events-intro = The published events of the service points that invited your organisation. You can register families here, also without an email address.
partner-events-no-point = No service point has invited your organisation yet.
partner-events-none = There are no upcoming events at the moment.
partner-event-cancelled = This event is cancelled.
partner-seats-left = { $count ->
    [one] One place left
   *[other] { $count } places left
}
partner-register-family = Register a family
partner-registration-closed = Registration is closed.
partner-back-to-events = Back to the events
partner-register-intro = You register a family, with its consent. The place is confirmed at once.
partner-register-email-hint = If the family gives an email address, it gets the confirmation and reminders in its language, with its own link to cancel. Without one, only you get the confirmation.
partner-register-consent = The family agrees that its name, the number of people, its language and – where given – email address, phone number, interpreter language and notes are stored for this event and deleted { $days } days after it.
partner-registrations-heading = Our registrations
partner-registrations-intro = Every registration the people of your organisation made. You do not see other participants.
partner-registrations-none = You have not registered anyone yet.
partner-registered-notice = The family is registered.
partner-cancelled-notice = The registration is cancelled.
partner-no-email = without email address
partner-status-pending = unconfirmed
partner-status-confirmed = confirmed
partner-status-waitlisted = on the waiting list
partner-status-cancelled = cancelled
partner-position = number { $position }
partner-cancel = Cancel
partner-cancel-label = Cancel the registration of { $name }
partner-invite-heading = Set your password
partner-invite-intro = Hello { $name }, here you set your password for the access of { $partner }.
partner-invite-until = This link works once and until { $until }.
partner-invite-password = Password
partner-invite-password-hint = At least { $count } characters.
partner-invite-password-again = Repeat the password
partner-invite-submit = Set password and sign in
partner-invite-error-too_short = The password is too short.
partner-invite-error-mismatch = The two passwords do not match.
staff-audit-action-point_changed = Service point changed
staff-point-edit = Change
staff-point-edit-heading = Change a service point
staff-point-edit-intro = Name, town and contact appear on the events' pages and in the mails; the funder's line on the documents.
staff-point-edit-funder = An empty funder's line stands for the office's: “{ $funder }”.
staff-point-back = Back to the service points
staff-point-save = Save
