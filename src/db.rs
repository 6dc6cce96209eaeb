//! Connecting, migrating, and the one way to open a write transaction.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, PoisonError};
use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, Statement, TransactionOptions, TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The page cache of each SQLite connection: 512 KiB (a negative `cache_size` counts KiB).
/// SQLite's default of 2 000 KiB, once per connection of the pool, made up about a third of the
/// service's memory on a large database (80 instead of 50 MB, `bench/README.md`); the
/// operating system keeps the file's pages cached anyway.
const SQLITE_CACHE_SIZE: &str = "-512";
const STATEMENT_CACHE: usize = 16;

/// Opens the pool. A SQLite file and its folder are created on first use; SQLite runs in WAL
/// mode with foreign keys on and waits up to 10 s for the write lock.
///
/// # Errors
/// The database cannot be reached or the SQLite folder cannot be created.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_path(url)
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create the folder {}: {e}", dir.display()))?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        opts.map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .pragma("cache_size", SQLITE_CACHE_SIZE)
                .statement_cache_capacity(STATEMENT_CACHE)
        });
    }
    // Switching a new SQLite file to WAL needs a moment of exclusive access; instances that
    // start at the same moment wait for each other here instead of failing.
    let mut attempt = 0;
    loop {
        match Database::connect(opts.clone()).await {
            Ok(db) => return Ok(db),
            Err(e) if attempt < 40 && crate::error::is_busy(&e) => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.starts_with(":memory:")).then_some(path)
}

/// Brings the schema up to date, all pending migrations in one transaction. Instances that
/// start at the same time are serialised: on PostgreSQL by an advisory lock, on SQLite by the
/// write lock taken at `BEGIN IMMEDIATE`.
///
/// # Errors
/// A migration failed; nothing of that migration is kept.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    use treffpunkt_migrations::{Migrator, MigratorTrait};
    let txn = write_txn(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7873237412)")
            .await?;
    }
    Migrator::up(&*txn, None).await?;
    txn.commit().await
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so that a read followed by a write never fails half-way, and it first
/// waits for this process's turn to write (see [`write_turn`]).
///
/// # Errors
/// The connection failed or the write lock was not granted in time.
pub async fn write_txn(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    let turn = write_turn(db).await?;
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// How long a writer waits for its turn, as long as SQLite's own `busy_timeout`.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// On SQLite, this process's turn to write to the database file; `None` on PostgreSQL, whose
/// row locks let writers of different rows proceed together.
///
/// SQLite has one write lock per file. When the connections of the pool race for it, the
/// losers sleep in SQLite's busy handler (1, 2, 5, … up to 100 ms at a time) and wake up late
/// or in the wrong order, which under load makes p99 latencies of a second. Writers of one
/// process instead queue here, in order, and each holds the turn until its transaction ends;
/// the busy handler is left to settle contention with other processes. Autocommit writes on
/// the pool take the turn around their statement.
///
/// Held across an `.await` inside one write only: a writer that waits for a second turn while
/// holding one would wait for itself, so that ends in an error after [`TURN_TIMEOUT`] (as
/// SQLite's busy timeout would), not in a hang.
///
/// # Errors
/// The turn did not come within [`TURN_TIMEOUT`].
pub async fn write_turn(db: &DatabaseConnection) -> Result<Option<OwnedMutexGuard<()>>, DbErr> {
    let Some(lock) = sqlite_write_lock(db) else {
        return Ok(None);
    };
    match tokio::time::timeout(TURN_TIMEOUT, lock.lock_owned()).await {
        Ok(turn) => Ok(Some(turn)),
        Err(_) => Err(DbErr::Custom(crate::error::NO_TURN.to_owned())),
    }
}

/// The lock that stands for the write lock of one SQLite file, shared by every pool of this
/// process that opened the file (tests run several apps on one file).
fn sqlite_write_lock(db: &DatabaseConnection) -> Option<Arc<Mutex<()>>> {
    static LOCKS: LazyLock<std::sync::Mutex<HashMap<PathBuf, Arc<Mutex<()>>>>> =
        LazyLock::new(Default::default);
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename();
    let mut locks = LOCKS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(lock) = locks.get(file) {
        return Some(lock.clone());
    }
    let lock = Arc::new(Mutex::new(()));
    locks.insert(file.to_owned(), lock.clone());
    Some(lock)
}

/// A write transaction that holds this process's turn to write (SQLite) until it ends, by
/// commit, rollback or drop. Used like the [`DatabaseTransaction`] it wraps.
pub struct WriteTxn {
    // Dropped before the turn: a transaction dropped unfinished is rolled back first.
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl std::fmt::Debug for WriteTxn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteTxn").finish_non_exhaustive()
    }
}

impl WriteTxn {
    /// Commits, then hands the turn on.
    ///
    /// # Errors
    /// The commit failed.
    pub async fn commit(self) -> Result<(), DbErr> {
        let Self { txn, _turn: turn } = self;
        let result = txn.commit().await;
        drop(turn);
        result
    }

    /// Rolls back, then hands the turn on.
    ///
    /// # Errors
    /// The rollback failed.
    pub async fn rollback(self) -> Result<(), DbErr> {
        let Self { txn, _turn: turn } = self;
        let result = txn.rollback().await;
        drop(turn);
        result
    }
}

impl std::ops::Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }

    fn is_mock_connection(&self) -> bool {
        self.txn.is_mock_connection()
    }
}

#[cfg(test)]
mod tests {
    use super::{connect, sqlite_path, write_turn, write_txn};
    use crate::error::is_busy;

    /// A write lock held elsewhere (another process's connection, here a plain one of the same
    /// file) is recognised by SQLite's result code, whatever the message says.
    #[tokio::test]
    async fn a_busy_sqlite_is_recognised_by_its_code() {
        use sea_orm::{ConnectionTrait, Database};
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/busy.db?mode=rwc", dir.path().display());
        let holder = Database::connect(&url).await.unwrap();
        holder
            .execute_unprepared("CREATE TABLE t (x INTEGER)")
            .await
            .unwrap();
        let mut options = sea_orm::ConnectOptions::new(url.clone());
        options
            .max_connections(1)
            .map_sqlx_sqlite_opts(|o| o.busy_timeout(std::time::Duration::from_millis(10)));
        let waiter = Database::connect(options).await.unwrap();
        holder
            .execute_unprepared("PRAGMA locking_mode = EXCLUSIVE")
            .await
            .unwrap();
        holder
            .execute_unprepared("INSERT INTO t VALUES (1)")
            .await
            .unwrap();
        let err = waiter
            .execute_unprepared("INSERT INTO t VALUES (2)")
            .await
            .unwrap_err();
        assert!(is_busy(&err), "{err}");
        assert!(!is_busy(&sea_orm::DbErr::Custom(
            "database is locked".into()
        )));
        let other = waiter
            .execute_unprepared("INSERT INTO missing VALUES (1)")
            .await
            .unwrap_err();
        assert!(!is_busy(&other), "{other}");
    }

    #[tokio::test]
    async fn writers_of_one_sqlite_file_take_turns_also_across_pools() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/turns.db?mode=rwc", dir.path().display());
        let (a, b) = (
            connect(&url, 4).await.unwrap(),
            connect(&url, 4).await.unwrap(),
        );
        let wait = std::time::Duration::from_millis(100);

        let first = write_txn(&a).await.unwrap();
        assert!(
            tokio::time::timeout(wait, write_turn(&b)).await.is_err(),
            "no turn while another transaction writes"
        );
        first.commit().await.unwrap();
        let turn = tokio::time::timeout(wait, write_turn(&b)).await;
        assert!(matches!(turn, Ok(Ok(Some(_)))), "the turn was handed on");
    }

    #[tokio::test]
    async fn every_sqlite_connection_has_wal_and_a_small_page_cache() {
        use sea_orm::{ConnectionTrait, Statement};
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/pragmas.db?mode=rwc", dir.path().display());
        let db = connect(&url, 2).await.unwrap();
        for (pragma, expected) in [("journal_mode", "wal"), ("cache_size", "-512")] {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("PRAGMA {pragma}"),
                ))
                .await
                .unwrap()
                .unwrap();
            let value: String = row
                .try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|v| v.to_string()))
                .unwrap();
            assert_eq!(value, expected, "{pragma}");
        }
    }

    #[test]
    fn sqlite_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_path("sqlite://data/treffpunkt.db?mode=rwc"),
            Some("data/treffpunkt.db")
        );
        assert_eq!(sqlite_path("sqlite:/tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/x"), None);
    }
}
