//! The staff pages and exports through HTTP: sign-in, sessions in the database, roles,
//! cross-site requests, throttled logins, the event form, check-in, exports and the audit log.

use std::net::{IpAddr, Ipv4Addr};

use calamine::Reader;
use chrono::{Duration, Utc};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use treffpunkt::entities::{audit_log, event, session, staff};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::app::STAFF_PASSWORD;
use crate::support::{Backend, TestApp, info_day};

/// A browser-like client: keeps cookies, does not follow redirects.
fn client_from(address: IpAddr) -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .local_address(address)
        .build()
        .unwrap()
}

fn client() -> Client {
    client_from(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

async fn login(app: &TestApp, client: &Client, email: &str, password: &str) -> reqwest::Response {
    client
        .post(app.url("/staff/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn anonymous_visitors_are_sent_to_the_login_page_and_staff_apis_answer_401(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let id = &event["id"];
    let anonymous = client();
    let pages = [
        "/staff".to_owned(),
        "/staff/events/new".to_owned(),
        format!("/staff/events/{id}"),
        format!("/staff/events/{id}/edit"),
        format!("/staff/events/{id}/publish"),
        format!("/staff/events/{id}/cancel"),
        format!("/staff/events/{id}/register"),
        format!("/staff/events/{id}/checkin"),
        format!("/staff/events/{id}/messages"),
        format!("/staff/events/{id}/poster.pdf"),
        format!("/staff/events/{id}/qr.png"),
        "/staff/accounts".to_owned(),
        "/staff/audit".to_owned(),
    ];
    for path in &pages {
        let response = anonymous.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "GET {path}");
        assert_eq!(location(&response), "/staff/login", "GET {path}");
    }
    let posts = [
        "/staff/events".to_owned(),
        format!("/staff/events/{id}"),
        format!("/staff/events/{id}/publish"),
        format!("/staff/events/{id}/cancel"),
        format!("/staff/events/{id}/register"),
        format!("/staff/events/{id}/messages"),
        "/staff/registrations/1/checkin".to_owned(),
        "/staff/accounts".to_owned(),
        "/staff/accounts/1/tokens".to_owned(),
        "/staff/tokens/1/revoke".to_owned(),
    ];
    for path in &posts {
        let response = anonymous
            .post(app.url(path))
            .form(&[("title", "x"), ("present", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "POST {path}");
        assert_eq!(location(&response), "/staff/login", "POST {path}");
    }
    for path in [
        format!("/api/v1/events/{id}/registrations"),
        format!("/api/v1/events/{id}/registrations.csv"),
        format!("/api/v1/events/{id}/registrations.xlsx"),
    ] {
        let response = anonymous.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "GET {path}");
        let response = anonymous
            .get(app.url(&path))
            .bearer_auth("tp_not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "GET {path} with a bad token"
        );
    }
    // Nothing changed and nothing was recorded.
    assert_eq!(event::Entity::find().count(&app.db).await.unwrap(), 1);
    assert!(app.audit_actions().await.is_empty());
    // The login page itself is open, in German.
    let page = anonymous.get(app.url("/staff/login")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<form method="post" action="/staff/login""#));
    assert!(html.contains(r#"name="email""#) && html.contains(r#"name="password""#));
    assert!(html.contains("Passwort"));
}
both!(anonymous_visitors_are_sent_to_the_login_page_and_staff_apis_answer_401);

async fn a_session_lives_in_the_database_and_any_instance_serves_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.signed_in(Role::Staff).await;
    let dashboard = client.get(app.url("/staff")).send().await.unwrap();
    assert_eq!(dashboard.status(), 200);
    assert_eq!(dashboard.headers()["cache-control"], "no-store");
    assert!(
        dashboard
            .text()
            .await
            .unwrap()
            .contains("Kommende Veranstaltungen")
    );
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);

    // A second instance on the same database knows the session.
    let other = app.another_instance().await;
    let there = client.get(other.url("/staff")).send().await.unwrap();
    assert_eq!(there.status(), 200, "the other instance serves the session");

    let out = client.post(app.url("/staff/logout")).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/staff/login");
    let after = client.get(other.url("/staff")).send().await.unwrap();
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "signed out everywhere"
    );
    assert_eq!(app.audit_actions().await, ["login", "logout"]);
}
both!(a_session_lives_in_the_database_and_any_instance_serves_it);

async fn the_session_cookie_is_http_only_and_same_site_lax(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_account(Role::Staff).await;
    let response = login(&app, &client(), &email, STAFF_PASSWORD).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("treffpunkt_staff="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");

    let https = TestApp::spawn_with(backend, |c| {
        c.server.public_url = "https://treffpunkt.example".into();
    })
    .await;
    let email = https.staff_account(Role::Staff).await;
    let response = login(&https, &client(), &email, STAFF_PASSWORD).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("Secure"), "behind https: {cookie}");
}
both!(the_session_cookie_is_http_only_and_same_site_lax);

async fn staff_without_the_admin_role_cannot_manage_accounts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let member = app.signed_in(Role::Staff).await;
    for path in ["/staff/accounts", "/staff/audit"] {
        let response = member.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "GET {path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("nur für Administratorinnen")
        );
    }
    let accounts_before = staff::Entity::find().count(&app.db).await.unwrap();
    let add = member
        .post(app.url("/staff/accounts"))
        .form(&[
            ("email", "neu@example.org"),
            ("name", "Neu"),
            ("role", "admin"),
            ("password", STAFF_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(add.status(), StatusCode::FORBIDDEN);
    let token = member
        .post(app.url("/staff/accounts/1/tokens"))
        .form(&[("label", "mine")])
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        staff::Entity::find().count(&app.db).await.unwrap(),
        accounts_before
    );
    // The dashboard does not offer what the role cannot do.
    let html = member
        .get(app.url("/staff"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains(r#"href="/staff/accounts""#));

    // An admin can: add an account, create a token that the API accepts, revoke it.
    let admin = app.signed_in(Role::Admin).await;
    let add = admin
        .post(app.url("/staff/accounts"))
        .form(&[
            ("email", "Neu@Example.org"),
            ("name", "Neue Kollegin"),
            ("role", "staff"),
            ("password", STAFF_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(add.status(), StatusCode::SEE_OTHER);
    let new = staff::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.email == "neu@example.org")
        .expect("account added");
    let page = admin
        .post(app.url(&format!("/staff/accounts/{}/tokens", new.id)))
        .form(&[("label", "Tabellen-Skript")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let token = html
        .split(r#"<code id="new-token">"#)
        .nth(1)
        .and_then(|rest| rest.split("</code>").next())
        .expect("the new token is shown")
        .to_owned();
    let api = reqwest::Client::new();
    let listed = api
        .get(app.url("/api/v1/events?status=draft"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200, "the new token works");
    let token_id = treffpunkt::entities::api_token::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.staff_id == new.id)
        .unwrap()
        .id;
    let revoke = admin
        .post(app.url(&format!("/staff/tokens/{token_id}/revoke")))
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::SEE_OTHER);
    let refused = api
        .get(app.url("/api/v1/events"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401, "a revoked token stops working");
    let actions = app.audit_actions().await;
    for action in ["account_added", "token_created", "token_revoked"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}
both!(staff_without_the_admin_role_cannot_manage_accounts);

async fn a_cross_site_post_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let member = app.signed_in(Role::Staff).await;
    let day = (Utc::now() + Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let form = [
        ("kind", "roundtable"),
        ("title", "Stammtisch"),
        ("starts_at", &format!("{day}T19:00")),
        ("ends_at", &format!("{day}T21:00")),
        ("venue_name", "Rathaus"),
        ("venue_city", "Bonn"),
        ("max_party_size", "2"),
        ("languages", "de"),
        ("reminders", "1d"),
    ];
    let foreign = [
        (
            "Origin and Sec-Fetch-Site",
            vec![
                ("origin", "https://evil.example".to_owned()),
                ("sec-fetch-site", "cross-site".to_owned()),
            ],
        ),
        (
            "Origin alone",
            vec![("origin", "https://evil.example".to_owned())],
        ),
        (
            "Referer alone",
            vec![("referer", "http://evil.example/x".to_owned())],
        ),
    ];
    for (label, headers) in &foreign {
        let mut request = member.post(app.url("/staff/events")).form(&form);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{label}");
    }
    assert_eq!(event::Entity::find().count(&app.db).await.unwrap(), 1);
    // The public form is protected the same way.
    let register = format!("/events/{}/register", event["slug"].as_str().unwrap());
    for (label, name, value) in [
        ("Sec-Fetch-Site", "sec-fetch-site", "cross-site"),
        ("Referer", "referer", "http://evil.example/x"),
    ] {
        let response = client()
            .post(app.url(&register))
            .header(name, value)
            .form(&[("name", "X"), ("email", "x@example.org"), ("consent", "on")])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "public form, {label}"
        );
    }

    // From the app's own pages the same request passes, each storing an event.
    let own = [
        (
            "a Referer of its own, without Origin",
            vec![("referer", app.url("/staff/events/new"))],
        ),
        (
            "Origin and Sec-Fetch-Site of its own",
            vec![
                ("origin", app.base.clone()),
                ("sec-fetch-site", "same-origin".to_owned()),
            ],
        ),
    ];
    for (stored, (label, headers)) in (2..).zip(&own) {
        let mut request = member.post(app.url("/staff/events")).form(&form);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{label}");
        assert_eq!(
            event::Entity::find().count(&app.db).await.unwrap(),
            stored,
            "{label}"
        );
    }
}
both!(a_cross_site_post_is_refused);

/// The value of the staff session cookie that `response` sets, if any.
fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("treffpunkt_staff="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

async fn a_sign_in_never_keeps_the_session_id_the_browser_arrived_with(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let intruder = app.staff_account(Role::Staff).await;
    let victim = app.staff_account(Role::Admin).await;
    // Cookies by hand: the test plays both the one who plants and the next user.
    let bare = Client::builder().redirect(Policy::none()).build().unwrap();
    let form = |email: &str| {
        [
            ("email", email.to_owned()),
            ("password", STAFF_PASSWORD.to_owned()),
        ]
    };
    let planted = bare
        .post(app.url("/staff/login"))
        .form(&form(&intruder))
        .send()
        .await
        .unwrap();
    assert_eq!(planted.status(), StatusCode::SEE_OTHER);
    let planted = session_cookie(&planted).expect("a session cookie");

    // The next person signs in in the same browser, with the planted cookie.
    let signed_in = bare
        .post(app.url("/staff/login"))
        .header("cookie", format!("treffpunkt_staff={planted}"))
        .form(&form(&victim))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let fresh = session_cookie(&signed_in).expect("a new session cookie");
    assert_ne!(fresh, planted, "the session id is renewed");

    // The planted cookie is signed in as nobody now, the new one as the victim.
    let with = |cookie: &str| {
        bare.get(app.url("/staff/accounts"))
            .header("cookie", format!("treffpunkt_staff={cookie}"))
            .send()
    };
    let old = with(&planted).await.unwrap();
    assert_eq!(old.status(), StatusCode::SEE_OTHER);
    assert!(location(&old).starts_with("/staff/login"));
    assert_eq!(with(&fresh).await.unwrap().status(), StatusCode::OK);

    // Signing out ends the session: its cookie no longer signs anyone in.
    let out = bare
        .post(app.url("/staff/logout"))
        .header("cookie", format!("treffpunkt_staff={fresh}"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let after = with(&fresh).await.unwrap();
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
}
both!(a_sign_in_never_keeps_the_session_id_the_browser_arrived_with);

async fn five_wrong_passwords_in_a_row_are_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_account(Role::Staff).await;
    let other = app.staff_account(Role::Staff).await;
    let here = client();
    for attempt in 1..=5 {
        let response = login(&app, &here, &email, "wrong-password").await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains("stimmen nicht"), "attempt {attempt}");
        assert!(
            html.contains(&format!(r#"value="{email}""#)),
            "the email is kept"
        );
    }
    // The sixth try is refused even with the right password.
    let throttled = login(&app, &here, &email, STAFF_PASSWORD).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.headers().contains_key("retry-after"));
    assert!(throttled.text().await.unwrap().contains("Zu viele"));
    // Per address: another account from the same address is throttled too.
    let same_address = login(&app, &here, &other, STAFF_PASSWORD).await;
    assert_eq!(same_address.status(), StatusCode::TOO_MANY_REQUESTS);
    // Per account: the same account from another address is throttled too ...
    let elsewhere = client_from(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)));
    let same_account = login(&app, &elsewhere, &email, STAFF_PASSWORD).await;
    assert_eq!(same_account.status(), StatusCode::TOO_MANY_REQUESTS);
    // ... while another account from another address signs in.
    let fine = login(&app, &elsewhere, &other, STAFF_PASSWORD).await;
    assert_eq!(fine.status(), StatusCode::SEE_OTHER);
    // A minute later the failures no longer count (the clock moves, nobody waits).
    let later = Utc::now() + Duration::seconds(61);
    app_jobs_purge(&app, later).await;
    let again = login(&app, &client(), &email, STAFF_PASSWORD).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
}
both!(five_wrong_passwords_in_a_row_are_throttled);

/// Runs the periodic clean-up as if the clock showed `now`.
async fn app_jobs_purge(app: &TestApp, now: chrono::DateTime<Utc>) {
    let purged = treffpunkt::staff::throttle::purge(&app.db, now)
        .await
        .unwrap();
    assert!(purged >= 5, "purged {purged}");
}

async fn the_event_form_shows_the_domain_messages_by_their_fields_and_keeps_the_values(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let member = app.signed_in(Role::Staff).await;
    let response = member
        .post(app.url("/staff/events"))
        .form(&[
            ("kind", "info_day"),
            ("title", "Infotag für Eltern – Übergang in den Beruf"),
            ("starts_at", "2030-03-31T02:30"),
            ("ends_at", "2030-03-31T01:00"),
            ("capacity", "viele"),
            ("max_party_size", "3"),
            ("venue_postal_code", "123"),
            ("venue_city", "Düren"),
            ("languages", "de, xx"),
            ("reminders", "1d"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"value="Infotag für Eltern – Übergang in den Beruf""#),
        "title kept"
    );
    assert!(html.contains(r#"value="viele""#), "capacity kept");
    for (field, message) in [
        ("starts_at", "Zeitumstellung"),
        ("capacity", "ganze Zahl"),
        ("venue_postal_code", "fünf Ziffern"),
        ("languages", "Sprachkürzel"),
    ] {
        let by_field = format!(r#"<p class="error" id="error-{field}">"#);
        let at = html
            .find(&by_field)
            .unwrap_or_else(|| panic!("no message for {field}"));
        assert!(
            html[at..].split("</p>").next().unwrap().contains(message),
            "{field}"
        );
        assert!(html.contains(&format!(r#"aria-describedby="error-{field}""#)));
    }
    assert_eq!(event::Entity::find().count(&app.db).await.unwrap(), 0);

    // English pages speak English.
    let english = member
        .post(app.url("/staff/events?lang=en"))
        .form(&[("kind", "info_day"), ("title", ""), ("max_party_size", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(english.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        english
            .text()
            .await
            .unwrap()
            .contains("Please fill in this field.")
    );
}
both!(the_event_form_shows_the_domain_messages_by_their_fields_and_keeps_the_values);

async fn staff_register_on_behalf_check_in_and_the_audit_log_shows_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let id = event["id"].as_i64().unwrap();
    let member = app.signed_in(Role::Staff).await;
    let registered = member
        .post(app.url(&format!("/staff/events/{id}/register")))
        .form(&[
            ("name", "Ayşe Öztürk"),
            ("email", ""),
            ("phone", "0221 123456"),
            ("party_size", "2"),
            ("language", "tr"),
            ("interpreter", "tr"),
            ("needs", "Kinderbetreuung"),
            ("consent", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), StatusCode::SEE_OTHER);
    let page = location(&registered);
    let reg_id: i32 = page.rsplit('=').next().unwrap().parse().unwrap();
    let reg = treffpunkt::registrations::get(&app.db, reg_id)
        .await
        .unwrap();
    assert_eq!(reg.source.as_str(), "staff");
    assert_eq!(reg.status.as_str(), "confirmed");
    assert_eq!(reg.email, None);

    let html = member
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Ayşe Öztürk") && html.contains("Büro"));
    assert!(html.contains("Türkçe"), "interpreter summary: {html}");
    // The search finds by name and by phone digits, and leaves others out.
    let found = member
        .get(app.url(&format!("/staff/events/{id}?q=öztürk")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(found.contains("Ayşe Öztürk"));
    let none = member
        .get(app.url(&format!("/staff/events/{id}?q=Müller")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!none.contains("Ayşe Öztürk"));
    assert!(none.contains("Keine Anmeldungen gefunden"));

    let door = format!("/staff/events/{id}/checkin");
    let before = member
        .get(app.url(&door))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        before.contains("0 Personen da") && before.contains("2 fehlen"),
        "{before}"
    );
    let checked = member
        .post(app.url(&format!("/staff/registrations/{reg_id}/checkin")))
        .form(&[("present", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(checked.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&checked), format!("{door}#r{reg_id}"));
    let after = member
        .get(app.url(&door))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        after.contains("2 Personen da") && after.contains("0 fehlen"),
        "{after}"
    );
    assert!(
        treffpunkt::registrations::get(&app.db, reg_id)
            .await
            .unwrap()
            .checked_in_at
            .is_some()
    );
    let undo = member
        .post(app.url(&format!("/staff/registrations/{reg_id}/checkin")))
        .form(&[("present", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(undo.status(), StatusCode::SEE_OTHER);
    assert!(
        treffpunkt::registrations::get(&app.db, reg_id)
            .await
            .unwrap()
            .checked_in_at
            .is_none()
    );

    assert_eq!(
        app.audit_actions().await,
        [
            "login",
            "registered_on_behalf",
            "checked_in",
            "check_in_undone"
        ]
    );
    let rows: Vec<_> = audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.actor == "staff")
        .collect();
    assert!(
        rows.iter()
            .skip(1)
            .all(|r| r.event_id == Some(i32::try_from(id).unwrap()))
    );
    assert!(
        rows.iter()
            .skip(1)
            .all(|r| r.registration_id == Some(reg_id))
    );

    // An admin reads the log, which names no participant.
    let admin = app.signed_in(Role::Admin).await;
    let log = admin.get(app.url("/staff/audit")).send().await.unwrap();
    assert_eq!(log.status(), 200);
    let log = log.text().await.unwrap();
    for text in [
        "Person angemeldet",
        "Einlass rückgängig",
        &format!("Anmeldung {reg_id}"),
    ] {
        assert!(log.contains(text), "{text}");
    }
    assert!(!log.contains("Öztürk"), "no participant names in the log");
}
both!(staff_register_on_behalf_check_in_and_the_audit_log_shows_it);

/// A walk-in gives neither email nor phone: the form says beforehand that no message can reach
/// such a person, the registration is kept, the page after it says so again, and the list marks
/// the row, while a registration with a phone is shown with its number.
async fn a_walk_in_without_email_or_phone_is_registered_and_marked_as_unreachable(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let id = event["id"].as_i64().unwrap();
    let member = app.signed_in(Role::Staff).await;
    let form = member
        .get(app.url(&format!("/staff/events/{id}/register")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("id=\"walk-in-hint\"")
            && form.contains("Dann kann die Person aber keine Nachricht mehr erreichen"),
        "{form}"
    );
    let register = |name: &'static str, phone: &'static str| {
        member
            .post(app.url(&format!("/staff/events/{id}/register")))
            .form(&[
                ("name", name),
                ("email", ""),
                ("phone", phone),
                ("party_size", "1"),
                ("language", "de"),
                ("consent", "on"),
            ])
            .send()
    };
    let walk_in = register("Leyla Ahmadi", "").await.unwrap();
    assert_eq!(walk_in.status(), StatusCode::SEE_OTHER);
    let page = location(&walk_in);
    let walk_in_id: i32 = page.rsplit('=').next().unwrap().parse().unwrap();
    let stored = treffpunkt::registrations::get(&app.db, walk_in_id)
        .await
        .unwrap();
    assert_eq!((stored.email, stored.phone), (None, None));
    assert_eq!(stored.status.as_str(), "confirmed");
    let caller = register("Omid Karimi", "0221 123456").await.unwrap();
    assert_eq!(caller.status(), StatusCode::SEE_OTHER);
    let caller_id: i32 = location(&caller)
        .rsplit('=')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    let after = member
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        after.contains("Ohne E-Mail und Telefon kann diese Person keine Nachricht erreichen"),
        "{after}"
    );
    let row = |html: &str, reg_id: i32| {
        let start = html.find(&format!("<tr id=\"r{reg_id}\"")).unwrap();
        let end = start + html[start..].find("</tr>").unwrap();
        html[start..end].to_owned()
    };
    let unreachable = "Nicht erreichbar: keine E-Mail, kein Telefon";
    assert!(row(&after, walk_in_id).contains(unreachable), "{after}");
    let caller_row = row(&after, caller_id);
    assert!(
        caller_row.contains("+49221123456") && !caller_row.contains(unreachable),
        "{caller_row}"
    );
    let later = member
        .get(app.url(&format!("/staff/events/{id}?registered={caller_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!later.contains("keine Nachricht erreichen"), "{later}");
}
both!(a_walk_in_without_email_or_phone_is_registered_and_marked_as_unreachable);

async fn exports_open_with_the_right_rows_and_umlauts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let event = app.published(&info_day()).await;
    let id = event["id"].as_i64().unwrap();
    let people = [
        ("Jürgen Groß", "juergen@example.org", 1, ""),
        ("Fatemeh Rezaei", "fatemeh@example.org", 3, "fa"),
        ("=HYPERLINK(\"http://x\")", "formel@example.org", 1, ""),
    ];
    for (name, email, party_size, interpreter) in people {
        app.registered(
            &event,
            &json!({"name": name, "email": email, "party_size": party_size,
                      "language": "de", "interpreter": interpreter, "consent": true}),
        )
        .await;
    }
    let token = app.staff_token().await;
    let csv = app
        .get(&format!("/api/v1/events/{id}/registrations.csv"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let bytes = csv.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte order mark for Excel"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(ToOwned::to_owned)
        .collect();
    assert_eq!(headers[..4], ["Nr.", "Status", "Name", "E-Mail"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][2], "Jürgen Groß");
    assert_eq!(&rows[0][1], "bestätigt");
    assert_eq!(&rows[1][2], "Fatemeh Rezaei");
    assert_eq!(&rows[1][5], "3");
    assert_eq!(&rows[1][7], "fa");
    assert!(
        rows[2][2].starts_with("'="),
        "formulas are defused: {}",
        &rows[2][2]
    );

    // The XLSX, by a signed-in staff member this time.
    let member = app.signed_in(Role::Staff).await;
    let xlsx = member
        .get(app.url(&format!("/api/v1/events/{id}/registrations.xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(cells.len(), 4, "header and three rows");
    assert_eq!(cells[0][2], "Name");
    assert_eq!(cells[1][2], "Jürgen Groß");
    assert_eq!(cells[2][2], "Fatemeh Rezaei");
    assert_eq!(cells[2][5], "3");
    assert_eq!(
        cells[3][2], "=HYPERLINK(\"http://x\")",
        "text, not a formula"
    );
    // The staff page links to both.
    let page = member
        .get(app.url(&format!("/staff/events/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!(r#"href="/api/v1/events/{id}/registrations.csv""#)));
    assert!(page.contains(&format!(r#"href="/api/v1/events/{id}/registrations.xlsx""#)));
    // One export through the staff pages' session, one through an API token.
    let actions: Vec<String> = audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"exported_csv".to_owned()), "{actions:?}");
    assert!(actions.contains(&"exported_xlsx".to_owned()), "{actions:?}");
    app.deliver_due_mail().await;
}
both!(exports_open_with_the_right_rows_and_umlauts);

async fn the_staff_list_shows_each_waiting_registrations_position_and_renumbers_after_a_promotion(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let day = (Utc::now() + Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    let event = app
        .published_event(
            &token,
            &json!({"kind": "info_day", "title": "Infotag", "starts_at": format!("{day}T18:00"),
                "ends_at": format!("{day}T20:00"), "venue": {"name": "Haus", "city": "Köln"},
                "capacity": 1, "waitlist": true, "double_opt_in": false}),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    for n in 1..=4 {
        app.registered(
            &event,
            &json!({"name": format!("Person {n}"), "email": format!("wait{n}@example.org"),
                "party_size": 1, "language": "de", "consent": true}),
        )
        .await;
    }
    let positions = |list: &Value| -> Vec<Value> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["waitlist_position"].clone())
            .collect()
    };
    let list_path = format!("/api/v1/events/{id}/registrations");
    let (_, list) = crate::support::app::json(
        app.get(&list_path)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        positions(&list),
        [Value::Null, json!(1), json!(2), json!(3)]
    );
    // A page of the list still counts positions over the whole waiting list.
    let (_, page) = crate::support::app::json(
        app.get(&format!("{list_path}?page=2&per_page=2"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(positions(&page), [json!(2), json!(3)]);

    // One seat more promotes the first in line; the others move up.
    let raised = app
        .patch(&format!("/api/v1/events/{id}"))
        .bearer_auth(&token)
        .json(&json!({"capacity": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(raised.status(), StatusCode::OK);
    let (_, list) = crate::support::app::json(
        app.get(&list_path)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        positions(&list),
        [Value::Null, Value::Null, json!(1), json!(2)]
    );
    assert_eq!(list["items"][1]["status"], "confirmed");

    // The staff page shows the same positions.
    let member = app.signed_in(Role::Staff).await;
    let html = member
        .get(app.url(&format!("/staff/events/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let shown: Vec<&str> = html
        .split("<span class=\"waitlist-position\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .collect();
    assert_eq!(shown, ["1.", "2."]);
    app.deliver_due_mail().await;
}
both!(the_staff_list_shows_each_waiting_registrations_position_and_renumbers_after_a_promotion);

async fn the_door_refuses_to_check_anyone_in_for_a_cancelled_event(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app.published(&info_day()).await;
    let id = event["id"].as_i64().unwrap();
    let registered = app
        .registered(
            &event,
            &json!({"name": "Ada", "email": "door@example.org", "party_size": 1,
                "language": "de", "consent": true}),
        )
        .await;
    let registration = registered["id"].as_i64().unwrap();
    let cancelled = app
        .post(&format!("/api/v1/events/{id}/cancel"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);

    let member = app.signed_in(Role::Staff).await;
    let page = member
        .get(app.url(&format!("/staff/events/{id}/checkin")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"event-cancelled\""), "{page}");
    assert!(!page.contains(&format!("/staff/registrations/{registration}/checkin")));

    let refused = member
        .post(app.url(&format!("/staff/registrations/{registration}/checkin")))
        .form(&[("present", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let row = app.registration(registration).await;
    assert_eq!(row.checked_in_at, None);
    app.deliver_due_mail().await;
}
both!(the_door_refuses_to_check_anyone_in_for_a_cancelled_event);
