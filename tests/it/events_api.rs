//! `/api/v1/events`: the staff API and what the public sees of it.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use treffpunkt::entities::event;

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp, id_of};

fn parents_evening() -> Value {
    json!({
        "kind": "parents_evening",
        "title": "Elternabend: Ausbildung in Deutschland",
        "description": "Wie funktioniert die duale Ausbildung?\nMit Dolmetschern.",
        "starts_at": "2027-03-12T18:00",
        "ends_at": "2027-03-12T20:30",
        "venue": {"name": "Bürgerhaus Kalk", "street": "Kalk-Mülheimer Str. 58", "postal_code": "51103", "city": "Köln"},
        "capacity": 40,
        "max_party_size": 4,
        "audiences": ["parents"],
        "languages": ["de", "ar-SY", "fa"],
        "reminders": ["7d", "1d", "2h"],
        "double_opt_in": true
    })
}

async fn event_count(app: &TestApp) -> u64 {
    event::Entity::find().count(&app.db).await.unwrap()
}

async fn a_created_event_is_a_draft_that_only_staff_can_read(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    let response = app
        .post("/api/v1/events")
        .bearer_auth(&token)
        .json(&parents_evening())
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let (status, created) = json(response).await;

    assert_eq!(status, 201);
    assert_eq!(location, format!("/api/v1/events/{}", created["id"]));
    assert_eq!(created["status"], "draft");
    assert_eq!(
        created["slug"],
        "elternabend-ausbildung-in-deutschland-2027-03-12"
    );
    assert_eq!(created["starts_at"], "2027-03-12T18:00:00+01:00");
    assert_eq!(created["venue"]["city"], "Köln");
    assert_eq!(created["languages"], json!(["de", "ar-SY", "fa"]));
    assert_eq!(created["reminders"], json!(["7d", "1d", "2h"]));
    assert_eq!(created["seats_taken"], 0);
    assert_eq!(created["seats_left"], 40);
    assert_eq!(created["waitlist"], true);
    assert_eq!(created["max_slots_per_registration"], 2);
    let (public, _) = json(app.get(&location).send().await.unwrap()).await;
    assert_eq!(public, 404);
    let (staff, read) = json(app.get(&location).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(staff, 200);
    assert_eq!(read, created);
}
both!(a_created_event_is_a_draft_that_only_staff_can_read);

async fn a_published_event_is_public_and_keeps_id_and_slug_when_changed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let published = app.published_event(&token, &parents_evening()).await;
    let path = format!("/api/v1/events/{}", published["id"]);
    let before = event::Entity::find_by_id(id_of(&published))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    let (status, changed) = json(
        app.patch(&path)
            .bearer_auth(&token)
            .json(&json!({"title": "Elternabend: Ausbildung und Studium", "starts_at": "2027-03-12T18:30", "capacity": null}))
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["id"], published["id"]);
    assert_eq!(changed["slug"], published["slug"]);
    assert_eq!(changed["title"], "Elternabend: Ausbildung und Studium");
    assert_eq!(changed["starts_at"], "2027-03-12T18:30:00+01:00");
    assert_eq!(changed["capacity"], Value::Null);
    assert_eq!(changed["seats_left"], Value::Null);
    assert_eq!(changed["status"], "published");
    assert_eq!(
        changed["languages"], published["languages"],
        "fields not sent stay"
    );
    let after = event::Entity::find_by_id(before.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        after.sequence > before.sequence,
        "a calendar-visible change raises the sequence"
    );
    let (public, read) = json(app.get(&path).send().await.unwrap()).await;
    assert_eq!(public, 200);
    assert_eq!(read["title"], "Elternabend: Ausbildung und Studium");
}
both!(a_published_event_is_public_and_keeps_id_and_slug_when_changed);

async fn a_change_that_calendars_do_not_show_keeps_the_sequence(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app.create_event(&token, &parents_evening()).await;
    let id = id_of(&created);
    let before = event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    let (status, _) = json(
        app.patch(&format!("/api/v1/events/{id}"))
            .bearer_auth(&token)
            .json(&json!({"capacity": 60, "reminders": ["1d"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(status, 200);
    let after = event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.sequence, before.sequence);
    assert_eq!(after.capacity, Some(60));
}
both!(a_change_that_calendars_do_not_show_keeps_the_sequence);

async fn two_events_with_the_same_title_and_day_get_different_slugs(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    let first = app.create_event(&token, &parents_evening()).await;
    let second = app.create_event(&token, &parents_evening()).await;
    let third = app.create_event(&token, &parents_evening()).await;

    assert_eq!(
        first["slug"],
        "elternabend-ausbildung-in-deutschland-2027-03-12"
    );
    assert_eq!(
        second["slug"],
        "elternabend-ausbildung-in-deutschland-2027-03-12-2"
    );
    assert_eq!(
        third["slug"],
        "elternabend-ausbildung-in-deutschland-2027-03-12-3"
    );
}
both!(two_events_with_the_same_title_and_day_get_different_slugs);

async fn concurrent_creates_of_one_title_all_get_unique_slugs(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    let creates = (0..8).map(|_| {
        app.post("/api/v1/events")
            .bearer_auth(&token)
            .json(&parents_evening())
            .send()
    });
    let responses = futures_join_all(creates).await;

    let mut slugs = Vec::new();
    for response in responses {
        let (status, body) = json(response.unwrap()).await;
        assert_eq!(status, 201, "{body}");
        slugs.push(body["slug"].as_str().unwrap().to_owned());
    }
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 8);
}
both!(concurrent_creates_of_one_title_all_get_unique_slugs);

async fn futures_join_all<F>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

async fn publish_then_cancel_and_a_cancelled_event_cannot_come_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let published = app.published_event(&token, &parents_evening()).await;
    let id = &published["id"];

    let (status, cancelled) = json(
        app.post(&format!("/api/v1/events/{id}/cancel"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");
    let (again, _) = json(
        app.post(&format!("/api/v1/events/{id}/cancel"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(again, 200, "cancelling twice changes nothing");

    let (publish, body) = json(
        app.post(&format!("/api/v1/events/{id}/publish"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(publish, 409);
    assert_eq!(body["error"]["code"], "event_cancelled");
    let (patch, body) = json(
        app.patch(&format!("/api/v1/events/{id}"))
            .bearer_auth(&token)
            .json(&json!({"title": "Neu"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(patch, 409);
    assert_eq!(body["error"]["code"], "event_cancelled");
    let (_, list) = json(app.get("/api/v1/events").send().await.unwrap()).await;
    assert_eq!(
        list["items"][0]["status"], "cancelled",
        "a cancelled event stays listed until it has passed"
    );
}
both!(publish_then_cancel_and_a_cancelled_event_cannot_come_back);

/// Sends a create with `change` merged into a valid event; returns status and body.
async fn create_with(app: &TestApp, token: &str, change: Value) -> (u16, Value) {
    let mut body = parents_evening();
    for (k, v) in change.as_object().unwrap() {
        if v == &json!("<absent>") {
            body.as_object_mut().unwrap().remove(k);
        } else {
            body[k] = v.clone();
        }
    }
    json(
        app.post("/api/v1/events")
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn every_validation_rule_answers_422_on_its_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let cases = [
        (
            json!({"ends_at": "2027-03-12T17:00"}),
            "ends_at",
            "must be after the start",
        ),
        (
            json!({"ends_at": "2027-03-12T18:00"}),
            "ends_at",
            "must be after the start",
        ),
        (
            json!({"starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T05:00"}),
            "starts_at",
            "does not exist in Europe/Berlin",
        ),
        (
            json!({"starts_at": "morgen"}),
            "starts_at",
            "must be a date and time",
        ),
        (json!({"starts_at": "<absent>"}), "starts_at", "is required"),
        (
            json!({"kind": "party"}),
            "kind",
            "must be one of roundtable, info_day, parents_evening",
        ),
        (json!({"kind": "<absent>"}), "kind", "is required"),
        (json!({"title": "   "}), "title", "is required"),
        (json!({"title": "x".repeat(201)}), "title", "at most 200"),
        (
            json!({"audiences": ["parents", "aliens"]}),
            "audiences",
            "`aliens` is not one of",
        ),
        (
            json!({"languages": ["de", "xx"]}),
            "languages",
            "`xx` is not a known language code",
        ),
        (
            json!({"languages": ["Deutsch"]}),
            "languages",
            "is not a language code",
        ),
        (
            json!({"reminders": ["1w"]}),
            "reminders",
            "`1w` is not an offset",
        ),
        (json!({"reminders": ["0h"]}), "reminders", "more than zero"),
        (
            json!({"reminders": ["90d"]}),
            "reminders",
            "more than 60 days",
        ),
        (
            json!({"reminders": ["1d", "2d", "3d", "4d", "5d", "6d"]}),
            "reminders",
            "at most 5",
        ),
        (json!({"capacity": -1}), "capacity", "between 0 and"),
        (
            json!({"max_party_size": 0}),
            "max_party_size",
            "between 1 and",
        ),
        (
            json!({"max_slots_per_registration": 11}),
            "max_slots_per_registration",
            "between 1 and 10",
        ),
        (
            json!({"venue": {"name": "Bürgerhaus"}}),
            "venue.city",
            "is required",
        ),
        (
            json!({"venue": {"name": "Bürgerhaus", "city": "Köln", "postal_code": "1234"}}),
            "venue.postal_code",
            "five digits",
        ),
        (json!({"venue": null}), "venue", "give a venue"),
        (
            json!({"online_url": "zoom meeting"}),
            "online_url",
            "web address",
        ),
        (
            json!({"registration_opens_at": "2027-03-01T10:00", "registration_closes_at": "2027-02-01T10:00"}),
            "registration_closes_at",
            "after registration_opens_at",
        ),
        (
            json!({"registration_closes_at": "2027-03-13T10:00"}),
            "registration_closes_at",
            "not be after the event ends",
        ),
        (
            json!({"registration_opens_at": "2027-03-28T02:15"}),
            "registration_opens_at",
            "does not exist",
        ),
    ];
    for (change, field, message) in cases {
        let (status, body) = create_with(&app, &token, change.clone()).await;
        assert_eq!(status, 422, "{change}: {body}");
        assert_eq!(body["error"]["code"], "validation");
        let got = body["error"]["fields"][field]
            .as_str()
            .unwrap_or_else(|| panic!("{change}: no message on {field}: {body}"));
        assert!(got.contains(message), "{change}: {field}: {got}");
    }
    assert_eq!(event_count(&app).await, 0, "nothing was stored");
}
both!(every_validation_rule_answers_422_on_its_field);

async fn all_invalid_fields_are_reported_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    let (status, body) = create_with(
        &app,
        &token,
        json!({"kind": "x", "capacity": -5, "reminders": ["x"], "title": ""}),
    )
    .await;

    assert_eq!(status, 422);
    let fields = body["error"]["fields"].as_object().unwrap();
    for field in ["kind", "capacity", "reminders", "title"] {
        assert!(fields.contains_key(field), "{field} in {body}");
    }
}
both!(all_invalid_fields_are_reported_at_once);

async fn valid_edge_values_are_accepted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    // Capacity 0 (announced, registration not yet open), an online-only event, an ambiguous
    // autumn time (the earlier instant), and an offset given explicitly.
    let (status, body) = create_with(
        &app,
        &token,
        json!({
            "capacity": 0,
            "venue": null,
            "online_url": "https://meet.example.org/elternabend",
            "starts_at": "2027-10-31T02:30",
            "ends_at": "2027-10-31T04:00:00+01:00",
            "reminders": ["30m", "2h", "2h"],
            "languages": ["AR_sy", "de"],
        }),
    )
    .await;

    assert_eq!(status, 201, "{body}");
    assert_eq!(body["capacity"], 0);
    assert_eq!(body["seats_left"], 0);
    assert_eq!(body["venue"], Value::Null);
    assert_eq!(
        body["starts_at"], "2027-10-31T02:30:00+02:00",
        "the first of the two 02:30"
    );
    assert_eq!(body["ends_at"], "2027-10-31T04:00:00+01:00");
    assert_eq!(
        body["reminders"],
        json!(["2h", "30m"]),
        "duplicates dropped, longest first"
    );
    assert_eq!(body["languages"], json!(["ar-SY", "de"]));
}
both!(valid_edge_values_are_accepted);

async fn a_patch_is_validated_against_the_whole_event(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app.create_event(&token, &parents_evening()).await;
    let path = format!("/api/v1/events/{}", created["id"]);

    let (status, body) = json(
        app.patch(&path)
            .bearer_auth(&token)
            .json(&json!({"ends_at": "2027-03-12T17:00"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["ends_at"].is_string());

    let (status, body) = json(
        app.patch(&path)
            .bearer_auth(&token)
            .json(&json!({"slug": "mein-slug"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "the slug is read-only");
    assert_eq!(
        body["error"]["fields"]["slug"], "is not a field here (unknown or read-only)",
        "{body}"
    );

    let (_, read) = json(app.get(&path).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(read, created, "nothing changed");
}
both!(a_patch_is_validated_against_the_whole_event);

async fn capacity_cannot_drop_below_the_seats_taken(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app.published_event(&token, &parents_evening()).await;
    let id = id_of(&created);
    event::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        seats_taken: Set(12),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();

    let (status, body) = json(
        app.patch(&format!("/api/v1/events/{id}"))
            .bearer_auth(&token)
            .json(&json!({"capacity": 10}))
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(status, 422);
    assert!(
        body["error"]["fields"]["capacity"]
            .as_str()
            .unwrap()
            .contains("at least 12")
    );
    let (status, body) = json(
        app.patch(&format!("/api/v1/events/{id}"))
            .bearer_auth(&token)
            .json(&json!({"capacity": 12}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["seats_left"], 0);
}
both!(capacity_cannot_drop_below_the_seats_taken);

async fn bad_requests_get_the_right_status_and_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let existing = app.create_event(&token, &parents_evening()).await;
    let path = format!("/api/v1/events/{}", existing["id"]);
    let send = |r: reqwest::RequestBuilder| async move { json(r.send().await.unwrap()).await };
    let with_body = |r: reqwest::RequestBuilder, body: &str| {
        r.header("content-type", "application/json")
            .body(body.to_owned())
    };

    let cases: Vec<(u16, &str, (u16, Value))> = vec![
        (
            400,
            "bad_request",
            send(with_body(
                app.post("/api/v1/events").bearer_auth(&token),
                "{\"kind\": ",
            ))
            .await,
        ),
        (
            400,
            "bad_request",
            send(with_body(app.patch(&path).bearer_auth(&token), "not json")).await,
        ),
        (
            400,
            "bad_request",
            send(with_body(
                app.post("/api/v1/events").bearer_auth(&token),
                "{} {}",
            ))
            .await,
        ),
        (
            422,
            "validation",
            send(with_body(
                app.post("/api/v1/events").bearer_auth(&token),
                "{\"capacity\": \"zehn\"}",
            ))
            .await,
        ),
        (
            422,
            "validation",
            send(with_body(
                app.post("/api/v1/events").bearer_auth(&token),
                "[1, 2]",
            ))
            .await,
        ),
        (
            422,
            "validation",
            send(with_body(
                app.patch(&path).bearer_auth(&token),
                "{\"waitlist\": \"yes\"}",
            ))
            .await,
        ),
        (
            415,
            "unsupported_media_type",
            send(app.post("/api/v1/events").bearer_auth(&token).body("{}")).await,
        ),
        (
            401,
            "unauthorized",
            send(app.post("/api/v1/events").json(&parents_evening())).await,
        ),
        (
            401,
            "unauthorized",
            send(
                app.post("/api/v1/events")
                    .bearer_auth("tp_wrong")
                    .json(&parents_evening()),
            )
            .await,
        ),
        (
            401,
            "unauthorized",
            send(
                app.post("/api/v1/events")
                    .header("authorization", "Basic YTpi")
                    .json(&parents_evening()),
            )
            .await,
        ),
        (
            401,
            "unauthorized",
            send(app.patch(&path).json(&json!({"title": "x"}))).await,
        ),
        (
            401,
            "unauthorized",
            send(app.post(&format!("{path}/publish"))).await,
        ),
        (
            401,
            "unauthorized",
            send(app.post(&format!("{path}/cancel"))).await,
        ),
        (
            401,
            "unauthorized",
            send(app.get("/api/v1/events").bearer_auth("tp_wrong")).await,
        ),
        (
            401,
            "unauthorized",
            send(app.get("/api/v1/events?status=draft")).await,
        ),
        (
            404,
            "not_found",
            send(app.get("/api/v1/events/999999").bearer_auth(&token)).await,
        ),
        (404, "not_found", send(app.get("/api/v1/events/abc")).await),
        (
            404,
            "not_found",
            send(
                app.patch("/api/v1/events/999999")
                    .bearer_auth(&token)
                    .json(&json!({"title": "x"})),
            )
            .await,
        ),
        (
            404,
            "not_found",
            send(
                app.post("/api/v1/events/999999/publish")
                    .bearer_auth(&token),
            )
            .await,
        ),
        (
            404,
            "not_found",
            send(app.post("/api/v1/events/999999/cancel").bearer_auth(&token)).await,
        ),
        (
            404,
            "not_found",
            send(app.get("/api/v1/nothing-here")).await,
        ),
        (
            413,
            "payload_too_large",
            send(
                app.post("/api/v1/events")
                    .bearer_auth(&token)
                    .json(&json!({"description": "x".repeat(70 * 1024)})),
            )
            .await,
        ),
        (
            422,
            "validation",
            send(app.get("/api/v1/events?kind=party")).await,
        ),
        (
            422,
            "validation",
            send(app.get("/api/v1/events?page=0")).await,
        ),
        (
            422,
            "validation",
            send(app.get("/api/v1/events?per_page=many")).await,
        ),
        (
            422,
            "validation",
            send(app.get("/api/v1/events?language=klingon")).await,
        ),
    ];

    for (i, (status, code, (got_status, body))) in cases.into_iter().enumerate() {
        assert_eq!(got_status, status, "case {i}: {body}");
        assert_eq!(body["error"]["code"], code, "case {i}: {body}");
        assert!(body["error"]["message"].is_string(), "case {i}: {body}");
        assert!(body["error"]["fields"].is_object(), "case {i}: {body}");
    }
    let (_, read) = json(app.get(&path).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(read, existing, "nothing stored changed");
    assert_eq!(event_count(&app).await, 1);
    let health = app.get("/healthz").send().await.unwrap();
    assert_eq!(health.status(), 200, "the service keeps serving");
}
both!(bad_requests_get_the_right_status_and_change_nothing);

async fn a_wrong_type_names_its_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    let (status, body) = json(
        app.post("/api/v1/events")
            .bearer_auth(&token)
            .json(&json!({"kind": "info_day", "title": "Infotag", "capacity": "zehn"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body["error"]["fields"]["capacity"]
            .as_str()
            .unwrap()
            .contains("invalid type")
    );

    let (status, body) = json(
        app.post("/api/v1/events")
            .bearer_auth(&token)
            .json(&json!({"kind": "info_day", "venue": {"city": 5}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["venue.city"].is_string(), "{body}");
}
both!(a_wrong_type_names_its_field);

async fn the_list_filters_by_kind_audience_language_and_city(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let mut roundtable = parents_evening();
    roundtable["kind"] = json!("roundtable");
    roundtable["title"] = json!("Unternehmerstammtisch");
    roundtable["audiences"] = json!(["employers"]);
    roundtable["languages"] = json!(["de", "tr"]);
    roundtable["venue"]["city"] = json!("Düsseldorf");
    roundtable["starts_at"] = json!("2027-03-10T19:00");
    roundtable["ends_at"] = json!("2027-03-10T21:00");
    let mut info_day = parents_evening();
    info_day["kind"] = json!("info_day");
    info_day["title"] = json!("Infotag Teilqualifizierung");
    info_day["audiences"] = json!(["youth", "parents"]);
    info_day["languages"] = json!(["de", "ar", "uk"]);
    info_day["starts_at"] = json!("2027-03-11T10:00");
    info_day["ends_at"] = json!("2027-03-11T14:00");
    let parents = app.published_event(&token, &parents_evening()).await;
    let roundtable = app.published_event(&token, &roundtable).await;
    let info_day = app.published_event(&token, &info_day).await;
    let _draft = app.create_event(&token, &parents_evening()).await;
    let ids = |list: &Value| -> Vec<Value> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].clone())
            .collect()
    };

    let cases = [
        ("", vec![&roundtable, &info_day, &parents]),
        ("?kind=roundtable", vec![&roundtable]),
        ("?audience=parents", vec![&info_day, &parents]),
        ("?audience=employers&kind=info_day", vec![]),
        ("?language=ar", vec![&info_day, &parents]),
        ("?language=ar-SY", vec![&info_day, &parents]),
        ("?language=ar-EG", vec![&info_day]),
        ("?language=TR", vec![&roundtable]),
        ("?language=ru", vec![]),
        ("?city=k%C3%B6ln", vec![&info_day, &parents]),
        ("?city=D%C3%BCsseldorf", vec![&roundtable]),
        ("?lang=ar", vec![&roundtable, &info_day, &parents]),
    ];
    for (query, expected) in cases {
        let (status, list) = json(
            app.get(&format!("/api/v1/events{query}"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{query}: {list}");
        let expected: Vec<Value> = expected.iter().map(|e| e["id"].clone()).collect();
        assert_eq!(ids(&list), expected, "{query}");
        assert_eq!(list["total"], expected.len(), "{query}");
    }
    let (_, staff_list) = json(
        app.get("/api/v1/events")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(staff_list["total"], 4, "staff also see the draft");
    let (_, drafts) = json(
        app.get("/api/v1/events?status=draft")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(drafts["total"], 1);
}
both!(the_list_filters_by_kind_audience_language_and_city);

async fn the_list_is_paginated_in_start_order_and_hides_the_past(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    for day in (1..=7).rev() {
        let mut e = parents_evening();
        e["starts_at"] = json!(format!("2027-04-0{day}T18:00"));
        e["ends_at"] = json!(format!("2027-04-0{day}T20:00"));
        app.published_event(&token, &e).await;
    }
    let mut past = parents_evening();
    past["starts_at"] = json!("2020-04-01T18:00");
    past["ends_at"] = json!("2020-04-01T20:00");
    app.published_event(&token, &past).await;

    let (_, page2) = json(
        app.get("/api/v1/events?per_page=3&page=2")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page2["page"], 2);
    assert_eq!(page2["per_page"], 3);
    assert_eq!(page2["total"], 7);
    let starts: Vec<&str> = page2["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2027-04-04T18:00:00+02:00",
            "2027-04-05T18:00:00+02:00",
            "2027-04-06T18:00:00+02:00"
        ]
    );

    let (_, beyond) = json(
        app.get("/api/v1/events?per_page=3&page=9")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(beyond["items"], json!([]));
    let (_, capped) = json(
        app.get("/api/v1/events?per_page=5000")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(capped["per_page"], 200);
    let (_, with_past) = json(app.get("/api/v1/events?past=true").send().await.unwrap()).await;
    assert_eq!(with_past["total"], 8);
    assert_eq!(
        with_past["items"][0]["starts_at"],
        "2020-04-01T18:00:00+02:00"
    );
}
both!(the_list_is_paginated_in_start_order_and_hides_the_past);
