//! Registrations for one event taken together: while one transaction for an event is being
//! committed, the requests for that event that arrive meanwhile wait, and are then stored in
//! the next transaction, together, each in a savepoint of its own.
//!
//! Why: every registration takes seats on its event's row, and that row stays locked until the
//! commit has been flushed to disk. One registration per transaction therefore caps a popular
//! event at one registration per commit flush (PostgreSQL at default durability: about 1 400
//! a second on a small machine). Taken together, one flush serves the whole group.
//!
//! What it keeps: each request is checked and stored exactly as [`super::register`] would do it
//! (the same [`super::attempt`]), in arrival order, so seats, waiting-list positions and the
//! one-registration-per-address rule come out the same; a request that fails (the event is
//! full, a concurrent registration with the same address) is rolled back to its savepoint
//! alone. What it costs: nothing is stored unless the whole group commits — when the commit
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

/// Per event, the requests waiting for the next group. An event has an entry exactly while a
/// task is storing its groups (the entry may then be empty); the task removes it when it finds
/// no more requests, so the next request starts a new task.
#[derive(Default)]
struct Queues(Mutex<HashMap<i32, Vec<Job>>>);

impl Queues {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, Vec<Job>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next group of an event, or `None` (and the entry removed) when none is waiting.
    fn next_group(&self, event_id: i32, max: usize) -> Option<Vec<Job>> {
        let mut queues = self.lock();
        let waiting = queues.get_mut(&event_id)?;
        if waiting.is_empty() {
            queues.remove(&event_id);
            return None;
        }
        let n = waiting.len().min(max);
        Some(waiting.drain(..n).collect())
    }
}

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
        let (reply, answer) = oneshot::channel();
        let start = {
            let mut queues = self.queues.lock();
            match queues.entry(event_id) {
                Entry::Occupied(waiting) => {
                    waiting.into_mut().push(Job { request, reply });
                    false
                }
                Entry::Vacant(entry) => {
                    entry.insert(vec![Job { request, reply }]);
                    true
                }
            }
        };
        if start {
            let task = Task {
                queues: self.queues.clone(),
                event_id,
                finished: false,
            };
            let db = db.clone();
            let max = self.max;
            let counts = self.counts.clone();
            tokio::spawn(async move {
                while let Some(group) = task.queues.next_group(event_id, max) {
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
    event_id: i32,
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
            self.queues.lock().remove(&self.event_id);
        }
    }
}

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
async fn store_all(
    db: &DatabaseConnection,
    group: &[Job],
) -> std::result::Result<Vec<Result<Registered>>, sea_orm::DbErr> {
    let txn = db::write_txn(db).await?;
    let mut answers = Vec::with_capacity(group.len());
    for job in group {
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
