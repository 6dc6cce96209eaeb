//! Public answers kept for `server.cache_ttl_ms`: this instance's writes show at once, other
//! writers' within the TTL, and nothing personal is kept.

use std::time::Duration;

use chrono::Utc;
use treffpunkt::i18n::Lang;
use treffpunkt::registrations::{self, Hold, Registrant, RegistrationInput};

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp, info_day, person};

const TTL_MS: u64 = 2000;

async fn seats_taken(app: &TestApp, token: Option<&str>) -> i64 {
    let mut request = app.get("/api/v1/events");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let (status, list) = json(request.send().await.unwrap()).await;
    assert_eq!(status, 200, "{list}");
    list["items"][0]["seats_taken"].as_i64().unwrap()
}

/// Whether the event page says that `seats` seats are left.
async fn page_shows_seats_left(app: &TestApp, slug: &str, seats: u32) -> bool {
    let page = app
        .get(&format!("/events/{slug}?lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    page.contains(&format!("{seats} seats left"))
        || page.contains(&format!("{seats}\u{2069} seats left"))
}

async fn a_registration_through_this_instance_shows_at_once_and_one_made_elsewhere_within_the_ttl(
    backend: Backend,
) {
    let app = TestApp::spawn_with(backend, |config| config.server.cache_ttl_ms = TTL_MS).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &info_day()).await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    assert_eq!(seats_taken(&app, None).await, 0);
    assert!(page_shows_seats_left(&app, &slug, 10).await);

    app.registered(&event, &person(1, 1)).await;
    assert_eq!(seats_taken(&app, None).await, 1, "this instance's write");
    assert!(page_shows_seats_left(&app, &slug, 9).await);

    // A write this instance does not see: another instance, or the command line.
    let input = RegistrationInput {
        name: Some("Teilnehmerin 2".into()),
        email: Some("person2@example.org".into()),
        phone: None,
        party_size: Some("1".into()),
        language: Some("de".into()),
        interpreter: None,
        needs: None,
        consent: true,
        sms_reminders: false,
        via: None,
    };
    let id = i32::try_from(event["id"].as_i64().unwrap()).unwrap();
    registrations::register(
        &app.db,
        &treffpunkt::events::get(&app.db, id).await.unwrap(),
        input,
        Lang::De,
        Registrant::Themselves,
        Hold::hours(24),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(seats_taken(&app, None).await, 1, "kept for the TTL");
    assert!(page_shows_seats_left(&app, &slug, 9).await);
    assert_eq!(
        seats_taken(&app, Some(&token)).await,
        2,
        "what a token sees is never kept"
    );
    tokio::time::sleep(Duration::from_millis(TTL_MS)).await;
    assert_eq!(seats_taken(&app, None).await, 2, "after the TTL");
    assert!(page_shows_seats_left(&app, &slug, 8).await);
    app.deliver_due_mail().await;
}
both!(a_registration_through_this_instance_shows_at_once_and_one_made_elsewhere_within_the_ttl);

async fn a_form_with_errors_is_never_served_to_the_next_visitor(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.server.cache_ttl_ms = TTL_MS).await;
    let event = app.published(&info_day()).await;
    let slug = event["slug"].as_str().unwrap();
    let clean = app
        .get(&format!("/events/{slug}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    let refused = app
        .post(&format!("/events/{slug}/register"))
        .form(&[("name", "Geheimer Name"), ("email", "kaputt")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Geheimer Name"));

    let next = app
        .get(&format!("/events/{slug}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!next.contains("Geheimer Name"));
    assert_eq!(next, clean);
}
both!(a_form_with_errors_is_never_served_to_the_next_visitor);
