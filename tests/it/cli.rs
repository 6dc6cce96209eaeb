//! The `treffpunkt` command as staff use it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::both;
use crate::support::app::json;
use crate::support::db::TestDb;
use crate::support::{Backend, TestApp};

pub fn treffpunkt(db_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treffpunkt"))
        .args([
            "--config",
            concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml"),
        ])
        .args(args)
        .env("TREFFPUNKT__DATABASE__URL", db_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

async fn staff_add_and_token_create_give_a_token_that_the_api_accepts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let url = app.config.database.url.expose().to_owned();

    let added = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            treffpunkt(
                &url,
                &[
                    "staff",
                    "add",
                    "--email",
                    "Leyla@Example.org",
                    "--name",
                    "Leyla Demir",
                    "--role",
                    "admin",
                ],
                "ein-langes-passwort\n",
            )
        }
    })
    .await
    .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let created = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            treffpunkt(
                &url,
                &[
                    "token",
                    "create",
                    "--email",
                    "leyla@example.org",
                    "--label",
                    "Webseite",
                ],
                "",
            )
        }
    })
    .await
    .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let stdout = String::from_utf8(created.stdout).unwrap();
    let token = stdout.lines().last().unwrap();

    assert!(token.starts_with("tp_") && token.len() > 40, "{stdout}");
    let stored: Vec<String> =
        <treffpunkt::entities::api_token::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.token_hash)
            .collect();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token, "only the hash is stored");
    let (status, _) = json(
        app.get("/api/v1/events?status=draft")
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
}
both!(staff_add_and_token_create_give_a_token_that_the_api_accepts);

async fn staff_add_refuses_a_short_password_and_a_taken_email(backend: Backend) {
    let db = TestDb::fresh(backend).await;
    let url = db.url.clone();

    let (short, first, again) = tokio::task::spawn_blocking(move || {
        let args = ["staff", "add", "--email", "a@example.org", "--name", "A"];
        (
            treffpunkt(&url, &args, "kurz\n"),
            treffpunkt(&url, &args, "lang-genug-1234\n"),
            treffpunkt(&url, &args, "lang-genug-1234\n"),
        )
    })
    .await
    .unwrap();

    assert!(!short.status.success());
    assert!(
        String::from_utf8_lossy(&short.stderr)
            .contains("password: must have at least 10 characters")
    );
    assert!(first.status.success());
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
}
both!(staff_add_refuses_a_short_password_and_a_taken_email);

#[test]
fn a_bad_setting_stops_start_up_naming_the_key() {
    let run = |var: &str, value: &str| {
        Command::new(env!("CARGO_BIN_EXE_treffpunkt"))
            .args([
                "--config",
                concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml"),
                "migrate",
            ])
            .env(var, value)
            .output()
            .unwrap()
    };

    let bad_value = run("TREFFPUNKT__SERVER__ADDR", "nirgendwo");
    let unknown = run("TREFFPUNKT__MAIL__SMTP_HOST", "relay");
    let bad_zone = run("TREFFPUNKT__OFFICE__TIMEZONE", "Europe/Atlantis");

    for (output, key) in [
        (bad_value, "addr"),
        (unknown, "smtp_host"),
        (bad_zone, "timezone"),
    ] {
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr).to_lowercase();
        assert!(
            stderr.contains("invalid configuration") && stderr.contains(key),
            "{key}: {stderr}"
        );
    }
    let missing = Command::new(env!("CARGO_BIN_EXE_treffpunkt"))
        .args(["--config", "/nonexistent/treffpunkt.toml", "migrate"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn help_explains_every_command() {
    let help = Command::new(env!("CARGO_BIN_EXE_treffpunkt"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8(help.stdout).unwrap();
    for command in ["serve", "migrate", "staff", "token", "--config"] {
        assert!(text.contains(command), "{text}");
    }
    let staff = Command::new(env!("CARGO_BIN_EXE_treffpunkt"))
        .args(["staff", "add", "--help"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(staff.stdout)
            .unwrap()
            .contains("standard input")
    );
}

/// `serve` limits glibc's malloc arenas by starting itself again with `MALLOC_ARENA_MAX`; the
/// process id stays the one that was started, and a value already set is kept.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn serve_runs_with_two_malloc_arenas_in_the_process_that_was_started() {
    use std::time::{Duration, Instant};

    for (given, expected) in [
        (None, "MALLOC_ARENA_MAX=2"),
        (Some("4"), "MALLOC_ARENA_MAX=4"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_treffpunkt"));
        command
            .args([
                "--config",
                concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml"),
                "serve",
            ])
            .env_remove("MALLOC_ARENA_MAX")
            .env(
                "TREFFPUNKT__DATABASE__URL",
                format!("sqlite://{}/t.db?mode=rwc", dir.path().display()),
            )
            .env("TREFFPUNKT__SERVER__ADDR", "127.0.0.1:0")
            .env("TREFFPUNKT__MAIL__FILE_DIR", dir.path().join("mail"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(value) = given {
            command.env("MALLOC_ARENA_MAX", value);
        }
        let mut child = command.spawn().unwrap();
        let environ = format!("/proc/{}/environ", child.id());
        let deadline = Instant::now() + Duration::from_secs(20);
        let seen = loop {
            let vars = std::fs::read(&environ).unwrap_or_default();
            let vars: Vec<&[u8]> = vars.split(|b| *b == 0).collect();
            let arenas = vars
                .iter()
                .find(|v| v.starts_with(b"MALLOC_ARENA_MAX="))
                .map(|v| String::from_utf8_lossy(v).into_owned());
            if arenas.is_some() || Instant::now() > deadline {
                break arenas;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        std::thread::sleep(Duration::from_millis(300));
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(seen.as_deref(), Some(expected), "given {given:?}");
        assert!(running, "the started process serves");
    }
}
