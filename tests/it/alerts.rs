//! "Tell me about new events": subscribing on the public page, the double opt-in, the alert
//! job (once per subscriber and day, on every instance at once), the one-click unsubscribe,
//! and the subscription in the participant's data export, erasure and the purge.

use chrono::{Duration, Utc};
use reqwest::Client;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use treffpunkt::entities::alert_subscription;
use treffpunkt::staff::Role;

use crate::both;
use crate::support::smtp::{Received, SmtpServer};
use crate::support::{Backend, TestApp, id_of, info_day, merged, no_redirects};

/// Subscribes through the form; the status of the answer.
async fn subscribe(app: &TestApp, fields: &[(&str, &str)]) -> (u16, String) {
    let response = no_redirects()
        .post(app.url("/alerts"))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

fn text_of(mail: &Received) -> String {
    mail.parsed().body_text(0).unwrap().into_owned()
}

/// The token of the first `/alerts/{token}` link in a mail.
fn token_in(app: &TestApp, mail: &Received) -> String {
    let text = text_of(mail);
    let marker = app.url("/alerts/");
    let start = text.find(&marker).expect("an alerts link") + marker.len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

fn to(mail: &Received) -> &str {
    mail.to.first().map_or("", String::as_str)
}

async fn subscriptions(app: &TestApp, email: &str) -> u64 {
    alert_subscription::Entity::find()
        .filter(alert_subscription::Column::Email.eq(email))
        .count(&app.db)
        .await
        .unwrap()
}

async fn confirm(app: &TestApp, token: &str) {
    let response = no_redirects()
        .post(app.url(&format!("/alerts/{token}/confirm")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let page = app
        .get(&format!("/alerts/{token}?lang=de"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("/confirm\""),
        "confirmed: no button any more"
    );
}

fn roundtable_in_koeln() -> Value {
    merged(
        info_day(),
        &json!({"kind": "roundtable", "title": "Runder Tisch Köln",
                "venue": {"name": "Rathaus", "city": "Köln"}}),
    )
}

both!(matching_subscribers_get_one_alert_a_day_and_one_click_ends_it);

async fn matching_subscribers_get_one_alert_a_day_and_one_click_ends_it(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;

    // Bad input: the form again, each message next to its field.
    let (status, page) = subscribe(&app, &[("email", "not an address"), ("lang", "de")]).await;
    assert_eq!(status, 422);
    assert!(page.contains("id=\"error-email\""), "{page}");
    assert!(page.contains("id=\"error-consent\""), "{page}");
    assert_eq!(
        alert_subscription::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let people = [
        // Info days in Bonn, mails in Arabic: matches the first event.
        ("amal@example.org", "ar", "info_day", "Bonn"),
        // Parents' evenings only: matches neither.
        ("bo@example.org", "de", "parents_evening", ""),
        // Anything: matches both, but never confirms.
        ("cem@example.org", "tr", "", ""),
        // Anything: matches both.
        ("dana@example.org", "uk", "", ""),
    ];
    for (email, lang, kind, city) in people {
        let (status, _) = subscribe(
            &app,
            &[
                ("email", email),
                ("lang", lang),
                ("kind", kind),
                ("city", city),
                ("consent", "on"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{email}");
    }
    // Subscribing again sends the link again and makes no second subscription.
    let (status, _) = subscribe(
        &app,
        &[
            ("email", "Amal@Example.org"),
            ("lang", "ar"),
            ("consent", "on"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(subscriptions(&app, "amal@example.org").await, 1);
    app.deliver_due_mail().await;
    let requests = smtp.wait_for(5).await;
    assert_eq!(requests.len(), 5);
    assert_eq!(
        requests
            .iter()
            .filter(|m| to(m) == "amal@example.org")
            .count(),
        2
    );
    let token_of = |email: &str| {
        let mail = requests.iter().rev().find(|m| to(m) == email).unwrap();
        token_in(&app, mail)
    };
    let amal = token_of("amal@example.org");
    let dana = token_of("dana@example.org");
    for token in [&amal, &token_of("bo@example.org"), &dana] {
        confirm(&app, token).await;
    }
    // Staff see how many, never who.
    let dashboard = app
        .signed_in(Role::Staff)
        .await
        .get(app.url("/staff"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "<p id=\"alert-subscriptions\">";
    let start = dashboard.find(marker).expect("the count") + marker.len();
    let count: String = dashboard[start..]
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    let digits: String = count.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits, "3", "{count}");
    for who in ["amal@", "bo@", "dana@"] {
        assert!(!dashboard.contains(who), "no addresses");
    }

    let staff = app.staff_token().await;
    let matching = app.published_event(&staff, &info_day()).await;
    let other = app.published_event(&staff, &roundtable_in_koeln()).await;
    // A draft is not news.
    app.create_event(&staff, &merged(info_day(), &json!({"title": "Entwurf"})))
        .await;

    let now = Utc::now();
    let report = app.jobs.tick_at(now).await.unwrap();
    assert_eq!(report.alerts, 2, "{report:?}");
    let alerts: Vec<Received> = smtp.wait_for(7).await[5..].to_vec();
    assert_eq!(alerts.len(), 2);
    let mut recipients: Vec<&str> = alerts.iter().map(to).collect();
    recipients.sort_unstable();
    assert_eq!(recipients, ["amal@example.org", "dana@example.org"]);
    let for_amal = alerts.iter().find(|m| to(m) == "amal@example.org").unwrap();
    let parsed = for_amal.parsed();
    assert_eq!(
        parsed.header("Content-Language").and_then(|h| h.as_text()),
        Some("ar")
    );
    let text = text_of(for_amal);
    assert!(text.contains("Infotag Ausbildung"), "{text}");
    assert!(!text.contains("Runder Tisch"), "{text}");
    assert!(!text.contains("Entwurf"), "{text}");
    assert!(
        text.contains(&app.url(&format!(
            "/events/{}?lang=ar",
            matching["slug"].as_str().unwrap()
        ))),
        "{text}"
    );
    let for_dana = text_of(alerts.iter().find(|m| to(m) == "dana@example.org").unwrap());
    assert!(for_dana.contains("Infotag Ausbildung") && for_dana.contains("Runder Tisch"));
    let unsubscribe = parsed
        .header_raw("List-Unsubscribe")
        .expect("List-Unsubscribe")
        .trim()
        .to_owned();
    assert_eq!(
        parsed.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe_url = unsubscribe
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .expect("<url>")
        .to_owned();
    assert!(unsubscribe_url.starts_with(&app.url("/alerts/")));
    assert!(unsubscribe_url.ends_with("/unsubscribe"));

    // Again, here and on a second instance at the same time: nothing more today.
    let second = app.another_instance().await;
    let (here, there) = tokio::join!(app.jobs.tick_at(now), second.jobs.tick_at(now));
    assert_eq!((here.unwrap().alerts, there.unwrap().alerts), (0, 0));
    let third = app.published_event(&staff, &info_day()).await;
    let later = Utc::now();
    assert_eq!(
        app.jobs.tick_at(later).await.unwrap().alerts,
        0,
        "one a day"
    );
    assert_eq!(smtp.received().len(), 7);

    // The unsubscribe page has a button and the way to the filters.
    let page = app
        .get(&format!("/alerts/{amal}/unsubscribe?lang=de"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("method=\"post\""), "{page}");
    assert!(page.contains(&format!("href=\"/alerts/{amal}\"")), "{page}");
    // The one-click POST of a mail client: no cookies, no Origin, from anywhere.
    let response = Client::new()
        .post(&unsubscribe_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(subscriptions(&app, "amal@example.org").await, 0);

    // The next day, the third event goes out once, to the one left, from two instances.
    let tomorrow = later + Duration::days(1);
    let (here, there) = tokio::join!(app.jobs.tick_at(tomorrow), second.jobs.tick_at(tomorrow));
    assert_eq!(here.unwrap().alerts + there.unwrap().alerts, 1);
    let next: Vec<Received> = smtp.wait_for(8).await[7..].to_vec();
    assert_eq!(next.len(), 1);
    assert_eq!(to(&next[0]), "dana@example.org");
    let text = text_of(&next[0]);
    assert!(text.contains(third["slug"].as_str().unwrap()), "{text}");
    assert!(!text.contains(other["slug"].as_str().unwrap()), "{text}");
    assert_eq!(smtp.received().len(), 8);
    drop(second);
}

both!(subscriptions_are_in_the_export_and_erasure_and_unconfirmed_ones_are_purged);

async fn subscriptions_are_in_the_export_and_erasure_and_unconfirmed_ones_are_purged(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app =
        TestApp::spawn_with_smtp(backend, &smtp, |c| c.privacy.alert_unconfirmed_days = 3).await;
    for email in ["eda@example.org", "fay@example.org"] {
        let fields = [
            ("email", email),
            ("lang", "de"),
            ("city", "Bonn"),
            ("consent", "on"),
        ];
        assert_eq!(subscribe(&app, &fields).await.0, 303);
    }
    app.deliver_due_mail().await;
    let mails = smtp.wait_for(2).await;
    let eda = mails.iter().find(|m| to(m) == "eda@example.org").unwrap();
    confirm(&app, &token_in(&app, eda)).await;

    let event = app.published(&info_day()).await;
    let registration = app
        .registered(
            &event,
            &json!({"name": "Eda", "email": "eda@example.org", "party_size": 1,
                    "language": "de", "consent": true}),
        )
        .await;
    let token = app.token_for(id_of(&registration)).await;
    app.deliver_due_mail().await;
    let data: Value = app
        .get(&format!("/r/{token}/data"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(data["alert_subscription"]["email"], "eda@example.org");
    assert_eq!(data["alert_subscription"]["city"], "Bonn");
    let response = no_redirects()
        .post(app.url(&format!("/r/{token}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(subscriptions(&app, "eda@example.org").await, 0);

    // Not confirmed: kept for the days configured, then deleted.
    let now = Utc::now();
    app.jobs.tick_at(now + Duration::days(2)).await.unwrap();
    assert_eq!(subscriptions(&app, "fay@example.org").await, 1);
    app.jobs.tick_at(now + Duration::days(4)).await.unwrap();
    assert_eq!(subscriptions(&app, "fay@example.org").await, 0);
}
