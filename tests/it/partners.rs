//! Partner organisations' people: a lead adds a school to their service point and invites a
//! person by email; the person sets a password through the link, sees the published events of
//! that point only, registers families with and without an address, and sees and cancels only
//! what their own organisation registered (every `/partner` route walked from the route table).
//! The registrations show the partner in the staff list, the exports and the report.

use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use treffpunkt::entities::{outbox, registration, staff};
use treffpunkt::staff::audit::Actor;
use treffpunkt::staff::points::{self, PointRole};
use treffpunkt::staff::{Role, add_to_point};

use crate::both;
use crate::points::{evening, member, route_table, send, two_points};
use crate::support::app::{STAFF_PASSWORD, json};
use crate::support::smtp::{Received, SmtpServer};
use crate::support::{Backend, TestApp, cookie_client, id_of};

const PASSWORD: &str = "ein-langes-passwort";

fn text_of(mail: &Received) -> String {
    mail.parsed().body_text(0).unwrap().into_owned()
}

/// The one mail to `to` among those received.
fn mail_to<'a>(received: &'a [Received], to: &str) -> &'a Received {
    let found: Vec<&Received> = received
        .iter()
        .filter(|m| m.to.iter().any(|t| t.contains(to)))
        .collect();
    assert_eq!(found.len(), 1, "mail to {to}: {received:?}");
    found[0]
}

/// The invitation's link in a mail's text, as a path.
fn invitation_path(text: &str, base: &str) -> String {
    let at = text
        .find("/invite/")
        .unwrap_or_else(|| panic!("no link in {text}"));
    let link: String = text[at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&format!("{base}{link}")), "{text}");
    link
}

/// Adds a partner on the page and invites a person; the id of the partner.
async fn partner_with_person(
    app: &TestApp,
    lead: &Client,
    name: &str,
    point: i32,
    person: (&str, &str),
) -> i32 {
    let response = lead
        .post(app.url("/staff/partners"))
        .form(&[
            ("name", name),
            ("kind", "school"),
            ("code", ""),
            ("point", &point.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let id: i32 = location.rsplit('/').next().unwrap().parse().unwrap();
    let response = lead
        .post(app.url(&format!("/staff/partners/{id}/invite")))
        .form(&[("name", person.0), ("email", person.1), ("lang", "de")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    id
}

/// Follows the invitation that reached `email`, sets the password and returns the signed-in
/// client.
async fn accept(app: &TestApp, smtp: &SmtpServer, email: &str) -> Client {
    app.deliver_due_mail().await;
    let received = smtp.received();
    let mail = mail_to(&received, email);
    let path = invitation_path(&text_of(mail), &app.base);
    let client = cookie_client();
    let page = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let response = client
        .post(app.url(&path))
        .form(&[("password", PASSWORD), ("password_again", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/partner");
    // The link works once.
    assert_eq!(
        cookie_client()
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    client
}

async fn page(client: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    send(client, app, "get", path).await
}

async fn a_partner_registers_families_and_sees_only_its_own(backend: Backend) {
    // Arrange: Erfurt (the office's point) with a lead, a published event and a draft; Gera
    // with a published event; a family registered online in Erfurt.
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let (erfurt, gera) = two_points(&app).await;
    add_to_point(
        &app.db,
        Actor::System,
        "leitung@example.org",
        "Leiterin Erfurt",
        Role::Staff,
        STAFF_PASSWORD,
        Some((erfurt, PointRole::Lead)),
    )
    .await
    .unwrap();
    let lead = app.sign_in("leitung@example.org").await;
    let (erfurt_staff, erfurt_token) = member(&app, "erfurt@example.org", erfurt).await;
    let (_, gera_token) = member(&app, "gera@example.org", gera).await;
    let ours = app
        .published_event(&erfurt_token, &evening("Elternabend Erfurt", erfurt))
        .await;
    let draft = app
        .create_event(&erfurt_token, &evening("Entwurf Erfurt", erfurt))
        .await;
    let theirs = app
        .published_event(&gera_token, &evening("Elternabend Gera", gera))
        .await;
    let their_draft = app
        .create_event(&gera_token, &evening("Entwurf Gera", gera))
        .await;
    let online = app
        .registered(
            &ours,
            &json!({"name": "Familie Online", "email": "online@example.org", "language": "de", "consent": true}),
        )
        .await;
    let our_id = id_of(&ours);

    // Staff without a lead role manage no partners.
    assert_eq!(
        page(&erfurt_staff, &app, "/staff/partners").await.0,
        StatusCode::FORBIDDEN
    );
    // A lead adds partners only to points they lead.
    let response = lead
        .post(app.url("/staff/partners"))
        .form(&[
            ("name", "Schule in Gera"),
            ("kind", "school"),
            ("point", &gera.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Bitte wählen Sie eine Anlaufstelle, die Sie leiten."),
        "{body}"
    );

    // Act: the lead adds a school and invites its social worker; she sets her password.
    let school = partner_with_person(
        &app,
        &lead,
        "Regelschule Am Rieth",
        erfurt,
        ("Jana Berger", "jana@schule.example.org"),
    )
    .await;
    let (_, listed) = page(&lead, &app, "/staff/partners").await;
    assert!(listed.contains("Regelschule Am Rieth"), "{listed}");
    assert!(listed.contains("regelschule-am-rieth"), "{listed}");
    app.deliver_due_mail().await;
    let invitation = mail_to(&smtp.received(), "jana@schule.example.org").clone();
    let parsed = invitation.parsed();
    assert_eq!(
        parsed.subject().unwrap(),
        format!(
            "Ihr Zugang für Regelschule Am Rieth bei {}",
            app.config.office.name
        )
    );
    let path = invitation_path(&text_of(&invitation), &app.base);
    let anonymous = cookie_client();
    let short = anonymous
        .post(app.url(&path))
        .form(&[("password", "kurz"), ("password_again", "kurz")])
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = short.text().await.unwrap();
    assert!(body.contains("Das Passwort ist zu kurz."), "{body}");
    // Before the password is set, no password signs her in.
    let response = cookie_client()
        .post(app.url("/staff/login"))
        .form(&[
            ("email", "jana@schule.example.org"),
            ("password", "!invited"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let jana = accept(&app, &smtp, "jana@schule.example.org").await;

    // A second school, invited by the same lead, registers a family of its own.
    let other = partner_with_person(
        &app,
        &lead,
        "Grundschule Nord",
        erfurt,
        ("Ole Sander", "ole@nord.example.org"),
    )
    .await;
    assert_ne!(other, school);
    let ole = accept(&app, &smtp, "ole@nord.example.org").await;

    let form = |name: &str, email: &str, lang: &str| {
        vec![
            ("name", name.to_owned()),
            ("email", email.to_owned()),
            ("phone", String::new()),
            ("party_size", "3".to_owned()),
            ("language", lang.to_owned()),
            ("interpreter", String::new()),
            ("needs", String::new()),
            ("consent", "on".to_owned()),
        ]
    };
    let response = ole
        .post(app.url(&format!("/partner/events/{our_id}/register")))
        .form(&form("Familie Demir", "", "tr"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Assert: she sees the published events of Erfurt only.
    let (status, events) = page(&jana, &app, "/partner").await;
    assert_eq!(status, StatusCode::OK);
    assert!(events.contains("Elternabend Erfurt"), "{events}");
    assert!(events.contains("Regelschule Am Rieth"), "{events}");
    assert!(!events.contains("Entwurf Erfurt"), "{events}");
    assert!(!events.contains("Elternabend Gera"), "{events}");
    assert!(!events.contains("Entwurf Gera"), "{events}");
    assert!(!events.contains("Familie Online"), "{events}");

    // Without the family's consent nothing is stored; the message is by the checkbox.
    let mut without = form("Familie Haddad", "", "ar");
    without.retain(|(k, _)| *k != "consent");
    let response = jana
        .post(app.url(&format!("/partner/events/{our_id}/register")))
        .form(&without)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains("id=\"error-consent\""), "{body}");
    assert!(
        body.contains("30 Tage nach der Veranstaltung gelöscht"),
        "{body}"
    );

    // A family without an address: confirmed, and only the partner is told.
    let response = jana
        .post(app.url(&format!("/partner/events/{our_id}/register")))
        .form(&form("Familie Haddad", "", "ar"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let haddad: i32 = location.rsplit('=').next().unwrap().parse().unwrap();
    let stored = app.registration(haddad).await;
    assert_eq!(
        (
            stored.source.as_str(),
            stored.partner_id,
            stored.email.as_deref()
        ),
        ("partner", Some(school), None)
    );
    assert_eq!(stored.status, "confirmed");
    // A family with an address gets its own mail, in its language, with its own link.
    let response = jana
        .post(app.url(&format!("/partner/events/{our_id}/register")))
        .form(&form("Familie Petrenko", "petrenko@example.org", "uk"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let petrenko: i32 = location.rsplit('=').next().unwrap().parse().unwrap();
    app.deliver_due_mail().await;
    let received = smtp.received();
    let to_jana: Vec<&Received> = received
        .iter()
        .filter(|m| m.to.iter().any(|t| t.contains("jana@schule.example.org")))
        .collect();
    assert_eq!(to_jana.len(), 2, "the invitation and one registration");
    let told = to_jana[1].parsed();
    assert_eq!(
        told.subject().unwrap(),
        "Angemeldet: Familie Haddad für Elternabend Erfurt"
    );
    let told_text = told.body_text(0).unwrap().into_owned();
    assert!(
        told_text.contains(&format!("{}/partner/registrations", app.base)),
        "{told_text}"
    );
    assert!(!told_text.contains("/r/"), "no manage link: {told_text}");
    let family = mail_to(&received, "petrenko@example.org").parsed();
    assert_eq!(
        family.header_raw("Content-Language").map(str::trim),
        Some("uk")
    );
    let family_text = family.body_text(0).unwrap().into_owned();
    assert!(
        family_text.contains(&format!("{}/r/", app.base)),
        "{family_text}"
    );
    assert!(
        received
            .iter()
            .all(|m| !m.to.iter().any(|t| t.contains("haddad"))),
        "nobody else"
    );

    // The event moves by an hour: she is told for the family without an address, in her
    // language, and so is the other school's person for theirs.
    let day = &ours["starts_at"].as_str().unwrap()[..10];
    let response = app
        .patch(&format!("/api/v1/events/{our_id}"))
        .bearer_auth(&erfurt_token)
        .json(&json!({"starts_at": format!("{day}T19:00"), "ends_at": format!("{day}T22:00")}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    app.deliver_due_mail().await;
    let received = smtp.received();
    let notices: Vec<String> = received
        .iter()
        .filter(|m| m.to.iter().any(|t| t.contains("jana@schule.example.org")))
        .skip(2)
        .map(|m| m.parsed().subject().unwrap().to_owned())
        .collect();
    assert_eq!(notices, ["Geändert: Elternabend Erfurt (Familie Haddad)"]);
    let to_ole: Vec<String> = received
        .iter()
        .filter(|m| m.to.iter().any(|t| t.contains("ole@nord.example.org")))
        .map(|m| m.parsed().subject().unwrap().to_owned())
        .collect();
    assert_eq!(
        to_ole.last().map(String::as_str),
        Some("Geändert: Elternabend Erfurt (Familie Demir)"),
        "{to_ole:?}"
    );
    let notice = received
        .iter()
        .rfind(|m| m.to.iter().any(|t| t.contains("jana@schule.example.org")))
        .unwrap();
    assert!(text_of(notice).contains("19:00"), "{}", text_of(notice));

    // She sees what her school registered, not the other school's family, not the online one.
    let (_, ours_list) = page(&jana, &app, "/partner/registrations").await;
    assert!(ours_list.contains("Familie Haddad"), "{ours_list}");
    assert!(ours_list.contains("Familie Petrenko"), "{ours_list}");
    assert!(!ours_list.contains("Familie Demir"), "{ours_list}");
    assert!(!ours_list.contains("Familie Online"), "{ours_list}");
    let demir = registration::Entity::find()
        .filter(registration::Column::Name.eq("Familie Demir"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    // Every partner route of the route table, with the other point's event, the draft and
    // the other partner's or the online registration: not found, and nothing changes.
    let mut walked = 0;
    for (path, methods) in route_table() {
        if !path.starts_with("/partner") {
            continue;
        }
        let urls: Vec<String> = match path.as_str() {
            "/partner" | "/partner/registrations" => {
                let (status, body) = page(&jana, &app, &path).await;
                assert_eq!(status, StatusCode::OK, "{path}");
                for name in ["Familie Demir", "Familie Online", "Elternabend Gera"] {
                    assert!(!body.contains(name), "{path}: {name}");
                }
                walked += 1;
                continue;
            }
            "/partner/events/{id}/register" => {
                [id_of(&theirs), id_of(&their_draft), id_of(&draft), 0]
                    .iter()
                    .map(|id| path.replace("{id}", &id.to_string()))
                    .collect()
            }
            "/partner/registrations/{id}/cancel" => [demir, id_of(&online)]
                .iter()
                .map(|id| path.replace("{id}", &id.to_string()))
                .collect(),
            other => panic!(
                "{other} is a partner route this test does not know: say here how it is kept \
                 to the partner's own"
            ),
        };
        for url in urls {
            for method in &methods {
                let (status, body) = send(&jana, &app, method, &url).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{method} {url}: {body}");
                assert!(!body.contains("Familie Demir"), "{method} {url}");
                walked += 1;
            }
        }
    }
    assert!(walked >= 11, "walked {walked}");
    assert_eq!(app.registration(demir).await.status, "confirmed");
    assert_eq!(app.registration(id_of(&online)).await.status, "confirmed");

    // She reaches no staff page and no API route: staff pages send her to her own.
    for (path, methods) in route_table() {
        if !path.starts_with("/staff") || path == "/staff/login" || path == "/staff/logout" {
            continue;
        }
        let url = path
            .replace("{id}", &our_id.to_string())
            .replace("{adviser_id}", "1")
            .replace("{person_id}", "1");
        for method in &methods {
            let (status, body) = send(&jana, &app, method, &url).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{method} {url}: {body}");
            assert!(!body.contains("Familie Online"), "{method} {url}");
        }
    }
    let response = jana
        .get(app.url(&format!("/api/v1/events/{our_id}/registrations.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // She cancels one of hers: the seats go back.
    let seats_before = json(
        app.get(&format!("/api/v1/events/{our_id}"))
            .send()
            .await
            .unwrap(),
    )
    .await
    .1["seats_taken"]
        .as_i64()
        .unwrap();
    let response = jana
        .post(app.url(&format!("/partner/registrations/{petrenko}/cancel")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.registration(petrenko).await.status, "cancelled");
    let seats_after = json(
        app.get(&format!("/api/v1/events/{our_id}"))
            .send()
            .await
            .unwrap(),
    )
    .await
    .1["seats_taken"]
        .as_i64()
        .unwrap();
    assert_eq!(seats_before - seats_after, 3);

    // The staff list, both exports and the report name the school.
    let (_, list) = page(&erfurt_staff, &app, &format!("/staff/events/{our_id}")).await;
    assert!(
        list.contains(
            "durch einen Partner<br><span class=\"partner\">Partner: Regelschule Am Rieth</span>"
        ),
        "{list}"
    );
    let (status, csv) = send(
        &erfurt_staff,
        &app,
        "get",
        &format!("/api/v1/events/{our_id}/registrations.csv"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let haddad_row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{haddad};")))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(haddad_row.ends_with(";Regelschule Am Rieth"), "{csv}");
    let (_, xlsx) = send(
        &erfurt_staff,
        &app,
        "get",
        &format!("/api/v1/events/{our_id}/registrations.xlsx"),
    )
    .await;
    assert!(xlsx.contains("Regelschule Am Rieth"), "{xlsx}");
    let year = &ours["starts_at"].as_str().unwrap()[..4];
    let (_, report) = send(
        &erfurt_staff,
        &app,
        "get",
        &format!("/staff/report.csv?year={year}&per=year"),
    )
    .await;
    assert!(
        report.contains(&format!(
            "{year};nach Partner;;;;;;Regelschule Am Rieth;;1;3;"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!("{year};nach Partner;;;;;;Grundschule Nord;;1;3;")),
        "{report}"
    );

    // The audit log names her as the one who registered, and the lead as who invited.
    let jana_id = staff::Entity::find()
        .filter(staff::Column::Email.eq("jana@schule.example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let entries = treffpunkt::staff::audit::list(
        &app.db,
        &treffpunkt::staff::audit::Filter {
            staff_id: Some(jana_id),
            ..Default::default()
        },
        100,
    )
    .await
    .unwrap();
    let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "invitation_accepted",
            "registered_on_behalf",
            "registered_on_behalf",
            "registration_cancelled"
        ]
    );

    // The lead ends her access: her session ends and her password no longer works.
    let response = lead
        .post(app.url(&format!("/staff/partners/{school}/people/{jana_id}/end")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = jana.get(app.url("/partner")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff/login");
    let response = cookie_client()
        .post(app.url("/staff/login"))
        .form(&[("email", "jana@schule.example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // The family with an address was told of the change and the cancellation itself, in its
    // language.
    app.deliver_due_mail().await;
    let to_family: Vec<Received> = smtp
        .received()
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t.contains("petrenko@example.org")))
        .collect();
    assert_eq!(to_family.len(), 3, "confirmation, change and cancellation");
    assert_eq!(
        to_family[2]
            .parsed()
            .header_raw("Content-Language")
            .map(str::trim),
        Some("uk")
    );
}

async fn an_address_with_an_account_is_not_invited_again_as_a_partner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.signed_in(Role::Admin).await;
    let staff_email = app.staff_account(Role::Staff).await;
    let erfurt = points::list(&app.db, &app.config.office).await.unwrap()[0].id;
    let response = admin
        .post(app.url("/staff/partners"))
        .form(&[
            ("name", "Migrationsberatung"),
            ("kind", "counselling"),
            ("code", "MBE Erfurt"),
            ("point", &erfurt.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Bitte nur Kleinbuchstaben, Ziffern und Bindestriche"),
        "{body}"
    );
    let response = admin
        .post(app.url("/staff/partners"))
        .form(&[
            ("name", "Migrationsberatung"),
            ("kind", "counselling"),
            ("code", "mbe-erfurt"),
            ("point", &erfurt.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let response = admin
        .post(app.url(&format!("{location}/invite")))
        .form(&[
            ("name", "Beraterin"),
            ("email", &staff_email),
            ("lang", "en"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Für diese E-Mail-Adresse gibt es schon ein Konto"),
        "{body}"
    );
    let account = staff::Entity::find()
        .filter(staff::Column::Email.eq(staff_email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((account.role.as_str(), account.partner_id), ("staff", None));
    // A partner's person gets no API token.
    let response = admin
        .post(app.url(&format!("{location}/invite")))
        .form(&[
            ("name", "Beraterin"),
            ("email", "mbe@example.org"),
            ("lang", "en"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        treffpunkt::staff::create_token(&app.db, "mbe@example.org", "script")
            .await
            .is_err()
    );

    // Her link sets her password; then the same throttle holds as for staff: past the limit of
    // wrong passwords, even the right one is refused.
    let invitation = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("invitation"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&invitation.payload).unwrap();
    let link = format!("/invite/{}", payload["token"].as_str().unwrap());
    let response = cookie_client()
        .post(app.url(&link))
        .form(&[
            ("password", PASSWORD),
            ("password_again", "ein-anderes-passwort"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Die beiden Passwörter stimmen nicht überein."),
        "{body}"
    );
    let response = cookie_client()
        .post(app.url(&link))
        .form(&[("password", PASSWORD), ("password_again", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let login = |password: &'static str| {
        cookie_client()
            .post(app.url("/staff/login"))
            .form(&[("email", "mbe@example.org"), ("password", password)])
            .send()
    };
    assert_eq!(
        login(PASSWORD).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    let mut refused = 0;
    while login("falsch-falsch").await.unwrap().status() == StatusCode::UNAUTHORIZED {
        refused += 1;
        assert!(
            refused <= app.config.limits.login_per_minute,
            "never throttled"
        );
    }
    assert_eq!(
        login(PASSWORD).await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    app.deliver_due_mail().await;
}

both!(
    a_partner_registers_families_and_sees_only_its_own,
    an_address_with_an_account_is_not_invited_again_as_a_partner
);
