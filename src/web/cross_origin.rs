//! Cross-origin protection of state-changing requests, the scheme of Go 1.25's
//! `CrossOriginProtection` (the same as tower-http's `CsrfLayer`, which logs request paths at
//! trace level; here paths carry manage-link tokens, which must never reach a log).
//!
//! GET, HEAD and OPTIONS pass. Otherwise a request passes when the browser says it comes from
//! this site (`Sec-Fetch-Site: same-origin` or `none`), when it has neither `Sec-Fetch-Site`
//! nor `Origin` (not a browser: scripts, API clients, curl), when its `Origin` is the host it
//! was sent to, or when its `Origin` is `server.public_url`. A request without `Origin` that
//! names a page of another origin in its `Referer` is judged by that origin as if it had sent
//! it as `Origin` (older browsers and some privacy settings leave `Origin` out but keep the
//! `Referer`). Everything else is 403. Together
//! with the `SameSite=Lax` session cookie this protects the staff and the public forms.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;

use super::AppState;
use super::pages::refusal;
use crate::error::Error;

/// The origin (`scheme://host[:port]`, lower-case) of the public URL.
#[must_use]
pub fn origin_of(url: &str) -> String {
    url.split_once("://")
        .map(|(scheme, rest)| format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)))
        .unwrap_or_default()
        .to_lowercase()
}

/// Whether a request may pass, given the origin the service is published under.
#[must_use]
pub fn allowed(method: &Method, headers: &HeaderMap, trusted_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = text(header::ORIGIN);
    let trusted = origin.is_some_and(|o| o.eq_ignore_ascii_case(trusted_origin));
    match headers
        .get("sec-fetch-site")
        .map(|v| v.to_str().unwrap_or("cross-site"))
    {
        Some("same-origin" | "none") => return true,
        Some(_) => return trusted,
        None => {}
    }
    let referer_origin;
    let origin = match origin {
        Some(origin) => origin,
        None => match text(header::REFERER) {
            Some(referer) => {
                referer_origin = origin_of(referer);
                if referer_origin.eq_ignore_ascii_case(trusted_origin) {
                    return true;
                }
                referer_origin.as_str()
            }
            None => return true,
        },
    };
    let same_host = origin
        .split_once("://")
        .map(|(_, host)| host)
        .zip(text(header::HOST))
        .is_some_and(|(origin_host, host)| origin_host.eq_ignore_ascii_case(host));
    same_host || trusted
}

/// The one-click unsubscribe of alert mails (RFC 8058): mail clients POST it from wherever
/// they run, and the secret token in the path is what proves the request, so it passes whatever
/// its origin. It only ever removes the subscription the token belongs to.
#[must_use]
pub fn one_click_unsubscribe(path: &str) -> bool {
    path.strip_prefix("/alerts/")
        .and_then(|rest| rest.strip_suffix("/unsubscribe"))
        .is_some_and(|token| !token.is_empty() && !token.contains('/'))
}

/// The middleware: 403 for a cross-origin request that would change something.
pub async fn refuse_cross_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let origin = origin_of(&state.config.server.public_url);
    if allowed(request.method(), request.headers(), &origin)
        || one_click_unsubscribe(request.uri().path())
    {
        return next.run(request).await;
    }
    tracing::info!("cross-origin request refused");
    refusal(request.uri().path(), Error::Forbidden)
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, Method};

    use super::{allowed, one_click_unsubscribe, origin_of};

    #[test]
    fn only_the_one_click_unsubscribe_passes_from_anywhere() {
        assert!(one_click_unsubscribe("/alerts/0123abcd/unsubscribe"));
        assert!(!one_click_unsubscribe("/alerts//unsubscribe"));
        assert!(!one_click_unsubscribe("/alerts/a/b/unsubscribe"));
        assert!(!one_click_unsubscribe("/alerts/0123abcd"));
        assert!(!one_click_unsubscribe("/alerts/0123abcd/confirm"));
        assert!(!one_click_unsubscribe("/r/0123abcd/erase"));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn cross_origin_requests_that_change_things_are_refused() {
        let trusted = origin_of("https://termine.example.org/");
        assert_eq!(trusted, "https://termine.example.org");
        let post = Method::POST;
        assert!(allowed(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &trusted
        ));
        assert!(allowed(&post, &headers(&[]), &trusted), "not a browser");
        assert!(allowed(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")]),
            &trusted
        ));
        assert!(allowed(
            &post,
            &headers(&[("sec-fetch-site", "none")]),
            &trusted
        ));
        assert!(!allowed(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &trusted
        ));
        assert!(!allowed(
            &post,
            &headers(&[("sec-fetch-site", "same-site")]),
            &trusted
        ));
        assert!(allowed(
            &post,
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            &trusted
        ));
        assert!(!allowed(
            &post,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:8080")
            ]),
            &trusted
        ));
        // Without `Origin`, a `Referer` from another origin is refused like that `Origin`.
        assert!(!allowed(
            &post,
            &headers(&[
                ("referer", "http://evil.example/x"),
                ("host", "127.0.0.1:8080")
            ]),
            &trusted
        ));
        assert!(!allowed(
            &post,
            &headers(&[("referer", "garbage"), ("host", "127.0.0.1:8080")]),
            &trusted
        ));
        assert!(allowed(
            &post,
            &headers(&[
                ("referer", "http://127.0.0.1:8080/events/x?lang=ar"),
                ("host", "127.0.0.1:8080")
            ]),
            &trusted
        ));
        assert!(allowed(
            &post,
            &headers(&[
                ("referer", "https://termine.example.org/staff/events/new"),
                ("host", "10.0.0.5:8080")
            ]),
            &trusted
        ));
        // Behind a proxy that rewrites Host, the public origin is still trusted.
        assert!(allowed(
            &post,
            &headers(&[
                ("origin", "https://termine.example.org"),
                ("host", "10.0.0.5:8080"),
                ("sec-fetch-site", "cross-site")
            ]),
            &trusted
        ));
    }
}
