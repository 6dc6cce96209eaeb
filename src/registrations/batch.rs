//! Registrations taken together: while one transaction is being committed, the requests that
//! arrive meanwhile wait, and are then stored in the next transaction, together. On PostgreSQL
//! a group holds the requests for one event (the events' groups are stored side by side); on
//! SQLite, which has one writer at a time, it holds the requests for any event.
//!
//! Why: every registration takes seats on its event's row, and that row stays locked until the
//! commit has been flushed to disk. One registration per transaction therefore caps a popular
//! event at one registration per commit flush (PostgreSQL at default durability: about 1 400
//! a second on a small machine). Taken together, one flush serves the whole group. And each
//! statement costs a round trip (on SQLite a hand-over to the connection's thread and back), so
//! the group's leading plain requests (people registering themselves with an address) are
//! stored with a handful of statements for all of them ([`super::attempt_together`]).
//!
//! What it keeps: each request is checked and stored exactly as [`super::register`] would do it
//! (the same [`super::attempt`]), in arrival order, so seats, waiting-list positions and the
//! one-registration-per-address rule come out the same; a request that fails (the event is
//! full, a concurrent registration with the same address) is rolled back to its savepoint
//! alone. The leading requests are stored together only when each of them would get a new
//! registration with its seats; otherwise that savepoint is rolled back and they too go one by
//! one. What it costs: nothing is stored unless the whole group commits — when the commit
//! fails, every request of the group gets the error (none is half-stored); a request waits for
//! the group before it; and a request whose client has gone away is still stored (it runs in a
//! task of its own, so that the others' transaction is never cut off half-way).
//!
//! Groups are formed per instance; instances sharing one database take turns on the event's
//! row as before. With `registration.batch_max = 1` every request has its own transaction.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, TransactionTrait};
use tokio::sync::oneshot;

use super::{ATTEMPTS, Hold, Registered, Registrant, RegistrationInput, Request};
use crate::db;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::i18n::Lang;

/// A request waiting for its group, and where its answer goes.
struct Job {
    request: Request,
    reply: oneshot::Sender<Result<Registered>>,
}

/// Per queue ([`queue_of`]: an event, or on SQLite all events), the requests waiting for the
/// next group. A queue has an entry exactly while a task is storing its groups (the entry may
/// then be empty); the task removes it when it finds no more requests, so the next request
/// starts a new task.
struct Queues<J = Job>(Mutex<HashMap<i32, Vec<J>>>);

impl<J> Default for Queues<J> {
    fn default() -> Self {
        Self(Mutex::default())
    }
}

impl<J> Queues<J> {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, Vec<J>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts a job in its queue: `Some(true)` when the queue was new and a task must be started
    /// for it, `None` (and the job dropped) when [`MAX_WAITING`] jobs wait in it already.
    fn join(&self, key: i32, job: J) -> Option<bool> {
        let mut queues = self.lock();
        match queues.entry(key) {
            Entry::Occupied(waiting) => {
                let waiting = waiting.into_mut();
                if waiting.len() >= MAX_WAITING {
                    return None;
                }
                waiting.push(job);
                Some(false)
            }
            Entry::Vacant(entry) => {
                entry.insert(vec![job]);
                Some(true)
            }
        }
    }

    /// The next group of a queue, or `None` (and the entry removed) when none is waiting.
    fn next_group(&self, key: i32, max: usize) -> Option<Vec<J>> {
        let mut queues = self.lock();
        let waiting = queues.get_mut(&key)?;
        if waiting.is_empty() {
            queues.remove(&key);
            return None;
        }
        let n = waiting.len().min(max);
        Some(waiting.drain(..n).collect())
    }
}

/// Requests that wait in one queue at most; more are refused with [`Error::Busy`] (503 and
/// `Retry-After`), so that a flood the database cannot keep up with costs a bounded amount of
/// memory (a request is well under a kilobyte) instead of growing without end.
const MAX_WAITING: usize = 1024;

/// Takes registrations in groups per event; one per instance, shared by its handlers.
#[derive(Clone)]
pub struct Batcher {
    queues: Arc<Queues>,
    max: usize,
    counts: Arc<Counts>,
}

/// How many groups this instance committed, and how many registrations they held.
#[derive(Default, Debug)]
struct Counts {
    groups: AtomicU64,
    registrations: AtomicU64,
}

impl std::fmt::Debug for Batcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher")
            .field("max", &self.max)
            .finish_non_exhaustive()
    }
}

impl Batcher {
    /// Groups of at most `max` registrations; `max` of 0 or 1 stores each on its own.
    #[must_use]
    pub fn new(max: usize) -> Self {
        Self {
            queues: Arc::default(),
            max: max.max(1),
            counts: Arc::default(),
        }
    }

    /// Groups committed by this instance, and the requests they held (for `/metrics`).
    #[must_use]
    pub fn counts(&self) -> (u64, u64) {
        (
            self.counts.groups.load(Ordering::Relaxed),
            self.counts.registrations.load(Ordering::Relaxed),
        )
    }

    /// Registers as [`super::register`] does, with the same answers and errors, in a group
    /// with the requests for the same event that arrive meanwhile.
    ///
    /// # Errors
    /// As [`super::register`].
    #[expect(clippy::too_many_arguments, reason = "the arguments of `register`")]
    pub async fn register(
        &self,
        db: &DatabaseConnection,
        event: &Event,
        input: RegistrationInput,
        page_lang: Lang,
        by: Registrant,
        hold: Hold,
        now: DateTime<Utc>,
    ) -> Result<Registered> {
        if self.max == 1 {
            return super::register(db, event, input, page_lang, by, hold, now).await;
        }
        let request = super::prepare(event, input, page_lang, by, hold, now)?;
        let event_id = event.id;
        let key = queue_of(db, event_id);
        let (reply, answer) = oneshot::channel();
        let Some(start) = self.queues.join(key, Job { request, reply }) else {
            tracing::warn!(
                waiting = MAX_WAITING,
                "registrations are arriving faster than they are stored; refused for now"
            );
            return Err(Error::Busy);
        };
        if start {
            let task = Task {
                queues: self.queues.clone(),
                key,
                finished: false,
            };
            let db = db.clone();
            let max = self.max;
            let counts = self.counts.clone();
            tokio::spawn(async move {
                while let Some(group) = task.queues.next_group(key, max) {
                    let size = group.len() as u64;
                    if store(&db, group).await {
                        counts.groups.fetch_add(1, Ordering::Relaxed);
                        counts.registrations.fetch_add(size, Ordering::Relaxed);
                    }
                }
                task.finish();
            });
        }
        answer.await.unwrap_or_else(|_| {
            Err(Error::Internal(anyhow::anyhow!(
                "the registration group for event {event_id} stopped"
            )))
        })
    }
}

/// The task storing an event's groups. Should it end early (a panic, a runtime shutting
/// down), its entry goes, and with it the waiting requests, whose callers then get an error
/// instead of waiting for ever; the next request starts a new task.
struct Task {
    queues: Arc<Queues>,
    key: i32,
    finished: bool,
}

impl Task {
    fn finish(mut self) {
        self.finished = true;
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        if !self.finished {
            self.queues.lock().remove(&self.key);
        }
    }
}

/// The queue a request for `event_id` joins: its event's on PostgreSQL, where the events'
/// groups are stored side by side; on SQLite, which has one writer at a time, one for all
/// events ([`ONE_WRITER`]), so that its turns go to whole groups.
fn queue_of(db: &DatabaseConnection, event_id: i32) -> i32 {
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        ONE_WRITER
    } else {
        event_id
    }
}

/// The key of the one queue on SQLite; no event has this id.
const ONE_WRITER: i32 = 0;

/// Stores a group in one transaction, each request in a savepoint, and answers each; whether
/// the group was committed.
async fn store(db: &DatabaseConnection, group: Vec<Job>) -> bool {
    match store_all(db, &group).await {
        Ok(answers) => {
            for (job, answer) in group.into_iter().zip(answers) {
                if let Ok(done) = &answer {
                    super::log_registered(done, job.request.event_id);
                }
                // The caller may have gone; its registration stands all the same.
                let _ = job.reply.send(answer);
            }
            true
        }
        Err(e) => {
            tracing::error!(
                error = %e,
                registrations = group.len(),
                "a registration group failed; none of it was stored"
            );
            for job in group {
                let _ = job.reply.send(Err(Error::Internal(anyhow::anyhow!(
                    "the registration group failed: {e}"
                ))));
            }
            false
        }
    }
}

/// The answers of a group, all committed, or the error that stored none of them.
///
/// The group's leading [`Request::plain`] requests (up to the first that is not, or that
/// repeats an address of an earlier one for the same event) are first stored together
/// ([`super::attempt_together`]) in a savepoint; when they cannot be, the savepoint is rolled
/// back and they are stored one by one like the rest, each in a savepoint of its own.
async fn store_all(
    db: &DatabaseConnection,
    group: &[Job],
) -> std::result::Result<Vec<Result<Registered>>, sea_orm::DbErr> {
    let txn = db::write_txn(db).await?;
    let mut answers = Vec::with_capacity(group.len());
    let leading = plain_prefix(group);
    if leading.len() > 1 {
        let savepoint = txn.begin().await?;
        match super::attempt_together(&savepoint, &leading).await {
            Ok(Some(done)) => {
                savepoint.commit().await?;
                answers.extend(done.into_iter().map(Ok));
            }
            Ok(None) => savepoint.rollback().await?,
            Err(e) => {
                tracing::warn!(error = %e, "registrations could not be stored together; one by one");
                savepoint.rollback().await?;
            }
        }
    }
    for job in &group[answers.len()..] {
        let mut answer = Err(Error::Busy);
        for _ in 0..ATTEMPTS {
            let savepoint = txn.begin().await?;
            match super::attempt(&savepoint, &job.request).await {
                Ok(Some(done)) => {
                    savepoint.commit().await?;
                    answer = Ok(done);
                    break;
                }
                Ok(None) => savepoint.rollback().await?,
                Err(e) => {
                    savepoint.rollback().await?;
                    answer = Err(e);
                    break;
                }
            }
        }
        answers.push(answer);
    }
    txn.commit().await?;
    Ok(answers)
}

/// The leading requests of a group that may be stored together: plain, each address once
/// per event.
fn plain_prefix(group: &[Job]) -> Vec<&Request> {
    let mut seen = std::collections::HashSet::new();
    group
        .iter()
        .map(|job| &job.request)
        .take_while(|r| r.plain() && seen.insert((r.event_id, r.email().map(str::to_owned))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_takes_up_to_its_bound_and_then_refuses() {
        let queues = Queues::<u32>::default();
        assert_eq!(queues.join(1, 0), Some(true), "a new queue starts a task");
        for n in 1..MAX_WAITING {
            assert_eq!(queues.join(1, u32::try_from(n).unwrap()), Some(false));
        }
        assert_eq!(queues.join(1, 0), None, "full");
        assert_eq!(
            queues.join(2, 0),
            Some(true),
            "another queue is not affected"
        );
        let group = queues.next_group(1, 16).unwrap();
        assert_eq!(group, (0..16).collect::<Vec<u32>>(), "in arrival order");
        assert_eq!(queues.join(1, 0), Some(false), "room again");
    }
}
