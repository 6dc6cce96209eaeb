//! Registering with the keyboard alone, in a real headless Chromium, in German and in Arabic:
//! Tab to each field, Space on the consent box, Enter on the button. Enter on the consent box
//! itself does not send the half-filled form.

use std::time::Duration;

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::json;

use crate::support::browser::{ChromeDriver, Screen, quit};
use crate::support::{Backend, TestApp, info_day, merged};

async fn loaded(browser: &Client) {
    for _ in 0..100 {
        if browser
            .execute("return document.readyState", vec![])
            .await
            .is_ok_and(|state| state == json!("complete"))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the page did not load");
}

async fn focused(browser: &Client) -> String {
    browser
        .execute(
            "return document.activeElement.id || document.activeElement.tagName",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

async fn press(browser: &Client, key: impl Into<char>) {
    let key: char = key.into();
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys(&key.to_string())
        .await
        .unwrap();
}

/// Presses Tab until the element with `id` has the focus.
async fn tab_to(browser: &Client, id: &str) {
    for _ in 0..80 {
        if focused(browser).await == id {
            return;
        }
        press(browser, Key::Tab).await;
    }
    panic!("Tab never reached #{id}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_registers_with_the_keyboard_alone_in_german_and_in_arabic() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let event = app
        .published(&merged(info_day(), &json!({"capacity": 10})))
        .await;
    let slug = event["slug"].as_str().unwrap();
    let mut driver = ChromeDriver::start().await;
    let (browser, _) = driver.session(Screen::Desktop).await;

    for (lang, name, email) in [
        ("de", "Jürgen Groß", "juergen@example.org"),
        ("ar", "سميرة حداد", "samira@example.org"),
    ] {
        browser
            .goto(&app.url(&format!("/events/{slug}?lang={lang}")))
            .await
            .unwrap();
        loaded(&browser).await;
        tab_to(&browser, "field-name").await;
        browser
            .active_element()
            .await
            .unwrap()
            .send_keys(name)
            .await
            .unwrap();
        tab_to(&browser, "field-email").await;
        browser
            .active_element()
            .await
            .unwrap()
            .send_keys(email)
            .await
            .unwrap();
        tab_to(&browser, "field-consent").await;
        // Enter on the box sends nothing; Space ticks it.
        press(&browser, Key::Enter).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let path = browser.current_url().await.unwrap().path().to_owned();
        assert_eq!(
            path,
            format!("/events/{slug}"),
            "{lang}: Enter on the box sent the form"
        );
        press(&browser, ' ').await;
        let ticked = browser
            .execute(
                "return document.getElementById('field-consent').checked",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(ticked, json!(true), "{lang}");
        // On to the button, and Enter sends the form.
        press(&browser, Key::Tab).await;
        for _ in 0..20 {
            let tag = browser
                .execute("return document.activeElement.type === 'submit'", vec![])
                .await
                .unwrap();
            if tag == json!(true) {
                break;
            }
            press(&browser, Key::Tab).await;
        }
        press(&browser, Key::Enter).await;
        for _ in 0..100 {
            if browser
                .current_url()
                .await
                .unwrap()
                .path()
                .ends_with("/registered")
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        loaded(&browser).await;
        let url = browser.current_url().await.unwrap();
        assert_eq!(url.path(), format!("/events/{slug}/registered"), "{lang}");
        let html_lang = browser
            .execute("return document.documentElement.lang", vec![])
            .await
            .unwrap();
        assert_eq!(html_lang, json!(lang));
    }
    quit(browser).await;
    let (_, list) = crate::support::app::json(
        app.get(&format!("/api/v1/events/{}/registrations", event["id"]))
            .bearer_auth(app.staff_token().await)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Jürgen Groß", "سميرة حداد"]);
    app.deliver_due_mail().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_each_slot_on_the_manage_page_has_its_radio_button_beside_its_time() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.staff_token().await;
    let event = app
        .published_event(
            &token,
            &merged(info_day(), &json!({"kind": "parents_evening"})),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    let (status, adviser) = crate::support::app::json(
        app.post(&format!("/api/v1/events/{id}/advisers"))
            .bearer_auth(&token)
            .json(&json!({"name": "Frau Yilmaz", "languages": ["de", "tr"], "location": "Raum 2"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201);
    let (status, _) = crate::support::app::json(
        app.post(&format!("/api/v1/events/{id}/slots"))
            .bearer_auth(&token)
            .json(&json!({"adviser_id": adviser["id"],
                          "starts_at": event["starts_at"].as_str().unwrap()[..16],
                          "ends_at": event["ends_at"].as_str().unwrap()[..16],
                          "slot_minutes": 20, "gap_minutes": 5}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201);
    let registered = app
        .registered(
            &event,
            &json!({"name": "Ayşe", "email": "ayse@example.org", "party_size": 1, "consent": true}),
        )
        .await;
    let manage = format!(
        "/r/{}",
        app.token_for(i32::try_from(registered["id"].as_i64().unwrap()).unwrap())
            .await
    );
    app.deliver_due_mail().await;
    let mut driver = ChromeDriver::start().await;
    let (phone, _) = driver.session(Screen::Phone).await;
    for lang in ["de", "fa"] {
        phone
            .goto(&app.url(&format!("{manage}?lang={lang}")))
            .await
            .unwrap();
        loaded(&phone).await;
        let layout = phone
            .execute(
                "return [...document.querySelectorAll('label.slot')].map(l => {
                   const box = l.getBoundingClientRect();
                   const radio = l.querySelector('input').getBoundingClientRect();
                   const line = parseFloat(getComputedStyle(l).lineHeight) || 24;
                   return { height: box.height, line, radio: radio.width };
                 })",
                vec![],
            )
            .await
            .unwrap();
        let slots = layout.as_array().unwrap();
        assert!(!slots.is_empty(), "{lang}: slots to choose");
        for slot in slots {
            assert!(slot["radio"].as_f64().unwrap() < 40.0, "{lang}: {slot}");
            assert!(
                slot["height"].as_f64().unwrap() < 2.0 * slot["line"].as_f64().unwrap(),
                "{lang}: the radio button and its time on one line: {slot}"
            );
        }
    }
    quit(phone).await;
}
