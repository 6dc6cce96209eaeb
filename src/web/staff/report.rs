//! The report for the funder under `/staff/report`: the anonymous figures of a year, per month
//! or per year, as a page and as CSV (for German Excel, like the registrations export) or XLSX.
//! Every export is written to the audit log. The report holds counts only, never a name.

use std::collections::HashMap;

use axum::extract::Query;
use axum::response::Response;
use chrono::{Datelike, Utc};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::export::defuse;
use super::{StaffCtx, StaffError};
use crate::documents::report::{period_label, town_label};
use crate::error::{Error, Result};
use crate::figures::Figures;
use crate::figures::report::{self, Grouping, Report};
use crate::i18n::{self, Lang};
use crate::staff::audit::{Action, Target};

/// `?year=2027&per=month`; anything missing or unreadable falls back to the current year and
/// per month.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    year: Option<String>,
    per: Option<String>,
    /// One service point's figures; else those of every point within reach.
    point: Option<String>,
}

impl ReportQuery {
    fn read(&self, cx: &StaffCtx) -> (i32, Grouping) {
        let this_year = Utc::now()
            .with_timezone(&cx.state.config.office.timezone)
            .year();
        let year = self
            .year
            .as_deref()
            .and_then(|y| y.trim().parse::<i32>().ok())
            .filter(|y| (1970..=9998).contains(y))
            .unwrap_or(this_year);
        let grouping = self
            .per
            .as_deref()
            .and_then(Grouping::parse)
            .unwrap_or(Grouping::Month);
        (year, grouping)
    }
}

/// The counts of one row, as shown and exported.
#[derive(Debug, Clone, Copy, Serialize)]
struct Counts {
    registrations: i32,
    people: i32,
    attended_registrations: i32,
    attended_people: i32,
    no_shows: i32,
}

impl From<Figures> for Counts {
    fn from(f: Figures) -> Self {
        Self {
            registrations: f.registrations,
            people: f.people,
            attended_registrations: f.attended_registrations,
            attended_people: f.attended_people,
            no_shows: f.no_shows(),
        }
    }
}

#[derive(Serialize)]
struct EventView {
    id: i32,
    day: String,
    date: String,
    title: String,
    kind: String,
    town: String,
    status: String,
    status_code: String,
    counted: bool,
    counts: Counts,
}

#[derive(Serialize)]
struct GroupView {
    label: String,
    events: Option<i32>,
    counts: Counts,
}

#[derive(Serialize)]
struct PeriodView {
    label: String,
    events: Vec<EventView>,
    counted_events: i32,
    total: Counts,
    by_kind: Vec<GroupView>,
    by_town: Vec<GroupView>,
    by_language: Vec<GroupView>,
    by_interpreter: Vec<GroupView>,
    by_point: Vec<GroupView>,
    by_partner: Vec<GroupView>,
}

/// The names of service points and partners, by id, for the report's groups.
struct Names {
    points: HashMap<i32, String>,
    partners: HashMap<i32, String>,
}

fn named(names: &HashMap<i32, String>, id: i32) -> String {
    names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

fn view(report: &Report, cx: &StaffCtx, names: &Names) -> Vec<PeriodView> {
    let (lang, tz) = (cx.lang, cx.state.config.office.timezone);
    let kind = |k: &str| i18n::text(lang, &format!("kind-{k}"), &[]);
    let language_rows = |map: &std::collections::BTreeMap<String, Figures>| {
        map.iter()
            .map(|(l, f)| GroupView {
                label: l.clone(),
                events: None,
                counts: (*f).into(),
            })
            .collect()
    };
    report
        .periods
        .iter()
        .map(|p| PeriodView {
            label: period_label(p, lang),
            events: p
                .events
                .iter()
                .map(|e| EventView {
                    id: e.event_id,
                    day: e
                        .starts_at
                        .with_timezone(&tz)
                        .format("%Y-%m-%d")
                        .to_string(),
                    date: i18n::format_date(e.starts_at, tz, lang),
                    title: e.title.clone(),
                    kind: kind(&e.kind),
                    town: town_label(e.town.as_deref().unwrap_or_default(), lang),
                    status: i18n::text(lang, &format!("staff-event-status-{}", e.status), &[]),
                    status_code: e.status.clone(),
                    counted: e.counted,
                    counts: e.figures.into(),
                })
                .collect(),
            counted_events: p.sums.events,
            total: p.sums.total.into(),
            by_kind: p
                .sums
                .by_kind
                .iter()
                .map(|(k, g)| GroupView {
                    label: kind(k),
                    events: Some(g.events),
                    counts: g.figures.into(),
                })
                .collect(),
            by_town: p
                .sums
                .by_town
                .values()
                .map(|t| GroupView {
                    label: town_label(&t.name, lang),
                    events: Some(t.group.events),
                    counts: t.group.figures.into(),
                })
                .collect(),
            by_language: language_rows(&p.sums.by_language),
            by_interpreter: language_rows(&p.sums.by_interpreter),
            // A sum by point says something only where there are several.
            by_point: p
                .sums
                .by_point
                .iter()
                .filter(|_| p.sums.by_point.len() > 1)
                .map(|(id, g)| GroupView {
                    label: named(&names.points, *id),
                    events: Some(g.events),
                    counts: g.figures.into(),
                })
                .collect(),
            by_partner: p
                .sums
                .by_partner
                .iter()
                .map(|(id, f)| GroupView {
                    label: named(&names.partners, *id),
                    events: None,
                    counts: (*f).into(),
                })
                .collect(),
        })
        .collect()
}

async fn load(cx: &StaffCtx, query: &ReportQuery) -> Result<(Report, Vec<PeriodView>), StaffError> {
    let (year, grouping) = query.read(cx);
    let tz = cx.state.config.office.timezone;
    let scope = report::Scope {
        points: cx.report_points(query.point.as_deref())?,
        ..report::Scope::default()
    };
    let report = report::build_in(&cx.state.db, year, grouping, tz, &scope).await?;
    let names = Names {
        points: crate::staff::points::list(&cx.state.db, &cx.state.config.office)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
        partners: crate::partners::names(&cx.state.db).await?,
    };
    let periods = view(&report, cx, &names);
    Ok((report, periods))
}

/// `GET /staff/report`: the figures of a year, per month or per year.
pub async fn report_page(
    cx: StaffCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response, StaffError> {
    let (report, periods) = load(&cx, &query).await?;
    let years = report::years(&cx.state.db, cx.state.config.office.timezone, Utc::now()).await?;
    let mut years: Vec<i32> = years;
    if !years.contains(&report.year) {
        years.push(report.year);
        years.sort_unstable();
    }
    let point = query
        .point
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    let points: Vec<_> = cx
        .reachable_points()
        .await?
        .into_iter()
        .map(|p| context! { id => p.id.to_string(), name => p.name })
        .collect();
    let query = match &point {
        Some(p) => format!(
            "year={}&per={}&point={p}",
            report.year,
            report.grouping.as_str()
        ),
        None => format!("year={}&per={}", report.year, report.grouping.as_str()),
    };
    cx.page(
        "staff/report.html",
        "/staff/report",
        context! {
            year => report.year,
            per => report.grouping.as_str(),
            years,
            query,
            points,
            point,
            periods => crate::web::pages::ser(periods),
        },
    )
}

/// The columns of the exports, in order.
const COLUMNS: &[&str] = &[
    "period",
    "row",
    "date",
    "title",
    "kind",
    "town",
    "status",
    "group",
    "events",
    "registrations",
    "people",
    "attended_registrations",
    "attended_people",
    "no_shows",
];

/// Index of the first numeric column.
const FIRST_NUMBER: usize = 8;

/// One export row: texts, then numbers (`None` for an empty cell).
struct Line {
    texts: [String; FIRST_NUMBER],
    numbers: [Option<i32>; 6],
}

fn numbers(events: Option<i32>, c: Counts) -> [Option<i32>; 6] {
    [
        events,
        Some(c.registrations),
        Some(c.people),
        Some(c.attended_registrations),
        Some(c.attended_people),
        Some(c.no_shows),
    ]
}

/// The report as one table: per period its events, then its sums in total, by kind, by town,
/// by language and by interpreter language.
fn lines(periods: &[PeriodView], lang: Lang) -> Vec<Line> {
    let row = |kind: &str| i18n::text(lang, &format!("staff-report-row-{kind}"), &[]);
    let mut out = Vec::new();
    for p in periods {
        for e in &p.events {
            out.push(Line {
                texts: [
                    p.label.clone(),
                    row("event"),
                    e.day.clone(),
                    e.title.clone(),
                    e.kind.clone(),
                    e.town.clone(),
                    e.status.clone(),
                    String::new(),
                ],
                numbers: numbers(None, e.counts),
            });
        }
        let mut sum = |kind: &str, label: String, events: Option<i32>, counts: Counts| {
            out.push(Line {
                texts: [
                    p.label.clone(),
                    row(kind),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    label,
                ],
                numbers: numbers(events, counts),
            });
        };
        sum("total", String::new(), Some(p.counted_events), p.total);
        for (kind, groups) in [
            ("kind", &p.by_kind),
            ("town", &p.by_town),
            ("language", &p.by_language),
            ("interpreter", &p.by_interpreter),
            ("point", &p.by_point),
            ("partner", &p.by_partner),
        ] {
            for g in groups {
                sum(kind, g.label.clone(), g.events, g.counts);
            }
        }
    }
    out
}

fn headers(lang: Lang) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| i18n::text(lang, &format!("staff-report-column-{c}"), &[]))
        .collect()
}

fn csv(periods: &[PeriodView], lang: Lang) -> Result<Vec<u8>> {
    let internal = |e: csv::Error| Error::Internal(e.into());
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(headers(lang)).map_err(internal)?;
        for line in lines(periods, lang) {
            let record: Vec<String> = line
                .texts
                .into_iter()
                .map(defuse)
                .chain(
                    line.numbers
                        .iter()
                        .map(|n| n.map(|n| n.to_string()).unwrap_or_default()),
                )
                .collect();
            writer.write_record(record).map_err(internal)?;
        }
        writer.flush().map_err(|e| Error::Internal(e.into()))?;
    }
    Ok(out)
}

fn xlsx(periods: &[PeriodView], year: i32, lang: Lang) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let internal = |e: rust_xlsxwriter::XlsxError| Error::Internal(anyhow::anyhow!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(year.to_string()).map_err(internal)?;
    let bold = Format::new().set_bold();
    for (col, title) in (0u16..).zip(headers(lang)) {
        sheet
            .write_string_with_format(0, col, title, &bold)
            .map_err(internal)?;
    }
    for (row, line) in (1u32..).zip(lines(periods, lang)) {
        for (col, text) in (0u16..).zip(line.texts) {
            if !text.is_empty() {
                sheet.write_string(row, col, text).map_err(internal)?;
            }
        }
        for (col, number) in (0u16..).skip(FIRST_NUMBER).zip(line.numbers) {
            if let Some(n) = number {
                sheet
                    .write_number(row, col, f64::from(n))
                    .map_err(internal)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(internal)?;
    sheet.autofit();
    book.save_to_buffer().map_err(internal)
}

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Xlsx,
}

async fn export(cx: StaffCtx, query: ReportQuery, format: Format) -> Result<Response, StaffError> {
    let (report, periods) = load(&cx, &query).await?;
    let (body, content_type, extension, action) = match format {
        Format::Csv => (
            csv(&periods, cx.lang),
            "text/csv; charset=utf-8",
            "csv",
            Action::ExportedReportCsv,
        ),
        Format::Xlsx => (
            xlsx(&periods, report.year, cx.lang),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            Action::ExportedReportXlsx,
        ),
    };
    let body = body?;
    cx.audit(action, Target::default()).await?;
    tracing::info!(
        staff.id = cx.user.id,
        year = report.year,
        per = report.grouping.as_str(),
        format = extension,
        "report exported"
    );
    let name = format!(
        "bericht-{}-{}.{extension}",
        report.year,
        report.grouping.as_str()
    );
    Ok(crate::web::attachment(content_type, &name, body))
}

/// `GET /staff/report.csv`: the report as CSV for German Excel.
pub async fn report_csv(
    cx: StaffCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response, StaffError> {
    export(cx, query, Format::Csv).await
}

/// `GET /staff/report.xlsx`: the report as an Excel workbook.
pub async fn report_xlsx(
    cx: StaffCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response, StaffError> {
    export(cx, query, Format::Xlsx).await
}
