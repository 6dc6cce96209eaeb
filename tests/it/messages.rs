//! Messages from staff to the participants of an event: the staff page's preview and send,
//! the JSON API, and what arrives at a real SMTP server.

use std::collections::HashMap;

use reqwest::Client;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use treffpunkt::entities::{message, outbox};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::app::json;
use crate::support::smtp::SmtpServer;
use crate::support::{Backend, TestApp, id_of, info_day, merged};

/// The subject each language's text has.
const SUBJECTS: [(&str, &str); 3] = [
    ("de", "Neuer Raum: Saal 2"),
    ("ar", "قاعة جديدة: القاعة 2"),
    ("uk", "Нова зала: зала 2"),
];

fn event_body() -> Value {
    merged(
        info_day(),
        &json!({"capacity": 60, "languages": ["de", "ar", "uk"]}),
    )
}

fn registrant(lang: &str, n: usize) -> Value {
    json!({"name": format!("Teilnehmende {lang} {n}"), "email": format!("{lang}{n}@example.org"),
           "party_size": 1, "language": lang, "consent": true})
}

/// The idempotency key of the form on a messages page.
fn form_key(html: &str) -> String {
    let marker = "name=\"idempotency_key\" value=\"";
    let start = html.find(marker).expect("a key in the form") + marker.len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}

fn message_form(key: &str, step: &str) -> Vec<(String, String)> {
    let mut form = vec![
        ("idempotency_key".to_owned(), key.to_owned()),
        ("step".to_owned(), step.to_owned()),
        ("group_confirmed".to_owned(), "on".to_owned()),
    ];
    for (lang, subject) in SUBJECTS {
        form.push((format!("texts_{lang}_subject"), subject.to_owned()));
        form.push((
            format!("texts_{lang}_body"),
            format!("{subject}.\n\nBitte kommen Sie zum Eingang am Hof ({lang})."),
        ));
    }
    form
}

async fn post_form(
    app: &TestApp,
    client: &Client,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .expect("send")
}

async fn forty_recipients_in_three_languages_get_one_mail_each_in_their_language(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let event = app.published(&event_body()).await;
    let id = id_of(&event);
    let mut expected: HashMap<String, &str> = HashMap::new();
    let mut cancelled = Vec::new();
    for (lang, count) in [("de", 15), ("ar", 14), ("uk", 13)] {
        for n in 0..count {
            let reg = app.registered(&event, &registrant(lang, n)).await;
            let email = format!("{lang}{n}@example.org");
            // The first of each language but German cancels.
            if n == 0 && lang != "de" {
                let token = app.token_for(id_of(&reg)).await;
                let response = app
                    .post(&format!("/r/{token}/cancel"))
                    .send()
                    .await
                    .expect("cancel");
                assert!(response.status().is_redirection() || response.status().is_success());
                cancelled.push(email);
            } else {
                expected.insert(email, lang);
            }
        }
    }
    assert_eq!(expected.len(), 40);
    app.deliver_due_mail().await;
    let before = smtp.received().len();

    let staff = app.signed_in(Role::Staff).await;
    let page = staff
        .get(app.url(&format!("/staff/events/{id}/messages")))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    for lang in ["de", "ar", "uk"] {
        assert!(
            html.contains(&format!("name=\"texts_{lang}_subject\"")),
            "{lang} field"
        );
    }
    assert!(
        !html.contains("name=\"texts_tr_subject\""),
        "only languages present"
    );
    let key = form_key(&html);
    let path = format!("/staff/events/{id}/messages");

    // The preview counts and shows each language's text; nothing is queued yet.
    let preview = post_form(&app, &staff, &path, &message_form(&key, "preview")).await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.expect("html");
    assert!(
        html.contains("Die Nachricht geht an 40 Personen."),
        "{html}"
    );
    for (lang, subject) in SUBJECTS {
        assert!(
            html.contains(&format!("id=\"preview-{lang}\"")),
            "{lang} preview"
        );
        assert!(html.contains(subject), "{lang} subject");
    }
    assert!(html.contains("value=\"send\""), "a second button sends");
    assert_eq!(message::Entity::find().count(&app.db).await.unwrap(), 0);

    // A double click: two sends of the same form at once.
    let send = message_form(&key, "send");
    let (first, second) = tokio::join!(
        post_form(&app, &staff, &path, &send),
        post_form(&app, &staff, &path, &send)
    );
    for response in [&first, &second] {
        assert_eq!(response.status(), 303);
        assert!(
            response.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with(&format!("/staff/events/{id}/messages?sent="))
        );
    }
    assert_eq!(message::Entity::find().count(&app.db).await.unwrap(), 1);
    let again = post_form(&app, &staff, &path, &send).await;
    assert_eq!(again.status(), 303, "a reload sends nothing more");

    let report = app.deliver_due_mail().await;
    assert_eq!(report.sent, 40, "{report:?}");
    let received = smtp.wait_for(before + 40).await;
    let received = &received[before..];
    assert_eq!(received.len(), 40);
    let mut seen = std::collections::HashSet::new();
    for mail in received {
        let to = mail.to[0].clone();
        assert!(!cancelled.contains(&to), "nothing to the cancelled: {to}");
        let lang = expected[&to];
        assert!(seen.insert(to.clone()), "one mail each: {to}");
        let parsed = mail.parsed();
        assert_eq!(
            parsed.header("Content-Language").and_then(|h| h.as_text()),
            Some(lang)
        );
        let subject = SUBJECTS.iter().find(|(l, _)| *l == lang).unwrap().1;
        assert!(
            parsed.subject().unwrap().starts_with(subject),
            "{lang}: {:?}",
            parsed.subject()
        );
        let text = parsed.body_text(0).unwrap();
        assert!(text.contains(&format!("Eingang am Hof ({lang})")), "{text}");
        assert!(
            text.contains(&format!("{}/r/", app.config.server.public_url)),
            "manage link"
        );
        let html = parsed.body_html(0).unwrap();
        assert!(html.contains(subject), "{lang}: the html part");
    }
    assert_eq!(seen.len(), 40);

    let after = staff
        .get(app.url(&format!("/staff/events/{id}/messages?sent=1")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(after.contains("Neuer Raum: Saal 2"), "the sent list");
    let actions = app.audit_actions().await;
    assert_eq!(
        actions.iter().filter(|a| *a == "message_sent").count(),
        1,
        "{actions:?}"
    );
}

async fn the_form_shows_each_missing_part_by_its_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&event_body()).await;
    let id = id_of(&event);
    app.registered(&event, &registrant("ar", 1)).await;
    app.deliver_due_mail().await;
    let staff = app.signed_in(Role::Staff).await;
    let path = format!("/staff/events/{id}/messages");
    let form: Vec<(String, String)> = vec![
        ("idempotency_key".into(), "k".repeat(20)),
        ("step".into(), "preview".into()),
        ("texts_de_subject".into(), "Hallo".into()),
        ("texts_de_body".into(), String::new()),
        ("texts_ar_subject".into(), "مرحبا".into()),
        ("texts_ar_body".into(), String::new()),
    ];
    let response = post_form(&app, &staff, &path, &form).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for field in ["recipients", "texts_de_body", "texts_ar_body"] {
        assert!(
            html.contains(&format!("id=\"error-{field}\"")),
            "{field}: {html}"
        );
    }
    assert!(html.contains("value=\"Hallo\""), "values kept");
    assert!(html.contains("Bitte wählen Sie mindestens eine Gruppe."));
}

async fn the_api_previews_sends_once_per_key_and_names_invalid_fields(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app.published_event(&token, &event_body()).await;
    let id = id_of(&event);
    app.registered(&event, &registrant("de", 1)).await;
    app.registered(&event, &registrant("uk", 2)).await;
    // By phone and SMS only as well as by mail: the SMS carries the subject and a short link.
    let by_sms = app
        .registered(
            &event,
            &json!({"name": "Per SMS", "email": "sms@example.org", "phone": "+4915123456789",
                    "sms_reminders": true, "party_size": 1, "language": "ar", "consent": true}),
        )
        .await;
    // A caller registered by staff with a mobile number only, SMS chosen; and a walk-in with
    // neither address nor number, whom no message reaches.
    let treffpunkt_event = treffpunkt::events::get(&app.db, id).await.unwrap();
    for (name, phone, sms) in [
        ("Nur Telefon", Some("+4915198765432"), true),
        ("Ohne Kontakt", None, false),
    ] {
        treffpunkt::registrations::register(
            &app.db,
            &treffpunkt_event,
            treffpunkt::registrations::RegistrationInput {
                name: Some(name.into()),
                email: None,
                phone: phone.map(Into::into),
                party_size: Some("1".into()),
                language: Some("tr".into()),
                interpreter: None,
                needs: None,
                consent: true,
                sms_reminders: sms,
                ..Default::default()
            },
            treffpunkt::i18n::Lang::De,
            treffpunkt::registrations::Registrant::Staff(treffpunkt::staff::audit::Actor::System),
            treffpunkt::registrations::Hold::hours(24),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    }
    app.deliver_due_mail().await;
    app.deliver_due_sms().await;
    let path = format!("/api/v1/events/{id}/messages");
    let body = json!({
        "recipients": ["confirmed"],
        "texts": {"de": {"subject": "Bitte Ausweis mitbringen", "body": "Am Eingang wird kontrolliert."},
                  "uk": {"subject": "Візьміть посвідчення", "body": "На вході перевіряють."}},
        "idempotency_key": "api-key-0123456789",
    });

    let (status, unauthorised) = json(app.post(&path).json(&body).send().await.unwrap()).await;
    assert_eq!(status, 401, "{unauthorised}");

    let mut dry = body.clone();
    dry["dry_run"] = json!(true);
    let (status, preview) = json(
        app.post(&path)
            .bearer_auth(&token)
            .json(&dry)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["recipients"], 4);
    assert_eq!(preview["by_sms"], 2);
    assert_eq!(preview["unreachable"], 1);
    assert_eq!(preview["id"], Value::Null);
    let languages: Vec<(String, String)> = preview["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["language"].as_str().unwrap().to_owned(),
                s["text_language"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        languages,
        [
            ("de".into(), "de".into()),
            ("ar".into(), "de".into()),
            ("uk".into(), "uk".into()),
            ("tr".into(), "de".into()),
        ]
    );
    assert_eq!(
        outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("message"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let (status, bad) = json(
        app.post(&path)
            .bearer_auth(&token)
            .json(&json!({"recipients": ["everyone"], "texts": {"de": {"subject": "", "body": "x"}, "xx": {"subject": "a", "body": "b"}}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(bad["error"]["code"], "validation");
    for field in ["recipients", "texts.de.subject", "texts.xx"] {
        assert!(bad["error"]["fields"][field].is_string(), "{field}: {bad}");
    }

    let (status, sent) = json(
        app.post(&path)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(sent["recipients"], 4);
    let (status, repeated) = json(
        app.post(&path)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{repeated}");
    assert_eq!(repeated["id"], sent["id"]);
    assert_eq!(repeated["repeated"], true);
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("message"))
        .filter(outbox::Column::Channel.eq("mail"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(mails, 3, "queued once");

    // Whoever chose SMS reads the whole message on the manage page the SMS links to.
    let link = app.token_for(id_of(&by_sms)).await;
    let manage = app
        .get(&format!("/r/{link}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        manage.contains("Bitte Ausweis mitbringen"),
        "German for Arabic: {manage}"
    );
    assert!(manage.contains("Am Eingang wird kontrolliert."));
    assert_eq!(app.deliver_due_mail().await.sent, 3);
    let texts = app.deliver_due_sms().await;
    assert_eq!(texts.sent, 2, "the SMS of the two who chose SMS: {texts:?}");
    let sms_dir = &app.config.sms.file_dir;
    let written: Vec<String> = std::fs::read_dir(sms_dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        written
            .iter()
            .any(|t| t.contains("Bitte Ausweis mitbringen") && t.contains("/m/")),
        "{written:?}"
    );
}

both!(
    forty_recipients_in_three_languages_get_one_mail_each_in_their_language,
    the_form_shows_each_missing_part_by_its_field,
    the_api_previews_sends_once_per_key_and_names_invalid_fields,
);

mod in_the_browser {
    use std::time::Duration;

    use fantoccini::{Client, Locator};
    use serde_json::json;
    use treffpunkt::staff::Role;

    use super::{event_body, registrant};
    use crate::support::browser::{ChromeDriver, Screen, quit, screenshot};
    use crate::support::smtp::SmtpServer;
    use crate::support::{Backend, TestApp, id_of};

    const PASSWORD: &str = "ein-langes-passwort";

    async fn css(browser: &Client, selector: &str) -> fantoccini::elements::Element {
        browser
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no {selector}: {e}"))
    }

    /// Clicks and waits until the next page has replaced this one.
    async fn click_and_load(browser: &Client, selector: &str) {
        let old = browser.find(Locator::Css("html")).await.unwrap();
        css(browser, selector).await.click().await.unwrap();
        for _ in 0..200 {
            if old.tag_name().await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        for _ in 0..100 {
            if browser
                .execute("return document.readyState", vec![])
                .await
                .is_ok_and(|r| r == json!("complete"))
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no new page after clicking {selector}");
    }

    async fn main_text(browser: &Client) -> String {
        css(browser, "main").await.text().await.unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn staff_write_preview_and_send_a_message_in_a_real_browser() {
        let smtp = SmtpServer::start().await;
        let app = TestApp::spawn_with_smtp(Backend::Sqlite, &smtp, |_| {}).await;
        treffpunkt::staff::add(
            &app.db,
            "team@example.org",
            "Dilek Kaya",
            Role::Staff,
            PASSWORD,
        )
        .await
        .unwrap();
        let event = app.published(&event_body()).await;
        let id = id_of(&event);
        app.registered(&event, &registrant("de", 1)).await;
        app.registered(&event, &registrant("ar", 2)).await;
        app.deliver_due_mail().await;
        let before = smtp.received().len();

        let mut driver = ChromeDriver::start().await;
        let (browser, _) = driver.session(Screen::Desktop).await;
        browser.goto(&app.url("/staff/login")).await.unwrap();
        css(&browser, "#field-email")
            .await
            .send_keys("team@example.org")
            .await
            .unwrap();
        css(&browser, "#field-password")
            .await
            .send_keys(PASSWORD)
            .await
            .unwrap();
        click_and_load(&browser, "main form button[type=submit]").await;
        browser
            .goto(&app.url(&format!("/staff/events/{id}")))
            .await
            .unwrap();
        click_and_load(
            &browser,
            &format!("a[href=\"/staff/events/{id}/messages\"]"),
        )
        .await;

        for (field, text) in [
            ("#field-texts_de_subject", "Neuer Raum"),
            ("#field-texts_de_body", "Zeile eins\nZeile zwei"),
            ("#field-texts_ar_subject", "قاعة جديدة"),
            ("#field-texts_ar_body", "نلتقي في القاعة 2"),
        ] {
            css(&browser, field).await.send_keys(text).await.unwrap();
        }
        click_and_load(&browser, "#preview-button").await;
        let preview = main_text(&browser).await;
        assert!(
            preview.contains("Die Nachricht geht an 2 Personen."),
            "{preview}"
        );
        assert!(preview.contains("قاعة جديدة"), "{preview}");
        screenshot(&browser, "message-preview").await;
        assert_eq!(smtp.received().len(), before, "the preview sends nothing");

        click_and_load(&browser, "#send").await;
        let sent = main_text(&browser).await;
        assert!(sent.contains("an 2 Personen verschickt"), "{sent}");
        quit(browser).await;

        assert_eq!(app.deliver_due_mail().await.sent, 2);
        let received = smtp.wait_for(before + 2).await;
        let german = received[before..]
            .iter()
            .find(|m| m.to[0] == "de1@example.org")
            .expect("the German mail")
            .parsed();
        let text = german.body_text(0).unwrap().replace("\r\n", "\n");
        assert!(
            text.contains("Zeile eins\nZeile zwei"),
            "the lines kept: {text}"
        );
    }
}
