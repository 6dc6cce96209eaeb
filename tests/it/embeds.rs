//! Event lists for partner websites: staff make a list for a partner, the partner's site frames
//! it (and only the sites named may), the same list comes as an Atom feed and as HTML to copy,
//! and a registration through its links records the partner.

use std::time::Duration;

use chrono::Utc;
use fantoccini::{Client, Locator};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use treffpunkt::entities::{partner, registration};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::browser::{ChromeDriver, Screen, quit, screenshot};
use crate::support::{Backend, TestApp, info_day, no_redirects};

async fn add_partner(app: &TestApp, name: &str, code: &str) -> i32 {
    partner::ActiveModel {
        name: Set(name.to_owned()),
        kind: Set("school".to_owned()),
        code: Set(code.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("add partner")
    .id
}

fn event(kind: &str, title: &str, city: &str, days: i64) -> Value {
    let mut body = info_day();
    let day = (Utc::now() + chrono::Duration::days(days)).format("%Y-%m-%d");
    body["kind"] = json!(kind);
    body["title"] = json!(title);
    body["venue"] = json!({"name": "Volkshochschule", "city": city});
    body["starts_at"] = json!(format!("{day}T17:00"));
    body["ends_at"] = json!(format!("{day}T19:00"));
    body["languages"] = json!(["de", "ar"]);
    body
}

/// The list's public key, read from the snippet on its staff page.
fn key_in(page: &str) -> String {
    let page = unescape(page);
    let start = page.find("/embed/").expect("a snippet") + "/embed/".len();
    page[start..start + 16].to_owned()
}

/// The text of a page.
async fn text(client: &reqwest::Client, url: String) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// Creates a list on the staff pages: its id, and its staff page with the snippet.
async fn create_list(
    app: &TestApp,
    staff: &reqwest::Client,
    form: &[(&str, &str)],
) -> (String, String) {
    let created = staff
        .post(app.url("/staff/embeds"))
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let id = location.rsplit('/').next().unwrap().to_owned();
    (id, text(staff, app.url(&location)).await)
}

/// A page's text with the slashes that the templates escape written plainly.
fn unescape(page: &str) -> String {
    page.replace("&#x2f;", "/")
}

/// The entries of an Atom feed, read by Python's XML parser: title and link of each.
fn atom_entries(xml: &str) -> Value {
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
feed = ET.fromstring(sys.stdin.buffer.read())
assert feed.tag == "{http://www.w3.org/2005/Atom}feed", feed.tag
for required in ("a:title", "a:id", "a:updated"):
    assert feed.find(required, ns) is not None, required
entries = [{"title": e.find("a:title", ns).text, "id": e.find("a:id", ns).text,
            "link": e.find("a:link", ns).get("href"), "updated": e.find("a:updated", ns).text}
           for e in feed.findall("a:entry", ns)]
print(json.dumps(entries))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), xml.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the Atom feed parses:\n{xml}");
    serde_json::from_slice(&out.stdout).unwrap()
}

async fn a_partners_list_shows_its_events_and_registrations_through_it_name_the_partner(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let partner_id = add_partner(&app, "Gesamtschule Nord", "gs-nord").await;
    let token = app.staff_token().await;
    let shown = app
        .published_event(
            &token,
            &event("info_day", "Infotag Pflegeberufe", "Jena", 10),
        )
        .await;
    let later = app
        .published_event(&token, &event("info_day", "Infotag Handwerk", "Jena", 20))
        .await;
    app.published_event(
        &token,
        &event("roundtable", "Unternehmerstammtisch", "Jena", 12),
    )
    .await;
    app.published_event(&token, &event("info_day", "Infotag Gera", "Gera", 11))
        .await;
    app.create_event(&token, &event("info_day", "Infotag Entwurf", "Jena", 13))
        .await;
    let staff = app.signed_in(Role::Admin).await;

    // A refused list comes back with each message next to its field, as typed.
    let refused = staff
        .post(app.url("/staff/embeds"))
        .form(&[
            ("label", ""),
            ("lang", "ar"),
            ("max_events", "500"),
            ("origins", "www.gs-nord.de/termine"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let page = unescape(&refused.text().await.unwrap());
    assert!(page.contains(r#"id="error-label""#), "{page}");
    assert!(page.contains("Bitte eine Zahl von 1 bis 50."), "{page}");
    assert!(
        page.contains("„www.gs-nord.de/termine“ ist keine Website-Adresse"),
        "{page}"
    );
    assert!(
        page.contains(">www.gs-nord.de/termine</textarea>"),
        "kept as typed"
    );

    let partner = partner_id.to_string();
    let (id, page) = create_list(
        &app,
        &staff,
        &[
            ("label", "Gesamtschule Nord, Berufsorientierung"),
            ("partner", &partner),
            ("lang", "ar"),
            ("kind", "info_day"),
            ("city", "Jena"),
            ("max_events", "1"),
            ("origins", "https://www.GS-Nord.de/\nhttp://127.0.0.1:9"),
        ],
    )
    .await;
    let key = key_in(&page);
    let page = unescape(&page);
    assert!(
        page.contains("&lt;iframe src="),
        "the snippet to copy: {page}"
    );
    assert!(page.contains(&format!("/embed/{key}.atom")), "the feed");
    assert!(
        page.contains("Infotag Pflegeberufe"),
        "the list as HTML to copy"
    );

    // The framed page: the matching events only, as many as asked, in Arabic, framable by the
    // partner's sites, setting no cookie.
    let framed = no_redirects()
        .get(app.url(&format!("/embed/{key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(framed.status(), 200);
    let headers = framed.headers().clone();
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(
        policy.contains("frame-ancestors https://www.gs-nord.de http://127.0.0.1:9;"),
        "{policy}"
    );
    assert!(headers.get("x-frame-options").is_none());
    assert!(headers.get("set-cookie").is_none());
    let html = unescape(&framed.text().await.unwrap());
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
    let slug = shown["slug"].as_str().unwrap();
    assert!(html.contains("Infotag Pflegeberufe"), "{html}");
    assert!(
        html.contains(&format!("/events/{slug}?lang=ar&amp;via=gs-nord")),
        "{html}"
    );
    for absent in [
        later["title"].as_str().unwrap(),
        "Unternehmerstammtisch",
        "Infotag Gera",
        "Infotag Entwurf",
    ] {
        assert!(!html.contains(absent), "{absent} is not in the list");
    }

    // The same list as Atom.
    let atom = app.get(&format!("/embed/{key}.atom")).send().await.unwrap();
    assert_eq!(
        atom.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let entries = atom_entries(&atom.text().await.unwrap());
    assert_eq!(entries.as_array().unwrap().len(), 1, "{entries}");
    assert_eq!(entries[0]["title"], "Infotag Pflegeberufe");
    assert!(
        entries[0]["link"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/events/{slug}?lang=ar&via=gs-nord")),
        "{entries}"
    );

    // The event page passes the partner's code on; a made-up code is dropped.
    let page = text(
        &no_redirects(),
        app.url(&format!("/events/{slug}?lang=ar&via=gs-nord")),
    )
    .await;
    assert!(page.contains(r#"<input type="hidden" name="via" value="gs-nord">"#));
    let page = text(
        &no_redirects(),
        app.url(&format!("/events/{slug}?via=erfunden")),
    )
    .await;
    assert!(!page.contains(r#"name="via""#));
    // So does the whole list, to which the embedded list links: its events, its filters and
    // its language switch keep the code.
    let list = text(&no_redirects(), app.url("/events?via=gs-nord")).await;
    assert!(
        list.contains(&format!(r#"href="/events/{slug}?via=gs-nord""#)),
        "{list}"
    );
    assert!(list.contains(r#"<input type="hidden" name="via" value="gs-nord">"#));
    assert!(list.contains("via=gs-nord&amp;lang=en"), "{list}");
    let list = text(&no_redirects(), app.url("/events?via=erfunden")).await;
    assert!(!list.contains("via="), "{list}");

    let registered = no_redirects()
        .post(app.url(&format!("/events/{slug}/register")))
        .form(&[
            ("name", "Amal Haddad"),
            ("email", "amal@example.org"),
            ("party_size", "2"),
            ("language", "ar"),
            ("consent", "on"),
            ("via", "gs-nord"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), 303);
    let row = registration::Entity::find()
        .filter(registration::Column::Email.eq("amal@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("registered");
    assert_eq!(row.partner_id, Some(partner_id));
    assert_eq!(row.source, "online", "the visitor registered themselves");

    // Through the API too; an unknown code records no partner.
    let (status, _) = app
        .register(
            &shown,
            &json!({"name": "Oksana Koval", "email": "oksana@example.org", "consent": true, "via": "gs-nord"}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = app
        .register(
            &shown,
            &json!({"name": "Lena Schmidt", "email": "lena@example.org", "consent": true, "via": "erfunden"}),
        )
        .await;
    assert_eq!(status, 201);
    let partners: Vec<(String, Option<i32>)> = registration::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.email.unwrap_or_default(), r.partner_id))
        .collect();
    assert!(partners.contains(&("oksana@example.org".into(), Some(partner_id))));
    assert!(partners.contains(&("lena@example.org".into(), None)));

    // A change reaches the framed page at once; its address stays.
    let changed = staff
        .post(app.url(&format!("/staff/embeds/{id}")))
        .form(&[
            ("label", "Gesamtschule Nord"),
            ("partner", &partner),
            ("lang", "de"),
            ("kind", "info_day"),
            ("city", "Jena"),
            ("max_events", "5"),
            ("origins", "https://schule.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 303);
    let framed = app.get(&format!("/embed/{key}")).send().await.unwrap();
    let policy = framed.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("frame-ancestors https://schule.example;"),
        "{policy}"
    );
    let html = framed.text().await.unwrap();
    assert!(html.contains(r#"<html lang="de" dir="ltr">"#));
    assert!(html.contains("Infotag Handwerk"), "five now: {html}");

    // Removed, the list is a page not found that nobody may frame.
    let removed = staff
        .post(app.url(&format!("/staff/embeds/{id}/remove")))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    let gone = app.get(&format!("/embed/{key}")).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    assert_eq!(gone.headers()["x-frame-options"], "DENY");
    let unknown = app
        .get("/embed/0123456789abcdef.atom")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    let actions = app.audit_actions().await;
    for action in ["embed_created", "embed_changed", "embed_removed"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
    app.deliver_due_mail().await;
}

both!(a_partners_list_shows_its_events_and_registrations_through_it_name_the_partner);

/// A site on an origin of its own (another port of the loopback address): its listener, and
/// the origin.
async fn site() -> (tokio::net::TcpListener, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    (listener, origin)
}

/// Serves a partner's page: the snippet as staff hand it out.
fn serve(listener: tokio::net::TcpListener, snippet: &str) -> tokio::task::JoinHandle<()> {
    let page = format!(
        r#"<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Gesamtschule Nord</title></head>
<body><h1>Berufsorientierung</h1>{snippet}</body></html>"#
    );
    let router = axum::Router::new().route(
        "/",
        axum::routing::get(move || {
            let page = page.clone();
            async move { axum::response::Html(page) }
        }),
    );
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    })
}

/// The framed list's text, or `None` when the browser refused to show it in the frame.
async fn framed_list(browser: &Client) -> Option<String> {
    let frame = browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("iframe"))
        .await
        .expect("an iframe");
    // Give the frame time to load or to be refused.
    tokio::time::sleep(Duration::from_millis(500)).await;
    frame.enter_frame().await.expect("enter the frame");
    let mut text = None;
    for _ in 0..30 {
        if let Ok(list) = browser.find(Locator::Css("body.embed main")).await {
            text = list.text().await.ok();
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.enter_parent_frame().await.expect("leave the frame");
    text
}

/// A school's website frames the office's list; a visitor follows it to an event and
/// registers, and the registration names the school. The same snippet on a site the list does
/// not name stays empty.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_site_frames_the_list_and_a_visitor_registers_through_it_in_a_real_browser() {
    // The list's links lead to the service's public address: here, where the test app listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        config.server.addr.set_port(port);
        config.server.public_url = format!("http://127.0.0.1:{port}");
    })
    .await;
    let partner_id = add_partner(&app, "Gesamtschule Nord", "gs-nord").await;
    let token = app.staff_token().await;
    let mut body = event("info_day", "Infotag Pflegeberufe", "Jena", 10);
    body["double_opt_in"] = json!(false);
    let shown = app.published_event(&token, &body).await;

    // The partner's site is one origin, another site is another; only the first is named.
    let (partner_listener, partner) = site().await;
    let (stranger_listener, stranger) = site().await;
    let staff = app.signed_in(Role::Admin).await;
    let (_, page) = create_list(
        &app,
        &staff,
        &[
            ("label", "Gesamtschule Nord"),
            ("partner", &partner_id.to_string()),
            ("lang", "de"),
            ("max_events", "10"),
            ("origins", &partner),
        ],
    )
    .await;
    let key = key_in(&page);
    let snippet = format!(
        r#"<iframe src="{}" title="Veranstaltungen" style="width:100%;height:30rem;border:0"></iframe>"#,
        app.url(&format!("/embed/{key}"))
    );
    let _partner_server = serve(partner_listener, &snippet);
    let _stranger_server = serve(stranger_listener, &snippet);

    let mut driver = ChromeDriver::start().await;
    let (browser, _) = driver.session(Screen::Phone).await;

    browser.goto(&format!("{stranger}/")).await.unwrap();
    let refused = framed_list(&browser).await;
    assert!(
        refused
            .as_deref()
            .is_none_or(|t| !t.contains("Infotag Pflegeberufe")),
        "a site the list does not name shows it: {refused:?}"
    );

    browser.goto(&format!("{partner}/")).await.unwrap();
    let framed = framed_list(&browser)
        .await
        .expect("the partner's site shows the list");
    assert!(framed.contains("Infotag Pflegeberufe"), "{framed}");
    screenshot(&browser, "embed-partner-site-360").await;

    // Into the frame, and on to the event page at the top.
    let frame = browser.find(Locator::Css("iframe")).await.unwrap();
    frame.enter_frame().await.unwrap();
    browser
        .find(Locator::Css("body.embed h2 a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let slug = shown["slug"].as_str().unwrap();
    for _ in 0..100 {
        if let Ok(url) = browser.current_url().await
            && url.path() == format!("/events/{slug}")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = browser.current_url().await.unwrap();
    assert_eq!(url.path(), format!("/events/{slug}"), "at the top: {url}");
    assert_eq!(url.query(), Some("lang=de&via=gs-nord"));
    // The frame the click came from is gone with the partner's page: back to the top.
    browser.enter_parent_frame().await.unwrap();
    for (field, text) in [
        ("#field-name", "Jürgen Groß"),
        ("#field-email", "juergen@example.org"),
    ] {
        let input = browser
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(field))
            .await
            .unwrap();
        input.send_keys(text).await.unwrap();
    }
    browser
        .find(Locator::Css("#field-consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .find(Locator::Css(
            "main form[action$='/register'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for _ in 0..100 {
        if let Ok(url) = browser.current_url().await
            && url.path().ends_with("/registered")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        browser
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/registered")
    );
    quit(browser).await;
    app.deliver_due_mail().await;

    let row = registration::Entity::find()
        .filter(registration::Column::Email.eq("juergen@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("registered");
    assert_eq!(row.partner_id, Some(partner_id));

    // Staff see where it came from: the list, the export and the report name the partner.
    let id = shown["id"].as_i64().unwrap();
    let page = text(&staff, app.url(&format!("/staff/events/{id}"))).await;
    assert!(page.contains("Partner: Gesamtschule Nord"), "{page}");
    let csv = text(
        &staff,
        app.url(&format!("/api/v1/events/{id}/registrations.csv")),
    )
    .await;
    let line = csv.lines().find(|l| l.contains("juergen@example.org"));
    assert!(
        line.is_some_and(|l| l.ends_with(";Gesamtschule Nord")),
        "{csv}"
    );
    let year = &shown["starts_at"].as_str().unwrap()[..4];
    let report = text(
        &staff,
        app.url(&format!("/staff/report.csv?year={year}&per=year")),
    )
    .await;
    assert!(
        report.contains(&format!(
            "{year};nach Partner;;;;;;Gesamtschule Nord;;1;1;0;0;1"
        )),
        "{report}"
    );
}
