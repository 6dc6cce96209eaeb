//! Protection every response or public form gets: security headers, control characters refused
//! at the edge, and a limit on the POSTs that need no login (registering, the manage page's
//! buttons) per client address.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tower_http::set_header::SetResponseHeaderLayer;

use super::AppState;
use super::pages::refusal;
use crate::config::Config;
use crate::error::Error;

/// No scripts from anywhere but the service itself, no framing, forms only to the service.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of every page, with the sites that may frame it instead of none (an embedded
/// list). `ancestors` are origins as stored, checked to be `scheme://host[:port]`.
#[must_use]
pub fn content_security_policy(ancestors: &str) -> String {
    let ancestors = if ancestors.trim().is_empty() {
        "'none'"
    } else {
        ancestors
    };
    CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'",
        &format!("frame-ancestors {ancestors}"),
    )
}

/// `X-Frame-Options: DENY` for browsers that predate `frame-ancestors`, on every answer but
/// those whose policy names sites that may frame them (`DENY` would forbid those too, and no
/// value of the header allows a list of sites).
pub async fn deny_framing(mut response: Response) -> Response {
    let framable = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("frame-ancestors") && !v.contains("frame-ancestors 'none'"));
    if !framable {
        response
            .headers_mut()
            .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

/// The security headers, as layers; HSTS only when the service is reached over https.
#[must_use]
pub fn header_layers(config: &Config) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut layers = vec![
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
    ];
    if config.server.public_url.starts_with("https://") {
        layers.push(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    layers
}

/// Per-address limit of public POSTs. Limits live in each instance's memory: N instances allow
/// N times the rate, which is enough against abuse of the forms. An IPv6 client is counted by
/// its /64, the network a single line is given, so that it cannot pass the limit (or fill the
/// table) by changing addresses within it.
pub struct PublicLimiter {
    limiter: RwLock<DefaultKeyedRateLimiter<IpAddr>>,
    quota: Quota,
    client_ip_header: Option<HeaderName>,
    checks: AtomicU64,
}

/// Addresses the limiter keeps: every [`TIDY_EVERY`] checks it forgets those idle for the
/// quota's period, and should more than this many remain, it starts afresh. So it holds at
/// most `MAX_ADDRESSES + TIDY_EVERY` (about 100 bytes each).
const MAX_ADDRESSES: usize = 65_536;
const TIDY_EVERY: u64 = 1024;

impl std::fmt::Debug for PublicLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PublicLimiter")
    }
}

impl PublicLimiter {
    #[must_use]
    pub fn new(config: &Config) -> Self {
        let per_minute =
            NonZeroU32::new(config.limits.public_per_minute).unwrap_or(NonZeroU32::MIN);
        let header = config.limits.client_ip_header.trim();
        let quota = Quota::per_minute(per_minute);
        Self {
            limiter: RwLock::new(RateLimiter::keyed(quota)),
            quota,
            client_ip_header: (!header.is_empty())
                .then(|| HeaderName::try_from(header).ok())
                .flatten(),
            checks: AtomicU64::new(0),
        }
    }

    /// The client's address: the connection's, or the configured proxy header's last entry
    /// (the one the trusted proxy itself added).
    fn client_ip(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> Option<IpAddr> {
        if let Some(name) = &self.client_ip_header
            && let Some(ip) = headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse().ok())
        {
            return Some(ip);
        }
        peer.map(|p| p.ip())
    }

    fn allow(&self, ip: IpAddr) -> bool {
        if self.checks.fetch_add(1, Ordering::Relaxed) % TIDY_EVERY == TIDY_EVERY - 1 {
            self.tidy();
        }
        self.limiter
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .check_key(&counted_as(ip))
            .is_ok()
    }

    /// Forgets idle addresses; starts afresh when more than [`MAX_ADDRESSES`] are left.
    fn tidy(&self) {
        {
            let limiter = self.limiter.read().unwrap_or_else(PoisonError::into_inner);
            limiter.retain_recent();
            if limiter.len() <= MAX_ADDRESSES {
                return;
            }
        }
        tracing::warn!(
            max = MAX_ADDRESSES,
            "more addresses posted within the limit's period than the limiter keeps; it starts afresh"
        );
        *self.limiter.write().unwrap_or_else(PoisonError::into_inner) =
            RateLimiter::keyed(self.quota);
    }

    /// Addresses the limiter holds now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.limiter
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// The key an address is counted under: itself, or for IPv6 its /64.
fn counted_as(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from_bits(
                v6.to_bits() & !u128::from(u64::MAX),
            )),
        },
    }
}

/// Refuses public POSTs beyond the limit with 429: JSON under `/api/`, otherwise a page in the
/// visitor's language.
pub async fn limit_public_posts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || !is_public_post(request.uri().path()) {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let limiter: &Arc<PublicLimiter> = &state.public_limiter;
    if let Some(ip) = limiter.client_ip(request.headers(), peer)
        && !limiter.allow(ip)
    {
        tracing::info!("public POST limit reached");
        return refusal(request.uri().path(), Error::RateLimited);
    }
    next.run(request).await
}

/// Control characters (C0 and DEL) in a path or in a query are never meant: no slug, token or
/// filter has them, and PostgreSQL refuses a NUL in any text. Such a path is unknown (404); such
/// a query parameter is a 422 that names it. The answer is the same on every database, because
/// the request never reaches one.
pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let error = if has_control(uri.path().as_bytes()) {
        Some(Error::NotFound)
    } else {
        uri.query().and_then(control_in_query).map(|name| {
            Error::Invalid(crate::error::FieldErrors::single(
                name,
                "error-control-characters",
                "contains control characters",
            ))
        })
    };
    let Some(error) = error else {
        return next.run(request).await;
    };
    tracing::info!("request with control characters refused");
    refusal(uri.path(), error)
}

/// Whether percent-decoded `raw` holds a C0 control character or DEL.
fn has_control(raw: &[u8]) -> bool {
    percent_encoding::percent_decode(raw).any(|b| b < 0x20 || b == 0x7f)
}

/// The name of the first query parameter whose name or value holds a control character.
fn control_in_query(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (has_control(name.as_bytes()) || has_control(value.as_bytes())).then(|| {
            let name: Vec<u8> = percent_encoding::percent_decode(name.as_bytes())
                .filter(|b| *b >= 0x20 && *b != 0x7f)
                .collect();
            String::from_utf8_lossy(&name).into_owned()
        })
    })
}

/// The POSTs anyone may send: registering (form and API), the manage page's buttons and the
/// alert subscription's forms.
fn is_public_post(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(
        segments.as_slice(),
        ["events", _, "register" | "code"]
            | ["r" | "alerts" | "invite", ..]
            | ["api", "v1", "events", _, "registrations"]
    )
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    use super::{
        MAX_ADDRESSES, PublicLimiter, TIDY_EVERY, control_in_query, counted_as, has_control,
        is_public_post,
    };

    fn limiter(per_minute: u32) -> PublicLimiter {
        let mut config = crate::config::Config::default();
        config.limits.public_per_minute = per_minute;
        config.limits.client_ip_header = String::new();
        PublicLimiter::new(&config)
    }

    #[test]
    fn an_ipv6_line_is_counted_by_its_64_and_a_mapped_ipv4_as_itself() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(counted_as(a), counted_as(b));
        assert_ne!(counted_as(a), counted_as(other));
        let mapped = IpAddr::V6(Ipv4Addr::new(192, 0, 2, 7).to_ipv6_mapped());
        assert_eq!(counted_as(mapped), IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7)));

        let limiter = limiter(2);
        assert!(limiter.allow(a));
        assert!(limiter.allow(b));
        assert!(
            !limiter.allow(a),
            "the third POST from one /64 within the minute"
        );
        assert!(limiter.allow(other));
    }

    #[test]
    fn the_address_table_never_holds_more_than_its_bound() {
        let limiter = limiter(5);
        let total = MAX_ADDRESSES + 3 * usize::try_from(TIDY_EVERY).unwrap();
        let mut most = 0;
        for i in 0..total {
            let ip = IpAddr::V6(Ipv6Addr::from_bits(u128::try_from(i).unwrap() << 64));
            assert!(limiter.allow(ip));
            most = most.max(limiter.len());
        }
        assert!(
            most <= MAX_ADDRESSES + usize::try_from(TIDY_EVERY).unwrap(),
            "held {most}"
        );
        assert!(limiter.len() < total);
    }

    #[test]
    fn control_characters_are_found_in_paths_and_named_in_queries() {
        assert!(has_control(b"/events/x%00y"));
        assert!(has_control(b"/events/x%7Fy.ics"));
        assert!(has_control(b"/events/x\ty"));
        assert!(!has_control(b"/events/infotag-k%C3%B6ln"));
        assert_eq!(control_in_query("city=%00"), Some("city".to_owned()));
        assert_eq!(
            control_in_query("kind=info_day&city=a%00&lang=de"),
            Some("city".to_owned())
        );
        assert_eq!(control_in_query("ci%00ty=a"), Some("city".to_owned()));
        assert_eq!(control_in_query("city=K%C3%B6ln+Mitte&lang=ar"), None);
        assert_eq!(control_in_query(""), None);
    }

    #[test]
    fn public_posts_are_recognised() {
        assert!(is_public_post("/events/infotag-2027-03-12/register"));
        assert!(is_public_post("/r/abc/cancel"));
        assert!(is_public_post("/events/infotag/code"));
        assert!(is_public_post("/api/v1/events/7/registrations"));
        // Subscribing sends a mail to the address given: limited like registering.
        assert!(is_public_post("/alerts"));
        assert!(is_public_post("/alerts/abc/unsubscribe"));
        assert!(!is_public_post("/api/v1/events"));
        assert!(!is_public_post("/api/v1/events/7/publish"));
        assert!(!is_public_post("/staff/login"));
    }
}
