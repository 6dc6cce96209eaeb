//! The staff flow in a real headless Chromium: sign in, create and publish an event, see a
//! registration arrive through the public form, register someone on their behalf, check people
//! in on a phone, export, and read the audit log; and a parents' evening's counselling: add
//! advisers, lay out slots, book one for a family, print the schedule (to PDF), and turn a
//! roundtable into a series. Screenshots and the PDF go to `target/test-artifacts/`.

use std::time::Duration;

use calamine::Reader;
use fantoccini::{Client, Locator};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use treffpunkt::entities::registration;
use treffpunkt::staff::Role;

use crate::support::browser::{ChromeDriver, Screen, artifacts, downloaded, quit, screenshot};
use crate::support::{Backend, TestApp, id_of};

const PASSWORD: &str = "ein-langes-passwort";

async fn css(browser: &Client, selector: &str) -> fantoccini::elements::Element {
    browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("no {selector}: {e}"))
}

async fn type_into(browser: &Client, selector: &str, text: &str) {
    let field = css(browser, selector).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Sets an input by script, for `datetime-local` fields whose keyboard entry depends on the
/// browser's locale.
async fn set_value(browser: &Client, id: &str, value: &str) {
    browser
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![json!(id), json!(value)],
        )
        .await
        .unwrap();
}

/// Waits until the browser shows a page whose path starts with `prefix` and has loaded.
async fn wait_for_path(browser: &Client, prefix: &str) -> String {
    for _ in 0..100 {
        let url = browser.current_url().await.unwrap();
        let ready = browser
            .execute("return document.readyState", vec![])
            .await
            .unwrap();
        if url.path().starts_with(prefix) && ready == json!("complete") {
            return url.path().to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "expected a page under {prefix}, at {}",
        browser.current_url().await.unwrap()
    );
}

async fn click(browser: &Client, selector: &str) {
    css(browser, selector).await.click().await.unwrap();
}

/// The text of the page's main part; retried while a page is being replaced.
async fn main_text(browser: &Client) -> String {
    for _ in 0..50 {
        if let Ok(main) = browser.find(Locator::Css("main")).await
            && let Ok(text) = main.text().await
        {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no main part at {}", browser.current_url().await.unwrap());
}

async fn sign_in(browser: &Client, app: &TestApp, email: &str) {
    browser.goto(&app.url("/staff")).await.unwrap();
    wait_for_path(browser, "/staff/login").await;
    type_into(browser, "#field-email", email).await;
    type_into(browser, "#field-password", PASSWORD).await;
    click(browser, "main form button[type=submit]").await;
    wait_for_path(browser, "/staff").await;
    assert!(
        main_text(browser)
            .await
            .contains("Kommende Veranstaltungen")
    );
}

async fn registration_id(app: &TestApp, name: &str) -> i32 {
    registration::Entity::find()
        .filter(registration::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{name} is registered"))
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_run_an_event_from_creation_to_the_door_in_a_real_browser() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    treffpunkt::staff::add(
        &app.db,
        "leitung@example.org",
        "Dilek Kaya",
        Role::Admin,
        PASSWORD,
    )
    .await
    .unwrap();
    treffpunkt::staff::add(
        &app.db,
        "einlass@example.org",
        "Jonas Weber",
        Role::Staff,
        PASSWORD,
    )
    .await
    .unwrap();
    let mut driver = ChromeDriver::start().await;
    let (desk, downloads) = driver.session(Screen::Desktop).await;

    // Sign in.
    desk.goto(&app.url("/staff/login")).await.unwrap();
    screenshot(&desk, "01-login").await;
    sign_in(&desk, &app, "leitung@example.org").await;
    screenshot(&desk, "02-dashboard-empty").await;

    // Create an event through the form, after one refused try.
    click(&desk, "main a.button[href='/staff/events/new']").await;
    wait_for_path(&desk, "/staff/events/new").await;
    css(&desk, "#field-kind")
        .await
        .select_by_value("parents_evening")
        .await
        .unwrap();
    type_into(
        &desk,
        "#field-title",
        "Elternabend: Ausbildung in Deutschland",
    )
    .await;
    type_into(
        &desk,
        "#field-description",
        "Wie funktioniert die duale Ausbildung? Mit Dolmetschen.",
    )
    .await;
    let day = (chrono::Utc::now() + chrono::Duration::days(14))
        .format("%Y-%m-%d")
        .to_string();
    set_value(&desk, "field-starts_at", &format!("{day}T18:00")).await;
    set_value(&desk, "field-ends_at", &format!("{day}T17:00")).await;
    type_into(&desk, "#field-venue_name", "Familienzentrum Nord").await;
    type_into(&desk, "#field-venue_postal_code", "50667").await;
    type_into(&desk, "#field-venue_city", "Köln").await;
    type_into(&desk, "#field-capacity", "20").await;
    type_into(&desk, "#field-languages", "de, ar, tr").await;
    click(&desk, "#field-audience_parents").await;
    click(&desk, "form.event-form button[type=submit]").await;
    wait_for_path(&desk, "/staff/events").await;
    let refused = main_text(&desk).await;
    assert!(
        refused.contains("Das Ende muss nach dem Beginn liegen."),
        "{refused}"
    );
    let kept = css(&desk, "#field-title")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        kept.as_deref(),
        Some("Elternabend: Ausbildung in Deutschland")
    );
    screenshot(&desk, "03-event-form-with-error").await;
    set_value(&desk, "field-ends_at", &format!("{day}T20:00")).await;
    click(&desk, "form.event-form button[type=submit]").await;
    let path = wait_for_path(&desk, "/staff/events/").await;
    let event_id: i32 = path.rsplit('/').next().unwrap().parse().unwrap();
    assert!(main_text(&desk).await.contains("als Entwurf angelegt"));

    // Publish, behind a confirmation.
    click(
        &desk,
        &format!("a[href='/staff/events/{event_id}/publish']"),
    )
    .await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}/publish")).await;
    assert!(main_text(&desk).await.contains("veröffentlichen?"));
    screenshot(&desk, "04-confirm-publish").await;
    click(&desk, "main form button[type=submit]").await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}")).await;
    assert!(main_text(&desk).await.contains("jetzt veröffentlicht"));
    let public = css(&desk, "a[href^='/events/']")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();

    // A participant registers through the public form, with an interpreter.
    desk.goto(&app.url(&public)).await.unwrap();
    type_into(&desk, "#field-name", "Jürgen Groß").await;
    type_into(&desk, "#field-email", "juergen@example.org").await;
    css(&desk, "#field-interpreter")
        .await
        .select_by_value("ar")
        .await
        .unwrap();
    click(&desk, "#field-consent").await;
    click(&desk, "form[action$='/register'] button[type=submit]").await;
    wait_for_path(&desk, &format!("{public}/registered")).await;

    // ... and staff see it arrive.
    desk.goto(&app.url(&format!("/staff/events/{event_id}")))
        .await
        .unwrap();
    let page = main_text(&desk).await;
    assert!(page.contains("Jürgen Groß"), "{page}");
    assert!(page.contains("العربية"), "interpreter summary: {page}");
    screenshot(&desk, "05-event-with-registration").await;

    // Register a caller on her behalf, without an address.
    click(
        &desk,
        &format!("a[href='/staff/events/{event_id}/register']"),
    )
    .await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}/register")).await;
    type_into(&desk, "#field-name", "Ayşe Öztürk").await;
    type_into(&desk, "#field-phone", "0221 987654").await;
    css(&desk, "#field-party_size")
        .await
        .select_by_value("2")
        .await
        .unwrap();
    css(&desk, "#field-interpreter")
        .await
        .select_by_value("tr")
        .await
        .unwrap();
    click(&desk, "#field-consent").await;
    screenshot(&desk, "06-register-on-behalf").await;
    click(&desk, "main form button[type=submit]").await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}")).await;
    let page = main_text(&desk).await;
    assert!(
        page.contains("Die Anmeldung wurde gespeichert (Status: bestätigt)"),
        "{page}"
    );
    assert!(page.contains("Ayşe Öztürk") && page.contains("Büro"));
    let ayse = registration_id(&app, "Ayşe Öztürk").await;
    let juergen = registration_id(&app, "Jürgen Groß").await;

    // Check people in at the door, on a phone.
    let (mut phone, _) = driver.session(Screen::Phone).await;
    sign_in(&phone, &app, "einlass@example.org").await;
    phone
        .goto(&app.url(&format!("/staff/events/{event_id}/checkin")))
        .await
        .unwrap();
    wait_for_path(&phone, "/staff/events/").await;
    let width = phone
        .execute("return window.innerWidth", vec![])
        .await
        .unwrap();
    assert_eq!(width, json!(360));
    let overflow = phone
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(overflow, json!(false), "no sideways scrolling at 360 px");
    assert!(main_text(&phone).await.contains("0 Personen da"));
    screenshot(&phone, "07-checkin-phone-360px").await;
    click(&phone, &format!("#r{ayse} button[type=submit]")).await;
    wait_for_path(&phone, "/staff/events/").await;
    for _ in 0..50 {
        if main_text(&phone).await.contains("2 Personen da") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let door = main_text(&phone).await;
    assert!(
        door.contains("2 Personen da") && door.contains("1 fehlt"),
        "{door}"
    );
    click(&phone, &format!("#r{juergen} button[type=submit]")).await;
    wait_for_path(&phone, "/staff/events/").await;
    for _ in 0..50 {
        if main_text(&phone).await.contains("3 Personen da") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A mistaken tap is undone.
    click(&phone, &format!("#r{juergen} button[type=submit]")).await;
    wait_for_path(&phone, "/staff/events/").await;
    for _ in 0..50 {
        if main_text(&phone).await.contains("2 Personen da") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(main_text(&phone).await.contains("2 Personen da"));
    screenshot(&phone, "08-checkin-phone-after").await;
    quit(phone).await;
    (phone, _) = driver.session(Screen::Phone).await;
    // The phone's profile is fresh: nobody is signed in there.
    phone
        .goto(&app.url(&format!("/staff/events/{event_id}/checkin")))
        .await
        .unwrap();
    wait_for_path(&phone, "/staff/login").await;
    quit(phone).await;

    // Export: the browser downloads both files with its session; they open with the rows
    // and the umlauts.
    desk.goto(&app.url(&format!("/staff/events/{event_id}")))
        .await
        .unwrap();
    click(&desk, "a[href$='registrations.csv']").await;
    let csv = downloaded(&downloads, "csv").await;
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "byte order mark for Excel"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&csv[3..]);
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[2].to_owned()).collect();
    assert_eq!(names, ["Jürgen Groß", "Ayşe Öztürk"]);
    click(&desk, "a[href$='registrations.xlsx']").await;
    let xlsx = downloaded(&downloads, "xlsx").await;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<String> = sheet.rows().skip(1).map(|r| r[2].to_string()).collect();
    assert_eq!(rows, ["Jürgen Groß", "Ayşe Öztürk"]);

    // The dashboard counts, and the audit log shows what happened.
    desk.goto(&app.url("/staff")).await.unwrap();
    let dashboard = main_text(&desk).await;
    assert!(dashboard.contains("3 / 20"), "seats taken: {dashboard}");
    screenshot(&desk, "09-dashboard").await;
    desk.goto(&app.url("/staff/audit")).await.unwrap();
    let log = main_text(&desk).await;
    for action in [
        "Veranstaltung angelegt",
        "Veranstaltung veröffentlicht",
        "Person angemeldet",
        "Einlass rückgängig",
        "Liste als CSV exportiert",
        "Liste als XLSX exportiert",
    ] {
        assert!(log.contains(action), "{action} in the audit log: {log}");
    }
    assert!(!log.contains("Öztürk") && !log.contains("Groß"), "ids only");
    screenshot(&desk, "10-audit-log").await;
    let actions = app.audit_actions().await;
    assert_eq!(
        actions,
        [
            "login",
            "event_created",
            "event_published",
            "registered_on_behalf",
            "login",
            "checked_in",
            "checked_in",
            "check_in_undone",
            "exported_csv",
            "exported_xlsx",
        ]
    );
    quit(desk).await;
    app.deliver_due_mail().await;
}

/// Clicks what loads a new page (a link, a form's button) and waits until the new page has
/// replaced the old one and has loaded: a path check alone would pass at once when the new
/// page's path starts like the old one's.
async fn click_and_load(browser: &Client, selector: &str) {
    let old = browser.find(Locator::Css("html")).await.unwrap();
    click(browser, selector).await;
    for _ in 0..200 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for _ in 0..100 {
        if browser
            .execute("return document.readyState", vec![])
            .await
            .is_ok_and(|r| r == json!("complete"))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no new page after clicking {selector}");
}

/// Pages of a PDF as Chromium writes it: one `/Type /Page` object per page.
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page")
        .count()
        .saturating_sub(text.matches("/Type /Pages").count())
}

async fn add_adviser(desk: &Client, event_id: i32, name: &str, languages: &str, room: &str) {
    type_into(desk, "#field-adviser_name", name).await;
    type_into(desk, "#field-adviser_languages", languages).await;
    type_into(desk, "#field-adviser_location", room).await;
    click_and_load(desk, "#adviser-form button[type=submit]").await;
    wait_for_path(desk, &format!("/staff/events/{event_id}/slots")).await;
    assert!(
        main_text(desk).await.contains("ist angelegt"),
        "{}",
        main_text(desk).await
    );
}

async fn lay_out(desk: &Client, event_id: i32, adviser: &str, day: &str) {
    let adviser_id = css(desk, "#field-plan_adviser_id option:nth-child(2)")
        .await
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    let wanted = if adviser == "first" {
        adviser_id
    } else {
        css(desk, "#field-plan_adviser_id option:nth-child(3)")
            .await
            .attr("value")
            .await
            .unwrap()
            .unwrap()
    };
    css(desk, "#field-plan_adviser_id")
        .await
        .select_by_value(&wanted)
        .await
        .unwrap();
    set_value(desk, "field-plan_starts_at", &format!("{day}T19:00")).await;
    set_value(desk, "field-plan_ends_at", &format!("{day}T20:30")).await;
    type_into(desk, "#field-plan_slot_minutes", "20").await;
    type_into(desk, "#field-plan_gap_minutes", "5").await;
    set_value(desk, "field-plan_break0_starts_at", &format!("{day}T19:45")).await;
    set_value(desk, "field-plan_break0_ends_at", &format!("{day}T20:00")).await;
    click_and_load(desk, "#plan-form button[type=submit]").await;
    wait_for_path(desk, &format!("/staff/events/{event_id}/slots")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_run_counselling_slots_and_a_series_in_a_real_browser() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    treffpunkt::staff::add(
        &app.db,
        "beratung@example.org",
        "Selin Arslan",
        Role::Staff,
        PASSWORD,
    )
    .await
    .unwrap();
    let token = app.staff_token().await;
    let day = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let evening = app
        .published_event(
            &token,
            &json!({
                "kind": "parents_evening",
                "title": "Elternabend mit Einzelberatung",
                "starts_at": format!("{day}T18:00"),
                "ends_at": format!("{day}T21:00"),
                "venue": {"name": "Stadtteilzentrum", "city": "Duisburg"},
                "capacity": 40,
                "double_opt_in": false,
            }),
        )
        .await;
    let event_id = id_of(&evening);
    for (name, email, interpreter) in [
        ("Familie Haddad", "haddad@example.org", Some("ar")),
        ("Familie Petrenko", "petrenko@example.org", Some("uk")),
    ] {
        app.registered(
            &evening,
            &json!({"name": name, "email": email, "language": "de", "interpreter": interpreter, "consent": true}),
        )
        .await;
    }
    let mut driver = ChromeDriver::start().await;
    let (desk, _) = driver.session(Screen::Desktop).await;
    sign_in(&desk, &app, "beratung@example.org").await;

    // From the event's page to its counselling slots; two advisers, one refused try first.
    desk.goto(&app.url(&format!("/staff/events/{event_id}")))
        .await
        .unwrap();
    click_and_load(&desk, &format!("a[href='/staff/events/{event_id}/slots']")).await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}/slots")).await;
    type_into(&desk, "#field-adviser_name", "Frau Yılmaz").await;
    click_and_load(&desk, "#adviser-form button[type=submit]").await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}")).await;
    let refused = css(&desk, "#error-adviser_languages")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(refused, "Bitte füllen Sie dieses Feld aus.");
    screenshot(&desk, "11-slots-adviser-refused").await;
    type_into(&desk, "#field-adviser_languages", "de, tr").await;
    type_into(&desk, "#field-adviser_location", "Raum 1").await;
    click_and_load(&desk, "#adviser-form button[type=submit]").await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}/slots")).await;
    add_adviser(
        &desk,
        event_id,
        "Herr Bondarenko (Arbeitsagentur)",
        "de, uk, ru",
        "https://video.example.org/raum-7",
    )
    .await;

    // Slots for both: 19:00, 19:25, (break 19:45–20:00), 20:00.
    lay_out(&desk, event_id, "first", &day).await;
    lay_out(&desk, event_id, "second", &day).await;
    let page = main_text(&desk).await;
    assert_eq!(page.matches("3 frei, 0 gebucht").count(), 2, "{page}");
    assert!(
        page.contains("19:25–19:45") && page.contains("20:00–20:20"),
        "{page}"
    );

    // Book for a family who called.
    let haddad = registration_id(&app, "Familie Haddad").await;
    css(&desk, "#field-book_registration_id")
        .await
        .select_by_value(&haddad.to_string())
        .await
        .unwrap();
    let slot = css(
        &desk,
        "#field-book_slot_id optgroup:nth-of-type(2) option:nth-child(2)",
    )
    .await
    .attr("value")
    .await
    .unwrap()
    .unwrap();
    css(&desk, "#field-book_slot_id")
        .await
        .select_by_value(&slot)
        .await
        .unwrap();
    screenshot(&desk, "12-slots-book-for-family").await;
    click_and_load(&desk, "#book-form button[type=submit]").await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}/slots")).await;
    let page = main_text(&desk).await;
    assert!(page.contains("Die Zeit ist gebucht."), "{page}");
    let row = css(&desk, &format!("#slot-{slot}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        row.contains("Familie Haddad") && row.contains("العربية"),
        "{row}"
    );
    screenshot(&desk, "13-slots-overview").await;
    let petrenko = registration_id(&app, "Familie Petrenko").await;
    let first_slot = treffpunkt::slots::schedule(&app.db, event_id)
        .await
        .unwrap()
        .slots[0]
        .id;
    treffpunkt::registrations::bookings::book(
        &app.db,
        petrenko,
        first_slot,
        treffpunkt::staff::audit::Actor::Participant,
        chrono::Utc::now(),
    )
    .await
    .unwrap();

    // The printed schedule: one page per adviser, as a PDF from Chromium's own print.
    click(
        &desk,
        &format!("a[href='/staff/events/{event_id}/schedule']"),
    )
    .await;
    wait_for_path(&desk, &format!("/staff/events/{event_id}/schedule")).await;
    let page = main_text(&desk).await;
    assert!(
        page.contains("Familie Haddad") && page.contains("Familie Petrenko"),
        "{page}"
    );
    screenshot(&desk, "14-schedule").await;
    let pdf = desk
        .print(
            fantoccini::wd::PrintConfigurationBuilder::default()
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    std::fs::write(artifacts().join("14-schedule.pdf"), &pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pdf_pages(&pdf), 2, "one printed page per adviser");

    // A roundtable becomes a monthly series on its weekday of the month.
    let roundtable = app
        .published_event(
            &token,
            &json!({
                "kind": "roundtable",
                "title": "Unternehmerstammtisch Duisburg",
                "starts_at": "2030-01-10T19:00",
                "ends_at": "2030-01-10T21:00",
                "venue": {"name": "IHK", "city": "Duisburg"},
            }),
        )
        .await;
    let round_id = roundtable["id"].as_i64().unwrap();
    desk.goto(&app.url(&format!("/staff/events/{round_id}")))
        .await
        .unwrap();
    click_and_load(&desk, &format!("a[href='/staff/events/{round_id}/series']")).await;
    wait_for_path(&desk, &format!("/staff/events/{round_id}/series")).await;
    type_into(&desk, "#field-count", "6").await;
    type_into(&desk, "#field-except", "14.03.2030").await;
    screenshot(&desk, "15-series-form").await;
    click_and_load(&desk, "#series-form button[type=submit]").await;
    wait_for_path(&desk, &format!("/staff/events/{round_id}")).await;
    let page = main_text(&desk).await;
    assert!(page.contains("4 weitere Termine sind angelegt."), "{page}");
    assert!(page.contains("Termine dieser Reihe (5)"), "{page}");
    screenshot(&desk, "16-series-dates").await;

    // Editing a later date offers "this and all later dates".
    click_and_load(&desk, "ol.series-dates li:nth-child(3) a").await;
    let path = wait_for_path(&desk, "/staff/events/").await;
    desk.goto(&app.url(&format!("{path}/edit"))).await.unwrap();
    wait_for_path(&desk, "/staff/events/").await;
    click(&desk, "#field-scope-future").await;
    type_into(&desk, "#field-title", "Stammtisch im Frühjahr").await;
    screenshot(&desk, "17-series-change-scope").await;
    click_and_load(&desk, "form.event-form button[type=submit]").await;
    // The edit form's path starts with the event's: wait for the saved page itself.
    let saved = css(&desk, "p.notice[role=status]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        saved,
        "Die Änderung ist gespeichert, auch für 2 weitere Termine der Reihe."
    );
    assert_eq!(desk.current_url().await.unwrap().path(), path);
    let series = treffpunkt::events::get(&app.db, i32::try_from(round_id).unwrap())
        .await
        .unwrap()
        .series_id
        .unwrap();
    let titles: Vec<String> = treffpunkt::events::series::all_dates(&app.db, series)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.spec.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Unternehmerstammtisch Duisburg",
            "Unternehmerstammtisch Duisburg",
            "Stammtisch im Frühjahr",
            "Stammtisch im Frühjahr",
            "Stammtisch im Frühjahr",
        ]
    );
    quit(desk).await;
    app.deliver_due_mail().await;
}

/// A foreign site on another origin of the same host (another port: the same site, so the
/// `SameSite=Lax` cookie goes along), with two forms that post to the service as soon as they
/// are submitted: one to the staff pages, one to the public registration.
async fn foreign_site(app: &TestApp, slug: &str) -> (String, tokio::task::JoinHandle<()>) {
    let page = format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Gewinnspiel</title></head><body>
<form id="staff" method="post" action="{staff}"><input name="kind" value="roundtable"><input name="title" value="Untergeschoben"><input name="starts_at" value="2030-05-01T19:00"><input name="ends_at" value="2030-05-01T21:00"><input name="venue_name" value="Rathaus"><input name="venue_city" value="Bonn"><input name="max_party_size" value="2"><input name="languages" value="de"><button>Los</button></form>
<form id="public" method="post" action="{public}" referrerpolicy="no-referrer"><input name="name" value="Fremde Seite"><input name="email" value="fremd@example.org"><input name="party_size" value="1"><input name="language" value="de"><input name="consent" value="on"><button>Los</button></form>
</body></html>"#,
        staff = app.url("/staff/events"),
        public = app.url(&format!("/events/{slug}/register")),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let router = axum::Router::new().route(
        "/",
        axum::routing::get(move || {
            let page = page.clone();
            async move { axum::response::Html(page) }
        }),
    );
    let server = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (url, server)
}

/// Someone plants their own session cookie in a shared browser (an office PC): the next person
/// who signs in there gets a session of their own, and the planted one signs in nobody. Then a
/// page of another origin in the same browser submits forms to the staff pages and to the
/// public registration: Chromium sends them with the session cookie, and both are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_browser_keeps_no_planted_session_and_foreign_pages_cannot_post() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for (email, name, role) in [
        ("praktikant@example.org", "Tim Ruf", Role::Staff),
        ("leitung@example.org", "Dilek Kaya", Role::Admin),
    ] {
        treffpunkt::staff::add(&app.db, email, name, role, PASSWORD)
            .await
            .unwrap();
    }
    let token = app.staff_token().await;
    let event = app
        .published_event(
            &token,
            &json!({
                "kind": "info_day", "title": "Infotag Ausbildung",
                "starts_at": "2030-04-10T10:00", "ends_at": "2030-04-10T14:00",
                "venue": {"name": "Bürgerhaus", "city": "Köln"}, "capacity": 20,
            }),
        )
        .await;
    let slug = event["slug"].as_str().unwrap().to_owned();

    // The intruder signs in elsewhere and keeps the session id.
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let intruder = bare
        .post(app.url("/staff/login"))
        .form(&[("email", "praktikant@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(intruder.status(), 303);
    let planted = intruder
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("treffpunkt_staff="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .expect("a session cookie");
    let signed_in_as = |cookie: String| {
        let bare = bare.clone();
        let url = app.url("/staff/accounts");
        async move {
            bare.get(url)
                .header("cookie", format!("treffpunkt_staff={cookie}"))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(signed_in_as(planted.clone()).await, 403, "staff, not admin");

    // In the shared browser: the sign-in page is open, the cookie is planted, the next person
    // signs in.
    let mut driver = ChromeDriver::start().await;
    let (browser, _) = driver.session(Screen::Desktop).await;
    browser.goto(&app.url("/staff/login")).await.unwrap();
    wait_for_path(&browser, "/staff/login").await;
    let cookie = fantoccini::cookies::Cookie::parse(format!(
        "treffpunkt_staff={planted}; Path=/; Domain=127.0.0.1; HttpOnly; SameSite=Lax"
    ))
    .unwrap();
    browser.add_cookie(cookie).await.unwrap();
    type_into(&browser, "#field-email", "leitung@example.org").await;
    type_into(&browser, "#field-password", PASSWORD).await;
    click(&browser, "main form button[type=submit]").await;
    wait_for_path(&browser, "/staff").await;
    assert!(
        main_text(&browser)
            .await
            .contains("Kommende Veranstaltungen")
    );
    let own = browser
        .get_named_cookie("treffpunkt_staff")
        .await
        .unwrap()
        .value()
        .to_owned();
    assert_ne!(own, planted, "the browser holds a new session id");
    assert_eq!(
        signed_in_as(own).await,
        200,
        "the new session is the admin's"
    );
    assert_eq!(
        signed_in_as(planted).await,
        303,
        "the planted id signs in nobody"
    );
    browser.goto(&app.url("/staff/accounts")).await.unwrap();
    wait_for_path(&browser, "/staff/accounts").await;

    // A foreign page in the same browser posts to the staff pages, then to the public form.
    let events_before = treffpunkt::entities::event::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    let (foreign, server) = foreign_site(&app, &slug).await;
    for form in ["staff", "public"] {
        browser.goto(&foreign).await.unwrap();
        wait_for_path(&browser, "/").await;
        click_and_load(&browser, &format!("#{form} button")).await;
        let url = browser.current_url().await.unwrap();
        assert!(url.as_str().starts_with(&app.base), "{form}: at {url}");
        let text = main_text(&browser).await;
        assert!(
            text.contains("kam nicht von unseren eigenen Seiten"),
            "{form}: {text}"
        );
        screenshot(&browser, &format!("cross-origin-{form}")).await;
    }
    server.abort();
    assert_eq!(
        treffpunkt::entities::event::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        events_before,
        "no event was created"
    );
    assert_eq!(
        registration::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        0,
        "nobody was registered"
    );
    // The same forms from the service's own pages still work: the staff session is intact.
    browser.goto(&app.url("/staff")).await.unwrap();
    wait_for_path(&browser, "/staff").await;
    assert!(
        main_text(&browser)
            .await
            .contains("Kommende Veranstaltungen")
    );
    quit(browser).await;
}
