//! What a browser audit of the public and staff pages found, each held by a test: the language
//! switch, titles and focus after a refused form, text in mixed directions and numbers in the
//! page's digits, dates after "until" in Ukrainian and Russian, the focus ring's contrast,
//! landmarks and wide tables on the staff pages, the icon and compression.

use std::io::Read;

use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use serde_json::json;
use treffpunkt::staff::Role;

use crate::both;
use crate::support::smtp::SmtpServer;
use crate::support::{Backend, TestApp, info_day, merged};

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The addresses of the language switch's links, as a browser reads them.
fn switch_links(html: &str) -> Vec<String> {
    let nav = html.split("class=\"languages\"").nth(1).unwrap();
    let nav = nav.split("</nav>").next().unwrap();
    nav.split("href=\"")
        .skip(1)
        .map(|rest| {
            rest.split('"')
                .next()
                .unwrap()
                .replace("&#x2f;", "/")
                .replace("&amp;", "&")
        })
        .collect()
}

fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap()
}

async fn the_language_switch_keeps_the_filters_and_the_result_of_a_registration(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app
        .published(&merged(info_day(), &json!({"capacity": 1})))
        .await;
    let slug = event["slug"].as_str().unwrap();

    let (_, list) = page(&app, "/events?kind=info_day&city=Bonn").await;
    let links = switch_links(&list);
    assert_eq!(links.len(), 7);
    assert!(
        links.contains(&"/events?kind=info_day&city=Bonn&lang=ar".to_owned()),
        "{links:?}"
    );
    let (status, arabic) = page(&app, "/events?kind=info_day&city=Bonn&lang=ar").await;
    assert_eq!(status, 200);
    assert!(
        arabic.contains("<option value=\"info_day\" selected>"),
        "still filtered"
    );

    let result = format!("/events/{slug}/registered?result=waitlisted&position=3");
    let (status, german) = page(&app, &result).await;
    assert_eq!(status, 200);
    for link in switch_links(&german) {
        assert!(
            link.contains("result=waitlisted&position=3&lang="),
            "{link}"
        );
        let (status, _) = page(&app, &link).await;
        assert_eq!(status, 200, "{link}");
    }
}
both!(the_language_switch_keeps_the_filters_and_the_result_of_a_registration);

async fn a_refused_form_says_so_in_its_title_and_takes_the_focus_to_the_summary(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let slug = event["slug"].as_str().unwrap();
    for (lang, prefix) in [("de", "Fehler: "), ("ar", "خطأ: "), ("uk", "Помилка: ")] {
        let response = app
            .post(&format!("/events/{slug}/register?lang={lang}"))
            .form(&[("name", ""), ("email", "nicht-gueltig")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert!(title(&html).starts_with(prefix), "{lang}: {}", title(&html));
        assert!(
            html.contains("id=\"error-summary\" autofocus>"),
            "{lang}: the summary takes the focus"
        );
    }
    let (_, fresh) = page(&app, &format!("/events/{slug}")).await;
    assert!(!title(&fresh).starts_with("Fehler"));
    assert!(!fresh.contains("autofocus"));
}
both!(a_refused_form_says_so_in_its_title_and_takes_the_focus_to_the_summary);

async fn the_404_page_and_the_staff_sub_pages_are_titled_by_what_they_show(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let (status, missing) = page(&app, "/events/gibt-es-nicht").await;
    assert_eq!(status, 404);
    assert_eq!(title(&missing), "Seite nicht gefunden – Treffpunkt");
    let (_, missing) = page(&app, "/nirgends?lang=fa").await;
    assert_eq!(title(&missing), "صفحه پیدا نشد – Treffpunkt");

    let member = app.signed_in(Role::Staff).await;
    let id = &event["id"];
    for (path, name) in [
        (format!("/staff/events/{id}/checkin"), "Einlass"),
        (format!("/staff/events/{id}/register"), "Jemanden anmelden"),
    ] {
        let html = member
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let shown = title(&html);
        assert!(shown.starts_with(name), "{path}: {shown}");
        assert!(shown.contains("Infotag Ausbildung"), "{path}: {shown}");
    }
    let html = member
        .get(app.url("/staff/events/999999"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !title(&html).starts_with("Treffpunkt –"),
        "{}",
        title(&html)
    );
}
both!(the_404_page_and_the_staff_sub_pages_are_titled_by_what_they_show);

async fn language_lists_keep_their_order_and_numbers_use_the_pages_digits(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app
        .published(&merged(
            info_day(),
            &json!({"languages": ["de", "ar", "fa"], "capacity": 12}),
        ))
        .await;
    let slug = event["slug"].as_str().unwrap();
    let isolated = |name: &str| format!("\u{2068}{name}\u{2069}");
    let (_, english) = page(&app, &format!("/events/{slug}?lang=en")).await;
    assert!(
        english.contains(&format!(
            "<dd>{}, {}, {}</dd>",
            isolated("Deutsch"),
            isolated("العربية"),
            isolated("فارسی")
        )),
        "each name isolated, in order"
    );
    let (_, persian) = page(&app, &format!("/events/{slug}?lang=fa")).await;
    assert!(
        persian.contains(&format!(
            "<dd>{}، {}، {}</dd>",
            isolated("Deutsch"),
            isolated("العربية"),
            isolated("فارسی")
        )),
        "the Persian separator"
    );
    let seats = persian
        .split("class=\"seats\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(seats.contains("۱۲"), "{seats}");
    assert!(!seats.chars().any(|c| c.is_ascii_digit()), "{seats}");
    assert!(persian.contains("<option value=\"1\" selected>۱</option>"));
    let (_, arabic) = page(&app, &format!("/events/{slug}?lang=ar")).await;
    assert!(
        arabic.contains("<option value=\"2\">2</option>"),
        "Arabic dates too use 0–9"
    );
    let (_, german) = page(&app, &format!("/events/{slug}")).await;
    assert!(german.contains("<option value=\"2\">2</option>"));
}
both!(language_lists_keep_their_order_and_numbers_use_the_pages_digits);

async fn ukrainian_and_russian_mail_names_the_weekday_after_until_in_the_genitive(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let event = app
        .published(&merged(info_day(), &json!({"double_opt_in": true})))
        .await;
    for lang in ["uk", "ru"] {
        app.registered(
            &event,
            &json!({"name": "Olena", "email": format!("{lang}@example.org"), "party_size": 1,
                    "language": lang, "consent": true}),
        )
        .await;
    }
    app.jobs.tick_at(chrono::Utc::now()).await.unwrap();
    let nominative = [
        "понеділок",
        "вівторок",
        "середа",
        "четвер,",
        "пʼятниця",
        "п'ятниця",
        "субота",
        "неділя",
        "понедельник",
        "вторник",
        "среда",
        "четверг,",
        "пятница",
        "суббота",
        "воскресенье",
    ];
    let received = smtp.received();
    assert_eq!(received.len(), 2);
    for mail in &received {
        let text = mail.parsed().body_text(0).unwrap().into_owned();
        let after = text.split(" до ").nth(1).expect("a date after до");
        assert!(
            !nominative.iter().any(|n| after.starts_with(n)),
            "the weekday after до is in the genitive: {after}"
        );
    }
}
both!(ukrainian_and_russian_mail_names_the_weekday_after_until_in_the_genitive);

async fn staff_landmarks_have_labels_of_their_own_and_wide_tables_take_the_keyboard(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
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
    assert_eq!(status, 201, "{adviser}");
    let starts = event["starts_at"].as_str().unwrap()[..16].to_owned();
    let (status, slots) = crate::support::app::json(
        app.post(&format!("/api/v1/events/{id}/slots"))
            .bearer_auth(&token)
            .json(&json!({"adviser_id": adviser["id"], "starts_at": starts,
                          "ends_at": event["ends_at"].as_str().unwrap()[..16].to_owned(),
                          "slot_minutes": 20, "gap_minutes": 0}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{slots}");
    app.registered(
        &event,
        &json!({"name": "Ayşe", "email": "ayse@example.org", "party_size": 1, "consent": true}),
    )
    .await;
    app.deliver_due_mail().await;
    let member = app.signed_in(Role::Staff).await;
    let fetch = |path: String| {
        let member = member.clone();
        let url = app.url(&path);
        async move { member.get(url).send().await.unwrap().text().await.unwrap() }
    };

    let event_page = fetch(format!("/staff/events/{id}")).await;
    let labels: Vec<&str> = event_page
        .split("aria-labelledby=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let mut unique = labels.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        labels.len(),
        unique.len(),
        "one label per landmark: {labels:?}"
    );

    for path in [
        format!("/staff/events/{id}/slots"),
        format!("/staff/events/{id}/schedule"),
        format!("/staff/events/{id}"),
    ] {
        let html = fetch(path.clone()).await;
        let wraps: Vec<&str> = html
            .split("<div class=\"table-wrap\"")
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap())
            .collect();
        assert!(!wraps.is_empty(), "{path} has a table");
        for wrap in wraps {
            assert!(
                wrap.contains("tabindex=\"0\"") && wrap.contains("role=\"region\""),
                "{path}: a wide table scrolls with the keyboard: {wrap}"
            );
        }
    }
}
both!(staff_landmarks_have_labels_of_their_own_and_wide_tables_take_the_keyboard);

/// The relative luminance of `#rrggbb` (WCAG 2.1).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_focus_ring_stands_out_against_the_page_by_at_least_three_to_one() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let css = app
        .get("/static/style.css")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let variable = |name: &str| -> String {
        let at = css
            .find(&format!("--{name}:"))
            .unwrap_or_else(|| panic!("--{name}"));
        css[at..]
            .split(':')
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_owned()
    };
    let paper = variable("paper");
    let rings: Vec<String> = css
        .split("outline:")
        .skip(1)
        .map(|rest| rest.split(';').next().unwrap().trim().to_owned())
        .filter(|o| o.contains("solid"))
        .collect();
    assert!(!rings.is_empty());
    for ring in rings {
        let colour = ring.split_whitespace().last().unwrap();
        let colour = match colour
            .strip_prefix("var(--")
            .and_then(|c| c.strip_suffix(')'))
        {
            Some(name) => variable(name),
            None => colour.to_owned(),
        };
        let ratio = contrast(&colour, &paper);
        assert!(ratio >= 3.0, "{ring}: {colour} on {paper} is {ratio:.2}:1");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_get_an_icon_and_pages_come_compressed() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let icon = app.get("/favicon.ico").send().await.unwrap();
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()[CONTENT_TYPE], "image/x-icon");
    assert!(icon.bytes().await.unwrap().starts_with(&[0, 0, 1, 0]));

    for path in ["/events", "/privacy?lang=ar", "/static/style.css"] {
        let plain = app.get(path).send().await.unwrap();
        assert_eq!(plain.status(), 200, "{path}");
        assert!(plain.headers().get(CONTENT_ENCODING).is_none(), "{path}");
        assert_eq!(plain.headers()[VARY], "accept-encoding", "{path}");
        let plain = plain.bytes().await.unwrap();

        let packed = app
            .get(path)
            .header(ACCEPT_ENCODING, "gzip, deflate, br")
            .send()
            .await
            .unwrap();
        assert_eq!(packed.headers()[CONTENT_ENCODING], "gzip", "{path}");
        let packed = packed.bytes().await.unwrap();
        assert!(
            packed.len() < plain.len(),
            "{path}: {} of {}",
            packed.len(),
            plain.len()
        );
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, plain, "{path}");
    }
}
