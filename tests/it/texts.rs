//! Event texts per language: entered by staff (API and form), read by visitors in their
//! language on the pages, in mail, in the calendar files and feeds; German where there is none,
//! marked as German.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use serde_json::{Value, json};
use treffpunkt::staff::Role;

use crate::both;
use crate::feeds::{get_ics, parse};
use crate::support::app::json;
use crate::support::smtp::SmtpServer;
use crate::support::{Backend, TestApp, id_of};

const GERMAN_TITLE: &str = "Elternabend: Ausbildung in Deutschland";
const ARABIC_TITLE: &str = "أمسية الأهل: التدريب المهني في ألمانيا";
const ARABIC_DESCRIPTION: &str = "كيف يعمل التدريب المهني المزدوج؟ مع مترجمين.";
const ARABIC_DIRECTIONS: &str = "الحافلة 159 حتى محطة كالك، المدخل من الفناء";

fn at(local: &str) -> DateTime<Utc> {
    treffpunkt::local_time::parse(local, Berlin).unwrap()
}

fn parents_evening() -> Value {
    json!({
        "kind": "parents_evening",
        "title": GERMAN_TITLE,
        "description": "Wie funktioniert die duale Ausbildung? Mit Dolmetschern.",
        "directions": "Bus 159 bis Kalk Post, Eingang im Hof",
        "starts_at": "2027-03-12T18:00",
        "ends_at": "2027-03-12T20:30",
        "venue": {"name": "Bürgerhaus Kalk", "postal_code": "51103", "city": "Köln"},
        "capacity": 40,
        "audiences": ["parents"],
        "languages": ["de", "ar-SY", "fa"],
        "double_opt_in": false,
        "translations": {
            "ar": {"title": ARABIC_TITLE, "description": ARABIC_DESCRIPTION, "directions": ARABIC_DIRECTIONS}
        }
    })
}

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.unwrap()
}

/// The value of `href` of the first link whose address contains `part`, as the page has it.
fn link_with(html: &str, part: &str) -> String {
    html.split("href=\"")
        .skip(1)
        .map(|rest| {
            rest.split('"')
                .next()
                .unwrap()
                .replace("&#x2f;", "/")
                .replace("&amp;", "&")
        })
        .find(|href| href.contains(part))
        .unwrap_or_else(|| panic!("no link with {part}"))
}

async fn an_arabic_visitor_reads_an_event_entered_in_german_and_arabic_entirely_in_arabic(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let event = app.published(&parents_evening()).await;
    let slug = event["slug"].as_str().unwrap().to_owned();

    // The page.
    let html = page(&app, &format!("/events/{slug}?lang=ar")).await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        html.contains(&format!("<h1 dir=\"auto\">{ARABIC_TITLE}</h1>")),
        "{html}"
    );
    assert!(html.contains(&format!("lang=\"ar\" dir=\"auto\">{ARABIC_DESCRIPTION}")));
    assert!(html.contains(ARABIC_DIRECTIONS));
    assert!(
        !html.contains(GERMAN_TITLE),
        "no German title on the Arabic page"
    );
    assert!(!html.contains("Bus 159 bis Kalk Post"));
    // No text of the event is marked as German.
    assert!(!html.contains("dir=\"auto\" lang=\"de\""), "{html}");
    assert!(!html.contains("lang=\"de\" dir=\"auto\""), "{html}");
    // The list.
    let list = page(&app, "/events?lang=ar").await;
    assert!(list.contains(ARABIC_TITLE));
    assert!(!list.contains(GERMAN_TITLE));

    // The event's own calendar file, from the page's link, and the German one: one UID.
    let ics_link = link_with(&html, ".ics");
    assert_eq!(ics_link, format!("/events/{slug}.ics?lang=ar"));
    let arabic = parse(&get_ics(&app, &ics_link).await);
    let german = parse(&get_ics(&app, &format!("/events/{slug}.ics")).await);
    let (a, g) = (&arabic["events"][0], &german["events"][0]);
    assert_eq!(a["uid"], g["uid"]);
    assert_eq!(a["summary"], ARABIC_TITLE);
    assert!(
        a["description"]
            .as_str()
            .unwrap()
            .starts_with(ARABIC_DESCRIPTION)
    );
    assert!(
        a["description"]
            .as_str()
            .unwrap()
            .contains(ARABIC_DIRECTIONS)
    );
    assert_eq!(g["summary"], GERMAN_TITLE);

    // The feed subscribed from the Arabic page carries its language.
    let feed_link = link_with(&list, "/calendar.ics");
    assert!(feed_link.ends_with("/calendar.ics?lang=ar"), "{feed_link}");
    let path = feed_link.split_once("127.0.0.1").unwrap().1;
    let path = &path[path.find('/').unwrap()..];
    let feed = parse(&get_ics(&app, path).await);
    let entry = &feed["events"][0];
    assert_eq!(entry["uid"], g["uid"]);
    assert_eq!(entry["summary"], ARABIC_TITLE);
    let raw_feed = get_ics(&app, path).await;
    assert!(
        raw_feed.contains("X-WR-CALNAME:Treffpunkt – الفعاليات"),
        "{raw_feed}"
    );

    // The mail, in Arabic, and its attachment.
    let registered = app
        .registered(
            &event,
            &json!({"name": "Samira", "email": "samira@example.org", "party_size": 2,
                    "language": "ar", "consent": true}),
        )
        .await;
    assert_eq!(registered["status"], "confirmed");
    app.jobs.tick_at(at("2027-03-01T10:00")).await.unwrap();
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    let message = received[0].parsed();
    let subject = message.subject().unwrap();
    assert!(subject.contains(ARABIC_TITLE), "{subject}");
    let text = message.body_text(0).unwrap();
    assert!(text.contains(ARABIC_TITLE));
    assert!(text.contains(ARABIC_DIRECTIONS));
    assert!(!text.contains(GERMAN_TITLE));
    let html = message.body_html(0).unwrap();
    assert!(html.contains(&format!("<p lang=\"ar\" dir=\"auto\" style=\"margin:0 0 8px; font-size:17px; font-weight:bold;\">{ARABIC_TITLE}</p>")));
    assert!(!html.contains("lang=\"de\""));
    let attachment = message.attachments().next().unwrap();
    let attached = parse(attachment.text_contents().unwrap());
    assert_eq!(attached["events"][0]["uid"], g["uid"]);
    assert_eq!(attached["events"][0]["summary"], ARABIC_TITLE);
}
both!(an_arabic_visitor_reads_an_event_entered_in_german_and_arabic_entirely_in_arabic);

async fn an_event_with_german_text_only_shows_it_marked_as_german(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with_smtp(backend, &smtp, |_| {}).await;
    let mut body = parents_evening();
    body["double_opt_in"] = json!(true);
    let event = app.published(&body).await;
    let slug = event["slug"].as_str().unwrap().to_owned();

    // Persian has no text of its own: the German one, marked and isolated.
    let html = page(&app, &format!("/events/{slug}?lang=fa")).await;
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"));
    assert!(
        html.contains(&format!("<h1 dir=\"auto\" lang=\"de\">{GERMAN_TITLE}</h1>")),
        "{html}"
    );
    assert!(html.contains("<div class=\"description\" lang=\"de\" dir=\"auto\">Wie funktioniert"));
    assert!(html.contains("dir=\"auto\" lang=\"de\">Bus 159 bis Kalk Post"));
    let ics = parse(&get_ics(&app, &format!("/events/{slug}.ics?lang=fa")).await);
    assert_eq!(ics["events"][0]["summary"], GERMAN_TITLE);
    let raw = get_ics(&app, &format!("/events/{slug}.ics?lang=fa")).await;
    assert!(raw.contains("SUMMARY;LANGUAGE=de:"), "{raw}");

    app.registered(
        &event,
        &json!({"name": "Reza", "email": "reza@example.org", "party_size": 1,
                "language": "fa", "consent": true}),
    )
    .await;
    app.jobs.tick_at(Utc::now()).await.unwrap();
    let message = smtp.received()[0].parsed();
    let html = message.body_html(0).unwrap();
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"));
    assert!(
        html.contains(&format!("<p lang=\"de\" dir=\"auto\" style=\"margin:0 0 8px; font-size:17px; font-weight:bold;\">{GERMAN_TITLE}</p>")),
        "{html}"
    );
    // The request to confirm names the event in its sentence, isolated.
    assert!(
        html.contains(&format!("«<bdi lang=\"de\">{GERMAN_TITLE}</bdi>»")),
        "{html}"
    );
}
both!(an_event_with_german_text_only_shows_it_marked_as_german);

async fn texts_are_read_created_and_changed_through_the_api_with_field_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;

    // Unknown and not offered languages are refused by field.
    let mut body = parents_evening();
    body["translations"] = json!({
        "xx": {"title": "?"},
        "de": {"title": "Doppelt"},
        "tr": {"title": "Veli akşamı"},
        "ar": {"description": "بدون عنوان"}
    });
    let (status, answer) = json(
        app.post("/api/v1/events")
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["code"], "validation");
    let fields = &answer["error"]["fields"];
    assert!(fields["translations.xx"].is_string(), "{answer}");
    assert!(fields["translations.de"].is_string(), "{answer}");
    assert!(
        fields["translations.tr"]
            .as_str()
            .unwrap()
            .contains("not offered"),
        "{answer}"
    );
    assert_eq!(fields["translations.ar.title"], "is required");
    let (status, answer) = json(
        app.post("/api/v1/events")
            .bearer_auth(&token)
            .json(&json!({"translations": {"ar": {"titel": "x"}}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(status == 400 || status == 422, "{status} {answer}");

    // Created with one translation, read back, changed, and the German stays.
    let created = app.create_event(&token, &parents_evening()).await;
    assert_eq!(created["title"], GERMAN_TITLE);
    assert_eq!(
        created["directions"],
        "Bus 159 bis Kalk Post, Eingang im Hof"
    );
    assert_eq!(
        created["translations"],
        json!({"ar": {"title": ARABIC_TITLE, "description": ARABIC_DESCRIPTION, "directions": ARABIC_DIRECTIONS}})
    );
    let path = format!("/api/v1/events/{}", created["id"]);
    let (status, changed) = json(
        app.patch(&path)
            .bearer_auth(&token)
            .json(&json!({"translations": {
                "ar": {"title": ARABIC_TITLE},
                "fa": {"title": "نشست والدین", "description": "با مترجم."}
            }}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["title"], GERMAN_TITLE);
    assert_eq!(changed["translations"]["ar"]["description"], "");
    assert_eq!(changed["translations"]["fa"]["title"], "نشست والدین");
    assert!(
        changed["sequence"].is_null(),
        "sequence is not part of the JSON"
    );
    let (_, read) = json(app.get(&path).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(read, changed);

    // A change that names other fields keeps the texts; a language no longer offered takes its
    // text along.
    let (_, kept) = json(
        app.patch(&path)
            .bearer_auth(&token)
            .json(&json!({"capacity": 50}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(kept["translations"], changed["translations"]);
    let (status, fewer) = json(
        app.patch(&path)
            .bearer_auth(&token)
            .json(&json!({"languages": ["de", "fa"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{fewer}");
    assert_eq!(
        fewer["translations"],
        json!({"fa": changed["translations"]["fa"]})
    );
    // The public list shows them too.
    app.post(&format!("{path}/publish"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let (_, list) = json(app.get("/api/v1/events").send().await.unwrap()).await;
    assert_eq!(list["items"][0]["translations"], fewer["translations"]);
}
both!(texts_are_read_created_and_changed_through_the_api_with_field_errors);

async fn a_change_of_a_text_moves_the_calendar_entry_and_series_copies_carry_the_texts(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let mut body = parents_evening();
    body["kind"] = json!("roundtable");
    body["starts_at"] = json!("2027-03-11T18:00");
    body["ends_at"] = json!("2027-03-11T20:00");
    let first = app.published_event(&token, &body).await;
    let path = format!("/api/v1/events/{}", first["id"]);
    let slug = first["slug"].as_str().unwrap().to_owned();
    let before = parse(&get_ics(&app, &format!("/events/{slug}.ics?lang=ar")).await);

    app.patch(&path)
        .bearer_auth(&token)
        .json(&json!({"translations": {"ar": {"title": "لقاء روّاد الأعمال"}}}))
        .send()
        .await
        .unwrap();
    let after = parse(&get_ics(&app, &format!("/events/{slug}.ics?lang=ar")).await);
    assert_eq!(after["events"][0]["summary"], "لقاء روّاد الأعمال");
    assert!(
        after["events"][0]["sequence"].as_i64() > before["events"][0]["sequence"].as_i64(),
        "a changed text raises SEQUENCE"
    );

    let (status, series) = json(
        app.post(&format!("{path}/series"))
            .bearer_auth(&token)
            .json(&json!({"rule": "FREQ=MONTHLY;BYDAY=2TH;COUNT=3"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{series}");
    let items = series["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for copy in items {
        assert_eq!(copy["translations"]["ar"]["title"], "لقاء روّاد الأعمال");
        assert_eq!(copy["directions"], "Bus 159 bis Kalk Post, Eingang im Hof");
        let html = page(
            &app,
            &format!("/events/{}?lang=ar", copy["slug"].as_str().unwrap()),
        )
        .await;
        assert!(html.contains("لقاء روّاد الأعمال"));
    }
    // A change for this and all later dates carries a new text to them.
    let (status, _) = json(
        app.patch(&format!("/api/v1/events/{}?scope=future", id_of(&items[0])))
            .bearer_auth(&token)
            .json(&json!({"translations": {"ar": {"title": "لقاء شهري"}}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (_, last) = json(
        app.get(&format!("/api/v1/events/{}", id_of(&items[1])))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(last["translations"]["ar"]["title"], "لقاء شهري");
    let (_, first_again) = json(app.get(&path).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(
        first_again["translations"]["ar"]["title"],
        "لقاء روّاد الأعمال"
    );
}
both!(a_change_of_a_text_moves_the_calendar_entry_and_series_copies_carry_the_texts);

async fn staff_enter_texts_per_language_and_the_dashboard_marks_languages_without_one(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let member = app.signed_in(Role::Staff).await;
    let form_page = member
        .get(app.url("/staff/events/new"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for code in ["en", "ar", "uk", "ru", "tr", "fa"] {
        assert!(
            form_page.contains(&format!("name=\"translations_{code}_title\"")),
            "a block for {code}"
        );
    }
    assert!(form_page.contains("<fieldset id=\"field-translations_ar\" lang=\"ar\" dir=\"rtl\">"));

    let base = [
        ("kind", "info_day"),
        ("title", "Infotag Ausbildung"),
        ("starts_at", "2027-03-12T18:00"),
        ("ends_at", "2027-03-12T20:00"),
        ("venue_name", "Rathaus"),
        ("venue_city", "Bonn"),
        ("max_party_size", "2"),
        ("languages", "de, ar, uk"),
        ("reminders", "1d"),
        ("directions", "Haltestelle Rathaus"),
    ];
    // A text for a language the event does not offer is refused next to its block.
    let mut refused = base.to_vec();
    refused.push(("translations_tr_title", "Eğitim günü"));
    let response = member
        .post(app.url("/staff/events"))
        .form(&refused)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let again = response.text().await.unwrap();
    assert!(again.contains("id=\"error-translations_tr\""), "{again}");
    assert!(again.contains("Diese Sprache wird bei der Veranstaltung nicht angeboten"));
    assert!(again.contains("value=\"Eğitim günü\""), "the value is kept");

    let mut accepted = base.to_vec();
    accepted.push(("translations_ar_title", "يوم التدريب المهني"));
    accepted.push(("translations_ar_description", "الشركات تقدم نفسها."));
    let response = member
        .post(app.url("/staff/events"))
        .form(&accepted)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let id: i32 = location
        .trim_start_matches("/staff/events/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = treffpunkt::events::get(&app.db, id).await.unwrap();
    assert_eq!(stored.spec.texts.directions, "Haltestelle Rathaus");
    assert_eq!(
        stored.text(treffpunkt::i18n::Lang::Ar).title.text,
        "يوم التدريب المهني"
    );
    let edit = member
        .get(app.url(&format!("/staff/events/{id}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(edit.contains("value=\"يوم التدريب المهني\""));
    assert!(edit.contains(">الشركات تقدم نفسها.</textarea>"));

    // Ukrainian is offered and has no text: the dashboard says so; Arabic has one.
    let dashboard = member
        .get(app.url("/staff"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        dashboard.contains("Texte fehlen: <bdi lang=\"uk\">Українська</bdi></span>"),
        "{dashboard}"
    );
}
both!(staff_enter_texts_per_language_and_the_dashboard_marks_languages_without_one);
