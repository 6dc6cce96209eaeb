//! Exports of an event's registrations: CSV that German Excel opens right (UTF-8 with a byte
//! order mark, `;` between fields) and XLSX.
//!
//! Both are served under `/api/v1/events/{id}/registrations.{csv,xlsx}` to API tokens and to
//! signed-in staff alike; the staff pages link there. Every export is written to the audit log.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum_login::AuthSession;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::events::Event;
use crate::i18n::{self, Lang};
use crate::registrations::Registration;
use crate::staff::audit::Actor;
use crate::staff::auth::Backend;
use crate::staff::points::Scope;
use crate::web::AppState;
use crate::web::extract::MaybeStaff;

/// A staff member asking for an export, by API token or by session; 401 otherwise.
pub struct Exporter {
    pub actor: Actor,
    /// The service points whose events the exporter reaches.
    pub scope: Scope,
}

impl FromRequestParts<AppState> for Exporter {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if parts.headers.contains_key(AUTHORIZATION) {
            let MaybeStaff(member) = MaybeStaff::from_request_parts(parts, state).await?;
            return member
                .map(|m| Self {
                    actor: m.actor(),
                    scope: m.scope,
                })
                .ok_or(Error::Unauthorized);
        }
        parts
            .extensions
            .get::<AuthSession<Backend>>()
            .and_then(|a| a.user.as_ref())
            // A partner's person exports nothing.
            .filter(|u| !u.is_partner())
            .map(|u| Self {
                actor: Actor::Staff(u.id),
                scope: u.scope.clone(),
            })
            .ok_or(Error::Unauthorized)
    }
}

const COLUMNS: &[&str] = &[
    "id",
    "status",
    "name",
    "email",
    "phone",
    "party_size",
    "language",
    "interpreter",
    "needs",
    "via_waitlist",
    "source",
    "created_at",
    "checked_in_at",
    "partner",
];

/// One row of text cells, in the order of [`COLUMNS`].
/// The names of partner organisations, by id.
pub type PartnerNames = std::collections::HashMap<i32, String>;

fn cells(reg: &Registration, partners: &PartnerNames, tz: Tz, lang: Lang) -> Vec<String> {
    let time = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let yes_no = |b: bool| i18n::text(lang, if b { "staff-yes" } else { "staff-no" }, &[]);
    vec![
        reg.id.to_string(),
        i18n::text(lang, &format!("staff-status-{}", reg.status), &[]),
        reg.name.clone(),
        reg.email.clone().unwrap_or_default(),
        reg.phone.clone().unwrap_or_default(),
        reg.party_size.to_string(),
        reg.language.code().to_owned(),
        reg.interpreter.clone().unwrap_or_default(),
        reg.needs.clone(),
        yes_no(reg.via_waitlist),
        i18n::text(lang, &format!("staff-source-{}", reg.source), &[]),
        time(reg.created_at),
        reg.checked_in_at.map(time).unwrap_or_default(),
        reg.partner_id
            .map(|id| {
                partners
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("#{id}"))
            })
            .unwrap_or_default(),
    ]
}

fn headers(lang: Lang) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| i18n::text(lang, &format!("staff-column-{c}"), &[]))
        .collect()
}

/// A spreadsheet must not run what people typed into the public form: a cell that would start
/// a formula gets a leading apostrophe, as spreadsheet programs expect.
pub(crate) fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The registrations as CSV: UTF-8 with a byte order mark and `;` between fields, as German
/// Excel reads it without an import dialogue.
///
/// # Errors
/// Writing failed (`Internal`).
pub fn csv(regs: &[Registration], partners: &PartnerNames, tz: Tz, lang: Lang) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer
            .write_record(headers(lang))
            .map_err(|e| Error::Internal(e.into()))?;
        for reg in regs {
            // Free text only: the phone is validated to digits and `+-/() `, and Excel shows
            // `+49 …` as typed.
            let row: Vec<String> = cells(reg, partners, tz, lang)
                .into_iter()
                .zip(COLUMNS)
                .map(|(cell, column)| {
                    if matches!(*column, "name" | "email" | "needs") {
                        defuse(cell)
                    } else {
                        cell
                    }
                })
                .collect();
            writer
                .write_record(row)
                .map_err(|e| Error::Internal(e.into()))?;
        }
        writer.flush().map_err(|e| Error::Internal(e.into()))?;
    }
    Ok(out)
}

/// The registrations as an Excel workbook: one sheet named after the event's date, a bold
/// header row, numbers as numbers.
///
/// # Errors
/// Writing failed (`Internal`).
pub fn xlsx(
    event: &Event,
    regs: &[Registration],
    partners: &PartnerNames,
    tz: Tz,
    lang: Lang,
) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let internal = |e: rust_xlsxwriter::XlsxError| Error::Internal(anyhow::anyhow!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let name = event
        .spec
        .starts_at
        .with_timezone(&tz)
        .format("%Y-%m-%d")
        .to_string();
    sheet.set_name(&name).map_err(internal)?;
    let bold = Format::new().set_bold();
    for (col, title) in (0u16..).zip(headers(lang)) {
        sheet
            .write_string_with_format(0, col, title, &bold)
            .map_err(internal)?;
    }
    for (row, reg) in (1u32..).zip(regs) {
        for (col, cell) in (0u16..).zip(cells(reg, partners, tz, lang)) {
            let numeric =
                COLUMNS[usize::from(col)] == "id" || COLUMNS[usize::from(col)] == "party_size";
            match cell.parse::<f64>() {
                Ok(n) if numeric => sheet.write_number(row, col, n),
                _ => sheet.write_string(row, col, cell),
            }
            .map_err(internal)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(internal)?;
    sheet.autofit();
    book.save_to_buffer().map_err(internal)
}

/// A file name for an export: the event's slug and the extension.
#[must_use]
pub fn file_name(event: &Event, extension: &str) -> String {
    format!("anmeldungen-{}.{extension}", event.slug)
}
