//! `/api/v1/events`: list, create, read, change, publish, cancel.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, ErrorBody, FieldErrors, Result};
use crate::events::series::{self, Scope};
use crate::events::{
    self, Audience, Event, EventInput, Filter, Kind, Page, Status, TextInput, VenueInput,
};
use crate::languages::LanguageTag;
use crate::local_time;
use crate::staff::points;
use crate::web::AppState;
use crate::web::cache::Cached;
use crate::web::extract::{ApiEvent, ApiJson, MaybeStaff, Staff, VisibleEvent};

/// An event as the API shows it. Times are RFC 3339 with the office's offset.
#[derive(Serialize, ToSchema)]
pub struct EventView {
    pub id: i32,
    /// Made by the server from title and date; never changes.
    pub slug: String,
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue: Option<VenueView>,
    pub online_url: Option<String>,
    /// `null`: no limit.
    pub capacity: Option<i32>,
    pub waitlist: bool,
    pub max_party_size: i32,
    pub registration_opens_at: Option<String>,
    pub registration_closes_at: Option<String>,
    pub audiences: Vec<Audience>,
    /// BCP 47 codes of the languages offered or interpreted into.
    pub languages: Vec<String>,
    /// Offsets before the start at which reminders go out, such as `7d`, `2h`, `30m`.
    pub reminders: Vec<String>,
    pub double_opt_in: bool,
    pub status: Status,
    pub seats_taken: i32,
    /// `null`: no limit.
    pub seats_left: Option<i32>,
    pub series_id: Option<i32>,
    /// The service point the event belongs to (`point=` in the lists).
    pub point_id: i32,
    pub max_slots_per_registration: i32,
    /// Participants may register with a phone number and no email address; a six-digit code
    /// sent by SMS confirms the number.
    pub phone_registration: bool,
    /// The public page of the event.
    pub url: String,
    /// The German note on how to get there (may be empty).
    pub directions: String,
    /// The event's texts in other languages, keyed by language code (`en`, `ar`, `uk`, `ru`,
    /// `tr`, `fa`); German is `title`, `description` and `directions`.
    pub translations: BTreeMap<String, TranslationView>,
}

/// An event's text in one language.
#[derive(Serialize, ToSchema)]
pub struct TranslationView {
    pub title: String,
    pub description: String,
    /// How to get there (may be empty).
    pub directions: String,
}

#[derive(Serialize, ToSchema)]
pub struct VenueView {
    pub name: String,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: String,
}

#[derive(Serialize, ToSchema)]
pub struct EventList {
    pub items: Vec<EventView>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

impl EventView {
    fn new(event: Event, state: &AppState) -> Self {
        let tz = state.config.office.timezone;
        let seats_left = event.seats_left();
        let url = format!("{}/events/{}", state.config.server.public_url, event.slug);
        let spec = event.spec;
        Self {
            id: event.id,
            slug: event.slug,
            kind: spec.kind,
            title: spec.title,
            description: spec.description,
            starts_at: local_time::format(spec.starts_at, tz),
            ends_at: local_time::format(spec.ends_at, tz),
            venue: spec.venue.map(|v| VenueView {
                name: v.name,
                street: v.street,
                postal_code: v.postal_code,
                city: v.city,
            }),
            online_url: spec.online_url,
            capacity: spec.capacity,
            waitlist: spec.waitlist,
            max_party_size: spec.max_party_size,
            registration_opens_at: spec
                .registration_opens_at
                .map(|t| local_time::format(t, tz)),
            registration_closes_at: spec
                .registration_closes_at
                .map(|t| local_time::format(t, tz)),
            audiences: spec.audiences,
            languages: spec.languages.iter().map(ToString::to_string).collect(),
            reminders: spec.reminders.iter().map(ToString::to_string).collect(),
            double_opt_in: spec.double_opt_in,
            status: event.status,
            seats_taken: event.seats_taken,
            seats_left,
            series_id: event.series_id,
            point_id: event.point_id,
            max_slots_per_registration: spec.max_slots_per_registration,
            phone_registration: spec.phone_registration,
            url,
            directions: spec.texts.directions,
            translations: spec
                .texts
                .translations
                .into_iter()
                .map(|(lang, t)| {
                    (
                        lang.code().to_owned(),
                        TranslationView {
                            title: t.title,
                            description: t.description,
                            directions: t.directions,
                        },
                    )
                })
                .collect(),
        }
    }
}

/// The fields of an event that staff set. On create, `kind`, `title`, `starts_at` and
/// `ends_at` are required; on change, only the fields sent change (`null` clears a field that
/// may be empty). Times: RFC 3339 with an offset, or a local time such as `2027-03-12T19:00`
/// read in the office's time zone.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct EventRequest {
    #[schema(value_type = Option<Kind>)]
    pub kind: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    #[schema(example = "2027-03-12T19:00")]
    pub starts_at: Option<String>,
    #[schema(example = "2027-03-12T21:00")]
    pub ends_at: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<VenueRequest>, nullable)]
    pub venue: Option<Option<VenueRequest>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub online_url: Option<Option<String>>,
    /// `null`: no limit.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>, nullable, minimum = 0)]
    pub capacity: Option<Option<i64>>,
    pub waitlist: Option<bool>,
    #[schema(minimum = 1)]
    pub max_party_size: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub registration_opens_at: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub registration_closes_at: Option<Option<String>>,
    pub audiences: Option<Vec<String>>,
    pub languages: Option<Vec<String>>,
    pub reminders: Option<Vec<String>>,
    pub double_opt_in: Option<bool>,
    #[schema(minimum = 1)]
    pub max_slots_per_registration: Option<i64>,
    /// Allow registrations with a phone number and no email address (default `false`).
    pub phone_registration: Option<bool>,
    /// On create: the service point the event belongs to, one of the token's own; may be left
    /// out when there is only one. It cannot be changed afterwards.
    pub point_id: Option<i32>,
    /// The German note on how to get there.
    pub directions: Option<String>,
    /// Texts in other languages the event is offered in, keyed by language code (`en`, `ar`,
    /// `uk`, `ru`, `tr`, `fa`). Sent, it replaces all of them: `{}` removes them.
    pub translations: Option<BTreeMap<String, TranslationRequest>>,
}

/// An event's text in one language; `title` is required when anything is given.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct TranslationRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    pub directions: Option<String>,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct VenueRequest {
    pub name: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

/// `absent` stays `None`; an explicit `null` becomes `Some(None)`.
#[expect(
    clippy::option_option,
    reason = "absent and null mean different things in a change"
)]
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl From<EventRequest> for EventInput {
    fn from(r: EventRequest) -> Self {
        Self {
            kind: r.kind,
            title: r.title,
            description: r.description,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            venue: r.venue.map(|v| {
                v.map(|v| VenueInput {
                    name: v.name,
                    street: v.street,
                    postal_code: v.postal_code,
                    city: v.city,
                })
            }),
            online_url: r.online_url,
            capacity: r.capacity,
            waitlist: r.waitlist,
            max_party_size: r.max_party_size,
            registration_opens_at: r.registration_opens_at,
            registration_closes_at: r.registration_closes_at,
            audiences: r.audiences,
            languages: r.languages,
            reminders: r.reminders,
            double_opt_in: r.double_opt_in,
            max_slots_per_registration: r.max_slots_per_registration,
            phone_registration: r.phone_registration,
            directions: r.directions,
            translations: r.translations.map(|map| {
                map.into_iter()
                    .map(|(code, t)| {
                        (
                            code,
                            TextInput {
                                title: t.title,
                                description: t.description,
                                directions: t.directions,
                            },
                        )
                    })
                    .collect()
            }),
        }
    }
}

/// Filters and pagination of the list. Unknown parameters (such as `lang`) are ignored.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `roundtable`, `info_day` or `parents_evening`.
    pub kind: Option<String>,
    /// `employers`, `youth`, `parents` or `professionals`.
    pub audience: Option<String>,
    /// Offered in, or interpreted into, this language; `ar` also finds `ar-SY`.
    pub language: Option<String>,
    /// Town of the venue, any case.
    pub city: Option<String>,
    /// Id of a service point: only its events.
    pub point: Option<String>,
    /// Staff only: `draft`, `published` or `cancelled`.
    pub status: Option<String>,
    /// `true`: include events that have ended.
    pub past: Option<String>,
    /// From 1.
    pub page: Option<String>,
    /// 1 to 200; default 50.
    pub per_page: Option<String>,
}

/// The filters that the event list, the public pages and the calendar feed share: `kind`,
/// `audience`, `language`, `city`, `point`.
#[derive(Default, Deserialize)]
pub struct FilterParams {
    pub kind: Option<String>,
    pub audience: Option<String>,
    pub language: Option<String>,
    pub city: Option<String>,
    pub point: Option<String>,
}

fn given(value: Option<String>) -> Option<String> {
    value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl FilterParams {
    /// The filter of the public list, with one message per invalid parameter in `errors`.
    #[must_use]
    pub fn parse(self, errors: &mut FieldErrors) -> Filter {
        let mut filter = Filter::default();
        if let Some(k) = given(self.kind) {
            filter.kind = Kind::parse(&k);
            if filter.kind.is_none() {
                errors.add(
                    "kind",
                    "unknown_kind",
                    format!("must be one of {}", Kind::names()),
                );
            }
        }
        if let Some(a) = given(self.audience) {
            filter.audience = Audience::parse(&a);
            if filter.audience.is_none() {
                errors.add(
                    "audience",
                    "unknown_audience",
                    format!("must be one of {}", Audience::names()),
                );
            }
        }
        if let Some(l) = given(self.language) {
            match LanguageTag::parse(&l) {
                Ok(tag) => filter.language = Some(tag),
                Err(e) => errors.add("language", "unknown_language", e.message(&l)),
            }
        }
        filter.city = given(self.city);
        if let Some(p) = given(self.point) {
            match p.parse::<i32>() {
                Ok(id) if id > 0 => filter.point = Some(id),
                _ => errors.add(
                    "point",
                    "unknown_point",
                    "must be the id of a service point",
                ),
            }
        }
        filter
    }
}

impl ListQuery {
    fn parse(self, is_staff: bool) -> Result<(Filter, Page)> {
        let mut errors = FieldErrors::new();
        let mut filter = FilterParams {
            kind: self.kind,
            audience: self.audience,
            language: self.language,
            city: self.city,
            point: self.point,
        }
        .parse(&mut errors);
        if let Some(s) = given(self.status) {
            if !is_staff {
                return Err(Error::Unauthorized);
            }
            filter.status = Status::parse(&s);
            if filter.status.is_none() {
                errors.add(
                    "status",
                    "unknown_status",
                    format!("must be one of {}", Status::names()),
                );
            }
        }
        filter.include_drafts = is_staff;
        match given(self.past).as_deref() {
            None | Some("false") => {}
            Some("true") => filter.include_past = true,
            Some(_) => errors.add("past", "boolean", "must be true or false"),
        }
        let page = parse_page(self.page, self.per_page, &mut errors);
        errors.into_result()?;
        Ok((filter, page))
    }
}

/// `page` (from 1) and `per_page` (from 1, capped at 200) of a list; a bad value gets a message.
pub fn parse_page(
    page: Option<String>,
    per_page: Option<String>,
    errors: &mut FieldErrors,
) -> Page {
    let mut number = |field: &str, value: Option<String>, default: u64| -> u64 {
        let Some(v) = given(value) else {
            return default;
        };
        // Anything larger than the cap is the cap; only malformed values are refused.
        match v.parse::<u128>() {
            Ok(n) if n >= 1 => u64::try_from(n).unwrap_or(u64::MAX),
            _ => {
                errors.add(field, "out_of_range", "must be a whole number from 1");
                default
            }
        }
    };
    Page {
        page: number("page", page, 1),
        per_page: number("per_page", per_page, Page::DEFAULT_PER_PAGE).min(Page::MAX_PER_PAGE),
    }
}

/// List events: the public sees published and cancelled events that have not ended; staff with
/// a token also see drafts.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(ListQuery),
    responses(
        (status = 200, body = EventList),
        (status = 401, body = ErrorBody, description = "An invalid token, or `status` without a token"),
        (status = 422, body = ErrorBody, description = "An invalid filter"),
    ),
    security((), ("bearer" = []))
)]
pub async fn list_events(
    State(state): State<AppState>,
    MaybeStaff(staff): MaybeStaff,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let Query(query) = query.map_err(Error::malformed_query)?;
    let (mut filter, page) = query.parse(staff.is_some())?;
    // A token sees the events of its own service points only.
    filter.within = staff.as_ref().and_then(|s| s.scope.ids());
    // What the public sees is the same for everyone; what a token sees is never kept.
    let key = staff.is_none().then(|| format!("api {filter:?} {page:?}"));
    let (hit, _making) = match &key {
        Some(key) => state.pages.lookup(key).await,
        None => (None, None),
    };
    if let Some(Cached::Body(body)) = hit {
        return Ok(json_body(body));
    }
    let read_at = state.pages.generation();
    let (events, total) = events::list(&state.db, &filter, page, Utc::now()).await?;
    let list = EventList {
        items: events
            .into_iter()
            .map(|e| EventView::new(e, &state))
            .collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    };
    let body = Bytes::from(serde_json::to_vec(&list).map_err(anyhow::Error::from)?);
    if let Some(key) = key {
        state.pages.insert(key, read_at, Cached::Body(body.clone()));
    }
    Ok(json_body(body))
}

fn json_body(body: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Create an event as a draft.
#[utoipa::path(post, path = "/api/v1/events", tag = "events", request_body = EventRequest,
    responses(
        (status = 201, body = EventView, headers(("Location" = String, description = "URL of the new event"))),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 401, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "Body over 64 KiB"),
        (status = 415, body = ErrorBody, description = "Body not sent as application/json"),
        (status = 422, body = ErrorBody, description = "Invalid fields"),
    ),
    security(("bearer" = []))
)]
pub async fn create_event(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ApiJson(request): ApiJson<EventRequest>,
) -> Result<Response> {
    let point_id = points::choose(&state.db, &staff.scope, request.point_id).await?;
    let event = events::create(
        &state.db,
        request.into(),
        point_id,
        state.config.office.timezone,
        staff.actor(),
        Utc::now(),
    )
    .await?;
    let location = format!("/api/v1/events/{}", event.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(EventView::new(event, &state)),
    )
        .into_response())
}

/// Read one event. Drafts only with a staff token.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = i32, Path, description = "Event id")),
    responses((status = 200, body = EventView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security((), ("bearer" = []))
)]
pub async fn get_event(
    State(state): State<AppState>,
    VisibleEvent { event, .. }: VisibleEvent,
) -> Result<Json<EventView>> {
    Ok(Json(EventView::new(event, &state)))
}

/// Which dates of a series a change applies to.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ScopeQuery {
    /// `one` (default): only this date. `future`: this date and every later date of its series
    /// that has not ended and is not cancelled; times move by the same wall-clock change on
    /// each date (19:00 → 18:30 stays 18:30 across a change of daylight-saving time). Earlier
    /// and past dates are never changed.
    pub scope: Option<String>,
}

/// Change an event, or with `scope=future` it and the later dates of its series; only the
/// fields sent change. Id and slug stay.
#[utoipa::path(patch, path = "/api/v1/events/{id}", tag = "events", request_body = EventRequest,
    params(("id" = i32, Path, description = "Event id"), ScopeQuery),
    responses(
        (status = 200, body = EventView),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
        (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn patch_event(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
    Query(scope): Query<ScopeQuery>,
    ApiJson(request): ApiJson<EventRequest>,
) -> Result<Json<EventView>> {
    if request.point_id.is_some_and(|p| p != event.point_id) {
        return Err(FieldErrors::single(
            "point_id",
            "read_only",
            "cannot be changed once the event is created",
        )
        .into());
    }
    let scope = match given(scope.scope).as_deref() {
        None | Some("one") => Scope::One,
        Some("future") => Scope::Future,
        Some(_) => {
            return Err(
                FieldErrors::single("scope", "unknown_scope", "must be one or future").into(),
            );
        }
    };
    let (event, _) = crate::changes::update_event(
        &state.db,
        event.id,
        request.into(),
        scope,
        &state.config,
        staff.actor(),
        Utc::now(),
    )
    .await?;
    Ok(Json(EventView::new(event, &state)))
}

/// The further dates of a series, from a rule.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesRequest {
    /// An RFC 5545 RRULE: `FREQ` `WEEKLY` or `MONTHLY`, with `COUNT` or `UNTIL`; optionally
    /// `INTERVAL`, `BYDAY` (`TU,TH`; monthly with an ordinal such as `2TH` or `-1FR`) or
    /// `BYMONTHDAY`. The event is the first date and counts towards `COUNT`.
    #[schema(example = "FREQ=MONTHLY;BYDAY=2TH;COUNT=12")]
    pub rule: String,
    /// Dates of the rule to leave out (`YYYY-MM-DD`); they count towards `COUNT`, as `EXDATE`.
    #[serde(default)]
    #[schema(example = json!(["2027-08-12"]))]
    pub except: Vec<String>,
}

/// Events created at once.
#[derive(Serialize, ToSchema)]
pub struct EventsCreated {
    pub items: Vec<EventView>,
}

/// Create the further dates of a series: each a copy of this event at the same local time, in
/// its status (draft or published), with its own slug, registrations and calendar UID, all
/// sharing this event's `series_id`.
#[utoipa::path(post, path = "/api/v1/events/{id}/series", tag = "events", request_body = SeriesRequest,
    params(("id" = i32, Path, description = "The first event of the series")),
    responses(
        (status = 201, body = EventsCreated),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`event_cancelled`, or `already_a_series`: the event already has further dates"),
        (status = 413, body = ErrorBody, description = "Body over 64 KiB"),
        (status = 415, body = ErrorBody, description = "Body not sent as application/json"),
        (status = 422, body = ErrorBody, description = "An invalid rule, a first date that is not a date of the rule, an `except` date outside the series, or a date whose time does not exist (DST gap)"),
    ),
    security(("bearer" = []))
)]
pub async fn create_series(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
    ApiJson(request): ApiJson<SeriesRequest>,
) -> Result<Response> {
    let id = event.id;
    let rule = series::Rule::parse(&request.rule)
        .map_err(|m| crate::error::FieldErrors::single("rule", "rrule", m))?;
    let except = series::except_dates(&request.except)?;
    let created = series::create(
        &state.db,
        id,
        &rule,
        &except,
        state.config.office.timezone,
        staff.actor(),
        Utc::now(),
    )
    .await?;
    let items = created
        .into_iter()
        .map(|e| EventView::new(e, &state))
        .collect();
    Ok((StatusCode::CREATED, Json(EventsCreated { items })).into_response())
}

/// Publish a draft; publishing again changes nothing.
#[utoipa::path(post, path = "/api/v1/events/{id}/publish", tag = "events",
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 200, body = EventView),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
    ),
    security(("bearer" = []))
)]
pub async fn publish_event(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
) -> Result<Json<EventView>> {
    let event = events::publish(&state.db, event.id, staff.actor(), Utc::now()).await?;
    Ok(Json(EventView::new(event, &state)))
}

/// Cancel an event; it stays listed as cancelled until it has passed.
#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events",
    params(("id" = i32, Path, description = "Event id")),
    responses((status = 200, body = EventView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
pub async fn cancel_event(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
) -> Result<Json<EventView>> {
    let event =
        crate::changes::cancel_event(&state.db, event.id, staff.actor(), Utc::now()).await?;
    Ok(Json(EventView::new(event, &state)))
}
