//! HTTP: the whole route table, shared state and the layers every request passes.

pub mod api;
pub mod cache;
pub mod calendar;
pub mod compress;
pub mod cross_origin;
pub mod extract;
pub mod form;
pub mod ops;
pub mod pages;
pub mod partner;
pub mod protect;
pub mod public;
pub mod staff;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Config;
use crate::error::Error;

/// The largest request body accepted anywhere.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every handler and middleware shares. Axum clones the state for each extractor and
/// middleware of every request, so the parts sit behind one `Arc`: one count to change per
/// clone instead of one per part.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

impl AppState {
    #[must_use]
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
#[derive(Debug)]
pub struct Shared {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// Groups concurrent registrations for one event into one transaction.
    pub registrations: crate::registrations::batch::Batcher,
    pub metrics: Arc<ops::Metrics>,
    /// Wakes this instance's mail sender after a change that may have queued mail.
    pub mail_wake: crate::mail::Wake,
    pub calendars: Arc<crate::calendar::FeedCache>,
    /// Public answers kept for `server.cache_ttl_ms`.
    pub pages: Arc<cache::PageCache>,
    pub public_limiter: Arc<protect::PublicLimiter>,
}

/// Every route of the service.
#[expect(
    clippy::too_many_lines,
    reason = "the route table and its layers read best in one place"
)]
pub fn router(state: AppState) -> Router {
    let (api, _) = api::router().split_for_parts();
    let router = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/api/openapi.json", get(api::openapi_json))
        .merge(api)
        .route("/calendar.ics", get(calendar::calendar_feed))
        .route("/", get(public::list_events))
        .route("/events", get(public::list_events))
        .route("/events/{slug}", get(public::show_event))
        .route("/events/{slug}/register", post(public::register))
        .route("/events/{slug}/registered", get(public::registered))
        .route("/events/{slug}/code", post(public::confirm_code))
        .route("/r/{token}", get(public::manage))
        .route("/m/{token}", get(public::manage))
        .route("/r/{token}/confirm", post(public::confirm))
        .route("/r/{token}/cancel", post(public::cancel))
        .route("/r/{token}/slots", post(public::book_slot))
        .route("/r/{token}/slots/{slot_id}/cancel", post(public::cancel_slot))
        .route("/r/{token}/slots/{slot_id}/move", post(public::move_slot))
        .route("/r/{token}/data", get(public::download_data))
        .route("/r/{token}/erase", post(public::erase))
        .route("/erased", get(public::erased))
        .route("/privacy", get(public::privacy))
        .route("/embed/{key}", get(public::embed::show))
        .route(
            "/alerts",
            get(public::alerts::page).post(public::alerts::subscribe),
        )
        .route("/alerts/sent", get(public::alerts::sent))
        .route(
            "/alerts/{token}",
            get(public::alerts::show).post(public::alerts::change),
        )
        .route("/alerts/{token}/confirm", post(public::alerts::confirm))
        .route(
            "/alerts/{token}/unsubscribe",
            get(public::alerts::unsubscribe_page).post(public::alerts::unsubscribe),
        )
        .route("/static/style.css", get(public::stylesheet))
        .route("/favicon.ico", get(public::favicon))
        .route("/static/forms.js", get(public::forms_script))
        .route("/staff", get(staff::dashboard))
        .route("/staff/login", get(staff::login_page).post(staff::login))
        .route("/staff/logout", post(staff::logout))
        .route("/staff/events", post(staff::events::create_event))
        .route("/staff/events/new", get(staff::events::new_event))
        .route(
            "/staff/events/{id}",
            get(staff::events::show_event).post(staff::events::update_event),
        )
        .route("/staff/events/{id}/edit", get(staff::events::edit_event))
        .route(
            "/staff/events/{id}/publish",
            get(staff::events::confirm_publish).post(staff::events::publish_event),
        )
        .route(
            "/staff/events/{id}/cancel",
            get(staff::events::confirm_cancel).post(staff::events::cancel_event),
        )
        .route(
            "/staff/events/{id}/register",
            get(staff::registrations::new_registration).post(staff::registrations::register),
        )
        .route(
            "/staff/events/{id}/checkin",
            get(staff::registrations::checkin_page),
        )
        .route(
            "/staff/events/{id}/slots",
            get(staff::slots::slots_overview).post(staff::slots::generate),
        )
        .route(
            "/staff/events/{id}/advisers",
            post(staff::slots::add_adviser),
        )
        .route("/staff/events/{id}/slots/book", post(staff::slots::book))
        .route(
            "/staff/slots/{id}/release",
            get(staff::slots::confirm_release).post(staff::slots::release),
        )
        .route("/staff/events/{id}/schedule", get(staff::slots::schedule))
        .route(
            "/staff/events/{id}/series",
            get(staff::series::new_series).post(staff::series::create_series),
        )
        .route(
            "/staff/registrations/{id}/checkin",
            post(staff::registrations::check_in),
        )
        .route(
            "/staff/events/{id}/sign-in-sheet.pdf",
            get(staff::documents::sign_in_sheet),
        )
        .route(
            "/staff/events/{id}/advisers/{adviser_id}/sign-in-sheet.pdf",
            get(staff::documents::adviser_sheet),
        )
        .route(
            "/staff/events/{id}/certificates.pdf",
            get(staff::documents::certificates),
        )
        .route(
            "/staff/events/{id}/certificate-mail",
            post(staff::documents::switch_certificate_mail),
        )
        .route(
            "/staff/registrations/{id}/certificate.pdf",
            get(staff::documents::certificate),
        )
        .route(
            "/staff/accounts",
            get(staff::admin::accounts).post(staff::admin::add_account),
        )
        .route(
            "/staff/accounts/{id}/tokens",
            post(staff::admin::create_token),
        )
        .route("/staff/tokens/{id}/revoke", post(staff::admin::revoke_token))
        .route("/staff/audit", get(staff::admin::audit_log))
        .route("/staff/report", get(staff::report::report_page))
        .route("/staff/report.csv", get(staff::report::report_csv))
        .route("/staff/report.xlsx", get(staff::report::report_xlsx))
        .route("/staff/report.pdf", get(staff::documents::report))
        .route(
            "/staff/embeds",
            get(staff::embeds::embeds_page).post(staff::embeds::create),
        )
        .route(
            "/staff/embeds/{id}",
            get(staff::embeds::embed_page).post(staff::embeds::update),
        )
        .route("/staff/embeds/{id}/remove", post(staff::embeds::remove))
        .merge(outreach_routes())
        .route(
            "/staff/points",
            get(staff::points::points_overview).post(staff::points::add_point),
        )
        .route(
            "/staff/points/{id}",
            get(staff::points::edit_point).post(staff::points::update_point),
        )
        .route(
            "/staff/points/{id}/members",
            post(staff::points::set_member),
        )
        .route(
            "/staff/partners",
            get(staff::partners::partners_page).post(staff::partners::add_partner),
        )
        .route("/staff/partners/{id}", get(staff::partners::partner))
        .route(
            "/staff/partners/{id}/invite",
            post(staff::partners::invite),
        )
        .route(
            "/staff/partners/{id}/points",
            post(staff::partners::add_point),
        )
        .route(
            "/staff/partners/{id}/people/{person_id}/end",
            post(staff::partners::end_access),
        )
        .route("/partner", get(partner::events_page))
        .route(
            "/partner/events/{id}/register",
            get(partner::new_registration).post(partner::register),
        )
        .route("/partner/registrations", get(partner::registrations_page))
        .route(
            "/partner/registrations/{id}/cancel",
            post(partner::cancel),
        )
        .route(
            "/invite/{token}",
            get(partner::invitation).post(partner::accept),
        )
        .fallback(not_found)
        // Staff sessions, for the staff pages and the exports; visitors without the cookie
        // cost nothing here.
        .layer(staff::auth_layer(&state))
        // Cross-site POSTs are refused (browsers say where a request comes from); same-origin
        // forms and clients that send no such headers (scripts, the API) pass.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cross_origin::refuse_cross_origin,
        ))
        .layer(axum::middleware::from_fn(protect::refuse_control_characters))
        .layer(axum::middleware::from_fn_with_state(state.mail_wake.clone(), ops::wake_mail))
        .layer(axum::middleware::from_fn_with_state(state.clone(), protect::limit_public_posts))
        // Every failed page, from a handler or from a layer above, is rendered here.
        .layer(axum::middleware::from_fn_with_state(state.clone(), pages::render_failures))
        .layer(axum::middleware::from_fn(compress::gzip_pages))
        .layer(axum::middleware::from_fn_with_state(
            state.pages.clone(),
            cache::forget_after_writes,
        ))
        .layer(axum::middleware::from_fn(ops::finish_writes))
        .layer(axum::middleware::from_fn_with_state(state.metrics.clone(), ops::track))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    // The route pattern only: concrete paths and queries may carry tokens or names.
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("unmatched", MatchedPath::as_str);
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("");
                    tracing::info_span!("request", method = %request.method(), route, request_id = id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::map_response(protect::deny_framing));
    let router = protect::header_layers(&state.config)
        .into_iter()
        .fold(router, Router::layer);
    router.with_state(state)
}

/// The routes that reach participants and families beyond the event page: messages from
/// staff to an event's participants, posters, flyers and QR codes.
fn outreach_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/staff/events/{id}/messages",
            get(staff::messages::messages_page).post(staff::messages::post_message),
        )
        .route(
            "/staff/events/{id}/poster.pdf",
            get(staff::posters::poster_pdf),
        )
        .route("/staff/events/{id}/qr.png", get(staff::posters::qr_png))
}

/// A file to download that no cache may keep (exports carry personal data or figures).
#[must_use]
pub fn attachment(content_type: &str, file_name: &str, body: Vec<u8>) -> Response {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// Reads an id from a path; anything but a number is a missing page (or resource).
///
/// # Errors
/// `NotFound`.
pub fn path_id(text: &str) -> Result<i32, Error> {
    text.parse().map_err(|_| Error::NotFound)
}

/// Unknown paths: the JSON envelope under `/api/`, a page in the visitor's language elsewhere.
async fn not_found(uri: Uri) -> Response {
    pages::refusal(uri.path(), Error::NotFound)
}
