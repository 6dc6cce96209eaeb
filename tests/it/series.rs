//! Series of roundtable dates: creating them from a rule, and changes to one or all later dates.

use chrono::{Datelike, Months, NaiveDate, Utc, Weekday};
use serde_json::{Value, json};

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp};

fn roundtable(starts_at: &str, ends_at: &str) -> Value {
    json!({
        "kind": "roundtable",
        "title": "Unternehmerstammtisch",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue": {"name": "IHK", "city": "Bonn"},
        "capacity": 30,
        "registration_closes_at": starts_at.replace("T19:00", "T12:00"),
    })
}

async fn create_series(app: &TestApp, token: &str, id: &Value, body: &Value) -> (u16, Value) {
    json(
        app.post(&format!("/api/v1/events/{id}/series"))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn event(app: &TestApp, token: &str, id: &Value) -> Value {
    let (status, body) = json(
        app.get(&format!("/api/v1/events/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn a_monthly_series_lands_on_the_second_thursday_at_the_same_local_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let first = app
        .published_event(&token, &roundtable("2030-01-10T19:00", "2030-01-10T21:00"))
        .await;

    let (status, body) = create_series(
        &app,
        &token,
        &first["id"],
        &json!({"rule": "FREQ=MONTHLY;BYDAY=2TH;COUNT=12"}),
    )
    .await;

    assert_eq!(status, 201, "{body}");
    let items = body["items"].as_array().unwrap();
    let starts: Vec<&str> = items
        .iter()
        .map(|e| e["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2030-02-14T19:00:00+01:00",
            "2030-03-14T19:00:00+01:00",
            "2030-04-11T19:00:00+02:00",
            "2030-05-09T19:00:00+02:00",
            "2030-06-13T19:00:00+02:00",
            "2030-07-11T19:00:00+02:00",
            "2030-08-08T19:00:00+02:00",
            "2030-09-12T19:00:00+02:00",
            "2030-10-10T19:00:00+02:00",
            "2030-11-14T19:00:00+01:00",
            "2030-12-12T19:00:00+01:00",
        ]
    );
    let first = event(&app, &token, &first["id"]).await;
    assert_eq!(first["series_id"], first["id"]);
    let mut slugs = vec![first["slug"].as_str().unwrap().to_owned()];
    for e in items {
        assert_eq!(e["series_id"], first["id"]);
        assert_eq!(e["status"], "published");
        assert_eq!(e["seats_taken"], 0);
        assert_eq!(&e["ends_at"].as_str().unwrap()[11..16], "21:00");
        assert_eq!(
            e["registration_closes_at"].as_str().unwrap()[..16],
            e["starts_at"].as_str().unwrap()[..16].replace("T19:00", "T12:00"),
            "the registration deadline moves with the date"
        );
        slugs.push(e["slug"].as_str().unwrap().to_owned());
    }
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 12, "every date has its own slug");
    let ics = app
        .get(&format!(
            "/events/{}.ics",
            items[3]["slug"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains(&format!("UID:event-{}@", items[3]["id"])),
        "{ics}"
    );

    // The event page lists the other dates.
    let page = app
        .get(&format!(
            "/events/{}?lang=de",
            first["slug"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Weitere Termine"), "{page}");
    for e in items {
        assert!(page.contains(&format!("/events/{}\"", e["slug"].as_str().unwrap())));
    }

    // A second series from the same event is refused.
    let (status, body) = create_series(
        &app,
        &token,
        &first["id"],
        &json!({"rule": "FREQ=MONTHLY;COUNT=2"}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("already_a_series"))
    );
}
both!(a_monthly_series_lands_on_the_second_thursday_at_the_same_local_time);

async fn a_weekly_series_leaves_out_the_exceptions_and_refuses_bad_rules(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let first = app
        .create_event(&token, &roundtable("2030-03-05T19:00", "2030-03-05T20:30"))
        .await;
    for (rule, field) in [
        (json!({"rule": "FREQ=DAILY;COUNT=3"}), "rule"),
        (json!({"rule": "FREQ=WEEKLY;BYDAY=WE;COUNT=3"}), "rule"),
        (
            json!({"rule": "FREQ=WEEKLY;COUNT=3", "except": ["2030-03-13"]}),
            "except",
        ),
    ] {
        let (status, body) = create_series(&app, &token, &first["id"], &rule).await;
        assert_eq!(status, 422, "{rule}: {body}");
        assert!(body["error"]["fields"][field].is_string(), "{body}");
    }

    let (status, body) = create_series(
        &app,
        &token,
        &first["id"],
        &json!({"rule": "FREQ=WEEKLY;COUNT=6", "except": ["2030-03-19"]}),
    )
    .await;

    assert_eq!(status, 201, "{body}");
    let starts: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2030-03-12T19:00:00+01:00",
            "2030-03-26T19:00:00+01:00",
            "2030-04-02T19:00:00+02:00",
            "2030-04-09T19:00:00+02:00",
        ]
    );
    assert!(
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["status"] == "draft")
    );
}
both!(a_weekly_series_leaves_out_the_exceptions_and_refuses_bad_rules);

fn second_thursday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Thu, 2).unwrap()
}

async fn a_change_to_all_future_dates_leaves_earlier_and_past_ones_alone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    // Monthly from two months ago: the first dates have passed.
    let back = Utc::now().date_naive().with_day(1).unwrap() - Months::new(2);
    let day = second_thursday(back.year(), back.month());
    let first = app
        .published_event(
            &token,
            &roundtable(&format!("{day}T19:00"), &format!("{day}T21:00")),
        )
        .await;
    let (status, body) = create_series(
        &app,
        &token,
        &first["id"],
        &json!({"rule": "FREQ=MONTHLY;BYDAY=2TH;COUNT=12"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let mut ids = vec![first["id"].clone()];
    ids.extend(
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].clone()),
    );
    let before: Vec<Value> = {
        let mut all = Vec::new();
        for id in &ids {
            all.push(event(&app, &token, id).await);
        }
        all
    };
    let now = Utc::now();
    let ended = |e: &Value| {
        chrono::DateTime::parse_from_rfc3339(e["ends_at"].as_str().unwrap()).unwrap() <= now
    };
    let upcoming = before.iter().position(|e| !ended(e)).unwrap();
    assert!(upcoming >= 2, "at least two dates have passed");
    let anchor = &before[upcoming + 1];
    let anchor_day = &anchor["starts_at"].as_str().unwrap()[..10];

    // Half an hour earlier and a new title, from the second upcoming date on.
    let response = app
        .patch(&format!("/api/v1/events/{}?scope=future", anchor["id"]))
        .bearer_auth(&token)
        .json(&json!({"title": "Stammtisch Digitalisierung", "starts_at": format!("{anchor_day}T18:30"), "ends_at": format!("{anchor_day}T20:30")}))
        .send()
        .await
        .unwrap();
    let (status, body) = json(response).await;
    assert_eq!(status, 200, "{body}");

    for (i, id) in ids.iter().enumerate() {
        let after = event(&app, &token, id).await;
        let time = &after["starts_at"].as_str().unwrap()[11..16];
        if i <= upcoming {
            assert_eq!(
                after, before[i],
                "date {i} is earlier than the change and stays"
            );
        } else {
            assert_eq!(after["title"], "Stammtisch Digitalisierung", "date {i}");
            assert_eq!(
                (time, &after["ends_at"].as_str().unwrap()[11..16]),
                ("18:30", "20:30"),
                "date {i}"
            );
            assert_eq!(
                after["starts_at"].as_str().unwrap()[..10],
                before[i]["starts_at"].as_str().unwrap()[..10],
                "date {i} keeps its day"
            );
        }
    }

    // A change from the first date on: that date changes, the ones that have ended do not.
    let response = app
        .patch(&format!("/api/v1/events/{}?scope=future", first["id"]))
        .bearer_auth(&token)
        .json(&json!({"description": "Offener Austausch"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    for (i, id) in ids.iter().enumerate() {
        let after = event(&app, &token, id).await;
        let expected = i == 0 || i >= upcoming;
        assert_eq!(
            after["description"] == "Offener Austausch",
            expected,
            "date {i}: only the date changed and those that have not ended"
        );
    }

    let response = app
        .patch(&format!("/api/v1/events/{}?scope=all", first["id"]))
        .bearer_auth(&token)
        .json(&json!({"title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
}
both!(a_change_to_all_future_dates_leaves_earlier_and_past_ones_alone);
