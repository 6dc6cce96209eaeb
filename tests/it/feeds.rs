//! `GET /calendar.ics` and `GET /events/{slug}.ics`, read back with an independent parser
//! (Python's `icalendar`, through `tests/ics_to_json.py`).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::Response;
use reqwest::header::{
    ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG,
    IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, VARY,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use treffpunkt::entities::event;

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp, id_of};

fn info_day(title: &str, starts_at: &str, ends_at: &str) -> Value {
    json!({
        "kind": "info_day",
        "title": title,
        "description": "Duale Ausbildung, Anerkennung, Beratung.",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue": {"name": "Bürgerhaus Kalk", "street": "Kalk-Mülheimer Str. 58", "postal_code": "51103", "city": "Köln"},
        "audiences": ["parents", "youth"],
        "languages": ["de", "ar-SY"],
    })
}

/// The calendar as Python's `icalendar` reads it; fails the test if that parser complains.
pub fn parse(ics: &str) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ics_to_json.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 (see .ci/run for what the tests need)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the parser rejected the calendar: {}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(parsed["errors"], json!([]), "{ics}");
    for event in parsed["events"].as_array().unwrap() {
        assert_eq!(event["errors"], json!([]), "{ics}");
    }
    parsed
}

/// What RFC 5545 asks of the bytes themselves, checked without any parser.
fn assert_well_formed(ics: &str) {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    for line in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "bare CR or LF: {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character: {line:?}"
        );
    }
    assert!(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
    for personal in ["ATTENDEE", "ORGANIZER", "@example.org"] {
        assert!(!ics.contains(personal), "{personal} in\n{ics}");
    }
    // Every TZID used has exactly one VTIMEZONE.
    for used in ics.split(";TZID=").skip(1) {
        let tzid = used.split(':').next().unwrap();
        let definition = format!("BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n");
        assert_eq!(ics.matches(&definition).count(), 1, "VTIMEZONE for {tzid}");
    }
}

async fn body(response: Response) -> String {
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    response.text().await.unwrap()
}

pub(crate) async fn get_ics(app: &TestApp, path: &str) -> String {
    let ics = body(app.get(path).send().await.unwrap()).await;
    assert_well_formed(&ics);
    ics
}

async fn stored(app: &TestApp, id: i32) -> event::Model {
    event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn event_with_uid<'a>(calendar: &'a Value, uid: &str) -> &'a Value {
    calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == uid)
        .unwrap_or_else(|| panic!("no event {uid} in {calendar}"))
}

fn uids(calendar: &Value) -> Vec<String> {
    calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect()
}

async fn times_read_back_are_the_stored_instants_also_across_daylight_saving_changes(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let cases = [
        ("Winter", "2027-01-14T19:00", "2027-01-14T21:00"),
        ("Sommer", "2027-06-10T18:00", "2027-06-10T20:00"),
        // Clocks go forward at 02:00 on 28 March 2027: starts in CET, ends in CEST.
        ("Nacht im März", "2027-03-27T22:00", "2027-03-28T04:00"),
        // Clocks go back at 03:00 on 31 October 2027: starts in CEST, ends in CET.
        ("Nacht im Oktober", "2027-10-30T22:00", "2027-10-31T05:00"),
        // 02:30 happens twice that night; the first is meant.
        ("Doppelte Stunde", "2027-10-31T02:30", "2027-10-31T04:00"),
    ];
    let mut published = Vec::new();
    for (title, starts, ends) in cases {
        published.push(
            app.published_event(&token, &info_day(title, starts, ends))
                .await,
        );
    }
    let draft = app
        .create_event(
            &token,
            &info_day("Entwurf", "2027-02-01T10:00", "2027-02-01T12:00"),
        )
        .await;

    let feed = parse(&get_ics(&app, "/calendar.ics").await);

    assert_eq!(feed["method"], "PUBLISH");
    assert_eq!(feed["version"], "2.0");
    assert_eq!(feed["name"], "Treffpunkt – Veranstaltungen");
    assert_eq!(feed["x_wr_calname"], feed["name"]);
    assert_eq!(feed["refresh_interval_value"], "DURATION");
    assert!(
        feed["refresh_interval"]
            .as_str()
            .unwrap()
            .contains("1:00:00")
    );
    assert_eq!(feed["x_published_ttl"], "PT1H");
    assert_eq!(feed["timezones"], json!(["Europe/Berlin"]));
    assert_eq!(feed["events"].as_array().unwrap().len(), cases.len());
    assert!(!uids(&feed).contains(&format!("event-{}@127.0.0.1", id_of(&draft))));
    for event in &published {
        let id = id_of(event);
        let row = stored(&app, id).await;
        let uid = format!("event-{id}@127.0.0.1");
        let in_feed = event_with_uid(&feed, &uid);
        assert_eq!(in_feed["dtstart"], utc(row.starts_at), "{}", row.title);
        assert_eq!(in_feed["dtend"], utc(row.ends_at), "{}", row.title);
        assert_eq!(in_feed["summary"], row.title);
        assert_eq!(
            in_feed["location"],
            "Bürgerhaus Kalk, Kalk-Mülheimer Str. 58, 51103 Köln"
        );
        assert_eq!(
            in_feed["url"],
            format!("http://127.0.0.1:8080/events/{}", row.slug)
        );
        assert_eq!(in_feed["status"], "CONFIRMED");
        assert_eq!(in_feed["dtstamp"], utc(row.updated_at));
        assert_eq!(in_feed["last_modified"], utc(row.updated_at));

        let single = parse(&get_ics(&app, &format!("/events/{}.ics", row.slug)).await);
        assert_eq!(single["method"], "PUBLISH");
        assert_eq!(single["events"].as_array().unwrap().len(), 1);
        let alone = &single["events"][0];
        assert_eq!(alone["uid"], uid, "one UID everywhere");
        for key in ["dtstart", "dtend", "sequence", "summary", "dtstamp"] {
            assert_eq!(alone[key], in_feed[key], "{key}");
        }
    }
    let fold = event_with_uid(&feed, &format!("event-{}@127.0.0.1", id_of(&published[4])));
    assert_eq!(fold["dtstart"], "2027-10-31T00:30:00Z");
    assert_eq!(
        fold["tzids"],
        json!([]),
        "a wall-clock time in the fold is written in UTC"
    );
    let winter = event_with_uid(&feed, &format!("event-{}@127.0.0.1", id_of(&published[0])));
    assert_eq!(winter["tzids"], json!(["Europe/Berlin", "Europe/Berlin"]));
    assert_eq!(winter["dtstart"], "2027-01-14T18:00:00Z");
}
both!(times_read_back_are_the_stored_instants_also_across_daylight_saving_changes);

async fn unchanged_calendars_are_byte_identical_and_a_change_gives_a_new_etag_and_a_higher_sequence(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app
        .published_event(
            &token,
            &info_day("Infotag Ausbildung", "2027-03-12T10:00", "2027-03-12T14:00"),
        )
        .await;
    let single_path = format!("/events/{}.ics", created["slug"].as_str().unwrap());
    let uid = format!("event-{}@127.0.0.1", id_of(&created));

    let first = app.get("/calendar.ics").send().await.unwrap();
    let first_etag = first.headers()[ETAG].clone();
    let first_body = body(first).await;
    let second = app.get("/calendar.ics").send().await.unwrap();
    assert_eq!(second.headers()[ETAG], first_etag);
    assert_eq!(body(second).await, first_body, "byte-identical");
    let single_first = get_ics(&app, &single_path).await;
    assert_eq!(get_ics(&app, &single_path).await, single_first);
    let before = event_with_uid(&parse(&first_body), &uid).clone();

    let (status, _) = json(
        app.patch(&format!("/api/v1/events/{}", created["id"]))
            .bearer_auth(&token)
            .json(&json!({"title": "Infotag Ausbildung und Studium", "starts_at": "2027-03-12T11:00"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    let changed = app.get("/calendar.ics").send().await.unwrap();
    assert_ne!(changed.headers()[ETAG], first_etag);
    let after_feed = parse(&body(changed).await);
    let after = event_with_uid(&after_feed, &uid);
    assert_eq!(
        uids(&after_feed),
        vec![uid.clone()],
        "updated, not duplicated"
    );
    assert!(after["sequence"].as_i64().unwrap() > before["sequence"].as_i64().unwrap());
    assert!(after["last_modified"].as_str().unwrap() > before["last_modified"].as_str().unwrap());
    assert_eq!(after["summary"], "Infotag Ausbildung und Studium");
    assert_eq!(after["dtstart"], "2027-03-12T10:00:00Z");
    let single_after = get_ics(&app, &single_path).await;
    assert_ne!(single_after, single_first);
    let single = parse(&single_after);
    assert_eq!(single["events"][0]["uid"], uid);
    assert_eq!(single["events"][0]["sequence"], after["sequence"]);
}
both!(unchanged_calendars_are_byte_identical_and_a_change_gives_a_new_etag_and_a_higher_sequence);

async fn a_cancelled_event_stays_in_the_feed_as_cancelled_until_it_has_passed(backend: Backend) {
    // The test changes the database behind the app's back, which a kept answer would hide for
    // `server.cache_ttl_ms`.
    let app = TestApp::spawn_with(backend, |config| config.server.cache_ttl_ms = 0).await;
    let token = app.staff_token().await;
    let created = app
        .published_event(
            &token,
            &info_day("Elternabend", "2027-05-06T18:00", "2027-05-06T20:00"),
        )
        .await;
    let id = id_of(&created);
    let uid = format!("event-{id}@127.0.0.1");
    let before = event_with_uid(&parse(&get_ics(&app, "/calendar.ics").await), &uid).clone();

    let (status, _) = json(
        app.post(&format!("/api/v1/events/{id}/cancel"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    let feed = parse(&get_ics(&app, "/calendar.ics").await);
    let cancelled = event_with_uid(&feed, &uid);
    assert_eq!(cancelled["status"], "CANCELLED");
    assert_eq!(cancelled["summary"], "Abgesagt: Elternabend");
    assert!(cancelled["sequence"].as_i64().unwrap() > before["sequence"].as_i64().unwrap());
    let single = parse(
        &get_ics(
            &app,
            &format!("/events/{}.ics", created["slug"].as_str().unwrap()),
        )
        .await,
    );
    assert_eq!(single["events"][0]["status"], "CANCELLED");

    // Time passes: the event ends without anyone changing it.
    let row = stored(&app, id).await;
    let mut passed: event::ActiveModel = row.clone().into();
    passed.starts_at = Set(Utc::now() - chrono::Duration::hours(3));
    passed.ends_at = Set(Utc::now() - chrono::Duration::hours(1));
    passed.update(&app.db).await.unwrap();
    assert_eq!(stored(&app, id).await.updated_at, row.updated_at);

    let feed = parse(&get_ics(&app, "/calendar.ics").await);
    assert_eq!(uids(&feed), Vec::<String>::new(), "gone once passed");
}
both!(a_cancelled_event_stays_in_the_feed_as_cancelled_until_it_has_passed);

async fn a_matching_conditional_get_is_304_without_a_body_whatever_the_accept_header(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app
        .published_event(
            &token,
            &info_day("Infotag", "2027-03-12T10:00", "2027-03-12T14:00"),
        )
        .await;
    // Last-Modified never names the second of the latest change (which may lie up to a
    // second ahead); let it pass.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let single_path = format!("/events/{}.ics", created["slug"].as_str().unwrap());

    for path in ["/calendar.ics", single_path.as_str()] {
        let first = app.get(path).send().await.unwrap();
        let etag = first.headers()[ETAG].to_str().unwrap().to_owned();
        let last_modified = first.headers()[LAST_MODIFIED].to_str().unwrap().to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "strong: {etag}"
        );
        assert!(
            first.headers()[CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        let full = body(first).await;

        for condition in [
            (IF_NONE_MATCH, etag.clone()),
            (IF_NONE_MATCH, format!("\"other\", {etag}")),
            (IF_NONE_MATCH, format!("W/{etag}")),
            (IF_MODIFIED_SINCE, last_modified.clone()),
            (
                IF_MODIFIED_SINCE,
                "Fri, 01 Jan 2100 00:00:00 GMT".to_owned(),
            ),
        ] {
            let response = app
                .get(path)
                .header(condition.0.clone(), &condition.1)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 304, "{path} {condition:?}");
            assert_eq!(response.headers()[ETAG], etag.as_str());
            assert_eq!(response.text().await.unwrap(), "", "no body");
        }
        for condition in [
            (IF_NONE_MATCH, "\"other\"".to_owned()),
            (
                IF_MODIFIED_SINCE,
                "Mon, 01 Jan 2024 00:00:00 GMT".to_owned(),
            ),
            (IF_MODIFIED_SINCE, "not a date".to_owned()),
        ] {
            let response = app
                .get(path)
                .header(condition.0.clone(), &condition.1)
                .send()
                .await
                .unwrap();
            assert_eq!(body(response).await, full, "{path} {condition:?}");
        }
        for accept in [
            "text/html",
            "application/json",
            "text/calendar,text/plain;q=0.8,*/*;q=0.5",
        ] {
            let response = app.get(path).header(ACCEPT, accept).send().await.unwrap();
            assert_eq!(body(response).await, full, "Accept: {accept}");
        }
        let google = app
            .get(path)
            .header("user-agent", "Google-Calendar-Importer")
            .send()
            .await
            .unwrap();
        assert_eq!(body(google).await, full);
    }
}
both!(a_matching_conditional_get_is_304_without_a_body_whatever_the_accept_header);

/// A client that sends back the Last-Modified it was just given, right after a change within the
/// same second, is told that nothing changed. The `Date` of each answer tells whether the change
/// and both requests fell into one second; the scenario is tried again until they did.
async fn if_modified_since_with_the_last_modified_just_sent_is_304_right_after_a_change(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app
        .published_event(
            &token,
            &info_day("Infotag", "2027-03-12T10:00", "2027-03-12T14:00"),
        )
        .await;
    let single_path = format!("/events/{}.ics", created["slug"].as_str().unwrap());
    let date = |response: &Response| response.headers()["date"].to_str().unwrap().to_owned();
    for path in ["/calendar.ics", single_path.as_str()] {
        let mut seen_within_one_second = false;
        for attempt in 0..20 {
            let change = app
                .patch(&format!("/api/v1/events/{}", created["id"]))
                .bearer_auth(&token)
                .json(&json!({"title": format!("Infotag {attempt}")}))
                .send()
                .await
                .unwrap();
            assert_eq!(change.status(), 200);
            let first = app.get(path).send().await.unwrap();
            assert_eq!(first.status(), 200);
            let last_modified = first.headers()[LAST_MODIFIED].to_str().unwrap().to_owned();
            let again = app
                .get(path)
                .header(IF_MODIFIED_SINCE, &last_modified)
                .send()
                .await
                .unwrap();
            if date(&change) != date(&first) || date(&first) != date(&again) {
                continue;
            }
            assert_eq!(again.status(), 304, "{path}: {last_modified}");
            assert_eq!(again.headers()[LAST_MODIFIED], last_modified.as_str());
            seen_within_one_second = true;
            break;
        }
        assert!(seen_within_one_second, "{path}: never within one second");
    }
}
both!(if_modified_since_with_the_last_modified_just_sent_is_304_right_after_a_change);

async fn calendars_go_out_as_gzip_to_clients_that_take_it_with_an_etag_of_their_own(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    for day in 10..15 {
        app.published_event(
            &token,
            &info_day(
                &format!("Infotag {day}"),
                &format!("2027-03-{day}T10:00"),
                &format!("2027-03-{day}T14:00"),
            ),
        )
        .await;
    }
    let plain = app.get("/calendar.ics").send().await.unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.headers()[VARY], "accept-encoding");
    let plain_etag = plain.headers()[ETAG].to_str().unwrap().to_owned();
    let ics = body(plain).await;

    for accept in ["gzip", "br;q=1, gzip;q=0.8, deflate", "*"] {
        let zipped = app
            .get("/calendar.ics")
            .header(ACCEPT_ENCODING, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(zipped.status(), 200);
        assert_eq!(zipped.headers()[CONTENT_ENCODING], "gzip", "{accept}");
        assert_eq!(zipped.headers()[VARY], "accept-encoding");
        assert_eq!(
            zipped.headers()[CONTENT_TYPE],
            "text/calendar; charset=utf-8"
        );
        let zipped_etag = zipped.headers()[ETAG].to_str().unwrap().to_owned();
        assert!(zipped_etag.starts_with('"') && zipped_etag.ends_with('"'));
        assert_ne!(zipped_etag, plain_etag, "another representation");
        let bytes = zipped.bytes().await.unwrap();
        assert!(
            bytes.len() * 3 < ics.len(),
            "{} of {}",
            bytes.len(),
            ics.len()
        );
        let mut unzipped = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unzipped)
            .unwrap();
        assert_eq!(unzipped, ics, "the same calendar");
        assert_eq!(parse(&unzipped)["events"].as_array().unwrap().len(), 5);

        // Either tag names the calendar the client has, whichever way it now asks.
        for (encoding, tag) in [(accept, &plain_etag), ("identity", &zipped_etag)] {
            let again = app
                .get("/calendar.ics")
                .header(ACCEPT_ENCODING, encoding)
                .header(IF_NONE_MATCH, tag)
                .send()
                .await
                .unwrap();
            assert_eq!(again.status(), 304, "{encoding} {tag}");
            assert!(again.headers().get(CONTENT_ENCODING).is_none());
        }
    }
    for refused in ["identity", "gzip;q=0", "*, gzip;q=0", "br"] {
        let response = app
            .get("/calendar.ics")
            .header(ACCEPT_ENCODING, refused)
            .send()
            .await
            .unwrap();
        assert!(
            response.headers().get(CONTENT_ENCODING).is_none(),
            "{refused}"
        );
        assert_eq!(response.headers()[ETAG], plain_etag.as_str());
        assert_eq!(body(response).await, ics);
    }
}
both!(calendars_go_out_as_gzip_to_clients_that_take_it_with_an_etag_of_their_own);

async fn staff_text_comes_back_exactly_with_newlines_normalised_and_control_characters_gone(
    backend: Backend,
) {
    // The test changes the database behind the app's back, which a kept answer would hide for
    // `server.cache_ttl_ms`.
    let app = TestApp::spawn_with(backend, |config| config.server.cache_ttl_ms = 0).await;
    let token = app.staff_token().await;
    let title = "أمسية الأهل: التدريب المهني في ألمانيا";
    let arabic = "مرحبا بكم جميعا في أمسية الأهل حول التدريب المهني المزدوج 👪 ".repeat(3);
    let messy = format!(
        "Zeile eins\r\nZeile zwei\rZeile drei\u{7}\u{1b}\nKomma, Semikolon; Backslash \\ Pfad C:\\Temp\\neu\n{arabic}"
    );
    let clean = format!(
        "Zeile eins\nZeile zwei\nZeile drei\nKomma, Semikolon; Backslash \\ Pfad C:\\Temp\\neu\n{}",
        arabic.trim()
    );
    let mut body = info_day(title, "2027-04-15T18:00", "2027-04-15T20:30");
    body["description"] = json!(messy);
    let created = app.published_event(&token, &body).await;
    let id = id_of(&created);
    let uid = format!("event-{id}@127.0.0.1");
    let single_path = format!("/events/{}.ics", created["slug"].as_str().unwrap());

    for path in ["/calendar.ics", single_path.as_str()] {
        let parsed = parse(&get_ics(&app, path).await);
        let event = event_with_uid(&parsed, &uid);
        assert_eq!(event["summary"], title, "{path}");
        assert_eq!(event["description"], clean.as_str(), "{path}");
    }

    // Text that reached the database some other way is cleaned on the way out as well.
    let row = stored(&app, id).await;
    let mut raw: event::ActiveModel = row.clone().into();
    raw.description = Set(messy.clone());
    raw.title = Set(format!("{title}\u{1}\r\n"));
    raw.updated_at = Set(row.updated_at + chrono::Duration::seconds(1));
    raw.update(&app.db).await.unwrap();
    for path in ["/calendar.ics", single_path.as_str()] {
        let parsed = parse(&get_ics(&app, path).await);
        let event = event_with_uid(&parsed, &uid);
        assert_eq!(event["summary"], format!("{title}\n"), "{path}");
        assert_eq!(
            event["description"],
            format!("{}{arabic}", clean.strip_suffix(arabic.trim()).unwrap()),
            "{path}"
        );
    }
}
both!(staff_text_comes_back_exactly_with_newlines_normalised_and_control_characters_gone);

async fn a_second_instance_serves_the_change_of_the_first_within_the_cache_ttl(backend: Backend) {
    let first = TestApp::spawn(backend).await;
    let second = first.another_instance().await;
    let ttl = std::time::Duration::from_millis(first.config.server.cache_ttl_ms);
    let token = first.staff_token().await;
    let created = first
        .published_event(
            &token,
            &info_day("Stammtisch", "2027-03-12T19:00", "2027-03-12T21:00"),
        )
        .await;
    let single_path = format!("/events/{}.ics", created["slug"].as_str().unwrap());
    // Both instances have the calendars in their caches.
    for path in ["/calendar.ics", single_path.as_str()] {
        assert_eq!(get_ics(&first, path).await, get_ics(&second, path).await);
    }
    let before = get_ics(&second, "/calendar.ics").await;

    let (status, _) = json(
        first
            .patch(&format!("/api/v1/events/{}", created["id"]))
            .bearer_auth(&token)
            .json(&json!({"title": "Stammtisch im Rathaus"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    // The instance that made the change serves it at once ...
    for path in ["/calendar.ics", single_path.as_str()] {
        let from_first = get_ics(&first, path).await;
        assert_eq!(
            parse(&from_first)["events"][0]["summary"],
            "Stammtisch im Rathaus",
            "{path}"
        );
    }
    // ... the other one once what it kept has aged past the TTL.
    tokio::time::sleep(ttl).await;
    for path in ["/calendar.ics", single_path.as_str()] {
        let from_second = get_ics(&second, path).await;
        assert_ne!(from_second, before);
        assert_eq!(
            parse(&from_second)["events"][0]["summary"],
            "Stammtisch im Rathaus"
        );
        assert_eq!(from_second, get_ics(&first, path).await, "{path}");
    }
    let new_event = first
        .published_event(
            &token,
            &info_day("Zweiter Termin", "2027-04-12T19:00", "2027-04-12T21:00"),
        )
        .await;
    tokio::time::sleep(ttl).await;
    let feed = parse(&get_ics(&second, "/calendar.ics").await);
    assert!(uids(&feed).contains(&format!("event-{}@127.0.0.1", id_of(&new_event))));
}
both!(a_second_instance_serves_the_change_of_the_first_within_the_cache_ttl);

async fn without_a_cache_a_second_instance_serves_the_change_of_the_first_at_once(
    backend: Backend,
) {
    let first = TestApp::spawn_with(backend, |config| config.server.cache_ttl_ms = 0).await;
    let second = first.another_instance().await;
    let token = first.staff_token().await;
    let created = first
        .published_event(
            &token,
            &info_day("Stammtisch", "2027-03-12T19:00", "2027-03-12T21:00"),
        )
        .await;
    let single_path = format!("/events/{}.ics", created["slug"].as_str().unwrap());
    for path in ["/calendar.ics", single_path.as_str()] {
        assert_eq!(get_ics(&first, path).await, get_ics(&second, path).await);
    }

    let (status, _) = json(
        first
            .patch(&format!("/api/v1/events/{}", created["id"]))
            .bearer_auth(&token)
            .json(&json!({"title": "Stammtisch im Rathaus"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    for path in ["/calendar.ics", single_path.as_str()] {
        let from_second = get_ics(&second, path).await;
        assert_eq!(
            parse(&from_second)["events"][0]["summary"],
            "Stammtisch im Rathaus"
        );
    }
}
both!(without_a_cache_a_second_instance_serves_the_change_of_the_first_at_once);

async fn the_feed_takes_the_filters_of_the_event_list_and_names_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let koeln = app
        .published_event(
            &token,
            &info_day("Infotag Köln", "2027-03-12T10:00", "2027-03-12T14:00"),
        )
        .await;
    let mut bonn = info_day("Infotag Bonn", "2027-03-13T10:00", "2027-03-13T14:00");
    bonn["venue"]["city"] = json!("Bonn");
    bonn["languages"] = json!(["de", "uk"]);
    let bonn = app.published_event(&token, &bonn).await;
    let mut roundtable = info_day("Stammtisch", "2027-03-14T19:00", "2027-03-14T21:00");
    roundtable["kind"] = json!("roundtable");
    roundtable["audiences"] = json!(["employers"]);
    let roundtable = app.published_event(&token, &roundtable).await;
    let uid = |e: &Value| format!("event-{}@127.0.0.1", id_of(e));

    let cases = [
        (
            "",
            vec![&koeln, &bonn, &roundtable],
            "Treffpunkt – Veranstaltungen",
        ),
        (
            "?kind=info_day",
            vec![&koeln, &bonn],
            "Treffpunkt – Infotage",
        ),
        (
            "?kind=info_day&city=k%C3%B6ln&lang=uk",
            vec![&koeln],
            "Treffpunkt – Інформаційні дні – köln",
        ),
        (
            "?language=ar",
            vec![&koeln, &roundtable],
            "Treffpunkt – Veranstaltungen – Sprache \u{2068}العربية\u{2069}",
        ),
        (
            "?audience=employers",
            vec![&roundtable],
            "Treffpunkt – Veranstaltungen – für Arbeitgeber",
        ),
        (
            "?city=Berlin",
            vec![],
            "Treffpunkt – Veranstaltungen – Berlin",
        ),
    ];
    for (query, expected, name) in cases {
        let feed = parse(&get_ics(&app, &format!("/calendar.ics{query}")).await);
        let want: Vec<String> = expected.into_iter().map(uid).collect();
        assert_eq!(uids(&feed), want, "{query}");
        assert_eq!(feed["name"], name, "{query}");
    }

    let (status, error) = json(app.get("/calendar.ics?kind=party").send().await.unwrap()).await;
    assert_eq!(status, 422);
    assert_eq!(
        error["error"]["fields"]["kind"],
        "must be one of roundtable, info_day, parents_evening"
    );
}
both!(the_feed_takes_the_filters_of_the_event_list_and_names_them);

async fn drafts_and_unknown_slugs_are_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let draft = app
        .create_event(
            &token,
            &info_day("Entwurf", "2027-03-12T10:00", "2027-03-12T14:00"),
        )
        .await;
    let slug = draft["slug"].as_str().unwrap();

    for path in [
        format!("/events/{slug}.ics"),
        "/events/gibt-es-nicht.ics".to_owned(),
    ] {
        let (status, error) = json(app.get(&path).send().await.unwrap()).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error["error"]["code"], "not_found", "{path}");
    }
    let page = app.get(&format!("/events/{slug}")).send().await.unwrap();
    assert_eq!(page.status(), 404, "a draft has no public page");
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let feed = parse(&get_ics(&app, "/calendar.ics").await);
    assert_eq!(feed["events"], json!([]));
    assert_eq!(feed["timezones"], json!([]), "no VTIMEZONE without a TZID");
}
both!(drafts_and_unknown_slugs_are_404);
