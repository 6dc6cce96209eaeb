//! The sign-in sheet: one row per person with an empty column to sign in, names sorted, and
//! spare rows for people who come without registering.

use fluent_templates::fluent_bundle::FluentValue;

use super::EventHead;
use super::canvas::{Align, Canvas, MARGIN, WIDTH};
use super::text::{Base, Weight, shape};
use crate::error::Result;
use crate::i18n::{self, Lang};

/// One person on the sheet.
#[derive(Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub party_size: i32,
    /// The participant's town, where the registration has one.
    pub town: Option<String>,
    /// The time of a counselling slot; the list is then in this order instead of by name.
    pub time: Option<String>,
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Row")
            .field("party_size", &self.party_size)
            .finish_non_exhaustive()
    }
}

/// At least this many empty rows follow the registered ones; the last page is filled up.
pub const SPARE_ROWS: usize = 5;
const ROW: f32 = 19.0;
const BOTTOM: f32 = super::canvas::HEIGHT - MARGIN - 10.0;

/// The columns: number, name, people, town, signature (x of each left edge, then the right end).
const COLUMNS: [f32; 6] = [
    MARGIN,
    MARGIN + 24.0,
    MARGIN + 214.0,
    MARGIN + 262.0,
    MARGIN + 360.0,
    WIDTH - MARGIN,
];

/// What a sheet is about: an event, or one adviser's slots on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub head: EventHead,
    /// For an adviser's day: the adviser and the day, printed under the event.
    pub subtitle: Option<String>,
    pub rows: Vec<Row>,
}

/// The sheet as PDF, in `lang` (the staff member's language).
///
/// # Errors
/// The PDF could not be written.
pub fn render(sheet: &Sheet, lang: Lang) -> Result<Vec<u8>> {
    let mut canvas = Canvas::new();
    draw(&mut canvas, sheet, lang);
    let name = i18n::text(lang, "doc-sheet-title", &[]);
    let office = sheet.head.office.clone();
    canvas.finish(
        &format!("{name}: {}", sheet.head.title),
        lang.code(),
        |page, pages| page_line(lang, &office, &name, page, pages),
    )
}

/// Draws the sheets of several advisers or days one after another, each from a new page.
///
/// # Errors
/// The PDF could not be written.
pub fn render_all(sheets: &[Sheet], lang: Lang) -> Result<Vec<u8>> {
    let mut canvas = Canvas::new();
    for sheet in sheets {
        draw(&mut canvas, sheet, lang);
    }
    let name = i18n::text(lang, "doc-sheet-title", &[]);
    let office = sheets
        .first()
        .map(|s| s.head.office.clone())
        .unwrap_or_default();
    let title = sheets
        .first()
        .map(|s| s.head.title.clone())
        .unwrap_or_default();
    canvas.finish(&format!("{name}: {title}"), lang.code(), |page, pages| {
        page_line(lang, &office, &name, page, pages)
    })
}

/// The footer: office, document, page of pages.
#[must_use]
pub fn page_line(lang: Lang, office: &str, name: &str, page: usize, pages: usize) -> String {
    let count = |n: usize| FluentValue::from(i64::try_from(n).unwrap_or(i64::MAX));
    let of = i18n::text(
        lang,
        "doc-page",
        &[("page", count(page)), ("pages", count(pages))],
    );
    format!("{office} · {name} · {of}")
}

/// The people in the sheet's order: by time for slots, else by name.
fn ordered(rows: &[Row]) -> Vec<Row> {
    let mut rows = rows.to_vec();
    rows.sort_by_cached_key(|r| (r.time.clone(), crate::proof::sort_key(&r.name)));
    rows
}

fn draw(canvas: &mut Canvas, sheet: &Sheet, lang: Lang) {
    let rows = ordered(&sheet.rows);
    let t = |key: &str| i18n::text(lang, key, &[]);
    canvas.page();
    let mut y = head(canvas, sheet, lang);
    y = table_head(canvas, y, &t, sheet.rows.iter().any(|r| r.time.is_some()));
    let mut printed = 0;
    let total = rows.len();
    let mut number = 0;
    loop {
        let spare_done = printed >= total + SPARE_ROWS;
        if y + ROW > BOTTOM {
            if spare_done {
                break;
            }
            canvas.page();
            y = short_head(canvas, sheet);
            y = table_head(canvas, y, &t, sheet.rows.iter().any(|r| r.time.is_some()));
        }
        number += 1;
        let row = rows.get(printed);
        draw_row(canvas, y, number, row);
        y += ROW;
        printed += 1;
    }
}

fn head(canvas: &mut Canvas, sheet: &Sheet, lang: Lang) -> f32 {
    let h = &sheet.head;
    let width = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN + 10.0;
    canvas.fitted(
        shape(&h.office, Weight::Bold, Base::Auto),
        MARGIN,
        y,
        11.0,
        width,
        Align::Left,
    );
    y += 14.0;
    if !h.funder.is_empty() {
        y = canvas.paragraph(
            &h.funder,
            Weight::Regular,
            Base::Auto,
            MARGIN,
            y,
            width,
            8.5,
        );
    }
    y += 14.0;
    let title = i18n::text(lang, "doc-sheet-title", &[]);
    canvas.text(
        shape(&title, Weight::Bold, Base::Auto),
        MARGIN,
        y,
        16.0,
        Align::Left,
    );
    y += 20.0;
    y = canvas.paragraph(&h.title, Weight::Bold, Base::Auto, MARGIN, y, width, 12.0);
    if let Some(subtitle) = &sheet.subtitle {
        canvas.fitted(
            shape(subtitle, Weight::Regular, Base::Auto),
            MARGIN,
            y,
            10.0,
            width,
            Align::Left,
        );
        y += 14.0;
    }
    let when = format!("{}: {}", i18n::text(lang, "doc-when", &[]), h.when);
    canvas.fitted(
        shape(&when, Weight::Regular, Base::Auto),
        MARGIN,
        y,
        10.0,
        width,
        Align::Left,
    );
    y += 14.0;
    if !h.place.is_empty() {
        let place = format!("{}: {}", i18n::text(lang, "doc-place", &[]), h.place);
        canvas.fitted(
            shape(&place, Weight::Regular, Base::Auto),
            MARGIN,
            y,
            10.0,
            width,
            Align::Left,
        );
        y += 14.0;
    }
    let note = i18n::text(lang, "doc-sheet-note", &[]);
    y = canvas.paragraph(
        &note,
        Weight::Regular,
        Base::Auto,
        MARGIN,
        y + 2.0,
        width,
        8.0,
    );
    y + 6.0
}

fn short_head(canvas: &mut Canvas, sheet: &Sheet) -> f32 {
    let width = WIDTH - 2.0 * MARGIN;
    let y = MARGIN + 10.0;
    let mut line = format!("{} · {}", sheet.head.title, sheet.head.when);
    if let Some(subtitle) = &sheet.subtitle {
        line = format!("{line} · {subtitle}");
    }
    canvas.fitted(
        shape(&line, Weight::Bold, Base::Auto),
        MARGIN,
        y,
        10.0,
        width,
        Align::Left,
    );
    y + 12.0
}

fn table_head(canvas: &mut Canvas, y: f32, t: &dyn Fn(&str) -> String, slots: bool) -> f32 {
    let name_column = if slots {
        "doc-col-time-name"
    } else {
        "doc-col-name"
    };
    let titles = [
        t("doc-col-number"),
        t(name_column),
        t("doc-col-people"),
        t("doc-col-town"),
        t("doc-col-signature"),
    ];
    for (i, title) in titles.iter().enumerate() {
        let width = COLUMNS[i + 1] - COLUMNS[i] - 6.0;
        canvas.fitted(
            shape(title, Weight::Bold, Base::Auto),
            COLUMNS[i] + 3.0,
            y + 13.0,
            8.5,
            width,
            Align::Left,
        );
    }
    canvas.rule((COLUMNS[0], y), (COLUMNS[5], y), 0.8);
    canvas.rule((COLUMNS[0], y + ROW), (COLUMNS[5], y + ROW), 0.8);
    verticals(canvas, y);
    y + ROW
}

fn verticals(canvas: &mut Canvas, y: f32) {
    for x in COLUMNS {
        canvas.rule((x, y), (x, y + ROW), 0.4);
    }
}

fn draw_row(canvas: &mut Canvas, y: f32, number: usize, row: Option<&Row>) {
    let baseline = y + 13.5;
    canvas.text(
        shape(&number.to_string(), Weight::Regular, Base::Ltr),
        COLUMNS[1] - 4.0,
        baseline,
        8.0,
        Align::Right,
    );
    if let Some(row) = row {
        // A slot's time stays left to right before the name, whatever the name's script.
        let mut x = COLUMNS[1] + 3.0;
        if let Some(time) = &row.time {
            let time = shape(time, Weight::Regular, Base::Ltr);
            let width = time.width(10.0);
            canvas.text(time, x, baseline, 10.0, Align::Left);
            x += width + 8.0;
        }
        let width = COLUMNS[2] - 3.0 - x;
        canvas.fitted(
            shape(&row.name, Weight::Regular, Base::Auto),
            x,
            baseline,
            10.0,
            width,
            Align::Left,
        );
        if !row.name.is_empty() {
            canvas.text(
                shape(&row.party_size.to_string(), Weight::Regular, Base::Ltr),
                COLUMNS[3] - 6.0,
                baseline,
                10.0,
                Align::Right,
            );
        }
        if let Some(town) = &row.town {
            let width = COLUMNS[4] - COLUMNS[3] - 6.0;
            canvas.fitted(
                shape(town, Weight::Regular, Base::Auto),
                COLUMNS[3] + 3.0,
                baseline,
                10.0,
                width,
                Align::Left,
            );
        }
    }
    canvas.rule((COLUMNS[0], y + ROW), (COLUMNS[5], y + ROW), 0.4);
    verticals(canvas, y);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> Row {
        Row {
            name: name.to_owned(),
            party_size: 1,
            town: None,
            time: None,
        }
    }

    #[test]
    fn names_are_sorted_without_case_and_accents() {
        let rows = ordered(&[row("Özdemir"), row("müller"), row("Ahmadi"), row("Ozturk")]);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["Ahmadi", "müller", "Özdemir", "Ozturk"]);
    }

    #[test]
    fn sixty_people_fit_on_two_pages_with_spare_rows() {
        let sheet = Sheet {
            head: EventHead {
                office: "Treffpunkt".into(),
                funder: "Gefördert vom Land".into(),
                title: "Infotag".into(),
                when: "Donnerstag, 11. März 2027, 10:00–14:00".into(),
                place: "Jobcenter, Essen".into(),
            },
            subtitle: None,
            rows: (0..60).map(|n| row(&format!("Person {n}"))).collect(),
        };
        let mut canvas = Canvas::new();
        draw(&mut canvas, &sheet, Lang::De);
        assert_eq!(canvas.page_count(), 2);
    }
}
