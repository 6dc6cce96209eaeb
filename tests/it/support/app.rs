//! The real app, on a free port, with its own database and mail folder.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Utc;
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use tokio::sync::oneshot;
use treffpunkt::Config;
use treffpunkt::entities::{audit_log, outbox, registration};
use treffpunkt::jobs::Jobs;
use treffpunkt::mail::DrainReport;
use treffpunkt::sms::SmsReport;
use treffpunkt::staff::Role;

use super::db::{Backend, TestDb};
use super::fixtures::cookie_client;
use super::smsc::Smsc;
use super::smtp::SmtpServer;

/// The password of every staff account the tests create.
pub const STAFF_PASSWORD: &str = "a-long-password";

pub struct TestApp {
    pub base: String,
    pub db: DatabaseConnection,
    pub config: Config,
    /// The app's periodic work; no scheduler runs, tests call `tick_at` with their own clock.
    pub jobs: Jobs,
    /// Woken by the app after changes; no sender listens unless a test starts one.
    pub wake: treffpunkt::mail::Wake,
    client: Client,
    /// Whether dropping this app checks that no due mail is left (see `support::outbox`):
    /// the instance that owns the database does.
    checks_outbox: bool,
    /// Set by [`TestApp::leaves_mail_in_the_outbox`].
    mail_may_stay: AtomicBool,
    _shutdown: oneshot::Sender<()>,
    _db: TestDb,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Self {
        Self::launch(TestDb::fresh(backend).await, adjust).await
    }

    async fn launch(test_db: TestDb, adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::default();
        config.server.addr = "127.0.0.1:0".parse().expect("addr");
        config.database.url = treffpunkt::config::Secret::new(test_db.url.clone());
        config.database.max_connections = 8;
        // Tests send many forms from one address; the limit test sets its own.
        config.limits.public_per_minute = 100_000;
        config.mail.file_dir = dir.path().join("mail");
        config.sms.file_dir = dir.path().join("sms");
        adjust(&mut config);
        Self::start(config, test_db, dir).await
    }

    /// An app that sends its mail to `smtp`, with links (`server.public_url`) that lead to it.
    pub async fn spawn_with_smtp(
        backend: Backend,
        smtp: &SmtpServer,
        adjust: impl FnOnce(&mut Config),
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        Self::spawn_with(backend, |config| {
            config.server.addr.set_port(port);
            config.server.public_url = format!("http://127.0.0.1:{port}");
            config.mail.smtp_url = treffpunkt::config::Secret::new(smtp.url());
            adjust(config);
        })
        .await
    }

    /// An app that sends its SMS to `smsc` (and its mail to files), with links that lead to it.
    pub async fn spawn_with_smsc(
        backend: Backend,
        smsc: &Smsc,
        adjust: impl FnOnce(&mut Config),
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        Self::spawn_with(backend, |config| {
            config.server.addr.set_port(port);
            config.server.public_url = format!("http://127.0.0.1:{port}");
            config.sms.smpp_url = treffpunkt::config::Secret::new(smsc.url());
            adjust(config);
        })
        .await
    }

    /// The app on a database that already exists (made by a test, migrated in part), which
    /// the app then owns.
    pub async fn on_database(test_db: TestDb) -> Self {
        Self::launch(test_db, |_| {}).await
    }

    /// A browser-like client (cookies, no redirects) signed in as the account `email`.
    pub async fn sign_in(&self, email: &str) -> Client {
        let client = cookie_client();
        let response = client
            .post(self.url("/staff/login"))
            .form(&[("email", email), ("password", STAFF_PASSWORD)])
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign in");
        client
    }

    /// Another instance of the service on this one's database and with its settings (the same
    /// SMTP server and public URL), on its own port, as when several instances share one
    /// PostgreSQL. It must not outlive `self`, which owns the database.
    pub async fn another_instance(&self) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = self.config.clone();
        config.server.addr.set_port(0);
        config.mail.file_dir = dir.path().join("mail");
        config.sms.file_dir = dir.path().join("sms");
        let test_db = TestDb::existing(config.database.url.expose().to_owned());
        let mut other = Self::start(config, test_db, dir).await;
        // The outbox is shared: the instance that owns the database checks it.
        other.checks_outbox = false;
        other
    }

    async fn start(mut config: Config, test_db: TestDb, dir: tempfile::TempDir) -> Self {
        let app = treffpunkt::build(config.clone())
            .await
            .expect("build app")
            .without_background_jobs();
        let port = app.port();
        config.server.addr.set_port(port);
        let db = app.db().clone();
        let jobs = app.jobs();
        let wake = app.mail_wake();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            rx.await.ok();
        }));
        Self {
            base: format!("http://127.0.0.1:{port}"),
            db,
            config,
            jobs,
            wake,
            client: Client::new(),
            checks_outbox: true,
            mail_may_stay: AtomicBool::new(false),
            _shutdown: tx,
            _db: test_db,
            _dir: dir,
        }
    }

    /// Sends the mail that is due now, as the app's sender would, and expects every message
    /// to go out (or to be passed over because it no longer applies).
    pub async fn deliver_due_mail(&self) -> DrainReport {
        let report = self
            .jobs
            .drain_at(Utc::now())
            .await
            .expect("deliver due mail");
        assert_eq!(
            (report.retried, report.failed, report.lost),
            (0, 0, 0),
            "every due mail goes out: {report:?}"
        );
        report
    }

    /// Sends the SMS that are due now and takes in the replies, and expects every one to go
    /// out (or to be passed over because it no longer applies).
    pub async fn deliver_due_sms(&self) -> SmsReport {
        let report = self
            .jobs
            .drain_sms_at(Utc::now())
            .await
            .expect("deliver due SMS");
        assert_eq!(
            (report.retried, report.failed, report.lost),
            (0, 0, 0),
            "every due SMS goes out: {report:?}"
        );
        report
    }

    /// Says that this test keeps due mail in the outbox on purpose (a mail server that is down,
    /// a sender that died), so that dropping the app does not fail the test for it.
    pub fn leaves_mail_in_the_outbox(&self) {
        self.mail_may_stay.store(true, Ordering::Relaxed);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(self.url(path))
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(self.url(path))
    }

    pub fn patch(&self, path: &str) -> RequestBuilder {
        self.client.patch(self.url(path))
    }

    pub fn client_request(&self, method: &str, path: &str) -> RequestBuilder {
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        self.client.request(method, self.url(path))
    }

    /// A staff account with an API token; returns the token.
    pub async fn staff_token(&self) -> String {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let email = format!("staff{n}@example.org");
        treffpunkt::staff::add(
            &self.db,
            &email,
            "Mitarbeiterin",
            Role::Staff,
            STAFF_PASSWORD,
        )
        .await
        .expect("add staff");
        treffpunkt::staff::create_token(&self.db, &email, "tests")
            .await
            .expect("create token")
    }

    /// Creates an event through the API and returns its JSON.
    pub async fn create_event(&self, token: &str, body: &Value) -> Value {
        let response = self
            .post("/api/v1/events")
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("send");
        let status = response.status();
        let json: Value = response.json().await.expect("json");
        assert_eq!(status, 201, "create event: {json}");
        json
    }

    /// Creates and publishes an event; returns its JSON.
    pub async fn published_event(&self, token: &str, body: &Value) -> Value {
        let created = self.create_event(token, body).await;
        let response = self
            .post(&format!("/api/v1/events/{}/publish", created["id"]))
            .bearer_auth(token)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        response.json().await.expect("json")
    }

    /// Creates and publishes an event with a staff token of its own; returns its JSON.
    pub async fn published(&self, body: &Value) -> Value {
        let token = self.staff_token().await;
        self.published_event(&token, body).await
    }

    /// Registers through the API; the status and the JSON answer.
    pub async fn register(&self, event: &Value, body: &Value) -> (u16, Value) {
        json(
            self.post(&format!("/api/v1/events/{}/registrations", event["id"]))
                .json(body)
                .send()
                .await
                .expect("send"),
        )
        .await
    }

    /// Registers through the API, which must answer 201; the new registration's JSON.
    pub async fn registered(&self, event: &Value, body: &Value) -> Value {
        let (status, created) = self.register(event, body).await;
        assert_eq!(status, 201, "register: {created}");
        created
    }

    /// The registration as stored.
    pub async fn registration(&self, id: impl Into<i64>) -> registration::Model {
        let id = i32::try_from(id.into()).expect("an id that fits i32");
        registration::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .expect("read registration")
            .unwrap_or_else(|| panic!("no registration {id}"))
    }

    /// The newest manage token queued for a registration: what its latest mail would carry.
    pub async fn token_for(&self, registration_id: impl Into<i64>) -> String {
        let id = i32::try_from(registration_id.into()).expect("an id that fits i32");
        let row = outbox::Entity::find()
            .filter(outbox::Column::RegistrationId.eq(id))
            .order_by_desc(outbox::Column::Id)
            .one(&self.db)
            .await
            .expect("read outbox")
            .unwrap_or_else(|| panic!("no mail queued for registration {id}"));
        let payload: Value = serde_json::from_str(&row.payload).expect("payload");
        payload["token"]
            .as_str()
            .unwrap_or_else(|| panic!("no token in {payload}"))
            .to_owned()
    }

    /// A new staff account with `role` and [`STAFF_PASSWORD`]; its email.
    pub async fn staff_account(&self, role: Role) -> String {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let email = format!("{}-member{n}@example.org", role.as_str());
        treffpunkt::staff::add(
            &self.db,
            &email,
            &format!("Beraterin {n}"),
            role,
            STAFF_PASSWORD,
        )
        .await
        .expect("add staff");
        email
    }

    /// A browser-like client (cookies, no redirects) signed in to a new account with `role`.
    pub async fn signed_in(&self, role: Role) -> Client {
        let client = cookie_client();
        let email = self.staff_account(role).await;
        let response = client
            .post(self.url("/staff/login"))
            .form(&[("email", email.as_str()), ("password", STAFF_PASSWORD)])
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign in");
        assert_eq!(response.headers()["location"], "/staff", "sign in");
        client
    }

    /// What was done on the staff pages, oldest first: each entry's action and registration.
    /// (Accounts made at the command line and the API's writes are logged under other actors.)
    pub async fn audit_log(&self) -> Vec<(String, Option<i32>)> {
        audit_log::Entity::find()
            .order_by_asc(audit_log::Column::Id)
            .all(&self.db)
            .await
            .expect("read audit log")
            .into_iter()
            .filter(|e| e.actor == "staff")
            .map(|e| (e.action, e.registration_id))
            .collect()
    }

    /// The actions in the audit log, oldest first.
    pub async fn audit_actions(&self) -> Vec<String> {
        self.audit_log().await.into_iter().map(|(a, _)| a).collect()
    }
}

impl Drop for TestApp {
    /// Fails the test if due mail is left in the outbox that the test neither delivered nor
    /// said it keeps. A test that already fails is not failed twice.
    fn drop(&mut self) {
        if !self.checks_outbox
            || self.mail_may_stay.load(Ordering::Relaxed)
            || std::thread::panicking()
        {
            return;
        }
        if let Some(left) = super::outbox::due_mail_left_at(self.config.database.url.expose()) {
            panic!("{left}");
        }
    }
}

/// The status and the JSON body of a response.
pub async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, value)
}
