//! Mail: what arrives at a real SMTP server, and that nothing is lost or doubled through
//! outages, crashes, several instances, reminders and changes of the event.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use mail_parser::MimeHeaders;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use treffpunkt::entities::outbox;
use treffpunkt::i18n::{self, Lang};
use treffpunkt::mail::deliver::{Delivery, DrainReport, LEASE};
use treffpunkt::registrations::{
    self, CancelReason, Hold, Registered, Registrant, RegistrationInput,
};

use crate::both;
use crate::support::outbox::due_mail_left;
use crate::support::smtp::{Received, SmtpServer};
use crate::support::{Backend, TestApp, id_of};

fn at(local: &str) -> DateTime<Utc> {
    treffpunkt::local_time::parse(local, Berlin).unwrap()
}

fn info_day(starts: &str, ends: &str, reminders: &[&str], capacity: Option<i32>) -> Value {
    json!({
        "kind": "info_day",
        "title": "Infotag Ausbildung",
        "description": "Duale Ausbildung: Betriebe stellen sich vor.",
        "starts_at": starts,
        "ends_at": ends,
        "venue": {"name": "Bürgerhaus Kalk", "street": "Kalk-Mülheimer Str. 58", "postal_code": "51103", "city": "Köln"},
        "capacity": capacity,
        "max_party_size": 4,
        "audiences": ["youth", "parents"],
        "languages": ["de"],
        "reminders": reminders,
        "double_opt_in": false
    })
}

async fn register(
    app: &TestApp,
    event_id: i32,
    email: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Registered {
    let input = RegistrationInput {
        name: Some("Teilnehmerin Test".into()),
        email: Some(email.into()),
        phone: None,
        party_size: Some("1".into()),
        language: Some(lang.code().into()),
        interpreter: None,
        needs: None,
        consent: true,
        sms_reminders: false,
        via: None,
    };
    let event = treffpunkt::events::get(&app.db, event_id).await.unwrap();
    registrations::register(
        &app.db,
        &event,
        input,
        Lang::De,
        Registrant::Themselves,
        Hold::hours(24),
        now,
    )
    .await
    .unwrap()
}

async fn rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn rows_of_kind(app: &TestApp, kind: &str) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

fn message_ids(received: &[Received]) -> Vec<String> {
    received
        .iter()
        .map(|r| r.parsed().message_id().unwrap().to_owned())
        .collect()
}

fn recipients(received: &[Received]) -> Vec<String> {
    let mut to: Vec<String> = received.iter().flat_map(|r| r.to.clone()).collect();
    to.sort();
    to
}

/// The manage link in a plain-text body.
fn manage_token(text: &str, base: &str) -> String {
    let start = text.find(&format!("{base}/r/")).expect("a manage link") + base.len() + 3;
    text[start..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

async fn each_mail_arrives_in_its_language_as_text_and_html_with_a_working_link(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let mut body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &["1d"], Some(20));
    body["double_opt_in"] = json!(true);
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let now = at("2027-03-01T10:00");
    for lang in Lang::ALL {
        register(&app, event_id, &format!("{lang}@example.org"), lang, now).await;
    }

    let report = app.jobs.tick_at(now).await.unwrap();

    assert_eq!(report.mail.sent, 7);
    let received = smtp.received();
    assert_eq!(received.len(), 7);
    let queued = rows(&app).await;
    // Sent rows keep no manage token: the database holds only hashes of tokens.
    for row in &queued {
        assert!(row.sent_at.is_some());
        assert!(!row.payload.contains("token"), "{}", row.payload);
    }
    let uid = treffpunkt::calendar::Settings::from_config(&app.config).uid(event_id);
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let asks = [
        (Lang::De, "Bitte bestätigen Sie"),
        (Lang::En, "Please confirm"),
        (Lang::Ar, "يرجى تأكيد"),
        (Lang::Uk, "підтвердьте"),
        (Lang::Ru, "подтвердите"),
        (Lang::Tr, "onaylayın"),
        (Lang::Fa, "تأیید کنید"),
    ];
    for mail in &received {
        let message = mail.parsed();
        let lang = Lang::parse(mail.to[0].split('@').next().unwrap()).unwrap();
        let what = format!("mail in {lang}");
        assert_eq!(mail.to, [format!("{lang}@example.org")], "{what}");
        assert_eq!(mail.from, "noreply@localhost", "{what}: envelope sender");
        assert_eq!(
            message.header("Content-Language").and_then(|h| h.as_text()),
            Some(lang.code()),
            "{what}"
        );
        let subject = message.subject().unwrap();
        let ask = asks.iter().find(|(l, _)| *l == lang).unwrap().1;
        assert!(subject.contains(ask), "{what}: {subject}");
        assert!(subject.contains("Infotag Ausbildung"), "{what}: {subject}");

        let text = message.body_text(0).unwrap();
        let html = message.body_html(0).unwrap();
        assert!(text.contains("Infotag Ausbildung"), "{what}");
        assert!(
            text.contains("Bürgerhaus Kalk, Kalk-Mülheimer Str. 58, 51103 Köln"),
            "{what}"
        );
        let when = i18n::format_date_time(at("2027-03-12T18:00"), Berlin, lang);
        assert!(text.contains(&when), "{what}: {when} in\n{text}");
        assert!(!text.contains('<'), "{what}: plain text without markup");
        assert!(
            text.contains("(event.ics)."),
            "{what}: names the file attached"
        );
        assert!(
            html.contains(&format!("<html lang=\"{lang}\" dir=\"{}\">", lang.dir())),
            "{what}"
        );
        assert_eq!(
            html.contains("dir=\"rtl\""),
            matches!(lang, Lang::Ar | Lang::Fa),
            "{what}"
        );

        // The event's calendar entry is attached, with its feed UID.
        let attachments: Vec<_> = message.attachments().collect();
        assert_eq!(attachments.len(), 1, "{what}");
        let ics = attachments[0];
        let content_type = ics.content_type().unwrap();
        assert_eq!(
            (content_type.ctype(), content_type.subtype()),
            ("text", Some("calendar")),
            "{what}"
        );
        assert_eq!(content_type.attribute("method"), Some("PUBLISH"), "{what}");
        assert_eq!(ics.attachment_name(), Some("event.ics"), "{what}");
        let calendar = ics.text_contents().unwrap();
        assert!(calendar.contains("METHOD:PUBLISH"), "{what}");
        assert!(
            calendar.contains(&format!("UID:{uid}")),
            "{what}: {calendar}"
        );
        assert!(
            calendar.contains("SUMMARY;LANGUAGE=de:Infotag Ausbildung"),
            "{what}"
        );

        // The link in the mail leads, over HTTP, to this registration's page, whose button
        // confirms it.
        let token = manage_token(&text, &app.base);
        assert!(
            html.contains(&format!("href=\"{}/r/{token}\"", app.base)),
            "{what}"
        );
        let link = format!("{}/r/{token}", app.base);
        let page = no_redirects.get(&link).send().await.unwrap();
        assert_eq!(page.status(), 200, "{what}");
        let page = page.text().await.unwrap();
        assert!(
            page.contains(&format!("lang=\"{lang}\" dir=\"{}\"", lang.dir())),
            "{what}"
        );
        assert!(
            page.contains(&format!("action=\"/r/{token}/confirm\"")),
            "{what}"
        );
        let confirmed = no_redirects
            .post(format!("{link}/confirm"))
            .send()
            .await
            .unwrap();
        assert_eq!(confirmed.status(), 303, "{what}");
        let reg = registrations::find_by_token(&app.db, &token).await.unwrap();
        assert_eq!(reg.email, Some(format!("{lang}@example.org")));
        assert_eq!(reg.status, registrations::RegStatus::Confirmed, "{what}");
        let row = queued
            .iter()
            .find(|r| r.registration_id == Some(reg.id))
            .unwrap();
        assert_eq!(row.kind, "confirm_request");
        assert_eq!(
            message.message_id(),
            Some(format!("outbox-{}@127.0.0.1", row.id).as_str()),
            "{what}"
        );
    }
    let report = app.jobs.tick_at(now + Duration::minutes(1)).await.unwrap();

    assert_eq!(report.mail.sent, 7, "one confirmation each");
    let confirmations = &smtp.received()[7..];
    assert_eq!(recipients(confirmations), recipients(&received));
}
both!(each_mail_arrives_in_its_language_as_text_and_html_with_a_working_link);

async fn mail_waits_while_the_smtp_server_is_down_and_arrives_when_it_is_back(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    smtp.down();
    for n in 0..3 {
        register(&app, event_id, &format!("p{n}@example.org"), Lang::De, t0).await;
    }

    let first = app.jobs.tick_at(t0).await.unwrap();
    let too_soon = app.jobs.tick_at(t0 + Duration::seconds(30)).await.unwrap();
    let second = app.jobs.tick_at(t0 + Duration::seconds(61)).await.unwrap();
    smtp.up().await;
    let back = app.jobs.tick_at(t0 + Duration::minutes(10)).await.unwrap();
    let after = app.jobs.tick_at(t0 + Duration::hours(2)).await.unwrap();

    assert_eq!((first.mail.retried, first.mail.sent), (3, 0));
    assert_eq!(too_soon.mail, DrainReport::default(), "backoff: not yet");
    assert_eq!((second.mail.retried, second.mail.sent), (3, 0));
    assert_eq!((back.mail.sent, back.mail.failed), (3, 0));
    assert_eq!(after.mail, DrainReport::default());
    let received = smtp.received();
    assert_eq!(
        recipients(&received),
        ["p0@example.org", "p1@example.org", "p2@example.org"]
    );
    for row in rows(&app).await {
        assert!(row.sent_at.is_some() && row.failed_at.is_none());
        assert_eq!(row.attempts, 3);
        assert!(row.locked_until.is_none());
    }
}
both!(mail_waits_while_the_smtp_server_is_down_and_arrives_when_it_is_back);

async fn after_the_smtp_server_restarted_the_next_mail_goes_out_at_once_over_a_new_connection(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    register(&app, event_id, "before@example.org", Lang::De, t0).await;
    let before = app.jobs.drain_at(t0).await.unwrap();
    // The server goes away and comes back while the connection of that mail waits in the
    // pool, too recently used to be asked whether it still stands.
    smtp.down();
    smtp.wait_all_closed().await;
    smtp.up().await;
    register(&app, event_id, "after@example.org", Lang::De, t0).await;

    let after = app.jobs.drain_at(t0).await.unwrap();

    assert_eq!((before.sent, before.retried), (1, 0));
    assert_eq!((after.sent, after.retried), (1, 0), "{after:?}");
    assert_eq!(
        recipients(&smtp.received()),
        ["after@example.org", "before@example.org"]
    );
}
both!(after_the_smtp_server_restarted_the_next_mail_goes_out_at_once_over_a_new_connection);

async fn with_tls_required_a_server_that_offers_no_starttls_gets_no_mail(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |c| {
        c.mail.smtp_url = treffpunkt::config::Secret::new(format!("{}?tls=required", smtp.url()));
        c.mail.max_attempts = 1;
    })
    .await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    register(&app, event_id, "plain@example.org", Lang::De, t0).await;

    let report = app.jobs.drain_at(t0).await.unwrap();

    assert_eq!((report.sent, report.failed), (0, 1), "{report:?}");
    assert!(smtp.received().is_empty());
    let error = rows(&app).await[0].last_error.clone().unwrap();
    assert!(error.contains("STARTTLS"), "{error}");
}
both!(with_tls_required_a_server_that_offers_no_starttls_gets_no_mail);

async fn with_tls_opportunistic_a_server_that_offers_no_starttls_gets_its_mail_in_plain(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |c| {
        c.mail.smtp_url =
            treffpunkt::config::Secret::new(format!("{}?tls=opportunistic", smtp.url()));
    })
    .await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    register(&app, event_id, "plain@example.org", Lang::De, t0).await;

    let report = app.jobs.drain_at(t0).await.unwrap();

    assert_eq!((report.sent, report.retried), (1, 0), "{report:?}");
    assert_eq!(recipients(&smtp.received()), ["plain@example.org"]);
}
both!(with_tls_opportunistic_a_server_that_offers_no_starttls_gets_its_mail_in_plain);

async fn a_refused_mail_is_failed_for_good_counted_in_metrics_and_keeps_no_token(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |c| c.mail.max_attempts = 3).await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    smtp.refuse(Some("550 5.1.1 mailbox unavailable"));
    register(&app, event_id, "gone@example.org", Lang::De, t0).await;

    // Refused for good at once.
    let refused = app.jobs.tick_at(t0).await.unwrap();
    // The next one meets a server that is down, three times, with a minute and then two
    // between the attempts.
    smtp.down();
    smtp.refuse(None);
    register(&app, event_id, "later@example.org", Lang::En, t0).await;
    let first = app.jobs.tick_at(t0).await.unwrap();
    let second = app.jobs.tick_at(t0 + Duration::minutes(1)).await.unwrap();
    let third = app.jobs.tick_at(t0 + Duration::minutes(3)).await.unwrap();
    smtp.up().await;
    let after = app.jobs.tick_at(t0 + Duration::hours(5)).await.unwrap();

    assert_eq!((refused.mail.failed, refused.mail.retried), (1, 0));
    assert_eq!((first.mail.failed, first.mail.retried), (0, 1));
    assert_eq!((second.mail.failed, second.mail.retried), (0, 1));
    assert_eq!((third.mail.failed, third.mail.retried), (1, 0));
    assert_eq!(
        after.mail,
        DrainReport::default(),
        "failed rows stay failed"
    );
    assert!(smtp.received().is_empty());
    let rows = rows(&app).await;
    assert_eq!(rows.len(), 2);
    assert!(rows[0].last_error.as_deref().unwrap().contains("550"));
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(rows[1].attempts, 3);
    for row in &rows {
        assert!(row.failed_at.is_some() && row.sent_at.is_none());
        assert!(!row.payload.contains("token"), "{}", row.payload);
    }
    let metrics = app
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("\nmail_outbox_failed 2\n"), "{metrics}");
    assert!(metrics.contains("\nmail_outbox_waiting 0\n"), "{metrics}");
}
both!(a_refused_mail_is_failed_for_good_counted_in_metrics_and_keeps_no_token);

async fn a_sender_that_dies_after_claiming_loses_nothing_and_sends_each_mail_once(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    register(&app, event_id, "a@example.org", Lang::De, t0).await;
    register(&app, event_id, "b@example.org", Lang::Tr, t0).await;

    // A sender claims both rows and dies before sending: its lease keeps others off them.
    let claims = app.jobs.mailer().claim(t0).await.unwrap();
    assert_eq!(claims.len(), 2);
    drop(claims);
    let while_leased = app.jobs.tick_at(t0 + Duration::minutes(1)).await.unwrap();
    let after_lease = app
        .jobs
        .tick_at(t0 + LEASE + Duration::seconds(1))
        .await
        .unwrap();
    let later = app.jobs.tick_at(t0 + Duration::hours(1)).await.unwrap();

    assert_eq!(while_leased.mail, DrainReport::default());
    assert_eq!(after_lease.mail.sent, 2);
    assert_eq!(later.mail, DrainReport::default());
    assert_eq!(
        recipients(&smtp.received()),
        ["a@example.org", "b@example.org"]
    );
}
both!(a_sender_that_dies_after_claiming_loses_nothing_and_sends_each_mail_once);

async fn a_sender_that_dies_between_sending_and_marking_sends_once_more_with_the_same_message_id(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    register(&app, event_id, "a@example.org", Lang::Uk, t0).await;

    // The sender hands the mail to the server and dies before writing that down.
    let mailer = app.jobs.mailer();
    let claims = mailer.claim(t0).await.unwrap();
    assert_eq!(claims.len(), 1);
    let delivery = mailer.deliver(&claims[0], t0).await;
    assert!(matches!(delivery, Delivery::Sent), "{delivery:?}");
    assert_eq!(smtp.received().len(), 1);
    let while_leased = app.jobs.tick_at(t0 + Duration::minutes(4)).await.unwrap();
    let after_lease = app
        .jobs
        .tick_at(t0 + LEASE + Duration::seconds(1))
        .await
        .unwrap();
    let later = app.jobs.tick_at(t0 + Duration::hours(1)).await.unwrap();
    // The dead sender's late mark finds the row taken over and changes nothing.
    let mut late = DrainReport::default();
    mailer
        .record(
            &claims[0],
            Delivery::Sent,
            t0 + Duration::hours(2),
            &mut late,
        )
        .await
        .unwrap();

    assert_eq!(while_leased.mail, DrainReport::default());
    assert_eq!(after_lease.mail.sent, 1);
    assert_eq!(later.mail, DrainReport::default());
    assert_eq!(late.lost, 1);
    let received = smtp.received();
    assert_eq!(received.len(), 2, "one duplicate, no more");
    let ids = message_ids(&received);
    assert_eq!(ids[0], ids[1], "the duplicate carries the same Message-ID");
    let row = &rows(&app).await[0];
    assert_eq!(ids[0], format!("outbox-{}@127.0.0.1", row.id));
    assert_eq!(row.sent_at, Some(t0 + LEASE + Duration::seconds(1)));
    assert_eq!(row.attempts, 2);
}
both!(a_sender_that_dies_between_sending_and_marking_sends_once_more_with_the_same_message_id);

async fn two_instances_on_one_database_send_each_confirm_request_exactly_once(backend: Backend) {
    const N: usize = 40;
    let smtp = SmtpServer::start().await;
    let first = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let second = first.another_instance().await;
    let staff = first.staff_token().await;
    let mut body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], None);
    body["double_opt_in"] = json!(true);
    let event_id = id_of(&first.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    for n in 0..N {
        let lang = Lang::ALL[n % Lang::ALL.len()];
        register(&first, event_id, &format!("p{n:02}@example.org"), lang, t0).await;
    }

    let (a, b) = tokio::join!(first.jobs.drain_at(t0), second.jobs.drain_at(t0));
    let (a, b) = (a.unwrap(), b.unwrap());
    let rest = first.jobs.drain_at(t0 + Duration::hours(1)).await.unwrap();

    assert_eq!(a.sent + b.sent, N, "{a:?} {b:?}");
    assert_eq!(a.lost + b.lost + a.retried + b.retried, 0);
    assert_eq!(rest, DrainReport::default());
    let received = smtp.received();
    assert_eq!(received.len(), N);
    let expected: Vec<String> = (0..N).map(|n| format!("p{n:02}@example.org")).collect();
    assert_eq!(recipients(&received), expected);
    let ids: HashSet<String> = message_ids(&received).into_iter().collect();
    assert_eq!(ids.len(), N);
    for mail in &received {
        assert!(
            mail.parsed()
                .subject()
                .unwrap()
                .contains("Infotag Ausbildung")
        );
    }
    assert!(
        rows(&first)
            .await
            .iter()
            .all(|r| r.kind == "confirm_request" && r.attempts == 1)
    );
}
both!(two_instances_on_one_database_send_each_confirm_request_exactly_once);

async fn a_claim_is_sent_over_several_connections_at_once_each_mail_once_with_its_message_id(
    backend: Backend,
) {
    const N: usize = 24;
    let smtp = SmtpServer::start().await;
    // A server that takes its time per message: one mail after the other would take N times
    // as long.
    smtp.delay_each(std::time::Duration::from_millis(100));
    let app = TestApp::spawn_with_smtp(backend, &smtp, |config| {
        config.mail.smtp_connections = 6;
    })
    .await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:30", &[], None);
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    for n in 0..N {
        register(
            &app,
            event_id,
            &format!("p{n:02}@example.org"),
            Lang::De,
            t0,
        )
        .await;
    }

    let report = app.jobs.drain_at(t0).await.unwrap();
    let rest = app.jobs.drain_at(t0 + Duration::hours(1)).await.unwrap();

    assert_eq!(report.sent, N, "{report:?}");
    assert_eq!(report.lost + report.retried + report.failed, 0);
    assert_eq!(rest, DrainReport::default());
    assert!(smtp.most_open() > 1, "one mail at a time");
    assert!(smtp.most_open() <= 6, "{} connections", smtp.most_open());
    let received = smtp.received();
    let expected: Vec<String> = (0..N).map(|n| format!("p{n:02}@example.org")).collect();
    assert_eq!(recipients(&received), expected, "each mail once");
    let mut ids = message_ids(&received);
    ids.sort();
    let stored = rows(&app).await;
    let mut expected_ids: Vec<String> = stored
        .iter()
        .map(|r| format!("outbox-{}@127.0.0.1", r.id))
        .collect();
    expected_ids.sort();
    assert_eq!(ids, expected_ids, "each row's own Message-ID");
    assert!(
        stored
            .iter()
            .all(|r| r.sent_at == Some(t0) && r.attempts == 1 && r.locked_until.is_none())
    );
}
both!(a_claim_is_sent_over_several_connections_at_once_each_mail_once_with_its_message_id);

/// Reminder rows as (registration, offset, start instant) from their keys, and all sent.
async fn reminders_sent(app: &TestApp) -> Vec<(i32, String, i64)> {
    rows_of_kind(app, "reminder")
        .await
        .into_iter()
        .map(|row| {
            assert!(row.sent_at.is_some() && row.last_error.is_none(), "{row:?}");
            let parts: Vec<&str> = row.dedupe_key.split(':').collect();
            (
                row.registration_id.unwrap(),
                parts[2].to_owned(),
                parts[3].parse().unwrap(),
            )
        })
        .collect()
}

async fn reminders_go_out_once_per_registration_and_offset_and_move_with_the_event(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day(
        "2027-03-12T18:00",
        "2027-03-12T20:00",
        &["7d", "1d"],
        Some(20),
    );
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let a = register(
        &app,
        event_id,
        "a@example.org",
        Lang::De,
        at("2027-03-01T10:00"),
    )
    .await;
    let b = register(
        &app,
        event_id,
        "b@example.org",
        Lang::Ar,
        at("2027-03-01T10:00"),
    )
    .await;
    let (a, b) = (a.registration.id, b.registration.id);
    let old_start = at("2027-03-12T18:00").timestamp();
    let new_start = at("2027-03-19T18:00").timestamp();

    let confirmations = app.jobs.tick_at(at("2027-03-01T10:00")).await.unwrap();
    let before = app.jobs.tick_at(at("2027-03-05T17:59")).await.unwrap();
    let week = app.jobs.tick_at(at("2027-03-05T18:00")).await.unwrap();
    let again = app.jobs.tick_at(at("2027-03-05T18:05")).await.unwrap();
    // B cancels; then the event moves a week later.
    registrations::cancel(
        &app.db,
        b,
        CancelReason::Participant,
        Hold::hours(24),
        at("2027-03-06T09:00"),
    )
    .await
    .unwrap();
    let moved = app
        .patch(&format!("/api/v1/events/{event_id}"))
        .bearer_auth(&staff)
        .json(&json!({"starts_at": "2027-03-19T18:00", "ends_at": "2027-03-19T20:00"}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let notices = app.jobs.tick_at(at("2027-03-06T09:05")).await.unwrap();
    let old_day_before = app.jobs.tick_at(at("2027-03-11T18:00")).await.unwrap();
    let new_week = app.jobs.tick_at(at("2027-03-12T18:00")).await.unwrap();
    let new_day_before = app.jobs.tick_at(at("2027-03-18T18:00")).await.unwrap();
    let started = app.jobs.tick_at(at("2027-03-19T18:00")).await.unwrap();

    assert_eq!(confirmations.mail.sent, 2);
    assert_eq!((before.reminders, before.mail.sent), (0, 0));
    assert_eq!((week.reminders, week.mail.sent), (2, 2));
    assert_eq!((again.reminders, again.mail.sent), (0, 0));
    assert_eq!(
        (notices.reminders, notices.mail.sent),
        (0, 2),
        "B's cancellation, A's change notice"
    );
    assert_eq!((old_day_before.reminders, old_day_before.mail.sent), (0, 0));
    assert_eq!((new_week.reminders, new_week.mail.sent), (1, 1), "A only");
    assert_eq!((new_day_before.reminders, new_day_before.mail.sent), (1, 1));
    assert_eq!((started.reminders, started.mail.sent), (0, 0));
    assert_eq!(
        reminders_sent(&app).await,
        [
            (a, "7d".to_owned(), old_start),
            (b, "7d".to_owned(), old_start),
            (a, "7d".to_owned(), new_start),
            (a, "1d".to_owned(), new_start),
        ]
    );
    let changed = rows_of_kind(&app, "event_changed").await;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].registration_id, Some(a));
    // Every mail reached the server: 2 confirmations, 4 reminders, a cancellation, a notice.
    let received = smtp.received();
    assert_eq!(received.len(), 8);
    let reminder_subjects: Vec<String> = received
        .iter()
        .map(|m| m.parsed().subject().unwrap().to_owned())
        .filter(|s| s.starts_with("Erinnerung") || s.starts_with("تذكير"))
        .collect();
    assert_eq!(reminder_subjects.len(), 4, "{reminder_subjects:?}");
    assert!(reminder_subjects.last().unwrap().contains("19. März 2027"));
}
both!(reminders_go_out_once_per_registration_and_offset_and_move_with_the_event);

async fn after_downtime_only_the_latest_due_reminder_goes_out_and_late_registrations_get_none(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day(
        "2027-03-12T18:00",
        "2027-03-12T20:00",
        &["7d", "1d", "2h"],
        Some(20),
    );
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let early = register(
        &app,
        event_id,
        "early@example.org",
        Lang::De,
        at("2027-03-01T10:00"),
    )
    .await;
    let late = register(
        &app,
        event_id,
        "late@example.org",
        Lang::Ru,
        at("2027-03-11T22:00"),
    )
    .await;
    let last_minute = register(
        &app,
        event_id,
        "last@example.org",
        Lang::En,
        at("2027-03-12T16:30"),
    )
    .await;
    // No instance ran from the registrations until an hour before the start.

    let tick = app.jobs.tick_at(at("2027-03-12T17:00")).await.unwrap();
    let once_more = app.jobs.tick_at(at("2027-03-12T17:30")).await.unwrap();
    let begun = app.jobs.tick_at(at("2027-03-12T18:01")).await.unwrap();

    assert_eq!(tick.reminders, 2);
    assert_eq!(tick.mail.sent, 5, "3 confirmations and 2 late reminders");
    assert_eq!((once_more.reminders, once_more.mail.sent), (0, 0));
    assert_eq!((begun.reminders, begun.mail.sent), (0, 0));
    let start = at("2027-03-12T18:00").timestamp();
    assert_eq!(
        reminders_sent(&app).await,
        [
            (early.registration.id, "2h".to_owned(), start),
            (late.registration.id, "2h".to_owned(), start),
        ]
    );
    assert!(
        !smtp.received().iter().any(|m| m.to == ["last@example.org"]
            && m.parsed().subject().unwrap().starts_with("Reminder"))
    );
    assert!(last_minute.registration.id > 0);
}
both!(after_downtime_only_the_latest_due_reminder_goes_out_and_late_registrations_get_none);

async fn changes_of_time_or_place_and_cancellation_reach_every_active_registration(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day("2027-03-12T18:00", "2027-03-12T20:00", &["1d"], Some(1));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    register(&app, event_id, "seated@example.org", Lang::De, t0).await;
    let waiting = register(&app, event_id, "waiting@example.org", Lang::Fa, t0).await;
    let gone = register(&app, event_id, "gone@example.org", Lang::En, t0).await;
    assert_eq!(waiting.waitlist_position, Some(1));
    registrations::cancel(
        &app.db,
        gone.registration.id,
        CancelReason::Participant,
        Hold::hours(24),
        t0,
    )
    .await
    .unwrap();
    let first = app.jobs.tick_at(t0).await.unwrap();
    assert_eq!(
        (first.mail.sent, first.mail.skipped),
        (3, 1),
        "a confirmation, a waiting-list notice and a cancellation; the cancelled one's \
         waiting-list notice no longer applies"
    );
    let patch = |body: Value| {
        app.patch(&format!("/api/v1/events/{event_id}"))
            .bearer_auth(&staff)
            .json(&body)
            .send()
    };

    assert_eq!(
        patch(json!({"title": "Infotag Ausbildung 2027"}))
            .await
            .unwrap()
            .status(),
        200
    );
    let after_title = app.jobs.tick_at(t0 + Duration::minutes(1)).await.unwrap();
    let venue = json!({"venue": {"name": "Stadtbibliothek", "street": "Josef-Haubrich-Hof 1", "postal_code": "50676", "city": "Köln"}});
    assert_eq!(patch(venue).await.unwrap().status(), 200);
    let after_venue = app.jobs.tick_at(t0 + Duration::minutes(2)).await.unwrap();
    let cancelled = app
        .post(&format!("/api/v1/events/{event_id}/cancel"))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 200);
    let after_cancel = app.jobs.tick_at(t0 + Duration::minutes(3)).await.unwrap();
    let at_reminder = app.jobs.tick_at(at("2027-03-11T18:00")).await.unwrap();

    assert_eq!(
        after_title.mail,
        DrainReport::default(),
        "a new title is no notice"
    );
    assert_eq!(after_venue.mail.sent, 2);
    assert_eq!(after_cancel.mail.sent, 2);
    assert_eq!((at_reminder.reminders, at_reminder.mail.sent), (0, 0));
    let received = smtp.received();
    let notices: Vec<_> = received[3..].iter().map(Received::parsed).collect();
    let subjects: Vec<&str> = notices.iter().map(|m| m.subject().unwrap()).collect();
    assert!(
        subjects[..2].contains(&"Neuer Termin oder Ort: Infotag Ausbildung 2027"),
        "{subjects:?}"
    );
    assert!(
        subjects[..2].contains(&"زمان یا مکان جدید: Infotag Ausbildung 2027"),
        "{subjects:?}"
    );
    assert!(
        subjects[2..].contains(&"Abgesagt: Infotag Ausbildung 2027"),
        "{subjects:?}"
    );
    assert!(
        subjects[2..].contains(&"لغو شد: Infotag Ausbildung 2027"),
        "{subjects:?}"
    );
    for notice in &notices[..2] {
        assert!(
            notice
                .body_text(0)
                .unwrap()
                .contains("Stadtbibliothek, Josef-Haubrich-Hof 1, 50676 Köln")
        );
        let ics = notice
            .attachments()
            .next()
            .unwrap()
            .text_contents()
            .unwrap();
        assert!(
            ics.contains("Stadtbibliothek"),
            "the new place in the calendar: {ics}"
        );
    }
    for notice in &notices[2..] {
        let ics = notice
            .attachments()
            .next()
            .unwrap()
            .text_contents()
            .unwrap();
        assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
    }
    assert_eq!(notices.len(), 4);
    assert!(!recipients(&received[3..]).contains(&"gone@example.org".to_owned()));
}
both!(changes_of_time_or_place_and_cancellation_reach_every_active_registration);

async fn mail_that_no_longer_applies_is_marked_done_without_sending(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let mut body = info_day("2027-03-12T18:00", "2027-03-12T20:00", &[], Some(20));
    body["double_opt_in"] = json!(true);
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let t0 = at("2027-03-01T10:00");
    let reg = register(&app, event_id, "a@example.org", Lang::De, t0).await;
    registrations::cancel(
        &app.db,
        reg.registration.id,
        CancelReason::Participant,
        Hold::hours(24),
        t0,
    )
    .await
    .unwrap();

    let report = app.jobs.tick_at(t0).await.unwrap();

    assert_eq!((report.mail.sent, report.mail.skipped), (1, 1));
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    assert!(
        received[0]
            .parsed()
            .subject()
            .unwrap()
            .starts_with("Ihre Anmeldung ist storniert")
    );
    let asked = &rows_of_kind(&app, "confirm_request").await[0];
    assert!(asked.sent_at.is_some());
    assert!(
        asked
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("not sent:")
    );
    assert!(!asked.payload.contains("token"));
}
both!(mail_that_no_longer_applies_is_marked_done_without_sending);

async fn a_change_made_over_http_wakes_the_sender_without_waiting_for_the_tick(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let staff = app.staff_token().await;
    let body = info_day("2030-03-12T18:00", "2030-03-12T20:00", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let sender = tokio::spawn(app.jobs.clone().drain_when_woken(app.wake.clone()));
    // The wake-up left by publishing runs a round that finds nothing.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    register(&app, event_id, "a@example.org", Lang::De, Utc::now()).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        smtp.received().is_empty(),
        "nothing is sent before a wake-up"
    );

    let cancelled = app
        .post(&format!("/api/v1/events/{event_id}/cancel"))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 200);
    let received = smtp.wait_for(2).await;
    // The sender marks a message sent just after the server took it: stop it only then.
    for _ in 0..50 {
        if due_mail_left(&app.db, Utc::now()).await.is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    sender.abort();

    let subjects: Vec<String> = received
        .iter()
        .map(|m| m.parsed().subject().unwrap().to_owned())
        .collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(
        subjects
            .iter()
            .any(|s| s.starts_with("Ihre Anmeldung ist bestätigt"))
    );
    assert!(subjects.iter().any(|s| s.starts_with("Abgesagt")));
}
both!(a_change_made_over_http_wakes_the_sender_without_waiting_for_the_tick);

/// The check every test runs when its app is dropped (`support::outbox`): a due mail that the
/// test forgot is reported by kind and count, mail not due yet is not, delivered mail is not,
/// and dropping the app then fails the test with that report.
async fn a_test_that_leaves_due_mail_in_the_outbox_fails(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.staff_token().await;
    let body = info_day("2030-03-12T18:00", "2030-03-12T20:00", &[], Some(20));
    let event_id = id_of(&app.published_event(&staff, &body).await);
    let first = register(&app, event_id, "a@example.org", Lang::De, Utc::now()).await;
    treffpunkt::outbox::enqueue(
        &app.db,
        treffpunkt::outbox::NewMail::for_registration(
            treffpunkt::outbox::MailKind::Reminder,
            first.registration.id,
            event_id,
            "de",
            "reminder-due-tomorrow".to_owned(),
            Utc::now() + Duration::days(1),
        ),
    )
    .await
    .unwrap();

    let left = due_mail_left(&app.db, Utc::now()).await;
    let left = left.expect("the confirmation nobody delivered is reported");
    assert!(
        left.starts_with("1 due mail left in the outbox: confirmation ×1."),
        "{left}"
    );
    app.deliver_due_mail().await;
    assert_eq!(due_mail_left(&app.db, Utc::now()).await, None, "all sent");

    register(&app, event_id, "b@example.org", Lang::De, Utc::now()).await;
    register(&app, event_id, "c@example.org", Lang::De, Utc::now()).await;
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(app)));
    let message = dropped.expect_err("dropping an app with due mail in its outbox fails");
    let message = message.downcast::<String>().expect("a message");
    assert!(
        message.starts_with("2 due mails left in the outbox: confirmation ×2."),
        "{message}"
    );

    // A test that keeps due mail queued on purpose says so, and its app drops quietly.
    let kept = TestApp::spawn(backend).await;
    let staff = kept.staff_token().await;
    let event_id = id_of(&kept.published_event(&staff, &body).await);
    register(&kept, event_id, "d@example.org", Lang::De, Utc::now()).await;
    assert!(due_mail_left(&kept.db, Utc::now()).await.is_some());
    kept.leaves_mail_in_the_outbox();
}
both!(a_test_that_leaves_due_mail_in_the_outbox_fails);
