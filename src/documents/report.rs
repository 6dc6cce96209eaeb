//! The funder's report as PDF: the period and its scope in the head, per period the events
//! with their figures and the sums, and as an appendix the attendance kept as proof for the
//! events of the report.

use std::collections::{BTreeMap, HashMap};

use chrono_tz::Tz;

use super::canvas::{Align, Canvas, HEIGHT, MARGIN, WIDTH};
use super::sheet::page_line;
use super::text::{Base, Weight, shape, truncated};
use crate::error::Result;
use crate::figures::Figures;
use crate::figures::report::{Period, Report};
use crate::i18n::{self, Lang};
use crate::proof::Kept;

/// The head of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub office: String,
    pub funder: String,
    /// What the report covers beyond the year: a kind, a town (already labelled).
    pub scope: Vec<String>,
    /// The names of the service points and partners its sums name, by id.
    pub point_names: HashMap<i32, String>,
    pub partner_names: HashMap<i32, String>,
}

fn named(names: &HashMap<i32, String>, id: i32) -> String {
    names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

const ROW: f32 = 15.0;
const BOTTOM: f32 = HEIGHT - MARGIN - 10.0;
/// Left edges of the columns date, title, kind, town, then the right edges of the five numbers.
const TEXT_COLUMNS: [f32; 4] = [MARGIN, MARGIN + 56.0, MARGIN + 176.0, MARGIN + 276.0];
const NUMBER_COLUMNS: [f32; 5] = [
    MARGIN + 387.0,
    MARGIN + 414.0,
    MARGIN + 441.0,
    MARGIN + 468.0,
    WIDTH - MARGIN,
];
/// Where the texts of a row end: before the first number.
const TEXT_END: f32 = MARGIN + 365.0;

struct Writer<'a> {
    canvas: Canvas,
    y: f32,
    lang: Lang,
    head: &'a Head,
}

impl Writer<'_> {
    fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key, &[])
    }

    /// Makes room for `height`, on a new page if needed.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.canvas.page();
            self.y = MARGIN + 10.0;
        }
    }

    fn line(&mut self, text: &str, weight: Weight, size: f32) {
        self.room(size * 1.5);
        let width = WIDTH - 2.0 * MARGIN;
        self.canvas.fitted(
            shape(text, weight, Base::Auto),
            MARGIN,
            self.y,
            size,
            width,
            Align::Left,
        );
        self.y += size * 1.5;
    }

    fn numbers_head(&mut self) {
        self.room(ROW * 2.0);
        for (i, x) in NUMBER_COLUMNS.iter().enumerate() {
            let label = format!("({})", i + 1);
            self.canvas.text(
                shape(&label, Weight::Bold, Base::Ltr),
                *x,
                self.y,
                8.0,
                Align::Right,
            );
        }
        self.y += 4.0;
        self.canvas
            .rule((MARGIN, self.y), (WIDTH - MARGIN, self.y), 0.6);
        self.y += ROW - 4.0;
    }

    fn row(&mut self, texts: &[String], numbers: [i32; 5], weight: Weight) {
        self.room(ROW);
        for (i, text) in texts.iter().enumerate().take(TEXT_COLUMNS.len()) {
            // The last text of a row may use the room of the columns it leaves empty.
            let right = if i + 1 == texts.len() {
                TEXT_END
            } else {
                TEXT_COLUMNS.get(i + 1).copied().unwrap_or(TEXT_END)
            };
            let line = truncated(text, weight, Base::Auto, 8.5, right - TEXT_COLUMNS[i] - 4.0);
            self.canvas
                .text(line, TEXT_COLUMNS[i], self.y, 8.5, Align::Left);
        }
        for (i, n) in numbers.iter().enumerate() {
            self.canvas.text(
                shape(&n.to_string(), weight, Base::Ltr),
                NUMBER_COLUMNS[i],
                self.y,
                8.5,
                Align::Right,
            );
        }
        self.y += ROW;
    }
}

fn numbers(f: Figures) -> [i32; 5] {
    [
        f.registrations,
        f.people,
        f.attended_registrations,
        f.attended_people,
        f.no_shows(),
    ]
}

/// A period as the report names it: "März 2027", or the year alone.
#[must_use]
pub fn period_label(period: &Period, lang: Lang) -> String {
    match period.month {
        Some(m) => format!(
            "{} {}",
            i18n::text(lang, &format!("staff-month-{m}"), &[]),
            period.year
        ),
        None => period.year.to_string(),
    }
}

/// A town as the report names it; events without one are online.
#[must_use]
pub fn town_label(town: &str, lang: Lang) -> String {
    if town.is_empty() {
        i18n::text(lang, "staff-report-online", &[])
    } else {
        town.to_owned()
    }
}

/// The report as PDF in `lang`, with the kept attendance of its events as an appendix.
///
/// # Errors
/// The PDF could not be written.
pub fn render(report: &Report, kept: &[Kept], head: &Head, lang: Lang, tz: Tz) -> Result<Vec<u8>> {
    let mut w = Writer {
        canvas: Canvas::new(),
        y: MARGIN + 10.0,
        lang,
        head,
    };
    w.canvas.page();
    w.line(&w.head.office.clone(), Weight::Bold, 11.0);
    if !w.head.funder.is_empty() {
        w.line(&w.head.funder.clone(), Weight::Regular, 8.5);
    }
    w.y += 8.0;
    let title = format!("{} {}", w.t("doc-report-title"), report.year);
    w.line(&title, Weight::Bold, 16.0);
    for scope in &head.scope {
        w.line(scope, Weight::Regular, 10.0);
    }
    let legend = [
        "staff-report-column-registrations",
        "staff-report-column-people",
        "staff-report-column-attended_registrations",
        "staff-report-column-attended_people",
        "staff-report-column-no_shows",
    ]
    .iter()
    .enumerate()
    .map(|(i, k)| format!("({}) {}", i + 1, w.t(k)))
    .collect::<Vec<_>>()
    .join(" · ");
    let width = WIDTH - 2.0 * MARGIN;
    w.y = w.canvas.paragraph(
        &legend,
        Weight::Regular,
        Base::Auto,
        MARGIN,
        w.y,
        width,
        8.0,
    ) + 6.0;
    for period in &report.periods {
        period_section(&mut w, period, tz);
    }
    appendix(&mut w, kept, tz);
    let name = w.t("doc-report-title");
    let office = head.office.clone();
    w.canvas.finish(&title, lang.code(), |page, pages| {
        page_line(lang, &office, &name, page, pages)
    })
}

fn period_section(w: &mut Writer<'_>, period: &Period, tz: Tz) {
    let lang = w.lang;
    w.y += 6.0;
    w.room(ROW * 4.0);
    w.line(&period_label(period, lang), Weight::Bold, 12.0);
    w.numbers_head();
    for e in &period.events {
        let mut title = e.title.clone();
        if !e.counted {
            title = format!(
                "{title} ({})",
                i18n::text(lang, &format!("staff-event-status-{}", e.status), &[])
            );
        }
        let texts = [
            e.starts_at
                .with_timezone(&tz)
                .format("%Y-%m-%d")
                .to_string(),
            title,
            i18n::text(lang, &format!("kind-{}", e.kind), &[]),
            town_label(e.town.as_deref().unwrap_or_default(), lang),
        ];
        let figures = if e.counted {
            e.figures
        } else {
            Figures::default()
        };
        w.row(&texts, numbers(figures), Weight::Regular);
    }
    w.canvas.rule(
        (MARGIN, w.y - ROW + 4.0),
        (WIDTH - MARGIN, w.y - ROW + 4.0),
        0.4,
    );
    let total = format!(
        "{} ({})",
        w.t("doc-report-total"),
        crate::i18n::text(
            lang,
            "doc-report-events",
            &[("count", i64::from(period.sums.events).into())]
        )
    );
    w.row(&[total], numbers(period.sums.total), Weight::Bold);
    let head = w.head;
    let groups: [(&str, Vec<(String, Figures)>); 4] = [
        (
            "doc-report-by-kind",
            period
                .sums
                .by_kind
                .iter()
                .map(|(k, g)| (i18n::text(lang, &format!("kind-{k}"), &[]), g.figures))
                .collect(),
        ),
        (
            "doc-report-by-town",
            period
                .sums
                .by_town
                .values()
                .map(|t| (town_label(&t.name, lang), t.group.figures))
                .collect(),
        ),
        (
            "doc-report-by-point",
            // A sum by point says something only where there are several.
            period
                .sums
                .by_point
                .iter()
                .filter(|_| period.sums.by_point.len() > 1)
                .map(|(id, g)| (named(&head.point_names, *id), g.figures))
                .collect(),
        ),
        (
            "doc-report-by-partner",
            period
                .sums
                .by_partner
                .iter()
                .map(|(id, f)| (named(&head.partner_names, *id), *f))
                .collect(),
        ),
    ];
    for (key, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        w.y += 4.0;
        w.line(&w.t(key), Weight::Bold, 9.0);
        for (label, figures) in rows {
            w.row(&[String::new(), label], numbers(figures), Weight::Regular);
        }
    }
}

fn appendix(w: &mut Writer<'_>, kept: &[Kept], tz: Tz) {
    let lang = w.lang;
    w.canvas.page();
    w.y = MARGIN + 10.0;
    w.line(&w.t("doc-report-appendix"), Weight::Bold, 14.0);
    let width = WIDTH - 2.0 * MARGIN;
    let note = w.t("doc-report-appendix-note");
    w.y = w
        .canvas
        .paragraph(&note, Weight::Regular, Base::Auto, MARGIN, w.y, width, 8.5)
        + 6.0;
    if kept.is_empty() {
        w.line(&w.t("doc-report-appendix-none"), Weight::Regular, 10.0);
        return;
    }
    let mut events: BTreeMap<(chrono::DateTime<chrono::Utc>, i32), Vec<&Kept>> = BTreeMap::new();
    for k in kept {
        events
            .entry((k.event_starts_at, k.event_id))
            .or_default()
            .push(k);
    }
    for ((starts_at, _), people) in events {
        w.y += 4.0;
        w.room(ROW * 3.0);
        let title = people
            .first()
            .map(|k| k.event_title.clone())
            .unwrap_or_default();
        let heading = format!(
            "{} · {title}",
            starts_at.with_timezone(&tz).format("%Y-%m-%d")
        );
        w.line(&heading, Weight::Bold, 10.0);
        for (n, k) in people.iter().enumerate() {
            w.room(ROW);
            let y = w.y;
            w.canvas.text(
                shape(&format!("{}", n + 1), Weight::Regular, Base::Ltr),
                MARGIN + 18.0,
                y,
                8.5,
                Align::Right,
            );
            w.canvas.fitted(
                shape(&k.name, Weight::Regular, Base::Auto),
                MARGIN + 26.0,
                y,
                9.0,
                300.0,
                Align::Left,
            );
            let came = i18n::format_time(k.checked_in_at, tz, lang);
            let came = format!("{} {came}", w.t("doc-report-checked-in"));
            w.canvas.text(
                shape(&came, Weight::Regular, Base::Auto),
                WIDTH - MARGIN,
                y,
                8.5,
                Align::Right,
            );
            w.y += ROW;
        }
    }
}
