//! Personal data: the participant's copy and erasure, the retention purge, logs without names,
//! and the protections of the public forms.

use std::io::Write;
use std::sync::{Arc, Mutex};

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde_json::{Value, json};
use treffpunkt::entities::{event, event_figure, manage_token, outbox, registration};

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp, id_of, no_redirects};

fn event_body(days_ahead: i64, capacity: i64) -> Value {
    let day = (Utc::now() + Duration::days(days_ahead))
        .format("%Y-%m-%d")
        .to_string();
    json!({
        "kind": "info_day",
        "title": "Infotag Teilqualifizierung",
        "starts_at": format!("{day}T10:00"),
        "ends_at": format!("{day}T14:00"),
        "venue": {"name": "Jobcenter", "city": "Essen"},
        "capacity": capacity,
        "double_opt_in": false,
    })
}

fn person(name: &str, email: &str, language: &str, interpreter: &str, party_size: i64) -> Value {
    json!({"name": name, "email": email, "language": language, "interpreter": interpreter, "party_size": party_size, "consent": true})
}

async fn a_participant_downloads_their_data_and_erases_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body(10, 1)).await;
    let seated = app
        .registered(
            &event,
            &person("Oksana Koval", "oksana@example.org", "uk", "uk", 1),
        )
        .await;
    let waiting = app
        .registered(
            &event,
            &person("Reza Ahmadi", "reza@example.org", "fa", "", 1),
        )
        .await;
    let link = app.token_for(seated["id"].as_i64().unwrap()).await;

    let download = app.get(&format!("/r/{link}/data")).send().await.unwrap();
    assert_eq!(download.status(), 200);
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: Value = download.json().await.unwrap();
    assert_eq!(data["registration"]["name"], "Oksana Koval");
    assert_eq!(data["registration"]["email"], "oksana@example.org");
    assert_eq!(data["registration"]["interpreter"], "uk");
    assert_eq!(data["event"]["title"], "Infotag Teilqualifizierung");
    assert_eq!(data["messages"][0]["kind"], "confirmation");

    let erased = no_redirects()
        .post(app.url(&format!("/r/{link}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), 303);
    assert_eq!(erased.headers()["location"], "/erased?lang=uk");

    let row = app.registration(id_of(&seated)).await;
    assert_eq!(
        (
            row.name.as_str(),
            row.email.as_deref(),
            row.phone.as_deref(),
            row.needs.as_str()
        ),
        ("", None, None, "")
    );
    assert_eq!(
        (row.status.as_str(), row.cancel_reason.as_deref()),
        ("cancelled", Some("erased"))
    );
    assert_eq!(
        manage_token::Entity::find()
            .filter(manage_token::Column::RegistrationId.eq(row.id))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        outbox::Entity::find()
            .filter(outbox::Column::RegistrationId.eq(row.id))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        app.get(&format!("/r/{link}"))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "the link is gone"
    );
    let promoted = app.registration(id_of(&waiting)).await;
    assert_eq!(
        promoted.status, "confirmed",
        "the freed seat went to the waiting list"
    );
    let page = app
        .get("/erased?lang=uk")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"lang="uk""#));
    app.deliver_due_mail().await;
}
both!(a_participant_downloads_their_data_and_erases_it);

async fn the_retention_purge_deletes_personal_data_and_keeps_the_figures(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let old = app.published_event(&token, &event_body(3, 10)).await;
    let recent = app.published_event(&token, &event_body(4, 10)).await;
    let came = app
        .registered(
            &old,
            &person("Ahmad Karimi", "ahmad@example.org", "fa", "prs", 3),
        )
        .await;
    app.registered(
        &old,
        &person("Maria Popescu", "maria@example.org", "de", "", 1),
    )
    .await;
    app.registered(
        &old,
        &person("Hüseyin Demir", "huseyin@example.org", "tr", "tr", 2),
    )
    .await;
    app.registered(
        &recent,
        &person("Lena Schmidt", "lena@example.org", "de", "", 1),
    )
    .await;
    registration::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id_of(&came)),
        checked_in_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    let old_id = id_of(&old);
    let old_row = event::Entity::find_by_id(old_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let before = treffpunkt::figures::of_event(&app.db, &old_row)
        .await
        .unwrap();
    let jobs = &app.jobs;

    // 30 days after the end of the first event, but not yet of the second.
    jobs.tick_at(old_row.ends_at + Duration::days(30) + Duration::hours(2))
        .await
        .unwrap();

    assert_eq!(
        registration::Entity::find()
            .filter(registration::Column::EventId.eq(old_id))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        1,
        "the later event keeps its registration"
    );
    assert_eq!(
        outbox::Entity::find()
            .filter(outbox::Column::EventId.eq(old_id))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        manage_token::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    let purged = event::Entity::find_by_id(old_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(purged.purged_at.is_some());
    let after = treffpunkt::figures::of_event(&app.db, &purged)
        .await
        .unwrap();
    assert_eq!(after, before);
    assert_eq!(
        (
            after.total.registrations,
            after.total.people,
            after.total.attended_people,
            after.total.no_shows()
        ),
        (3, 6, 3, 2)
    );
    assert_eq!(after.by_interpreter["prs"].people, 3);
    assert_eq!(after.by_language["tr"].registrations, 1);
    assert!(event_figure::Entity::find().count(&app.db).await.unwrap() >= 5);

    jobs.tick_at(old_row.ends_at + Duration::days(31))
        .await
        .unwrap();
    assert_eq!(
        treffpunkt::figures::of_event(&app.db, &purged)
            .await
            .unwrap(),
        before,
        "purging twice changes nothing"
    );
}
both!(the_retention_purge_deletes_personal_data_and_keeps_the_figures);

async fn public_posts_are_limited_per_address_with_a_page_in_the_visitors_language(
    backend: Backend,
) {
    let app = TestApp::spawn_with(backend, |c| c.limits.public_per_minute = 3).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body(10, 100)).await;
    let slug = event["slug"].as_str().unwrap();

    let mut statuses = Vec::new();
    for n in 0..3 {
        let response = no_redirects()
            .post(app.url(&format!("/events/{slug}/register")))
            .form(&[
                ("name", "Jemand"),
                ("email", &format!("p{n}@example.org") as &str),
                ("consent", "on"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(
        statuses,
        [303, 303, 303],
        "a normal visitor is never limited"
    );
    let limited = app
        .post(&format!("/events/{slug}/register"))
        .header("cookie", "lang=tr")
        .form(&[
            ("name", "Jemand"),
            ("email", "p9@example.org"),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "60");
    let page = limited.text().await.unwrap();
    assert!(
        page.contains(r#"lang="tr""#) && page.contains("dakika"),
        "{page}"
    );
    let (api, body) = json(
        app.post(&format!("/api/v1/events/{}/registrations", event["id"]))
            .json(&person("X", "x@example.org", "de", "", 1))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (api, body["error"]["code"].as_str()),
        (429, Some("rate_limited"))
    );
    assert_eq!(
        app.get(&format!("/events/{slug}"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "reading is not limited"
    );
    let staff = app
        .post("/api/v1/events")
        .bearer_auth(&token)
        .json(&event_body(11, 5))
        .send()
        .await
        .unwrap();
    assert_eq!(staff.status(), 201, "staff API calls are not public posts");
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        3
    );
    app.deliver_due_mail().await;
}
both!(public_posts_are_limited_per_address_with_a_page_in_the_visitors_language);

async fn a_filled_honeypot_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body(10, 10)).await;

    let response = no_redirects()
        .post(app.url(&format!(
            "/events/{}/register",
            event["slug"].as_str().unwrap()
        )))
        .form(&[
            ("name", "Bot"),
            ("email", "bot@example.org"),
            ("consent", "on"),
            ("website", "https://spam.example"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 303, "answered as if it worked");
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
}
both!(a_filled_honeypot_stores_nothing);

async fn every_response_carries_the_security_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let https = TestApp::spawn_with(backend, |c| {
        c.server.public_url = "https://termine.example.org".into();
    })
    .await;

    for path in [
        "/events",
        "/api/v1/events",
        "/privacy",
        "/nothing",
        "/calendar.ics",
    ] {
        let response = app.get(path).send().await.unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(headers.contains_key("referrer-policy"), "{path}");
        assert!(
            !headers.contains_key("strict-transport-security"),
            "no HSTS over plain http"
        );
    }
    let secure = https.get("/events").send().await.unwrap();
    assert!(
        secure.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
}
both!(every_response_carries_the_security_headers);

#[tokio::test]
async fn the_privacy_notice_is_linked_from_the_form_in_every_language() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body(10, 10)).await;
    let form = app
        .get(&format!("/events/{}", event["slug"].as_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains(r#"href="/privacy""#));
    let mut texts = std::collections::BTreeSet::new();
    for lang in ["de", "en", "ar", "uk", "ru", "tr", "fa"] {
        let page = app
            .get(&format!("/privacy?lang={lang}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!(r#"lang="{lang}""#))
                && page.contains(if lang == "fa" { "۳۰" } else { "30" }),
            "{lang}"
        );
        texts.insert(page);
    }
    assert_eq!(texts.len(), 7, "seven different texts");
}

/// Collects everything logged on this test's thread.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Self;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// A whole participant journey with every log line at the most verbose level: no name, no
/// address, no phone number, no manage token may appear.
#[tokio::test(flavor = "current_thread")]
async fn no_personal_data_reaches_the_logs() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = TestApp::spawn(backend).await;
        let token = app.staff_token().await;
        let mut body = event_body(10, 1);
        body["double_opt_in"] = json!(true);
        let event = app.published_event(&token, &body).await;
        let slug = event["slug"].as_str().unwrap();
        let client = no_redirects();
        for (name, email) in [
            ("Zeynep Yıldırım-Logprobe", "zeynep.logprobe@example.org"),
            ("Dmytro Logprobe", "dmytro.logprobe@example.org"),
        ] {
            let response = client
                .post(app.url(&format!("/events/{slug}/register")))
                .form(&[
                    ("name", name),
                    ("email", email),
                    ("phone", "+49 201 5550199"),
                    ("needs", "Rollstuhl-Logprobe"),
                    ("consent", "on"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 303);
        }
        let again = client
            .post(app.url(&format!("/events/{slug}/register")))
            .form(&[
                ("name", "Zeynep Yıldırım-Logprobe"),
                ("email", "zeynep.logprobe@example.org"),
                ("consent", "on"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 303);
        let bad = client
            .post(app.url(&format!("/events/{slug}/register")))
            .form(&[("name", "Logprobe Fehler"), ("email", "kaputt-logprobe@")])
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 422);
        let first = registration::Entity::find()
            .order_by_asc(registration::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let link = app.token_for(first.id).await;
        for path in ["confirm", "cancel"] {
            client
                .post(app.url(&format!("/r/{link}/{path}")))
                .send()
                .await
                .unwrap();
        }
        app.get(&format!("/r/{link}")).send().await.unwrap();
        app.get(&format!("/r/{link}/data")).send().await.unwrap();
        client
            .post(app.url(&format!("/r/{link}/erase")))
            .send()
            .await
            .unwrap();
        app.jobs
            .tick_at(Utc::now() + Duration::days(60))
            .await
            .unwrap();
        assert!(!captured.0.lock().unwrap().is_empty());
        let logs = String::from_utf8_lossy(&captured.0.lock().unwrap()).to_lowercase();
        assert!(logs.contains("registered"), "the flow was logged");
        for secret in ["logprobe", "yıldırım", "5550199", &link] {
            assert!(
                !logs.contains(&secret.to_lowercase()),
                "{secret} appears in the logs"
            );
        }
    }
}

/// The data export reports the consent time as stored, not the time the row was written.
async fn the_data_export_reports_the_stored_consent_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app
        .published_event(
            &token,
            &json!({"kind": "info_day", "title": "Infotag", "starts_at": "2030-03-12T10:00",
                    "ends_at": "2030-03-12T14:00", "venue": {"name": "Haus", "city": "Bonn"}}),
        )
        .await;
    let registered = app
        .registered(
            &event,
            &person("Amal Haddad", "amal@example.org", "ar", "ar", 1),
        )
        .await;
    let id = i32::try_from(registered["id"].as_i64().unwrap()).unwrap();
    let consent: chrono::DateTime<Utc> = "2029-06-01T08:30:00Z".parse().unwrap();
    let mut row: registration::ActiveModel = registration::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.consent_at = sea_orm::ActiveValue::Set(consent);
    sea_orm::ActiveModelTrait::update(row, &app.db)
        .await
        .unwrap();
    let reg = treffpunkt::registrations::get(&app.db, id).await.unwrap();
    let tz = app.config.office.timezone;
    let export = treffpunkt::registrations::export(&app.db, &reg, tz)
        .await
        .unwrap();
    assert_eq!(
        export["registration"]["consent_given_at"],
        treffpunkt::local_time::format(consent, tz)
    );
    assert_ne!(
        export["registration"]["consent_given_at"],
        export["registration"]["registered_at"]
    );
    app.deliver_due_mail().await;
}
both!(the_data_export_reports_the_stored_consent_time);
