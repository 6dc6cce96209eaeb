//! A fresh database per test, on SQLite or PostgreSQL.
//!
//! PostgreSQL is found through `TREFFPUNKT_TEST_POSTGRES` (a URL of a database the tests may use
//! to create others), else at 127.0.0.1:5432 (user `postgres`, trust auth). Where neither
//! answers, a throw-away cluster is started in a temporary folder and stopped when the test
//! process ends.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use sea_orm::{ConnectionTrait, Database};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that lives as long as this value (the SQLite file) or until the next test run
/// (PostgreSQL databases of finished test processes are dropped at the start of the next).
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A database that another `TestDb` owns.
    pub fn existing(url: String) -> Self {
        Self { url, _dir: None }
    }

    pub async fn fresh(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                Self {
                    url,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => {
                static COUNTER: AtomicU32 = AtomicU32::new(0);
                let admin = postgres_admin_url();
                let name = format!(
                    "tp_test_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed)
                );
                let conn = Database::connect(admin)
                    .await
                    .expect("connect to PostgreSQL");
                conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                Self {
                    url: with_database(admin, &name),
                    _dir: None,
                }
            }
        }
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(s, _)| s);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// The URL of an administrative database on the PostgreSQL server the tests use.
pub fn postgres_admin_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let url = if let Ok(url) = std::env::var("TREFFPUNKT_TEST_POSTGRES") {
            url
        } else if answers(SocketAddr::from(([127, 0, 0, 1], 5432))) {
            "postgres://postgres@127.0.0.1:5432/postgres".to_owned()
        } else {
            start_throwaway_cluster()
        };
        drop_leftovers(&url);
        url
    })
}

fn answers(addr: SocketAddr) -> bool {
    TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_ok()
}

/// Drops the databases of earlier test processes that have ended.
fn drop_leftovers(url: &str) {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let Ok(conn) = Database::connect(&url).await else {
                return;
            };
            let rows = conn
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Postgres,
                    "SELECT datname FROM pg_database WHERE datname LIKE 'tp\\_test\\_%'",
                ))
                .await
                .unwrap_or_default();
            for row in rows {
                let Ok(name) = row.try_get::<String>("", "datname") else {
                    continue;
                };
                let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
                let alive = pid.is_some_and(|p| {
                    p == std::process::id() || Path::new(&format!("/proc/{p}")).exists()
                });
                if !alive {
                    let _ = conn
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                }
            }
            conn.close().await.ok();
        });
    })
    .join()
    .ok();
}

fn pg_bin(name: &str) -> PathBuf {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect())
        .unwrap_or_default();
    if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut versions: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        versions.sort();
        candidates.extend(versions.into_iter().rev().map(|v| v.join("bin").join(name)));
    }
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("no PostgreSQL found: {name} is not installed (apt-get install postgresql)")
        })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// PostgreSQL refuses to run as root; run its tools as `postgres` then.
fn pg_command(root: bool, program: &Path) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

#[expect(
    clippy::zombie_processes,
    reason = "the watchdog outlives this process on purpose"
)]
fn start_throwaway_cluster() -> String {
    let root = is_root();
    let dir = tempfile::Builder::new()
        .prefix("treffpunkt-pg-")
        .tempdir()
        .expect("temp dir")
        .keep();
    if root {
        let ok = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "cannot hand {} to the postgres user", dir.display());
    }
    let data = dir.join("data");
    let status = pg_command(root, &pg_bin("initdb"))
        .args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "-D",
        ])
        .arg(&data)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run initdb");
    assert!(status.success(), "initdb failed");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let options = format!(
        "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        dir.display()
    );
    let status = pg_command(root, &pg_bin("pg_ctl"))
        .args(["-w", "-D"])
        .arg(&data)
        .args(["-o", &options, "-l"])
        .arg(dir.join("log"))
        .arg("start")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run pg_ctl");
    assert!(
        status.success(),
        "the throw-away PostgreSQL did not start; see {}/log",
        dir.display()
    );
    // Stop the cluster and remove its folder when this test process ends, however it ends.
    let watchdog = format!(
        "while [ -d /proc/{pid} ]; do sleep 1; done; {pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        pg_ctl = pg_bin("pg_ctl").display(),
        data = data.display(),
        dir = dir.display(),
    );
    let mut sh = if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", "sh", "-c", &watchdog]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", &watchdog]);
        c
    };
    sh.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the cluster's watchdog");
    eprintln!("started a throw-away PostgreSQL on 127.0.0.1:{port}");
    format!("postgres://postgres@127.0.0.1:{port}/postgres")
}
