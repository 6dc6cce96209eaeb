//! The attendance kept as proof for the funder: after the purge only name, event, date and
//! time of check-in remain of the people who came, the participant can still download and
//! erase it through their link, and it is deleted when its years are over.

use chrono::{DateTime, Duration, Months, Utc};
use reqwest::StatusCode;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Statement,
};
use serde_json::{Value, json};
use treffpunkt::entities::{attendance_proof, audit_log, event, outbox, registration};
use treffpunkt::i18n::{self, Lang};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::{Backend, TestApp, id_of, no_redirects};

fn event_body() -> Value {
    let day = (Utc::now() + Duration::days(3)).format("%Y-%m-%d");
    json!({
        "kind": "info_day",
        "title": "Infotag Anerkennung",
        "starts_at": format!("{day}T10:00"),
        "ends_at": format!("{day}T13:00"),
        "venue": {"name": "Rathaus", "city": "Augsburg"},
        "capacity": 10,
        "double_opt_in": false,
    })
}

/// Everyone registered with all the personal data a registration can hold.
async fn register(app: &TestApp, event: &Value, name: &str, email: &str, language: &str) -> i32 {
    id_of(
        &app.registered(
            event,
            &json!({"name": name, "email": email, "phone": "+49 170 5550123",
                "language": language, "interpreter": language, "needs": "Rollstuhl",
                "party_size": 2, "consent": true}),
        )
        .await,
    )
}

async fn stored_event(app: &TestApp, id: i32) -> event::Model {
    event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The columns of the table, as the database has them.
async fn columns(app: &TestApp) -> Vec<String> {
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT * FROM attendance_proof ORDER BY id",
        ))
        .await
        .unwrap()
        .expect("a kept record");
    let mut names = row.column_names();
    names.sort();
    names
}

async fn the_purge_keeps_exactly_name_event_date_and_check_in_until_its_years_are_over(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let body = event_body();
    let event = app.published_event(&token, &body).await;
    let event_id = id_of(&event);
    let came = register(&app, &event, "Ahmad Karimi", "ahmad@example.org", "fa").await;
    let _stayed_away = register(&app, &event, "Maria Popescu", "maria@example.org", "de").await;
    let also_came = register(&app, &event, "Оксана Коваль", "oksana@example.org", "uk").await;
    let link = app.token_for(came).await;
    let staff = app.signed_in(Role::Staff).await;
    for id in [came, also_came] {
        let response = staff
            .post(app.url(&format!("/staff/registrations/{id}/checkin")))
            .form(&[("present", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let came_at = app.registration(came).await.checked_in_at.unwrap();
    app.deliver_due_mail().await;
    let row = stored_event(&app, event_id).await;

    // The day before the purge nothing is kept yet.
    app.jobs
        .tick_at(row.ends_at + Duration::days(29))
        .await
        .unwrap();
    assert_eq!(
        attendance_proof::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let purge_at = row.ends_at + Duration::days(30) + Duration::hours(1);
    app.jobs.tick_at(purge_at).await.unwrap();
    assert_eq!(
        registration::Entity::find()
            .filter(registration::Column::EventId.eq(event_id))
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "the registrations are gone"
    );
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
    let kept = attendance_proof::Entity::find()
        .order_by_asc(attendance_proof::Column::Name)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 2, "only the people who came");
    let karimi = &kept[0];
    assert_eq!(
        (
            karimi.event_id,
            karimi.name.as_str(),
            karimi.event_title.as_str(),
            karimi.event_starts_at,
            karimi.checked_in_at
        ),
        (
            event_id,
            "Ahmad Karimi",
            "Infotag Anerkennung",
            row.starts_at,
            came_at
        )
    );
    assert_eq!(kept[1].name, "Оксана Коваль");
    assert!(!kept.iter().any(|k| k.name == "Maria Popescu"));
    // Exactly these columns: nothing about email, phone, needs, languages or party size.
    assert_eq!(
        columns(&app).await,
        [
            "checked_in_at",
            "event_id",
            "event_starts_at",
            "event_title",
            "id",
            "name",
            "token_hash"
        ]
    );
    let backend_name = app.db.get_database_backend();
    for value in ["ahmad@example.org", "+49 170 5550123", "Rollstuhl"] {
        for table in [
            "attendance_proof",
            "registration",
            "outbox",
            "audit_log",
            "event_figure",
        ] {
            let found = app
                .db
                .query_all_raw(Statement::from_string(
                    backend_name,
                    format!("SELECT * FROM {table}"),
                ))
                .await
                .unwrap()
                .iter()
                .any(|r| {
                    r.column_names().iter().any(|c| {
                        r.try_get::<Option<String>>("", c)
                            .ok()
                            .flatten()
                            .is_some_and(|v| v.contains(value))
                    })
                });
            assert!(!found, "{value} is still in {table}");
        }
    }

    // The certificates can still be made from what was kept, in German (by a new sign-in: the
    // clock has moved past every session).
    let staff = app.signed_in(Role::Staff).await;
    let certificates = staff
        .get(app.url(&format!("/staff/events/{event_id}/certificates.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(certificates.status(), StatusCode::OK);
    let pages = crate::support::pdf::pages(&certificates.bytes().await.unwrap(), false);
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("Ahmad Karimi") && pages[1].contains("Оксана Коваль"));

    // The participant's link reaches the kept record: its page, download, then erase.
    let page = app.get(&format!("/r/{link}?lang=fa")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let page = page.text().await.unwrap();
    assert!(page.contains("Ahmad Karimi") && page.contains("Infotag Anerkennung"));
    assert!(!page.contains("Оксана"), "only their own");
    assert!(page.contains(&format!("action=\"/r/{link}/erase\"")));
    assert!(page.contains(&i18n::text(Lang::Fa, "kept-heading", &[])));
    let data = app.get(&format!("/r/{link}/data")).send().await.unwrap();
    assert_eq!(data.status(), StatusCode::OK);
    let data: Value = data.json().await.unwrap();
    let record = &data["attendance_proof"][0];
    let mut keys: Vec<&String> = record.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "checked_in_at",
            "event_id",
            "event_starts_at",
            "event_title",
            "id",
            "kept_until",
            "name"
        ]
    );
    assert_eq!(record["name"], "Ahmad Karimi");
    let kept_until = DateTime::parse_from_rfc3339(record["kept_until"].as_str().unwrap())
        .unwrap()
        .to_utc();
    assert_eq!(
        Some(kept_until),
        row.starts_at.checked_add_months(Months::new(60))
    );
    assert_eq!(
        data["attendance_proof"].as_array().unwrap().len(),
        1,
        "only their own"
    );

    // Five years after the event, less a day: still kept.
    let five_years = row.starts_at.checked_add_months(Months::new(60)).unwrap();
    app.jobs
        .tick_at(five_years - Duration::days(1))
        .await
        .unwrap();
    assert_eq!(
        attendance_proof::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );

    let erased = no_redirects()
        .post(app.url(&format!("/r/{link}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        attendance_proof::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app.get(&format!("/r/{link}/data"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/r/{link}"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND,
        "nothing left behind the link"
    );
    let erasure = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("attendance_proof_erased"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the erasure is audited");
    assert_eq!(
        (erasure.actor.as_str(), erasure.event_id),
        ("participant", Some(event_id))
    );

    // Past its years the rest goes too; the anonymous figures stay.
    app.jobs
        .tick_at(five_years + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(
        attendance_proof::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let figures = treffpunkt::figures::of_event(&app.db, &stored_event(&app, event_id).await)
        .await
        .unwrap();
    assert_eq!(
        (
            figures.total.registrations,
            figures.total.attended_registrations
        ),
        (3, 2)
    );
}
both!(the_purge_keeps_exactly_name_event_date_and_check_in_until_its_years_are_over);

async fn with_no_years_nothing_is_kept(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.privacy.attendance_proof_years = 0).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body()).await;
    let id = register(&app, &event, "Lena Schmidt", "lena@example.org", "de").await;
    treffpunkt::registrations::check_in(
        &app.db,
        id,
        true,
        treffpunkt::staff::audit::Actor::System,
        Utc::now(),
    )
    .await
    .unwrap();
    app.deliver_due_mail().await;
    let row = stored_event(&app, id_of(&event)).await;
    app.jobs
        .tick_at(row.ends_at + Duration::days(31))
        .await
        .unwrap();
    assert!(stored_event(&app, row.id).await.purged_at.is_some());
    assert_eq!(
        attendance_proof::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let page = app
        .get("/privacy?lang=de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&i18n::text(Lang::De, "privacy-proof-none", &[])));
}
both!(with_no_years_nothing_is_kept);

/// The privacy page says what is kept, and for how long, in every language.
#[tokio::test]
async fn the_privacy_page_tells_of_the_kept_attendance_in_every_language() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for lang in Lang::ALL {
        let page = app
            .get(&format!("/privacy?lang={}", lang.code()))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let text = i18n::text(
            lang,
            "privacy-proof",
            &[(
                "years",
                fluent_templates::fluent_bundle::FluentValue::from(5_i64),
            )],
        );
        assert_ne!(text, "privacy-proof", "{lang}");
        let start: String = text.chars().take(30).collect();
        assert!(page.contains(&start), "{lang}: {start}");
        assert!(
            page.contains(if lang == Lang::Fa { '۵' } else { '5' }),
            "{lang}"
        );
    }
}

async fn certificates_go_out_by_mail_after_the_event_when_switched_on(backend: Backend) {
    use mail_parser::MimeHeaders;
    let smtp = crate::support::smtp::SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body()).await;
    let event_id = id_of(&event);
    let persian = register(&app, &event, "زهرا رضایی", "zahra@example.org", "fa").await;
    let german = register(&app, &event, "Lena Schmidt", "lena@example.org", "de").await;
    register(&app, &event, "Maria Popescu", "maria@example.org", "de").await;
    let staff = app.signed_in(Role::Staff).await;
    let switched = staff
        .post(app.url(&format!("/staff/events/{event_id}/certificate-mail")))
        .form(&[("on", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    let page = staff
        .get(app.url(&format!("/staff/events/{event_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&i18n::text(Lang::De, "staff-certificate-mail-is-on", &[])));
    for id in [persian, german] {
        let response = staff
            .post(app.url(&format!("/staff/registrations/{id}/checkin")))
            .form(&[("present", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    app.deliver_due_mail().await;
    assert_eq!(smtp.wait_for(3).await.len(), 3, "the confirmations");
    let row = stored_event(&app, event_id).await;

    app.jobs
        .tick_at(row.ends_at - Duration::minutes(5))
        .await
        .unwrap();
    let certificates_queued = || async {
        outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("certificate"))
            .count(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(certificates_queued().await, 0, "not before the end");

    app.jobs
        .tick_at(row.ends_at + Duration::hours(1))
        .await
        .unwrap();
    let received = smtp.wait_for(5).await;
    assert_eq!(received.len(), 5, "one certificate for each who came");
    app.jobs
        .tick_at(row.ends_at + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(certificates_queued().await, 2, "once each");
    assert_eq!(smtp.received().len(), 5);

    let to_zahra = received
        .iter()
        .map(crate::support::smtp::Received::parsed)
        .find(|m| {
            m.to()
                .and_then(|to| to.first())
                .and_then(|a| a.address())
                .is_some_and(|a| a == "zahra@example.org")
                && m.subject().is_some_and(|s| s.starts_with("گواهی شرکت شما"))
        })
        .expect("Zahra's certificate, in Persian");
    let pdf = to_zahra
        .attachments()
        .find(|a| a.attachment_name() == Some("certificate.pdf"))
        .expect("the certificate attached");
    let content_type = pdf.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("application", Some("pdf"))
    );
    let pages = crate::support::pdf::pages(pdf.contents(), false);
    assert_eq!(pages.len(), 2, "in Persian and in German");
    assert!(pages[0].contains("گواهی شرکت") && pages[0].contains("زهرا رضایی"));
    assert!(pages[1].contains("Teilnahmebescheinigung"));
    assert!(
        !received
            .iter()
            .any(|m| m.to.iter().any(|to| to.contains("maria@example.org"))
                && m.parsed().attachments().count() > 1),
        "nobody who did not come"
    );
    let system = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("certificates_mailed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(system.len(), 1);
    assert_eq!(system[0].actor, "system");
    assert!(
        app.audit_actions()
            .await
            .contains(&"certificate_mail_on".to_owned())
    );
}
both!(certificates_go_out_by_mail_after_the_event_when_switched_on);
