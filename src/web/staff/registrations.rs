//! Registering a caller or walk-in on their behalf, and the check-in at the door.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::events::EventFacts;
use super::{StaffCtx, StaffError, StaffEvent, path_id};
use crate::error::Error;
use crate::events::Event;
use crate::i18n::{self, Lang};
use crate::registrations::{self, Hold, RegStatus, Registrant, RegistrationInput};
use crate::web::form::{self, Again, FormFields, Outcome};
use crate::web::pages::ser;
use crate::web::public;

/// A language's own name where known, else its code.
#[must_use]
pub fn language_name(tag: &str) -> String {
    public::language_name(tag)
}

/// What the register form says around its fields: where it goes and comes back to, its hints
/// and the consent the person gives. Staff and partners' people use the same form.
pub struct FormFrame {
    pub action: String,
    pub back_url: String,
    pub back_text: String,
    /// `(id, text)`; the id for hints that tests and scripts find.
    pub hints: Vec<(&'static str, String)>,
    pub consent: String,
}

impl FormFrame {
    /// The frame and the fields' choices, for the template.
    #[must_use]
    pub fn context(&self, event: EventFacts, max_party_size: i32) -> minijinja::Value {
        context! {
            action => self.action.clone(),
            back => context! { url => self.back_url.clone(), text => self.back_text.clone() },
            hints => self
                .hints
                .iter()
                .map(|(id, text)| context! { id => *id, text => text.clone() })
                .collect::<Vec<_>>(),
            consent => self.consent.clone(),
            event => ser(event),
            max_party_size,
            mail_languages => ser(public::seven_languages()),
            interpreter_languages => ser(public::interpreter_languages()),
        }
    }
}

fn form_page(
    cx: &StaffCtx,
    event: &Event,
    values: &RegistrationInput,
    again: Option<&Again>,
) -> Result<Response, StaffError> {
    let shown = cx.shown(again, "error-");
    let frame = FormFrame {
        action: format!("/staff/events/{}/register", event.id),
        back_url: format!("/staff/events/{}", event.id),
        back_text: cx.text("staff-back-to-event"),
        hints: vec![
            ("", cx.text("staff-register-intro")),
            ("walk-in-hint", cx.text("staff-register-walk-in-hint")),
        ],
        consent: cx.text("staff-register-consent"),
    };
    let html = cx.render(
        "staff/register.html",
        &format!("/staff/events/{}/register", event.id),
        context! {
            values => ser(values),
            errors => ser(&shown.errors),
            notice => shown.notice,
            ..frame.context(EventFacts::new(event, cx), event.spec.max_party_size)
        },
    )?;
    Ok(super::no_store((shown.status, html).into_response()))
}

/// `GET /staff/events/{id}/register`.
pub async fn new_registration(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    form_page(&cx, &event, &RegistrationInput::fresh(Lang::De), None)
}

/// `POST /staff/events/{id}/register`: registers someone on their behalf (source `staff`,
/// confirmed at once as staff spoke to them, mail only if an address is given); 303 to the
/// event's page, or the form again.
pub async fn register(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let input = form::registration(&fields).with_phone_region(cx.state.config.office.phone_region);
    let result = registrations::register(
        &cx.state.db,
        &event,
        input.clone(),
        cx.lang,
        Registrant::Staff(cx.actor()),
        Hold::of(&cx.state.config),
        Utc::now(),
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(done) if done.already => {
            // For the domain a second registration sends the link again; at the desk it means
            // that this person is registered already, as the API answers it.
            let again = Again::Conflict("already_registered");
            form_page(&cx, &event, &input, Some(&again))
        }
        Outcome::Done(done) => Ok(Redirect::to(&format!(
            "/staff/events/{}?registered={}",
            event.id, done.registration.id
        ))
        .into_response()),
        Outcome::Again(again) => form_page(&cx, &event, &input, Some(&again)),
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
    StaffEvent(event): StaffEvent,
    Query(query): Query<DoorQuery>,
) -> Result<Response, StaffError> {
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
        .filter(|r| r.matches(&q))
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
    let reg = registrations::get(&cx.state.db, id).await?;
    cx.reach_event(reg.event_id).await?;
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
