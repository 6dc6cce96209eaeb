//! `/api/v1/events/{id}/registrations`: register (public) and list (staff).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, ErrorBody, Result};
use crate::events;
use crate::i18n::Lang;
use crate::local_time;
use crate::registrations::{
    self, Hold, RegStatus, Registrant, Registration, RegistrationInput, Source,
};
use crate::staff::audit::{self, Action, Target};
use crate::web::extract::{ApiEvent, ApiJson};
use crate::web::pages::PageLang;
use crate::web::staff::export::{self, Exporter};
use crate::web::{AppState, path_id};

/// A registration. `consent` must be `true`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Seats taken: the person registering and those coming along. Default 1.
    #[schema(minimum = 1)]
    pub party_size: Option<i64>,
    /// Language of mails and pages: de, en, ar, uk, ru, tr or fa.
    pub language: Option<String>,
    /// A language to interpret into, or empty.
    pub interpreter: Option<String>,
    pub needs: Option<String>,
    #[serde(default)]
    pub consent: bool,
    /// Reminders and change notices by SMS to `phone` too (default `false`). "STOP" in reply
    /// turns them off.
    #[serde(default)]
    pub sms_reminders: bool,
    /// The code of the partner organisation the registration came through (the `via` of a
    /// partner's links and embedded lists); an unknown code is left out.
    pub via: Option<String>,
}

impl From<RegistrationRequest> for RegistrationInput {
    fn from(request: RegistrationRequest) -> Self {
        Self {
            name: request.name,
            email: request.email,
            phone: request.phone,
            party_size: request.party_size.map(|n| n.to_string()),
            language: request.language,
            interpreter: request.interpreter,
            needs: request.needs,
            consent: request.consent,
            sms_reminders: request.sms_reminders,
            via: request.via,
        }
    }
}

/// The answer to a registration.
#[derive(Serialize, ToSchema)]
pub struct RegistrationCreated {
    pub id: i32,
    pub status: RegStatus,
    /// From 1; only when `waitlisted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u64>,
}

/// A registration as staff see it.
#[derive(Serialize, ToSchema)]
pub struct RegistrationView {
    pub id: i32,
    pub status: RegStatus,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub party_size: i32,
    pub language: String,
    pub interpreter: Option<String>,
    pub needs: String,
    pub via_waitlist: bool,
    /// Chose reminders and change notices by SMS.
    pub sms_reminders: bool,
    pub source: Source,
    /// The partner organisation the registration came through (any source).
    pub partner_id: Option<i32>,
    pub created_at: String,
    pub checked_in_at: Option<String>,
    /// From 1; only when `waitlisted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationList {
    pub items: Vec<RegistrationView>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// Register for a published event. A full event with a waiting list puts the registration on
/// it (`waitlisted`, with its position).
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations", tag = "registrations", request_body = RegistrationRequest,
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 201, body = RegistrationCreated),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 404, body = ErrorBody, description = "No such published event"),
        (status = 409, body = ErrorBody, description = "`event_full`, `registration_closed`, `registration_not_open`, `event_cancelled` or `already_registered` (the manage link was sent again)"),
        (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many registrations from one address"),
        (status = 422, body = ErrorBody, description = "Invalid fields"),
    ),
    security(())
)]
pub async fn create_registration(
    State(state): State<AppState>,
    lang: PageLang,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RegistrationRequest>,
) -> Result<Response> {
    // Registering needs the event's rules, not its texts: one statement fewer.
    let event = crate::events::get_without_texts(&state.db, path_id(&id)?).await?;
    let input =
        RegistrationInput::from(request).with_phone_region(state.config.office.phone_region);
    let hold = Hold::of(&state.config);
    let done = state
        .registrations
        .register(
            &state.db,
            &event,
            input,
            lang.lang,
            Registrant::Themselves,
            hold,
            Utc::now(),
        )
        .await?;
    if done.already {
        return Err(Error::conflict(
            "already_registered",
            "this address is already registered for the event; the manage link was sent again",
        ));
    }
    let body = RegistrationCreated {
        id: done.registration.id,
        status: done.registration.status,
        waitlist_position: done.waitlist_position,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// From 1.
    pub page: Option<String>,
    /// From 1; more than 200 gives 200. Default 50.
    pub per_page: Option<String>,
}

/// The registrations of an event, oldest first.
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations", tag = "registrations",
    params(("id" = i32, Path, description = "Event id"), PageQuery),
    responses((status = 200, body = RegistrationList), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
pub async fn list_registrations(
    State(state): State<AppState>,
    ApiEvent { event, .. }: ApiEvent,
    query: std::result::Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<RegistrationList>> {
    let Query(query) = query
        .map_err(|_| Error::query_refused("page and per_page must be whole numbers from 1"))?;
    let page = query.page()?;
    let (items, total) = registrations::list_for_event(&state.db, event.id, page).await?;
    let positions = registrations::waitlist_positions(&state.db, event.id).await?;
    let tz = state.config.office.timezone;
    Ok(Json(RegistrationList {
        items: items
            .into_iter()
            .map(|r| {
                let position = positions.get(&r.id).copied();
                view(r, position, tz)
            })
            .collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

fn view(r: Registration, waitlist_position: Option<u64>, tz: chrono_tz::Tz) -> RegistrationView {
    RegistrationView {
        id: r.id,
        status: r.status,
        name: r.name,
        email: r.email,
        phone: r.phone,
        party_size: r.party_size,
        language: r.language.code().to_owned(),
        interpreter: r.interpreter,
        needs: r.needs,
        via_waitlist: r.via_waitlist,
        sms_reminders: r.sms_opt_in,
        source: r.source,
        partner_id: r.partner_id,
        created_at: local_time::format(r.created_at, tz),
        checked_in_at: r.checked_in_at.map(|t| local_time::format(t, tz)),
        waitlist_position,
    }
}

/// Which export format.
#[derive(Clone, Copy)]
enum Format {
    Csv,
    Xlsx,
}

async fn export(
    state: &AppState,
    who: &Exporter,
    id: &str,
    lang: PageLang,
    format: Format,
) -> Result<Response> {
    let event = events::get(&state.db, path_id(id)?).await?;
    who.scope.check(event.point_id)?;
    let regs = registrations::all_for_event(&state.db, event.id).await?;
    let partners = crate::partners::names(&state.db).await?;
    let tz = state.config.office.timezone;
    // Exports are German unless English was asked for.
    let lang = if lang.lang == Lang::En {
        Lang::En
    } else {
        Lang::De
    };
    let (body, content_type, extension, action) = match format {
        Format::Csv => (
            export::csv(&regs, &partners, tz, lang)?,
            "text/csv; charset=utf-8",
            "csv",
            Action::ExportedCsv,
        ),
        Format::Xlsx => (
            export::xlsx(&event, &regs, &partners, tz, lang)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            Action::ExportedXlsx,
        ),
    };
    audit::record(&state.db, who.actor, action, Target::event(event.id)).await?;
    tracing::info!(
        event.id = event.id,
        staff.id = who.actor.staff_id(),
        format = extension,
        "registrations exported"
    );
    let name = export::file_name(&event, extension);
    Ok(crate::web::attachment(content_type, &name, body))
}

/// The registrations of an event as CSV for German Excel: UTF-8 with a byte order mark, `;`
/// between fields. For API tokens and signed-in staff.
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations.csv", tag = "registrations",
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 200, content_type = "text/csv", body = String, description = "One row per registration, oldest first"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn export_csv(
    State(state): State<AppState>,
    who: Exporter,
    lang: PageLang,
    Path(id): Path<String>,
) -> Result<Response> {
    export(&state, &who, &id, lang, Format::Csv).await
}

/// The registrations of an event as an Excel workbook. For API tokens and signed-in staff.
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations.xlsx", tag = "registrations",
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>, description = "One row per registration, oldest first"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn export_xlsx(
    State(state): State<AppState>,
    who: Exporter,
    lang: PageLang,
    Path(id): Path<String>,
) -> Result<Response> {
    export(&state, &who, &id, lang, Format::Xlsx).await
}
