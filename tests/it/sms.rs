//! SMS: what arrives at a real SMPP centre, that nothing is lost or doubled through outages,
//! refusals and several instances, registrations with a phone number only, and "STOP".

use std::collections::HashSet;

use chrono::{Duration, Utc};
use chrono_tz::Europe::Berlin;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use treffpunkt::sms::segments::{self, Coding};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::smsc::{Sms, Smsc};
use crate::support::{Backend, TestApp, id_of, info_day, merged, no_redirects};

/// A German mobile number, `n` from 0 to 99, as typed and in E.164.
fn mobile(n: usize) -> (String, String) {
    (format!("0151 234567{n:02}"), format!("+49151234567{n:02}"))
}

/// Registers through the public form with a phone number and "remind me by SMS".
async fn register_with_sms(app: &TestApp, slug: &str, n: usize, lang: &str) {
    let (typed, _) = mobile(n);
    let response = no_redirects()
        .post(app.url(&format!("/events/{slug}/register")))
        .form(&[
            ("name", format!("Teilnehmerin {n}").as_str()),
            ("email", format!("person{n}@example.org").as_str()),
            ("phone", typed.as_str()),
            ("sms_reminders", "on"),
            ("party_size", "1"),
            ("language", lang),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
}

/// The short manage link in a text.
fn short_link(text: &str) -> String {
    let start = text.find("http://").expect("a link in the SMS");
    text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches('.')
        .to_owned()
}

fn assert_counted(sms: &Sms) {
    assert_eq!(
        (sms.coding, sms.segments),
        segments::count(&sms.text),
        "segments as counted: {}",
        sms.text
    );
}

async fn an_arabic_registration_gets_its_confirmation_and_reminder_by_sms(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app
        .published(&merged(info_day(), &json!({"reminders": ["1d"]})))
        .await;
    let slug = event["slug"].as_str().unwrap();

    register_with_sms(&app, slug, 7, "ar").await;
    let stored = app.registration(1).await;
    assert_eq!(stored.phone.as_deref(), Some("+4915123456707"));
    assert!(stored.sms_opt_in);
    app.deliver_due_mail().await;
    let report = app.deliver_due_sms().await;
    assert_eq!(report.sent, 1);

    let sent = smsc.messages();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let confirmation = &sent[0];
    assert_eq!(confirmation.to, "+4915123456707");
    assert_eq!(confirmation.coding, Coding::Ucs2);
    assert_counted(confirmation);
    assert!(
        confirmation.text.contains("تم تسجيلك"),
        "{}",
        confirmation.text
    );
    assert!(
        confirmation.text.contains("Infotag Ausbildung"),
        "{}",
        confirmation.text
    );
    assert_eq!(report.segments, confirmation.segments);
    assert!(
        smsc.segments().iter().all(|s| s.source == "Treffpunkt"),
        "sent as sms.sender"
    );

    // The short link opens the manage page, in the registration's language.
    let link = short_link(&confirmation.text);
    assert!(link.starts_with(&app.url("/m/")), "{link}");
    let page = no_redirects().get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Infotag Ausbildung"));
    assert!(html.contains("lang=\"ar\""));

    // A day before the start, by the tests' clock, the reminder goes by SMS too.
    let starts_at =
        treffpunkt::local_time::parse(event["starts_at"].as_str().unwrap(), Berlin).unwrap();
    let tick = app
        .jobs
        .tick_at(starts_at - Duration::days(1) + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(tick.reminders, 1);
    assert_eq!(tick.sms.sent, 1);
    let sent = smsc.messages();
    assert_eq!(sent.len(), 2, "{sent:?}");
    let reminder = &sent[1];
    assert_eq!(reminder.coding, Coding::Ucs2);
    assert_counted(reminder);
    assert!(reminder.text.starts_with("تذكير"), "{}", reminder.text);
    assert_ne!(reminder.reference, confirmation.reference);
    let page = no_redirects()
        .get(short_link(&reminder.text))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);

    // Staff see who chose SMS; /metrics counts what it cost.
    let staff = app.signed_in(Role::Staff).await;
    let html = staff
        .get(app.url(&format!("/staff/events/{}", id_of(&event))))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"sms-chosen\">1<"), "{html}");
    let metrics = app
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("sms_sent_total 2\n"), "{metrics}");
    assert!(metrics.contains("sms_failed_total 0\n"), "{metrics}");
    let segments = confirmation.segments + reminder.segments;
    assert!(
        metrics.contains(&format!("sms_segments_total {segments}\n")),
        "{metrics}"
    );
}

async fn an_smsc_that_is_down_refuses_throttles_and_drops_loses_and_doubles_nothing(
    backend: Backend,
) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app.published(&info_day()).await;
    let slug = event["slug"].as_str().unwrap();
    for n in 0..3 {
        register_with_sms(&app, slug, n, "de").await;
    }
    app.deliver_due_mail().await;
    let now = Utc::now();

    smsc.down();
    let report = app.jobs.drain_sms_at(now).await.unwrap();
    assert_eq!((report.sent, report.retried), (0, 3), "{report:?}");

    smsc.up().await;
    smsc.refuse_binds(true);
    let report = app
        .jobs
        .drain_sms_at(now + Duration::minutes(2))
        .await
        .unwrap();
    assert_eq!((report.sent, report.retried), (0, 3), "{report:?}");
    assert_eq!(smsc.binds(), 0);

    // Bound again: the first submit loses its connection unanswered, the next is throttled.
    smsc.refuse_binds(false);
    smsc.drop_on_submit(1);
    smsc.throttle(1);
    let report = app
        .jobs
        .drain_sms_at(now + Duration::minutes(10))
        .await
        .unwrap();
    assert_eq!((report.sent, report.retried), (1, 2), "{report:?}");
    assert_eq!(smsc.binds(), 2, "bound again after the dropped connection");

    let report = app
        .jobs
        .drain_sms_at(now + Duration::minutes(30))
        .await
        .unwrap();
    assert_eq!(
        (report.sent, report.retried, report.failed),
        (2, 0, 0),
        "{report:?}"
    );

    let sent = smsc.messages();
    let to: HashSet<&str> = sent.iter().map(|m| m.to.as_str()).collect();
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert_eq!(to.len(), 3, "each once: {sent:?}");
    for m in &sent {
        assert_eq!(m.coding, Coding::Gsm7);
        assert!(
            m.text.starts_with("Angemeldet: Infotag Ausbildung"),
            "{}",
            m.text
        );
    }
}

async fn two_instances_on_one_database_send_each_sms_once(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let other = app.another_instance().await;
    let event = app
        .published(&merged(info_day(), &json!({"capacity": 40})))
        .await;
    let slug = event["slug"].as_str().unwrap();
    for n in 0..24 {
        register_with_sms(&app, slug, n, if n % 2 == 0 { "uk" } else { "tr" }).await;
    }
    app.deliver_due_mail().await;

    let now = Utc::now();
    let (a, b) = tokio::join!(app.jobs.drain_sms_at(now), other.jobs.drain_sms_at(now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 24, "{a:?} {b:?}");
    assert_eq!(a.lost + b.lost + a.retried + b.retried, 0, "{a:?} {b:?}");

    let sent = smsc.messages();
    assert_eq!(sent.len(), 24);
    let to: HashSet<&str> = sent.iter().map(|m| m.to.as_str()).collect();
    let references: HashSet<Option<u16>> = sent.iter().map(|m| m.reference).collect();
    assert_eq!((to.len(), references.len()), (24, 24), "each SMS once");
    for m in &sent {
        assert_eq!(m.coding, Coding::Ucs2);
        assert_counted(m);
    }
}

/// A phone-only registration through the form: the result page's address, which carries the
/// attempt, and the code the SMS centre received.
async fn register_by_phone(app: &TestApp, smsc: &Smsc, slug: &str, n: usize) -> (String, String) {
    let (typed, e164) = mobile(n);
    let response = no_redirects()
        .post(app.url(&format!("/events/{slug}/register")))
        .form(&[
            ("name", "Yusuf"),
            ("email", ""),
            ("phone", typed.as_str()),
            ("language", "tr"),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("/events/{slug}/registered?result=code&attempt=")),
        "{location}"
    );
    app.deliver_due_sms().await;
    let sms = smsc
        .messages()
        .into_iter()
        .rev()
        .find(|m| m.to == e164)
        .expect("the code by SMS");
    let code: String = sms.text.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(code.len(), 6, "{}", sms.text);
    (location, code)
}

async fn post_code(app: &TestApp, slug: &str, location: &str, code: &str) -> reqwest::Response {
    let attempt = location.rsplit_once("attempt=").unwrap().1;
    no_redirects()
        .post(app.url(&format!("/events/{slug}/code")))
        .form(&[("attempt", attempt), ("code", code)])
        .send()
        .await
        .unwrap()
}

fn phone_event() -> Value {
    merged(
        info_day(),
        &json!({"phone_registration": true, "double_opt_in": true}),
    )
}

async fn a_registration_with_a_phone_number_only_is_confirmed_by_its_code(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app.published(&phone_event()).await;
    assert_eq!(event["phone_registration"], true);
    let slug = event["slug"].as_str().unwrap();

    let (location, code) = register_by_phone(&app, &smsc, slug, 1).await;
    let reg = app.registration(1).await;
    assert_eq!(
        (reg.status.as_str(), reg.email.as_deref()),
        ("pending", None)
    );
    assert!(!reg.sms_opt_in, "SMS only once the number is proven");
    let (_, seats) = crate::support::app::json(
        app.get(&format!("/api/v1/events/{}", id_of(&event)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(seats["seats_taken"], 1, "the seat is held");

    let page = app.get(&location).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("name=\"code\""));

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let response = post_code(&app, slug, &location, wrong).await;
    assert_eq!(response.status(), 422);
    let response = post_code(&app, slug, &location, &code).await;
    assert_eq!(response.status(), 303);
    let manage = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(manage.ends_with("?done=confirmed"), "{manage}");
    let reg = app.registration(1).await;
    assert_eq!(reg.status, "confirmed");
    assert!(reg.sms_opt_in);
    assert_eq!(app.get(&manage).send().await.unwrap().status(), 200);

    // The confirmation follows by SMS; no mail, there is no address.
    assert_eq!(app.deliver_due_mail().await.sent, 0);
    app.deliver_due_sms().await;
    let last = smsc.messages().pop().unwrap();
    assert!(last.text.starts_with("Kaydınız alındı"), "{}", last.text);
    // The code is used up.
    assert_eq!(post_code(&app, slug, &location, &code).await.status(), 404);
}

async fn five_wrong_codes_end_a_registration_with_a_phone_number_only(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app.published(&phone_event()).await;
    let slug = event["slug"].as_str().unwrap();
    let (location, code) = register_by_phone(&app, &smsc, slug, 2).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };

    for left in (1..=4).rev() {
        let response = post_code(&app, slug, &location, wrong).await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!("noch {left} Versuche")),
            "{left}: {html}"
        );
    }
    let response = post_code(&app, slug, &location, wrong).await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("zu oft falsch"));
    let reg = app.registration(1).await;
    assert_eq!(reg.status, "cancelled");
    assert_eq!(reg.phone_code_hash, None);
    let (_, seats) = crate::support::app::json(
        app.get(&format!("/api/v1/events/{}", id_of(&event)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(seats["seats_taken"], 0, "the seat is free again");
    // Even the right code no longer helps.
    assert_eq!(post_code(&app, slug, &location, &code).await.status(), 404);
    app.deliver_due_sms().await;
}

async fn codes_to_one_number_are_limited(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app.published(&phone_event()).await;
    let body = json!({"name": "Yusuf", "phone": "+49 151 23456703", "consent": true});
    for _ in 0..3 {
        let created = app.registered(&event, &body).await;
        assert_eq!(created["status"], "pending");
    }
    let (status, answer) = app.register(&event, &body).await;
    assert_eq!(status, 429, "{answer}");
    // Without a phone number an address is still needed.
    let (status, answer) = app
        .register(&event, &json!({"name": "Yusuf", "consent": true}))
        .await;
    assert_eq!(
        (status, answer["error"]["fields"]["email"].is_string()),
        (422, true)
    );
    assert_eq!(app.deliver_due_sms().await.sent, 3);
}

async fn a_stop_reply_turns_sms_off(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app.published(&info_day()).await;
    register_with_sms(&app, event["slug"].as_str().unwrap(), 4, "ru").await;
    app.deliver_due_mail().await;
    app.deliver_due_sms().await;
    assert_eq!(smsc.messages().len(), 1);

    smsc.reply_from(&mobile(4).1, "Stop");
    let report = app.deliver_due_sms().await;
    assert_eq!(smsc.replies_waiting(), 0);
    assert_eq!(report.stopped, 1);
    assert!(!app.registration(1).await.sms_opt_in);

    // A change of the event now goes by mail only.
    let token = app.staff_token().await;
    let day = (Utc::now() + Duration::days(22)).format("%Y-%m-%d");
    let response = app
        .patch(&format!("/api/v1/events/{}", id_of(&event)))
        .bearer_auth(&token)
        .json(&json!({"starts_at": format!("{day}T18:00"), "ends_at": format!("{day}T20:00")}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(app.deliver_due_mail().await.sent, 1);
    assert_eq!(app.deliver_due_sms().await.sent, 0);
    assert_eq!(smsc.messages().len(), 1);
}

async fn without_an_smsc_sms_are_written_to_files(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    register_with_sms(&app, event["slug"].as_str().unwrap(), 5, "fa").await;
    app.deliver_due_mail().await;
    assert_eq!(app.deliver_due_sms().await.sent, 1);
    let files: Vec<_> = std::fs::read_dir(&app.config.sms.file_dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(files.len(), 1);
    assert!(files[0].contains("To: +4915123456705"), "{}", files[0]);
    assert!(files[0].contains("Coding: Ucs2"), "{}", files[0]);
    assert!(files[0].contains("ثبت‌نام شد"), "{}", files[0]);
}

async fn the_phone_number_and_its_sms_are_in_the_export_and_go_with_an_erasure(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app.published(&info_day()).await;
    register_with_sms(&app, event["slug"].as_str().unwrap(), 6, "en").await;
    app.deliver_due_mail().await;
    app.deliver_due_sms().await;
    let link = short_link(&smsc.messages()[0].text);
    let token = link.rsplit('/').next().unwrap();

    let (status, data) =
        crate::support::app::json(app.get(&format!("/r/{token}/data")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(data["registration"]["phone"], "+4915123456706");
    assert_eq!(data["registration"]["sms_reminders"], true);
    let channels: Vec<&str> = data["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["channel"].as_str().unwrap())
        .collect();
    assert!(
        channels.contains(&"sms") && channels.contains(&"mail"),
        "{channels:?}"
    );

    let response = no_redirects()
        .post(app.url(&format!("/r/{token}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let reg = app.registration(1).await;
    assert_eq!((reg.phone, reg.sms_opt_in), (None, false));
    let left = treffpunkt::entities::outbox::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(left.is_empty(), "no message about the person is kept");
}

async fn a_hold_that_runs_out_sends_no_sms_to_a_number_never_confirmed(backend: Backend) {
    let smsc = Smsc::start().await;
    let app = TestApp::spawn_with_smsc(backend, &smsc, |_| {}).await;
    let event = app
        .published(&merged(info_day(), &json!({"double_opt_in": true})))
        .await;
    register_with_sms(&app, event["slug"].as_str().unwrap(), 8, "de").await;
    let tick = app
        .jobs
        .tick_at(Utc::now() + Duration::hours(25))
        .await
        .unwrap();
    assert_eq!(tick.expired, 1);
    assert_eq!(
        (tick.mail.sent, tick.mail.skipped),
        (1, 1),
        "by mail the end of the hold; the confirm request is passed over"
    );
    assert_eq!(tick.sms.sent, 0);
    assert!(smsc.messages().is_empty());
    // Listed for staff with the choice, which never took effect.
    let token = app.staff_token().await;
    let (_, list) = crate::support::app::json(
        app.get(&format!("/api/v1/events/{}/registrations", id_of(&event)))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["items"][0]["sms_reminders"], true, "{list}");
    assert_eq!(list["items"][0]["status"], "cancelled", "{list}");
}

both!(
    a_hold_that_runs_out_sends_no_sms_to_a_number_never_confirmed,
    the_phone_number_and_its_sms_are_in_the_export_and_go_with_an_erasure,
    an_arabic_registration_gets_its_confirmation_and_reminder_by_sms,
    an_smsc_that_is_down_refuses_throttles_and_drops_loses_and_doubles_nothing,
    two_instances_on_one_database_send_each_sms_once,
    a_registration_with_a_phone_number_only_is_confirmed_by_its_code,
    five_wrong_codes_end_a_registration_with_a_phone_number_only,
    codes_to_one_number_are_limited,
    a_stop_reply_turns_sms_off,
    without_an_smsc_sms_are_written_to_files,
);
