//! Posters, flyers and QR codes: the PDFs read back with `pdftotext`, and their QR codes
//! decoded with `zbarimg` from `pdftoppm`'s image, give the event's page in each language.

use std::process::Command;

use reqwest::Client;
use serde_json::json;
use treffpunkt::staff::Role;

use crate::both;
use crate::support::pdf;
use crate::support::{Backend, TestApp, id_of, info_day, merged};

/// What `zbarimg` reads in a PNG: one text per code found.
fn decode_png(png: &[u8]) -> Vec<String> {
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("code.png");
    std::fs::write(&path, png).unwrap();
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(&path)
        .output()
        .expect("zbarimg (zbar-tools) is installed by scripts/test");
    let mut found: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .filter(|l| !l.is_empty())
        .collect();
    found.sort();
    found
}

/// The QR codes on page 1 of a PDF, rendered at 150 dpi.
fn decode_pdf(pdf_bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("poster.pdf");
    std::fs::write(&path, pdf_bytes).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    decode_png(&std::fs::read(dir.path().join("page.png")).unwrap())
}

/// The text with every run of white space (line breaks too) as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn download(app: &TestApp, staff: &Client, path: &str, kind: &str) -> Vec<u8> {
    let response = staff.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], kind, "{path}");
    response.bytes().await.unwrap().to_vec()
}

async fn posters_and_flyers_read_back_with_the_right_qr_codes_in_german_and_arabic(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let event = app
        .published(&merged(
            info_day(),
            &json!({
                "title": "Infotag Ausbildung für Familien",
                "languages": ["de", "ar-SY", "tr"],
                "translations": {"ar": {"title": "يوم الأسرة للتدريب المهني"}},
            }),
        ))
        .await;
    let id = id_of(&event);
    let slug = event["slug"].as_str().unwrap();
    let page = |lang: &str| format!("{}/events/{slug}?lang={lang}", app.config.server.public_url);
    let staff = app.signed_in(Role::Staff).await;

    let html = staff
        .get(app.url(&format!("/staff/events/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("action=\"/staff/events/{id}/poster.pdf\"")));
    for code in ["de", "ar", "tr"] {
        assert!(
            html.contains(&format!("name=\"language_{code}\"")),
            "{code}"
        );
    }

    // An A4 poster in German and Arabic: both texts, and a code for each language.
    let poster = download(
        &app,
        &staff,
        &format!("/staff/events/{id}/poster.pdf?size=a4&language_de=on&language_ar=on"),
        "application/pdf",
    )
    .await;
    let text = words(&pdf::pages(&poster, false).join("\n"));
    assert!(text.contains("Infotag Ausbildung"), "{text}");
    assert!(text.contains("Kostenlos, Anmeldung erforderlich"), "{text}");
    assert!(text.contains("Bürgerzentrum"), "{text}");
    for word in ["مجان", "التسجيل", "مطلوب", "يوم إعلامي", "الأسرة"]
    {
        assert!(text.contains(word), "{word}: {text}");
    }
    assert_eq!(decode_pdf(&poster), [page("ar"), page("de")]);
    pdf::save_png(&poster, 1, "poster-a4-de-ar");

    // An A6 flyer in Arabic alone.
    let flyer = download(
        &app,
        &staff,
        &format!("/staff/events/{id}/poster.pdf?size=a6&language_ar=on"),
        "application/pdf",
    )
    .await;
    let text = words(&pdf::pages(&flyer, false).join("\n"));
    assert!(text.contains("مطلوب"), "{text}");
    assert!(text.contains("الأسرة"), "the Arabic title on top: {text}");
    assert!(!text.contains("Kostenlos"), "{text}");
    assert!(!text.contains("Infotag Ausbildung"), "{text}");
    assert_eq!(decode_pdf(&flyer), [page("ar")]);
    pdf::save_png(&flyer, 1, "flyer-a6-ar");

    // The code alone, for social media.
    let png = download(
        &app,
        &staff,
        &format!("/staff/events/{id}/qr.png?language=ar"),
        "image/png",
    )
    .await;
    assert_eq!(decode_png(&png), [page("ar")]);

    // Printed for a partner: the codes carry its code, so registrations count for it.
    let partner = treffpunkt::entities::partner::ActiveModel {
        name: sea_orm::ActiveValue::Set("Jugendmigrationsdienst".to_owned()),
        kind: sea_orm::ActiveValue::Set("counselling".to_owned()),
        code: sea_orm::ActiveValue::Set("jmd-nord".to_owned()),
        created_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
        ..Default::default()
    };
    let partner = sea_orm::ActiveModelTrait::insert(partner, &app.db)
        .await
        .unwrap()
        .id;
    let flyer = download(
        &app,
        &staff,
        &format!("/staff/events/{id}/poster.pdf?size=a6&language_ar=on&partner={partner}"),
        "application/pdf",
    )
    .await;
    assert_eq!(decode_pdf(&flyer), [format!("{}&via=jmd-nord", page("ar"))]);
    let png = download(
        &app,
        &staff,
        &format!("/staff/events/{id}/qr.png?language=de&partner={partner}"),
        "image/png",
    )
    .await;
    assert_eq!(decode_png(&png), [format!("{}&via=jmd-nord", page("de"))]);
    let unknown = staff
        .get(app.url(&format!("/staff/events/{id}/poster.pdf?partner=999")))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
    let refused = staff
        .get(app.url(&format!("/staff/events/{id}/qr.png?language=fa")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400, "not a language of the event");
    let anonymous = app
        .get(&format!("/staff/events/{id}/poster.pdf"))
        .send()
        .await
        .unwrap();
    assert!(
        anonymous.url().path().starts_with("/staff/login"),
        "staff only"
    );
}

async fn a_series_poster_lists_the_coming_dates_and_opens_the_next_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let event = app
        .published_event(
            &token,
            &merged(
                info_day(),
                &json!({"title": "Unternehmerstammtisch", "kind": "roundtable"}),
            ),
        )
        .await;
    let id = id_of(&event);
    let response = app
        .post(&format!("/api/v1/events/{id}/series"))
        .bearer_auth(&token)
        .json(&json!({"rule": "FREQ=WEEKLY;COUNT=3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let staff = app.signed_in(Role::Staff).await;
    let poster = download(
        &app,
        &staff,
        &format!("/staff/events/{id}/poster.pdf?series=on&language_de=on"),
        "application/pdf",
    )
    .await;
    let text = pdf::pages(&poster, false).join("\n");
    assert!(text.contains("Unternehmerstammtisch"), "{text}");
    let times = text.matches("18:00").count();
    assert_eq!(times, 3, "three dates: {text}");
    let slug = event["slug"].as_str().unwrap();
    assert_eq!(
        decode_pdf(&poster),
        [format!(
            "{}/events/{slug}?lang=de",
            app.config.server.public_url
        )]
    );
}

both!(
    posters_and_flyers_read_back_with_the_right_qr_codes_in_german_and_arabic,
    a_series_poster_lists_the_coming_dates_and_opens_the_next_one,
);
