//! Registering, confirming, cancelling, the waiting list and its promotions, through HTTP.

use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use treffpunkt::entities::{event, manage_token, outbox, registration};

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp, id_of, info_day, merged, no_redirects, person};

/// An info day three weeks from now with a waiting list, parties of up to three, and
/// `settings` merged in.
fn event_body(settings: &Value) -> Value {
    merged(
        merged(info_day(), &json!({"waitlist": true, "max_party_size": 3})),
        settings,
    )
}

async fn status_of(app: &TestApp, id: i32) -> String {
    app.registration(id).await.status
}

async fn mail_kinds(app: &TestApp, registration_id: i32) -> Vec<String> {
    outbox::Entity::find()
        .filter(outbox::Column::RegistrationId.eq(registration_id))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect()
}

/// `seats_taken` equals the seats held by pending and confirmed registrations, within capacity.
async fn assert_seats_consistent(app: &TestApp, event_id: i32) -> i32 {
    let event = event::Entity::find_by_id(event_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let held: i32 = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.is_in(["pending", "confirmed"]))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|r| r.party_size)
        .sum();
    assert_eq!(
        event.seats_taken, held,
        "seats_taken is the sum of seated party sizes"
    );
    if let Some(capacity) = event.capacity {
        assert!(
            event.seats_taken <= capacity,
            "oversold: {} of {capacity}",
            event.seats_taken
        );
    }
    event.seats_taken
}

async fn register_confirm_and_cancel_through_the_pages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app
        .published(&event_body(&json!({"double_opt_in": true})))
        .await;
    let slug = event["slug"].as_str().unwrap();
    let client = no_redirects();

    let response = client
        .post(app.url(&format!("/events/{slug}/register")))
        .form(&[
            ("name", "Amal Haddad"),
            ("email", "Amal@Example.org"),
            ("party_size", "2"),
            ("language", "ar"),
            ("interpreter", "ar"),
            ("needs", ""),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("/events/{slug}/registered?result=pending")
    );
    let reg = registration::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            reg.status.as_str(),
            reg.party_size,
            reg.email.as_deref().unwrap_or_default(),
            reg.language.as_str()
        ),
        ("pending", 2, "amal@example.org", "ar")
    );
    assert_eq!(mail_kinds(&app, reg.id).await, ["confirm_request"]);
    assert_eq!(
        assert_seats_consistent(&app, id_of(&event)).await,
        2,
        "a pending registration holds its seats"
    );
    let result_page = app
        .get(&format!("/events/{slug}/registered?result=pending&lang=de"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        result_page.contains("bestätigen Sie Ihre Anmeldung innerhalb von 24 Stunden"),
        "{result_page}"
    );

    let token = app.token_for(reg.id).await;
    let manage = app.get(&format!("/r/{token}")).send().await.unwrap();
    assert_eq!(manage.status(), 200);
    assert_eq!(manage.headers()["referrer-policy"], "no-referrer");
    let page = manage.text().await.unwrap();
    assert!(
        page.contains(r#"lang="ar" dir="rtl""#),
        "the manage page speaks the registration's language"
    );
    assert!(page.contains(&format!(r#"action="/r/{token}/confirm""#)));

    let confirmed = client
        .post(app.url(&format!("/r/{token}/confirm")))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 303);
    assert_eq!(status_of(&app, reg.id).await, "confirmed");
    assert_eq!(
        mail_kinds(&app, reg.id).await,
        ["confirm_request", "confirmation"]
    );
    let again = client
        .post(app.url(&format!("/r/{token}/confirm")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 303);
    assert_eq!(
        mail_kinds(&app, reg.id).await.len(),
        2,
        "confirming twice sends nothing more"
    );

    let cancelled = client
        .post(app.url(&format!("/r/{token}/cancel")))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 303);
    assert_eq!(status_of(&app, reg.id).await, "cancelled");
    assert_eq!(
        mail_kinds(&app, reg.id).await,
        ["confirm_request", "confirmation", "cancelled"]
    );
    assert_eq!(assert_seats_consistent(&app, id_of(&event)).await, 0);
    let page = app
        .get(&format!("/r/{token}?lang=de"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Abgemeldet"), "{page}");
    app.deliver_due_mail().await;
}
both!(register_confirm_and_cancel_through_the_pages);

async fn a_get_on_a_manage_link_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app
        .published(&event_body(&json!({"double_opt_in": true})))
        .await;
    let (_, created) = app.register(&event, &person(1, 1)).await;
    let token = app.token_for(id_of(&created)).await;
    let before = (
        registration::Entity::find().all(&app.db).await.unwrap(),
        outbox::Entity::find().count(&app.db).await.unwrap(),
        manage_token::Entity::find().count(&app.db).await.unwrap(),
    );

    for path in [
        format!("/r/{token}"),
        format!("/r/{token}?done=confirmed"),
        format!("/r/{token}/confirm"),
        format!("/r/{token}/cancel"),
    ] {
        let status = app.get(&path).send().await.unwrap().status();
        assert!(status == 200 || status == 405, "{path}: {status}");
    }

    let after = (
        registration::Entity::find().all(&app.db).await.unwrap(),
        outbox::Entity::find().count(&app.db).await.unwrap(),
        manage_token::Entity::find().count(&app.db).await.unwrap(),
    );
    assert_eq!(before, after);
    assert_eq!(status_of(&app, id_of(&created)).await, "pending");
    let unknown = app.get("/r/not-a-token").send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    app.deliver_due_mail().await;
}
both!(a_get_on_a_manage_link_changes_nothing);

async fn a_full_event_puts_registrations_on_the_waiting_list_and_a_cancellation_promotes_them(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&event_body(&json!({"capacity": 3}))).await;

    let (s1, first) = app.register(&event, &person(1, 3)).await;
    let (s2, second) = app.register(&event, &person(2, 2)).await;
    let (s3, third) = app.register(&event, &person(3, 1)).await;

    assert_eq!((s1, s2, s3), (201, 201, 201));
    assert_eq!(first["status"], "confirmed");
    assert_eq!(second["status"], "waitlisted");
    assert_eq!(second["waitlist_position"], 1);
    assert_eq!(third["waitlist_position"], 2);
    assert_eq!(mail_kinds(&app, id_of(&second)).await, ["waitlisted"]);

    let token = app.token_for(id_of(&first)).await;
    no_redirects()
        .post(app.url(&format!("/r/{token}/cancel")))
        .send()
        .await
        .unwrap();

    assert_eq!(status_of(&app, id_of(&second)).await, "confirmed");
    assert_eq!(status_of(&app, id_of(&third)).await, "confirmed");
    for promoted in [&second, &third] {
        let row = app.registration(id_of(promoted)).await;
        assert!(row.via_waitlist);
        assert_eq!(mail_kinds(&app, row.id).await, ["waitlisted", "promoted"]);
    }
    assert_eq!(assert_seats_consistent(&app, id_of(&event)).await, 3);
    app.deliver_due_mail().await;
}
both!(a_full_event_puts_registrations_on_the_waiting_list_and_a_cancellation_promotes_them);

async fn the_oldest_waiting_registration_that_fits_is_promoted_first(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&event_body(&json!({"capacity": 2}))).await;
    let (_, seated) = app.register(&event, &person(1, 1)).await;
    let (_, _other) = app.register(&event, &person(2, 1)).await;
    let (_, big) = app.register(&event, &person(3, 3)).await;
    let (_, small) = app.register(&event, &person(4, 1)).await;
    assert_eq!(big["waitlist_position"], 1);
    assert_eq!(small["waitlist_position"], 2);

    let token = app.token_for(id_of(&seated)).await;
    no_redirects()
        .post(app.url(&format!("/r/{token}/cancel")))
        .send()
        .await
        .unwrap();

    assert_eq!(
        status_of(&app, id_of(&big)).await,
        "waitlisted",
        "three people do not fit into one seat"
    );
    assert_eq!(status_of(&app, id_of(&small)).await, "confirmed");
    assert_seats_consistent(&app, id_of(&event)).await;
    app.deliver_due_mail().await;
}
both!(the_oldest_waiting_registration_that_fits_is_promoted_first);

async fn raising_the_capacity_promotes_from_the_waiting_list(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app
        .published_event(&token, &event_body(&json!({"capacity": 1})))
        .await;
    let (_, _seated) = app.register(&event, &person(1, 1)).await;
    let (_, waiting) = app.register(&event, &person(2, 1)).await;
    assert_eq!(waiting["status"], "waitlisted");

    let (status, changed) = json(
        app.patch(&format!("/api/v1/events/{}", event["id"]))
            .bearer_auth(&token)
            .json(&json!({"capacity": 2}))
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(status, 200);
    assert_eq!(changed["seats_taken"], 2);
    assert_eq!(status_of(&app, id_of(&waiting)).await, "confirmed");
    assert_eq!(
        mail_kinds(&app, id_of(&waiting)).await,
        ["waitlisted", "promoted"]
    );
    assert_seats_consistent(&app, id_of(&event)).await;
    app.deliver_due_mail().await;
}
both!(raising_the_capacity_promotes_from_the_waiting_list);

async fn an_unconfirmed_registration_expires_and_its_seats_go_to_the_waiting_list(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let event = app
        .published(&event_body(&json!({"capacity": 1, "double_opt_in": true})))
        .await;
    let (_, pending) = app.register(&event, &person(1, 1)).await;
    let (_, waiting) = app.register(&event, &person(2, 1)).await;
    assert_eq!(pending["status"], "pending");
    assert_eq!(waiting["status"], "waitlisted");
    let jobs = &app.jobs;

    jobs.tick_at(Utc::now() + Duration::hours(23))
        .await
        .unwrap();
    assert_eq!(
        status_of(&app, id_of(&pending)).await,
        "pending",
        "still within the 24 hours"
    );

    jobs.tick_at(Utc::now() + Duration::hours(25))
        .await
        .unwrap();
    let expired = app.registration(id_of(&pending)).await;
    assert_eq!(
        (expired.status.as_str(), expired.cancel_reason.as_deref()),
        ("cancelled", Some("expired"))
    );
    let promoted = app.registration(id_of(&waiting)).await;
    assert_eq!(
        promoted.status, "pending",
        "promoted, and still to confirm the address"
    );
    assert!(promoted.via_waitlist && promoted.expires_at.is_some());
    assert_eq!(
        mail_kinds(&app, expired.id).await,
        ["confirm_request", "cancelled"]
    );
    assert_eq!(
        mail_kinds(&app, promoted.id).await,
        ["waitlisted", "promoted"]
    );
    assert_seats_consistent(&app, id_of(&event)).await;
}
both!(an_unconfirmed_registration_expires_and_its_seats_go_to_the_waiting_list);

async fn the_same_address_gets_no_second_seat_but_its_link_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&event_body(&json!({}))).await;
    let (_, first) = app.register(&event, &person(1, 2)).await;

    let mut again = person(1, 3);
    again["email"] = json!("  PERSON1@example.org ");
    let (status, body) = app.register(&event, &again).await;

    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "already_registered");
    assert_eq!(assert_seats_consistent(&app, id_of(&event)).await, 2);
    assert_eq!(
        mail_kinds(&app, id_of(&first)).await,
        ["confirmation", "confirmation"],
        "the link is sent again"
    );
    let form = no_redirects()
        .post(app.url(&format!(
            "/events/{}/register",
            event["slug"].as_str().unwrap()
        )))
        .form(&[
            ("name", "Teilnehmerin 1"),
            ("email", "person1@example.org"),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 303);
    assert!(
        form.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("result=already")
    );
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    app.deliver_due_mail().await;
}
both!(the_same_address_gets_no_second_seat_but_its_link_again);

async fn closed_windows_full_and_cancelled_events_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let now = Utc::now();
    let local = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let closed = app
        .published_event(
            &token,
            &event_body(&json!({"registration_closes_at": local(now - Duration::hours(1))})),
        )
        .await;
    let not_open = app
        .published_event(
            &token,
            &event_body(&json!({"registration_opens_at": local(now + Duration::days(2))})),
        )
        .await;
    let begun = app
        .published_event(&token, &event_body(&json!({"starts_at": local(now - Duration::hours(1)), "ends_at": local(now + Duration::hours(1))})))
        .await;
    let full = app
        .published_event(
            &token,
            &event_body(&json!({"capacity": 1, "waitlist": false})),
        )
        .await;
    let cancelled = app.published_event(&token, &event_body(&json!({}))).await;
    app.post(&format!("/api/v1/events/{}/cancel", cancelled["id"]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let draft = app.create_event(&token, &event_body(&json!({}))).await;
    let (seated, _) = app.register(&full, &person(1, 1)).await;
    assert_eq!(seated, 201);

    for (event, status, code) in [
        (&closed, 409, "registration_closed"),
        (&not_open, 409, "registration_not_open"),
        (&begun, 409, "registration_closed"),
        (&full, 409, "event_full"),
        (&cancelled, 409, "event_cancelled"),
        (&draft, 404, "not_found"),
    ] {
        let (got, body) = app.register(event, &person(9, 1)).await;
        assert_eq!(
            (got, body["error"]["code"].as_str().unwrap()),
            (status, code),
            "{}",
            event["title"]
        );
    }
    let page = app
        .post(&format!(
            "/events/{}/register?lang=de",
            full["slug"].as_str().unwrap()
        ))
        .form(&[
            ("name", "Zu spät"),
            ("email", "spaet@example.org"),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 409);
    assert!(page.text().await.unwrap().contains("leider ausgebucht"));
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        1,
        "nothing else was stored"
    );
    app.deliver_due_mail().await;
}
both!(closed_windows_full_and_cancelled_events_are_refused);

async fn invalid_registrations_are_refused_field_by_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&event_body(&json!({}))).await;
    let path = format!("/api/v1/events/{}/registrations", event["id"]);

    let (status, body) = app.register(&event, &json!({"name": "", "email": "nope", "party_size": 9, "language": "fr", "interpreter": "xx-yy-zz", "consent": false})).await;
    assert_eq!(status, 422);
    for field in [
        "name",
        "email",
        "party_size",
        "language",
        "interpreter",
        "consent",
    ] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    let (status, _) = json(
        app.post(&path)
            .header("content-type", "application/json")
            .body("{\"name\": ")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    let (status, body) = json(app.post(&path).json(&json!({"name": "A", "email": "a@example.org", "consent": true, "party_size": "zwei"})).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"]["fields"]["party_size"].is_string()),
        (422, true)
    );
    let (status, _) = json(
        app.post(&path)
            .json(&json!({"name": "x".repeat(70 * 1024)}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 413);
    let slug = event["slug"].as_str().unwrap();
    let bad_utf8 = app
        .post(&format!("/events/{slug}/register"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("name=%FF%FE&email=a%40example.org&consent=on")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_utf8.status(), 400);
    let too_big = app
        .post(&format!("/events/{slug}/register"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("name={}", "x".repeat(70 * 1024)))
        .send()
        .await
        .unwrap();
    assert_eq!(too_big.status(), 413);
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
}
both!(invalid_registrations_are_refused_field_by_field);

async fn a_hundred_people_racing_for_ten_seats_get_ten_seats(backend: Backend) {
    let app = Arc::new(TestApp::spawn(backend).await);
    let event = Arc::new(
        app.published(&event_body(&json!({"capacity": 10, "max_party_size": 1})))
            .await,
    );

    let tasks: Vec<_> = (0..100)
        .map(|n| {
            let (app, event) = (app.clone(), event.clone());
            tokio::spawn(async move { app.register(&event, &person(n, 1)).await })
        })
        .collect();
    let mut statuses = Vec::new();
    let mut positions = Vec::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 201, "{body}");
        statuses.push(body["status"].as_str().unwrap().to_owned());
        if let Some(p) = body["waitlist_position"].as_u64() {
            positions.push(p);
        }
    }

    assert_eq!(statuses.iter().filter(|s| *s == "confirmed").count(), 10);
    assert_eq!(statuses.iter().filter(|s| *s == "waitlisted").count(), 90);
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=90).collect::<Vec<u64>>(),
        "every waiting registration has its own place"
    );
    assert_eq!(assert_seats_consistent(&app, id_of(&event)).await, 10);
    app.deliver_due_mail().await;
}
both!(a_hundred_people_racing_for_ten_seats_get_ten_seats);

async fn random_party_sizes_and_concurrent_cancellations_keep_the_seat_count_true(
    backend: Backend,
) {
    let app = Arc::new(TestApp::spawn(backend).await);
    let event = Arc::new(
        app.published(&event_body(&json!({"capacity": 10, "max_party_size": 3})))
            .await,
    );
    let sizes: Vec<i64> = (0..60).map(|n| 1 + (n * 7 + n / 3) % 3).collect();

    let first_wave: Vec<_> = sizes[..30]
        .iter()
        .enumerate()
        .map(|(n, size)| {
            let (app, event, size) = (app.clone(), event.clone(), *size);
            tokio::spawn(async move { app.register(&event, &person(n, size)).await })
        })
        .collect();
    let mut seated = Vec::new();
    for task in first_wave {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 201, "{body}");
        if body["status"] == "confirmed" {
            seated.push(id_of(&body));
        }
    }
    assert_seats_consistent(&app, id_of(&event)).await;
    let mut tokens = Vec::new();
    for id in &seated {
        tokens.push(app.token_for(*id).await);
    }

    let mut mixed = Vec::new();
    for token in tokens {
        let app = app.clone();
        mixed.push(tokio::spawn(async move {
            let status = no_redirects()
                .post(app.url(&format!("/r/{token}/cancel")))
                .send()
                .await
                .unwrap()
                .status();
            assert_eq!(status, 303);
        }));
    }
    for (n, size) in sizes.iter().enumerate().skip(30) {
        let (app, event, size) = (app.clone(), event.clone(), *size);
        mixed.push(tokio::spawn(async move {
            let (status, body) = app.register(&event, &person(n, size)).await;
            assert_eq!(status, 201, "{body}");
        }));
    }
    for task in mixed {
        task.await.unwrap();
    }

    let taken = assert_seats_consistent(&app, id_of(&event)).await;
    assert!(taken > 0);
    let waiting = registration::Entity::find()
        .filter(registration::Column::EventId.eq(id_of(&event)))
        .filter(registration::Column::Status.eq("waitlisted"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        waiting.iter().all(|w| w.party_size > 10 - taken),
        "nobody waits who would fit into the free seats"
    );
    app.deliver_due_mail().await;
}
both!(random_party_sizes_and_concurrent_cancellations_keep_the_seat_count_true);

async fn staff_list_the_registrations_of_an_event(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app
        .published_event(&token, &event_body(&json!({"capacity": 1})))
        .await;
    app.register(&event, &person(1, 1)).await;
    app.register(&event, &person(2, 1)).await;
    let path = format!("/api/v1/events/{}/registrations", event["id"]);

    let (anonymous, _) = json(app.get(&path).send().await.unwrap()).await;
    let (status, list) = json(app.get(&path).bearer_auth(&token).send().await.unwrap()).await;

    assert_eq!(anonymous, 401);
    assert_eq!(status, 200);
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["email"], "person1@example.org");
    assert_eq!(list["items"][0]["source"], "online");
    assert_eq!(list["items"][1]["status"], "waitlisted");
    assert_eq!(list["items"][1]["via_waitlist"], false);
    app.deliver_due_mail().await;
}
both!(staff_list_the_registrations_of_an_event);

/// A counter of this instance's `/metrics`.
async fn metric(app: &TestApp, name: &str) -> u64 {
    let text = app
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in {text}"))
        .parse()
        .unwrap()
}

/// Registrations for one event arriving together are stored in groups, and each is answered as
/// if alone: a full event without a waiting list refuses the rest, a second request with an
/// address already in the group gets its link again, and every stored registration has its
/// message.
async fn registrations_racing_for_one_event_are_grouped_and_answered_each_on_its_own(
    backend: Backend,
) {
    let app = Arc::new(TestApp::spawn(backend).await);
    let event = Arc::new(
        app.published(&event_body(
            &json!({"capacity": 15, "waitlist": false, "max_party_size": 1}),
        ))
        .await,
    );
    // 40 people, and 10 of them twice.
    let people: Vec<usize> = (0..40).chain(0..10).collect();
    let tasks: Vec<_> = people
        .into_iter()
        .map(|n| {
            let (app, event) = (app.clone(), event.clone());
            tokio::spawn(async move { app.register(&event, &person(n, 1)).await })
        })
        .collect();
    let mut created = Vec::new();
    let mut codes = Vec::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            201 => created.push(id_of(&body)),
            409 => codes.push(body["error"]["code"].as_str().unwrap().to_owned()),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created.len(), 15, "exactly the seats there are");
    let full = codes.iter().filter(|c| *c == "event_full").count();
    let again = codes.iter().filter(|c| *c == "already_registered").count();
    assert_eq!(full + again, 35, "{codes:?}");
    assert!(again <= 10, "{codes:?}");
    assert_eq!(assert_seats_consistent(&app, id_of(&event)).await, 15);
    let rows = registration::Entity::find()
        .filter(registration::Column::EventId.eq(id_of(&event)))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 15, "nothing stored beyond the answers");
    // One confirmation each, and one more for each request that found its address already
    // registered (the link sent again).
    let mut resent = 0;
    for id in &created {
        let kinds = mail_kinds(&app, *id).await;
        assert!(kinds.iter().all(|k| k == "confirmation"), "{kinds:?}");
        resent += kinds.len() - 1;
    }
    assert_eq!(resent, again);
    // Requests were stored together: fewer transactions than requests.
    let groups = metric(&app, "registration_groups_total").await;
    let grouped = metric(&app, "registration_grouped_total").await;
    assert!(grouped >= 15, "{grouped}");
    assert!(
        groups < grouped,
        "{groups} transactions for {grouped} requests"
    );
    app.deliver_due_mail().await;
}
both!(registrations_racing_for_one_event_are_grouped_and_answered_each_on_its_own);

/// Registrations for several events arriving together are stored together, and each comes out
/// as if stored alone: confirmed, waiting for its address to be confirmed, or on the waiting
/// list with its own place once the seats are gone; each with one message carrying a manage
/// link that works.
async fn registrations_for_several_events_at_once_each_come_out_as_if_alone(backend: Backend) {
    let app = Arc::new(TestApp::spawn(backend).await);
    let open = app
        .published(&event_body(
            &json!({"capacity": 100, "double_opt_in": false}),
        ))
        .await;
    let proven = app
        .published(&event_body(
            &json!({"capacity": 100, "double_opt_in": true}),
        ))
        .await;
    let small = app
        .published(&event_body(
            &json!({"capacity": 4, "double_opt_in": false, "max_party_size": 1}),
        ))
        .await;
    let events = [open, proven, small];
    let tasks: Vec<_> = (0..30)
        .map(|n| {
            let (app, event) = (app.clone(), events[n / 10].clone());
            tokio::spawn(async move { (n, app.register(&event, &person(n, 1)).await) })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        let (n, (status, body)) = task.await.unwrap();
        assert_eq!(status, 201, "{n}: {body}");
        answers.push((n, body));
    }
    let status = |from: usize| -> Vec<String> {
        let mut s: Vec<String> = answers
            .iter()
            .filter(|(n, _)| n / 10 == from / 10)
            .map(|(_, b)| b["status"].as_str().unwrap().to_owned())
            .collect();
        s.sort();
        s
    };
    assert_eq!(status(0), vec!["confirmed"; 10]);
    assert_eq!(status(10), vec!["pending"; 10]);
    let mut small_status = status(20);
    small_status.dedup_by(|a, b| a == b);
    assert_eq!(small_status, ["confirmed", "waitlisted"]);
    let mut places: Vec<u64> = answers
        .iter()
        .filter_map(|(_, b)| b["waitlist_position"].as_u64())
        .collect();
    places.sort_unstable();
    assert_eq!(places, (1..=6).collect::<Vec<_>>(), "each place once");
    for event in &events {
        assert_seats_consistent(&app, id_of(event)).await;
    }
    assert_eq!(assert_seats_consistent(&app, id_of(&events[2])).await, 4);
    for (n, body) in &answers {
        let expected = match (n / 10, body["status"].as_str().unwrap()) {
            (1, _) => "confirm_request",
            (_, "waitlisted") => "waitlisted",
            _ => "confirmation",
        };
        let rows = outbox::Entity::find()
            .filter(outbox::Column::RegistrationId.eq(id_of(body)))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "{n}: one message");
        assert_eq!(rows[0].kind, expected, "{n}");
        let payload: Value = serde_json::from_str(&rows[0].payload).unwrap();
        let token = payload["token"].as_str().expect("a manage link");
        let page = app.get(&format!("/r/{token}")).send().await.unwrap();
        assert_eq!(page.status(), 200, "{n}: its manage link works");
        let stored = app.registration(id_of(body)).await;
        assert_eq!(
            stored.email.as_deref(),
            Some(format!("person{n}@example.org").as_str())
        );
    }
    let groups = metric(&app, "registration_groups_total").await;
    let grouped = metric(&app, "registration_grouped_total").await;
    assert_eq!(grouped, 30);
    assert!(
        groups < grouped,
        "{groups} transactions for {grouped} requests"
    );
    app.deliver_due_mail().await;
}
both!(registrations_for_several_events_at_once_each_come_out_as_if_alone);
