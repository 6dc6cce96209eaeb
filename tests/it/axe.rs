//! Accessibility tested, not claimed: axe-core (WCAG 2.0 and 2.1, A and AA, and best
//! practices) on every state of the public pages in all seven languages, on a phone (360 px)
//! and a desktop (1280 px), and on every staff page. One browser, many pages; any violation
//! fails the test with the list of what was found where.

use std::time::Duration;

use fantoccini::{Client, Locator};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use treffpunkt::i18n::Lang;
use treffpunkt::staff::Role;

use crate::support::app::{STAFF_PASSWORD, json as read_json};
use crate::support::browser::{ChromeDriver, Screen, quit};
use crate::support::{Backend, TestApp, axe, id_of, info_day, merged};

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

async fn visit(browser: &Client, url: &str) {
    browser.goto(url).await.unwrap();
    loaded(browser).await;
}

/// The public pages, each a path to open (or, for a refused form, the event page whose form is
/// sent empty).
struct Pages {
    list: String,
    events: Vec<String>,
    refused: String,
    results: Vec<String>,
    manage: Vec<String>,
    others: Vec<String>,
}

async fn public_pages(app: &TestApp, token: &str) -> Pages {
    let info = app
        .published_event(
            token,
            &merged(
                info_day(),
                &json!({"languages": ["de", "ar", "fa"], "capacity": 1, "description": "Betriebe stellen sich vor.",
                        "directions": "Bus 159 bis Kalk Post",
                        "translations": {"ar": {"title": "يوم التدريب المهني", "description": "الشركات تقدم نفسها."}}}),
            ),
        )
        .await;
    let roundtable = app
        .published_event(
            token,
            &merged(
                info_day(),
                &json!({"kind": "roundtable", "title": "Unternehmerstammtisch"}),
            ),
        )
        .await;
    let evening = app
        .published_event(
            token,
            &merged(
                info_day(),
                &json!({"kind": "parents_evening", "title": "Elternabend", "capacity": 30}),
            ),
        )
        .await;
    let id = id_of(&evening);
    let (status, adviser) = read_json(
        app.post(&format!("/api/v1/events/{id}/advisers"))
            .bearer_auth(token)
            .json(&json!({"name": "Frau Yilmaz", "languages": ["de", "tr"], "location": "Raum 2"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{adviser}");
    let (status, slots) = read_json(
        app.post(&format!("/api/v1/events/{id}/slots"))
            .bearer_auth(token)
            .json(&json!({"adviser_id": adviser["id"],
                          "starts_at": evening["starts_at"].as_str().unwrap()[..16],
                          "ends_at": evening["ends_at"].as_str().unwrap()[..16],
                          "slot_minutes": 20, "gap_minutes": 5}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{slots}");
    let person = |name: &str, email: &str| json!({"name": name, "email": email, "party_size": 1, "consent": true});
    let with_slots = app
        .registered(&evening, &person("Ayşe Öztürk", "ayse@example.org"))
        .await;
    let without = app
        .registered(&info, &person("Samira Haddad", "samira@example.org"))
        .await;
    let waiting = app
        .registered(&info, &person("Reza Ahmadi", "reza@example.org"))
        .await;
    assert_eq!(waiting["status"], "waitlisted");
    let slug = |e: &Value| e["slug"].as_str().unwrap().to_owned();
    let manage = vec![
        format!("/r/{}", app.token_for(id_of(&with_slots)).await),
        format!("/r/{}", app.token_for(id_of(&without)).await),
        format!("/r/{}", app.token_for(id_of(&waiting)).await),
    ];
    let registered = format!("/events/{}/registered", slug(&info));
    Pages {
        list: "/events".to_owned(),
        events: vec![
            format!("/events/{}", slug(&info)),
            format!("/events/{}", slug(&roundtable)),
            format!("/events/{}", slug(&evening)),
        ],
        refused: format!("/events/{}", slug(&roundtable)),
        results: vec![
            format!("{registered}?result=pending"),
            format!("{registered}?result=confirmed"),
            format!("{registered}?result=waitlisted&position=2"),
            format!("{registered}?result=already"),
            format!("{registered}?result=code&attempt=0123456789abcdef"),
        ],
        manage,
        others: vec![
            "/privacy".to_owned(),
            "/erased".to_owned(),
            "/alerts".to_owned(),
            "/alerts/sent".to_owned(),
            "/events/gibt-es-nicht".to_owned(),
            "/events?kind=info_day&city=Bonn".to_owned(),
        ],
    }
}

fn with_lang(path: &str, lang: Lang) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}lang={lang}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_public_page_in_every_language_and_every_staff_page_passes_axe() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.staff_token().await;
    let pages = public_pages(&app, &token).await;
    app.deliver_due_mail().await;
    let mut driver = ChromeDriver::start().await;
    let mut found = Vec::new();
    let mut checked = 0;

    // The engine itself: a page with an image without text and a field without a label fails.
    let (browser, _) = driver.session(Screen::Desktop).await;
    visit(
        &browser,
        "data:text/html;charset=utf-8,<!doctype html><html lang=de><title>x</title><main><img src=x.png><input></main></html>",
    )
    .await;
    let broken = axe::violations(&browser, "a broken page").await;
    for rule in ["image-alt", "label"] {
        assert!(
            broken.iter().any(|v| v.contains(&format!(": {rule} ("))),
            "axe finds {rule}: {broken:?}"
        );
    }
    quit(browser).await;

    for (screen, width) in [(Screen::Phone, 360), (Screen::Desktop, 1280)] {
        let (browser, _) = driver.session(screen).await;
        for lang in Lang::ALL {
            let mut paths = vec![pages.list.clone()];
            paths.extend(pages.events.iter().cloned());
            paths.extend(pages.results.iter().cloned());
            paths.extend(pages.manage.iter().cloned());
            paths.extend(pages.others.iter().cloned());
            for path in &paths {
                visit(&browser, &app.url(&with_lang(path, lang))).await;
                found.extend(axe::violations(&browser, &format!("{path} {lang} {width}px")).await);
                checked += 1;
            }
            // The form sent empty: the page again with its messages.
            visit(&browser, &app.url(&with_lang(&pages.refused, lang))).await;
            browser
                .find(Locator::Css(
                    "form[action$='/register'] button[type=submit]",
                ))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            let what = format!("{} refused {lang} {width}px", pages.refused);
            // The click may return before the answer replaces the page: wait for the new page,
            // then for the browser to give its autofocus.
            browser
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css("#error-summary"))
                .await
                .unwrap_or_else(|e| panic!("{what}: no error summary: {e}"));
            loaded(&browser).await;
            let mut summary = json!("");
            for _ in 0..40 {
                summary = browser
                    .execute("return document.activeElement.id", vec![])
                    .await
                    .unwrap();
                if summary == json!("error-summary") {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert_eq!(
                summary,
                json!("error-summary"),
                "{what}: focus on the summary"
            );
            found.extend(axe::violations(&browser, &what).await);
            checked += 1;
        }
        quit(browser).await;
    }

    // Every staff page, signed in as an admin, on a desktop.
    let (browser, _) = driver.session(Screen::Desktop).await;
    let email = app.staff_account(Role::Admin).await;
    visit(&browser, &app.url("/staff/login")).await;
    found.extend(axe::violations(&browser, "/staff/login").await);
    browser
        .find(Locator::Css("#field-email"))
        .await
        .unwrap()
        .send_keys(&email)
        .await
        .unwrap();
    browser
        .find(Locator::Css("#field-password"))
        .await
        .unwrap()
        .send_keys(STAFF_PASSWORD)
        .await
        .unwrap();
    browser
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    loaded(&browser).await;
    let (_, list) = read_json(
        app.get("/api/v1/events")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let ids: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    let evening = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "parents_evening")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let first = ids[0];
    let roundtable = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "roundtable")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let list_for_partners = treffpunkt::embeds::create(
        &app.db,
        treffpunkt::staff::audit::Actor::System,
        &treffpunkt::embeds::EmbedInput {
            label: "Gesamtschule Nord".into(),
            lang: "ar".into(),
            max_events: "5".into(),
            origins: "https://www.gs-nord.example".into(),
            ..Default::default()
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    // A school with a person invited, whose pages are checked below.
    let point = treffpunkt::staff::points::list(&app.db, &app.config.office)
        .await
        .unwrap()[0]
        .id;
    let school = treffpunkt::partner_accounts::create(
        &app.db,
        treffpunkt::staff::audit::Actor::System,
        &treffpunkt::staff::points::Scope::All,
        treffpunkt::partner_accounts::PartnerInput {
            name: "Regelschule Am Rieth".into(),
            kind: "school".into(),
            point_id: Some(point),
            ..Default::default()
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap()
    .partner
    .id;
    treffpunkt::partner_accounts::invite(
        &app.db,
        treffpunkt::staff::audit::Actor::System,
        &treffpunkt::staff::points::Scope::All,
        school,
        treffpunkt::partner_accounts::InviteInput {
            name: "Jana Berger".into(),
            email: "jana@schule.example.org".into(),
            lang: Lang::De,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let mut staff_paths = vec![
        "/staff".to_owned(),
        "/staff/partners".to_owned(),
        format!("/staff/partners/{school}"),
        "/staff/events/new".to_owned(),
        "/staff/accounts".to_owned(),
        "/staff/points".to_owned(),
        format!("/staff/points/{point}"),
        "/staff/embeds".to_owned(),
        format!("/staff/embeds/{}", list_for_partners.id),
        format!("/staff/events/{first}/messages"),
        "/staff/audit".to_owned(),
        "/staff/report".to_owned(),
        format!("/staff/events/{first}/edit"),
        format!("/staff/events/{first}/register"),
        format!("/staff/events/{first}/checkin"),
        format!("/staff/events/{roundtable}/series"),
        format!("/staff/events/{first}/publish"),
        format!("/staff/events/{first}/cancel"),
        format!("/staff/events/{evening}/slots"),
        format!("/staff/events/{evening}/schedule"),
        "/staff/events/999999".to_owned(),
    ];
    staff_paths.extend(ids.iter().map(|id| format!("/staff/events/{id}")));
    for path in &staff_paths {
        visit(&browser, &app.url(path)).await;
        found.extend(axe::violations(&browser, path).await);
        checked += 1;
    }
    // The embedded list itself, as a partner's page frames it.
    let framed = format!("/embed/{}", list_for_partners.key);
    visit(&browser, &app.url(&framed)).await;
    found.extend(axe::violations(&browser, &framed).await);
    checked += 1;
    // A staff form refused.
    visit(&browser, &app.url("/staff/events/new")).await;
    browser
        .find(Locator::Css("form.event-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    loaded(&browser).await;
    found.extend(axe::violations(&browser, "/staff/events/new refused").await);
    quit(browser).await;

    // The invited person's pages: setting the password, the events, registering a family (also
    // refused), the registrations.
    let (browser, _) = driver.session(Screen::Phone).await;
    let invitation = treffpunkt::entities::outbox::Entity::find()
        .filter(treffpunkt::entities::outbox::Column::Kind.eq("invitation"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let payload: Value = serde_json::from_str(&invitation.payload).unwrap();
    let link = format!("/invite/{}", payload["token"].as_str().unwrap());
    visit(&browser, &app.url(&link)).await;
    found.extend(axe::violations(&browser, "/invite/{token}").await);
    for (field, value) in [
        ("#field-password", "kurz"),
        ("#field-password_again", "kurz"),
    ] {
        browser
            .find(Locator::Css(field))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    browser
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#error-summary"))
        .await
        .unwrap();
    loaded(&browser).await;
    found.extend(axe::violations(&browser, "/invite/{token} refused").await);
    for field in ["#field-password", "#field-password_again"] {
        let input = browser.find(Locator::Css(field)).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(STAFF_PASSWORD).await.unwrap();
    }
    browser
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("a[href^='/partner/events/']"))
        .await
        .unwrap();
    loaded(&browser).await;
    found.extend(axe::violations(&browser, "/partner").await);
    let register = format!("/partner/events/{first}/register");
    visit(&browser, &app.url(&register)).await;
    found.extend(axe::violations(&browser, &register).await);
    browser
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#error-summary"))
        .await
        .unwrap();
    loaded(&browser).await;
    found.extend(axe::violations(&browser, &format!("{register} refused")).await);
    browser
        .find(Locator::Css("#field-name"))
        .await
        .unwrap()
        .send_keys("Familie Haddad")
        .await
        .unwrap();
    browser
        .find(Locator::Css("#field-consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("form[action$='/cancel']"))
        .await
        .unwrap();
    loaded(&browser).await;
    found.extend(axe::violations(&browser, "/partner/registrations").await);
    crate::support::browser::screenshot(&browser, "partner-registrations-phone").await;
    checked += 6;
    quit(browser).await;
    app.deliver_due_mail().await;

    assert!(checked > 200, "{checked} pages checked");
    assert!(
        found.is_empty(),
        "{} accessibility violations:\n{}",
        found.len(),
        found.join("\n")
    );
}
