//! Rendered calendars kept in memory, each with what it was rendered from.
//!
//! Nothing here is trusted across requests on its own: the web layer reads the fingerprint of
//! the events in question from the database on every request (cheap: ids and change times) and
//! takes a cached body only when it was rendered from exactly that fingerprint. So an instance
//! serves the change of another instance sharing the database at once, and an event that has
//! ended leaves the feed at once, although no instance told the others anything.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// Id and `updated_at` of every event a calendar was rendered from, in order.
pub type Fingerprint = Vec<(i32, DateTime<Utc>)>;

/// A rendered calendar and its strong `ETag`.
#[derive(Debug)]
pub struct Rendered {
    pub fingerprint: Fingerprint,
    pub body: Bytes,
    /// A hash of the exact body, quoted: equal bodies have equal `ETag`s on every instance.
    pub etag: String,
    /// The body compressed with gzip, for clients that accept it, when that saves anything.
    pub gzip: Option<Gzipped>,
}

/// A calendar's body as gzip: the same calendar, another representation, so another strong
/// `ETag` (RFC 9110 §8.8.3).
#[derive(Debug)]
pub struct Gzipped {
    pub body: Bytes,
    pub etag: String,
}

/// Bodies smaller than this go out as they are: one packet either way.
const GZIP_FROM: usize = 1400;

impl Rendered {
    #[must_use]
    pub fn new(fingerprint: Fingerprint, body: String) -> Self {
        let digest = Sha256::digest(body.as_bytes());
        let hex = digest[..16]
            .iter()
            .fold(String::with_capacity(32), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            });
        let gzip = gzip(body.as_bytes()).map(|body| Gzipped {
            body,
            etag: format!("\"{hex}-gzip\""),
        });
        Self {
            fingerprint,
            body: Bytes::from(body),
            etag: format!("\"{hex}\""),
            gzip,
        }
    }
}

/// Compressed once per rendering, so a feed of a thousand events (about 1 MB, a tenth of that
/// as gzip) costs its clients and the network a tenth, and the instance no work per request.
fn gzip(body: &[u8]) -> Option<Bytes> {
    if body.len() < GZIP_FROM {
        return None;
    }
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 8),
        flate2::Compression::default(),
    );
    encoder.write_all(body).ok()?;
    let compressed = encoder.finish().ok()?;
    (compressed.len() < body.len()).then(|| Bytes::from(compressed))
}

/// Rendered calendars by key (the feed's filter, or the event's slug).
#[derive(Debug, Default)]
pub struct FeedCache {
    entries: Mutex<Feeds>,
}

/// The kept calendars and the bytes they hold.
#[derive(Debug, Default)]
struct Feeds {
    map: HashMap<String, Arc<Rendered>>,
    bytes: usize,
}

impl Rendered {
    /// The bytes it holds, roughly: its bodies and its fingerprint.
    #[must_use]
    pub fn size(&self) -> usize {
        self.body.len()
            + self.gzip.as_ref().map_or(0, |g| g.body.len())
            + self.fingerprint.len() * std::mem::size_of::<(i32, DateTime<Utc>)>()
    }
}

impl FeedCache {
    /// Keys come from query strings, so the number kept is bounded; past it the cache starts
    /// afresh, which costs one rendering per feed asked for.
    pub const CAPACITY: usize = 256;
    /// The bytes kept at most; past it the cache starts afresh, and a calendar larger than
    /// this is not kept (it is rendered for each request that finds it changed).
    pub const BYTES: usize = 16 * 1024 * 1024;

    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The calendar cached under `key`, if it was rendered from exactly `fingerprint`.
    #[must_use]
    pub fn get(&self, key: &str, fingerprint: &[(i32, DateTime<Utc>)]) -> Option<Arc<Rendered>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .map
            .get(key)
            .filter(|r| r.fingerprint == fingerprint)
            .cloned()
    }

    /// Keeps `rendered` under `key`, replacing what was there.
    pub fn insert(&self, key: String, rendered: Rendered) -> Arc<Rendered> {
        let rendered = Arc::new(rendered);
        let size = key.len() + rendered.size();
        if size > Self::BYTES {
            return rendered;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(old) = entries.map.remove(&key) {
            entries.bytes -= key.len() + old.size();
        }
        if entries.map.len() >= Self::CAPACITY || entries.bytes + size > Self::BYTES {
            entries.map.clear();
            entries.bytes = 0;
        }
        entries.bytes += size;
        entries.map.insert(key, rendered.clone());
        rendered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_served_only_for_the_fingerprint_it_was_rendered_from() {
        let cache = FeedCache::new();
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let before = vec![
            (1, t("2026-11-01T10:00:00Z")),
            (2, t("2026-11-01T11:00:00Z")),
        ];
        cache.insert("feed".into(), Rendered::new(before.clone(), "A".into()));

        assert_eq!(&cache.get("feed", &before).unwrap().body[..], b"A");
        let changed = vec![
            (1, t("2026-11-01T10:00:00Z")),
            (2, t("2026-11-01T12:00:00Z")),
        ];
        assert!(cache.get("feed", &changed).is_none());
        assert!(cache.get("feed", &before[1..]).is_none(), "an event left");
        assert!(cache.get("other", &before).is_none());
    }

    #[test]
    fn equal_bodies_have_equal_strong_etags() {
        let a = Rendered::new(vec![], "BEGIN:VCALENDAR".into());
        let b = Rendered::new(vec![], "BEGIN:VCALENDAR".into());
        let c = Rendered::new(vec![], "BEGIN:VCALENDAR ".into());
        assert_eq!(a.etag, b.etag);
        assert_ne!(a.etag, c.etag);
        assert!(a.etag.starts_with('"') && a.etag.ends_with('"') && !a.etag.starts_with("W/"));
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = FeedCache::new();
        for n in 0..=FeedCache::CAPACITY * 2 {
            cache.insert(format!("city={n}"), Rendered::new(vec![], String::new()));
        }
        let len = cache.entries.lock().unwrap().map.len();
        assert!(len <= FeedCache::CAPACITY, "{len}");
    }

    #[test]
    fn the_bytes_kept_stay_within_their_bound() {
        let cache = FeedCache::new();
        let body = "x".repeat(1024 * 1024);
        for n in 0..40 {
            cache.insert(format!("f{n}"), Rendered::new(vec![], body.clone()));
            cache.insert(format!("f{n}"), Rendered::new(vec![], body.clone()));
            let kept = cache.entries.lock().unwrap();
            let counted: usize = kept.map.iter().map(|(k, r)| k.len() + r.size()).sum();
            assert_eq!(kept.bytes, counted);
            assert!(kept.bytes <= FeedCache::BYTES, "{}", kept.bytes);
        }
        assert!(cache.get("f39", &[]).is_some());
        let huge = Rendered {
            fingerprint: vec![],
            body: Bytes::from(vec![b'y'; FeedCache::BYTES]),
            etag: String::new(),
            gzip: None,
        };
        let huge = cache.insert("huge".into(), huge);
        assert_eq!(huge.body.len(), FeedCache::BYTES, "given back all the same");
        assert!(cache.get("huge", &[]).is_none(), "too large to keep");
    }
}
