//! The public pages: event list, event page with the registration form, the result page, and
//! the manage page of a registration with its buttons.

use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::cache::Cached;
use super::form::{self, Again, FormFields, Outcome};
use super::pages::{PageBase, PageError, PageLang, render, ser};
use crate::error::{Error, FieldErrors};
use crate::events::{self, Audience, Event, Kind, Page, Status};
use crate::i18n::{self, Lang};
use crate::registrations::{
    self, Hold, RegStatus, Registrant, Registration, RegistrationInput, bookings,
};
use crate::slots::{self, Schedule, Slot};
use crate::staff::audit::Actor;
use crate::web::api::events::FilterParams;

pub mod alerts;
pub mod embed;
mod proof;

type PageResult = Result<Response, PageError>;

/// Languages people may need an interpreter for, by their own names.
const INTERPRETER_LANGUAGES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("prs", "دری"),
    ("ps", "پښتو"),
    ("ku", "Kurdî"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("sq", "Shqip"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("pl", "Polski"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("gsg", "Deutsche Gebärdensprache"),
];

/// A language's own name where we know it, else its code.
pub(crate) fn language_name(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag);
    Lang::parse(primary)
        .map(Lang::native_name)
        .or_else(|| {
            INTERPRETER_LANGUAGES
                .iter()
                .find(|(code, _)| *code == primary)
                .map(|(_, name)| *name)
        })
        .map_or_else(|| tag.to_owned(), ToOwned::to_owned)
}

#[derive(Serialize)]
pub(crate) struct NamedLanguage {
    code: &'static str,
    name: &'static str,
}

pub(crate) fn seven_languages() -> Vec<NamedLanguage> {
    Lang::ALL
        .into_iter()
        .map(|l| NamedLanguage {
            code: l.code(),
            name: l.native_name(),
        })
        .collect()
}

pub(crate) fn interpreter_languages() -> Vec<NamedLanguage> {
    INTERPRETER_LANGUAGES
        .iter()
        .map(|(code, name)| NamedLanguage { code, name })
        .collect()
}

/// An event as pages show it, with texts in the page's language.
#[derive(Serialize)]
struct EventCard {
    id: i32,
    slug: String,
    title: String,
    kind: &'static str,
    when: String,
    place: String,
    seats: String,
    cancelled: bool,
    description: String,
    venue: Option<VenueCard>,
    online_url: Option<String>,
    languages: String,
    audiences: Vec<&'static str>,
    max_party_size: i32,
    /// A phone number may stand in for the address.
    phone_registration: bool,
    /// The language each text is written in: the page's, or German where there is no text in
    /// the page's language.
    title_lang: &'static str,
    description_lang: &'static str,
    directions: String,
    directions_lang: &'static str,
}

#[derive(Serialize)]
struct VenueCard {
    name: String,
    street: Option<String>,
    postal_code: Option<String>,
    city: String,
}

impl EventCard {
    fn new(event: &Event, lang: Lang, state: &AppState) -> Self {
        let tz = state.config.office.timezone;
        let spec = &event.spec;
        let same_day = spec.starts_at.with_timezone(&tz).date_naive()
            == spec.ends_at.with_timezone(&tz).date_naive();
        let when = if same_day {
            i18n::text(
                lang,
                "event-time-range",
                &[
                    (
                        "date",
                        FluentValue::from(i18n::format_date(spec.starts_at, tz, lang)),
                    ),
                    (
                        "start",
                        FluentValue::from(i18n::format_time(spec.starts_at, tz, lang)),
                    ),
                    (
                        "end",
                        FluentValue::from(i18n::format_time(spec.ends_at, tz, lang)),
                    ),
                ],
            )
        } else {
            format!(
                "{} – {}",
                i18n::format_date_time(spec.starts_at, tz, lang),
                i18n::format_date_time(spec.ends_at, tz, lang)
            )
        };
        let place = match (&spec.venue, &spec.online_url) {
            (Some(v), _) => format!("{}, {}", v.name, v.city),
            (None, _) => i18n::text(lang, "event-online", &[]),
        };
        let seats = match event.seats_left() {
            None => i18n::text(lang, "event-seats-unlimited", &[]),
            Some(0) if spec.waitlist => i18n::text(lang, "event-waitlist-open", &[]),
            Some(0) => i18n::text(lang, "event-full", &[]),
            Some(n) => i18n::text(lang, "event-seats-left", &[("seats", FluentValue::from(n))]),
        };
        let text = event.text(lang);
        Self {
            id: event.id,
            slug: event.slug.clone(),
            title: text.title.text,
            title_lang: text.title.lang.code(),
            description_lang: text.description.lang.code(),
            directions: text.directions.text,
            directions_lang: text.directions.lang.code(),
            kind: spec.kind.as_str(),
            when,
            place,
            seats,
            cancelled: event.status == Status::Cancelled,
            description: text.description.text,
            venue: spec.venue.as_ref().map(|v| VenueCard {
                name: v.name.clone(),
                street: v.street.clone(),
                postal_code: v.postal_code.clone(),
                city: v.city.clone(),
            }),
            online_url: spec.online_url.clone(),
            languages: language_list(&spec.languages, lang),
            audiences: spec.audiences.iter().map(|a| a.as_str()).collect(),
            max_party_size: spec.max_party_size,
            phone_registration: spec.phone_registration,
        }
    }
}

fn base(state: &AppState, lang: Lang, path: &str) -> PageBase {
    PageBase::new(lang, &state.config.office.name, path)
}

/// `GET /` and `GET /events`: upcoming events with the DESIGN filters.
pub async fn list_events(
    State(state): State<AppState>,
    page_lang: PageLang,
    params: Result<Query<FilterParams>, axum::extract::rejection::QueryRejection>,
    RawQuery(query): RawQuery,
) -> PageResult {
    let params = params.map(|Query(p)| p).unwrap_or_default();
    let lang = page_lang.lang;
    // A partner's link to the list carries its code, which the list's links to the events pass
    // on; as on the event page, codes that name no partner are dropped.
    let via = match query.as_deref().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "via")
            .map(|(_, v)| v.into_owned())
    }) {
        Some(code) => crate::partners::partner_by_code(&state.db, &code)
            .await?
            .map(|p| p.code),
        None => None,
    };
    let key = format!(
        "list {} {:?} {:?} {:?} {:?} {:?} {:?}",
        lang.code(),
        params.kind,
        params.audience,
        params.language,
        params.city,
        params.point,
        via
    );
    let (hit, _making) = state.pages.lookup(&key).await;
    if let Some(Cached::Body(html)) = hit {
        return Ok(page_lang.remember(Html(html).into_response()));
    }
    let read_at = state.pages.generation();
    let chosen = (
        params.kind.clone(),
        params.audience.clone(),
        params.language.clone(),
        params.city.clone(),
        params.point.clone(),
    );
    let mut errors = FieldErrors::new();
    // An unknown filter value shows everything rather than an error page: these come from
    // links and bookmarks, not from typing.
    let filter = params.parse(&mut errors);
    let (events, _) = events::list(&state.db, &filter, Page::LARGEST, Utc::now()).await?;
    let points: Vec<_> = crate::staff::points::list(&state.db, &state.config.office)
        .await?
        .into_iter()
        .map(|p| context! { id => p.id.to_string(), name => p.name })
        .collect();
    let cards: Vec<EventCard> = events
        .iter()
        .map(|e| EventCard::new(e, lang, &state))
        .collect();
    let kept = [
        ("kind", chosen.0.clone().unwrap_or_default()),
        ("audience", chosen.1.clone().unwrap_or_default()),
        ("language", chosen.2.clone().unwrap_or_default()),
        ("city", chosen.3.clone().unwrap_or_default()),
        ("point", chosen.4.clone().unwrap_or_default()),
        ("via", via.clone().unwrap_or_default()),
    ];
    let html = render(
        "events.html",
        &base(&state, lang, "/events").keeping(kept),
        context! {
            events => ser(&cards),
            kinds => Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            audiences => Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            filter_languages => ser(seven_languages()),
            subscribe => ser(crate::calendar::subscribe_links(&state.config.server.public_url, &filter, lang)),
            filter => context! {
                kind => chosen.0.unwrap_or_default(),
                audience => chosen.1.unwrap_or_default(),
                language => chosen.2.unwrap_or_default(),
                city => chosen.3.unwrap_or_default(),
                point => chosen.4.unwrap_or_default(),
            },
            points,
            via,
        },
    )?;
    let html = Bytes::from(html.0);
    state.pages.insert(key, read_at, Cached::Body(html.clone()));
    Ok(page_lang.remember(Html(html).into_response()))
}

/// `GET /events/{slug}` (the page) and `GET /events/{slug}.ics` (the calendar file).
pub async fn show_event(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> PageResult {
    if let Some(slug) = slug.strip_suffix(".ics") {
        // Only `?lang=` counts for a calendar file: clients that poll it send no cookie.
        let lang = page_lang.chosen.then(|| page_lang.lang.code());
        return Ok(super::calendar::event_ics(state, slug, lang, &headers).await);
    }
    let lang = page_lang.lang;
    // A partner's link carries its code, which the form passes on; codes that name no partner
    // are dropped, so that made-up ones neither reach the form nor fill the cache.
    let via = match query.as_deref().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "via")
            .map(|(_, v)| v.into_owned())
    }) {
        Some(code) => crate::partners::partner_by_code(&state.db, &code)
            .await?
            .map(|p| p.code),
        None => None,
    };
    // The page with its empty form is the same for every visitor in a language (and partner).
    let key = format!(
        "page {slug} {} {}",
        lang.code(),
        via.as_deref().unwrap_or("")
    );
    let (hit, _making) = state.pages.lookup(&key).await;
    if let Some(Cached::Body(html)) = hit {
        return Ok(page_lang.remember(Html(html).into_response()));
    }
    let read_at = state.pages.generation();
    let event = public_event(&state, &slug).await?;
    let mut form = FormState::fresh(lang);
    form.values.via = via;
    let Html(html) = event_html(&state, lang, &event, &form, None).await?;
    let html = Bytes::from(html);
    state.pages.insert(key, read_at, Cached::Body(html.clone()));
    Ok(page_lang.remember(Html(html).into_response()))
}

async fn public_event(state: &AppState, slug: &str) -> Result<Event, PageError> {
    let event = events::get_by_slug(&state.db, slug).await?;
    if event.status == Status::Draft {
        return Err(PageError(Error::NotFound));
    }
    Ok(event)
}

/// What the form shows: entered values and messages by field.
#[derive(Serialize, Default)]
struct FormState {
    values: RegistrationInput,
    errors: Vec<FieldMessage>,
}

#[derive(Serialize)]
struct FieldMessage {
    field: String,
    message: String,
}

impl FormState {
    fn fresh(lang: Lang) -> Self {
        Self {
            values: RegistrationInput::fresh(lang),
            errors: Vec::new(),
        }
    }
}

async fn event_page(
    state: &AppState,
    lang: Lang,
    event: &Event,
    form: &FormState,
    status: StatusCode,
    notice: Option<String>,
) -> PageResult {
    let html = event_html(state, lang, event, form, notice).await?;
    Ok((status, html).into_response())
}

async fn event_html(
    state: &AppState,
    lang: Lang,
    event: &Event,
    form: &FormState,
    notice: Option<String>,
) -> Result<Html<String>, PageError> {
    let now = Utc::now();
    let tz = state.config.office.timezone;
    let open_check = registrations::ensure_open(event, now);
    let notice = notice.or_else(|| match &open_check {
        Err(Error::Conflict { code, .. }) => {
            let mut text = i18n::text(lang, &format!("conflict-{code}"), &[]);
            if *code == "registration_not_open"
                && let Some(opens) = event.spec.registration_opens_at
            {
                text = format!(
                    "{text} {}",
                    i18n::text(
                        lang,
                        "registration-opens",
                        &[(
                            "date",
                            FluentValue::from(i18n::format_date_time(opens, tz, lang))
                        )]
                    )
                );
            }
            Some(text)
        }
        _ => None,
    });
    let full = event.seats_left() == Some(0);
    let open = open_check.is_ok() && (event.spec.waitlist || !full);
    let schedule = slots::schedule(&state.db, event.id).await?;
    let further = events::series::other_dates(&state.db, event, now).await?;
    let point = crate::staff::points::get(&state.db, event.point_id, &state.config.office).await?;
    let notice = notice.or_else(|| {
        (full && !event.spec.waitlist && open_check.is_ok())
            .then(|| i18n::text(lang, "conflict-event_full", &[]))
    });
    render(
        "event.html",
        &base(state, lang, &format!("/events/{}", event.slug)),
        context! {
            event => ser(EventCard::new(event, lang, state)),
            open,
            waitlist_only => full && event.spec.waitlist,
            notice,
            values => ser(&form.values),
            errors => ser(&form.errors),
            interpreter_languages => ser(interpreter_languages()),
            retention_days => state.config.privacy.retention_days,
            advisers => ser(adviser_cards(&schedule, now, lang, tz)),
            has_slots => !schedule.slots.is_empty(),
            further_dates => ser(further.iter().map(|e| EventCard::new(e, lang, state)).collect::<Vec<_>>()),
            point => context! {
                name => point.name,
                address => point.address,
                phone => point.phone,
                email => point.email,
            },
        },
    )
    .map_err(PageError)
}

/// A slot as pages show it: time, adviser, languages, place; never who booked it.
#[derive(Serialize)]
struct SlotCard {
    id: i32,
    time: String,
    adviser: String,
    languages: String,
    location: String,
}

impl SlotCard {
    fn new(slot: &Slot, schedule: &Schedule, lang: Lang, tz: chrono_tz::Tz) -> Self {
        let adviser = schedule.adviser(slot.adviser_id);
        Self {
            id: slot.id,
            time: format!(
                "{}–{}",
                i18n::format_time(slot.starts_at, tz, lang),
                i18n::format_time(slot.ends_at, tz, lang)
            ),
            adviser: adviser.map(|a| a.name.clone()).unwrap_or_default(),
            languages: adviser
                .map(|a| adviser_languages(a, lang))
                .unwrap_or_default(),
            location: adviser.map(|a| a.location.clone()).unwrap_or_default(),
        }
    }
}

fn adviser_languages(adviser: &slots::Adviser, lang: Lang) -> String {
    language_list(&adviser.languages, lang)
}

/// Languages by their own names, each isolated from the text around it (a right-to-left name
/// in a left-to-right list keeps its place, and the other way round), joined with the page
/// language's separator: "Deutsch, العربية, فارسی" in that order on every page.
fn language_list(tags: &[crate::languages::LanguageTag], lang: Lang) -> String {
    let names: Vec<String> = tags
        .iter()
        .map(|tag| i18n::isolate(&language_name(tag.as_str())))
        .collect();
    i18n::join_list(&names, lang)
}

/// An adviser with the free slots that have not begun.
#[derive(Serialize)]
struct AdviserCard {
    name: String,
    languages: String,
    location: String,
    free: Vec<SlotCard>,
}

/// Every adviser of the schedule with their free slots.
fn adviser_cards(
    schedule: &Schedule,
    now: chrono::DateTime<Utc>,
    lang: Lang,
    tz: chrono_tz::Tz,
) -> Vec<AdviserCard> {
    schedule
        .advisers
        .iter()
        .map(|a| AdviserCard {
            name: a.name.clone(),
            languages: adviser_languages(a, lang),
            location: a.location.clone(),
            free: schedule
                .free(now)
                .filter(|s| s.adviser_id == a.id)
                .map(|s| SlotCard::new(s, schedule, lang, tz))
                .collect(),
        })
        .collect()
}

/// `POST /events/{slug}/register`: 303 to the result page, or the form again with messages.
pub async fn register(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(slug): Path<String>,
    fields: Result<FormFields, Error>,
) -> PageResult {
    let lang = page_lang.lang;
    let event = public_event(&state, &slug).await?;
    let fields = fields?;
    if fields.get("website").is_some_and(|v| !v.trim().is_empty()) {
        // The hidden field only programs fill in: answer as if it worked, store nothing.
        tracing::info!(
            event.id = event.id,
            "registration form honeypot filled; ignored"
        );
        return Ok(
            Redirect::to(&format!("/events/{slug}/registered?result=pending")).into_response(),
        );
    }
    let input = form::registration(&fields).with_phone_region(state.config.office.phone_region);
    let result = state
        .registrations
        .register(
            &state.db,
            &event,
            input.clone(),
            lang,
            Registrant::Themselves,
            Hold::of(&state.config),
            Utc::now(),
        )
        .await;
    match form::outcome(result)? {
        Outcome::Done(done) => {
            let result = if done.already {
                "already"
            } else {
                done.registration.status.as_str()
            };
            if let Some(attempt) = &done.code_attempt {
                return Ok(Redirect::to(&format!(
                    "/events/{slug}/registered?result=code&attempt={attempt}"
                ))
                .into_response());
            }
            let position = done
                .waitlist_position
                .map(|p| format!("&position={p}"))
                .unwrap_or_default();
            Ok(Redirect::to(&format!(
                "/events/{slug}/registered?result={result}{position}"
            ))
            .into_response())
        }
        Outcome::Again(again) => {
            let form = FormState {
                values: input,
                errors: again
                    .errors()
                    .map(|errors| translate_errors(errors, lang))
                    .unwrap_or_default(),
            };
            let notice = again.notice(lang, "conflict-");
            event_page(&state, lang, &event, &form, again.status(), notice).await
        }
    }
}

/// Field messages in the page's language, in the order of the form.
fn translate_errors(errors: &FieldErrors, lang: Lang) -> Vec<FieldMessage> {
    const ORDER: &[&str] = &[
        "name",
        "email",
        "phone",
        "sms_reminders",
        "party_size",
        "language",
        "interpreter",
        "needs",
        "consent",
    ];
    let mut out: Vec<FieldMessage> = errors
        .iter()
        .map(|(field, e)| {
            let args: Vec<(&str, FluentValue<'_>)> = e
                .args
                .iter()
                .map(|(k, v)| (*k, FluentValue::from(v.as_str())))
                .collect();
            FieldMessage {
                field: field.to_owned(),
                message: i18n::text(lang, &format!("error-{}", e.key), &args),
            }
        })
        .collect();
    out.sort_by_key(|m| {
        ORDER
            .iter()
            .position(|f| *f == m.field)
            .unwrap_or(ORDER.len())
    });
    out
}

#[derive(Deserialize)]
pub struct ResultQuery {
    result: Option<String>,
    position: Option<u64>,
    /// For `result=code`: the attempt whose code is typed here.
    attempt: Option<String>,
}

/// `GET /events/{slug}/registered`: what happens next. Carries no token: the manage link goes
/// only to the mailbox, which is what double opt-in proves.
pub async fn registered(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(slug): Path<String>,
    Query(query): Query<ResultQuery>,
) -> PageResult {
    let lang = page_lang.lang;
    let event = public_event(&state, &slug).await?;
    let message = match query.result.as_deref() {
        Some("pending") => i18n::text(
            lang,
            "registered-pending",
            &[(
                "hours",
                FluentValue::from(i64::from(state.config.registration.confirm_hours)),
            )],
        ),
        Some("confirmed") => i18n::text(lang, "registered-confirmed", &[]),
        Some("waitlisted") => i18n::text(
            lang,
            "registered-waitlisted",
            &[(
                "position",
                FluentValue::from(i64::try_from(query.position.unwrap_or(1)).unwrap_or(1)),
            )],
        ),
        Some("already") => i18n::text(lang, "registered-already", &[]),
        Some("code") if query.attempt.is_some() => {
            let page = CodePage {
                attempt: query.attempt.unwrap_or_default(),
                message: i18n::text(
                    lang,
                    "registered-code",
                    &[(
                        "hours",
                        FluentValue::from(i64::from(state.config.registration.confirm_hours)),
                    )],
                ),
                error: None,
            };
            return code_page(&state, lang, &event, &page, StatusCode::OK)
                .map(|r| page_lang.remember(r));
        }
        _ => return Err(PageError(Error::NotFound)),
    };
    let kept = [
        ("result", query.result.clone().unwrap_or_default()),
        (
            "position",
            query.position.map(|p| p.to_string()).unwrap_or_default(),
        ),
    ];
    let title = event.text(lang).title;
    let html = render(
        "registered.html",
        &base(&state, lang, &format!("/events/{slug}/registered")).keeping(kept),
        context! {
            message, slug => event.slug, title => title.text, title_lang => title.lang.code(),
            attempt => None::<String>,
        },
    )?;
    Ok(page_lang.remember(html.into_response()))
}

/// The result page of a registration with a phone number only: the field for its code.
struct CodePage {
    attempt: String,
    message: String,
    error: Option<String>,
}

fn code_page(
    state: &AppState,
    lang: Lang,
    event: &Event,
    page: &CodePage,
    status: StatusCode,
) -> PageResult {
    let kept = [
        ("result", "code".to_owned()),
        ("attempt", page.attempt.clone()),
    ];
    let title = event.text(lang).title;
    let html = render(
        "registered.html",
        &base(state, lang, &format!("/events/{}/registered", event.slug)).keeping(kept),
        context! {
            message => &page.message,
            slug => &event.slug,
            title => title.text,
            title_lang => title.lang.code(),
            attempt => &page.attempt,
            code_error => &page.error,
        },
    )?;
    let mut response = (status, html).into_response();
    // The address carries the attempt: never send it on to another site.
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// `POST /events/{slug}/code`: the code sent by SMS to a registration with a phone number
/// only. Right: 303 to its manage page; wrong: the page again (422) with the tries left;
/// the fifth wrong one ends the registration.
pub async fn confirm_code(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(slug): Path<String>,
    fields: Result<FormFields, Error>,
) -> PageResult {
    let lang = page_lang.lang;
    let event = public_event(&state, &slug).await?;
    let fields = fields?;
    let attempt = fields.text("attempt").unwrap_or_default();
    let code = fields.text("code").unwrap_or_default();
    let outcome = registrations::confirm_code(
        &state.db,
        &attempt,
        &code,
        Hold::of(&state.config),
        Utc::now(),
    )
    .await?;
    state.pages.forget_all();
    match outcome {
        registrations::CodeOutcome::Confirmed { token } => {
            Ok(Redirect::to(&format!("/r/{token}?done=confirmed")).into_response())
        }
        registrations::CodeOutcome::Wrong { left } => {
            let page = CodePage {
                attempt,
                message: i18n::text(
                    lang,
                    "registered-code",
                    &[(
                        "hours",
                        FluentValue::from(i64::from(state.config.registration.confirm_hours)),
                    )],
                ),
                error: Some(i18n::text(
                    lang,
                    "error-code-wrong",
                    &[("left", FluentValue::from(i64::from(left)))],
                )),
            };
            code_page(
                &state,
                lang,
                &event,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        registrations::CodeOutcome::Ended => {
            let title = event.text(lang).title;
            let html = render(
                "registered.html",
                &base(&state, lang, &format!("/events/{slug}/registered")),
                context! {
                    message => i18n::text(lang, "registered-code-ended", &[]),
                    slug => event.slug,
                    title => title.text,
                    title_lang => title.lang.code(),
                    attempt => None::<String>,
                },
            )?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct ManageQuery {
    done: Option<String>,
}

/// `GET /r/{token}`: the participant's own registration. Changes nothing.
pub async fn manage(
    State(state): State<AppState>,
    lang: Option<PageLang>,
    Path(token): Path<String>,
    Query(query): Query<ManageQuery>,
) -> PageResult {
    let page_lang = lang.unwrap_or(PageLang {
        lang: Lang::De,
        chosen: false,
    });
    let (reg, lang) = match manage_registration(&state, page_lang, &token).await {
        // After the purge the link shows the attendance kept as proof, if any.
        Err(e) if matches!(e.0, Error::NotFound) => {
            return proof::manage(&state, page_lang, &token).await;
        }
        found => found?,
    };
    let flash = match query.done.as_deref() {
        Some("confirmed") => Some(i18n::text(lang, "manage-confirmed-now", &[])),
        Some("cancelled") => Some(i18n::text(lang, "manage-cancelled-now", &[])),
        Some("slot_booked") => Some(i18n::text(lang, "slots-booked-now", &[])),
        Some("slot_cancelled") => Some(i18n::text(lang, "slots-given-back-now", &[])),
        Some("slot_moved") => Some(i18n::text(lang, "slots-moved-now", &[])),
        _ => None,
    };
    let response = manage_page(&state, lang, &token, &reg, flash, None, StatusCode::OK).await?;
    Ok(page_lang.remember(response))
}

/// The registration of a manage link, and the page's language: the registration's own unless
/// the visitor chose another.
async fn manage_registration(
    state: &AppState,
    page_lang: PageLang,
    token: &str,
) -> Result<(Registration, Lang), PageError> {
    let reg = registrations::find_by_token(&state.db, token).await;
    let lang = match &reg {
        Ok(r) if !page_lang.chosen => r.language,
        _ => page_lang.lang,
    };
    let reg = reg?;
    Ok((reg, lang))
}

async fn manage_page(
    state: &AppState,
    lang: Lang,
    token: &str,
    reg: &Registration,
    flash: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let event = events::get(&state.db, reg.event_id).await?;
    let position = registrations::waitlist_position(&state.db, reg).await?;
    let schedule = slots::schedule(&state.db, event.id).await?;
    let now = Utc::now();
    let tz = state.config.office.timezone;
    let mine: Vec<SlotCard> = schedule
        .held_by(reg.id)
        .map(|s| SlotCard::new(s, &schedule, lang, tz))
        .collect();
    let may_hold = reg.status.holds_seats() && event.status != Status::Cancelled;
    let max_slots = event.spec.max_slots_per_registration;
    let letters: Vec<minijinja::Value> = crate::messages::of_registration(&state.db, reg.id)
        .await?
        .iter()
        .filter_map(|m| {
            let text = m.text_for(reg.language)?;
            Some(context! {
                when => i18n::format_date_time(m.created_at, tz, lang),
                subject => text.subject.clone(),
                body => text.body.clone(),
                lang => if m.texts.contains_key(&reg.language) { reg.language.code() } else { "de" },
            })
        })
        .collect();
    let html = render(
        "manage.html",
        &base(state, lang, &format!("/r/{token}")),
        context! {
            token,
            flash,
            notice,
            position,
            event => ser(EventCard::new(&event, lang, state)),
            registration => ser(ManageView::new(reg)),
            pending_until => reg.expires_at.map(|t| i18n::format_deadline(t, tz, lang)).unwrap_or_default(),
            can_register => registrations::ensure_open(&event, now).is_ok(),
            has_slots => !schedule.slots.is_empty(),
            may_hold_slots => may_hold,
            can_book => may_hold && i32::try_from(mine.len()).unwrap_or(i32::MAX) < max_slots,
            max_slots,
            my_slots => ser(&mine),
            free_count => schedule.free(now).count(),
            advisers => ser(adviser_cards(&schedule, now, lang, tz)),
            letters,
        },
    )?;
    let mut response = (status, html).into_response();
    // The URL is a secret: never send it on to another site.
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// What a refused slot change shows: the manage page again with the reason, 409 for a slot
/// someone else holds, 422 for the limit or an overlap.
async fn slot_refused(
    state: &AppState,
    lang: Lang,
    token: &str,
    reg: &Registration,
    error: Error,
) -> PageResult {
    let (status, notice) = match Again::of(error) {
        Ok(again) => {
            let notice = again.notice(lang, "conflict-").unwrap_or_else(|| {
                let errors = again.errors().map(|e| translate_errors(e, lang));
                errors
                    .unwrap_or_default()
                    .into_iter()
                    .map(|m| m.message)
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            (again.status(), notice)
        }
        Err(Error::NotFound) => (StatusCode::NOT_FOUND, i18n::text(lang, "slots-gone", &[])),
        Err(other) => return Err(PageError(other)),
    };
    manage_page(state, lang, token, reg, None, Some(notice), status).await
}

/// The `slot_id` field of a slot form.
fn slot_field(fields: &Result<FormFields, Error>) -> Result<i32, Error> {
    let fields = fields
        .as_ref()
        .map_err(|_| Error::BadRequest("the form could not be read".into()))?;
    fields
        .get("slot_id")
        .and_then(|v| v.trim().parse::<i32>().ok())
        .ok_or_else(|| FieldErrors::single("slot_id", "slot-required", "choose a slot").into())
}

/// `POST /r/{token}/slots`: book the slot `slot_id`.
pub async fn book_slot(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
    fields: Result<FormFields, Error>,
) -> PageResult {
    let (reg, lang) = manage_registration(&state, page_lang, &token).await?;
    let result = match slot_field(&fields) {
        Ok(slot_id) => {
            bookings::book(&state.db, reg.id, slot_id, Actor::Participant, Utc::now()).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/r/{token}?done=slot_booked")).into_response()),
        Err(e) => slot_refused(&state, lang, &token, &reg, e).await,
    }
}

/// `POST /r/{token}/slots/{slot_id}/cancel`: give a slot back.
pub async fn cancel_slot(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path((token, slot_id)): Path<(String, String)>,
) -> PageResult {
    let (reg, lang) = manage_registration(&state, page_lang, &token).await?;
    let result = match slot_id.parse::<i32>() {
        Ok(slot_id) => {
            bookings::give_back(&state.db, reg.id, slot_id, Actor::Participant, Utc::now()).await
        }
        Err(_) => Err(Error::NotFound),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/r/{token}?done=slot_cancelled")).into_response()),
        Err(e) => slot_refused(&state, lang, &token, &reg, e).await,
    }
}

/// `POST /r/{token}/slots/{slot_id}/move`: move to the slot `slot_id` of the form; the old
/// slot is kept when the new one is taken.
pub async fn move_slot(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path((token, from)): Path<(String, String)>,
    fields: Result<FormFields, Error>,
) -> PageResult {
    let (reg, lang) = manage_registration(&state, page_lang, &token).await?;
    let result = match (from.parse::<i32>(), slot_field(&fields)) {
        (Ok(from), Ok(to)) => {
            bookings::move_to(&state.db, reg.id, from, to, Actor::Participant, Utc::now()).await
        }
        (Err(_), _) => Err(Error::NotFound),
        (_, Err(e)) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/r/{token}?done=slot_moved")).into_response()),
        Err(e) => slot_refused(&state, lang, &token, &reg, e).await,
    }
}

#[derive(Serialize)]
struct ManageView {
    status: &'static str,
    name: String,
    party_size: i32,
    via_waitlist: bool,
}

impl ManageView {
    fn new(reg: &Registration) -> Self {
        Self {
            status: reg.status.as_str(),
            name: reg.name.clone(),
            party_size: reg.party_size,
            via_waitlist: reg.via_waitlist,
        }
    }
}

/// `POST /r/{token}/confirm`.
pub async fn confirm(State(state): State<AppState>, Path(token): Path<String>) -> PageResult {
    match registrations::confirm(&state.db, &token, Utc::now()).await {
        Ok(reg) if reg.status == RegStatus::Confirmed => {
            Ok(Redirect::to(&format!("/r/{token}?done=confirmed")).into_response())
        }
        // Nothing to confirm (waiting list) or too late: the page says where things stand.
        Ok(_) | Err(Error::Conflict { .. }) => {
            Ok(Redirect::to(&format!("/r/{token}")).into_response())
        }
        Err(e) => Err(PageError(e)),
    }
}

/// `POST /r/{token}/cancel`.
pub async fn cancel(State(state): State<AppState>, Path(token): Path<String>) -> PageResult {
    let hold = Hold::of(&state.config);
    registrations::cancel_by_token(&state.db, &token, hold, Utc::now()).await?;
    Ok(Redirect::to(&format!("/r/{token}?done=cancelled")).into_response())
}

/// `GET /static/style.css`.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
        .into_response()
}

/// `GET /static/forms.js`: keeps Enter on a checkbox from sending a half-filled form. The
/// pages work without it.
pub async fn forms_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/forms.js"),
    )
        .into_response()
}

/// `GET /favicon.ico`: the office's icon, which browsers ask for on every site.
pub async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_bytes!("../static/favicon.ico").as_slice(),
    )
        .into_response()
}

/// `GET /privacy`: the privacy notice in the visitor's language.
pub async fn privacy(State(state): State<AppState>, page_lang: PageLang) -> PageResult {
    let lang = page_lang.lang;
    let html = render(
        "privacy.html",
        &base(&state, lang, "/privacy"),
        context! {
            retention_days => state.config.privacy.retention_days,
            proof_years => state.config.privacy.attendance_proof_years,
            alert_unconfirmed_days => state.config.privacy.alert_unconfirmed_days,
        },
    )?;
    Ok(page_lang.remember(html.into_response()))
}

/// `GET /r/{token}/data`: everything stored about the registration, as JSON.
pub async fn download_data(State(state): State<AppState>, Path(token): Path<String>) -> PageResult {
    let reg = match registrations::find_by_token(&state.db, &token).await {
        // After the purge the link reaches only the attendance kept as proof.
        Err(Error::NotFound) => return proof::download(&state, &token).await,
        found => found?,
    };
    let mut data = registrations::export(&state.db, &reg, state.config.office.timezone).await?;
    // A subscription to alerts with the same address belongs to the same person.
    if let Some(email) = reg.email.as_deref()
        && let Some(subscription) = crate::alerts::export_for(&state.db, email).await?
        && let Some(object) = data.as_object_mut()
    {
        object.insert(
            "alert_subscription".to_owned(),
            serde_json::to_value(subscription).map_err(|e| Error::Internal(e.into()))?,
        );
    }
    let mut response = axum::Json(data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_DISPOSITION,
        header::HeaderValue::from_static("attachment; filename=\"registration.json\""),
    );
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// `POST /r/{token}/erase`: ends the registration and deletes its personal data.
pub async fn erase(
    State(state): State<AppState>,
    lang: PageLang,
    Path(token): Path<String>,
) -> PageResult {
    let reg = match registrations::find_by_token(&state.db, &token).await {
        Err(Error::NotFound) => return proof::erase(&state, lang, &token).await,
        found => found?,
    };
    let hold = Hold::of(&state.config);
    registrations::erase(&state.db, reg.id, hold, Utc::now()).await?;
    // The alert subscription of the same address goes with it.
    if let Some(email) = reg.email.as_deref() {
        crate::alerts::erase_for(&state.db, email).await?;
    }
    Ok(Redirect::to(&format!("/erased?lang={}", reg.language.code())).into_response())
}

/// `GET /erased`: the data is gone.
pub async fn erased(State(state): State<AppState>, page_lang: PageLang) -> PageResult {
    let lang = page_lang.lang;
    let html = render("erased.html", &base(&state, lang, "/erased"), context! {})?;
    Ok(html.into_response())
}
