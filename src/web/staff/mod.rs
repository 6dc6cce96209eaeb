//! The staff pages under `/staff`: login, dashboard, events, registrations, check-in, and the
//! admin pages. German first, English second; every page works without JavaScript.
//!
//! Every handler here takes [`StaffCtx`] (or [`AdminCtx`]), which sends anonymous visitors to
//! the login page and answers staff without the admin role with 403.

pub mod admin;
pub mod documents;
pub mod events;
pub mod export;
pub mod registrations;
pub mod report;
pub mod series;
pub mod slots;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_login::AuthSession;
use chrono::Utc;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{Value, context};
use serde::Serialize;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use super::AppState;
use super::form::FormFields;
use super::pages::{LanguageLink, PageBase, PageLang, render};
use crate::error::Error;
use crate::events::{Filter, Page};
use crate::i18n::{self, Lang};
use crate::staff::audit::{self, Action, Actor, Target};
use crate::staff::auth::{Backend, Credentials, StaffUser};
use crate::staff::sessions::SeaOrmStore;
use crate::staff::throttle::{self, LoginKeys};

/// The auth layer: sessions in the database, a cookie that is `HttpOnly`, `SameSite=Lax` and,
/// behind https, `Secure`; eight hours without a request end a session.
#[must_use]
pub fn auth_layer(
    state: &AppState,
) -> axum_login::AuthManagerLayer<Backend, SeaOrmStore, tower_sessions::service::PlaintextCookie> {
    let sessions = SessionManagerLayer::new(SeaOrmStore::new(state.db.clone()))
        .with_name("treffpunkt_staff")
        .with_path("/")
        .with_http_only(true)
        .with_secure(state.config.server.public_url.starts_with("https://"))
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)))
        // Inactivity counts from the last request, so every request moves the expiry on.
        .with_always_save(true);
    axum_login::AuthManagerLayerBuilder::new(Backend::new(state.db.clone()), sessions).build()
}

/// Staff pages speak German, or English when chosen; other page languages fall back to German.
fn staff_lang(page_lang: PageLang) -> Lang {
    if page_lang.lang == Lang::En {
        Lang::En
    } else {
        Lang::De
    }
}

/// What every staff page handler gets: the state, the page language and the signed-in user.
pub struct StaffCtx {
    pub state: AppState,
    pub lang: Lang,
    pub page_lang: PageLang,
    pub user: StaffUser,
}

/// A [`StaffCtx`] whose user is an admin.
pub struct AdminCtx(pub StaffCtx);

impl FromRequestParts<AppState> for StaffCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Ok(page_lang) = PageLang::from_request_parts(parts, state).await;
        let user = parts
            .extensions
            .get::<AuthSession<Backend>>()
            .and_then(|a| a.user.clone());
        match user {
            Some(user) => Ok(Self {
                state: state.clone(),
                lang: staff_lang(page_lang),
                page_lang,
                user,
            }),
            None => Err(Redirect::to("/staff/login").into_response()),
        }
    }
}

impl FromRequestParts<AppState> for AdminCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let cx = StaffCtx::from_request_parts(parts, state).await?;
        if cx.user.is_admin() {
            Ok(Self(cx))
        } else {
            Err(cx.fail(Error::Forbidden).into_response())
        }
    }
}

/// The signed-in staff member, for display in the page header.
#[derive(Serialize)]
struct HeaderUser {
    name: String,
    admin: bool,
}

fn staff_base(state: &AppState, lang: Lang, path: &str) -> PageBase {
    PageBase {
        lang: lang.code(),
        dir: lang.dir(),
        office: state.config.office.name.clone(),
        path: path.to_owned(),
        languages: [Lang::De, Lang::En]
            .into_iter()
            .map(|l| LanguageLink {
                code: l.code(),
                name: l.native_name(),
                current: l == lang,
            })
            .collect(),
    }
}

impl StaffCtx {
    /// Renders a staff page with the header data merged in.
    ///
    /// # Errors
    /// The template failed.
    pub fn render(
        &self,
        template: &str,
        path: &str,
        ctx: Value,
    ) -> Result<Html<String>, StaffError> {
        let header = HeaderUser {
            name: self.user.name.clone(),
            admin: self.user.is_admin(),
        };
        render(
            template,
            &staff_base(&self.state, self.lang, path),
            context! { staff => super::pages::ser(header), ..ctx },
        )
        .map_err(|e| self.fail(e))
    }

    /// A page with status 200 that remembers a language chosen with `?lang=`.
    ///
    /// # Errors
    /// The template failed.
    pub fn page(&self, template: &str, path: &str, ctx: Value) -> Result<Response, StaffError> {
        let html = self.render(template, path, ctx)?;
        Ok(no_store(self.page_lang.remember(html.into_response())))
    }

    /// An error, shown on a staff error page.
    #[must_use]
    pub fn fail(&self, error: Error) -> StaffError {
        StaffError {
            error,
            lang: self.lang,
            office: self.state.config.office.name.clone(),
        }
    }

    #[must_use]
    pub fn text(&self, key: &str) -> String {
        i18n::text(self.lang, key, &[])
    }

    /// The signed-in staff member, as the actor of what they do.
    #[must_use]
    pub fn actor(&self) -> Actor {
        Actor::Staff(self.user.id)
    }

    /// Records what changed nothing stored (an export) in the audit log; a failure there fails
    /// the request. Changes record themselves, in their own transaction.
    ///
    /// # Errors
    /// Database failures.
    pub async fn audit(&self, action: Action, target: Target) -> Result<(), StaffError> {
        audit::record(&self.state.db, self.actor(), action, target)
            .await
            .map_err(|e| self.fail(e))
    }
}

/// Staff pages carry personal data: browsers must not keep them.
fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An error shown as a staff page.
pub struct StaffError {
    pub error: Error,
    pub lang: Lang,
    pub office: String,
}

impl IntoResponse for StaffError {
    fn into_response(self) -> Response {
        let status = self.error.status();
        if let Error::Internal(err) = &self.error {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        let key = match &self.error {
            Error::Forbidden => "staff-error-forbidden".to_owned(),
            Error::NotFound => "staff-error-not-found".to_owned(),
            Error::Conflict { code, .. } => format!("staff-conflict-{code}"),
            Error::Busy => "staff-error-busy".to_owned(),
            Error::RateLimited => "staff-error-rate-limited".to_owned(),
            Error::PayloadTooLarge
            | Error::BadRequest(_)
            | Error::UnsupportedMediaType(_)
            | Error::Invalid(_) => "staff-error-bad-request".to_owned(),
            Error::Unauthorized | Error::Internal(_) => "staff-error-internal".to_owned(),
        };
        let message = i18n::text(self.lang, &key, &[]);
        let base = PageBase {
            lang: self.lang.code(),
            dir: self.lang.dir(),
            office: self.office,
            path: "/staff".to_owned(),
            languages: Vec::new(),
        };
        let mut response = match render(
            "staff/error.html",
            &base,
            context! { staff => Value::from(()), message => message.clone() },
        ) {
            Ok(html) => (status, html).into_response(),
            Err(_) => (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response(),
        };
        if matches!(self.error, Error::RateLimited | Error::Busy) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        response
    }
}

/// `GET /staff/login`.
pub async fn login_page(
    State(state): State<AppState>,
    page_lang: PageLang,
    auth: AuthSession<Backend>,
) -> Response {
    if auth.user.is_some() {
        return Redirect::to("/staff").into_response();
    }
    let lang = staff_lang(page_lang);
    login_form(&state, lang, "", None, StatusCode::OK)
        .map_or_else(IntoResponse::into_response, |r| page_lang.remember(r))
}

fn login_form(
    state: &AppState,
    lang: Lang,
    email: &str,
    message: Option<String>,
    status: StatusCode,
) -> Result<Response, StaffError> {
    let html = render(
        "staff/login.html",
        &staff_base(state, lang, "/staff/login"),
        context! { staff => Value::from(()), email, message },
    )
    .map_err(|error| StaffError {
        error,
        lang,
        office: state.config.office.name.clone(),
    })?;
    let mut response = (status, html).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    Ok(no_store(response))
}

/// `POST /staff/login`: 303 to `/staff`, the form again with 401, or 429 past the limit of
/// failed logins per client address and per account.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    page_lang: PageLang,
    mut auth: AuthSession<Backend>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let lang = staff_lang(page_lang);
    let fail = |error: Error| StaffError {
        error,
        lang,
        office: state.config.office.name.clone(),
    };
    let fields = fields.map_err(fail)?;
    let email = fields.text("email").unwrap_or_default();
    let password = fields.text("password").unwrap_or_default();
    let keys = LoginKeys::new(client.ip(), &email);
    let now = Utc::now();
    let limit = state.config.limits.login_per_minute;
    if throttle::is_throttled(&state.db, &keys, limit, now)
        .await
        .map_err(fail)?
    {
        tracing::warn!("staff login throttled");
        let message = i18n::text(lang, "staff-login-throttled", &[]);
        return login_form(
            &state,
            lang,
            &email,
            Some(message),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let user = auth
        .authenticate(Credentials {
            email: email.clone(),
            password,
        })
        .await
        .map_err(|e| fail(Error::Internal(anyhow::anyhow!("authenticating: {e}"))))?;
    let Some(user) = user else {
        throttle::record_failure(&state.db, &keys, now)
            .await
            .map_err(fail)?;
        tracing::info!("staff login failed");
        let message = i18n::text(lang, "staff-login-failed", &[]);
        return login_form(
            &state,
            lang,
            &email,
            Some(message),
            StatusCode::UNAUTHORIZED,
        );
    };
    // A new session id on every sign-in, whatever session the request arrived with: a cookie
    // planted in a shared browser (signed in or not) must not become the next person's session.
    // axum-login cycles the id only for sessions that were not signed in.
    auth.session
        .cycle_id()
        .await
        .map_err(|e| fail(Error::Internal(anyhow::anyhow!("renewing a session: {e}"))))?;
    auth.login(&user)
        .await
        .map_err(|e| fail(Error::Internal(anyhow::anyhow!("starting a session: {e}"))))?;
    throttle::clear_account(&state.db, &keys)
        .await
        .map_err(fail)?;
    audit::record(
        &state.db,
        Actor::Staff(user.id),
        Action::Login,
        Target::default(),
    )
    .await
    .map_err(fail)?;
    tracing::info!(staff.id = user.id, "staff signed in");
    Ok(Redirect::to("/staff").into_response())
}

/// `POST /staff/logout`.
pub async fn logout(
    State(state): State<AppState>,
    page_lang: PageLang,
    mut auth: AuthSession<Backend>,
) -> Result<Response, StaffError> {
    let lang = staff_lang(page_lang);
    let fail = |error: Error| StaffError {
        error,
        lang,
        office: state.config.office.name.clone(),
    };
    let user = auth
        .logout()
        .await
        .map_err(|e| fail(Error::Internal(anyhow::anyhow!("ending a session: {e}"))))?;
    if let Some(user) = user {
        audit::record(
            &state.db,
            Actor::Staff(user.id),
            Action::Logout,
            Target::default(),
        )
        .await
        .map_err(fail)?;
    }
    Ok(Redirect::to("/staff/login").into_response())
}

/// An upcoming event on the dashboard.
#[derive(Serialize)]
struct EventRow {
    id: i32,
    title: String,
    kind: &'static str,
    status: &'static str,
    when: String,
    seats_taken: i32,
    seats_left: Option<i32>,
    capacity: Option<i32>,
    waiting: u64,
    waiting_seats: i64,
    /// Free counselling slots, for events that have slots.
    slots_free: Option<u64>,
    /// Fewer than `slots.warn_below_free` slots are free.
    slots_low: bool,
}

/// `GET /staff`: the upcoming events, drafts included, with seats and waiting lists.
pub async fn dashboard(cx: StaffCtx) -> Result<Response, StaffError> {
    let filter = Filter {
        include_drafts: true,
        ..Filter::default()
    };
    let (list, total) = crate::events::list(
        &cx.state.db,
        &filter,
        Page {
            page: 1,
            per_page: Page::MAX_PER_PAGE,
        },
        Utc::now(),
    )
    .await
    .map_err(|e| cx.fail(e))?;
    let ids: Vec<i32> = list.iter().map(|e| e.id).collect();
    let waiting = crate::registrations::waiting(&cx.state.db, &ids)
        .await
        .map_err(|e| cx.fail(e))?;
    let now = Utc::now();
    let slot_counts = crate::slots::free_counts(&cx.state.db, &ids, now)
        .await
        .map_err(|e| cx.fail(e))?;
    let warn_below = u64::from(cx.state.config.slots.warn_below_free);
    let tz = cx.state.config.office.timezone;
    let rows: Vec<EventRow> = list
        .iter()
        .map(|e| {
            let (count, seats) = waiting.get(&e.id).copied().unwrap_or_default();
            let slots_free = slot_counts.get(&e.id).map(|(_, free)| *free);
            let slots_low = e.status != crate::events::Status::Cancelled
                && e.spec.ends_at > now
                && slots_free.is_some_and(|free| free < warn_below);
            EventRow {
                id: e.id,
                title: e.spec.title.clone(),
                kind: e.spec.kind.as_str(),
                status: e.status.as_str(),
                when: i18n::format_date_time(e.spec.starts_at, tz, cx.lang),
                seats_taken: e.seats_taken,
                seats_left: e.seats_left(),
                capacity: e.spec.capacity,
                waiting: count,
                waiting_seats: seats,
                slots_free,
                slots_low,
            }
        })
        .collect();
    let more = total > u64::try_from(rows.len()).unwrap_or(u64::MAX);
    let low_slots: Vec<String> = rows
        .iter()
        .filter(|r| r.slots_low)
        .map(|r| {
            i18n::text(
                cx.lang,
                "staff-slots-low",
                &[
                    ("title", FluentValue::from(r.title.as_str())),
                    (
                        "free",
                        FluentValue::from(i64::try_from(r.slots_free.unwrap_or(0)).unwrap_or(0)),
                    ),
                ],
            )
        })
        .collect();
    cx.page(
        "staff/dashboard.html",
        "/staff",
        context! { events => super::pages::ser(rows), more, low_slots },
    )
}

/// A text with one number in the page's language.
fn count_text(lang: Lang, key: &str, name: &str, n: i64) -> String {
    i18n::text(lang, key, &[(name, FluentValue::from(n))])
}

/// Reads a path id; anything but a number is a missing page.
fn path_id(text: &str) -> Result<i32, Error> {
    text.parse().map_err(|_| Error::NotFound)
}
