//! Advisers, slots and families booking them, through HTTP; every test on both databases.

use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use treffpunkt::entities::{outbox, slot};
use treffpunkt::i18n::{self, Lang};

use mail_parser::MimeHeaders;

use crate::both;
use crate::support::app::json;
use crate::support::smtp::{Received, SmtpServer};
use crate::support::{Backend, TestApp, merged, no_redirects};

/// A parents' evening three weeks from now, 18:00–22:00 local, with `settings` merged in.
fn evening(settings: &Value) -> Value {
    let day = (Utc::now() + Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    merged(
        json!({
            "kind": "parents_evening",
            "title": "Elternabend Ausbildung",
            "starts_at": format!("{day}T18:00"),
            "ends_at": format!("{day}T22:00"),
            "venue": {"name": "Bürgerhaus", "city": "Köln"},
            "capacity": 200,
            "double_opt_in": false,
        }),
        settings,
    )
}

fn day_of(event: &Value) -> String {
    event["starts_at"].as_str().unwrap()[..10].to_owned()
}

struct Setup {
    app: TestApp,
    token: String,
    event: Value,
}

async fn setup(backend: Backend, settings: Value) -> Setup {
    start(TestApp::spawn(backend).await, settings).await
}

async fn start(app: TestApp, settings: Value) -> Setup {
    let token = app.staff_token().await;
    let event = app.published_event(&token, &evening(&settings)).await;
    Setup { app, token, event }
}

impl Setup {
    fn event_id(&self) -> i64 {
        self.event["id"].as_i64().unwrap()
    }

    async fn adviser(&self, name: &str, languages: &[&str]) -> i64 {
        let (status, body) = json(
            self.app
                .post(&format!("/api/v1/events/{}/advisers", self.event_id()))
                .bearer_auth(&self.token)
                .json(&json!({"name": name, "languages": languages, "location": "Raum 1.12"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        body["id"].as_i64().unwrap()
    }

    async fn generate(&self, plan: Value) -> (u16, Value) {
        json(
            self.app
                .post(&format!("/api/v1/events/{}/slots", self.event_id()))
                .bearer_auth(&self.token)
                .json(&plan)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// `count` slots of `minutes` from 19:00 local, one after the other; their ids.
    async fn slots(&self, adviser: i64, count: i64, minutes: i64) -> Vec<i64> {
        let day = day_of(&self.event);
        let start = chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        let end = start + Duration::minutes(count * minutes);
        let (status, body) = self
            .generate(json!({
                "adviser_id": adviser,
                "starts_at": format!("{day}T{}", start.format("%H:%M")),
                "ends_at": format!("{day}T{}", end.format("%H:%M")),
                "slot_minutes": minutes,
            }))
            .await;
        assert_eq!(status, 201, "{body}");
        let ids: Vec<i64> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), usize::try_from(count).unwrap());
        ids
    }

    /// Registers a family (confirmed: no double opt-in); returns its id and manage token.
    async fn family(&self, n: usize) -> (i64, String) {
        self.family_in(n, "de").await
    }

    /// As [`Setup::family`], the family speaking `lang`.
    async fn family_in(&self, n: usize, lang: &str) -> (i64, String) {
        let body = self
            .app
            .registered(&self.event, &json!({"name": format!("Familie {n}"), "email": format!("familie{n}@example.org"), "language": lang, "consent": true}))
            .await;
        let id = body["id"].as_i64().unwrap();
        (id, self.app.token_for(id).await)
    }

    async fn public_slots(&self) -> Vec<Value> {
        let (status, body) = json(
            self.app
                .get(&format!(
                    "/api/v1/events/{}/slots?per_page=200",
                    self.event_id()
                ))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        body["items"].as_array().unwrap().clone()
    }
}

/// The slot mails of a registration: kind and slot id, oldest first.
async fn slot_mails(app: &TestApp, registration_id: i64) -> Vec<(String, i64)> {
    outbox::Entity::find()
        .filter(outbox::Column::RegistrationId.eq(i32::try_from(registration_id).unwrap()))
        .filter(outbox::Column::Kind.is_in(["slot_booked", "slot_cancelled"]))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let payload: Value = serde_json::from_str(&r.payload).unwrap();
            assert!(
                payload["token"].is_string(),
                "slot mails carry a manage link"
            );
            (r.kind, payload["slot_id"].as_i64().unwrap())
        })
        .collect()
}

async fn holder(app: &TestApp, slot_id: i64) -> Option<i64> {
    slot::Entity::find_by_id(i32::try_from(slot_id).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .registration_id
        .map(i64::from)
}

async fn book(app: &TestApp, token: &str, slot_id: i64) -> (u16, String) {
    let response = no_redirects()
        .post(app.url(&format!("/r/{token}/slots")))
        .form(&[("slot_id", slot_id.to_string())])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn post_form(app: &TestApp, path: &str, form: &[(&str, String)]) -> (u16, String) {
    let response = no_redirects()
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn fifty_families_racing_for_ten_slots_get_each_slot_once(backend: Backend) {
    let s = setup(backend, json!({})).await;
    let adviser = s.adviser("Frau Yılmaz", &["de", "tr"]).await;
    let slots = s.slots(adviser, 10, 15).await;
    let mut families = Vec::new();
    for n in 0..50 {
        families.push(s.family(n).await);
    }

    let app = Arc::new(s.app);
    let mut tasks = Vec::new();
    for (i, (id, token)) in families.iter().cloned().enumerate() {
        let app = app.clone();
        let slot_id = slots[i % 10];
        tasks.push(tokio::spawn(async move {
            (id, slot_id, book(&app, &token, slot_id).await.0)
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }

    let won: Vec<&(i64, i64, u16)> = results.iter().filter(|r| r.2 == 303).collect();
    let lost = results.iter().filter(|r| r.2 == 409).count();
    assert_eq!((won.len(), lost), (10, 40), "{results:?}");
    for slot_id in &slots {
        let winners: Vec<i64> = won
            .iter()
            .filter(|r| r.1 == *slot_id)
            .map(|r| r.0)
            .collect();
        assert_eq!(winners.len(), 1, "slot {slot_id}: {winners:?}");
        assert_eq!(holder(&app, *slot_id).await, Some(winners[0]));
        assert_eq!(
            slot_mails(&app, winners[0]).await,
            [("slot_booked".to_owned(), *slot_id)]
        );
    }
    let booked = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("slot_booked"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(booked.len(), 10, "one confirmation per booking");
    app.deliver_due_mail().await;
}
both!(fifty_families_racing_for_ten_slots_get_each_slot_once);

async fn a_family_racing_for_two_overlapping_slots_gets_one(backend: Backend) {
    let s = setup(backend, json!({"max_slots_per_registration": 5})).await;
    let a = s.adviser("Herr Petrenko", &["uk", "ru"]).await;
    let b = s.adviser("Frau Haddad", &["ar"]).await;
    let slots_a = s.slots(a, 5, 20).await;
    let slots_b = s.slots(b, 5, 20).await;
    let app = Arc::new(Setup {
        app: s.app,
        token: s.token,
        event: s.event,
    });

    // Five families, each racing for the 19:00 + 20·i slot of both advisers at once.
    let mut tasks = Vec::new();
    for i in 0..5 {
        let (id, token) = app.family(i).await;
        for slot_id in [slots_a[i], slots_b[i]] {
            let app = app.clone();
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                (id, book(&app.app, &token, slot_id).await)
            }));
        }
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }

    for pair in results.chunks(2) {
        let mut statuses = [pair[0].1.0, pair[1].1.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [303, 422], "one booking, one refusal: {pair:?}");
        let refused = pair.iter().find(|r| r.1.0 == 422).unwrap();
        assert!(
            refused.1.1.contains("überschneidet sich"),
            "the manage page comes back with the reason"
        );
        let held = slot::Entity::find()
            .filter(slot::Column::RegistrationId.eq(i32::try_from(pair[0].0).unwrap()))
            .all(&app.app.db)
            .await
            .unwrap();
        assert_eq!(held.len(), 1, "the family holds exactly one of the two");
    }
    app.app.deliver_due_mail().await;
}
both!(a_family_racing_for_two_overlapping_slots_gets_one);

async fn slots_are_laid_out_around_breaks_and_gaps_across_a_dst_change(backend: Backend) {
    // The night the clocks go forward (2027-03-28, 02:00 CET → 03:00 CEST).
    let s = setup(
        backend,
        json!({"starts_at": "2027-03-28T00:30", "ends_at": "2027-03-28T05:00"}),
    )
    .await;
    let adviser = s.adviser("Frau Demir", &["tr", "de"]).await;

    let (status, body) = s
        .generate(json!({
            "adviser_id": adviser,
            "starts_at": "2027-03-28T01:00",
            "ends_at": "2027-03-28T04:00",
            "slot_minutes": 25,
            "gap_minutes": 5,
            "breaks": [{"starts_at": "2027-03-28T03:00", "ends_at": "2027-03-28T03:15"}],
        }))
        .await;

    assert_eq!(status, 201, "{body}");
    let times: Vec<(String, String)> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["starts_at"].as_str().unwrap().to_owned(),
                s["ends_at"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        times,
        [
            ("2027-03-28T01:00:00+01:00", "2027-03-28T01:25:00+01:00"),
            ("2027-03-28T01:30:00+01:00", "2027-03-28T01:55:00+01:00"),
            // 02:00 CET is 03:00 CEST, inside the break; the next slot starts at its end.
            ("2027-03-28T03:15:00+02:00", "2027-03-28T03:40:00+02:00"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let first = &body["items"][0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "adviser_id",
            "adviser_name",
            "ends_at",
            "free",
            "id",
            "languages",
            "location",
            "starts_at"
        ]
    );
    assert_eq!(first["languages"], json!(["tr", "de"]));
    assert_eq!(first["free"], true);

    // A range outside the event, an unknown adviser, a time in the DST gap: field errors.
    let (status, body) = s
        .generate(json!({
            "adviser_id": 9999,
            "starts_at": "2027-03-28T02:30",
            "ends_at": "2027-03-28T06:00",
            "slot_minutes": 25,
        }))
        .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["adviser_id"].is_string(), "{body}");
    assert!(
        body["error"]["fields"]["starts_at"]
            .as_str()
            .unwrap()
            .contains("does not exist")
    );
}
both!(slots_are_laid_out_around_breaks_and_gaps_across_a_dst_change);

async fn regenerating_replaces_free_slots_and_never_touches_booked_ones(backend: Backend) {
    let s = setup(backend, json!({})).await;
    let adviser = s.adviser("Herr Schmidt", &["de"]).await;
    let slots = s.slots(adviser, 4, 30).await; // 19:00, 19:30, 20:00, 20:30
    let (family, token) = s.family(1).await;
    assert_eq!(book(&s.app, &token, slots[1]).await.0, 303);
    let day = day_of(&s.event);

    let (status, body) = s
        .generate(json!({
            "adviser_id": adviser,
            "starts_at": format!("{day}T19:00"),
            "ends_at": format!("{day}T21:00"),
            "slot_minutes": 20,
        }))
        .await;

    assert_eq!(status, 201, "{body}");
    let created: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap()[11..16].to_owned())
        .collect();
    // 19:20–19:40 and 19:40–20:00 would overlap the booked 19:30–20:00.
    assert_eq!(created, ["19:00", "20:00", "20:20", "20:40"]);
    assert_eq!(holder(&s.app, slots[1]).await, Some(family));
    let listed: Vec<(String, bool)> = s
        .public_slots()
        .await
        .iter()
        .map(|v| {
            (
                v["starts_at"].as_str().unwrap()[11..16].to_owned(),
                v["free"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("19:00", true),
            ("19:30", false),
            ("20:00", true),
            ("20:20", true),
            ("20:40", true)
        ]
        .map(|(t, f)| (t.to_owned(), f))
    );
    // The withdrawn slots can no longer be booked.
    let (_, other) = s.family(2).await;
    assert_eq!(book(&s.app, &other, slots[3]).await.0, 404);
    s.app.deliver_due_mail().await;
}
both!(regenerating_replaces_free_slots_and_never_touches_booked_ones);

async fn a_registration_holds_no_more_slots_than_the_event_allows(backend: Backend) {
    let s = setup(backend, json!({"max_slots_per_registration": 2})).await;
    let adviser = s.adviser("Frau Novak", &["de", "en"]).await;
    let slots = s.slots(adviser, 4, 15).await;
    let (family, token) = s.family(1).await;

    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);
    assert_eq!(book(&s.app, &token, slots[2]).await.0, 303);
    let (status, page) = book(&s.app, &token, slots[3]).await;

    assert_eq!(status, 422);
    assert!(page.contains("höchstens 2 Beratungszeiten"), "{page}");
    assert_eq!(holder(&s.app, slots[3]).await, None);
    assert!(
        page.contains("so viele Zeiten gebucht"),
        "the page offers no further booking"
    );
    // Booking a slot it already holds changes nothing.
    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);
    assert_eq!(
        slot_mails(&s.app, family).await,
        [
            ("slot_booked".to_owned(), slots[0]),
            ("slot_booked".to_owned(), slots[2])
        ]
    );
    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token}/slots"),
        &[("slot_id", "x".into())],
    )
    .await;
    assert_eq!(status, 422, "a missing choice is a form error");
    s.app.deliver_due_mail().await;
}
both!(a_registration_holds_no_more_slots_than_the_event_allows);

async fn a_family_moves_to_a_free_slot_and_keeps_its_own_when_the_new_one_is_taken(
    backend: Backend,
) {
    let s = setup(backend, json!({})).await;
    let adviser = s.adviser("Frau Weber", &["de", "ru"]).await;
    let slots = s.slots(adviser, 3, 20).await;
    let (a, token_a) = s.family(1).await;
    let (b, token_b) = s.family(2).await;
    assert_eq!(book(&s.app, &token_a, slots[0]).await.0, 303);
    assert_eq!(book(&s.app, &token_b, slots[2]).await.0, 303);

    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token_a}/slots/{}/move", slots[0]),
        &[("slot_id", slots[1].to_string())],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(holder(&s.app, slots[0]).await, None);
    assert_eq!(holder(&s.app, slots[1]).await, Some(a));

    let (status, page) = post_form(
        &s.app,
        &format!("/r/{token_a}/slots/{}/move", slots[1]),
        &[("slot_id", slots[2].to_string())],
    )
    .await;
    assert_eq!(status, 409);
    assert!(page.contains("gerade jemand anderes gebucht"), "{page}");
    assert_eq!(
        holder(&s.app, slots[1]).await,
        Some(a),
        "the old slot is kept"
    );
    assert_eq!(holder(&s.app, slots[2]).await, Some(b));

    // Moving a slot the family does not hold is refused.
    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token_a}/slots/{}/move", slots[2]),
        &[("slot_id", slots[0].to_string())],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(holder(&s.app, slots[2]).await, Some(b));

    assert_eq!(
        slot_mails(&s.app, a).await,
        [
            ("slot_booked".to_owned(), slots[0]),
            ("slot_booked".to_owned(), slots[1]),
            ("slot_cancelled".to_owned(), slots[0]),
        ]
    );
    let manage = s
        .app
        .get(&format!("/r/{token_a}?done=slot_moved"))
        .send()
        .await
        .unwrap();
    let page = manage.text().await.unwrap();
    assert!(page.contains("Ihre Beratungszeit ist verschoben"));
    assert!(page.contains(&format!("/r/{token_a}/slots/{}/cancel", slots[1])));
    s.app.deliver_due_mail().await;
}
both!(a_family_moves_to_a_free_slot_and_keeps_its_own_when_the_new_one_is_taken);

async fn a_slot_given_back_is_free_again(backend: Backend) {
    let s = setup(backend, json!({})).await;
    let adviser = s.adviser("Herr Kaya", &["tr"]).await;
    let slots = s.slots(adviser, 2, 30).await;
    let (family, token) = s.family(1).await;
    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);
    assert!(!s.public_slots().await[0]["free"].as_bool().unwrap());
    let (_, own) = json(s.app.get(&format!("/r/{token}/data")).send().await.unwrap()).await;
    assert_eq!(own["counselling_slots"][0]["adviser"], "Herr Kaya", "{own}");

    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token}/slots/{}/cancel", slots[0]),
        &[],
    )
    .await;

    assert_eq!(status, 303);
    assert!(s.public_slots().await[0]["free"].as_bool().unwrap());
    assert_eq!(
        slot_mails(&s.app, family).await,
        [
            ("slot_booked".to_owned(), slots[0]),
            ("slot_cancelled".to_owned(), slots[0])
        ]
    );
    // Giving it back twice finds nothing to give back.
    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token}/slots/{}/cancel", slots[0]),
        &[],
    )
    .await;
    assert_eq!(status, 404);
    // Booked again after giving it back: a new confirmation.
    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);
    assert_eq!(slot_mails(&s.app, family).await.len(), 3);
    s.app.deliver_due_mail().await;
}
both!(a_slot_given_back_is_free_again);

async fn a_cancelled_registration_frees_its_slots(backend: Backend) {
    let s = setup(backend, json!({})).await;
    let adviser = s.adviser("Frau Rahimi", &["fa", "prs"]).await;
    let slots = s.slots(adviser, 3, 20).await;
    let (family, token) = s.family(1).await;
    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);
    assert_eq!(book(&s.app, &token, slots[1]).await.0, 303);

    let (status, _) = post_form(&s.app, &format!("/r/{token}/cancel"), &[]).await;

    assert_eq!(status, 303);
    assert_eq!(holder(&s.app, slots[0]).await, None);
    assert_eq!(holder(&s.app, slots[1]).await, None);
    assert_eq!(
        slot_mails(&s.app, family).await,
        [
            ("slot_booked".to_owned(), slots[0]),
            ("slot_booked".to_owned(), slots[1]),
            ("slot_cancelled".to_owned(), slots[0]),
            ("slot_cancelled".to_owned(), slots[1]),
        ]
    );
    let (status, page) = book(&s.app, &token, slots[2]).await;
    assert_eq!(status, 409, "only a registration with a seat books");
    assert!(page.contains("wer einen Platz hat"), "{page}");
    assert!(s.public_slots().await.iter().all(|v| v["free"] == true));
    s.app.deliver_due_mail().await;
}
both!(a_cancelled_registration_frees_its_slots);

async fn the_event_page_shows_free_slots_and_languages_but_never_who_booked(backend: Backend) {
    let s = setup(backend, json!({})).await;
    let adviser = s.adviser("Frau Haddad", &["ar", "de"]).await;
    let slots = s.slots(adviser, 2, 30).await;
    let (_, token) = s.family(7).await;
    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);

    let page = s
        .app
        .get(&format!(
            "/events/{}?lang=de",
            s.event["slug"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(page.contains("Einzelberatung"), "{page}");
    assert!(page.contains("Frau Haddad"));
    assert!(page.contains("\u{2068}العربية\u{2069}, \u{2068}Deutsch\u{2069}"));
    assert!(page.contains("19:30–20:00"), "the free slot is listed");
    assert!(
        !page.contains("19:00–19:30"),
        "the booked slot is not offered"
    );
    assert!(!page.contains("Familie 7"));
    let api = s.public_slots().await;
    assert!(
        api.iter()
            .all(|v| !v.to_string().contains("amilie") && v.get("registration_id").is_none()),
        "{api:?}"
    );

    // Drafts' slots are for staff only.
    let draft = s.app.create_event(&s.token, &evening(&json!({}))).await;
    let anonymous = s
        .app
        .get(&format!("/api/v1/events/{}/slots", draft["id"]))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 404);
    s.app.deliver_due_mail().await;
}
both!(the_event_page_shows_free_slots_and_languages_but_never_who_booked);

async fn slot_row(app: &TestApp, id: i64) -> slot::Model {
    slot::Entity::find_by_id(i32::try_from(id).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// One slot mail as it arrived: its language, subject, plain text and calendar attachment.
struct SlotMail {
    lang: String,
    subject: String,
    text: String,
    html: String,
    ics_name: String,
    ics: String,
}

fn slot_mail(received: &Received) -> SlotMail {
    let message = received.parsed();
    let attachments: Vec<_> = message.attachments().collect();
    assert_eq!(attachments.len(), 1, "one calendar file");
    let ics = attachments[0];
    let content_type = ics.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("text", Some("calendar"))
    );
    SlotMail {
        lang: message
            .header("Content-Language")
            .and_then(|h| h.as_text())
            .unwrap()
            .to_owned(),
        subject: message.subject().unwrap().to_owned(),
        text: message.body_text(0).unwrap().into_owned(),
        html: message.body_html(0).unwrap().into_owned(),
        ics_name: ics.attachment_name().unwrap().to_owned(),
        ics: ics.text_contents().unwrap().to_owned(),
    }
}

/// The value of an iCalendar property in `ics` (first occurrence, unfolded lines only).
fn ics_value(ics: &str, name: &str) -> String {
    ics.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("{name} in {ics}"))
        .trim_end()
        .to_owned()
}

async fn booking_moving_and_giving_back_a_slot_each_send_mail_with_the_slots_own_calendar_entry(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let s = start(app, json!({})).await;
    let tz = s.app.config.office.timezone;
    let host = treffpunkt::calendar::Settings::from_config(&s.app.config);
    let room = s.adviser("Frau Yilmaz", &["de", "tr"]).await;
    let room_slots = s.slots(room, 2, 20).await;
    let (status, body) = json(
        s.app
            .post(&format!("/api/v1/events/{}/advisers", s.event_id()))
            .bearer_auth(&s.token)
            .json(&json!({"name": "Herr Kaya", "languages": ["tr"], "location": "https://meet.example.org/kaya"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let video = body["id"].as_i64().unwrap();
    let day = day_of(&s.event);
    let (status, body) = s
        .generate(json!({"adviser_id": video, "starts_at": format!("{day}T20:00"), "ends_at": format!("{day}T20:30"), "slot_minutes": 30}))
        .await;
    assert_eq!(status, 201, "{body}");
    let video_slot = body["items"][0]["id"].as_i64().unwrap();
    let (family, token) = s.family_in(1, "tr").await;
    s.app.jobs.tick_at(Utc::now()).await.unwrap();
    let before = smtp.received().len();
    assert_eq!(before, 1, "the confirmation of the seat");

    // Booking.
    assert_eq!(book(&s.app, &token, room_slots[0]).await.0, 303);
    let report = s.app.jobs.tick_at(Utc::now()).await.unwrap();
    assert_eq!((report.mail.sent, report.mail.failed), (1, 0));
    let received = smtp.received();
    assert_eq!(received[1].to, ["familie1@example.org"]);
    let booked = slot_mail(&received[1]);
    let first = slot_row(&s.app, room_slots[0]).await;
    let when = format!(
        "{}–{}",
        i18n::format_date_time(first.starts_at, tz, Lang::Tr),
        i18n::format_time(first.ends_at, tz, Lang::Tr)
    );
    assert_eq!(booked.lang, "tr");
    assert!(
        booked.subject.starts_with("Danışma randevunuz"),
        "{}",
        booked.subject
    );
    assert!(booked.subject.contains(&when), "{}", booked.subject);
    for part in [&booked.text, &booked.html] {
        assert!(part.contains("Frau Yilmaz"), "{part}");
        assert!(part.contains(&when), "{part}");
        assert!(part.contains("Raum 1.12, Bürgerhaus, Köln"), "{part}");
        assert!(
            part.contains("slot.ics"),
            "the text names the file attached: {part}"
        );
        assert!(!part.contains("event.ics"), "{part}");
    }
    assert_eq!(booked.ics_name, "slot.ics");
    assert_eq!(
        ics_value(&booked.ics, "UID"),
        host.slot_uid(i32::try_from(room_slots[0]).unwrap())
    );
    assert!(ics_value(&booked.ics, "UID").starts_with("slot-"));
    assert_eq!(ics_value(&booked.ics, "STATUS"), "CONFIRMED");
    assert_eq!(
        ics_value(&booked.ics, "SEQUENCE"),
        first.sequence.to_string()
    );
    assert!(ics_value(&booked.ics, "SUMMARY").contains("Frau Yilmaz"));
    // The link in the mail opens the family's page, which shows the booking.
    let link = format!("{}/r/", s.app.base);
    let start = booked.text.find(&link).unwrap() + link.len();
    let mail_token: String = booked.text[start..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let page = no_redirects()
        .get(s.app.url(&format!("/r/{mail_token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Frau Yilmaz"));

    // Moving to the adviser on the video link: a booking for the new slot, a cancellation
    // for the old one, each with its own entry.
    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token}/slots/{}/move", room_slots[0]),
        &[("slot_id", video_slot.to_string())],
    )
    .await;
    assert_eq!(status, 303);
    let report = s.app.jobs.tick_at(Utc::now()).await.unwrap();
    assert_eq!((report.mail.sent, report.mail.failed), (2, 0));
    let received = smtp.received();
    let mails: Vec<SlotMail> = received[2..4].iter().map(slot_mail).collect();
    let uid = |id: i64| host.slot_uid(i32::try_from(id).unwrap());
    let moved_to = mails
        .iter()
        .find(|m| ics_value(&m.ics, "UID") == uid(video_slot))
        .expect("a mail for the new slot");
    assert_eq!(moved_to.lang, "tr");
    assert_eq!(ics_value(&moved_to.ics, "STATUS"), "CONFIRMED");
    assert!(moved_to.text.contains("Herr Kaya"));
    assert!(
        moved_to.text.contains("https://meet.example.org/kaya"),
        "{}",
        moved_to.text
    );
    assert!(moved_to.html.contains("https://meet.example.org/kaya"));
    assert_eq!(
        ics_value(&moved_to.ics, "LOCATION"),
        "https://meet.example.org/kaya"
    );
    let moved_from = mails
        .iter()
        .find(|m| ics_value(&m.ics, "UID") == uid(room_slots[0]))
        .expect("a mail for the old slot");
    assert_eq!(moved_from.lang, "tr");
    assert!(
        moved_from.subject.starts_with("Danışma randevusu iptal"),
        "{}",
        moved_from.subject
    );
    assert_eq!(ics_value(&moved_from.ics, "STATUS"), "CANCELLED");
    let released = slot_row(&s.app, room_slots[0]).await;
    assert_eq!(
        ics_value(&moved_from.ics, "SEQUENCE"),
        released.sequence.to_string()
    );
    assert!(released.sequence > first.sequence);

    // Giving back.
    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token}/slots/{video_slot}/cancel"),
        &[],
    )
    .await;
    assert_eq!(status, 303);
    let report = s.app.jobs.tick_at(Utc::now()).await.unwrap();
    assert_eq!((report.mail.sent, report.mail.failed), (1, 0));
    let given_back = slot_mail(&smtp.received()[4]);
    assert_eq!(given_back.lang, "tr");
    assert_eq!(ics_value(&given_back.ics, "UID"), uid(video_slot));
    assert_eq!(ics_value(&given_back.ics, "STATUS"), "CANCELLED");
    assert!(given_back.text.contains("Herr Kaya"));
    assert_eq!(smtp.received().len(), 5);
    let sent = outbox::Entity::find()
        .filter(outbox::Column::RegistrationId.eq(i32::try_from(family).unwrap()))
        .filter(outbox::Column::Kind.is_in(["slot_booked", "slot_cancelled"]))
        .filter(outbox::Column::SentAt.is_not_null())
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 4);
}
both!(booking_moving_and_giving_back_a_slot_each_send_mail_with_the_slots_own_calendar_entry);

async fn a_booking_given_back_before_its_mail_went_out_sends_only_the_cancellation(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let s = start(app, json!({})).await;
    let adviser = s.adviser("Frau Yilmaz", &["de"]).await;
    let slots = s.slots(adviser, 1, 20).await;
    let (_, token) = s.family(1).await;
    assert_eq!(book(&s.app, &token, slots[0]).await.0, 303);
    let (status, _) = post_form(
        &s.app,
        &format!("/r/{token}/slots/{}/cancel", slots[0]),
        &[],
    )
    .await;
    assert_eq!(status, 303);

    let report = s.app.jobs.tick_at(Utc::now()).await.unwrap();

    assert_eq!(
        (report.mail.sent, report.mail.skipped, report.mail.failed),
        (2, 1, 0)
    );
    let received = smtp.received();
    let cancellation = slot_mail(&received[1]);
    assert_eq!(ics_value(&cancellation.ics, "STATUS"), "CANCELLED");
    assert!(cancellation.subject.starts_with("Beratungstermin abgesagt"));
}
both!(a_booking_given_back_before_its_mail_went_out_sends_only_the_cancellation);
