//! The staff pages for counselling slots through HTTP, signed in as staff: the dashboard's
//! warning about events with few free slots.

use chrono::{Duration, Utc};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp};

/// A signed-in browser-like client of a new staff account: keeps cookies, no redirects.
async fn signed_in(app: &TestApp) -> Client {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let email = format!("slots-staff{n}@example.org");
    treffpunkt::staff::add(&app.db, &email, "Beraterin", Role::Staff, "a-long-password")
        .await
        .unwrap();
    let client = Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(app.url("/staff/login"))
        .form(&[("email", email.as_str()), ("password", "a-long-password")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    client
}

/// A published event three weeks ahead, 18:00–22:00 local; its JSON.
async fn event(app: &TestApp, token: &str, kind: &str, title: &str) -> Value {
    let day = (Utc::now() + Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    app.published_event(
        token,
        &json!({
            "kind": kind,
            "title": title,
            "starts_at": format!("{day}T18:00"),
            "ends_at": format!("{day}T22:00"),
            "venue": {"name": "Bürgerhaus", "city": "Köln"},
            "capacity": 100,
            "double_opt_in": false,
        }),
    )
    .await
}

/// An adviser with `count` slots of 20 minutes from 19:00; the slot ids.
async fn adviser_with_slots(app: &TestApp, token: &str, event: &Value, count: i64) -> Vec<i32> {
    let id = event["id"].as_i64().unwrap();
    let (status, adviser) = json(
        app.post(&format!("/api/v1/events/{id}/advisers"))
            .bearer_auth(token)
            .json(&json!({"name": "Frau Yilmaz", "languages": ["de", "tr"], "location": "Raum 2"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{adviser}");
    let day = &event["starts_at"].as_str().unwrap()[..10];
    let end = chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap() + Duration::minutes(20 * count);
    let (status, body) = json(
        app.post(&format!("/api/v1/events/{id}/slots"))
            .bearer_auth(token)
            .json(&json!({
                "adviser_id": adviser["id"],
                "starts_at": format!("{day}T19:00"),
                "ends_at": format!("{day}T{}", end.format("%H:%M")),
                "slot_minutes": 20,
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| i32::try_from(s["id"].as_i64().unwrap()).unwrap())
        .collect()
}

/// Registers a family through the API; its id.
async fn family(app: &TestApp, event: &Value, name: &str) -> i32 {
    let (status, body) = json(
        app.post(&format!("/api/v1/events/{}/registrations", event["id"]))
            .json(&json!({"name": name, "email": "familie@example.org", "language": "tr", "consent": true}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    i32::try_from(body["id"].as_i64().unwrap()).unwrap()
}

async fn dashboard(app: &TestApp, client: &Client) -> String {
    let response = client.get(app.url("/staff")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

async fn the_dashboard_warns_when_few_slots_are_free(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.slots.warn_below_free = 3).await;
    let token = app.staff_token().await;
    let evening = event(&app, &token, "parents_evening", "Elternabend Kalk").await;
    let slots = adviser_with_slots(&app, &token, &evening, 3).await;
    event(&app, &token, "info_day", "Infotag ohne Beratung").await;
    let staff = signed_in(&app).await;

    // Three free of three: no warning.
    let page = dashboard(&app, &staff).await;
    assert!(!page.contains("id=\"slots-low\""), "{page}");
    assert!(page.contains("Freie Beratungszeiten"));

    // One booked: two free, fewer than three.
    let reg = family(&app, &evening, "Familie Demir").await;
    treffpunkt::slots::book(&app.db, reg, slots[0], Utc::now())
        .await
        .unwrap();
    let page = dashboard(&app, &staff).await;
    assert!(page.contains("id=\"slots-low\""), "{page}");
    assert!(
        page.contains("Elternabend Kalk: nur noch 2 freie Beratungszeiten"),
        "{page}"
    );
    assert!(!page.contains("Infotag ohne Beratung: nur"), "{page}");
    assert!(!page.contains("Familie Demir"), "no names on the dashboard");

    // In English.
    let response = staff.get(app.url("/staff?lang=en")).send().await.unwrap();
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Elternabend Kalk: only 2 free slots left"),
        "{page}"
    );
}
both!(the_dashboard_warns_when_few_slots_are_free);
