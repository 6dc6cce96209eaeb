//! The PDF documents: the sign-in sheet of an event with sixty registrations, people checked in
//! at the door and their certificates, each PDF read back as text; a PNG of each kind of
//! document goes to `target/test-artifacts/`.

use chrono::{DateTime, Datelike, Duration, Utc};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use treffpunkt::i18n::{self, Lang};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::pdf;
use crate::support::{Backend, TestApp, id_of};

const LATIN_FIRST: [&str; 8] = [
    "Anna", "Ömer", "Jan", "Lea", "Mehmet", "Sofia", "Lukas", "Ayşe",
];
const LATIN_LAST: [&str; 5] = ["Schmidt", "Yılmaz", "Müller", "Demir", "Becker"];
/// Ukrainian names.
const CYRILLIC: [&str; 10] = [
    "Оксана Коваль",
    "Оксана Шевченко",
    "Оксана Бондар",
    "Оксана Ткаченко",
    "Оксана Мельник",
    "Дмитро Коваль",
    "Дмитро Шевченко",
    "Дмитро Бондар",
    "Дмитро Ткаченко",
    "Дмитро Мельник",
];
/// Arabic names (language `ar`), then Persian ones (`fa`).
const ARABIC: [&str; 6] = [
    "محمد الأحمد",
    "محمد حسن",
    "محمد الخطيب",
    "فاطمة الأحمد",
    "فاطمة حسن",
    "فاطمة الخطيب",
];
const PERSIAN: [&str; 4] = ["زهرا رضایی", "زهرا احمدی", "رضا رضایی", "رضا احمدی"];

/// Sixty people: name and language.
fn sixty() -> Vec<(String, &'static str)> {
    let mut people = Vec::new();
    for (i, first) in LATIN_FIRST.iter().enumerate() {
        for last in LATIN_LAST {
            let lang = if i % 2 == 0 { "de" } else { "tr" };
            people.push((format!("{first} {last}"), lang));
        }
    }
    people.extend(CYRILLIC.iter().map(|n| ((*n).to_owned(), "uk")));
    people.extend(ARABIC.iter().map(|n| ((*n).to_owned(), "ar")));
    people.extend(PERSIAN.iter().map(|n| ((*n).to_owned(), "fa")));
    assert_eq!(people.len(), 60);
    people
}

fn event_body(capacity: i64) -> Value {
    let day = (Utc::now() + Duration::days(14)).format("%Y-%m-%d");
    json!({
        "kind": "info_day",
        "title": "Infotag Ausbildung in der Pflege",
        "starts_at": format!("{day}T10:00"),
        "ends_at": format!("{day}T14:30"),
        "venue": {"name": "Bürgerzentrum", "street": "Marktplatz 3", "postal_code": "45127", "city": "Essen"},
        "capacity": capacity,
        "double_opt_in": false,
    })
}

async fn download(client: &Client, app: &TestApp, path: &str) -> Vec<u8> {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        response.headers()["content-type"],
        "application/pdf",
        "{path}"
    );
    assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "{path}"
    );
    response.bytes().await.unwrap().to_vec()
}

async fn check_in(client: &Client, app: &TestApp, id: i32) {
    let response = client
        .post(app.url(&format!("/staff/registrations/{id}/checkin")))
        .form(&[("present", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// Where each name first appears in `text`.
fn position(text: &str, name: &str) -> usize {
    text.find(name)
        .unwrap_or_else(|| panic!("{name} is not in the text:\n{text}"))
}

async fn staff_print_the_sign_in_sheet_check_people_in_and_download_certificates(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| {
        c.office.name = "Treffpunkt Bildungsberatung".into();
        c.office.funder = "Gefördert aus Mitteln des Freistaats Bayern".into();
    })
    .await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body(100)).await;
    let event_id = id_of(&event);
    let people = sixty();
    let mut ids = Vec::new();
    for (n, (name, lang)) in people.iter().enumerate() {
        let created = app
            .registered(
                &event,
                &json!({"name": name, "email": format!("p{n}@example.org"),
                    "language": lang, "party_size": 1 + n % 2, "consent": true}),
            )
            .await;
        ids.push(id_of(&created));
    }
    // Someone who cancelled is not on the sheet.
    let gone = app
        .registered(
            &event,
            &json!({"name": "Zacharias Abgesagt", "email": "gone@example.org", "consent": true}),
        )
        .await;
    let link = app.token_for(id_of(&gone)).await;
    let cancelled = crate::support::no_redirects()
        .post(app.url(&format!("/r/{link}/cancel")))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);

    let staff = app.signed_in(Role::Staff).await;
    let anonymous = crate::support::no_redirects()
        .get(app.url(&format!("/staff/events/{event_id}/sign-in-sheet.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "staff only");
    let page = staff
        .get(app.url(&format!("/staff/events/{event_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let sheet_link = format!("/staff/events/{event_id}/sign-in-sheet.pdf");
    assert!(page.contains(&sheet_link), "the event page links the sheet");

    let sheet = download(&staff, &app, &sheet_link).await;
    pdf::save_png(&sheet, 1, "sign-in-sheet");
    let pages = pdf::pages(&sheet, false);
    assert_eq!(pages.len(), 2, "sixty names and spare rows on two pages");
    let fonts = pdf::fonts(&sheet);
    let names: Vec<&str> = fonts.iter().map(|(n, _, _)| n.as_str()).collect();
    assert!(
        names.contains(&"NotoSans-Regular") && names.contains(&"NotoSansArabic-Regular"),
        "{fonts:?}"
    );
    assert!(
        fonts
            .iter()
            .all(|(_, embedded, subset)| *embedded && *subset),
        "every font embedded as a subset: {fonts:?}"
    );
    let text = pages.concat();
    assert!(text.contains("Unterschriftenliste"));
    assert!(text.contains("Infotag Ausbildung in der Pflege"));
    assert!(text.contains("Gefördert aus Mitteln des Freistaats Bayern"));
    assert!(text.contains("Treffpunkt Bildungsberatung"));
    assert!(text.contains("Bürgerzentrum, Marktplatz 3, 45127 Essen"));
    assert!(pages[0].contains("Seite 1 von 2") && pages[1].contains("Seite 2 von 2"));
    let starts_at = DateTime::parse_from_rfc3339(event["starts_at"].as_str().unwrap())
        .unwrap()
        .to_utc();
    let tz = app.config.office.timezone;
    let date = i18n::format_date_time(starts_at, tz, Lang::De);
    assert!(text.contains(&date), "{date} in {text}");
    assert!(
        !text.contains("Zacharias"),
        "cancelled registrations are left out"
    );
    // Every name, in logical order (Arabic and Persian too), sorted as the sheet sorts them.
    let mut expected: Vec<&str> = people.iter().map(|(n, _)| n.as_str()).collect();
    expected.sort_by_key(|n| treffpunkt::proof::sort_key(n));
    let found: Vec<usize> = expected.iter().map(|n| position(&text, n)).collect();
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "names in sorted order: {expected:?} at {found:?}"
    );
    assert!(
        position(&text, "Anna Becker") < position(&text, "Ömer Becker"),
        "Ö sorts as O"
    );
    assert!(position(&text, "Sofia Yılmaz") < position(&text, "Дмитро Бондар"));
    assert!(position(&text, "Оксана Шевченко") < position(&text, "رضا احمدی"));

    // At the door: a German, an Arabic, a Persian and a Ukrainian participant come.
    let came: Vec<usize> = vec![0, 40, 50, 56];
    for n in &came {
        check_in(&staff, &app, ids[*n]).await;
    }

    let arabic = download(
        &staff,
        &app,
        &format!("/staff/registrations/{}/certificate.pdf", ids[50]),
    )
    .await;
    pdf::save_png(&arabic, 1, "certificate-ar");
    pdf::save_png(&arabic, 2, "certificate-de");
    let pages = pdf::pages(&arabic, false);
    assert_eq!(pages.len(), 2, "in Arabic and in German");
    assert!(pages[0].contains("شهادة حضور"), "{}", pages[0]);
    assert!(pages[0].contains("محمد الأحمد"), "{}", pages[0]);
    // The words of the Arabic date, each in logical order (pdftotext puts the digits of a
    // mixed right-to-left line elsewhere).
    for word in i18n::format_date(starts_at, tz, Lang::Ar).split([' ', '،']) {
        assert!(pages[0].contains(word), "{word:?} in {:?}", pages[0]);
    }
    assert!(
        pages[0].contains("إلى"),
        "a lam ligature in order: {:?}",
        pages[0]
    );
    assert!(pages[1].contains("Teilnahmebescheinigung"));
    assert!(pages[1].contains("محمد الأحمد"));
    assert!(pages[1].contains(&i18n::format_date(starts_at, tz, Lang::De)));
    assert!(
        pages[1].contains("von 10:00 bis 14:30 (4:30 Std.)"),
        "{}",
        pages[1]
    );
    assert!(pages[1].contains("Ort: Bürgerzentrum, Marktplatz 3, 45127 Essen"));
    assert!(pages[1].contains("Unterschrift, Stempel"));

    let persian = download(
        &staff,
        &app,
        &format!("/staff/registrations/{}/certificate.pdf", ids[56]),
    )
    .await;
    pdf::save_png(&persian, 1, "certificate-fa");
    let pages = pdf::pages(&persian, false);
    assert!(pages[0].contains("گواهی شرکت") && pages[0].contains("زهرا رضایی"));

    let german = download(
        &staff,
        &app,
        &format!("/staff/registrations/{}/certificate.pdf", ids[0]),
    )
    .await;
    assert_eq!(pdf::pages(&german, false).len(), 1, "German only");

    let not_there = staff
        .get(app.url(&format!("/staff/registrations/{}/certificate.pdf", ids[1])))
        .send()
        .await
        .unwrap();
    assert_eq!(not_there.status(), StatusCode::CONFLICT, "not checked in");

    let all = download(
        &staff,
        &app,
        &format!("/staff/events/{event_id}/certificates.pdf"),
    )
    .await;
    let pages = pdf::pages(&all, false);
    assert_eq!(
        pages.len(),
        1 + 2 + 2 + 2,
        "one page in German, two otherwise"
    );
    let text = pages.concat();
    for n in &came {
        assert!(text.contains(&people[*n].0), "{}", people[*n].0);
    }
    assert!(!text.contains(&people[1].0), "only who came");
    assert!(pages.iter().any(|p| p.contains("Довідка про участь")));

    let actions = app.audit_actions().await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "certificates_downloaded")
            .count(),
        4
    );
    assert!(actions.contains(&"sign_in_sheet_printed".to_owned()));
    app.deliver_due_mail().await;
}
both!(staff_print_the_sign_in_sheet_check_people_in_and_download_certificates);

/// The last five whole numbers of a line of the PDF's text, if it ends with five.
fn last_five(line: &str) -> Option<[i64; 5]> {
    let numbers: Vec<i64> = line
        .split_whitespace()
        .rev()
        .take(5)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let mut out = [0; 5];
    for (i, n) in numbers.iter().rev().enumerate() {
        out[i] = *n;
    }
    (numbers.len() == 5).then_some(out)
}

fn add(sum: &mut [i64; 5], row: [i64; 5]) {
    for (s, r) in sum.iter_mut().zip(row) {
        *s += r;
    }
}

/// Per period: the sum of the event rows and the total row, from the PDF's text.
fn pdf_sums(text: &str) -> Vec<([i64; 5], [i64; 5])> {
    let mut out = Vec::new();
    let mut sum = [0; 5];
    let before_appendix = text
        .split("Anhang: Teilnahmenachweise")
        .next()
        .unwrap_or_default();
    for line in before_appendix.lines() {
        let trimmed = line.trim_start();
        let is_event = trimmed.len() > 10
            && trimmed.as_bytes()[4] == b'-'
            && trimmed[..4].chars().all(|c| c.is_ascii_digit());
        if is_event {
            add(
                &mut sum,
                last_five(line)
                    .unwrap_or_else(|| panic!("an event row ends with its figures: {text}")),
            );
        } else if trimmed.starts_with("Summe (") {
            out.push((
                sum,
                last_five(line).expect("the total row ends with its figures"),
            ));
            sum = [0; 5];
        }
    }
    out
}

async fn the_funder_report_adds_up_in_xlsx_and_pdf_and_lists_the_kept_attendance(backend: Backend) {
    use calamine::Reader;
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let year = Utc::now().year() + 1;
    let plan = [
        ("info_day", "Infotag Pflege", "03-11", Some("Essen"), 3, 2),
        ("roundtable", "Unternehmerstammtisch", "05-06", None, 2, 1),
        (
            "parents_evening",
            "Elternabend Berufswahl",
            "06-17",
            Some("Köln"),
            1,
            1,
        ),
        ("info_day", "Infotag Handwerk", "06-24", Some("Essen"), 2, 0),
    ];
    let names = ["Ali Haidari", "Оксана Коваль", "Lena Schmidt"];
    let mut last_end = Utc::now();
    for (e, (kind, title, day, city, registered, came)) in plan.iter().enumerate() {
        let mut body = json!({"kind": kind, "title": title,
            "starts_at": format!("{year}-{day}T10:00"), "ends_at": format!("{year}-{day}T12:00"),
            "capacity": 20, "double_opt_in": false});
        match city {
            Some(city) => body["venue"] = json!({"name": "Bürgerhaus", "city": city}),
            None => body["online_url"] = json!("https://meet.example.org/stammtisch"),
        }
        let event = app.published_event(&token, &body).await;
        last_end = DateTime::parse_from_rfc3339(event["ends_at"].as_str().unwrap())
            .unwrap()
            .to_utc();
        for (n, name) in names.iter().enumerate().take(*registered) {
            let created = app
                .registered(
                    &event,
                    &json!({"name": name, "email": format!("e{e}p{n}@example.org"),
                        "party_size": n + 1, "consent": true}),
                )
                .await;
            if n < *came {
                treffpunkt::registrations::check_in(
                    &app.db,
                    id_of(&created),
                    true,
                    treffpunkt::staff::audit::Actor::System,
                    Utc::now(),
                )
                .await
                .unwrap();
            }
        }
    }
    app.deliver_due_mail().await;
    app.jobs
        .tick_at(last_end + Duration::days(31))
        .await
        .unwrap();

    let staff = app.signed_in(Role::Staff).await;
    let report_page = staff
        .get(app.url(&format!("/staff/report?year={year}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(report_page.contains(&format!("/staff/report.pdf?year={year}&amp;per=month")));

    let xlsx = staff
        .get(app.url(&format!("/staff/report.xlsx?year={year}&per=month")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let sheet = book.worksheet_range(&year.to_string()).unwrap();
    let event_row = i18n::text(Lang::De, "staff-report-row-event", &[]);
    let total_row = i18n::text(Lang::De, "staff-report-row-total", &[]);
    let number = |row: &[calamine::Data], col: usize| -> i64 {
        match &row[col] {
            calamine::Data::Float(f) => f.to_string().parse().unwrap(),
            calamine::Data::Int(i) => *i,
            other => panic!("not a number: {other:?}"),
        }
    };
    let mut xlsx_sums = Vec::new();
    let mut sum = [0; 5];
    let mut events_in_period = 0;
    for row in sheet.rows().skip(1) {
        let kind = row[1].to_string();
        let figures: [i64; 5] = std::array::from_fn(|i| number(row, 9 + i));
        if kind == event_row {
            add(&mut sum, figures);
            events_in_period += 1;
        } else if kind == total_row {
            assert_eq!(number(row, 8), events_in_period, "events of the period");
            xlsx_sums.push((sum, figures));
            sum = [0; 5];
            events_in_period = 0;
        }
    }
    assert_eq!(xlsx_sums.len(), 3, "March, May and June");
    for (rows, total) in &xlsx_sums {
        assert_eq!(rows, total, "XLSX: the total is the sum of its rows");
    }

    let report = download(
        &staff,
        &app,
        &format!("/staff/report.pdf?year={year}&per=month"),
    )
    .await;
    pdf::save_png(&report, 1, "report");
    let text = pdf::pages(&report, true).join("\n");
    assert!(
        text.contains(&format!("Bericht an den Geldgeber {year}")),
        "{text}"
    );
    let sums = pdf_sums(&text);
    assert_eq!(sums.len(), 3, "{text}");
    for (rows, total) in &sums {
        assert_eq!(rows, total, "PDF: the total is the sum of its rows\n{text}");
    }
    assert_eq!(
        sums.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
        xlsx_sums.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
        "the PDF and the XLSX agree"
    );
    // March: 3 registrations, 1 + 2 + 3 people, 2 came with 3 people, 1 did not come.
    assert_eq!(sums[0].1, [3, 6, 2, 3, 1]);
    // The appendix: who came, as kept after the purge.
    let appendix = text
        .split("Anhang: Teilnahmenachweise")
        .nth(1)
        .expect("an appendix");
    for name in ["Ali Haidari", "Оксана Коваль"] {
        assert!(appendix.contains(name), "{name} in {appendix}");
    }
    assert!(appendix.contains("Infotag Pflege") && appendix.contains("angekommen"));
    assert!(!appendix.contains("Infotag Handwerk"), "nobody came there");

    let scoped = download(
        &staff,
        &app,
        &format!("/staff/report.pdf?year={year}&per=year&kind=info_day&town=essen"),
    )
    .await;
    let text = pdf::pages(&scoped, true).join("\n");
    let kind = i18n::text(Lang::De, "kind-info_day", &[]);
    assert!(
        text.contains(&format!("Art: {kind}")) && text.contains("Ort: essen"),
        "{text}"
    );
    assert!(!text.contains("Elternabend") && !text.contains("Unternehmerstammtisch"));
    let sums = pdf_sums(&text);
    assert_eq!(sums.len(), 1);
    assert_eq!(sums[0].0, sums[0].1);
    assert_eq!(sums[0].1, [5, 9, 2, 3, 3]);
    assert!(
        app.audit_actions()
            .await
            .contains(&"exported_report_pdf".to_owned())
    );
}
both!(the_funder_report_adds_up_in_xlsx_and_pdf_and_lists_the_kept_attendance);

async fn an_adviser_gets_a_sign_in_sheet_of_their_booked_slots(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let day = (Utc::now() + Duration::days(21)).format("%Y-%m-%d");
    let event = app
        .published_event(
            &token,
            &json!({"kind": "parents_evening", "title": "Elternabend Ausbildung",
                "starts_at": format!("{day}T18:00"), "ends_at": format!("{day}T20:00"),
                "venue": {"name": "Bürgerhaus", "city": "Köln"}, "capacity": 50,
                "double_opt_in": false}),
        )
        .await;
    let event_id = id_of(&event);
    let (status, adviser) = crate::support::app::json(
        app.post(&format!("/api/v1/events/{event_id}/advisers"))
            .bearer_auth(&token)
            .json(
                &json!({"name": "Frau Yılmaz", "languages": ["de", "tr"], "location": "Raum 1.12"}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{adviser}");
    let adviser_id = adviser["id"].as_i64().unwrap();
    let (status, slots) = crate::support::app::json(
        app.post(&format!("/api/v1/events/{event_id}/slots"))
            .bearer_auth(&token)
            .json(
                &json!({"adviser_id": adviser_id, "starts_at": format!("{day}T18:00"),
                "ends_at": format!("{day}T19:00"), "slot_minutes": 15, "gap_minutes": 0}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{slots}");
    let slot_ids: Vec<i64> = slots["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    // Two families book the third and the first slot.
    for (name, slot) in [("Hüseyin Demir", slot_ids[2]), ("فاطمة حسن", slot_ids[0])] {
        let created = app
            .registered(
                &event,
                &json!({"name": name, "email": format!("{}@example.org", slot), "consent": true}),
            )
            .await;
        let link = app.token_for(id_of(&created)).await;
        let booked = crate::support::no_redirects()
            .post(app.url(&format!("/r/{link}/slots")))
            .form(&[("slot_id", slot.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(booked.status(), StatusCode::SEE_OTHER);
    }
    let staff = app.signed_in(Role::Staff).await;
    let path = format!("/staff/events/{event_id}/advisers/{adviser_id}/sign-in-sheet.pdf");
    let page = staff
        .get(app.url(&format!("/staff/events/{event_id}/slots")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&path),
        "the slots page links the adviser's sheet"
    );
    let sheet = download(&staff, &app, &path).await;
    pdf::save_png(&sheet, 1, "sign-in-sheet-adviser");
    let text = pdf::pages(&sheet, false).concat();
    assert!(
        text.contains("Frau Yılmaz") && text.contains("Raum 1.12"),
        "{text}"
    );
    let first = position(&text, "18:00–18:15");
    let family = position(&text, "فاطمة حسن");
    let third = position(&text, "18:30–18:45");
    let other = position(&text, "Hüseyin Demir");
    assert!(
        first < third && family < other,
        "in the order of the day: {text}"
    );
    assert!(text.contains("18:45–19:00"), "free slots are rows too");
    let missing = staff
        .get(app.url(&format!(
            "/staff/events/{event_id}/advisers/{}/sign-in-sheet.pdf",
            adviser_id + 100
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    app.deliver_due_mail().await;
}
both!(an_adviser_gets_a_sign_in_sheet_of_their_booked_slots);

/// Every document and the switch are for signed-in staff only: others are sent to the login.
#[tokio::test]
async fn documents_need_a_staff_sign_in() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body(10)).await;
    let id = id_of(&event);
    let created = app
        .registered(
            &event,
            &json!({"name": "Lena Schmidt", "email": "lena@example.org", "consent": true}),
        )
        .await;
    let reg = id_of(&created);
    let anonymous = crate::support::no_redirects();
    for path in [
        format!("/staff/events/{id}/sign-in-sheet.pdf"),
        format!("/staff/events/{id}/advisers/1/sign-in-sheet.pdf"),
        format!("/staff/events/{id}/certificates.pdf"),
        format!("/staff/registrations/{reg}/certificate.pdf"),
        "/staff/report.pdf".to_owned(),
    ] {
        let response = anonymous.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(response.headers()["location"], "/staff/login", "{path}");
    }
    let switch = anonymous
        .post(app.url(&format!("/staff/events/{id}/certificate-mail")))
        .form(&[("on", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(switch.status(), StatusCode::SEE_OTHER);
    assert!(
        !treffpunkt::proof::certificate_mail::is_on(&app.db, id)
            .await
            .unwrap()
    );
    app.deliver_due_mail().await;
}
