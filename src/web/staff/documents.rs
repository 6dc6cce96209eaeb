//! The PDF documents on the staff pages: the sign-in sheet of an event and of an adviser's
//! counselling days, attendance certificates (one person, or everyone checked in), and the
//! funder's report. Each download is written to the audit log: they carry names.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;

use super::{StaffCtx, StaffError, StaffEvent, path_id};
use crate::documents::certificate::{self, Certificate};
use crate::documents::sheet::{self, Row, Sheet};
use crate::documents::{self, report as report_pdf};
use crate::error::Error;
use crate::events::{Event, Kind};
use crate::figures::report::{self, Grouping};
use crate::i18n::{self, Lang};
use crate::registrations::{self, RegStatus, Registration};
use crate::staff::audit::{Action, Target};
use crate::staff::points;
use crate::web::form::FormFields;

fn pdf(body: Vec<u8>, filename: &str) -> Response {
    crate::web::attachment("application/pdf", filename, body)
}

/// `GET /staff/events/{id}/sign-in-sheet.pdf`: everyone with a confirmed seat, by name, and
/// spare rows.
pub async fn sign_in_sheet(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    let rows = registrations::all_for_event(&cx.state.db, event.id)
        .await?
        .into_iter()
        .filter(|r| r.status == RegStatus::Confirmed || r.checked_in_at.is_some())
        .map(|r| Row {
            name: r.name,
            party_size: r.party_size,
            town: None,
            time: None,
        })
        .collect();
    let sheet = Sheet {
        head: document_head(&cx, &event).await?,
        subtitle: None,
        rows,
    };
    let body = sheet::render(&sheet, cx.lang)?;
    cx.audit(Action::SignInSheetPrinted, Target::event(event.id))
        .await?;
    tracing::info!(
        staff.id = cx.user.id,
        event.id = event.id,
        "sign-in sheet made"
    );
    Ok(pdf(body, &format!("unterschriften-{}.pdf", event.id)))
}

/// `GET /staff/events/{id}/advisers/{adviser_id}/sign-in-sheet.pdf`: the adviser's booked
/// slots, one sheet per day, in the order of the day.
pub async fn adviser_sheet(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    Path((_, adviser_id)): Path<(String, String)>,
) -> Result<Response, StaffError> {
    let adviser_id = path_id(&adviser_id)?;
    let schedule = crate::slots::schedule(&cx.state.db, event.id).await?;
    let adviser = schedule
        .advisers
        .iter()
        .find(|a| a.id == adviser_id)
        .ok_or_else(|| StaffError(Error::NotFound))?;
    let people: BTreeMap<i32, Registration> = registrations::all_for_event(&cx.state.db, event.id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let tz = cx.state.config.office.timezone;
    let mut days: BTreeMap<chrono::NaiveDate, Vec<Row>> = BTreeMap::new();
    for slot in schedule.slots.iter().filter(|s| s.adviser_id == adviser.id) {
        let day = slot.starts_at.with_timezone(&tz).date_naive();
        let booked = slot.registration_id.and_then(|id| people.get(&id));
        let time = format!(
            "{}–{}",
            slot.starts_at.with_timezone(&tz).format("%H:%M"),
            slot.ends_at.with_timezone(&tz).format("%H:%M")
        );
        days.entry(day).or_default().push(Row {
            name: booked.map(|r| r.name.clone()).unwrap_or_default(),
            party_size: booked.map_or(0, |r| r.party_size),
            town: None,
            time: Some(time),
        });
    }
    let head = document_head(&cx, &event).await?;
    let sheets: Vec<Sheet> = days
        .into_iter()
        .map(|(day, rows)| {
            let date = day
                .and_hms_opt(12, 0, 0)
                .map(|t| i18n::format_date(t.and_utc(), tz, cx.lang))
                .unwrap_or_default();
            let mut subtitle = format!("{} · {date}", adviser.name);
            if !adviser.location.is_empty() {
                subtitle = format!("{subtitle} · {}", adviser.location);
            }
            Sheet {
                head: head.clone(),
                subtitle: Some(subtitle),
                rows,
            }
        })
        .collect();
    let sheets = if sheets.is_empty() {
        vec![Sheet {
            head,
            subtitle: Some(adviser.name.clone()),
            rows: Vec::new(),
        }]
    } else {
        sheets
    };
    let body = sheet::render_all(&sheets, cx.lang)?;
    cx.audit(Action::SignInSheetPrinted, Target::event(event.id))
        .await?;
    tracing::info!(
        staff.id = cx.user.id,
        event.id = event.id,
        adviser.id = adviser.id,
        "sign-in sheet of an adviser made"
    );
    Ok(pdf(
        body,
        &format!("unterschriften-{}-{}.pdf", event.id, adviser.id),
    ))
}

/// The service point's name and funder's line, for the head of a document about its event.
async fn letterhead(cx: &StaffCtx, event: &Event) -> Result<(String, String), StaffError> {
    let point = points::get(&cx.state.db, event.point_id, &cx.state.config.office).await?;
    Ok((point.name, point.funder))
}

/// The head of a document about `event`: the event, and its service point's letterhead.
async fn document_head(cx: &StaffCtx, event: &Event) -> Result<documents::EventHead, StaffError> {
    let mut head = documents::head_of(event, &cx.state.config, cx.lang);
    (head.office, head.funder) = letterhead(cx, event).await?;
    Ok(head)
}

fn certificate_of(
    letterhead: &(String, String),
    event: &Event,
    name: String,
    language: Lang,
) -> Certificate {
    Certificate {
        office: letterhead.0.clone(),
        funder: letterhead.1.clone(),
        name,
        title: event.spec.title.clone(),
        starts_at: event.spec.starts_at,
        ends_at: event.spec.ends_at,
        place: documents::place_of(event),
        language,
    }
}

/// `GET /staff/events/{id}/certificates.pdf`: a certificate for everyone checked in, by name;
/// after the purge, from the kept attendance (in German only: the language is not kept).
pub async fn certificates(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    let mut came: Vec<Registration> = registrations::all_for_event(&cx.state.db, event.id)
        .await?
        .into_iter()
        .filter(|r| r.checked_in_at.is_some() && !r.name.trim().is_empty())
        .collect();
    came.sort_by_cached_key(|r| (crate::proof::sort_key(&r.name), r.id));
    let letterhead = letterhead(&cx, &event).await?;
    let mut list: Vec<Certificate> = came
        .into_iter()
        .map(|r| certificate_of(&letterhead, &event, r.name, r.language))
        .collect();
    if list.is_empty() {
        list = crate::proof::of_event(&cx.state.db, event.id)
            .await?
            .into_iter()
            .map(|k| certificate_of(&letterhead, &event, k.name, Lang::De))
            .collect();
    }
    if list.is_empty() {
        return Err(StaffError(Error::conflict(
            "nobody_checked_in",
            "nobody was checked in at this event",
        )));
    }
    let body = certificate::render(&list, cx.state.config.office.timezone)?;
    cx.audit(Action::CertificatesDownloaded, Target::event(event.id))
        .await?;
    tracing::info!(
        staff.id = cx.user.id,
        event.id = event.id,
        certificates = list.len(),
        "certificates made"
    );
    Ok(pdf(body, &format!("bescheinigungen-{}.pdf", event.id)))
}

/// `GET /staff/registrations/{id}/certificate.pdf`: the certificate of one person checked in.
pub async fn certificate(cx: StaffCtx, Path(id): Path<String>) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let reg = registrations::get(&cx.state.db, id).await?;
    let event = cx.reach_event(reg.event_id).await?;
    if reg.checked_in_at.is_none() || reg.name.trim().is_empty() {
        return Err(StaffError(Error::conflict(
            "not_checked_in",
            "the person was not checked in",
        )));
    }
    let letterhead = letterhead(&cx, &event).await?;
    let one = certificate_of(&letterhead, &event, reg.name.clone(), reg.language);
    let body = certificate::render(&[one], cx.state.config.office.timezone)?;
    cx.audit(
        Action::CertificatesDownloaded,
        Target::registration(event.id, reg.id),
    )
    .await?;
    tracing::info!(
        staff.id = cx.user.id,
        registration.id = reg.id,
        "certificate made"
    );
    Ok(pdf(body, &format!("bescheinigung-{}.pdf", reg.id)))
}

/// `?year=2027&per=month&kind=info_day&town=Essen`; as the report page, with an optional kind
/// and town that narrow the events.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    year: Option<String>,
    per: Option<String>,
    kind: Option<String>,
    town: Option<String>,
    /// One service point's figures; else those of every point within reach.
    point: Option<String>,
}

/// `GET /staff/report.pdf`: the report as a PDF for the funder's files, with the kept
/// attendance of its events as an appendix.
pub async fn report(
    cx: StaffCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response, StaffError> {
    let tz = cx.state.config.office.timezone;
    let year = query
        .year
        .as_deref()
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| (1970..=9998).contains(y))
        .unwrap_or_else(|| Utc::now().with_timezone(&tz).year());
    let grouping = query
        .per
        .as_deref()
        .and_then(Grouping::parse)
        .unwrap_or(Grouping::Month);
    let kind = query.kind.as_deref().and_then(Kind::parse);
    let town = query
        .town
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let reach = cx.report_points(query.point.as_deref())?;
    let scope = report::Scope {
        kind: kind.map(|k| k.as_str().to_owned()),
        town: town.clone(),
        points: reach.clone(),
    };
    let built = report::build_in(&cx.state.db, year, grouping, tz, &scope).await?;
    let events: std::collections::HashSet<i32> = built
        .periods
        .iter()
        .flat_map(|p| p.events.iter().filter(|e| e.counted).map(|e| e.event_id))
        .collect();
    let (from, until) = report::year_bounds(year, tz).ok_or_else(|| StaffError(Error::NotFound))?;
    let kept: Vec<crate::proof::Kept> = crate::proof::between(&cx.state.db, from, until)
        .await?
        .into_iter()
        .filter(|k| events.contains(&k.event_id))
        .collect();
    let mut lines = Vec::new();
    if let Some(kind) = kind {
        let label = i18n::text(cx.lang, &format!("kind-{}", kind.as_str()), &[]);
        lines.push(i18n::text(
            cx.lang,
            "doc-report-scope-kind",
            &[("kind", FluentValue::from(label))],
        ));
    }
    if let Some(town) = &town {
        lines.push(i18n::text(
            cx.lang,
            "doc-report-scope-town",
            &[("town", FluentValue::from(town.as_str()))],
        ));
    }
    // A report of one service point carries its name and its funder's line.
    let (office, funder) = match reach.as_deref() {
        Some([only]) => {
            let point = points::get(&cx.state.db, *only, &cx.state.config.office).await?;
            (point.name, point.funder)
        }
        _ => (
            cx.state.config.office.name.clone(),
            cx.state.config.office.funder.clone(),
        ),
    };
    let head = report_pdf::Head {
        office,
        funder,
        scope: lines,
        point_names: points::list(&cx.state.db, &cx.state.config.office)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
        partner_names: crate::partners::names(&cx.state.db).await?,
    };
    let body = report_pdf::render(&built, &kept, &head, cx.lang, tz)?;
    cx.audit(Action::ExportedReportPdf, Target::default())
        .await?;
    tracing::info!(
        staff.id = cx.user.id,
        year,
        per = grouping.as_str(),
        format = "pdf",
        "report exported"
    );
    Ok(pdf(
        body,
        &format!("bericht-{year}-{}.pdf", grouping.as_str()),
    ))
}

/// `POST /staff/events/{id}/certificate-mail` with `on` = `1` or `0`: switches the mailing of
/// the certificates after the event; back to the event's page.
pub async fn switch_certificate_mail(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = event.id;
    let fields = fields?;
    let on = match fields.get("on") {
        Some("1") => true,
        Some("0") => false,
        _ => return Err(StaffError(Error::BadRequest("on must be 1 or 0".into()))),
    };
    crate::proof::certificate_mail::switch(&cx.state.db, id, on, cx.actor(), Utc::now()).await?;
    Ok(Redirect::to(&format!("/staff/events/{id}#certificates")).into_response())
}
