//! `GET /calendar.ics` and `GET /events/{slug}.ics`: calendars to subscribe to and to download.
//!
//! Calendar clients poll, so every answer carries a strong `ETag` and a Last-Modified and a
//! matching `If-None-Match` or `If-Modified-Since` gets a 304 without a body. The media type is
//! `text/calendar` whatever the `Accept` header says (Google sends none). Clients that take gzip
//! get it (compressed once per rendering), with an `ETag` of its own; either tag gets a 304.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, DurationRound, NaiveDateTime, Utc};
use serde::Deserialize;

use super::AppState;
use super::api::events::FilterParams;
use super::cache::Cached;
use crate::calendar::{self, Rendered, Settings};
use crate::error::{Error, FieldErrors, Result};
use crate::events::{self, Page, Status};
use crate::i18n::Lang;

/// The most events one feed carries, the earliest first.
pub const FEED_LIMIT: u64 = 1000;

const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// Clients poll anyway; this only keeps a shared cache in front from asking on every poll.
const CACHE_CONTROL: &str = "public, max-age=300";

/// The filters of the feed, the same as those of the event list, and `lang`, the language of
/// the events' texts (German when not given or not one of the seven); anything else is
/// ignored.
#[derive(Deserialize, Default)]
pub struct FeedQuery {
    pub kind: Option<String>,
    pub audience: Option<String>,
    pub language: Option<String>,
    pub city: Option<String>,
    pub point: Option<String>,
    pub lang: Option<String>,
}

/// The language of a calendar's texts: `?lang=`, else German. Calendar clients send neither
/// cookies nor a useful `Accept-Language`, so nothing else is asked.
fn calendar_lang(lang: Option<&str>) -> Lang {
    lang.and_then(Lang::parse).unwrap_or(Lang::De)
}

/// `GET /calendar.ics`: the published and cancelled events that have not ended, filtered like
/// the event list.
pub async fn calendar_feed(
    State(state): State<AppState>,
    query: Result<Query<FeedQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response> {
    let Query(query) = query.map_err(Error::malformed_query)?;
    let lang = calendar_lang(query.lang.as_deref());
    let mut errors = FieldErrors::new();
    let filter = FilterParams {
        kind: query.kind,
        audience: query.audience,
        language: query.language,
        city: query.city,
        point: query.point,
    }
    .parse(&mut errors);
    errors.into_result()?;
    let now = Utc::now();
    // The canonical query names the feed: `?city=Köln` and `?city=köln` share no entry, but
    // each is right.
    let key = calendar::feed_url("", &filter, lang);
    let kept = format!("feed {key}");
    let (hit, _making) = state.pages.lookup(&kept).await;
    if let Some(Cached::Calendar(rendered, changed)) = hit {
        return Ok(respond(&rendered, changed, now, &headers, None));
    }
    let read_at = state.pages.generation();
    let fingerprint = events::versions(&state.db, &filter, FEED_LIMIT, now).await?;
    let rendered = if let Some(cached) = state.calendars.get(&key, &fingerprint) {
        cached
    } else {
        let page = Page {
            page: 1,
            per_page: FEED_LIMIT,
        };
        let (events, _) = events::list(&state.db, &filter, page, now).await?;
        let settings = Settings::from_config(&state.config);
        let name = calendar::feed_name(&settings.office_name, &filter, lang);
        let body = calendar::render_feed(&events, &settings, &name, lang);
        // From the events rendered, not the fingerprint read before: should an event change in
        // between, the next request renders again instead of keeping a stale body.
        let rendered_from = events.iter().map(|e| (e.id, e.updated_at)).collect();
        state
            .calendars
            .insert(key, Rendered::new(rendered_from, body))
    };
    // Any change of any event, or any event ending, may change a feed: a Last-Modified derived
    // from those is the same on every instance and moves whenever the body may have.
    let changed = events::last_change(&state.db, now).await?;
    let response = respond(&rendered, changed, now, &headers, None);
    state
        .pages
        .insert(kept, read_at, Cached::Calendar(rendered, changed));
    Ok(response)
}

/// `GET /events/{slug}.ics`, with `slug` given without `.ics`: one event as a calendar to
/// download, the same rendering that mail attaches. Drafts and unknown slugs are 404.
/// `lang` is the page's `?lang=`: the language of the event's texts, else German.
pub async fn event_ics(
    state: AppState,
    slug: &str,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Response {
    event_calendar(&state, slug, calendar_lang(lang), headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn event_calendar(
    state: &AppState,
    slug: &str,
    lang: Lang,
    headers: &HeaderMap,
) -> Result<Response> {
    let key = format!("/events/{slug}.ics?lang={lang}");
    let (hit, _making) = state.pages.lookup(&key).await;
    if let Some(Cached::Calendar(rendered, changed)) = hit {
        return Ok(respond(
            &rendered,
            changed,
            Utc::now(),
            headers,
            Some(disposition(slug)),
        ));
    }
    let read_at = state.pages.generation();
    let event = events::get_by_slug(&state.db, slug).await?;
    if event.status == Status::Draft {
        return Err(Error::NotFound);
    }
    let fingerprint = vec![(event.id, event.updated_at)];
    let rendered = if let Some(cached) = state.calendars.get(&key, &fingerprint) {
        cached
    } else {
        let body = calendar::render_event(&event, &Settings::from_config(&state.config), lang);
        state
            .calendars
            .insert(key.clone(), Rendered::new(fingerprint, body))
    };
    let response = respond(
        &rendered,
        Some(event.updated_at),
        Utc::now(),
        headers,
        Some(disposition(&event.slug)),
    );
    state.pages.insert(
        key,
        read_at,
        Cached::Calendar(rendered, Some(event.updated_at)),
    );
    Ok(response)
}

fn disposition(slug: &str) -> String {
    format!("attachment; filename=\"{slug}.ics\"")
}

fn respond(
    rendered: &Rendered,
    changed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    request: &HeaderMap,
    disposition: Option<String>,
) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    // Which representation: gzip for the clients that take it (calendar clients do), the body
    // as it is for the others. Either way the answer depends on Accept-Encoding.
    let (body, etag) = match &rendered.gzip {
        Some(gzip) if accepts_gzip(request) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            (&gzip.body, &gzip.etag)
        }
        _ => (&rendered.body, &rendered.etag),
    };
    if rendered.gzip.is_some() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if let Ok(etag) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, etag);
    }
    let sent = changed.map(|changed| last_modified(changed, now));
    if let Some(value) = sent.and_then(|at| HeaderValue::from_str(&http_date(at)).ok()) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    if let Some(value) = disposition.and_then(|d| HeaderValue::from_str(&d).ok()) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // A client that switched representations still has the same calendar.
    let etags = [
        rendered.etag.as_str(),
        rendered
            .gzip
            .as_ref()
            .map_or(rendered.etag.as_str(), |g| g.etag.as_str()),
    ];
    if not_modified(request, &etags, sent) {
        headers.remove(header::CONTENT_TYPE);
        headers.remove(header::CONTENT_DISPOSITION);
        headers.remove(header::CONTENT_ENCODING);
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (StatusCode::OK, headers, body.clone()).into_response()
}

/// Whether `Accept-Encoding` takes gzip (RFC 9110 §12.5.3): named, or `*`, with a weight above
/// zero; an explicit `gzip;q=0` refuses it even when `*` is allowed.
pub(crate) fn accepts_gzip(request: &HeaderMap) -> bool {
    let mut gzip = None;
    let mut any = None;
    for coding in request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let weight = parts
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
        let accepted = weight.is_some_and(|q| q > 0.0);
        if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            gzip = Some(accepted);
        } else if name == "*" {
            any = Some(accepted);
        }
    }
    gzip.or(any).unwrap_or(false)
}

/// The Last-Modified to send: whole seconds, as HTTP dates are, and never the current second.
/// A client given the current second would keep it after a second change made within that same
/// second, and be told that nothing changed until the next change. Given the second before, a
/// client can be told so at most until the current second has passed: every later answer names a
/// later second than the one it holds.
fn last_modified(changed: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    whole_second(changed).min(whole_second(now) - Duration::seconds(1))
}

fn whole_second(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(Duration::seconds(1)).unwrap_or(at)
}

/// RFC 9110 §13.1.2 and §13.1.3: `If-None-Match` (weak comparison) decides when present;
/// otherwise `If-Modified-Since`, against the Last-Modified this answer carries (`sent`), so a
/// client that sends back the date it was just given gets a 304, also right after a change.
fn not_modified(request: &HeaderMap, etags: &[&str], sent: Option<DateTime<Utc>>) -> bool {
    let mut if_none_match = request.get_all(header::IF_NONE_MATCH).iter().peekable();
    if if_none_match.peek().is_some() {
        return if_none_match
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .any(|tag| {
                let tag = tag.strip_prefix("W/").unwrap_or(tag);
                tag == "*" || etags.contains(&tag)
            });
    }
    let since = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    match (since, sent) {
        (Some(since), Some(sent)) => sent <= since,
        _ => false,
    }
}

fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%a, %d %b %Y %H:%M:%S GMT")
        .map(|t| t.and_utc())
        .or_else(|_| DateTime::parse_from_rfc2822(text).map(|t| t.with_timezone(&Utc)))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn request(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn http_dates_are_written_and_read_as_imf_fixdate() {
        let t = at("2026-11-30T12:05:09Z");
        assert_eq!(http_date(t), "Mon, 30 Nov 2026 12:05:09 GMT");
        assert_eq!(parse_http_date("Mon, 30 Nov 2026 12:05:09 GMT"), Some(t));
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn last_modified_is_never_the_current_second() {
        let changed = at("2026-11-30T12:00:00.400Z");
        assert_eq!(
            last_modified(changed, at("2026-11-30T12:00:00.900Z")),
            at("2026-11-30T11:59:59Z")
        );
        assert_eq!(
            last_modified(changed, at("2026-11-30T12:00:01.100Z")),
            at("2026-11-30T12:00:00Z")
        );
    }

    #[test]
    fn the_last_modified_just_sent_is_not_modified_also_right_after_a_change() {
        let changed = at("2026-11-30T12:00:00.400Z");
        let now = at("2026-11-30T12:00:00.900Z");
        let sent = last_modified(changed, now);
        let headers = request(header::IF_MODIFIED_SINCE, &http_date(sent));
        assert!(not_modified(&headers, &["\"x\""], Some(sent)));
        // A second later the answer names 12:00:00, still the same calendar.
        let later = last_modified(changed, at("2026-11-30T12:00:01.100Z"));
        assert!(!not_modified(&headers, &["\"x\""], Some(later)));
        let headers = request(header::IF_MODIFIED_SINCE, &http_date(later));
        assert!(not_modified(&headers, &["\"x\""], Some(later)));
    }

    #[test]
    fn a_second_change_within_the_same_second_is_told_once_that_second_has_passed() {
        // A client polled at 12:00:00.900 after a change at 12:00:00.400 ...
        let first = at("2026-11-30T12:00:00.400Z");
        let held = http_date(last_modified(first, at("2026-11-30T12:00:00.900Z")));
        let headers = request(header::IF_MODIFIED_SINCE, &held);
        // ... another change followed at 12:00:00.950: any poll after that second gets it.
        let second = at("2026-11-30T12:00:00.950Z");
        for poll in ["2026-11-30T12:00:01.000Z", "2026-11-30T12:15:00Z"] {
            let sent = last_modified(second, at(poll));
            assert!(!not_modified(&headers, &["\"x\""], Some(sent)), "{poll}");
        }
    }

    #[test]
    fn if_none_match_decides_over_if_modified_since() {
        let changed = Some(at("2026-11-30T12:00:00Z"));
        let mut headers = request(header::IF_NONE_MATCH, "\"old\", W/\"new\"");
        assert!(not_modified(&headers, &["\"new\""], changed));
        assert!(!not_modified(&headers, &["\"newer\""], changed));
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Tue, 01 Dec 2026 00:00:00 GMT"),
        );
        assert!(!not_modified(&headers, &["\"newer\""], changed));
        assert!(not_modified(
            &request(header::IF_NONE_MATCH, "*"),
            &["\"any\""],
            changed
        ));
    }

    #[test]
    fn gzip_is_sent_only_to_clients_that_take_it() {
        let takes = |value: &str| accepts_gzip(&request(header::ACCEPT_ENCODING, value));
        assert!(takes("gzip"));
        assert!(takes("gzip, deflate, br"));
        assert!(takes("br;q=1.0, GZIP;q=0.5"));
        assert!(takes("*"));
        assert!(takes("x-gzip"));
        assert!(!takes("identity"));
        assert!(!takes("br, deflate"));
        assert!(!takes("gzip;q=0"));
        assert!(!takes("*, gzip;q=0"));
        assert!(!takes("gzip;q=zero"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
