//! The audit log as the changes write it: every write through the JSON API and the staff pages
//! leaves one entry naming who acted, written in the change's own transaction, so a change that
//! is rolled back leaves no entry and an entry that cannot be written leaves no change.

use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryOrder};
use serde_json::{Value, json};
use treffpunkt::entities::{audit_log, event};

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp};

fn info_day() -> Value {
    json!({
        "kind": "parents_evening",
        "title": "Elternabend Ausbildung",
        "starts_at": "2030-03-12T18:00",
        "ends_at": "2030-03-12T21:00",
        "venue": {"name": "Bürgerhaus", "city": "Köln"},
        "capacity": 20,
    })
}

/// The log, oldest first, as (actor, staff, token, action, event).
async fn entries(app: &TestApp) -> Vec<(String, Option<i32>, Option<i32>, String, Option<i32>)> {
    audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.actor, e.staff_id, e.via_token_id, e.action, e.event_id))
        .collect()
}

/// From now on, every insert into the audit log fails, as a crash between the change and its
/// entry would: the database raises inside the transaction.
async fn break_the_audit_log(app: &TestApp) {
    let statements: &[&str] = match app.db.get_database_backend() {
        DbBackend::Sqlite => &["CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END"],
        _ => &[
            "CREATE FUNCTION audit_broken() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_broken()",
        ],
    };
    for statement in statements {
        app.db.execute_unprepared(statement).await.unwrap();
    }
}

async fn every_api_write_is_audited_with_its_token(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let before = entries(&app).await.len();
    let created = app.create_event(&token, &info_day()).await;
    let id = created["id"].as_i64().unwrap();
    let send = |method: &str, path: String, body: Value| {
        app.client_request(method, &path)
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let (status, adviser) = json(
        send(
            "POST",
            format!("/api/v1/events/{id}/advisers"),
            json!({"name": "Frau Yilmaz", "languages": ["de", "tr"], "location": "Raum 2"}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{adviser}");
    let calls = [
        (
            "PATCH",
            format!("/api/v1/events/{id}"),
            json!({"title": "Elternabend"}),
        ),
        ("POST", format!("/api/v1/events/{id}/publish"), json!({})),
        (
            "POST",
            format!("/api/v1/events/{id}/slots"),
            json!({"adviser_id": adviser["id"], "starts_at": "2030-03-12T18:00", "ends_at": "2030-03-12T19:00", "slot_minutes": 20}),
        ),
        (
            "POST",
            format!("/api/v1/events/{id}/series"),
            json!({"rule": "FREQ=WEEKLY;COUNT=2"}),
        ),
        ("POST", format!("/api/v1/events/{id}/cancel"), json!({})),
    ];
    for (method, path, body) in calls {
        let (status, answer) = json(send(method, path.clone(), body).await.unwrap()).await;
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {answer}"
        );
    }
    let log = entries(&app).await;
    let written: Vec<&str> = log[before..].iter().map(|e| e.3.as_str()).collect();
    assert_eq!(
        written,
        [
            "event_created",
            "adviser_added",
            "event_changed",
            "event_published",
            "slots_generated",
            "series_created",
            "event_cancelled",
        ]
    );
    for entry in &log[before..] {
        assert_eq!(entry.0, "token", "{entry:?}");
        assert!(entry.1.is_some() && entry.2.is_some(), "{entry:?}");
        assert_eq!(entry.4, Some(i32::try_from(id).unwrap()), "{entry:?}");
    }
    // Changing nothing writes nothing.
    let (status, _) = json(
        send("POST", format!("/api/v1/events/{id}/cancel"), json!({}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(entries(&app).await.len(), log.len());
}
both!(every_api_write_is_audited_with_its_token);

async fn a_change_whose_audit_entry_fails_is_not_made(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let created = app.create_event(&token, &info_day()).await;
    let id = i32::try_from(created["id"].as_i64().unwrap()).unwrap();
    let staff = app.signed_in(treffpunkt::staff::Role::Staff).await;
    let logged = entries(&app).await;
    break_the_audit_log(&app).await;

    let response = app
        .patch(&format!("/api/v1/events/{id}"))
        .bearer_auth(&token)
        .json(&json!({"title": "Geändert", "capacity": 40}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let publish = app
        .post(&format!("/api/v1/events/{id}/publish"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(publish.status(), 500);
    let created_again = app
        .post("/api/v1/events")
        .bearer_auth(&token)
        .json(&info_day())
        .send()
        .await
        .unwrap();
    assert_eq!(created_again.status(), 500);

    // Neither the changes nor entries for them.
    let stored = event::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1, "no second event");
    assert_eq!(stored[0].title, "Elternabend Ausbildung");
    assert_eq!(stored[0].capacity, Some(20));
    assert_eq!(stored[0].status, "draft");
    assert_eq!(entries(&app).await, logged);

    // The staff pages' writes as well: the staff error page, and nothing changed.
    for (path, form) in [
        (format!("/staff/events/{id}/publish"), vec![]),
        (
            format!("/staff/events/{id}/advisers"),
            vec![
                ("adviser_name", "Frau Demir"),
                ("adviser_languages", "de, tr"),
                ("adviser_location", "Raum 2"),
            ],
        ),
    ] {
        let response = staff.post(app.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(response.status(), 500, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        assert!(response.text().await.unwrap().contains("<html"), "{path}");
    }
    let stored = event::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored[0].status, "draft");
    let schedule = treffpunkt::slots::schedule(&app.db, id).await.unwrap();
    assert!(schedule.advisers.is_empty());
    assert_eq!(entries(&app).await, logged);
}
both!(a_change_whose_audit_entry_fails_is_not_made);

async fn participants_and_the_service_are_named_as_actors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let mut body = info_day();
    body["double_opt_in"] = json!(false);
    let event = app.published_event(&token, &body).await;
    let (status, registered) = json(
        app.post(&format!("/api/v1/events/{}/registrations", event["id"]))
            .json(&json!({"name": "Amal Haddad", "email": "amal@example.org", "party_size": 1, "language": "ar", "consent": true}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{registered}");
    let reg_id = i32::try_from(registered["id"].as_i64().unwrap()).unwrap();
    treffpunkt::registrations::cancel(
        &app.db,
        reg_id,
        treffpunkt::registrations::CancelReason::Participant,
        treffpunkt::registrations::Hold::hours(24),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let log = entries(&app).await;
    let last = log.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.1, last.3.as_str()),
        ("participant", None, "registration_cancelled")
    );
    // A self-registration is its own record: it writes no entry.
    assert!(!log.iter().any(|e| e.3 == "registered_on_behalf"));
    app.deliver_due_mail().await;
}
both!(participants_and_the_service_are_named_as_actors);

async fn the_audit_page_filters_by_event_actor_and_action(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    treffpunkt::staff::add(
        &app.db,
        "leitung@example.org",
        "Dilek Kaya",
        treffpunkt::staff::Role::Admin,
        "a-long-password",
    )
    .await
    .unwrap();
    let token = app.staff_token().await;
    let first = app.create_event(&token, &info_day()).await;
    let second = app.create_event(&token, &info_day()).await;
    let admin = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed_in = admin
        .post(app.url("/staff/login"))
        .form(&[
            ("email", "leitung@example.org"),
            ("password", "a-long-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let page = |query: String| {
        let admin = admin.clone();
        let url = app.url(&format!("/staff/audit?{query}"));
        async move {
            let response = admin.get(url).send().await.unwrap();
            let status = response.status();
            (status, response.text().await.unwrap())
        }
    };
    let rows = |html: &str| html.matches("<td data-action>").count();
    let (status, all) = page(String::new()).await;
    assert_eq!(status, 200);
    // Two accounts and a token at the command line, two events, one sign-in.
    assert_eq!(rows(&all), 6, "{all}");
    let (_, by_token) = page("actor=token".into()).await;
    assert_eq!(rows(&by_token), 2);
    assert!(by_token.contains("über API-Schlüssel"), "{by_token}");
    let (_, one_event) = page(format!("event={}&action=event_created", first["id"])).await;
    assert_eq!(rows(&one_event), 1);
    assert!(one_event.contains(&format!("/staff/events/{}", first["id"])));
    assert!(!one_event.contains(&format!("/staff/events/{}\"", second["id"])));
    let (_, system) = page("actor=system&action=account_added".into()).await;
    assert_eq!(rows(&system), 2);
    let (_, none) = page("action=slot_moved".into()).await;
    assert_eq!(rows(&none), 0);
    let (status, _) = page("event=abc".into()).await;
    assert_eq!(status, 422);
}
both!(the_audit_page_filters_by_event_actor_and_action);
