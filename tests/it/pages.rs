//! The public pages in seven languages, and their form errors.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use serde_json::json;

use crate::both;
use crate::support::{Backend, TestApp};

const LANGUAGES: [&str; 7] = ["de", "en", "ar", "uk", "ru", "tr", "fa"];

fn message_ids(lang: &str) -> BTreeSet<String> {
    ids_in(lang, "main.ftl")
}

fn ids_in(lang: &str, file: &str) -> BTreeSet<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/{file}"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let first = id.chars().next()?;
            (first.is_ascii_lowercase()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_owned())
        })
        .collect()
}

#[test]
fn every_language_has_exactly_the_keys_of_german() {
    let german = message_ids("de");
    assert!(german.len() > 50);
    for lang in LANGUAGES {
        let ids = message_ids(lang);
        let missing: Vec<_> = german.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&german).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, not in de {extra:?}"
        );
    }
}

/// The staff pages speak German and English: both files hold the same messages.
#[test]
fn the_staff_pages_have_the_same_keys_in_german_and_english() {
    let german = ids_in("de", "staff.ftl");
    let english = ids_in("en", "staff.ftl");
    assert!(german.len() > 100);
    let missing: Vec<_> = german.difference(&english).collect();
    let extra: Vec<_> = english.difference(&german).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "en: missing {missing:?}, not in de {extra:?}"
    );
}

async fn an_open_event(app: &TestApp) -> serde_json::Value {
    let token = app.staff_token().await;
    let day = (Utc::now() + Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    app.published_event(
        &token,
        &json!({
            "kind": "parents_evening",
            "title": "Elternabend Ausbildung",
            "description": "Mit Dolmetschern für Arabisch und Farsi.",
            "starts_at": format!("{day}T18:00"),
            "ends_at": format!("{day}T20:30"),
            "venue": {"name": "Stadtteilzentrum", "street": "Hauptstr. 1", "postal_code": "44135", "city": "Dortmund"},
            "capacity": 30,
            "double_opt_in": true,
            "languages": ["de", "ar", "fa"],
            "audiences": ["parents"],
        }),
    )
    .await
}

async fn every_page_renders_in_every_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = an_open_event(&app).await;
    let slug = event["slug"].as_str().unwrap();

    for lang in LANGUAGES {
        let dir = if lang == "ar" || lang == "fa" {
            "rtl"
        } else {
            "ltr"
        };
        for path in [
            "/".to_owned(),
            "/events?kind=parents_evening&city=dortmund".to_owned(),
            format!("/events/{slug}"),
            format!("/events/{slug}/registered?result=waitlisted&position=3"),
            "/gibt-es-nicht".to_owned(),
        ] {
            let response = app
                .get(&format!(
                    "{path}{}lang={lang}",
                    if path.contains('?') { '&' } else { '?' }
                ))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let html = response.text().await.unwrap();
            assert!(
                status == 200 || (status == 404 && path == "/gibt-es-nicht"),
                "{lang} {path}: {status}"
            );
            assert!(
                html.contains(&format!(r#"<html lang="{lang}" dir="{dir}">"#)),
                "{lang} {path}"
            );
            assert!(
                !html.contains("event-") && !html.contains("form-") && !html.contains("manage-"),
                "{lang} {path}: an untranslated key"
            );
            // The one script is the service's own, and the pages work without it.
            let own = r#"<script src="/static/forms.js" defer></script>"#;
            let rest = html.replacen(own, "", 1);
            assert!(
                !rest.contains("src=") && !rest.contains("<script"),
                "{lang} {path}: no scripts or images from anywhere else"
            );
            assert!(
                html.contains(r#"<link rel="stylesheet" href="/static/style.css">"#),
                "{lang} {path}: the own stylesheet only"
            );
        }
    }
}
both!(every_page_renders_in_every_language);

async fn the_language_comes_from_the_query_then_the_cookie_then_the_browser(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    let chosen = app
        .get("/events?lang=tr")
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    let cookie = chosen.headers()["set-cookie"].to_str().unwrap().to_owned();
    let remembered = app
        .get("/events")
        .header("cookie", "lang=tr")
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    let browser = app
        .get("/events")
        .header("accept-language", "uk-UA, de;q=0.5")
        .send()
        .await
        .unwrap();
    let fallback = app
        .get("/events")
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap();

    assert!(
        cookie.starts_with("lang=tr;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(chosen.text().await.unwrap().contains(r#"lang="tr""#));
    assert!(remembered.text().await.unwrap().contains(r#"lang="tr""#));
    assert!(browser.text().await.unwrap().contains(r#"lang="uk""#));
    assert!(fallback.text().await.unwrap().contains(r#"lang="de""#));
}
both!(the_language_comes_from_the_query_then_the_cookie_then_the_browser);

async fn a_failed_form_comes_back_in_german_with_messages_and_values(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = an_open_event(&app).await;
    let slug = event["slug"].as_str().unwrap();

    let response = app
        .post(&format!("/events/{slug}/register?lang=de"))
        .form(&[
            ("name", "Jürgen Müller"),
            ("email", "juergen(at)example"),
            ("party_size", "2"),
            ("needs", "Rollstuhl"),
            ("language", "de"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="de" dir="ltr">"#));
    assert!(
        html.contains("Bitte korrigieren Sie 2 Fehler"),
        "error summary"
    );
    assert!(
        html.contains(
            r#"<p class="error" id="error-email">Bitte geben Sie eine gültige E-Mail-Adresse an"#
        ),
        "message next to the field"
    );
    assert!(html.contains("Bitte stimmen Sie der Speicherung zu"));
    assert!(html.contains(r#"value="Jürgen Müller""#), "name kept");
    assert!(html.contains(r#"value="juergen(at)example""#), "email kept");
    assert!(
        html.contains(r#"<option value="2" selected>"#),
        "party size kept"
    );
    assert!(html.contains(">Rollstuhl</textarea>"), "needs kept");
    assert!(
        html.contains(r#"id="field-email" name="email""#)
            && html.contains(r#"aria-describedby="error-email""#)
    );
}
both!(a_failed_form_comes_back_in_german_with_messages_and_values);

async fn a_failed_form_comes_back_in_arabic_right_to_left(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = an_open_event(&app).await;
    let slug = event["slug"].as_str().unwrap();

    let response = app
        .post(&format!("/events/{slug}/register"))
        .header("cookie", "lang=ar")
        .form(&[
            ("name", "أمل حداد"),
            ("email", "amal@example.org"),
            ("party_size", "9"),
            ("language", "ar"),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains(r#"value="أمل حداد""#), "name kept");
    assert!(html.contains(r#"value="amal@example.org""#), "email kept");
    assert!(html.contains(r#"id="error-party_size""#));
    let german = "Bitte wählen Sie zwischen 1 und";
    assert!(
        !html.contains(german),
        "the message is in Arabic, not German"
    );
    assert!(
        html.contains(r#"<input id="field-consent" name="consent" type="checkbox" checked"#),
        "consent kept"
    );
}
both!(a_failed_form_comes_back_in_arabic_right_to_left);

async fn control_characters_in_paths_queries_and_forms_are_refused_before_the_database(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let day = (Utc::now() + Duration::days(20))
        .format("%Y-%m-%d")
        .to_string();
    let event = app
        .published_event(
            &token,
            &json!({"kind": "info_day", "title": "Infotag", "starts_at": format!("{day}T10:00"),
                "ends_at": format!("{day}T12:00"), "venue": {"name": "Haus", "city": "Bonn"},
                "capacity": 10}),
        )
        .await;
    let slug = event["slug"].as_str().unwrap();

    for path in ["/events/x%00y", "/events/x%00y.ics", "/r/abc%00def"] {
        let response = app.get(path).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let response = app.get("/api/v1/events/1%00").send().await.unwrap();
    assert_eq!(response.status(), 404);

    for path in ["/calendar.ics?city=%00", "/events?city=a%00"] {
        let response = app.get(path).send().await.unwrap();
        assert_eq!(response.status(), 422, "{path}");
    }
    let (status, body) =
        crate::support::app::json(app.get("/api/v1/events?city=a%00").send().await.unwrap()).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "validation");
    assert!(body["error"]["fields"]["city"].is_string(), "{body}");

    // Forms: a NUL is refused; a line break in a text area is still welcome.
    let register = format!("/events/{slug}/register");
    let forms = [
        (
            "a NUL in the staff login",
            "/staff/login",
            "email=a%00b&password=whatever-long",
            false,
        ),
        (
            "a NUL in a registration",
            register.as_str(),
            "name=A%00B&email=a%40example.org&party_size=1&language=de&consent=on",
            false,
        ),
        (
            "a line break in the needs of a registration",
            register.as_str(),
            "name=Ada&email=ada%40example.org&party_size=1&language=de&needs=eins%0D%0Azwei&consent=on",
            true,
        ),
    ];
    for (label, path, form, welcome) in forms {
        let response = app
            .post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .unwrap();
        let status = response.status();
        if welcome {
            assert!(status.is_success(), "{label}: {status}");
        } else {
            assert_eq!(status, 422, "{label}");
        }
    }
    // The event is intact.
    let page = app.get(&format!("/events/{slug}")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    app.deliver_due_mail().await;
}
both!(control_characters_in_paths_queries_and_forms_are_refused_before_the_database);

/// A failed page, from a handler or from a layer before any handler, is one page in the
/// language of the request: the public one in any of the seven, the staff one in German or
/// English; only the API answers with the JSON envelope.
async fn a_failed_page_is_shown_once_in_the_language_of_the_request(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let cases = [
        // A handler's failure, and a layer's refusal before routing.
        (
            "/events/gibt-es-nicht?lang=ar",
            None,
            "ar",
            "هذه الصفحة غير موجودة",
        ),
        (
            "/events/x%00y",
            Some("lang=fa"),
            "fa",
            "این صفحه وجود ندارد",
        ),
        (
            "/r/unbekannt",
            Some("lang=uk"),
            "uk",
            "Такої сторінки немає",
        ),
        ("/nirgends", None, "de", "Diese Seite gibt es nicht."),
    ];
    for (path, cookie, lang, text) in cases {
        let mut request = app.get(path);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8",
            "{path}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("lang=\"{lang}\"")), "{path}: {html}");
        assert_eq!(html.matches(text).count(), 1, "{path}: {html}");
    }

    let staff = app.signed_in(treffpunkt::staff::Role::Staff).await;
    for (lang, expected, text) in [
        ("en", "en", "This page does not exist."),
        ("ar", "de", "Diese Seite gibt es nicht."),
    ] {
        let response = staff
            .get(app.url(&format!("/staff/events/999999?lang={lang}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("lang=\"{expected}\"")), "{html}");
        assert!(html.contains(text), "{html}");
    }

    let (status, body) =
        crate::support::app::json(app.get("/api/v1/events/999999").send().await.unwrap()).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
}
both!(a_failed_page_is_shown_once_in_the_language_of_the_request);
