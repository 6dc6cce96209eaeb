//! A real headless Chromium, driven over `WebDriver`: Debian's `chromium` and `chromium-driver`
//! (`.ci/run` installs them). The test starts its own chromedriver on a free loopback port and
//! stops it when done.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A running chromedriver in a process group of its own; on drop the group is stopped, so the
/// Chromium it started goes with it even when a session could not be closed.
pub struct ChromeDriver {
    child: Child,
    url: String,
    profiles: Vec<tempfile::TempDir>,
}

/// The screen a browser session emulates.
#[derive(Clone, Copy)]
pub enum Screen {
    Desktop,
    /// A phone 360 CSS pixels wide.
    Phone,
}

impl ChromeDriver {
    pub async fn start() -> Self {
        for program in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                std::path::Path::new(program).exists(),
                "{program} is missing: apt-get install chromium chromium-driver (.ci/run does)"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let driver = Self {
            child,
            url,
            profiles: Vec::new(),
        };
        let status = format!("{}/status", driver.url);
        for _ in 0..100 {
            if let Ok(response) = reqwest::get(&status).await
                && let Ok(body) = response.json::<Value>().await
                && body["value"]["ready"] == json!(true)
            {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not become ready on port {port}");
    }

    /// A new browser with a fresh profile; downloads land in the returned folder.
    pub async fn session(&mut self, screen: Screen) -> (Client, PathBuf) {
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--lang=de-DE".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut options = json!({ "binary": CHROMIUM });
        match screen {
            Screen::Desktop => args.push("--window-size=1280,1000".to_owned()),
            Screen::Phone => {
                options["mobileEmulation"] = json!({
                    "deviceMetrics": { "width": 360, "height": 780, "pixelRatio": 1.0, "touch": true }
                });
            }
        }
        options["args"] = json!(args);
        options["prefs"] = json!({
            "intl.accept_languages": "de-DE,de",
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
        });
        self.profiles.push(profile);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".to_owned(), options);
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("start a Chromium session");
        (client, downloads)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // Only the group this test started: its chromedriver and the browsers it launched.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Ends a browser session. A session whose connection to chromedriver is already gone has
/// ended too; that is reported, not failed, since what the test checks lies before. Every
/// other error fails.
pub async fn quit(browser: Client) {
    match browser.close().await {
        Ok(()) => {}
        Err(fantoccini::error::CmdError::Lost(e)) => {
            eprintln!("the browser session had already ended: {e}");
        }
        Err(e) => panic!("closing the browser session: {e}"),
    }
}

/// Where screenshots go: `target/test-artifacts/`.
pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&dir).expect("create target/test-artifacts");
    dir
}

/// Saves a PNG of what the browser shows.
pub async fn screenshot(browser: &Client, name: &str) {
    let png = browser.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(artifacts().join(format!("{name}.png")), png).expect("write screenshot");
}

/// Waits for a finished download whose name ends with `extension` and returns its bytes.
pub async fn downloaded(dir: &std::path::Path, extension: &str) -> Vec<u8> {
    for _ in 0..100 {
        let done = std::fs::read_dir(dir)
            .expect("read downloads")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == extension));
        if let Some(path) = done {
            return std::fs::read(path).expect("read download");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no .{extension} was downloaded to {}", dir.display());
}
