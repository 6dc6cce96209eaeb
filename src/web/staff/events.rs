//! Staff pages of one event: the form (create, edit), the event's page with its registrations
//! and interpreter summary, and publishing and cancelling behind a confirmation.

use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{StaffCtx, StaffError, StaffEvent, count_text};
use crate::error::{Error, FieldErrors};
use crate::events::series::Scope;
use crate::events::{self, Audience, Event, EventInput, Kind, Status, TextInput, VenueInput};
use crate::i18n::{self, Lang};
use crate::registrations::{self, RegStatus, Registration};
use crate::staff::points;
use crate::web::form::{self, Again, FormFields, Outcome};
use crate::web::pages::ser;

/// The values of the event form, as typed.
#[derive(Serialize, Default, Clone)]
pub struct EventFormValues {
    kind: String,
    title: String,
    description: String,
    starts_at: String,
    ends_at: String,
    venue_name: String,
    venue_street: String,
    venue_postal_code: String,
    venue_city: String,
    online_url: String,
    capacity: String,
    waitlist: bool,
    max_party_size: String,
    registration_opens_at: String,
    registration_closes_at: String,
    audiences: Vec<String>,
    languages: String,
    reminders: String,
    double_opt_in: bool,
    max_slots_per_registration: String,
    phone_registration: bool,
    /// For a date of a series: `one` (only this date) or `future` (this and all later ones).
    scope: String,
    /// The service point's id; chosen on create only.
    point_id: String,
    /// The German note on how to get there.
    directions: String,
    /// One block per page language other than German.
    texts: Vec<TextFormValues>,
}

/// The block of the event form for the texts in one language.
#[derive(Serialize, Clone)]
pub struct TextFormValues {
    code: &'static str,
    name: &'static str,
    dir: &'static str,
    title: String,
    description: String,
    directions: String,
}

impl TextFormValues {
    fn blank(lang: Lang) -> Self {
        Self {
            code: lang.code(),
            name: lang.native_name(),
            dir: lang.dir(),
            title: String::new(),
            description: String::new(),
            directions: String::new(),
        }
    }

    fn all_blank() -> Vec<Self> {
        Lang::ALL
            .into_iter()
            .filter(|l| *l != Lang::De)
            .map(Self::blank)
            .collect()
    }
}

/// A local wall-clock time as `datetime-local` inputs take it.
fn local_input(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

impl EventFormValues {
    fn fresh() -> Self {
        Self {
            kind: Kind::InfoDay.as_str().to_owned(),
            waitlist: events::input::defaults::WAITLIST,
            double_opt_in: events::input::defaults::DOUBLE_OPT_IN,
            max_party_size: events::input::defaults::MAX_PARTY_SIZE.to_string(),
            languages: events::input::defaults::LANGUAGES.join(", "),
            reminders: events::input::defaults::REMINDERS.join(", "),
            max_slots_per_registration: events::input::defaults::MAX_SLOTS_PER_REGISTRATION
                .to_string(),
            scope: "one".to_owned(),
            texts: TextFormValues::all_blank(),
            ..Self::default()
        }
    }

    fn of(event: &Event, tz: Tz) -> Self {
        let spec = &event.spec;
        let venue = spec.venue.as_ref();
        Self {
            kind: spec.kind.as_str().to_owned(),
            title: spec.title.clone(),
            description: spec.description.clone(),
            starts_at: local_input(spec.starts_at, tz),
            ends_at: local_input(spec.ends_at, tz),
            venue_name: venue.map(|v| v.name.clone()).unwrap_or_default(),
            venue_street: venue.and_then(|v| v.street.clone()).unwrap_or_default(),
            venue_postal_code: venue
                .and_then(|v| v.postal_code.clone())
                .unwrap_or_default(),
            venue_city: venue.map(|v| v.city.clone()).unwrap_or_default(),
            online_url: spec.online_url.clone().unwrap_or_default(),
            capacity: spec.capacity.map(|c| c.to_string()).unwrap_or_default(),
            waitlist: spec.waitlist,
            max_party_size: spec.max_party_size.to_string(),
            registration_opens_at: spec
                .registration_opens_at
                .map(|t| local_input(t, tz))
                .unwrap_or_default(),
            registration_closes_at: spec
                .registration_closes_at
                .map(|t| local_input(t, tz))
                .unwrap_or_default(),
            audiences: spec
                .audiences
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            languages: spec
                .languages
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            reminders: spec
                .reminders
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            double_opt_in: spec.double_opt_in,
            max_slots_per_registration: spec.max_slots_per_registration.to_string(),
            phone_registration: spec.phone_registration,
            scope: "one".to_owned(),
            point_id: event.point_id.to_string(),
            directions: spec.texts.directions.clone(),
            texts: TextFormValues::all_blank()
                .into_iter()
                .map(|mut block| {
                    if let Some(t) =
                        Lang::parse(block.code).and_then(|l| spec.texts.translations.get(&l))
                    {
                        block.title.clone_from(&t.title);
                        block.description.clone_from(&t.description);
                        block.directions.clone_from(&t.directions);
                    }
                    block
                })
                .collect(),
        }
    }

    fn read(fields: &FormFields) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        Self {
            point_id: text("point_id"),
            kind: text("kind"),
            title: text("title"),
            description: text("description"),
            starts_at: text("starts_at"),
            ends_at: text("ends_at"),
            venue_name: text("venue_name"),
            venue_street: text("venue_street"),
            venue_postal_code: text("venue_postal_code"),
            venue_city: text("venue_city"),
            online_url: text("online_url"),
            capacity: text("capacity"),
            waitlist: fields.checked("waitlist"),
            max_party_size: text("max_party_size"),
            registration_opens_at: text("registration_opens_at"),
            registration_closes_at: text("registration_closes_at"),
            // Checkbox groups as one field per box: the strict form reader refuses repeated keys.
            audiences: Audience::ALL
                .iter()
                .filter(|a| fields.checked(&format!("audience_{}", a.as_str())))
                .map(|a| a.as_str().to_owned())
                .collect(),
            languages: text("languages"),
            reminders: text("reminders"),
            double_opt_in: fields.checked("double_opt_in"),
            max_slots_per_registration: text("max_slots_per_registration"),
            phone_registration: fields.checked("phone_registration"),
            scope: text("scope"),
            directions: text("directions"),
            texts: TextFormValues::all_blank()
                .into_iter()
                .map(|mut block| {
                    let code = block.code;
                    block.title = text(&format!("translations_{code}_title"));
                    block.description = text(&format!("translations_{code}_description"));
                    block.directions = text(&format!("translations_{code}_directions"));
                    block
                })
                .collect(),
        }
    }

    /// The domain's input; numbers that are not numbers are reported here, the rest by the
    /// domain's validation, as for the API.
    fn input(&self, errors: &mut FieldErrors) -> EventInput {
        let optional = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        };
        let list = |s: &str| -> Vec<String> {
            s.split([',', ' ', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(ToOwned::to_owned)
                .collect()
        };
        let capacity = match optional(&self.capacity) {
            None => Some(None),
            Some(text) => {
                if let Ok(n) = text.parse::<i64>() {
                    Some(Some(n))
                } else {
                    errors.add("capacity", "not_a_number", "must be a whole number");
                    None
                }
            }
        };
        let max_party_size = if let Ok(n) = self.max_party_size.trim().parse::<i64>() {
            Some(n)
        } else {
            errors.add("max_party_size", "not_a_number", "must be a whole number");
            None
        };
        let max_slots = self.max_slots_per_registration.trim();
        let max_slots_per_registration = if max_slots.is_empty() {
            None
        } else if let Ok(n) = max_slots.parse::<i64>() {
            Some(n)
        } else {
            errors.add(
                "max_slots_per_registration",
                "not_a_number",
                "must be a whole number",
            );
            None
        };
        let venue = [
            &self.venue_name,
            &self.venue_street,
            &self.venue_postal_code,
            &self.venue_city,
        ]
        .iter()
        .all(|v| v.trim().is_empty());
        EventInput {
            kind: Some(self.kind.clone()),
            title: Some(self.title.clone()),
            description: Some(self.description.clone()),
            starts_at: Some(self.starts_at.clone()),
            ends_at: Some(self.ends_at.clone()),
            venue: Some((!venue).then(|| VenueInput {
                name: optional(&self.venue_name),
                street: optional(&self.venue_street),
                postal_code: optional(&self.venue_postal_code),
                city: optional(&self.venue_city),
            })),
            online_url: Some(optional(&self.online_url)),
            capacity,
            waitlist: Some(self.waitlist),
            max_party_size,
            registration_opens_at: Some(optional(&self.registration_opens_at)),
            registration_closes_at: Some(optional(&self.registration_closes_at)),
            audiences: Some(self.audiences.clone()),
            languages: Some(list(&self.languages)),
            reminders: Some(list(&self.reminders)),
            double_opt_in: Some(self.double_opt_in),
            max_slots_per_registration,
            phone_registration: Some(self.phone_registration),
            directions: Some(self.directions.clone()),
            translations: Some(
                self.texts
                    .iter()
                    .map(|t| {
                        (
                            t.code.to_owned(),
                            TextInput {
                                title: Some(t.title.clone()),
                                description: Some(t.description.clone()),
                                directions: Some(t.directions.clone()),
                            },
                        )
                    })
                    .collect(),
            ),
        }
    }
}

/// A field message in the page's language.
#[derive(Serialize)]
pub struct FieldMessage {
    /// The form field's name (`venue.city` becomes `venue_city`).
    field: String,
    message: String,
}

/// Messages of the domain's validation, in German (English for English pages, where the
/// domain's own text is used). Keys without a German text show the domain's text.
#[must_use]
pub fn field_messages(errors: &FieldErrors, lang: Lang, prefix: &str) -> Vec<FieldMessage> {
    errors
        .iter()
        .map(|(field, e)| {
            let key = format!("{prefix}{}", e.key);
            let args: Vec<(&str, FluentValue<'_>)> = e
                .args
                .iter()
                .map(|(k, v)| (*k, FluentValue::from(v.as_str())))
                .collect();
            let translated = i18n::text(lang, &key, &args);
            let message = if translated == key {
                capitalise(&e.message)
            } else if let Some((_, date)) = e.args.iter().find(|(k, _)| *k == "date") {
                // A message about one date of a series says which.
                let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or_else(
                    |_| date.clone(),
                    |d| match lang {
                        Lang::De => d.format("%d.%m.%Y").to_string(),
                        _ => d.format("%Y-%m-%d").to_string(),
                    },
                );
                format!("{date}: {translated}")
            } else {
                translated
            };
            FieldMessage {
                field: field.replace('.', "_"),
                message,
            }
        })
        .collect()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        format!(
            "{}{}.",
            c.to_uppercase(),
            chars.as_str().trim_end_matches('.')
        )
    })
}

/// How many later dates of the event's series a change could also apply to: those that have
/// not ended and are not cancelled.
async fn later_dates(cx: &StaffCtx, event: &Event) -> Result<usize, StaffError> {
    let Some(series_id) = event.series_id else {
        return Ok(0);
    };
    let now = Utc::now();
    Ok(events::series::all_dates(&cx.state.db, series_id)
        .await?
        .iter()
        .filter(|d| {
            d.id != event.id
                && d.spec.starts_at > event.spec.starts_at
                && d.spec.ends_at > now
                && d.status != Status::Cancelled
        })
        .count())
}

/// A service point the event form offers.
#[derive(Serialize)]
struct PointChoice {
    id: String,
    name: String,
}

async fn form_page(
    cx: &StaffCtx,
    event: Option<&Event>,
    later: usize,
    values: &EventFormValues,
    again: Option<&Again>,
) -> Result<Response, StaffError> {
    let shown = cx.shown(again, "staff-error-");
    let (path, action) = match event {
        Some(e) => (
            format!("/staff/events/{}/edit", e.id),
            format!("/staff/events/{}", e.id),
        ),
        None => ("/staff/events/new".to_owned(), "/staff/events".to_owned()),
    };
    let points: Vec<PointChoice> = points::list(&cx.state.db, &cx.state.config.office)
        .await?
        .into_iter()
        .filter(|p| cx.user.scope.allows(p.id))
        .map(|p| PointChoice {
            id: p.id.to_string(),
            name: p.name,
        })
        .collect();
    let point_name = event.and_then(|e| {
        points
            .iter()
            .find(|p| p.id == e.point_id.to_string())
            .map(|p| p.name.clone())
    });
    let html = cx.render(
        "staff/event_form.html",
        &path,
        context! {
            event_id => event.map(|e| e.id),
            event_title => event.map(|e| e.spec.title.clone()),
            action,
            values => ser(values),
            errors => ser(&shown.errors),
            notice => shown.notice,
            kinds => Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            audiences => Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            timezone => cx.state.config.office.timezone.name(),
            later,
            points => ser(&points),
            point_name,
        },
    )?;
    Ok(super::no_store((shown.status, html).into_response()))
}

/// `GET /staff/events/new`.
pub async fn new_event(cx: StaffCtx) -> Result<Response, StaffError> {
    form_page(&cx, None, 0, &EventFormValues::fresh(), None).await
}

/// `POST /staff/events`: creates a draft; 303 to its page, or the form again with 422.
pub async fn create_event(
    cx: StaffCtx,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let values = EventFormValues::read(&fields);
    let mut errors = FieldErrors::new();
    let input = values.input(&mut errors);
    let tz = cx.state.config.office.timezone;
    let asked = values.point_id.trim();
    let point = match asked.parse::<i32>() {
        _ if asked.is_empty() => points::choose(&cx.state.db, &cx.user.scope, None).await,
        Ok(id) => points::choose(&cx.state.db, &cx.user.scope, Some(id)).await,
        Err(_) => Err(FieldErrors::single("point_id", "unknown_point", "unknown").into()),
    };
    let point = match point {
        Ok(id) => Some(id),
        Err(Error::Invalid(e)) => {
            for (field, e) in e.iter() {
                errors.add_with(field, e.key, e.message.clone(), e.args.clone());
            }
            None
        }
        Err(e) => return Err(StaffError(e)),
    };
    let result = match point {
        Some(point) if errors.is_empty() => {
            events::create(&cx.state.db, input, point, tz, cx.actor(), Utc::now()).await
        }
        _ => Err(merge(errors, input.into_new_spec(tz).err())),
    };
    match form::outcome(result)? {
        Outcome::Done(event) => {
            Ok(Redirect::to(&format!("/staff/events/{}?done=created", event.id)).into_response())
        }
        Outcome::Again(again) => form_page(&cx, None, 0, &values, Some(&again)).await,
    }
}

/// The form's own messages first, then the domain's for the other fields.
fn merge(mut ours: FieldErrors, domain: Option<FieldErrors>) -> Error {
    if let Some(domain) = domain {
        for (field, e) in domain.iter() {
            ours.add_with(field, e.key, e.message.clone(), e.args.clone());
        }
    }
    Error::Invalid(ours)
}

/// `GET /staff/events/{id}/edit`.
pub async fn edit_event(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    if event.status == Status::Cancelled {
        return Err(StaffError(Error::conflict("event_cancelled", "cancelled")));
    }
    let values = EventFormValues::of(&event, cx.state.config.office.timezone);
    let later = later_dates(&cx, &event).await?;
    form_page(&cx, Some(&event), later, &values, None).await
}

/// `POST /staff/events/{id}`: saves a change; 303 to the event's page, or the form again.
pub async fn update_event(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let values = EventFormValues::read(&fields);
    let mut errors = FieldErrors::new();
    let input = values.input(&mut errors);
    let tz = cx.state.config.office.timezone;
    let later = later_dates(&cx, &event).await?;
    let scope = match values.scope.as_str() {
        "future" if later > 0 => Scope::Future,
        _ => Scope::One,
    };
    let result = if errors.is_empty() {
        crate::changes::update_event(
            &cx.state.db,
            event.id,
            input,
            scope,
            &cx.state.config,
            cx.actor(),
            Utc::now(),
        )
        .await
    } else {
        Err(merge(
            errors,
            input.into_changed_spec(event.spec.clone(), tz).err(),
        ))
    };
    match form::outcome(result)? {
        Outcome::Done((_, later)) => {
            let also = if later.is_empty() {
                String::new()
            } else {
                format!("&later={}", later.len())
            };
            Ok(
                Redirect::to(&format!("/staff/events/{}?done=saved{also}", event.id))
                    .into_response(),
            )
        }
        Outcome::Again(again) => form_page(&cx, Some(&event), later, &values, Some(&again)).await,
    }
}

/// The event as its staff page shows it.
#[derive(Serialize)]
pub struct EventFacts {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub when: String,
    pub place: String,
    pub seats_taken: i32,
    pub seats_left: Option<i32>,
    pub capacity: Option<i32>,
}

impl EventFacts {
    #[must_use]
    pub fn new(event: &Event, cx: &StaffCtx) -> Self {
        Self::in_lang(event, cx.state.config.office.timezone, cx.lang)
    }

    /// The facts in a staff page's language, with times in the office's zone.
    #[must_use]
    pub fn in_lang(event: &Event, tz: chrono_tz::Tz, lang: Lang) -> Self {
        let spec = &event.spec;
        let online = i18n::text(lang, "staff-online", &[]);
        let place = match (&spec.venue, &spec.online_url) {
            (Some(v), Some(_)) => format!("{}, {} · {online}", v.name, v.city),
            (Some(v), None) => format!("{}, {}", v.name, v.city),
            (None, _) => online,
        };
        Self {
            id: event.id,
            slug: event.slug.clone(),
            title: spec.title.clone(),
            kind: spec.kind.as_str(),
            status: event.status.as_str(),
            when: format!(
                "{} – {}",
                i18n::format_date_time(spec.starts_at, tz, lang),
                i18n::format_time(spec.ends_at, tz, lang)
            ),
            place,
            seats_taken: event.seats_taken,
            seats_left: event.seats_left(),
            capacity: spec.capacity,
        }
    }
}

/// A registration as the staff list shows it.
#[derive(Serialize)]
struct RegistrationRow {
    id: i32,
    status: &'static str,
    name: String,
    email: String,
    phone: String,
    party_size: i32,
    language: &'static str,
    interpreter: String,
    needs: String,
    via_waitlist: bool,
    source: &'static str,
    /// The partner organisation the registration came through.
    partner: Option<String>,
    created_at: String,
    checked_in: bool,
    waitlist_position: Option<u64>,
    /// Neither email nor phone: no message can reach this person (a walk-in).
    unreachable: bool,
}

#[derive(Serialize)]
struct InterpreterLine {
    language: String,
    registrations: u64,
    people: i64,
}

/// How many registrations and people need interpreting into which language: seated ones
/// (pending or confirmed), and apart from them those on the waiting list.
fn interpreter_summary(regs: &[Registration], status: RegStatus) -> Vec<InterpreterLine> {
    let mut lines: std::collections::BTreeMap<String, (u64, i64)> =
        std::collections::BTreeMap::new();
    for reg in regs {
        let counts = match status {
            RegStatus::Waitlisted => reg.status == RegStatus::Waitlisted,
            _ => reg.status.holds_seats(),
        };
        if let (true, Some(lang)) = (counts, reg.interpreter.as_deref()) {
            let line = lines.entry(lang.to_owned()).or_default();
            line.0 += 1;
            line.1 += i64::from(reg.party_size);
        }
    }
    lines
        .into_iter()
        .map(|(language, (registrations, people))| InterpreterLine {
            language: super::registrations::language_name(&language),
            registrations,
            people,
        })
        .collect()
}

#[derive(Deserialize)]
pub struct EventQuery {
    q: Option<String>,
    done: Option<String>,
    registered: Option<i32>,
    /// After creating a series: how many dates were added.
    dates: Option<String>,
    /// After a change to this and later dates: how many later dates changed.
    later: Option<String>,
}

/// A date of the event's series on its staff page.
#[derive(Serialize)]
struct SeriesDate {
    id: i32,
    when: String,
    status: &'static str,
    current: bool,
}

/// `GET /staff/events/{id}`: the event, its actions, the interpreter summary, and its
/// registrations with a search.
pub async fn show_event(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    Query(query): Query<EventQuery>,
) -> Result<Response, StaffError> {
    let all = registrations::all_for_event(&cx.state.db, event.id).await?;
    let q = query.q.unwrap_or_default();
    let tz = cx.state.config.office.timezone;
    let positions = registrations::waitlist_positions_in(&all);
    let partners = crate::partners::names(&cx.state.db).await?;
    let rows: Vec<RegistrationRow> = all
        .iter()
        .filter(|r| r.matches(&q))
        .map(|r| RegistrationRow {
            id: r.id,
            status: r.status.as_str(),
            name: r.name.clone(),
            email: r.email.clone().unwrap_or_default(),
            phone: r.phone.clone().unwrap_or_default(),
            party_size: r.party_size,
            language: r.language.code(),
            interpreter: r
                .interpreter
                .as_deref()
                .map(super::registrations::language_name)
                .unwrap_or_default(),
            needs: r.needs.clone(),
            via_waitlist: r.via_waitlist,
            source: r.source.as_str(),
            partner: r.partner_id.map(|id| {
                partners
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("#{id}"))
            }),
            created_at: i18n::format_date_time(r.created_at, tz, cx.lang),
            checked_in: r.checked_in_at.is_some(),
            waitlist_position: positions.get(&r.id).copied(),
            unreachable: r.unreachable(),
        })
        .collect();
    let waiting: Vec<&Registration> = all
        .iter()
        .filter(|r| r.status == RegStatus::Waitlisted)
        .collect();
    let flash = match query.done.as_deref() {
        Some("created") => Some(cx.text("staff-flash-created")),
        Some("saved") => match query.later.as_deref().and_then(|n| n.parse::<i64>().ok()) {
            Some(n) => Some(count_text(cx.lang, "staff-flash-saved-later", "count", n)),
            None => Some(cx.text("staff-flash-saved")),
        },
        Some("published") => Some(cx.text("staff-flash-published")),
        Some("cancelled") => Some(cx.text("staff-flash-cancelled")),
        Some("series") => Some(count_text(
            cx.lang,
            "staff-flash-series",
            "count",
            query
                .dates
                .as_deref()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
        )),
        _ => None,
    };
    let series_dates: Vec<SeriesDate> = match event.series_id {
        Some(series_id) => events::series::all_dates(&cx.state.db, series_id)
            .await?
            .iter()
            .map(|d| SeriesDate {
                id: d.id,
                when: i18n::format_date_time(d.spec.starts_at, tz, cx.lang),
                status: d.status.as_str(),
                current: d.id == event.id,
            })
            .collect(),
        None => Vec::new(),
    };
    let registered = match query.registered {
        Some(reg_id) => all.iter().find(|r| r.id == reg_id).map(|r| {
            let saved = i18n::text(
                cx.lang,
                "staff-flash-registered",
                &[(
                    "status",
                    FluentValue::from(cx.text(&format!("staff-status-{}", r.status))),
                )],
            );
            if r.unreachable() {
                format!("{saved} {}", cx.text("staff-flash-registered-unreachable"))
            } else {
                saved
            }
        }),
        None => None,
    };
    let shown = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let schedule = crate::slots::schedule(&cx.state.db, event.id).await?;
    let counselling = crate::slots::offered(&event, &schedule);
    let others = u64::try_from(series_dates.len().saturating_sub(1)).unwrap_or(u64::MAX);
    cx.page(
        "staff/event.html",
        &format!("/staff/events/{}", event.id),
        context! {
            event => ser(EventFacts::new(&event, &cx)),
            registrations => ser(rows),
            shown_text => count_text(cx.lang, "staff-registrations-shown", "count", shown),
            total => all.len(),
            q,
            flash => flash.or(registered),
            waiting => waiting.len(),
            waiting_seats => waiting.iter().map(|r| i64::from(r.party_size)).sum::<i64>(),
            sms_chosen => all
                .iter()
                .filter(|r| r.sms_opt_in && r.status != RegStatus::Cancelled)
                .count(),
            interpreters => ser(interpreter_summary(&all, RegStatus::Confirmed)),
            interpreters_waiting => ser(interpreter_summary(&all, RegStatus::Waitlisted)),
            can_register => registrations::ensure_open_for_staff(&event, Utc::now()).is_ok(),
            can_start_series => events::series::may_start(&event, others).is_ok(),
            counselling,
            series_dates => ser(series_dates),
            poster_partners => crate::partners::partners(&cx.state.db)
                .await?
                .into_iter()
                .map(|p| context! { id => p.id, name => p.name })
                .collect::<Vec<_>>(),
            poster_languages => super::posters::languages_of(&event)
                .iter()
                .map(|l| context! { code => l.code(), name => l.native_name(), dir => l.dir() })
                .collect::<Vec<_>>(),
            certificate_mail => crate::proof::certificate_mail::is_on(&cx.state.db, event.id)
                .await?,
        },
    )
}

/// Which status change a confirmation page is for.
#[derive(Clone, Copy)]
enum Change {
    Publish,
    Cancel,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Cancel => "cancel",
        }
    }
}

async fn confirm_page(
    cx: &StaffCtx,
    event: &Event,
    change: Change,
) -> Result<Response, StaffError> {
    let seated = registrations::all_for_event(&cx.state.db, event.id)
        .await?
        .iter()
        .filter(|r| r.status != RegStatus::Cancelled)
        .count();
    cx.page(
        "staff/confirm.html",
        &format!("/staff/events/{}/{}", event.id, change.name()),
        context! {
            event => ser(EventFacts::new(event, cx)),
            change => change.name(),
            affected => seated,
            affected_text => count_text(cx.lang, "staff-cancel-affected", "count", i64::try_from(seated).unwrap_or(i64::MAX)),
            allowed => event.status != Status::Cancelled
                && !(matches!(change, Change::Publish) && event.status == Status::Published),
        },
    )
}

/// `GET /staff/events/{id}/publish`: asks before publishing.
pub async fn confirm_publish(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    confirm_page(&cx, &event, Change::Publish).await
}

/// `GET /staff/events/{id}/cancel`: asks before cancelling.
pub async fn confirm_cancel(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    confirm_page(&cx, &event, Change::Cancel).await
}

/// `POST /staff/events/{id}/publish`.
pub async fn publish_event(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    events::publish(&cx.state.db, event.id, cx.actor(), Utc::now()).await?;
    Ok(Redirect::to(&format!("/staff/events/{}?done=published", event.id)).into_response())
}

/// `POST /staff/events/{id}/cancel`.
pub async fn cancel_event(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    crate::changes::cancel_event(&cx.state.db, event.id, cx.actor(), Utc::now()).await?;
    Ok(Redirect::to(&format!("/staff/events/{}?done=cancelled", event.id)).into_response())
}
