//! Event texts per language in a real headless Chromium on a phone: an Arabic visitor reads an
//! event entered in German and Arabic in Arabic, right to left; a Persian visitor reads the
//! German text, marked as German and laid out left to right inside the Persian page.
//! Screenshots of both at 360 px go to `target/test-artifacts/`.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::support::browser::{ChromeDriver, Screen, quit, screenshot};
use crate::support::{Backend, TestApp};

async fn loaded(browser: &Client, url: &str) {
    browser.goto(url).await.unwrap();
    for _ in 0..100 {
        if browser
            .execute("return document.readyState", vec![])
            .await
            .unwrap()
            == json!("complete")
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not load");
}

/// What the browser made of an element: its text, `lang` as inherited, and its direction.
async fn shown(browser: &Client, selector: &str) -> Value {
    browser
        .execute(
            "const e = document.querySelector(arguments[0]);
             return { text: e.innerText.trim(), lang: e.closest('[lang]').lang,
                      direction: getComputedStyle(e).direction,
                      page: document.documentElement.lang,
                      overflow: document.documentElement.scrollWidth > window.innerWidth };",
            vec![json!(selector)],
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_on_a_phone_read_the_event_in_arabic_and_the_german_text_marked_in_persian() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let event = app
        .published(&json!({
            "kind": "parents_evening",
            "title": "Elternabend: Ausbildung in Deutschland",
            "description": "Wie funktioniert die duale Ausbildung? Betriebe und Berufsschule stellen sich vor, mit Dolmetschern.",
            "directions": "Bus 159 bis Kalk Post, Eingang im Hof",
            "starts_at": "2027-03-12T18:00",
            "ends_at": "2027-03-12T20:30",
            "venue": {"name": "Bürgerhaus Kalk", "postal_code": "51103", "city": "Köln"},
            "capacity": 40,
            "audiences": ["parents"],
            "languages": ["de", "ar", "fa"],
            "translations": {"ar": {
                "title": "أمسية الأهل: التدريب المهني في ألمانيا",
                "description": "كيف يعمل التدريب المهني المزدوج؟ تعرّف على الشركات والمدرسة المهنية، مع مترجمين.",
                "directions": "الحافلة 159 حتى محطة كالك، المدخل من الفناء"
            }}
        }))
        .await;
    let slug = event["slug"].as_str().unwrap();
    let mut driver = ChromeDriver::start().await;

    let (phone, _) = driver.session(Screen::Phone).await;
    loaded(&phone, &app.url(&format!("/events/{slug}?lang=ar"))).await;
    let title = shown(&phone, "h1").await;
    assert_eq!(title["text"], "أمسية الأهل: التدريب المهني في ألمانيا");
    assert_eq!(title["lang"], "ar");
    assert_eq!(title["direction"], "rtl");
    assert_eq!(title["overflow"], false, "no sideways scrolling at 360 px");
    let description = shown(&phone, ".description").await;
    assert_eq!(description["lang"], "ar");
    assert_eq!(description["direction"], "rtl");
    assert_eq!(shown(&phone, ".directions").await["direction"], "rtl");
    screenshot(&phone, "texts-ar-event-phone-360px").await;
    // The calendar file the page offers is in Arabic too.
    let link = phone
        .find(Locator::Css("a[href*='.ics']"))
        .await
        .unwrap()
        .prop("href")
        .await
        .unwrap()
        .unwrap();
    let ics = reqwest::get(&link).await.unwrap().text().await.unwrap();
    assert!(
        ics.contains("SUMMARY;LANGUAGE=ar:أمسية الأهل"),
        "{link}: {ics}"
    );

    loaded(&phone, &app.url(&format!("/events/{slug}?lang=fa"))).await;
    let title = shown(&phone, "h1").await;
    assert_eq!(title["page"], "fa");
    assert_eq!(title["text"], "Elternabend: Ausbildung in Deutschland");
    assert_eq!(
        title["lang"], "de",
        "German inside the Persian page says so"
    );
    assert_eq!(title["direction"], "ltr", "and runs left to right");
    assert_eq!(title["overflow"], false, "no sideways scrolling at 360 px");
    let description = shown(&phone, ".description").await;
    assert_eq!(description["lang"], "de");
    assert_eq!(description["direction"], "ltr");
    let directions = shown(&phone, ".directions").await;
    assert_eq!(directions["lang"], "de");
    assert_eq!(directions["direction"], "ltr");
    screenshot(&phone, "texts-fa-event-phone-360px").await;
    loaded(&phone, &app.url("/events?lang=fa")).await;
    screenshot(&phone, "texts-fa-events-phone-360px").await;
    quit(phone).await;
}
