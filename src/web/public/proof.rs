//! The manage link after the purge: it reaches only the attendance kept as proof, which the
//! participant can download and erase (`/r/{token}/data`, `/r/{token}/erase`).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;

use crate::web::AppState;
use crate::web::pages::{PageError, PageLang};

/// The kept records as JSON; 404 when the link reaches none.
pub(super) async fn download(state: &AppState, token: &str) -> Result<Response, PageError> {
    let years = state.config.privacy.attendance_proof_years;
    let data = crate::proof::export(&state.db, token, years).await?;
    let mut response = axum::Json(data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"attendance.json\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// Erases the kept records; 404 when the link reaches none.
pub(super) async fn erase(
    state: &AppState,
    lang: PageLang,
    token: &str,
) -> Result<Response, PageError> {
    crate::proof::erase_by_token(&state.db, token, Utc::now()).await?;
    Ok(Redirect::to(&format!("/erased?lang={}", lang.lang.code())).into_response())
}

/// One kept record on the page.
#[derive(serde::Serialize)]
struct KeptView {
    title: String,
    date: String,
    name: String,
}

/// The manage page after the purge: what is kept, with the buttons to download and erase it;
/// 404 when the link reaches nothing.
pub(super) async fn manage(
    state: &AppState,
    lang: PageLang,
    token: &str,
) -> Result<Response, PageError> {
    let kept = crate::proof::find_by_token(&state.db, token).await?;
    let tz = state.config.office.timezone;
    let kept: Vec<KeptView> = kept
        .into_iter()
        .map(|k| KeptView {
            title: k.event_title,
            date: crate::i18n::format_date(k.event_starts_at, tz, lang.lang),
            name: k.name,
        })
        .collect();
    let html = crate::web::pages::render(
        "kept.html",
        &crate::web::pages::PageBase::new(lang.lang, &state.config.office.name, "/r"),
        minijinja::context! {
            kept => crate::web::pages::ser(kept),
            token,
            years => state.config.privacy.attendance_proof_years,
        },
    )?;
    let mut response = html.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(lang.remember(response))
}
