//! Staff pages for counselling slots: adding advisers, laying out their slots, booking a slot
//! for a family (or giving it back) on their behalf, and the printable schedule per adviser.
//!
//! The forms go through the same domain functions as the API (`crate::slots`), so they are
//! validated alike; their messages stand next to the fields, in the page's language.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::events::{EventFacts, FieldMessage, field_messages};
use super::{StaffCtx, StaffError, StaffEvent, path_id};
use crate::error::{Error, FieldErrors};
use crate::events::{self, Event};
use crate::i18n;
use crate::registrations::{self, RegStatus, Registration, bookings};
use crate::slots::{self, AdviserInput, BreakInput, PlanInput, Schedule};
use crate::web::form::{Again, FormFields};
use crate::web::pages::ser;

/// Break rows the generation form offers; the API takes up to [`slots::plan::MAX_BREAKS`].
const BREAK_ROWS: usize = 2;

/// The values of the three forms on the slots page, as typed.
#[derive(Serialize, Default, Clone)]
struct Forms {
    adviser_name: String,
    adviser_languages: String,
    adviser_location: String,
    plan_adviser_id: String,
    plan_starts_at: String,
    plan_ends_at: String,
    plan_slot_minutes: String,
    plan_gap_minutes: String,
    plan_breaks: Vec<(String, String)>,
    book_registration_id: String,
    book_slot_id: String,
}

impl Forms {
    fn fresh(event: &Event, tz: chrono_tz::Tz) -> Self {
        let local = |at: DateTime<Utc>| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string();
        Self {
            plan_starts_at: local(event.spec.starts_at),
            plan_ends_at: local(event.spec.ends_at),
            plan_slot_minutes: "20".to_owned(),
            plan_gap_minutes: "0".to_owned(),
            plan_breaks: vec![(String::new(), String::new()); BREAK_ROWS],
            ..Self::default()
        }
    }
}

/// One slot in an adviser's list, with who holds it (staff only).
#[derive(Serialize)]
struct SlotRow {
    id: i32,
    time: String,
    free: bool,
    past: bool,
    family: String,
    party_size: i32,
    language: String,
    interpreter: String,
    pending: bool,
}

/// An adviser with their slots.
#[derive(Serialize)]
struct AdviserBlock {
    id: i32,
    name: String,
    languages: String,
    location: String,
    free: usize,
    booked: usize,
    slots: Vec<SlotRow>,
}

/// A family that can book: it holds seats.
#[derive(Serialize)]
struct Family {
    id: i32,
    label: String,
    holds: usize,
}

/// The free slots of one adviser, for the booking form's choice.
#[derive(Serialize)]
struct FreeGroup {
    adviser: String,
    slots: Vec<(i32, String)>,
}

fn time_span(cx: &StaffCtx, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let tz = cx.state.config.office.timezone;
    format!(
        "{}–{}",
        i18n::format_time(from, tz, cx.lang),
        i18n::format_time(to, tz, cx.lang)
    )
}

fn blocks(
    cx: &StaffCtx,
    schedule: &Schedule,
    regs: &[Registration],
    only: Option<i32>,
    now: DateTime<Utc>,
) -> Vec<AdviserBlock> {
    schedule
        .advisers
        .iter()
        .filter(|a| only.is_none_or(|id| id == a.id))
        .map(|a| {
            let slots: Vec<SlotRow> = schedule
                .slots
                .iter()
                .filter(|s| s.adviser_id == a.id)
                .map(|s| {
                    let holder = s
                        .registration_id
                        .and_then(|id| regs.iter().find(|r| r.id == id));
                    SlotRow {
                        id: s.id,
                        time: time_span(cx, s.starts_at, s.ends_at),
                        free: s.registration_id.is_none(),
                        past: s.starts_at <= now,
                        family: holder.map(|r| r.name.clone()).unwrap_or_default(),
                        party_size: holder.map_or(0, |r| r.party_size),
                        language: holder
                            .map(|r| r.language.native_name().to_owned())
                            .unwrap_or_default(),
                        interpreter: holder
                            .and_then(|r| r.interpreter.as_deref())
                            .map(super::registrations::language_name)
                            .unwrap_or_default(),
                        pending: holder.is_some_and(|r| r.status == RegStatus::Pending),
                    }
                })
                .collect();
            AdviserBlock {
                id: a.id,
                name: a.name.clone(),
                languages: a
                    .languages
                    .iter()
                    .map(|l| super::registrations::language_name(&l.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
                location: a.location.clone(),
                free: slots.iter().filter(|s| s.free && !s.past).count(),
                booked: slots.iter().filter(|s| !s.free).count(),
                slots,
            }
        })
        .collect()
}

/// What a page shows after a form: its values, the messages by field, a notice.
struct Outcome<'a> {
    forms: &'a Forms,
    errors: &'a [FieldMessage],
    notice: Option<String>,
    status: StatusCode,
}

async fn slots_page(
    cx: &StaffCtx,
    event: &Event,
    outcome: Outcome<'_>,
    flash: Option<String>,
) -> Result<Response, StaffError> {
    let now = Utc::now();
    let schedule = slots::schedule(&cx.state.db, event.id).await?;
    let regs = registrations::all_for_event(&cx.state.db, event.id).await?;
    let mut families: Vec<Family> = regs
        .iter()
        .filter(|r| r.status.holds_seats())
        .map(|r| {
            let pending = if r.status == RegStatus::Pending {
                format!(" ({})", cx.text("staff-status-pending"))
            } else {
                String::new()
            };
            Family {
                id: r.id,
                label: format!("{} · {}{pending}", r.name, r.id),
                holds: schedule.held_by(r.id).count(),
            }
        })
        .collect();
    families.sort_by_cached_key(|f| f.label.to_lowercase());
    let free: Vec<FreeGroup> = schedule
        .advisers
        .iter()
        .map(|a| FreeGroup {
            adviser: a.name.clone(),
            slots: schedule
                .free(now)
                .filter(|s| s.adviser_id == a.id)
                .map(|s| (s.id, time_span(cx, s.starts_at, s.ends_at)))
                .collect(),
        })
        .filter(|g| !g.slots.is_empty())
        .collect();
    let html = cx.render(
        "staff/slots.html",
        &format!("/staff/events/{}/slots", event.id),
        context! {
            event => ser(EventFacts::new(event, cx)),
            cancelled => event.status == events::Status::Cancelled,
            advisers => ser(blocks(cx, &schedule, &regs, None, now)),
            families => ser(families),
            free => ser(free),
            forms => ser(outcome.forms),
            errors => ser(outcome.errors),
            notice => outcome.notice,
            flash,
            max_slots => event.spec.max_slots_per_registration,
            timezone => cx.state.config.office.timezone.name(),
        },
    )?;
    Ok(super::no_store((outcome.status, html).into_response()))
}

#[derive(Deserialize)]
pub struct SlotsQuery {
    done: Option<String>,
}

/// `GET /staff/events/{id}/slots`: advisers and their slots, with the forms to add an
/// adviser, to lay out slots, and to book one for a family.
pub async fn slots_overview(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    Query(query): Query<SlotsQuery>,
) -> Result<Response, StaffError> {
    let forms = Forms::fresh(&event, cx.state.config.office.timezone);
    let flash = match query.done.as_deref() {
        Some(done @ ("adviser" | "generated" | "booked" | "released")) => {
            Some(cx.text(&format!("staff-slots-flash-{done}")))
        }
        _ => None,
    };
    let outcome = Outcome {
        forms: &forms,
        errors: &[],
        notice: None,
        status: StatusCode::OK,
    };
    slots_page(&cx, &event, outcome, flash).await
}

/// The domain's messages with the form's field names: `name` of the adviser form becomes
/// `adviser_name`, `breaks[1].starts_at` of the plan form becomes `plan_break1_starts_at`.
fn prefixed(errors: &FieldErrors, cx: &StaffCtx, prefix: &str) -> Vec<FieldMessage> {
    let mut renamed = FieldErrors::new();
    for (field, e) in errors.iter() {
        let field = break_field(field)
            .map_or_else(|| field.to_owned(), |(i, part)| format!("break{i}_{part}"));
        renamed.add_with(
            format!("{prefix}{field}"),
            e.key,
            e.message.clone(),
            e.args.clone(),
        );
    }
    field_messages(&renamed, cx.lang, "staff-error-")
}

/// Renders the page again after a refused form: 422 with the messages, 409 with a notice.
async fn refused(
    cx: &StaffCtx,
    event: &Event,
    forms: &Forms,
    error: Error,
    prefix: &str,
) -> Result<Response, StaffError> {
    let again = Again::of(error)?;
    let errors = again
        .errors()
        .map(|errors| prefixed(errors, cx, prefix))
        .unwrap_or_default();
    let outcome = Outcome {
        forms,
        errors: &errors,
        notice: again.notice(cx.lang, "staff-conflict-"),
        status: again.status(),
    };
    slots_page(cx, event, outcome, None).await
}

fn done(event: &Event, what: &str, anchor: &str) -> Response {
    Redirect::to(&format!(
        "/staff/events/{}/slots?done={what}#{anchor}",
        event.id
    ))
    .into_response()
}

/// `POST /staff/events/{id}/advisers`: adds an adviser; 303 back, or the page with messages.
pub async fn add_adviser(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let mut forms = Forms::fresh(&event, cx.state.config.office.timezone);
    forms.adviser_name = fields.text("adviser_name").unwrap_or_default();
    forms.adviser_languages = fields.text("adviser_languages").unwrap_or_default();
    forms.adviser_location = fields.text("adviser_location").unwrap_or_default();
    let input = AdviserInput {
        name: Some(forms.adviser_name.clone()),
        languages: forms
            .adviser_languages
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(ToOwned::to_owned)
            .collect(),
        location: Some(forms.adviser_location.clone()),
    };
    match slots::add_adviser(&cx.state.db, event.id, input, cx.actor(), Utc::now()).await {
        Ok(adviser) => Ok(done(&event, "adviser", &format!("adviser-{}", adviser.id))),
        Err(e) => refused(&cx, &event, &forms, e, "adviser_").await,
    }
}

/// `POST /staff/events/{id}/slots`: lays out an adviser's slots; 303 back, or the page with
/// messages.
pub async fn generate(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let text = |name: &str| fields.text(name).unwrap_or_default();
    let forms = Forms {
        plan_adviser_id: text("plan_adviser_id"),
        plan_starts_at: text("plan_starts_at"),
        plan_ends_at: text("plan_ends_at"),
        plan_slot_minutes: text("plan_slot_minutes"),
        plan_gap_minutes: text("plan_gap_minutes"),
        plan_breaks: (0..BREAK_ROWS)
            .map(|i| {
                (
                    text(&format!("plan_break{i}_starts_at")),
                    text(&format!("plan_break{i}_ends_at")),
                )
            })
            .collect(),
        ..Forms::default()
    };
    let mut errors = FieldErrors::new();
    let mut number = |field: &str, value: &str, empty: Option<i64>| -> Option<i64> {
        let value = value.trim();
        if value.is_empty() {
            return empty;
        }
        value.parse().ok().or_else(|| {
            errors.add(field, "not_a_number", "must be a whole number");
            None
        })
    };
    let adviser_id = number("adviser_id", &forms.plan_adviser_id, None);
    let slot_minutes = number("slot_minutes", &forms.plan_slot_minutes, None);
    let gap_minutes = number("gap_minutes", &forms.plan_gap_minutes, Some(0));
    let breaks = forms
        .plan_breaks
        .iter()
        .enumerate()
        .filter(|(_, (s, e))| !s.trim().is_empty() || !e.trim().is_empty())
        .map(|(_, (s, e))| BreakInput {
            starts_at: Some(s.clone()),
            ends_at: Some(e.clone()),
        })
        .collect::<Vec<_>>();
    // Rows left empty are skipped, so the domain's break numbers follow the filled rows.
    let filled: Vec<usize> = forms
        .plan_breaks
        .iter()
        .enumerate()
        .filter(|(_, (s, e))| !s.trim().is_empty() || !e.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    let input = PlanInput {
        starts_at: Some(forms.plan_starts_at.clone()),
        ends_at: Some(forms.plan_ends_at.clone()),
        slot_minutes,
        gap_minutes,
        breaks,
    };
    let tz = cx.state.config.office.timezone;
    if !errors.is_empty() {
        // The form's own messages first, then the plan's for the other fields, in one round.
        if let Err(plan) = input.validate(tz) {
            for (field, e) in plan.iter() {
                errors.add_with(
                    renumber_break(field, &filled),
                    e.key,
                    e.message.clone(),
                    e.args.clone(),
                );
            }
        }
        return refused(&cx, &event, &forms, errors.into(), "plan_").await;
    }
    match slots::generate(
        &cx.state.db,
        event.id,
        adviser_id,
        input,
        tz,
        cx.actor(),
        Utc::now(),
    )
    .await
    {
        Ok(_) => Ok(done(
            &event,
            "generated",
            &format!("adviser-{}", adviser_id.unwrap_or_default()),
        )),
        Err(Error::Invalid(errors)) => {
            let mut renumbered = FieldErrors::new();
            for (field, e) in errors.iter() {
                let field = renumber_break(field, &filled);
                renumbered.add_with(field, e.key, e.message.clone(), e.args.clone());
            }
            refused(&cx, &event, &forms, renumbered.into(), "plan_").await
        }
        Err(e) => refused(&cx, &event, &forms, e, "plan_").await,
    }
}

/// `breaks[0].ends_at` of the domain is the first filled row of the form, which may be row 1.
fn renumber_break(field: &str, filled: &[usize]) -> String {
    break_field(field)
        .and_then(|(i, part)| Some(format!("breaks[{}].{part}", filled.get(i)?)))
        .unwrap_or_else(|| field.to_owned())
}

/// The break number and the part of a plan's field name such as `breaks[1].starts_at`.
fn break_field(field: &str) -> Option<(usize, &str)> {
    let (i, part) = field.strip_prefix("breaks[")?.split_once("].")?;
    Some((i.parse().ok()?, part))
}

/// `POST /staff/events/{id}/slots/book`: books a free slot for a family that holds a seat;
/// the family gets the same confirmation mail as when booking themselves.
pub async fn book(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let mut forms = Forms::fresh(&event, cx.state.config.office.timezone);
    forms.book_registration_id = fields.text("book_registration_id").unwrap_or_default();
    forms.book_slot_id = fields.text("book_slot_id").unwrap_or_default();
    let mut errors = FieldErrors::new();
    let mut pick = |field: &str, value: &str| -> Option<i32> {
        let parsed = value.trim().parse().ok();
        if parsed.is_none() {
            errors.add(field, "choose", "choose one from the list");
        }
        parsed
    };
    let reg_id = pick("registration_id", &forms.book_registration_id);
    let slot_id = pick("slot_id", &forms.book_slot_id);
    let (Some(reg_id), Some(slot_id)) = (reg_id, slot_id) else {
        return refused(&cx, &event, &forms, errors.into(), "book_").await;
    };
    match bookings::book_from_lists(
        &cx.state.db,
        event.id,
        reg_id,
        slot_id,
        cx.actor(),
        Utc::now(),
    )
    .await
    {
        // A second click on the same booking changes nothing and is not logged twice.
        Ok(slot) => Ok(done(&event, "booked", &format!("slot-{}", slot.id))),
        Err(e) => refused(&cx, &event, &forms, e, "book_").await,
    }
}

/// `GET /staff/slots/{id}/release`: asks before giving a family's slot back, as the family is
/// told by mail at once.
pub async fn confirm_release(cx: StaffCtx, Path(id): Path<String>) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let (slot, adviser) = slots::get_with_adviser(&cx.state.db, id).await?;
    let event = cx.reach_event(slot.event_id).await?;
    let Some(reg_id) = slot.registration_id.filter(|_| !slot.withdrawn) else {
        // Free already: back to the list.
        return Ok(done(&event, "released", &format!("slot-{id}")));
    };
    let family = registrations::get(&cx.state.db, reg_id).await?;
    cx.page(
        "staff/release.html",
        &format!("/staff/slots/{id}/release"),
        context! {
            event => ser(EventFacts::new(&event, &cx)),
            adviser => adviser.name,
            slot => context! {
                id,
                time => time_span(&cx, slot.starts_at, slot.ends_at),
                family => family.name,
            },
        },
    )
}

/// `POST /staff/slots/{id}/release`: gives a booked slot back on the family's behalf; the
/// family is told by mail.
pub async fn release(cx: StaffCtx, Path(id): Path<String>) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let (slot, _) = slots::get_with_adviser(&cx.state.db, id).await?;
    let event = cx.reach_event(slot.event_id).await?;
    let Some(reg_id) = slot.registration_id else {
        // Already free: nothing to do.
        return Ok(done(&event, "released", &format!("slot-{id}")));
    };
    match bookings::give_back(&cx.state.db, reg_id, id, cx.actor(), Utc::now()).await {
        Ok(_) => Ok(done(&event, "released", &format!("slot-{id}"))),
        Err(e) => {
            let forms = Forms::fresh(&event, cx.state.config.office.timezone);
            refused(&cx, &event, &forms, e, "release_").await
        }
    }
}

#[derive(Deserialize)]
pub struct ScheduleQuery {
    adviser: Option<String>,
}

/// `GET /staff/events/{id}/schedule`: one printed page per adviser with the time, family name,
/// language and interpreter need of each slot; `?adviser=ID` for one adviser.
pub async fn schedule(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    Query(query): Query<ScheduleQuery>,
) -> Result<Response, StaffError> {
    let schedule = slots::schedule(&cx.state.db, event.id).await?;
    let only = match query.adviser.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(text) => match path_id(text)
            .ok()
            .filter(|id| schedule.adviser(*id).is_some())
        {
            Some(id) => Some(id),
            None => return Err(StaffError(Error::NotFound)),
        },
    };
    let regs = registrations::all_for_event(&cx.state.db, event.id).await?;
    let tz = cx.state.config.office.timezone;
    cx.page(
        "staff/schedule.html",
        &format!("/staff/events/{}/schedule", event.id),
        context! {
            event => ser(EventFacts::new(&event, &cx)),
            date => i18n::format_date(event.spec.starts_at, tz, cx.lang),
            advisers => ser(blocks(&cx, &schedule, &regs, only, Utc::now())),
            printed => i18n::format_date_time(Utc::now(), tz, cx.lang),
        },
    )
}
