//! Server-rendered pages: the template environment, the `t()` function that reads the Fluent
//! strings, the page language of a request, and error pages in that language.

use std::sync::LazyLock;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::Kwargs;
use minijinja::{Environment, State, Value, context};
use serde::Serialize;

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
    "privacy.html",
    "erased.html",
    "kept.html",
];

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            // A broken page template is a build defect; the test suite renders every page.
            tracing::error!(template = name, error = %e, "page template does not parse");
        }
    }
    env.add_function("t", translate);
    env
});

/// `{{ t("key", name=value) }}`: a UI string in the page's language.
#[expect(
    clippy::needless_pass_by_value,
    reason = "minijinja passes keyword arguments by value"
)]
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
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
    pub languages: Vec<LanguageLink>,
}

#[derive(Serialize)]
pub struct LanguageLink {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

impl PageBase {
    #[must_use]
    pub fn new(lang: Lang, office: &str, path: &str) -> Self {
        Self {
            lang: lang.code(),
            dir: lang.dir(),
            office: office.to_owned(),
            path: path.to_owned(),
            languages: Lang::ALL
                .into_iter()
                .map(|l| LanguageLink {
                    code: l.code(),
                    name: l.native_name(),
                    current: l == lang,
                })
                .collect(),
        }
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

/// An error shown as a page in the visitor's language.
pub struct PageError {
    pub error: Error,
    pub lang: Lang,
    pub office: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.error.status();
        if let Error::Internal(err) = &self.error {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        let key = match &self.error {
            Error::NotFound => "page-not-found".to_owned(),
            Error::Conflict { code, .. } => format!("conflict-{code}"),
            Error::Busy => "page-busy".to_owned(),
            Error::RateLimited => "page-rate-limited".to_owned(),
            Error::Forbidden => "page-forbidden".to_owned(),
            Error::PayloadTooLarge => "page-too-large".to_owned(),
            Error::BadRequest(_) | Error::UnsupportedMediaType(_) | Error::Invalid(_) => {
                "page-bad-request".to_owned()
            }
            _ => "page-error".to_owned(),
        };
        let base = PageBase::new(self.lang, &self.office, "/");
        let message = i18n::text(self.lang, &key, &[]);
        match render("error.html", &base, context! { message => message.clone() }) {
            Ok(html) => (status, html).into_response(),
            Err(_) => (
                status,
                [(CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response(),
        }
    }
}
