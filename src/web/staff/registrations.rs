//! Registering a caller or walk-in on their behalf, and the check-in at the door.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::events::{EventFacts, field_messages, matches};
use super::{StaffCtx, StaffError, path_id};
use crate::error::Error;
use crate::events::{self, Event};
use crate::i18n::{self, Lang};
use crate::registrations::{self, Hold, RegStatus, Registrant, RegistrationInput};
use crate::web::form::FormFields;
use crate::web::pages::ser;
use crate::web::public;

/// A language's own name where known, else its code.
#[must_use]
pub fn language_name(tag: &str) -> String {
    public::language_name(tag)
}

#[derive(Serialize, Default)]
struct OnBehalfValues {
    name: String,
    email: String,
    phone: String,
    party_size: String,
    language: String,
    interpreter: String,
    needs: String,
    consent: bool,
}

async fn load(cx: &StaffCtx, id: &str) -> Result<Event, StaffError> {
    let id = path_id(id)?;
    events::get(&cx.state.db, id).await.map_err(StaffError)
}

fn form_page(
    cx: &StaffCtx,
    event: &Event,
    values: &OnBehalfValues,
    errors: &[super::events::FieldMessage],
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, StaffError> {
    let html = cx.render(
        "staff/register.html",
        &format!("/staff/events/{}/register", event.id),
        context! {
            event => ser(EventFacts::new(event, cx)),
            max_party_size => event.spec.max_party_size,
            values => ser(values),
            errors => ser(errors),
            notice,
            mail_languages => ser(public::seven_languages()),
            interpreter_languages => ser(public::interpreter_languages()),
        },
    )?;
    Ok(super::no_store((status, html).into_response()))
}

/// `GET /staff/events/{id}/register`.
pub async fn new_registration(
    cx: StaffCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    let event = load(&cx, &id).await?;
    let values = OnBehalfValues {
        party_size: "1".to_owned(),
        language: Lang::De.code().to_owned(),
        ..OnBehalfValues::default()
    };
    form_page(&cx, &event, &values, &[], None, StatusCode::OK)
}

/// `POST /staff/events/{id}/register`: registers someone on their behalf (source `staff`,
/// confirmed at once as staff spoke to them, mail only if an address is given); 303 to the
/// event's page, or the form again.
pub async fn register(
    cx: StaffCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let event = load(&cx, &id).await?;
    let fields = fields?;
    let text = |name: &str| fields.text(name).unwrap_or_default();
    let values = OnBehalfValues {
        name: text("name"),
        email: text("email"),
        phone: text("phone"),
        party_size: text("party_size"),
        language: text("language"),
        interpreter: text("interpreter"),
        needs: text("needs"),
        consent: fields.checked("consent"),
    };
    let input = RegistrationInput {
        name: Some(values.name.clone()),
        email: Some(values.email.clone()),
        phone: Some(values.phone.clone()),
        party_size: Some(values.party_size.clone()),
        language: Some(values.language.clone()),
        interpreter: Some(values.interpreter.clone()),
        needs: Some(values.needs.clone()),
        consent: values.consent,
    };
    let hold = Hold::of(&cx.state.config);
    match registrations::register(
        &cx.state.db,
        event.id,
        input,
        cx.lang,
        Registrant::Staff(cx.actor()),
        hold,
        Utc::now(),
    )
    .await
    {
        Ok(done) if done.already => {
            let notice = cx.text("staff-register-already");
            form_page(
                &cx,
                &event,
                &values,
                &[],
                Some(notice),
                StatusCode::CONFLICT,
            )
        }
        Ok(done) => {
            let reg = &done.registration;
            Ok(
                Redirect::to(&format!("/staff/events/{}?registered={}", event.id, reg.id))
                    .into_response(),
            )
        }
        Err(Error::Invalid(errors)) => form_page(
            &cx,
            &event,
            &values,
            &field_messages(&errors, cx.lang, "error-"),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(Error::Conflict { code, .. }) => {
            let notice = cx.text(&format!("staff-conflict-{code}"));
            form_page(
                &cx,
                &event,
                &values,
                &[],
                Some(notice),
                StatusCode::CONFLICT,
            )
        }
        Err(e) => Err(StaffError(e)),
    }
}

#[derive(Serialize)]
struct DoorRow {
    id: i32,
    name: String,
    party_size: i32,
    interpreter: String,
    needs: String,
    present: bool,
    pending: bool,
}

#[derive(Deserialize)]
pub struct DoorQuery {
    q: Option<String>,
}

/// `GET /staff/events/{id}/checkin`: everyone with a seat, one button each; counts of present
/// and missing people. Made for a phone at the door.
pub async fn checkin_page(
    cx: StaffCtx,
    Path(id): Path<String>,
    Query(query): Query<DoorQuery>,
) -> Result<Response, StaffError> {
    let event = load(&cx, &id).await?;
    let mut seated: Vec<_> = registrations::all_for_event(&cx.state.db, event.id)
        .await?
        .into_iter()
        .filter(|r| r.status.holds_seats())
        .collect();
    seated.sort_by_cached_key(|r| (r.name.to_lowercase(), r.id));
    let present: i64 = seated
        .iter()
        .filter(|r| r.checked_in_at.is_some())
        .map(|r| i64::from(r.party_size))
        .sum();
    let expected: i64 = seated.iter().map(|r| i64::from(r.party_size)).sum();
    let q = query.q.unwrap_or_default();
    let rows: Vec<DoorRow> = seated
        .iter()
        .filter(|r| matches(r, &q))
        .map(|r| DoorRow {
            id: r.id,
            name: r.name.clone(),
            party_size: r.party_size,
            interpreter: r
                .interpreter
                .as_deref()
                .map(language_name)
                .unwrap_or_default(),
            needs: r.needs.clone(),
            present: r.checked_in_at.is_some(),
            pending: r.status == RegStatus::Pending,
        })
        .collect();
    let counts = i18n::text(
        cx.lang,
        "staff-checkin-counts",
        &[
            ("present", present.into()),
            ("missing", (expected - present).into()),
            ("expected", expected.into()),
        ],
    );
    cx.page(
        "staff/checkin.html",
        &format!("/staff/events/{}/checkin", event.id),
        context! {
            event => ser(EventFacts::new(&event, &cx)),
            rows => ser(rows),
            counts,
            present,
            missing => expected - present,
            q,
            cancelled => event.status == crate::events::Status::Cancelled,
        },
    )
}

/// `POST /staff/registrations/{id}/checkin` with `present` = `1` (arrived) or `0` (undo);
/// 303 back to the door list, at the person's row.
pub async fn check_in(
    cx: StaffCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let fields = fields?;
    let present = match fields.get("present") {
        Some("1") => true,
        Some("0") => false,
        _ => {
            return Err(StaffError(Error::BadRequest(
                "present must be 1 or 0".into(),
            )));
        }
    };
    let after = registrations::check_in(&cx.state.db, id, present, cx.actor(), Utc::now()).await?;
    let q = fields
        .text("q")
        .filter(|q| !q.trim().is_empty())
        .map(|q| {
            format!(
                "?q={}",
                percent_encoding::utf8_percent_encode(&q, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .unwrap_or_default();
    Ok(Redirect::to(&format!(
        "/staff/events/{}/checkin{q}#r{id}",
        after.event_id
    ))
    .into_response())
}
