//! Server-rendered pages: the template environment, the `t()` function that reads the Fluent
//! strings, the page language of a request, and the one path of failed pages: handlers return
//! [`PageError`] or [`StaffError`], and [`render_failures`] shows them in that language.

use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::HeaderValue;
use axum::http::header::{
    ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, RETRY_AFTER, SET_COOKIE,
};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::Kwargs;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::AppState;
use crate::error::Error;
use crate::i18n::{self, Lang};

macro_rules! templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("templates/", $name)))),+]
    };
}

/// Page templates are compiled into the binary; mail templates stay on disk for staff to edit.
const TEMPLATES: &[(&str, &str)] = templates![
    "base.html",
    "events.html",
    "event.html",
    "registered.html",
    "manage.html",
    "error.html",
    "staff/base.html",
    "staff/_form.html",
    "staff/error.html",
    "staff/login.html",
    "staff/dashboard.html",
    "staff/event_form.html",
    "staff/event.html",
    "staff/confirm.html",
    "staff/register.html",
    "staff/checkin.html",
    "staff/accounts.html",
    "staff/audit.html",
    "staff/report.html",
    "staff/slots.html",
    "staff/schedule.html",
    "staff/series.html",
    "staff/release.html",
    "staff/embeds.html",
    "staff/messages.html",
    "staff/partners.html",
    "staff/point.html",
    "staff/partner.html",
    "partner/events.html",
    "partner/registrations.html",
    "partner/invite.html",
    "privacy.html",
    "erased.html",
    "kept.html",
    "embed.html",
    "embed_copy.html",
    "embed.xml",
    "staff/points.html",
    "alerts.html",
    "alerts_notice.html",
];

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            // A broken page template is a build defect; a unit test below parses every one.
            tracing::error!(template = name, error = %e, "page template does not parse");
        }
    }
    env.add_function("t", translate);
    env.add_function("num", number);
    env
});

/// `{{ num(3) }}`: a number in the digits of the page's language (`۳` on Persian pages).
fn number(state: &minijinja::State, n: i64) -> String {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::De);
    i18n::number(n, lang)
}

/// `{{ t("key", name=value) }}`: a UI string in the page's language.
#[expect(
    clippy::needless_pass_by_value,
    reason = "minijinja passes keyword arguments by value"
)]
fn translate(
    state: &minijinja::State,
    key: &str,
    kwargs: Kwargs,
) -> Result<String, minijinja::Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::De);
    let mut args: Vec<(String, FluentValue<'static>)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.as_i64() {
            Some(n) => FluentValue::from(n),
            None => FluentValue::from(value.to_string()),
        };
        args.push((name.to_owned(), fluent));
    }
    kwargs.assert_all_used()?;
    let borrowed: Vec<(&str, FluentValue<'_>)> =
        args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    Ok(i18n::text(lang, key, &borrowed))
}

/// What every page needs besides its own data.
#[derive(Serialize)]
pub struct PageBase {
    pub lang: &'static str,
    pub dir: &'static str,
    pub office: String,
    /// Current path, for the language switcher.
    pub path: String,
    /// The page's own query, encoded and ending in `&` (or empty), which the language switch
    /// keeps: a filtered list stays filtered, a result page keeps its result.
    pub switch_query: String,
    pub languages: Vec<LanguageLink>,
}

#[derive(Serialize)]
pub struct LanguageLink {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

impl PageBase {
    /// A public page, with a switch to each of the seven languages.
    #[must_use]
    pub fn new(lang: Lang, office: &str, path: &str) -> Self {
        Self::offering(&Lang::ALL, lang, office, path)
    }

    /// A page with a switch to each of `languages`.
    #[must_use]
    pub fn offering(languages: &[Lang], lang: Lang, office: &str, path: &str) -> Self {
        Self {
            lang: lang.code(),
            dir: lang.dir(),
            office: office.to_owned(),
            path: path.to_owned(),
            switch_query: String::new(),
            languages: languages
                .iter()
                .map(|&l| LanguageLink {
                    code: l.code(),
                    name: l.native_name(),
                    current: l == lang,
                })
                .collect(),
        }
    }
}

impl PageBase {
    /// The same page with the parameters the language switch keeps; `lang` is never kept, as
    /// each link sets its own.
    #[must_use]
    pub fn keeping<'a>(mut self, params: impl IntoIterator<Item = (&'a str, String)>) -> Self {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in params {
            if name != "lang" && !value.is_empty() {
                query.append_pair(name, &value);
            }
        }
        let query = query.finish();
        self.switch_query = if query.is_empty() {
            query
        } else {
            format!("{query}&")
        };
        self
    }
}

/// A value for a template context.
pub fn ser<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// Renders a page template with the base context merged in.
///
/// # Errors
/// The template failed (`Internal`).
pub fn render(name: &str, base: &PageBase, ctx: Value) -> Result<Html<String>, Error> {
    let template = ENV
        .get_template(name)
        .map_err(|e| Error::Internal(anyhow::anyhow!("template {name}: {e}")))?;
    let html = template
        .render(context! { ..ser(base), ..ctx })
        .map_err(|e| Error::Internal(anyhow::anyhow!("rendering {name}: {e:#}")))?;
    Ok(Html(html))
}

/// The language of a page request (DESIGN §4): `?lang=`, the `lang` cookie, `Accept-Language`,
/// then German. A `?lang=` choice is remembered in the cookie.
#[derive(Clone, Copy, Debug)]
pub struct PageLang {
    pub lang: Lang,
    /// Chosen in this request with `?lang=`: the response sets the cookie.
    pub chosen: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "lang")
                .and_then(|(_, v)| Lang::parse(&v))
        });
        let cookie = parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix("lang="))
            .and_then(Lang::parse);
        let accept = parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let lang = Lang::negotiate(query.map(Lang::code), cookie.map(Lang::code), accept);
        Ok(Self {
            lang,
            chosen: query.is_some(),
        })
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        <Self as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map(Some)
    }
}

impl PageLang {
    /// Staff pages speak German, or English when chosen; other page languages fall back to
    /// German.
    #[must_use]
    pub fn for_staff(self) -> Lang {
        if self.lang == Lang::En {
            Lang::En
        } else {
            Lang::De
        }
    }

    /// Adds the language cookie when the language was chosen in this request.
    #[must_use]
    pub fn remember(self, mut response: Response) -> Response {
        if self.chosen
            && let Ok(value) = HeaderValue::from_str(&format!(
                "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
                self.lang.code()
            ))
        {
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }
}

/// A failed page request of the public site. It carries only the error: the error travels in
/// the response to [`render_failures`], which shows it in the visitor's language and logs it
/// once (the shape of axum's `error-handling` example).
#[derive(Debug)]
pub struct PageError(pub Error);

/// A failed staff page: as [`PageError`], shown on the staff pages' error page.
#[derive(Debug)]
pub struct StaffError(pub Error);

impl<E: Into<Error>> From<E> for PageError {
    fn from(error: E) -> Self {
        Self(error.into())
    }
}

impl<E: Into<Error>> From<E> for StaffError {
    fn from(error: E) -> Self {
        Self(error.into())
    }
}

/// Which error page a failure is shown on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    Public,
    Staff,
}

/// A failure on its way out, in the response's extensions.
#[derive(Clone, Debug)]
struct Failure {
    error: Arc<Error>,
    look: Look,
}

fn carry(error: Error, look: Look) -> Response {
    let mut response = error.status().into_response();
    response.extensions_mut().insert(Failure {
        error: Arc::new(error),
        look,
    });
    response
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        carry(self.0, Look::Public)
    }
}

impl IntoResponse for StaffError {
    fn into_response(self) -> Response {
        carry(self.0, Look::Staff)
    }
}

/// A refusal by a layer before any handler: the JSON envelope under `/api/`, a page elsewhere.
#[must_use]
pub fn refusal(path: &str, error: Error) -> Response {
    if path.starts_with("/api/") {
        error.into_response()
    } else {
        PageError(error).into_response()
    }
}

/// The one place that turns a failed page into the error page, in the language of the request
/// (staff pages: German or English), and logs an internal error once. A response without a
/// failure passes untouched.
pub async fn render_failures(
    State(state): State<AppState>,
    page_lang: PageLang,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let Some(failure) = response.extensions().get::<Failure>().cloned() else {
        return response;
    };
    let error = &*failure.error;
    if let Error::Internal(err) = error {
        tracing::error!(error = format!("{err:#}"), "request failed");
    }
    let (lang, template, key, base) = match failure.look {
        Look::Public => {
            let lang = page_lang.lang;
            let base = PageBase::new(lang, &state.config.office.name, "/");
            (lang, "error.html", public_key(error), base)
        }
        Look::Staff => {
            let lang = page_lang.for_staff();
            let base = PageBase {
                languages: Vec::new(),
                ..PageBase::new(lang, &state.config.office.name, "/staff")
            };
            (lang, "staff/error.html", staff_key(error), base)
        }
    };
    let message = i18n::text(lang, &key, &[]);
    let heading = i18n::text(
        lang,
        if matches!(error, Error::NotFound) {
            "page-not-found-heading"
        } else {
            "page-error-heading"
        },
        &[],
    );
    let staff = Value::from(());
    let (mut parts, _) = response.into_parts();
    let rendered = render(
        template,
        &base,
        context! { message => message.clone(), heading, staff },
    );
    let (body, content_type) = if let Ok(Html(html)) = rendered {
        (html, "text/html; charset=utf-8")
    } else {
        (message, "text/plain; charset=utf-8")
    };
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    parts.headers.remove(CONTENT_LENGTH);
    if failure.look == Look::Staff {
        // As every staff page: not kept by the browser.
        parts
            .headers
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    parts.extensions.remove::<Failure>();
    if let Some(seconds) = error.retry_after() {
        parts
            .headers
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    Response::from_parts(parts, Body::from(body))
}

fn public_key(error: &Error) -> String {
    match error {
        Error::NotFound => "page-not-found".to_owned(),
        Error::Conflict { code, .. } => format!("conflict-{code}"),
        Error::Busy => "page-busy".to_owned(),
        Error::RateLimited => "page-rate-limited".to_owned(),
        Error::Forbidden => "page-forbidden".to_owned(),
        Error::PayloadTooLarge => "page-too-large".to_owned(),
        Error::BadRequest(_) | Error::UnsupportedMediaType(_) | Error::Invalid(_) => {
            "page-bad-request".to_owned()
        }
        Error::Unauthorized | Error::Internal(_) => "page-error".to_owned(),
    }
}

fn staff_key(error: &Error) -> String {
    match error {
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
    }
}

#[cfg(test)]
mod tests {
    use super::{ENV, TEMPLATES};

    #[test]
    fn every_page_template_parses() {
        for (name, _) in TEMPLATES {
            if let Err(e) = ENV.get_template(name) {
                panic!("{name}: {e:#}");
            }
        }
    }
}
