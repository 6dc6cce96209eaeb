//! The staff pages under `/staff`: login, dashboard, events, registrations, check-in, and the
//! admin pages. German first, English second; every page works without JavaScript.
//!
//! Every handler here takes [`StaffCtx`] (or [`AdminCtx`]), which sends anonymous visitors to
//! the login page and answers staff without the admin role with 403.

pub mod admin;
pub mod documents;
pub mod embeds;
pub mod events;
pub mod export;
pub mod messages;
pub mod partners;
pub mod points;
pub mod posters;
pub mod registrations;
pub mod report;
pub mod series;
pub mod slots;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Path, State};
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

use super::form::{Again, FormFields};
pub use super::pages::StaffError;
use super::pages::{PageBase, PageLang, render};
use super::{AppState, path_id};
use crate::error::Error;
use crate::events::{Event, Filter, Page};
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

/// What every staff page handler gets: the state, the page language and the signed-in user.
pub struct StaffCtx {
    pub state: AppState,
    pub lang: Lang,
    pub page_lang: PageLang,
    pub user: StaffUser,
}

/// A [`StaffCtx`] whose user is an admin.
pub struct AdminCtx(pub StaffCtx);

/// A [`StaffCtx`] whose user is an admin or leads a service point: who manages partners.
pub struct LeadCtx(pub StaffCtx);

impl FromRequestParts<AppState> for LeadCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let cx = StaffCtx::from_request_parts(parts, state).await?;
        if cx.user.scope.leads_any() {
            Ok(Self(cx))
        } else {
            Err(StaffError(Error::Forbidden).into_response())
        }
    }
}

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
            // A partner's person has their own pages.
            Some(user) if user.is_partner() => Err(Redirect::to("/partner").into_response()),
            Some(user) => Ok(Self {
                state: state.clone(),
                lang: page_lang.for_staff(),
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
            Err(StaffError(Error::Forbidden).into_response())
        }
    }
}

/// The event of a staff page's path (`/staff/events/{id}/…`), read once. An unknown id, and
/// the event of a service point outside the staff member's scope, is the staff pages' 404. Put it after [`StaffCtx`]: an anonymous visitor is sent to the login page
/// before anything is read.
pub struct StaffEvent(pub Event);

impl FromRequestParts<AppState> for StaffEvent {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let read = async {
            let Path(params) =
                Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state)
                    .await
                    .map_err(|_| Error::NotFound)?;
            let id = params.get("id").ok_or(Error::NotFound)?;
            let event = crate::events::get(&state.db, path_id(id)?).await?;
            // Another service point's event is not found, as an unknown one is.
            let user = parts
                .extensions
                .get::<AuthSession<Backend>>()
                .and_then(|a| a.user.as_ref())
                .ok_or(Error::NotFound)?;
            user.scope.check(event.point_id)?;
            Ok(event)
        };
        read.await
            .map(Self)
            .map_err(|e| StaffError(e).into_response())
    }
}

/// The signed-in staff member, for display in the page header.
#[derive(Serialize)]
pub(crate) struct HeaderUser {
    pub name: String,
    pub admin: bool,
    /// Admin or lead of a service point: manages partners.
    pub leads: bool,
    /// For a partner's person: the organisation, whose pages the header links.
    pub partner: Option<String>,
}

pub(crate) fn staff_base(state: &AppState, lang: Lang, path: &str) -> PageBase {
    PageBase::offering(&[Lang::De, Lang::En], lang, &state.config.office.name, path)
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
            leads: self.user.scope.leads_any(),
            partner: None,
        };
        render(
            template,
            &staff_base(&self.state, self.lang, path),
            context! { staff => super::pages::ser(header), ..ctx },
        )
        .map_err(StaffError)
    }

    /// A page with status 200 that remembers a language chosen with `?lang=`.
    ///
    /// # Errors
    /// The template failed.
    pub fn page(&self, template: &str, path: &str, ctx: Value) -> Result<Response, StaffError> {
        let html = self.render(template, path, ctx)?;
        Ok(no_store(self.page_lang.remember(html.into_response())))
    }

    #[must_use]
    pub fn text(&self, key: &str) -> String {
        i18n::text(self.lang, key, &[])
    }

    /// What a form page shows when it comes again: the messages by field (texts
    /// `{prefix}{key}`), the conflict's notice, and the status; a fresh form shows none, with 200.
    #[must_use]
    pub fn shown(&self, again: Option<&Again>, prefix: &str) -> Shown {
        Shown {
            errors: again
                .and_then(Again::errors)
                .map(|errors| events::field_messages(errors, self.lang, prefix))
                .unwrap_or_default(),
            notice: again.and_then(|a| a.notice(self.lang, "staff-conflict-")),
            status: again.map_or(StatusCode::OK, Again::status),
        }
    }

    /// The event with this id, if it is one of the staff member's service points: a page that
    /// reaches an event by another id (a registration's, a slot's) asks here.
    ///
    /// # Errors
    /// `NotFound` for an unknown event and for one out of reach; database failures.
    pub async fn reach_event(&self, id: i32) -> Result<Event, StaffError> {
        let event = crate::events::get(&self.state.db, id).await?;
        self.user.scope.check(event.point_id)?;
        Ok(event)
    }

    /// The service points a report covers: the one asked for with `point=` (404 when out of
    /// reach), else every point within reach; `None` for all of them.
    ///
    /// # Errors
    /// `NotFound` for a point that is not a number or out of reach.
    pub fn report_points(&self, point: Option<&str>) -> Result<Option<Vec<i32>>, StaffError> {
        match point.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => {
                let id = path_id(p)?;
                self.user.scope.check(id)?;
                Ok(Some(vec![id]))
            }
            None => Ok(self.user.scope.ids()),
        }
    }

    /// The service points within reach, by name: what a choice of points offers.
    ///
    /// # Errors
    /// Database failures.
    pub async fn reachable_points(
        &self,
    ) -> Result<Vec<crate::staff::points::ServicePoint>, StaffError> {
        Ok(
            crate::staff::points::list(&self.state.db, &self.state.config.office)
                .await?
                .into_iter()
                .filter(|p| self.user.scope.allows(p.id))
                .collect(),
        )
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
            .map_err(StaffError)
    }
}

/// A staff form as it is shown again; see [`StaffCtx::shown`].
pub struct Shown {
    pub errors: Vec<events::FieldMessage>,
    pub notice: Option<String>,
    pub status: StatusCode,
}

/// Staff pages carry personal data: browsers must not keep them.
pub(crate) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /staff/login`.
pub async fn login_page(
    State(state): State<AppState>,
    page_lang: PageLang,
    auth: AuthSession<Backend>,
) -> Response {
    if let Some(user) = &auth.user {
        return Redirect::to(home(user)).into_response();
    }
    let lang = page_lang.for_staff();
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
    )?;
    let mut response = (status, html).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS
        && let Some(seconds) = Error::RateLimited.retry_after()
    {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
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
    let lang = page_lang.for_staff();
    let fields = fields?;
    let email = fields.text("email").unwrap_or_default();
    let password = fields.text("password").unwrap_or_default();
    let keys = LoginKeys::new(client.ip(), &email);
    let now = Utc::now();
    let limit = state.config.limits.login_per_minute;
    if throttle::is_throttled(&state.db, &keys, limit, now).await? {
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
        .map_err(|e| anyhow::anyhow!("authenticating: {e}"))?;
    let Some(user) = user else {
        throttle::record_failure(&state.db, &keys, now).await?;
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
        .map_err(|e| anyhow::anyhow!("renewing a session: {e}"))?;
    auth.login(&user)
        .await
        .map_err(|e| anyhow::anyhow!("starting a session: {e}"))?;
    throttle::clear_account(&state.db, &keys).await?;
    audit::record(
        &state.db,
        Actor::Staff(user.id),
        Action::Login,
        Target::default(),
    )
    .await?;
    tracing::info!(staff.id = user.id, "staff signed in");
    Ok(Redirect::to(home(&user)).into_response())
}

/// Where a signed-in account starts: the partner pages for a partner's person.
pub(crate) fn home(user: &StaffUser) -> &'static str {
    if user.is_partner() {
        "/partner"
    } else {
        "/staff"
    }
}

/// `POST /staff/logout`.
pub async fn logout(
    State(state): State<AppState>,
    mut auth: AuthSession<Backend>,
) -> Result<Response, StaffError> {
    let user = auth
        .logout()
        .await
        .map_err(|e| anyhow::anyhow!("ending a session: {e}"))?;
    if let Some(user) = user {
        audit::record(
            &state.db,
            Actor::Staff(user.id),
            Action::Logout,
            Target::default(),
        )
        .await?;
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
    /// The offered page languages without a text of their own.
    texts_missing: Vec<LangName>,
}

/// `GET /staff`: the upcoming events, drafts included, with seats and waiting lists.
pub async fn dashboard(cx: StaffCtx) -> Result<Response, StaffError> {
    let filter = Filter {
        include_drafts: true,
        within: cx.user.scope.ids(),
        ..Filter::default()
    };
    let (list, total) =
        crate::events::list(&cx.state.db, &filter, Page::LARGEST, Utc::now()).await?;
    let ids: Vec<i32> = list.iter().map(|e| e.id).collect();
    let waiting = crate::registrations::waiting(&cx.state.db, &ids).await?;
    let now = Utc::now();
    let slot_counts = crate::slots::free_counts(&cx.state.db, &ids, now).await?;
    let warn_below = cx.state.config.slots.warn_below_free;
    let tz = cx.state.config.office.timezone;
    let rows: Vec<EventRow> = list
        .iter()
        .map(|e| {
            let (count, seats) = waiting.get(&e.id).copied().unwrap_or_default();
            let slots_free = slot_counts.get(&e.id).map(|(_, free)| *free);
            let slots_low = crate::slots::running_low(e, slots_free, warn_below, now);
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
                texts_missing: texts_missing(e),
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
    let alert_subscriptions = count_text(
        cx.lang,
        "staff-alert-subscriptions",
        "count",
        i64::try_from(crate::alerts::confirmed_count(&cx.state.db).await?).unwrap_or(i64::MAX),
    );
    cx.page(
        "staff/dashboard.html",
        "/staff",
        context! { events => super::pages::ser(rows), more, low_slots, alert_subscriptions },
    )
}

/// The offered page languages of an event that have no text of their own.
fn texts_missing(event: &crate::events::Event) -> Vec<LangName> {
    event
        .missing_texts()
        .into_iter()
        .map(|l| LangName {
            code: l.code(),
            name: l.native_name(),
        })
        .collect()
}

/// A language by its code and its own name.
#[derive(Serialize)]
struct LangName {
    code: &'static str,
    name: &'static str,
}

/// A text with one number in the page's language.
fn count_text(lang: Lang, key: &str, name: &str, n: i64) -> String {
    i18n::text(lang, key, &[(name, FluentValue::from(n))])
}
