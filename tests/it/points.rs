//! Service points: an installation with one office migrates into one service point with
//! everything in it; staff reach only the events of their service points on every staff page
//! and API route (walked from the route table and the OpenAPI document, so a route added later
//! is checked too); the admin reaches all; the public lists filter by `point=`.

use calamine::Reader;
use chrono::{Duration, Utc};
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveValue::Set, ColumnTrait, Database, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use treffpunkt::entities::{event, partner, registration, service_point, staff, staff_point};
use treffpunkt::staff::audit::Actor;
use treffpunkt::staff::points::{self, PointInput, PointRole};
use treffpunkt::staff::{Role, add_to_point, create_token};
use treffpunkt_migrations::{Migrator, MigratorTrait};

use crate::both;
use crate::support::app::{STAFF_PASSWORD, json};
use crate::support::db::TestDb;
use crate::support::smtp::SmtpServer;
use crate::support::{Backend, TestApp, id_of, pdf};

/// The last migration of the release before service points.
const BEFORE_POINTS: &str = "m20261205_000000_create_partners";

fn old_event(slug: &str, title: &str, status: &str, days: i64) -> event::ActiveModel {
    let now = Utc::now();
    let starts = now + Duration::days(days);
    event::ActiveModel {
        slug: Set(slug.into()),
        kind: Set("info_day".into()),
        status: Set(status.into()),
        title: Set(title.into()),
        description: Set(String::new()),
        starts_at: Set(starts),
        ends_at: Set(starts + Duration::hours(2)),
        venue_name: Set(Some("Bürgerhaus".into())),
        venue_street: Set(None),
        venue_postal_code: Set(None),
        venue_city: Set(Some("Erfurt".into())),
        city_key: Set(Some("erfurt".into())),
        online_url: Set(None),
        capacity: Set(Some(20)),
        seats_taken: Set(2),
        waitlist: Set(true),
        max_party_size: Set(4),
        registration_opens_at: Set(None),
        registration_closes_at: Set(None),
        audiences: Set(String::new()),
        languages: Set(",de,".into()),
        reminders: Set(String::new()),
        double_opt_in: Set(false),
        series_id: Set(None),
        max_slots_per_registration: Set(2),
        sequence: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        purged_at: Set(None),
        phone_registration: Set(false),
        ..Default::default()
    }
}

async fn an_existing_database_migrates_with_its_single_office_intact(backend: Backend) {
    // Arrange: a database as the previous release left it, with events, staff and a
    // registration.
    let test_db = TestDb::fresh(backend).await;
    let db = Database::connect(&test_db.url).await.unwrap();
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == BEFORE_POINTS)
        .unwrap();
    Migrator::up(&db, Some(u32::try_from(before + 1).unwrap()))
        .await
        .unwrap();
    // Rows are written without reading them back: the entities already know the new columns.
    for e in [
        old_event("infotag-erfurt", "Infotag Erfurt", "published", 10),
        old_event("entwurf-erfurt", "Entwurf Erfurt", "draft", 20),
    ] {
        event::Entity::insert(e)
            .exec_without_returning(&db)
            .await
            .unwrap();
    }
    let hash = treffpunkt::staff::hash_password(STAFF_PASSWORD.into())
        .await
        .unwrap();
    for (email, role) in [
        ("leitung@example.org", "admin"),
        ("beratung@example.org", "staff"),
    ] {
        staff::Entity::insert(staff::ActiveModel {
            email: Set(email.into()),
            name: Set(format!("Konto {role}")),
            role: Set(role.into()),
            password_hash: Set(hash.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec_without_returning(&db)
        .await
        .unwrap();
    }
    let now = Utc::now();
    registration::Entity::insert(registration::ActiveModel {
        event_id: Set(1),
        status: Set("confirmed".into()),
        name: Set("Olena Koval".into()),
        email: Set(Some("olena@example.org".into())),
        phone: Set(None),
        party_size: Set(2),
        language: Set("uk".into()),
        interpreter: Set(None),
        needs: Set(String::new()),
        source: Set("online".into()),
        via_waitlist: Set(false),
        created_at: Set(now),
        consent_at: Set(now),
        email_confirmed_at: Set(Some(now)),
        expires_at: Set(None),
        cancelled_at: Set(None),
        cancel_reason: Set(None),
        checked_in_at: Set(None),
        updated_at: Set(now),
        sms_opt_in: Set(false),
        phone_code_hash: Set(None),
        phone_attempt_hash: Set(None),
        phone_code_failures: Set(0),
        partner_id: Set(None),
        ..Default::default()
    })
    .exec_without_returning(&db)
    .await
    .unwrap();

    // Act: the rest of the migrations, then the service on that database.
    Migrator::up(&db, None).await.unwrap();
    db.close().await.unwrap();
    let app = TestApp::on_database(test_db).await;

    // Assert: one service point, standing for the office as configured, holding everything.
    let stored = service_point::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1, "one service point");
    let point = &stored[0];
    assert_eq!(point.name, None, "its name is read from office.name");
    let listed = points::list(&app.db, &app.config.office).await.unwrap();
    assert_eq!(listed[0].name, app.config.office.name);
    assert_eq!(listed[0].funder, app.config.office.funder);
    let events = event::Entity::find()
        .order_by_asc(event::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.point_id == point.id), "{events:?}");
    assert_eq!(events[0].title, "Infotag Erfurt");
    assert_eq!(events[0].seats_taken, 2);
    let members = staff_point::Entity::find()
        .order_by_asc(staff_point::Column::StaffId)
        .all(&app.db)
        .await
        .unwrap();
    let members: Vec<(i32, &str)> = members
        .iter()
        .map(|m| (m.point_id, m.role.as_str()))
        .collect();
    assert_eq!(members, [(point.id, "lead"), (point.id, "staff")]);
    let regs = registration::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(regs.len(), 1);
    assert_eq!((regs[0].event_id, regs[0].party_size), (1, 2));

    // The staff member works as before: both events on the dashboard, the registration on
    // the event's page; the public list shows the published one, also filtered by the point.
    let client = app.sign_in("beratung@example.org").await;
    let dashboard = text(&client, &app, "/staff").await;
    assert!(dashboard.contains("Infotag Erfurt"), "{dashboard}");
    assert!(dashboard.contains("Entwurf Erfurt"), "{dashboard}");
    let page = text(&client, &app, "/staff/events/1").await;
    assert!(page.contains("Olena Koval"), "{page}");
    let public = app
        .get(&format!("/api/v1/events?point={}", point.id))
        .send()
        .await
        .unwrap();
    let (status, list) = json(public).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["point_id"], point.id);
    // A new event of the staff member lands in the one service point without being asked.
    let token = create_token(&app.db, "beratung@example.org", "tests")
        .await
        .unwrap();
    let created = app.create_event(&token, &crate::support::info_day()).await;
    assert_eq!(created["point_id"], point.id);
}

async fn text(client: &Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.text().await.unwrap()
}

/// Every route of the route table in `src/web/mod.rs` with its methods, as written there.
pub(crate) fn route_table() -> Vec<(String, Vec<&'static str>)> {
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/mod.rs")).unwrap();
    let mut routes = Vec::new();
    let mut rest = source.as_str();
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .unwrap();
        let call = &rest[..end];
        let path = call.split('"').nth(1).unwrap().to_owned();
        let methods = ["get", "post", "patch", "put", "delete"]
            .into_iter()
            .filter(|m| {
                call.match_indices(&format!("{m}(")).any(|(i, _)| {
                    call[..i]
                        .chars()
                        .last()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
                })
            })
            .collect();
        routes.push((path, methods));
    }
    routes
}

/// What a route without ids shows, and so how its scoping is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shows {
    /// Events or their figures: only those of the staff member's points.
    Events,
    /// Admins only: 403 for staff.
    AdminOnly,
    /// No event's data (the login, the empty event form and its post, checked on its own).
    Nothing,
}

fn without_ids(path: &str) -> Shows {
    match path {
        "/staff" | "/staff/report" | "/staff/report.csv" | "/staff/report.xlsx"
        | "/staff/report.pdf" => Shows::Events,
        // The partners' page is for leads too; its scoping is walked in `partners.rs`.
        "/staff/accounts" | "/staff/audit" | "/staff/points" | "/staff/embeds"
        | "/staff/partners" => Shows::AdminOnly,
        "/staff/login" | "/staff/logout" | "/staff/events" | "/staff/events/new" => Shows::Nothing,
        other => panic!(
            "{other} is a staff route this test does not know: say in `without_ids` how its \
             service point scoping is checked"
        ),
    }
}

/// The ids of the other point's objects that the paths take.
struct Ids {
    event: i32,
    registration: i32,
    slot: i32,
    adviser: i32,
}

/// The path with the other point's ids put in, and whether the route is for admins only.
fn filled(path: &str, ids: &Ids) -> (String, bool) {
    let admin_only = [
        "/staff/accounts/",
        "/staff/tokens/",
        "/staff/points/",
        "/staff/embeds/",
        "/staff/partners/",
    ]
    .iter()
    .any(|p| path.starts_with(p));
    let id = if path.starts_with("/staff/events/{id}") || path.starts_with("/api/v1/events/{id}") {
        ids.event
    } else if path.starts_with("/staff/registrations/{id}") {
        ids.registration
    } else if path.starts_with("/staff/slots/{id}") {
        ids.slot
    } else if admin_only {
        1
    } else {
        panic!("{path}: this test does not know what its id is; add it to `filled`")
    };
    let done = path
        .replace("{id}", &id.to_string())
        .replace("{adviser_id}", &ids.adviser.to_string())
        .replace("{person_id}", "1");
    assert!(!done.contains('{'), "{path}: an id this test does not fill");
    (done, admin_only)
}

pub(crate) async fn send(
    client: &Client,
    app: &TestApp,
    method: &str,
    path: &str,
) -> (StatusCode, String) {
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let response = client.request(method, app.url(path)).send().await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.bytes().await.unwrap().to_vec();
    (status, readable(&kind, body))
}

/// The text of an answer: PDF and XLSX read back, anything else as UTF-8.
fn readable(content_type: &str, body: Vec<u8>) -> String {
    if content_type.starts_with("application/pdf") {
        pdf::pages(&body, false).join("\n")
    } else if content_type.contains("spreadsheetml") {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(body)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        sheet
            .rows()
            .flat_map(|r| r.iter().map(ToString::to_string))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        String::from_utf8_lossy(&body).into_owned()
    }
}

fn year_query(path: &str, year: &str) -> String {
    if path.starts_with("/staff/report") {
        format!("{path}?year={year}")
    } else {
        path.to_owned()
    }
}

/// The office's service point (Erfurt) and a second one, "Anlaufstelle Gera" in Gera.
pub(crate) async fn two_points(app: &TestApp) -> (i32, i32) {
    let erfurt = points::list(&app.db, &app.config.office).await.unwrap()[0].id;
    let gera = points::create(
        &app.db,
        Actor::System,
        PointInput {
            name: "Anlaufstelle Gera".into(),
            town: "Gera".into(),
            ..PointInput::default()
        },
        &app.config.office,
    )
    .await
    .unwrap()
    .id;
    (erfurt, gera)
}

/// A staff member of `point` with a session and an API token.
pub(crate) async fn member(app: &TestApp, email: &str, point: i32) -> (Client, String) {
    add_to_point(
        &app.db,
        Actor::System,
        email,
        "Beraterin",
        Role::Staff,
        STAFF_PASSWORD,
        Some((point, PointRole::Staff)),
    )
    .await
    .unwrap();
    let token = create_token(&app.db, email, "tests").await.unwrap();
    (app.sign_in(email).await, token)
}

pub(crate) fn evening(title: &str, point: i32) -> Value {
    let day = (Utc::now() + Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    json!({
        "kind": "parents_evening",
        "title": title,
        "starts_at": format!("{day}T18:00"),
        "ends_at": format!("{day}T21:00"),
        "venue": {"name": "Schule", "city": "Gera"},
        "capacity": 30,
        "double_opt_in": false,
        "point_id": point,
    })
}

async fn staff_of_two_service_points_reach_only_their_own_events_on_every_route(backend: Backend) {
    // Arrange: the office's point (Erfurt) and a second one (Gera), one staff member each,
    // an event in each with a registration, and an adviser with slots in Gera.
    let app = TestApp::spawn(backend).await;
    let (erfurt, gera) = two_points(&app).await;
    let (erfurt_staff, erfurt_token) = member(&app, "erfurt@example.org", erfurt).await;
    let (gera_staff, gera_token) = member(&app, "gera@example.org", gera).await;
    let admin = app.signed_in(Role::Admin).await;
    let ours = app
        .published_event(&erfurt_token, &evening("Elternabend Erfurt", erfurt))
        .await;
    let theirs = app
        .published_event(&gera_token, &evening("Elternabend Gera", gera))
        .await;
    assert_eq!(theirs["point_id"], gera);
    let their_id = id_of(&theirs);
    let (status, adviser) = json(
        app.post(&format!("/api/v1/events/{their_id}/advisers"))
            .bearer_auth(&gera_token)
            .json(&json!({"name": "Frau Yilmaz", "languages": ["de", "tr"], "location": "Raum 2"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{adviser}");
    let day = &theirs["starts_at"].as_str().unwrap()[..10];
    let (status, slots) = json(
        app.post(&format!("/api/v1/events/{their_id}/slots"))
            .bearer_auth(&gera_token)
            .json(
                &json!({"adviser_id": adviser["id"], "starts_at": format!("{day}T19:00"),
                          "ends_at": format!("{day}T20:00"), "slot_minutes": 20}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{slots}");
    let family = app
        .registered(
            &theirs,
            &json!({"name": "Familie Petrenko", "email": "petrenko@example.org", "language": "uk", "consent": true}),
        )
        .await;
    app.registered(
        &ours,
        &json!({"name": "Familie Demir", "email": "demir@example.org", "language": "tr", "consent": true}),
    )
    .await;
    let ids = Ids {
        event: their_id,
        registration: id_of(&family),
        slot: id_of(&slots["items"][0]),
        adviser: id_of(&adviser),
    };
    let year = &theirs["starts_at"].as_str().unwrap()[..4];

    // Act and assert: every staff route of the route table.
    let routes = route_table();
    let staff_routes: Vec<_> = routes
        .iter()
        .filter(|(path, _)| path.starts_with("/staff"))
        .collect();
    assert!(
        staff_routes.len() > 20,
        "the route table was read: {staff_routes:?}"
    );
    let mut walked = 0;
    for (path, methods) in &staff_routes {
        assert!(!methods.is_empty(), "{path}: no method read");
        if path.contains('{') {
            let (url, admin_only) = filled(path, &ids);
            for method in methods {
                let (status, body) = send(&erfurt_staff, &app, method, &url).await;
                let expected = if admin_only {
                    StatusCode::FORBIDDEN
                } else {
                    StatusCode::NOT_FOUND
                };
                assert_eq!(status, expected, "{method} {url} by Erfurt: {body}");
                assert!(!body.contains("Familie Petrenko"), "{method} {url}");
                walked += 1;
            }
            if methods.contains(&"get") && !admin_only {
                for (who, client) in [("Gera", &gera_staff), ("the admin", &admin)] {
                    let (status, body) = send(client, &app, "get", &url).await;
                    assert!(
                        status != StatusCode::NOT_FOUND && !status.is_server_error(),
                        "GET {url} by {who}: {status} {body}"
                    );
                }
            }
            continue;
        }
        match without_ids(path) {
            Shows::Events => {
                let url = year_query(path, year);
                let (status, body) = send(&erfurt_staff, &app, "get", &url).await;
                assert_eq!(status, StatusCode::OK, "GET {url} by Erfurt");
                assert!(body.contains("Elternabend Erfurt"), "GET {url}: {body}");
                assert!(!body.contains("Elternabend Gera"), "GET {url}: {body}");
                let (status, body) = send(&admin, &app, "get", &url).await;
                assert_eq!(status, StatusCode::OK, "GET {url} by the admin");
                assert!(
                    body.contains("Elternabend Erfurt") && body.contains("Elternabend Gera"),
                    "GET {url} by the admin: {body}"
                );
                walked += 1;
            }
            Shows::AdminOnly => {
                for method in methods {
                    let (status, _) = send(&erfurt_staff, &app, method, path).await;
                    assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path} by staff");
                }
                walked += 1;
            }
            Shows::Nothing => {}
        }
    }
    assert!(walked > 30, "walked {walked} requests");

    // A report of the other point itself is out of reach; the admin may ask for it.
    let url = format!("/staff/report?year={year}&point={gera}");
    assert_eq!(send(&erfurt_staff, &app, "get", &url).await.0, 404);
    let (status, body) = send(&admin, &app, "get", &url).await;
    assert_eq!(status, 200);
    assert!(body.contains("Elternabend Gera") && !body.contains("Elternabend Erfurt"));

    // The event form creates only in one's own service points.
    let day = (Utc::now() + Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let form = [
        ("point_id", gera.to_string()),
        ("kind", "info_day".into()),
        ("title", "Eingeschmuggelt".into()),
        ("starts_at", format!("{day}T10:00")),
        ("ends_at", format!("{day}T12:00")),
        ("venue_name", "Rathaus".into()),
        ("venue_city", "Gera".into()),
        ("max_party_size", "4".into()),
        ("max_slots_per_registration", "2".into()),
    ];
    let response = erfurt_staff
        .post(app.url("/staff/events"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Bitte wählen Sie eine Ihrer Anlaufstellen."),
        "{page}"
    );
    assert!(
        event::Entity::find()
            .filter(event::Column::Title.eq("Eingeschmuggelt"))
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );

    // The exports by session are the API's routes: out of reach too.
    for ext in ["csv", "xlsx"] {
        let url = format!("/api/v1/events/{their_id}/registrations.{ext}");
        assert_eq!(send(&erfurt_staff, &app, "get", &url).await.0, 404, "{url}");
        assert_eq!(send(&gera_staff, &app, "get", &url).await.0, 200, "{url}");
    }

    // Every staff operation of the API, from its OpenAPI document.
    let (_, doc) = json(app.get("/api/openapi.json").send().await.unwrap()).await;
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let for_staff = operation["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            if !for_staff {
                continue;
            }
            operations += 1;
            if path.contains("{id}") {
                let (url, _) = filled(path, &ids);
                let request =
                    |token: &str| app.client_request(method, &url).bearer_auth(token).send();
                let response = request(&erfurt_token).await.unwrap();
                let status = response.status();
                let (_, body) = json(response).await;
                assert_eq!(status, 404, "{method} {url} with Erfurt's token: {body}");
                assert_eq!(body["error"]["code"], "not_found", "{body}");
                if method == "get" {
                    let status = request(&gera_token).await.unwrap().status();
                    assert_eq!(status, 200, "{method} {url} with Gera's token");
                }
                continue;
            }
            match (method.as_str(), path.as_str()) {
                ("get", "/api/v1/events") => {
                    for (token, sees, not) in [
                        (&erfurt_token, "Elternabend Erfurt", "Elternabend Gera"),
                        (&gera_token, "Elternabend Gera", "Elternabend Erfurt"),
                    ] {
                        let (status, list) = json(
                            app.get("/api/v1/events")
                                .bearer_auth(token)
                                .send()
                                .await
                                .unwrap(),
                        )
                        .await;
                        assert_eq!(status, 200);
                        let titles: Vec<&str> = list["items"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|e| e["title"].as_str().unwrap())
                            .collect();
                        assert!(
                            titles.contains(&sees) && !titles.contains(&not),
                            "{titles:?}"
                        );
                    }
                }
                ("post", "/api/v1/events") => {
                    let (status, body) = json(
                        app.post("/api/v1/events")
                            .bearer_auth(&erfurt_token)
                            .json(&evening("Eingeschmuggelt", gera))
                            .send()
                            .await
                            .unwrap(),
                    )
                    .await;
                    assert_eq!(status, 422, "{body}");
                    assert_eq!(
                        body["error"]["fields"]["point_id"],
                        "must be one of your service points"
                    );
                }
                other => panic!(
                    "{other:?} is a staff operation this test does not know: say here how its \
                     service point scoping is checked"
                ),
            }
        }
    }
    assert!(operations >= 12, "{operations} staff operations");
    app.deliver_due_mail().await;
}

async fn the_public_lists_and_the_feed_filter_by_service_point(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (erfurt, gera) = two_points(&app).await;
    let (_, erfurt_token) = member(&app, "erfurt@example.org", erfurt).await;
    let (_, gera_token) = member(&app, "gera@example.org", gera).await;
    app.published_event(&erfurt_token, &evening("Elternabend Erfurt", erfurt))
        .await;
    app.published_event(&gera_token, &evening("Elternabend Gera", gera))
        .await;

    let (_, all) = json(app.get("/api/v1/events").send().await.unwrap()).await;
    assert_eq!(all["total"], 2, "the public sees every point's events");
    let (_, only) = json(
        app.get(&format!("/api/v1/events?point={gera}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(only["total"], 1);
    assert_eq!(only["items"][0]["title"], "Elternabend Gera");
    let (status, bad) = json(app.get("/api/v1/events?point=gera").send().await.unwrap()).await;
    assert_eq!(status, 422);
    assert_eq!(
        bad["error"]["fields"]["point"],
        "must be the id of a service point"
    );

    let page = app
        .get(&format!("/events?point={gera}&lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Elternabend Gera") && !page.contains("Elternabend Erfurt"));
    assert!(
        page.contains("<label for=\"f-point\">Service point</label>"),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<option value=\"{gera}\" selected>Anlaufstelle Gera</option>"
    )));
    assert!(
        page.contains(&format!("calendar.ics?point={gera}")),
        "the subscribe link keeps it"
    );

    let feed = app
        .get(&format!("/calendar.ics?point={gera}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let calendar = crate::feeds::parse(&feed);
    let summaries: Vec<&str> = calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(summaries, ["Elternabend Gera"]);
}

async fn the_event_page_and_the_mail_name_the_service_point_to_ask(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |c| {
        c.office.funder = "Gefördert vom Land".into();
    })
    .await;
    let gera = points::create(
        &app.db,
        Actor::System,
        PointInput {
            name: "Anlaufstelle Gera".into(),
            address: "Markt 1, 07545 Gera".into(),
            phone: "+49 365 123456".into(),
            email: "gera@example.org".into(),
            funder: "Gefördert von der Stadt Gera".into(),
            ..PointInput::default()
        },
        &app.config.office,
    )
    .await
    .unwrap();
    let (staff, token) = member(&app, "gera-staff@example.org", gera.id).await;
    let event = app
        .published_event(&token, &evening("Elternabend Gera", gera.id))
        .await;

    let page = app
        .get(&format!(
            "/events/{}?lang=en",
            event["slug"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<dt>Contact</dt>"), "{page}");
    assert!(
        page.contains("Anlaufstelle Gera<br>Markt 1, 07545 Gera"),
        "{page}"
    );
    assert!(page.contains("href=\"tel:+49365123456\""), "{page}");
    assert!(page.contains("href=\"mailto:gera@example.org\""), "{page}");

    app.registered(
        &event,
        &json!({"name": "Oksana", "email": "oksana@example.org", "language": "uk", "consent": true}),
    )
    .await;
    app.deliver_due_mail().await;
    let received = smtp.wait_for(1).await;
    let message = received[0].parsed();
    let text = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.contains("Anlaufstelle Gera\nMarkt 1, 07545 Gera\n+49 365 123456\ngera@example.org"),
        "{text}"
    );
    let html = message.body_html(0).unwrap();
    assert!(html.contains("mailto:gera@example.org"), "{html}");

    // The point's funder's line heads its documents, not the office's.
    let (status, sheet) = send(
        &staff,
        &app,
        "get",
        &format!("/staff/events/{}/sign-in-sheet.pdf", id_of(&event)),
    )
    .await;
    assert_eq!(status, 200);
    assert!(sheet.contains("Gefördert von der Stadt Gera"), "{sheet}");
    assert!(!sheet.contains("Gefördert vom Land"), "{sheet}");
    assert!(sheet.contains("Anlaufstelle Gera"), "{sheet}");
}

async fn registrations_through_a_partner_show_it_in_the_list_the_exports_and_the_report(
    backend: Backend,
) {
    // Arrange: two service points with an event each; a partner school; three families, two of
    // them through the partner (one online by its link, one registered by the partner).
    let app = TestApp::spawn(backend).await;
    let (erfurt, gera) = two_points(&app).await;
    let (_, erfurt_token) = member(&app, "erfurt@example.org", erfurt).await;
    let (gera_staff, gera_token) = member(&app, "gera@example.org", gera).await;
    let admin = app.signed_in(Role::Admin).await;
    let ours = app
        .published_event(&erfurt_token, &evening("Elternabend Erfurt", erfurt))
        .await;
    let theirs = app
        .published_event(&gera_token, &evening("Elternabend Gera", gera))
        .await;
    let school = partner::Entity::insert(partner::ActiveModel {
        name: Set("Grundschule Nord".into()),
        kind: Set("school".into()),
        code: Set("gs-nord".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id;
    let mut through_partner = Vec::new();
    for (event, name, party, source) in [
        (&theirs, "Familie Petrenko", 3, "online"),
        (&theirs, "Familie Haddad", 2, "partner"),
        (&theirs, "Familie Schmidt", 1, ""),
        (&ours, "Familie Demir", 4, "online"),
    ] {
        let id = id_of(
            &app.registered(
                event,
                &json!({"name": name, "email": format!("{}@example.org", name.len()), "party_size": party, "language": "de", "consent": true}),
            )
            .await,
        );
        if !source.is_empty() && event == &theirs {
            registration::Entity::update_many()
                .col_expr(registration::Column::PartnerId, school.into())
                .col_expr(registration::Column::Source, source.into())
                .filter(registration::Column::Id.eq(id))
                .exec(&app.db)
                .await
                .unwrap();
            through_partner.push(id);
        }
    }
    let their_id = id_of(&theirs);

    // The staff list names the partner, with the source.
    let page = text(&gera_staff, &app, &format!("/staff/events/{their_id}")).await;
    assert!(
        page.contains("online<br><span class=\"partner\">Partner: Grundschule Nord</span>"),
        "{page}"
    );
    assert!(
        page.contains(
            "durch einen Partner<br><span class=\"partner\">Partner: Grundschule Nord</span>"
        ),
        "{page}"
    );
    // The API list has the partner's id.
    let (_, list) = json(
        app.get(&format!("/api/v1/events/{their_id}/registrations"))
            .bearer_auth(&gera_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let partners: Vec<(&str, Value)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["partner_id"].clone()))
        .collect();
    assert_eq!(
        partners,
        [
            ("online", json!(school)),
            ("partner", json!(school)),
            ("online", Value::Null)
        ]
    );
    // Both exports name it in their last column.
    let (status, csv) = send(
        &gera_staff,
        &app,
        "get",
        &format!("/api/v1/events/{their_id}/registrations.csv"),
    )
    .await;
    assert_eq!(status, 200);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].ends_with(";Partner"), "{csv}");
    assert!(rows[1].starts_with(&format!("{};", through_partner[0])));
    assert!(rows[1].ends_with(";Grundschule Nord"), "{csv}");
    assert!(rows[2].ends_with(";Grundschule Nord"), "{csv}");
    assert!(!rows[3].contains("Grundschule Nord"), "{csv}");
    let (_, xlsx) = send(
        &gera_staff,
        &app,
        "get",
        &format!("/api/v1/events/{their_id}/registrations.xlsx"),
    )
    .await;
    assert_eq!(xlsx.matches("Grundschule Nord").count(), 2, "{xlsx}");

    // The report counts per service point and per partner, and still does after the purge.
    let year = &theirs["starts_at"].as_str().unwrap()[..4];
    let report = format!("/staff/report.csv?year={year}&per=year");
    let before = send(&admin, &app, "get", &report).await.1;
    let partner_line = format!("{year};nach Partner;;;;;;Grundschule Nord;;2;5;0;0;2");
    assert!(before.contains(&partner_line), "{before}");
    assert!(
        before.contains(&format!(
            "{year};nach Anlaufstelle;;;;;;Anlaufstelle Gera;1;3;6;0;0;3"
        )),
        "{before}"
    );
    assert!(
        before.contains(&format!(
            "{year};nach Anlaufstelle;;;;;;{};1;1;4;0;0;1",
            app.config.office.name
        )),
        "{before}"
    );
    let page = text(&admin, &app, &format!("/staff/report?year={year}&per=year")).await;
    assert!(
        page.contains("nach Partner, über den angemeldet wurde"),
        "{page}"
    );
    assert!(page.contains("nach Anlaufstelle"), "{page}");
    let gera_only = send(&gera_staff, &app, "get", &report).await.1;
    assert!(gera_only.contains(&partner_line), "{gera_only}");
    assert!(
        !gera_only.contains("nach Anlaufstelle"),
        "one point needs no sum by point: {gera_only}"
    );

    let (status, pdf) = send(
        &admin,
        &app,
        "get",
        &format!("/staff/report.pdf?year={year}&per=year"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(pdf.contains("Nach Anlaufstelle"), "{pdf}");
    assert!(pdf.contains("Anlaufstelle Gera"), "{pdf}");
    assert!(
        pdf.contains("Nach Partner, über den angemeldet wurde"),
        "{pdf}"
    );
    assert!(pdf.contains("Grundschule Nord"), "{pdf}");

    let after_end = Utc::now() + Duration::days(60);
    treffpunkt::figures::purge_due(&app.db, 30, 0, after_end)
        .await
        .unwrap();
    assert!(
        registration::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    let after = send(&admin, &app, "get", &report).await.1;
    assert_eq!(after, before, "the figures read the same after the purge");
    app.deliver_due_mail().await;
}

async fn admins_add_service_points_and_put_staff_in_them_on_the_points_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.signed_in(Role::Admin).await;
    let email = app.staff_account(Role::Staff).await;
    let staff_id = staff::Entity::find()
        .filter(staff::Column::Email.eq(email.as_str()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let staff_client = app.sign_in(&email).await;
    assert_eq!(
        send(&staff_client, &app, "get", "/staff/points").await.0,
        StatusCode::FORBIDDEN
    );

    // A point without a name comes back with the message by its field and the values kept.
    let response = admin
        .post(app.url("/staff/points?lang=en"))
        .form(&[("name", " "), ("town", "Jena"), ("email", "kein-at")])
        .send()
        .await
        .unwrap();
    let status = response.status();
    let page = response.text().await.unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(
        page.contains("<p class=\"error\" id=\"error-name\">Please fill in this field.</p>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<p class=\"error\" id=\"error-email\">Please enter a valid email address.</p>"
        ),
        "{page}"
    );
    assert!(page.contains("value=\"Jena\""), "{page}");

    let response = admin
        .post(app.url("/staff/points"))
        .form(&[
            ("name", "Anlaufstelle Jena"),
            ("town", "Jena"),
            ("address", "Löbdergraben 1, 07743 Jena"),
            ("phone", "+49 3641 12345"),
            ("email", "Jena@Example.org"),
            ("funder", "Gefördert vom Freistaat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let jena = points::list(&app.db, &app.config.office)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Anlaufstelle Jena")
        .unwrap();
    assert_eq!(jena.email.as_deref(), Some("jena@example.org"));

    // The admin changes it on its own form: a bad address is shown again with its message,
    // and nothing changes; then the new name and phone are stored. Staff may not.
    let edit = format!("/staff/points/{}", jena.id);
    let form = text(&admin, &app, &edit).await;
    assert!(form.contains("value=\"Gefördert vom Freistaat\""), "{form}");
    assert_eq!(
        send(&staff_client, &app, "get", &edit).await.0,
        StatusCode::FORBIDDEN
    );
    let fields = |email: &'static str| {
        [
            ("name", "Anlaufstelle Jena-Lobeda"),
            ("town", "Jena"),
            ("address", "Karl-Marx-Allee 1, 07747 Jena"),
            ("phone", "+49 3641 123456"),
            ("email", email),
            ("funder", ""),
        ]
    };
    let response = admin
        .post(app.url(&edit))
        .form(&fields("keine-adresse"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"error-email\""), "{page}");
    assert!(
        page.contains("value=\"Anlaufstelle Jena-Lobeda\""),
        "{page}"
    );
    assert_eq!(
        points::get(&app.db, jena.id, &app.config.office)
            .await
            .unwrap()
            .name,
        "Anlaufstelle Jena"
    );
    let response = admin
        .post(app.url(&edit))
        .form(&fields("jena@example.org"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let changed = points::get(&app.db, jena.id, &app.config.office)
        .await
        .unwrap();
    assert_eq!(changed.name, "Anlaufstelle Jena-Lobeda");
    assert_eq!(changed.phone.as_deref(), Some("+49 3641 123456"));
    assert_eq!(
        changed.funder, app.config.office.funder,
        "empty: the office's"
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"point_changed".to_owned())
    );
    let jena = changed;

    // The account joined the office's point when it was the only one; now it leads Jena too.
    let response = admin
        .post(app.url(&format!("/staff/points/{}/members", jena.id)))
        .form(&[("staff_id", staff_id.to_string()), ("role", "lead".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = text(&admin, &app, "/staff/points").await;
    assert!(page.contains("Anlaufstelle Jena-Lobeda"), "{page}");
    assert!(page.contains("Leitung"), "{page}");
    let scope = points::scope_of(&app.db, staff_id, Role::Staff)
        .await
        .unwrap();
    assert_eq!(
        scope,
        points::Scope::Points(vec![(1, PointRole::Staff), (jena.id, PointRole::Lead)])
    );
    // With two points the event form asks which.
    let form = text(&staff_client, &app, "/staff/events/new").await;
    assert!(
        form.contains("<select id=\"field-point_id\" name=\"point_id\""),
        "{form}"
    );
    assert!(form.contains("Anlaufstelle Jena-Lobeda</option>"), "{form}");

    // A new account can be put in a point as it is added.
    let accounts = text(&admin, &app, "/staff/accounts").await;
    assert!(
        accounts.contains("<select id=\"field-point\" name=\"point\""),
        "{accounts}"
    );
    let response = admin
        .post(app.url("/staff/accounts"))
        .form(&[
            ("name", "Jana Jenaer"),
            ("email", "jana@example.org"),
            ("role", "staff"),
            ("point", &jena.id.to_string()),
            ("point_role", "lead"),
            ("password", STAFF_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let added = staff::Entity::find()
        .filter(staff::Column::Email.eq("jana@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        points::scope_of(&app.db, added.id, Role::Staff)
            .await
            .unwrap(),
        points::Scope::Points(vec![(jena.id, PointRole::Lead)])
    );

    // Taken out again, the account reaches only the office's point.
    admin
        .post(app.url(&format!("/staff/points/{}/members", jena.id)))
        .form(&[("staff_id", staff_id.to_string()), ("role", String::new())])
        .send()
        .await
        .unwrap();
    let scope = points::scope_of(&app.db, staff_id, Role::Staff)
        .await
        .unwrap();
    assert_eq!(scope, points::Scope::Points(vec![(1, PointRole::Staff)]));
    let actions = crate::support::TestApp::audit_actions(&app).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("point_"))
            .collect::<Vec<_>>(),
        [
            "point_added",
            "point_changed",
            "point_membership_set",
            "point_membership_set"
        ]
    );
}

async fn the_command_line_adds_an_account_to_a_service_point_it_leads(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let jena = points::create(
        &app.db,
        Actor::System,
        PointInput {
            name: "Anlaufstelle Jena".into(),
            ..PointInput::default()
        },
        &app.config.office,
    )
    .await
    .unwrap()
    .id;
    let url = app.config.database.url.expose().to_owned();
    let jena_arg = jena.to_string();
    let (unknown, added, unplaced) = tokio::task::spawn_blocking(move || {
        let add = |email: &str, extra: &[&str]| {
            let mut args = vec!["staff", "add", "--email", email, "--name", "Jana"];
            args.extend_from_slice(extra);
            crate::cli::treffpunkt(&url, &args, "ein-langes-passwort\n")
        };
        (
            add("a@example.org", &["--point", "999", "--lead"]),
            add("jana@example.org", &["--point", &jena_arg, "--lead"]),
            add("b@example.org", &[]),
        )
    })
    .await
    .unwrap();
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("point: is not a service point"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(unplaced.status.success());
    let accounts = staff::Entity::find()
        .order_by_asc(staff::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let emails: Vec<&str> = accounts.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(
        emails,
        ["jana@example.org", "b@example.org"],
        "nothing kept of the refused one"
    );
    let lead = points::scope_of(&app.db, accounts[0].id, Role::Staff)
        .await
        .unwrap();
    assert_eq!(lead, points::Scope::Points(vec![(jena, PointRole::Lead)]));
    // With two service points an account given none is in none until an admin places it.
    let other = points::scope_of(&app.db, accounts[1].id, Role::Staff)
        .await
        .unwrap();
    assert_eq!(other, points::Scope::Points(vec![]));
}

both!(
    the_command_line_adds_an_account_to_a_service_point_it_leads,
    admins_add_service_points_and_put_staff_in_them_on_the_points_page,
    registrations_through_a_partner_show_it_in_the_list_the_exports_and_the_report,
    the_event_page_and_the_mail_name_the_service_point_to_ask,
    an_existing_database_migrates_with_its_single_office_intact,
    staff_of_two_service_points_reach_only_their_own_events_on_every_route,
    the_public_lists_and_the_feed_filter_by_service_point,
);
