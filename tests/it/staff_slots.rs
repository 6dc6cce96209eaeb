//! The staff pages for counselling slots and series through HTTP, signed in as staff: the
//! dashboard's warning about events with few free slots; adding advisers and laying out slots
//! with the same validation as the API; booking and releasing a slot for a family; the printed
//! schedule; creating a series and changing one or all later dates.

use chrono::{Duration, Utc};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use treffpunkt::staff::Role;

use crate::both;
use crate::support::app::json;
use crate::support::{Backend, TestApp, id_of};

/// A published event three weeks ahead, 18:00–22:00 local; its JSON.
async fn event(app: &TestApp, token: &str, kind: &str, title: &str) -> Value {
    let day = (Utc::now() + Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    app.published_event(
        token,
        &json!({
            "kind": kind,
            "title": title,
            "starts_at": format!("{day}T18:00"),
            "ends_at": format!("{day}T22:00"),
            "venue": {"name": "Bürgerhaus", "city": "Köln"},
            "capacity": 100,
            "double_opt_in": false,
        }),
    )
    .await
}

/// An adviser with `count` slots of 20 minutes from 19:00; the slot ids.
async fn adviser_with_slots(app: &TestApp, token: &str, event: &Value, count: i64) -> Vec<i32> {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let id = event["id"].as_i64().unwrap();
    let (status, adviser) = json(
        app.post(&format!("/api/v1/events/{id}/advisers"))
            .bearer_auth(token)
            .json(&json!({"name": format!("Beraterin {n}"), "languages": ["de", "tr"], "location": "Raum 2"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{adviser}");
    let day = &event["starts_at"].as_str().unwrap()[..10];
    let end = chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap() + Duration::minutes(20 * count);
    let (status, body) = json(
        app.post(&format!("/api/v1/events/{id}/slots"))
            .bearer_auth(token)
            .json(&json!({
                "adviser_id": adviser["id"],
                "starts_at": format!("{day}T19:00"),
                "ends_at": format!("{day}T{}", end.format("%H:%M")),
                "slot_minutes": 20,
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect()
}

/// Registers a family through the API; its id.
async fn family(app: &TestApp, event: &Value, name: &str) -> i32 {
    let body = app
        .registered(event, &json!({"name": name, "email": "familie@example.org", "language": "tr", "consent": true}))
        .await;
    id_of(&body)
}

async fn dashboard(app: &TestApp, client: &Client) -> String {
    let response = client.get(app.url("/staff")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

async fn the_dashboard_warns_when_few_slots_are_free(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.slots.warn_below_free = 3).await;
    let token = app.staff_token().await;
    let evening = event(&app, &token, "parents_evening", "Elternabend Kalk").await;
    let slots = adviser_with_slots(&app, &token, &evening, 3).await;
    event(&app, &token, "info_day", "Infotag ohne Beratung").await;
    let staff = app.signed_in(Role::Staff).await;

    // Three free of three: no warning.
    let page = dashboard(&app, &staff).await;
    assert!(!page.contains("id=\"slots-low\""), "{page}");
    assert!(page.contains("Freie Beratungszeiten"));

    // One booked: two free, fewer than three.
    let reg = family(&app, &evening, "Familie Demir").await;
    treffpunkt::registrations::bookings::book(
        &app.db,
        reg,
        slots[0],
        treffpunkt::staff::audit::Actor::Participant,
        Utc::now(),
    )
    .await
    .unwrap();
    let page = dashboard(&app, &staff).await;
    assert!(page.contains("id=\"slots-low\""), "{page}");
    assert!(
        page.contains("Elternabend Kalk: nur noch 2 freie Beratungszeiten"),
        "{page}"
    );
    assert!(!page.contains("Infotag ohne Beratung: nur"), "{page}");
    assert!(!page.contains("Familie Demir"), "no names on the dashboard");

    // In English.
    let response = staff.get(app.url("/staff?lang=en")).send().await.unwrap();
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Elternabend Kalk: only 2 free slots left"),
        "{page}"
    );
    app.deliver_due_mail().await;
}
both!(the_dashboard_warns_when_few_slots_are_free);

/// Registers a family through the API with its own address; its id.
async fn family_with(app: &TestApp, event: &Value, name: &str, interpreter: Option<&str>) -> i32 {
    let email = format!(
        "{}@example.org",
        name.to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let body = app
        .registered(
            event,
            &json!({
                "name": name,
                "email": email,
                "language": "tr",
                "interpreter": interpreter,
                "consent": true,
            }),
        )
        .await;
    id_of(&body)
}

/// Posts a form; its status, `Location` and body.
async fn post_form<F: serde::Serialize + ?Sized>(
    client: &Client,
    app: &TestApp,
    path: &str,
    form: &F,
) -> (StatusCode, String, String) {
    let response = client.post(app.url(path)).form(form).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

async fn page(client: &Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

/// The text of the paragraph with the message for a field, e.g. `error-adviser_name`.
fn message_for(page: &str, field: &str) -> String {
    let marker = format!("id=\"error-{field}\">");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no message for {field} in {page}"))
        + marker.len();
    page[start..start + page[start..].find("</p>").unwrap()].to_owned()
}

/// Local wall-clock times of the adviser's live slots, as `HH:MM`.
async fn slot_times(app: &TestApp, event_id: i32, adviser_id: i32) -> Vec<String> {
    let schedule = treffpunkt::slots::schedule(&app.db, event_id)
        .await
        .unwrap();
    schedule
        .slots
        .iter()
        .filter(|s| s.adviser_id == adviser_id)
        .map(|s| {
            s.starts_at
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%H:%M")
                .to_string()
        })
        .collect()
}

async fn staff_add_advisers_and_lay_out_slots_with_field_messages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let evening = event(&app, &token, "parents_evening", "Elternabend Porz").await;
    let id = id_of(&evening);
    let day = evening["starts_at"].as_str().unwrap()[..10].to_owned();
    let staff = app.signed_in(Role::Staff).await;
    let slots_path = format!("/staff/events/{id}/slots");

    // The event page leads there.
    assert!(
        page(&staff, &app, &format!("/staff/events/{id}"))
            .await
            .contains(&slots_path)
    );
    let empty = page(&staff, &app, &slots_path).await;
    assert!(empty.contains("Noch niemand angelegt."), "{empty}");

    // Refused: no name, an unknown language; the values typed stay, the messages stand by
    // the fields, nothing is stored.
    let (status, _, body) = post_form(
        &staff,
        &app,
        &format!("/staff/events/{id}/advisers"),
        &[
            ("adviser_name", " "),
            ("adviser_languages", "de, klingonisch"),
            ("adviser_location", "Raum 2"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        message_for(&body, "adviser_name"),
        "Bitte füllen Sie dieses Feld aus."
    );
    assert_eq!(
        message_for(&body, "adviser_languages"),
        "Bitte geben Sie Sprachkürzel wie de, ar oder fa an."
    );
    assert!(body.contains("value=\"de, klingonisch\""), "{body}");
    assert!(
        body.contains("href=\"#field-adviser_name\""),
        "the summary links to the field"
    );
    assert!(
        treffpunkt::slots::schedule(&app.db, id)
            .await
            .unwrap()
            .advisers
            .is_empty()
    );

    // Added.
    let (status, location, _) = post_form(
        &staff,
        &app,
        &format!("/staff/events/{id}/advisers"),
        &[
            ("adviser_name", "Herr Haddad"),
            ("adviser_languages", "de ar"),
            ("adviser_location", "Raum 3"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location.starts_with(&format!("{slots_path}?done=adviser#adviser-")),
        "{location}"
    );
    let adviser = treffpunkt::slots::schedule(&app.db, id)
        .await
        .unwrap()
        .advisers[0]
        .clone();
    assert_eq!(adviser.name, "Herr Haddad");
    assert_eq!(
        adviser
            .languages
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["de", "ar"]
    );
    let adviser_id = adviser.id.to_string();
    // The same form sent twice adds no second adviser.
    let (status, _, body) = post_form(
        &staff,
        &app,
        &format!("/staff/events/{id}/advisers"),
        &[
            ("adviser_name", "herr haddad"),
            ("adviser_languages", "de"),
            ("adviser_location", "Raum 3"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("Diese Person ist bei dieser Veranstaltung schon angelegt."));
    assert_eq!(
        treffpunkt::slots::schedule(&app.db, id)
            .await
            .unwrap()
            .advisers
            .len(),
        1
    );

    // Plans with wrong values: each message by its field; the second break row alone filled
    // is reported as the second row.
    let at = |time: &str| format!("{day}T{time}");
    let wrong_plans = [
        (
            "a slot length that is no number",
            vec![
                ("plan_adviser_id", adviser_id.clone()),
                ("plan_starts_at", at("19:00")),
                ("plan_ends_at", at("18:00")),
                ("plan_slot_minutes", "zwanzig".to_owned()),
                ("plan_gap_minutes", "5".to_owned()),
                ("plan_break0_starts_at", String::new()),
                ("plan_break0_ends_at", String::new()),
                ("plan_break1_starts_at", at("20:15")),
                ("plan_break1_ends_at", at("20:00")),
            ],
            vec![("plan_slot_minutes", "Bitte geben Sie eine ganze Zahl ein.")],
            Some("value=\"zwanzig\""),
        ),
        (
            "an end before the start, and a break that ends before it starts",
            vec![
                ("plan_adviser_id", adviser_id.clone()),
                ("plan_starts_at", at("19:00")),
                ("plan_ends_at", at("18:00")),
                ("plan_slot_minutes", "20".to_owned()),
                ("plan_gap_minutes", "5".to_owned()),
                ("plan_break0_starts_at", String::new()),
                ("plan_break0_ends_at", String::new()),
                ("plan_break1_starts_at", at("20:15")),
                ("plan_break1_ends_at", at("20:00")),
            ],
            vec![
                ("plan_ends_at", "Das Ende muss nach dem Beginn liegen."),
                (
                    "plan_break1_ends_at",
                    "Das Ende muss nach dem Beginn liegen.",
                ),
            ],
            None,
        ),
        (
            "no adviser",
            vec![
                ("plan_adviser_id", String::new()),
                ("plan_starts_at", at("07:00")),
                ("plan_ends_at", at("09:00")),
                ("plan_slot_minutes", "20".to_owned()),
            ],
            vec![("plan_adviser_id", "Bitte füllen Sie dieses Feld aus.")],
            None,
        ),
    ];
    for (label, form, messages, kept) in &wrong_plans {
        let (status, _, body) = post_form(&staff, &app, &slots_path, form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{label}: {body}");
        for (field, message) in messages {
            assert_eq!(message_for(&body, field), *message, "{label}: {field}");
        }
        if let Some(kept) = kept {
            assert!(body.contains(kept), "{label}: {kept} kept");
        }
    }
    assert!(
        treffpunkt::slots::schedule(&app.db, id)
            .await
            .unwrap()
            .slots
            .is_empty()
    );

    // 19:00–21:00, 20 minutes, 5 minutes apart, a break 20:00–20:15.
    let plan = |from: &str| {
        vec![
            ("plan_adviser_id".to_owned(), adviser_id.clone()),
            ("plan_starts_at".to_owned(), format!("{day}T{from}")),
            ("plan_ends_at".to_owned(), format!("{day}T21:00")),
            ("plan_slot_minutes".to_owned(), "20".to_owned()),
            ("plan_gap_minutes".to_owned(), "5".to_owned()),
            ("plan_break0_starts_at".to_owned(), format!("{day}T20:00")),
            ("plan_break0_ends_at".to_owned(), format!("{day}T20:15")),
        ]
    };
    let response = staff
        .post(app.url(&slots_path))
        .form(&plan("19:00"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        slot_times(&app, id, adviser.id).await,
        ["19:00", "19:25", "20:15", "20:40"]
    );
    let overview = page(&staff, &app, &slots_path).await;
    assert!(overview.contains("19:25–19:45"), "{overview}");
    assert!(overview.contains("4 frei, 0 gebucht"), "{overview}");

    // A booked slot survives laying out again with another length.
    let reg = family_with(&app, &evening, "Familie Aydın", None).await;
    let booked = treffpunkt::slots::schedule(&app.db, id)
        .await
        .unwrap()
        .slots[1]
        .clone();
    treffpunkt::registrations::bookings::book(
        &app.db,
        reg,
        booked.id,
        treffpunkt::staff::audit::Actor::Participant,
        Utc::now(),
    )
    .await
    .unwrap();
    let mut thirty = plan("19:00");
    "30".clone_into(&mut thirty[3].1);
    "0".clone_into(&mut thirty[4].1);
    let response = staff
        .post(app.url(&slots_path))
        .form(&thirty)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        slot_times(&app, id, adviser.id).await,
        ["19:25", "20:15"],
        "the booked 19:25 stays; planned 19:00 and 19:30 overlap it and are left out"
    );
    let kept = treffpunkt::slots::schedule(&app.db, id).await.unwrap();
    assert!(
        kept.slots
            .iter()
            .any(|s| s.id == booked.id && s.registration_id == Some(reg))
    );

    let actions = app.audit_actions().await;
    assert!(actions.contains(&"adviser_added".to_owned()), "{actions:?}");
    assert_eq!(
        actions.iter().filter(|a| *a == "slots_generated").count(),
        2
    );
    app.deliver_due_mail().await;
}
both!(staff_add_advisers_and_lay_out_slots_with_field_messages);

async fn staff_book_and_release_slots_for_families(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let evening = event(&app, &token, "parents_evening", "Elternabend Mülheim").await;
    let id = id_of(&evening);
    let first = adviser_with_slots(&app, &token, &evening, 3).await;
    let second = adviser_with_slots(&app, &token, &evening, 3).await;
    let demir = family_with(&app, &evening, "Familie Demir", Some("ar")).await;
    let kaya = family_with(&app, &evening, "Familie Kaya", None).await;
    let staff = app.signed_in(Role::Staff).await;
    let book_path = format!("/staff/events/{id}/slots/book");
    let book = |reg: i32, slot: i32| {
        [
            ("book_registration_id", reg.to_string()),
            ("book_slot_id", slot.to_string()),
        ]
    };

    // Nothing chosen.
    let (status, _, body) = post_form(
        &staff,
        &app,
        &book_path,
        &[("book_registration_id", ""), ("book_slot_id", "")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        message_for(&body, "book_registration_id"),
        "Bitte wählen Sie aus der Liste."
    );
    assert_eq!(
        message_for(&body, "book_slot_id"),
        "Bitte wählen Sie aus der Liste."
    );

    // Booked for the family; the family's confirmation is queued; the audit names the
    // registration, never the family.
    let response = staff
        .post(app.url(&book_path))
        .form(&book(demir, first[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let held = treffpunkt::slots::held_in(&app.db, demir).await.unwrap();
    assert_eq!(held.iter().map(|s| s.id).collect::<Vec<_>>(), [first[0]]);
    {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let queued = treffpunkt::entities::outbox::Entity::find()
            .filter(treffpunkt::entities::outbox::Column::Kind.eq("slot_booked"))
            .filter(treffpunkt::entities::outbox::Column::RegistrationId.eq(demir))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(queued.len(), 1);
    }
    assert!(
        app.audit_log()
            .await
            .contains(&("slot_booked_on_behalf".to_owned(), Some(demir)))
    );
    let overview = page(&staff, &app, &format!("/staff/events/{id}/slots")).await;
    assert!(overview.contains("Familie Demir"), "{overview}");
    assert!(overview.contains("hat schon 1 Zeit"), "{overview}");

    // The same time with the other adviser overlaps: 422 by the slot field.
    let (status, _, body) = post_form(&staff, &app, &book_path, &book(demir, second[0])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        message_for(&body, "book_slot_id"),
        "Diese Zeit überschneidet sich mit einer Zeit, die die Familie schon hat."
    );
    // A second slot is fine, a third is over the limit of two.
    let response = staff
        .post(app.url(&book_path))
        .form(&book(demir, second[1]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, _, body) = post_form(&staff, &app, &book_path, &book(demir, first[2])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        message_for(&body, "book_slot_id"),
        "Diese Familie hat schon 2 Zeiten, mehr sind nicht möglich."
    );
    // Someone else's slot: 409 with a notice, nothing changes.
    let (status, _, body) = post_form(&staff, &app, &book_path, &book(kaya, first[0])).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        body.contains("Diese Zeit hat gerade jemand anderes gebucht."),
        "{body}"
    );
    assert!(
        treffpunkt::slots::held_in(&app.db, kaya)
            .await
            .unwrap()
            .is_empty()
    );

    // A registration or a slot of another event was never on the list: the form again, with
    // the message by the field.
    let other = event(&app, &token, "parents_evening", "Elternabend Deutz").await;
    let stranger = family_with(&app, &other, "Familie Fremd", None).await;
    let elsewhere = adviser_with_slots(&app, &token, &other, 1).await;
    let (status, _, body) = post_form(&staff, &app, &book_path, &book(stranger, first[1])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        message_for(&body, "book_registration_id"),
        "Bitte wählen Sie aus der Liste."
    );
    let (status, _, body) = post_form(&staff, &app, &book_path, &book(kaya, elsewhere[0])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        message_for(&body, "book_slot_id"),
        "Bitte wählen Sie aus der Liste."
    );
    assert!(
        body.contains(&format!("<option value=\"{kaya}\" selected>")),
        "the choice is kept"
    );
    assert!(
        treffpunkt::slots::held_in(&app.db, kaya)
            .await
            .unwrap()
            .is_empty()
    );
    // Booking twice what the family holds changes nothing and is logged once.
    let response = staff
        .post(app.url(&book_path))
        .form(&book(demir, second[1]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let booked_entries = app
        .audit_log()
        .await
        .iter()
        .filter(|a| a.0 == "slot_booked_on_behalf")
        .count();
    assert_eq!(booked_entries, 2, "two bookings, one of them clicked twice");

    // Released on the family's behalf, after a confirmation: free again, the family told, the
    // audit written.
    let confirm = page(&staff, &app, &format!("/staff/slots/{}/release", first[0])).await;
    assert!(confirm.contains("Beratungszeit freigeben?"), "{confirm}");
    assert!(confirm.contains("Familie Demir"), "{confirm}");
    assert!(
        treffpunkt::slots::held_in(&app.db, demir)
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == first[0]),
        "asking changes nothing"
    );
    let response = staff
        .post(app.url(&format!("/staff/slots/{}/release", first[0])))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let held = treffpunkt::slots::held_in(&app.db, demir).await.unwrap();
    assert_eq!(held.iter().map(|s| s.id).collect::<Vec<_>>(), [second[1]]);
    {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let queued = treffpunkt::entities::outbox::Entity::find()
            .filter(treffpunkt::entities::outbox::Column::Kind.eq("slot_cancelled"))
            .filter(treffpunkt::entities::outbox::Column::RegistrationId.eq(demir))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(queued.len(), 1);
    }
    assert!(
        app.audit_log()
            .await
            .contains(&("slot_released_on_behalf".to_owned(), Some(demir)))
    );
    // Now Kaya can have it.
    let response = staff
        .post(app.url(&book_path))
        .form(&book(kaya, first[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Anonymous visitors get nowhere.
    let anonymous = Client::builder().redirect(Policy::none()).build().unwrap();
    let response = anonymous
        .post(app.url(&book_path))
        .form(&book(demir, first[1]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff/login");
    app.deliver_due_mail().await;
}
both!(staff_book_and_release_slots_for_families);

async fn the_schedule_has_a_page_per_adviser_with_families(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let evening = event(&app, &token, "parents_evening", "Elternabend Ehrenfeld").await;
    let id = id_of(&evening);
    let first = adviser_with_slots(&app, &token, &evening, 2).await;
    let second = adviser_with_slots(&app, &token, &evening, 2).await;
    let demir = family_with(&app, &evening, "Familie Demir", Some("ar")).await;
    let kaya = family_with(&app, &evening, "Familie Kaya", None).await;
    treffpunkt::registrations::bookings::book(
        &app.db,
        demir,
        first[1],
        treffpunkt::staff::audit::Actor::Participant,
        Utc::now(),
    )
    .await
    .unwrap();
    treffpunkt::registrations::bookings::book(
        &app.db,
        kaya,
        second[0],
        treffpunkt::staff::audit::Actor::Participant,
        Utc::now(),
    )
    .await
    .unwrap();
    let staff = app.signed_in(Role::Staff).await;

    let schedule = page(&staff, &app, &format!("/staff/events/{id}/schedule")).await;
    let sections: Vec<&str> = schedule
        .split("<section class=\"adviser-schedule\"")
        .skip(1)
        .collect();
    assert_eq!(sections.len(), 2, "one section (printed page) per adviser");
    // First adviser: 19:00 free, 19:20 Demir in Turkish with an Arabic interpreter.
    assert!(sections[0].contains("19:00–19:20"), "{}", sections[0]);
    let demir_row = &sections[0][sections[0].find("19:20–19:40").unwrap()..];
    let demir_row = &demir_row[..demir_row.find("</tr>").unwrap()];
    assert!(demir_row.contains("Familie Demir"), "{demir_row}");
    assert!(demir_row.contains("Türkçe"), "{demir_row}");
    assert!(demir_row.contains("العربية"), "{demir_row}");
    assert!(!sections[0].contains("Familie Kaya"));
    assert!(sections[1].contains("Familie Kaya"));
    let css = page(&staff, &app, "/static/style.css").await;
    assert!(
        css.contains(".adviser-schedule { break-after: page; }"),
        "a printed page per adviser"
    );

    // One adviser only; an unknown adviser is a missing page.
    let advisers = treffpunkt::slots::schedule(&app.db, id)
        .await
        .unwrap()
        .advisers;
    let one = page(
        &staff,
        &app,
        &format!("/staff/events/{id}/schedule?adviser={}", advisers[1].id),
    )
    .await;
    assert_eq!(
        one.matches("<section class=\"adviser-schedule\"").count(),
        1
    );
    assert!(one.contains("Familie Kaya") && !one.contains("Familie Demir"));
    let response = staff
        .get(app.url(&format!("/staff/events/{id}/schedule?adviser=999999")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Not for anonymous visitors, and never kept by the browser.
    let anonymous = Client::builder().redirect(Policy::none()).build().unwrap();
    let response = anonymous
        .get(app.url(&format!("/staff/events/{id}/schedule")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = staff
        .get(app.url(&format!("/staff/events/{id}/schedule")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    app.deliver_due_mail().await;
}
both!(the_schedule_has_a_page_per_adviser_with_families);

async fn staff_create_a_series_and_change_this_and_later_dates(backend: Backend) {
    use chrono::{Datelike, Timelike, Weekday};
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    // 10 January 2030 is the second Thursday of its month.
    let first = app
        .published_event(
            &token,
            &json!({
                "kind": "roundtable",
                "title": "Unternehmerstammtisch",
                "starts_at": "2030-01-10T19:00",
                "ends_at": "2030-01-10T21:00",
                "venue": {"name": "IHK", "city": "Bonn"},
                "capacity": 30,
            }),
        )
        .await;
    let id = id_of(&first);
    let staff = app.signed_in(Role::Staff).await;
    let path = format!("/staff/events/{id}/series");

    // The form starts on the event's own weekday of the month.
    let form = page(&staff, &app, &path).await;
    assert!(form.contains("<option value=\"2\" selected>"), "{form}");
    assert!(form.contains("<option value=\"TH\" selected>"), "{form}");

    let fields = |ordinal: &str, count: &str, except: &str| {
        vec![
            ("freq".to_owned(), "monthly".to_owned()),
            ("interval".to_owned(), "1".to_owned()),
            ("ordinal".to_owned(), ordinal.to_owned()),
            ("weekday".to_owned(), "TH".to_owned()),
            ("end".to_owned(), "count".to_owned()),
            ("count".to_owned(), count.to_owned()),
            ("until".to_owned(), String::new()),
            ("except".to_owned(), except.to_owned()),
        ]
    };
    // The form's own checks, by their fields.
    let response = staff
        .post(app.url(&path))
        .form(&fields("2", "61", "bald"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert_eq!(
        message_for(&body, "count"),
        "Diese Zahl liegt außerhalb des erlaubten Bereichs."
    );
    assert_eq!(
        message_for(&body, "except"),
        "Bitte geben Sie ein Datum wie 13.05.2027 an."
    );
    assert!(body.contains(">bald</textarea>"));
    // The domain's: the third Thursday is not the event's date; a left-out date not in it.
    let response = staff
        .post(app.url(&path))
        .form(&fields("3", "12", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        message_for(&body, "rule").starts_with("Der Termin dieser Veranstaltung passt nicht"),
        "{body}"
    );
    let response = staff
        .post(app.url(&path))
        .form(&fields("2", "12", "15.03.2030"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert_eq!(
        message_for(&body, "except"),
        "Dieses Datum ist kein weiterer Termin dieser Reihe."
    );
    assert!(
        treffpunkt::events::get(&app.db, id)
            .await
            .unwrap()
            .series_id
            .is_none()
    );

    // Monthly on the second Thursday, 12 times, without 14 March.
    let response = staff
        .post(app.url(&path))
        .form(&fields("2", "12", "14.03.2030"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/staff/events/{id}?done=series&dates=10#series").as_str()
    );
    let series_id = treffpunkt::events::get(&app.db, id)
        .await
        .unwrap()
        .series_id
        .unwrap();
    let dates = treffpunkt::events::series::all_dates(&app.db, series_id)
        .await
        .unwrap();
    let berlin = chrono_tz::Europe::Berlin;
    let local: Vec<_> = dates
        .iter()
        .map(|d| d.spec.starts_at.with_timezone(&berlin))
        .collect();
    assert_eq!(
        local
            .iter()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .collect::<Vec<_>>(),
        [
            "2030-01-10",
            "2030-02-14",
            "2030-04-11",
            "2030-05-09",
            "2030-06-13",
            "2030-07-11",
            "2030-08-08",
            "2030-09-12",
            "2030-10-10",
            "2030-11-14",
            "2030-12-12",
        ]
    );
    assert!(
        local
            .iter()
            .all(|t| t.weekday() == Weekday::Thu && (8..=14).contains(&t.day()))
    );
    assert!(
        local.iter().all(|t| t.hour() == 19 && t.minute() == 0),
        "19:00 in winter and summer"
    );
    let shown = page(
        &staff,
        &app,
        &format!("/staff/events/{id}?done=series&dates=10"),
    )
    .await;
    assert!(
        shown.contains("10 weitere Termine sind angelegt."),
        "{shown}"
    );
    assert!(shown.contains("Termine dieser Reihe (11)"), "{shown}");
    assert!(
        !shown.contains(&path),
        "no second series from a date that has one"
    );
    assert!(
        app.audit_log()
            .await
            .iter()
            .any(|a| a.0 == "series_created")
    );

    // The fourth date and all later ones move to 18:30 with a new title; earlier ones stay.
    let fourth = &dates[3];
    let edit = page(&staff, &app, &format!("/staff/events/{}/edit", fourth.id)).await;
    assert!(
        edit.contains("diesen und die 7 weiteren Termine der Reihe"),
        "{edit}"
    );
    let change = |scope: &str, title: &str, starts: &str, ends: &str| {
        vec![
            ("kind", "roundtable".to_owned()),
            ("title", title.to_owned()),
            ("description", String::new()),
            ("starts_at", starts.to_owned()),
            ("ends_at", ends.to_owned()),
            ("venue_name", "IHK".to_owned()),
            ("venue_street", String::new()),
            ("venue_postal_code", String::new()),
            ("venue_city", "Bonn".to_owned()),
            ("online_url", String::new()),
            ("capacity", "30".to_owned()),
            ("waitlist", "on".to_owned()),
            ("max_party_size", "4".to_owned()),
            ("max_slots_per_registration", "2".to_owned()),
            ("registration_opens_at", String::new()),
            ("registration_closes_at", String::new()),
            ("languages", "de".to_owned()),
            ("reminders", "1d".to_owned()),
            ("scope", scope.to_owned()),
        ]
    };
    let response = staff
        .post(app.url(&format!("/staff/events/{}", fourth.id)))
        .form(&change(
            "future",
            "Stammtisch (neue Zeit)",
            "2030-05-09T18:30",
            "2030-05-09T20:30",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let after = treffpunkt::events::series::all_dates(&app.db, series_id)
        .await
        .unwrap();
    for (i, d) in after.iter().enumerate() {
        let t = d.spec.starts_at.with_timezone(&berlin);
        if i < 3 {
            assert_eq!(d.spec.title, "Unternehmerstammtisch", "date {i}");
            assert_eq!((t.hour(), t.minute()), (19, 0), "date {i}");
        } else {
            assert_eq!(d.spec.title, "Stammtisch (neue Zeit)", "date {i}");
            assert_eq!((t.hour(), t.minute()), (18, 30), "date {i}");
            assert_eq!(t.weekday(), Weekday::Thu, "date {i}");
        }
    }

    // Only this date: the next one keeps its title.
    let fifth = &after[4];
    let response = staff
        .post(app.url(&format!("/staff/events/{}", fifth.id)))
        .form(&change(
            "one",
            "Sommerstammtisch",
            "2030-06-13T18:30",
            "2030-06-13T20:30",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let last = treffpunkt::events::series::all_dates(&app.db, series_id)
        .await
        .unwrap();
    assert_eq!(last[4].spec.title, "Sommerstammtisch");
    assert_eq!(last[5].spec.title, "Stammtisch (neue Zeit)");
    assert_eq!(last[3].spec.title, "Stammtisch (neue Zeit)");

    // A later date with its own time keeps it when only the title changes for all later dates.
    let own_time = change(
        "one",
        "Stammtisch (neue Zeit)",
        "2030-09-12T17:00",
        "2030-09-12T19:00",
    );
    let response = staff
        .post(app.url(&format!("/staff/events/{}", last[7].id)))
        .form(&own_time)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = staff
        .post(app.url(&format!("/staff/events/{}", last[2].id)))
        .form(&change(
            "future",
            "Stammtisch mit Gästen",
            "2030-04-11T19:00",
            "2030-04-11T21:00",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/staff/events/{}?done=saved&later=8", last[2].id).as_str()
    );
    let titled = treffpunkt::events::series::all_dates(&app.db, series_id)
        .await
        .unwrap();
    let hours: Vec<(String, u32, u32)> = titled
        .iter()
        .map(|d| {
            let t = d.spec.starts_at.with_timezone(&berlin);
            (d.spec.title.clone(), t.hour(), t.minute())
        })
        .collect();
    assert_eq!(hours[1], ("Unternehmerstammtisch".to_owned(), 19, 0));
    assert_eq!(hours[2], ("Stammtisch mit Gästen".to_owned(), 19, 0));
    assert_eq!(hours[3], ("Stammtisch mit Gästen".to_owned(), 18, 30));
    assert_eq!(
        hours[7],
        ("Stammtisch mit Gästen".to_owned(), 17, 0),
        "its own time"
    );
    assert_eq!(hours[10], ("Stammtisch mit Gästen".to_owned(), 18, 30));
    let changed_later = app
        .audit_log()
        .await
        .iter()
        .filter(|a| a.0 == "event_changed")
        .count();
    assert!(
        changed_later >= 9 + 8,
        "each changed date is in the audit log"
    );
    let shown = page(
        &staff,
        &app,
        &format!("/staff/events/{}?done=saved&later=8", last[2].id),
    )
    .await;
    assert!(
        shown.contains("auch für 8 weitere Termine der Reihe"),
        "{shown}"
    );

    // The last date has no later ones: no choice offered.
    let edit = page(&staff, &app, &format!("/staff/events/{}/edit", last[10].id)).await;
    assert!(!edit.contains("name=\"scope\""), "{edit}");
}
both!(staff_create_a_series_and_change_this_and_later_dates);

async fn series_rules_that_cannot_be_kept_are_explained_by_their_fields(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    // Sunday 17 March 2030, 02:30: two weeks later, 02:30 does not exist (clocks go forward).
    let night = app
        .published_event(
            &token,
            &json!({
                "kind": "info_day",
                "title": "Nachtschicht-Infotag",
                "starts_at": "2030-03-17T02:30",
                "ends_at": "2030-03-17T04:00",
                "venue": {"name": "Betriebshof", "city": "Essen"},
            }),
        )
        .await;
    let id = night["id"].as_i64().unwrap();
    let staff = app.signed_in(Role::Staff).await;
    let path = format!("/staff/events/{id}/series");
    let weekly = |end: &str, count: &str, until: &str| {
        vec![
            ("freq", "weekly".to_owned()),
            ("interval", "1".to_owned()),
            ("ordinal", "3".to_owned()),
            ("weekday", "SU".to_owned()),
            ("end", end.to_owned()),
            ("count", count.to_owned()),
            ("until", until.to_owned()),
            ("except", String::new()),
        ]
    };
    // Each rule: the field its message stands by, the message, and what else the form shows.
    let cases = [
        (
            "the date with the gap is named",
            weekly("count", "3", ""),
            "rule",
            "31.03.2030: Diese Uhrzeit gibt es wegen der Zeitumstellung nicht. Bitte wählen Sie eine andere.",
            None,
        ),
        (
            "a last date before the event",
            weekly("until", "", "01.03.2030"),
            "until",
            "Das letzte Datum darf nicht vor dem Termin dieser Veranstaltung liegen.",
            // The date as the date field takes it.
            Some("value=\"2030-03-01\""),
        ),
        (
            "a last date so far ahead that the series would be too long",
            weekly("until", "", "2032-12-31"),
            "until",
            "Bis zu diesem Datum wären es mehr als 60 Termine. Bitte wählen Sie ein früheres Datum.",
            None,
        ),
    ];
    for (label, form, field, message, shown) in cases {
        let response = staff.post(app.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        let body = response.text().await.unwrap();
        assert_eq!(message_for(&body, field), message, "{label}");
        if let Some(shown) = shown {
            assert!(body.contains(shown), "{label}: {shown} in {body}");
        }
    }
    let event_id = i32::try_from(id).unwrap();
    assert!(
        treffpunkt::events::get(&app.db, event_id)
            .await
            .unwrap()
            .series_id
            .is_none(),
        "nothing stored"
    );
}
both!(series_rules_that_cannot_be_kept_are_explained_by_their_fields);
