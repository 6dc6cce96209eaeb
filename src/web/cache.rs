//! Public answers that are the same for every visitor, kept for a moment (`server.cache_ttl_ms`):
//! the event page with its empty form, the event list, the API's event list, and the calendars.
//!
//! Invariants:
//! - only answers without anything personal or per-visitor are kept: never the manage page, staff
//!   pages, a form with errors, or what a staff token sees;
//! - a write through this instance (any request but GET and HEAD, and a round of the background
//!   jobs) forgets everything at once, before its answer leaves, so whoever wrote sees the change
//!   in the next request;
//! - a change made elsewhere (another instance on the same database, the command line) shows
//!   after at most the TTL;
//! - an answer read from the database before a write of this instance is not kept after it.
//!
//! Under load this turns one database round and one template rendering per request into one per
//! TTL and key. An answer past half its TTL is made again by the first request that finds it so,
//! while the others are still given it; so under steady load nobody waits for an answer to be
//! made. Requests that find an answer gone (none came in the second half of its TTL) wait for
//! the one request that makes it again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};

use crate::calendar::Rendered;

/// A kept answer.
#[derive(Clone, Debug)]
pub enum Cached {
    /// A page or a JSON body.
    Body(Bytes),
    /// A calendar and the change time its Last-Modified comes from.
    Calendar(Arc<Rendered>, Option<DateTime<Utc>>),
    /// A page or feed of an embedded list, and the sites that may frame it
    /// (`frame-ancestors`).
    Framed { body: Bytes, ancestors: String },
}

impl Cached {
    /// The bytes it holds, roughly: what counts against [`PageCache::BYTES`].
    fn size(&self) -> usize {
        match self {
            Self::Body(body) => body.len(),
            Self::Calendar(rendered, _) => rendered.size(),
            Self::Framed { body, ancestors } => body.len() + ancestors.len(),
        }
    }
}

#[derive(Debug)]
struct Entry {
    at: Instant,
    generation: u64,
    value: Cached,
    /// Of the key and the value.
    size: usize,
}

/// The kept answers and the bytes they hold.
#[derive(Debug, Default)]
struct Kept {
    map: HashMap<String, Entry>,
    bytes: usize,
}

impl Kept {
    fn clear(&mut self) {
        self.map.clear();
        self.bytes = 0;
    }
}

/// What the instance has written since it started, as a count: taken before reading, it tells
/// whether what was read may predate a write of this instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Generation(u64);

/// The kept answers of this instance.
#[derive(Debug)]
pub struct PageCache {
    ttl: Duration,
    generation: AtomicU64,
    entries: Mutex<Kept>,
    /// One lock per key being made, so that the requests that find an answer gone wait for the
    /// one that makes it again instead of all making it at once.
    filling: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl PageCache {
    /// Keys come from paths and query strings, so the number kept is bounded; past it the cache
    /// starts afresh.
    pub const CAPACITY: usize = 1024;
    /// The bytes kept at most (keys and answers); past it the cache starts afresh, and an
    /// answer larger than this is not kept at all. A calendar shared with the
    /// [`crate::calendar::FeedCache`] is counted in both.
    pub const BYTES: usize = 16 * 1024 * 1024;

    /// A cache that keeps answers for `ttl`; zero keeps nothing.
    #[must_use]
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            generation: AtomicU64::new(0),
            entries: Mutex::new(Kept::default()),
            filling: Mutex::new(HashMap::new()),
        }
    }

    /// The turn to make the answer for `key`, for a request that did not find it: whoever holds
    /// it makes the answer, the others wait and then look again ([`PageCache::get`]). `None`
    /// when nothing is kept.
    pub async fn fill(&self, key: &str) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        if self.ttl.is_zero() {
            return None;
        }
        let lock = {
            let mut filling = self.filling.lock().unwrap_or_else(PoisonError::into_inner);
            if filling.len() >= Self::CAPACITY && !filling.contains_key(key) {
                // Locks held now stay valid; only later requests get new ones.
                filling.clear();
            }
            filling.entry(key.to_owned()).or_default().clone()
        };
        Some(lock.lock_owned().await)
    }

    /// Take this before reading what an answer is made of, and give it to [`PageCache::insert`].
    #[must_use]
    pub fn generation(&self) -> Generation {
        Generation(self.generation.load(Ordering::Acquire))
    }

    /// The answer kept under `key`, if it is younger than the TTL and no write of this instance
    /// came after it was read.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Cached> {
        self.get_aged(key).map(|(value, _)| value)
    }

    /// As [`PageCache::get`], with whether the answer is past half its TTL.
    fn get_aged(&self, key: &str) -> Option<(Cached, bool)> {
        if self.ttl.is_zero() {
            return None;
        }
        let current = self.generation.load(Ordering::Acquire);
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.map.get(key).filter(|e| e.generation == current)?;
        let age = entry.at.elapsed();
        (age < self.ttl).then(|| (entry.value.clone(), age >= self.ttl / 2))
    }

    /// The turn to make the answer for `key` if nobody is making it now.
    fn try_fill(&self, key: &str) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        let lock = {
            let filling = self.filling.lock().unwrap_or_else(PoisonError::into_inner);
            filling.get(key)?.clone()
        };
        lock.try_lock_owned().ok()
    }

    /// The answer kept under `key`; else, with the turn to make it (held until it is kept),
    /// after waiting for whoever was making it already. The first request to find an answer past
    /// half its TTL gets the turn to make it again at once; the others are given the answer
    /// meanwhile.
    pub async fn lookup(
        &self,
        key: &str,
    ) -> (Option<Cached>, Option<tokio::sync::OwnedMutexGuard<()>>) {
        if let Some((kept, aged)) = self.get_aged(key) {
            if aged && let Some(turn) = self.try_fill(key) {
                return (None, Some(turn));
            }
            return (Some(kept), None);
        }
        let turn = self.fill(key).await;
        match self.get(key) {
            Some(kept) => (Some(kept), None),
            None => (None, turn),
        }
    }

    /// Keeps `value` under `key`, unless this instance wrote since `read_at`.
    pub fn insert(&self, key: String, read_at: Generation, value: Cached) {
        if self.ttl.is_zero() || read_at != self.generation() {
            return;
        }
        let size = key.len() + value.size();
        if size > Self::BYTES {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(old) = entries.map.remove(&key) {
            entries.bytes -= old.size;
        }
        if entries.map.len() >= Self::CAPACITY || entries.bytes + size > Self::BYTES {
            entries.clear();
        }
        entries.bytes += size;
        entries.map.insert(
            key,
            Entry {
                at: Instant::now(),
                generation: read_at.0,
                value,
                size,
            },
        );
    }

    /// Forgets every kept answer: this instance has written.
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if !self.ttl.is_zero() {
            self.entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
    }
}

/// After every request that may have written (anything but GET and HEAD), whatever its outcome,
/// forgets the kept answers before the response goes out.
pub async fn forget_after_writes(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
    let response = next.run(request).await;
    if writes {
        cache.forget_all();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &'static str) -> Cached {
        Cached::Body(Bytes::from_static(text.as_bytes()))
    }

    fn text(cached: Option<Cached>) -> Option<Bytes> {
        match cached {
            Some(Cached::Body(b)) => Some(b),
            _ => None,
        }
    }

    #[test]
    fn an_answer_is_kept_for_the_ttl_and_no_longer() {
        let cache = PageCache::new(Duration::from_millis(50));
        cache.insert("page".into(), cache.generation(), body("A"));
        assert_eq!(text(cache.get("page")).as_deref(), Some(&b"A"[..]));
        assert!(cache.get("other").is_none());
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get("page").is_none());
    }

    #[test]
    fn a_write_of_this_instance_forgets_at_once() {
        let cache = PageCache::new(Duration::from_mins(1));
        cache.insert("page".into(), cache.generation(), body("A"));
        cache.forget_all();
        assert!(cache.get("page").is_none());
    }

    #[test]
    fn what_was_read_before_a_write_is_not_kept_after_it() {
        let cache = PageCache::new(Duration::from_mins(1));
        let read_at = cache.generation();
        cache.forget_all();
        cache.insert("page".into(), read_at, body("old"));
        assert!(cache.get("page").is_none());
        cache.insert("page".into(), cache.generation(), body("new"));
        assert_eq!(text(cache.get("page")).as_deref(), Some(&b"new"[..]));
    }

    #[tokio::test]
    async fn one_request_makes_a_missing_answer_while_the_others_wait_for_it() {
        let cache = Arc::new(PageCache::new(Duration::from_mins(1)));
        let maker = cache.fill("page").await.unwrap();
        let waiting = tokio::spawn({
            let cache = cache.clone();
            async move {
                let _turn = cache.fill("page").await;
                text(cache.get("page"))
            }
        });
        assert!(
            cache.fill("other").await.is_some(),
            "other keys do not wait"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished());
        cache.insert("page".into(), cache.generation(), body("A"));
        drop(maker);
        assert_eq!(waiting.await.unwrap().as_deref(), Some(&b"A"[..]));
        assert!(PageCache::new(Duration::ZERO).fill("page").await.is_none());
    }

    #[tokio::test]
    async fn past_half_its_ttl_one_request_makes_an_answer_again_while_the_others_get_it() {
        let ttl = Duration::from_secs(1);
        let cache = PageCache::new(ttl);
        // Made once, as on a first request.
        let (none, turn) = cache.lookup("page").await;
        assert!(none.is_none() && turn.is_some());
        cache.insert("page".into(), cache.generation(), body("A"));
        drop(turn);
        let (kept, turn) = cache.lookup("page").await;
        assert!(kept.is_some() && turn.is_none(), "young: given as kept");

        std::thread::sleep(ttl / 2);
        let (none, maker) = cache.lookup("page").await;
        assert!(none.is_none() && maker.is_some(), "aged: made again");
        for _ in 0..3 {
            let (kept, turn) = cache.lookup("page").await;
            assert_eq!(
                text(kept).as_deref(),
                Some(&b"A"[..]),
                "the others wait for nothing"
            );
            assert!(turn.is_none());
        }
        cache.insert("page".into(), cache.generation(), body("B"));
        drop(maker);
        let (kept, turn) = cache.lookup("page").await;
        assert_eq!(text(kept).as_deref(), Some(&b"B"[..]));
        assert!(turn.is_none(), "young again");

        // Past the TTL nothing is given any more.
        std::thread::sleep(ttl);
        assert!(cache.get("page").is_none());
    }

    #[test]
    fn a_zero_ttl_keeps_nothing() {
        let cache = PageCache::new(Duration::ZERO);
        cache.insert("page".into(), cache.generation(), body("A"));
        assert!(cache.get("page").is_none());
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = PageCache::new(Duration::from_mins(1));
        for n in 0..=PageCache::CAPACITY * 2 {
            cache.insert(format!("city={n}"), cache.generation(), body(""));
        }
        let len = cache.entries.lock().unwrap().map.len();
        assert!(len <= PageCache::CAPACITY, "{len}");
    }

    #[test]
    fn the_bytes_kept_stay_within_their_bound_and_a_replaced_answer_counts_once() {
        let cache = PageCache::new(Duration::from_mins(1));
        let page = Bytes::from(vec![b'x'; 1024 * 1024]);
        cache.insert("a".into(), cache.generation(), Cached::Body(page.clone()));
        cache.insert("a".into(), cache.generation(), Cached::Body(page.clone()));
        assert_eq!(cache.entries.lock().unwrap().bytes, 1 + page.len());
        for n in 0..40 {
            cache.insert(
                format!("p{n}"),
                cache.generation(),
                Cached::Body(page.clone()),
            );
            let kept = cache.entries.lock().unwrap();
            let counted: usize = kept.map.values().map(|e| e.size).sum();
            assert_eq!(kept.bytes, counted);
            assert!(kept.bytes <= PageCache::BYTES, "{}", kept.bytes);
        }
        assert!(cache.get("p39").is_some(), "the newest is kept");
        let huge = Bytes::from(vec![b'x'; PageCache::BYTES + 1]);
        cache.insert("huge".into(), cache.generation(), Cached::Body(huge));
        assert!(cache.get("huge").is_none(), "too large to keep");
    }
}
