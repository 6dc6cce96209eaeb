//! `/api/v1/events/{id}/advisers` and `/slots`: advisers and counselling slots of an event.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::registrations::PageQuery;
use crate::error::{Error, ErrorBody, FieldErrors, Result};
use crate::events::Page;
use crate::local_time;
use crate::slots::{self, Adviser, AdviserInput, BreakInput, PlanInput, Schedule, Slot};
use crate::web::AppState;
use crate::web::extract::{ApiEvent, ApiJson, VisibleEvent};

/// An adviser: someone who counsels families, in the languages they speak.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdviserRequest {
    pub name: Option<String>,
    /// BCP 47 codes of the languages the adviser speaks.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A room or a video link.
    pub location: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AdviserView {
    pub id: i32,
    pub event_id: i32,
    pub name: String,
    pub languages: Vec<String>,
    pub location: String,
}

impl From<Adviser> for AdviserView {
    fn from(a: Adviser) -> Self {
        Self {
            id: a.id,
            event_id: a.event_id,
            name: a.name,
            languages: a.languages.iter().map(ToString::to_string).collect(),
            location: a.location,
        }
    }
}

/// A plan of slots for one adviser. Times: RFC 3339 with an offset, or local times such as
/// `2027-03-12T19:30` read in the office's time zone. Slots lie inside `starts_at`–`ends_at`,
/// never overlap a break, and are each followed by `gap_minutes`; after a break the next slot
/// starts at the break's end. The adviser's free slots in the range are replaced; booked ones
/// stay, and planned slots that would overlap them are left out.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotPlanRequest {
    pub adviser_id: Option<i64>,
    #[schema(example = "2027-03-12T19:30")]
    pub starts_at: Option<String>,
    #[schema(example = "2027-03-12T21:00")]
    pub ends_at: Option<String>,
    #[schema(minimum = 5, maximum = 240)]
    pub slot_minutes: Option<i64>,
    /// Default 0.
    #[schema(minimum = 0, maximum = 120)]
    pub gap_minutes: Option<i64>,
    #[serde(default)]
    pub breaks: Vec<BreakRequest>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakRequest {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
}

/// A slot as everyone may see it: never who booked it.
#[derive(Serialize, ToSchema)]
pub struct SlotView {
    pub id: i32,
    pub adviser_id: i32,
    pub adviser_name: String,
    pub languages: Vec<String>,
    pub location: String,
    pub starts_at: String,
    pub ends_at: String,
    pub free: bool,
}

impl SlotView {
    fn new(slot: &Slot, adviser: Option<&Adviser>, tz: chrono_tz::Tz) -> Self {
        Self {
            id: slot.id,
            adviser_id: slot.adviser_id,
            adviser_name: adviser.map(|a| a.name.clone()).unwrap_or_default(),
            languages: adviser
                .map(|a| a.languages.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            location: adviser.map(|a| a.location.clone()).unwrap_or_default(),
            starts_at: local_time::format(slot.starts_at, tz),
            ends_at: local_time::format(slot.ends_at, tz),
            free: slot.is_free(),
        }
    }
}

/// Slots created at once.
#[derive(Serialize, ToSchema)]
pub struct SlotsCreated {
    pub items: Vec<SlotView>,
}

#[derive(Serialize, ToSchema)]
pub struct SlotList {
    pub items: Vec<SlotView>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// Add an adviser to an event.
#[utoipa::path(post, path = "/api/v1/events/{id}/advisers", tag = "slots", request_body = AdviserRequest,
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 201, body = AdviserView),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled, or has an adviser of this name"),
        (status = 413, body = ErrorBody, description = "Body over 64 KiB"),
        (status = 415, body = ErrorBody, description = "Body not sent as application/json"),
        (status = 422, body = ErrorBody, description = "Invalid fields"),
    ),
    security(("bearer" = []))
)]
pub async fn create_adviser(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
    ApiJson(request): ApiJson<AdviserRequest>,
) -> Result<Response> {
    let adviser = slots::add_adviser(
        &state.db,
        event.id,
        AdviserInput {
            name: request.name,
            languages: request.languages,
            location: request.location,
        },
        staff.actor(),
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(AdviserView::from(adviser))).into_response())
}

/// Generate an adviser's slots; answers with the slots created.
#[utoipa::path(post, path = "/api/v1/events/{id}/slots", tag = "slots", request_body = SlotPlanRequest,
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 201, body = SlotsCreated),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
        (status = 413, body = ErrorBody, description = "Body over 64 KiB"),
        (status = 415, body = ErrorBody, description = "Body not sent as application/json"),
        (status = 422, body = ErrorBody, description = "Invalid fields, an unknown adviser, or a range outside the event"),
    ),
    security(("bearer" = []))
)]
pub async fn create_slots(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
    ApiJson(request): ApiJson<SlotPlanRequest>,
) -> Result<Response> {
    let tz = state.config.office.timezone;
    let id = event.id;
    let plan = PlanInput {
        starts_at: request.starts_at,
        ends_at: request.ends_at,
        slot_minutes: request.slot_minutes,
        gap_minutes: request.gap_minutes,
        breaks: request
            .breaks
            .into_iter()
            .map(|b| BreakInput {
                starts_at: b.starts_at,
                ends_at: b.ends_at,
            })
            .collect(),
    };
    let created = slots::generate(
        &state.db,
        id,
        request.adviser_id,
        plan,
        tz,
        staff.actor(),
        Utc::now(),
    )
    .await?;
    let schedule = slots::schedule(&state.db, id).await?;
    let items = created
        .iter()
        .map(|s| SlotView::new(s, schedule.adviser(s.adviser_id), tz))
        .collect();
    Ok((StatusCode::CREATED, Json(SlotsCreated { items })).into_response())
}

/// The slots of an event, by start; `free` says whether a slot can still be booked. Never
/// says who booked one. Drafts only with a staff token.
#[utoipa::path(get, path = "/api/v1/events/{id}/slots", tag = "slots",
    params(("id" = i32, Path, description = "Event id"), PageQuery),
    responses((status = 200, body = SlotList), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security((), ("bearer" = []))
)]
pub async fn list_slots(
    State(state): State<AppState>,
    VisibleEvent { event, .. }: VisibleEvent,
    query: std::result::Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<SlotList>> {
    let Query(query) = query
        .map_err(|_| Error::query_refused("page and per_page must be whole numbers from 1"))?;
    let page = query.page()?;
    let Schedule { advisers, slots } = slots::schedule(&state.db, event.id).await?;
    let tz = state.config.office.timezone;
    let total = slots.len() as u64;
    let skip = usize::try_from((page.page - 1).saturating_mul(page.per_page)).unwrap_or(usize::MAX);
    let take = usize::try_from(page.per_page).unwrap_or(usize::MAX);
    let items = slots
        .iter()
        .skip(skip)
        .take(take)
        .map(|s| SlotView::new(s, advisers.iter().find(|a| a.id == s.adviser_id), tz))
        .collect();
    Ok(Json(SlotList {
        items,
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

impl PageQuery {
    /// The page asked for, with the defaults and the cap of every list.
    ///
    /// # Errors
    /// `Invalid` for a page or page size that is not a whole number from 1.
    pub fn page(self) -> Result<Page> {
        let mut errors = FieldErrors::new();
        let page = super::events::parse_page(self.page, self.per_page, &mut errors);
        errors.into_result()?;
        Ok(page)
    }
}
