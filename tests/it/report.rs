//! The report for the funder: monthly and yearly sums in the office's time zone, breakdowns by
//! kind, town, language and interpreter language, the same figures before and after the
//! retention purge, the page and its CSV and XLSX exports without a single name.

use calamine::Reader;
use chrono::{Datelike, Duration, Utc};
use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use treffpunkt::entities::{event, registration};
use treffpunkt::figures::Figures;
use treffpunkt::figures::report::{self, Grouping, Report};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::{Backend, TestApp, cookie_client, id_of};

/// Participants of the fixture: name, email, language, interpreter, party size, checked in.
const PEOPLE: &[(&str, &str, &str, &str, i64, bool)] = &[
    ("Ali Haidari", "ali@example.org", "ar", "ar", 1, true),
    ("Ahmad Karimi", "ahmad@example.org", "fa", "prs", 3, true),
    ("Maria Popescu", "maria@example.org", "de", "", 1, false),
    ("Hüseyin Demir", "huseyin@example.org", "tr", "tr", 2, true),
    ("Oksana Koval", "oksana@example.org", "uk", "uk", 1, false),
    ("Lena Schmidt", "lena@example.org", "de", "", 2, true),
    ("Pavel Ivanov", "pavel@example.org", "ru", "", 1, false),
];

/// The year of the fixture: next year, so that every event is still open for registration.
fn year() -> i32 {
    Utc::now().year() + 1
}

fn body(kind: &str, title: &str, starts: &str, ends: &str, city: Option<&str>) -> Value {
    let mut body = json!({
        "kind": kind,
        "title": title,
        "starts_at": starts,
        "ends_at": ends,
        "capacity": 20,
        "double_opt_in": false,
    });
    match city {
        Some(city) => body["venue"] = json!({"name": "Bürgerhaus", "city": city}),
        None => body["online_url"] = json!("https://meet.example.org/infotag"),
    }
    body
}

async fn register(app: &TestApp, event: &Value, who: usize) {
    let (name, email, language, interpreter, party_size, came) = PEOPLE[who];
    let created = app
        .registered(
            event,
            &json!({"name": name, "email": email, "language": language,
                "interpreter": interpreter, "party_size": party_size, "consent": true}),
        )
        .await;
    if came {
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

/// Events of next year in Berlin time:
/// - 1 January 00:30, online (31 December in UTC): one person, came;
/// - 1 March 00:30, Köln (28 February in UTC): Ahmad (3, came), Maria (1, did not);
/// - 31 March 23:30, "köln " (summer time): Hüseyin (2, came);
/// - 1 April 00:30, Essen (31 March in UTC): Oksana (1, did not), Lena (2, came);
/// - 15 March, Essen, cancelled after Pavel registered: listed, never summed;
/// - 20 March, a draft: never listed.
async fn fixture(app: &TestApp) -> Vec<i32> {
    let token = app.staff_token().await;
    let y = year();
    let t = |date: &str, time: &str| format!("{y}-{date}T{time}");
    let mut ids = Vec::new();
    let events = [
        (
            body(
                "info_day",
                "Infotag online",
                &t("01-01", "00:30"),
                &t("01-01", "02:00"),
                None,
            ),
            vec![0],
        ),
        (
            body(
                "info_day",
                "Infotag Ausbildung",
                &t("03-01", "00:30"),
                &t("03-01", "02:00"),
                Some("Köln"),
            ),
            vec![1, 2],
        ),
        (
            body(
                "roundtable",
                "Unternehmerstammtisch",
                &t("03-31", "23:30"),
                &t("04-01", "01:00"),
                Some("köln "),
            ),
            vec![3],
        ),
        (
            body(
                "parents_evening",
                "Elternabend Berufswahl",
                &t("04-01", "00:30"),
                &t("04-01", "02:00"),
                Some("Essen"),
            ),
            vec![4, 5],
        ),
        (
            body(
                "info_day",
                "Infotag abgesagt",
                &t("03-15", "10:00"),
                &t("03-15", "12:00"),
                Some("Essen"),
            ),
            vec![6],
        ),
    ];
    for (body, people) in events {
        let event = app.published_event(&token, &body).await;
        for who in people {
            register(app, &event, who).await;
        }
        ids.push(id_of(&event));
    }
    let cancelled = ids[4];
    let response = app
        .post(&format!("/api/v1/events/{cancelled}/cancel"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    app.create_event(
        &token,
        &body(
            "info_day",
            "Entwurf im März",
            &t("03-20", "10:00"),
            &t("03-20", "12:00"),
            Some("Köln"),
        ),
    )
    .await;
    ids
}

fn figures(registrations: i32, people: i32, attended: i32, attended_people: i32) -> Figures {
    Figures {
        registrations,
        people,
        attended_registrations: attended,
        attended_people,
    }
}

async fn build(app: &TestApp, grouping: Grouping) -> Report {
    report::build(&app.db, year(), grouping, app.config.office.timezone)
        .await
        .unwrap()
}

/// Runs the daily jobs a day past the retention time of the last event.
async fn purge_all(app: &TestApp) {
    let last = event::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.ends_at)
        .max()
        .unwrap();
    let retention = i64::from(app.config.privacy.retention_days);
    app.jobs
        .tick_at(last + Duration::days(retention + 1))
        .await
        .unwrap();
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        0,
        "every registration is gone"
    );
    assert_eq!(
        event::Entity::find()
            .filter(event::Column::PurgedAt.is_null())
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn monthly_and_yearly_sums_are_right_and_survive_the_purge(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ids = fixture(&app).await;
    let monthly = build(&app, Grouping::Month).await;
    let yearly = build(&app, Grouping::Year).await;

    let months: Vec<Option<u32>> = monthly.periods.iter().map(|p| p.month).collect();
    assert_eq!(months, [Some(1), Some(3), Some(4)]);
    let titles = |i: usize| -> Vec<&str> {
        monthly.periods[i]
            .events
            .iter()
            .map(|e| e.title.as_str())
            .collect()
    };
    assert_eq!(
        titles(0),
        ["Infotag online"],
        "00:30 on 1 January is in the year"
    );
    assert_eq!(
        titles(1),
        [
            "Infotag Ausbildung",
            "Infotag abgesagt",
            "Unternehmerstammtisch"
        ],
        "March in Berlin time: from 00:30 on the 1st (still February in UTC) to 23:30 on \
         the 31st in summer time; the cancelled event is listed, the draft is not"
    );
    assert_eq!(
        titles(2),
        ["Elternabend Berufswahl"],
        "00:30 on 1 April is April"
    );

    let jan = &monthly.periods[0].sums;
    assert_eq!((jan.events, jan.total), (1, figures(1, 1, 1, 1)));
    assert_eq!(
        jan.by_town[""].group.events, 1,
        "online counts under no town"
    );

    let march = &monthly.periods[1];
    let cancelled = march.events.iter().find(|e| e.event_id == ids[4]).unwrap();
    assert!(!cancelled.counted);
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.figures, figures(1, 1, 0, 0));
    let sums = &march.sums;
    assert_eq!(sums.events, 2);
    assert_eq!(sums.total, figures(3, 6, 2, 5));
    assert_eq!(sums.total.no_shows(), 1);
    assert_eq!(sums.by_kind["info_day"].figures, figures(2, 4, 1, 3));
    assert_eq!(sums.by_kind["roundtable"].figures, figures(1, 2, 1, 2));
    assert_eq!(
        sums.by_town.len(),
        1,
        "Köln and \"köln \" are one town: {sums:?}"
    );
    assert_eq!(sums.by_town["köln"].name, "Köln");
    assert_eq!(sums.by_town["köln"].group.events, 2);
    assert_eq!(sums.by_language["fa"], figures(1, 3, 1, 3));
    assert_eq!(sums.by_language["de"], figures(1, 1, 0, 0));
    assert_eq!(sums.by_language["tr"], figures(1, 2, 1, 2));
    assert!(
        !sums.by_language.contains_key("ru"),
        "cancelled: not summed"
    );
    assert_eq!(sums.by_interpreter["prs"], figures(1, 3, 1, 3));
    assert_eq!(sums.by_interpreter.len(), 2);

    let april = &monthly.periods[2].sums;
    assert_eq!((april.events, april.total), (1, figures(2, 3, 1, 2)));
    assert_eq!(april.by_kind["parents_evening"].events, 1);
    assert_eq!(april.by_town["essen"].group.figures, figures(2, 3, 1, 2));

    assert_eq!(yearly.periods.len(), 1);
    let year = &yearly.periods[0];
    assert_eq!(year.month, None);
    assert_eq!(year.events.len(), 5);
    let sums = &year.sums;
    assert_eq!(sums.events, 4);
    assert_eq!(sums.total, figures(6, 10, 4, 8));
    assert_eq!(sums.total.no_shows(), 2);
    assert_eq!(sums.by_kind["info_day"].events, 2);
    assert_eq!(sums.by_kind["info_day"].figures, figures(3, 5, 2, 4));
    assert_eq!(
        sums.by_town["essen"].group.events, 1,
        "the cancelled one is not counted"
    );
    assert_eq!(sums.by_language["de"], figures(2, 3, 1, 2));
    assert_eq!(sums.by_interpreter["uk"], figures(1, 1, 0, 0));
    let mut month_total = Figures::default();
    for p in &monthly.periods {
        month_total.registrations += p.sums.total.registrations;
        month_total.people += p.sums.total.people;
        month_total.attended_registrations += p.sums.total.attended_registrations;
        month_total.attended_people += p.sums.total.attended_people;
    }
    assert_eq!(month_total, sums.total, "the months add up to the year");

    let other = report::build(
        &app.db,
        year.year - 1,
        Grouping::Year,
        app.config.office.timezone,
    )
    .await
    .unwrap();
    assert!(
        other.periods[0].events.is_empty(),
        "31 December in UTC is next year in Berlin"
    );

    purge_all(&app).await;
    assert_eq!(build(&app, Grouping::Month).await, monthly);
    assert_eq!(build(&app, Grouping::Year).await, yearly);
}
both!(monthly_and_yearly_sums_are_right_and_survive_the_purge);

fn assert_anonymous(text: &str, what: &str) {
    for (name, email, ..) in PEOPLE {
        assert!(!text.contains(name), "{what} names {name}");
        assert!(!text.contains(email), "{what} holds {email}");
        let first = name.split(' ').next().unwrap();
        assert!(!text.contains(first), "{what} names {first}");
    }
}

async fn get(client: &Client, app: &TestApp, path: &str) -> reqwest::Response {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response
}

/// The CSV as rows of cells, after checking the byte order mark.
fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("byte order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], period: &str, kind: &str, group: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == period && r[1] == kind && r[7] == group)
        .unwrap_or_else(|| panic!("no row {period} / {kind} / {group} in {rows:?}"))
}

async fn staff_see_and_export_the_report_without_personal_data(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    fixture(&app).await;
    let y = year();

    let anonymous = cookie_client();
    for path in ["/staff/report", "/staff/report.csv", "/staff/report.xlsx"] {
        let response = anonymous
            .get(app.url(&format!("{path}?year={y}&per=month")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "GET {path}");
        assert_eq!(response.headers()["location"], "/staff/login", "GET {path}");
    }

    let staff = app.signed_in(Role::Staff).await;
    let dashboard = get(&staff, &app, "/staff").await.text().await.unwrap();
    assert!(dashboard.contains(r#"href="/staff/report""#));

    let page = get(&staff, &app, &format!("/staff/report?year={y}&per=month"))
        .await
        .text()
        .await
        .unwrap();
    for text in [
        format!("Januar {y}"),
        format!("März {y}"),
        format!("April {y}"),
        "Unternehmerstammtisch".to_owned(),
        "online (ohne Ort)".to_owned(),
        format!(r#"href="/staff/report.csv?year={y}&amp;per=month""#),
        format!(r#"<option value="{y}" selected>"#),
    ] {
        assert!(page.contains(&text), "the page shows {text}");
    }
    assert!(!page.contains("Entwurf im März"), "drafts are not reported");
    assert!(!page.contains("<script"), "no JavaScript");
    assert_anonymous(&page, "the page");
    let yearly = get(&staff, &app, &format!("/staff/report?year={y}&per=year"))
        .await
        .text()
        .await
        .unwrap();
    assert!(yearly.contains(&format!("<h2 id=\"period-1\">{y}</h2>")));
    assert!(!yearly.contains("period-2"), "one period per year");
    assert!(yearly.contains("nach Dolmetschsprache"), "{yearly}");

    let response = get(
        &staff,
        &app,
        &format!("/staff/report.csv?year={y}&per=month"),
    )
    .await;
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("bericht-{y}-month.csv"))
    );
    let monthly_csv = response.bytes().await.unwrap().to_vec();
    assert_anonymous(&String::from_utf8(monthly_csv.clone()).unwrap(), "the CSV");
    let rows = parse_csv(&monthly_csv);
    assert_eq!(rows[0][0], "Zeitraum");
    assert_eq!(rows[0].len(), 14);
    let march = format!("März {y}");
    assert_eq!(
        row(&rows, &march, "Summe", "")[8..],
        ["2", "3", "6", "2", "5", "1"]
    );
    assert_eq!(
        row(&rows, &march, "nach Ort", "Köln")[8..],
        ["2", "3", "6", "2", "5", "1"]
    );
    assert_eq!(
        row(&rows, &march, "nach Art", "Infotag")[8..],
        ["1", "2", "4", "1", "3", "1"]
    );
    assert_eq!(
        row(&rows, &march, "nach Sprache", "fa")[8..],
        ["", "1", "3", "1", "3", "0"]
    );
    assert_eq!(
        row(&rows, &march, "nach Dolmetschsprache", "prs")[8..],
        ["", "1", "3", "1", "3", "0"]
    );
    let cancelled = rows.iter().find(|r| r[3] == "Infotag abgesagt").unwrap();
    assert_eq!(
        (cancelled[0].as_str(), cancelled[6].as_str()),
        (march.as_str(), "Abgesagt")
    );
    let april_event = rows
        .iter()
        .find(|r| r[3] == "Elternabend Berufswahl")
        .unwrap();
    assert_eq!(april_event[0], format!("April {y}"));
    assert_eq!(april_event[2], format!("{y}-04-01"));
    assert_eq!(april_event[5], "Essen");
    assert_eq!(april_event[9..], ["2", "3", "1", "2", "1"]);

    let response = get(
        &staff,
        &app,
        &format!("/staff/report.xlsx?year={y}&per=year"),
    )
    .await;
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let sheet = book.worksheet_range(&y.to_string()).unwrap();
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(cells[0][0], "Zeitraum");
    let total = row(&cells, &y.to_string(), "Summe", "");
    assert_eq!(total[8..], ["4", "6", "10", "4", "8", "2"]);
    assert!(
        matches!(sheet.get_value((1, 9)), Some(calamine::Data::Float(_))),
        "numbers are numbers"
    );
    assert_eq!(
        row(&cells, &y.to_string(), "nach Ort", "online (ohne Ort)")[8..],
        ["1", "1", "1", "1", "1", "0"]
    );
    for line in &cells {
        assert_anonymous(&line.join(" "), "the XLSX");
    }

    let actions = app.audit_actions().await;
    assert!(
        actions.contains(&"exported_report_csv".to_owned()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"exported_report_xlsx".to_owned()),
        "{actions:?}"
    );

    purge_all(&app).await;
    // The jobs ran a month ahead: the session has expired meanwhile.
    let staff = app.signed_in(Role::Staff).await;
    let after = get(
        &staff,
        &app,
        &format!("/staff/report.csv?year={y}&per=month"),
    )
    .await
    .bytes()
    .await
    .unwrap();
    assert_eq!(
        after.to_vec(),
        monthly_csv,
        "the purge changes no reported number"
    );
}
both!(staff_see_and_export_the_report_without_personal_data);
