//! A real SMTP server for the tests, on a free loopback port: it speaks enough of RFC 5321 for
//! lettre (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), records every message it accepts,
//! and can be taken down (the port closed, open connections dropped) or told to refuse mail.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

/// One accepted message.
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'static> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parsable message")
            .into_owned()
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    /// The reply to `MAIL FROM` while mail is refused, e.g. `550 5.7.1 not here`.
    refusal: Mutex<Option<String>>,
    arrived: Notify,
    /// Told whenever a connection closes.
    closed: Notify,
    /// Milliseconds to wait before accepting a message's data, as a distant server would.
    delay_ms: AtomicU64,
    /// Connections open now, and the most open at once.
    open: AtomicUsize,
    most_open: AtomicUsize,
}

pub struct SmtpServer {
    port: u16,
    shared: Arc<Shared>,
    running: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(accept(listener, shared.clone()));
        Self {
            port,
            shared,
            running: Mutex::new(Some(task)),
        }
    }

    /// `smtp://127.0.0.1:PORT` without TLS, as `mail.smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Closes the port and every open connection: connecting is refused until [`up`].
    pub fn down(&self) {
        if let Some(task) = self.running.lock().unwrap().take() {
            // Dropping the accept task drops the listener and aborts the connections.
            task.abort();
        }
    }

    /// Listens again on the same port.
    pub async fn up(&self) {
        let mut listener = None;
        for _ in 0..50 {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(l) => {
                    listener = Some(l);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let listener = listener.expect("bind the SMTP port again");
        let task = tokio::spawn(accept(listener, self.shared.clone()));
        *self.running.lock().unwrap() = Some(task);
    }

    /// Waits (a few seconds at most) until no connection is open any more, as after [`down`]:
    /// its sockets are closed then, and clients can see that.
    pub async fn wait_all_closed(&self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let closed = self.shared.closed.notified();
            if self.shared.open.load(Ordering::SeqCst) == 0 {
                return;
            }
            if tokio::time::timeout_at(deadline, closed).await.is_err() {
                return;
            }
        }
    }

    /// Refuses every message with this reply (`None`: accept again).
    pub fn refuse(&self, reply: Option<&str>) {
        *self.shared.refusal.lock().unwrap() = reply.map(str::to_owned);
    }

    /// Waits this long before accepting each message's data.
    pub fn delay_each(&self, delay: Duration) {
        let ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self.shared.delay_ms.store(ms, Ordering::Relaxed);
    }

    /// The most connections that were open at once.
    pub fn most_open(&self) -> usize {
        self.shared.most_open.load(Ordering::Relaxed)
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits (a few seconds at most) until `n` messages have arrived, for mail sent by a
    /// background task.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let arrived = self.shared.arrived.notified();
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.received();
            }
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.down();
    }
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        connections.spawn(serve(stream, shared.clone()));
        while connections.try_join_next().is_some() {}
    }
}

struct Open(Arc<Shared>);

impl Open {
    fn new(shared: Arc<Shared>) -> Self {
        let now = shared.open.fetch_add(1, Ordering::SeqCst) + 1;
        shared.most_open.fetch_max(now, Ordering::SeqCst);
        Self(shared)
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
        self.0.closed.notify_waiters();
    }
}

async fn serve(stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    let _open = Open::new(shared.clone());
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write
        .write_all(b"220 127.0.0.1 ESMTP Treffpunkt test server\r\n")
        .await?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: String = match verb.as_str() {
            "EHLO" => "250-127.0.0.1\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760".into(),
            "HELO" => "250 127.0.0.1".into(),
            "MAIL" => {
                let refusal = shared.refusal.lock().unwrap().clone();
                if let Some(refusal) = refusal {
                    refusal
                } else {
                    from = address(&command);
                    to.clear();
                    "250 2.1.0 OK".into()
                }
            }
            "RCPT" => {
                to.push(address(&command));
                "250 2.1.5 OK".into()
            }
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = Vec::new();
                loop {
                    line.clear();
                    if read.read_until(b'\n', &mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == b".\r\n" || line == b".\n" {
                        break;
                    }
                    // Dot-stuffing: a leading dot was doubled by the client.
                    let start = usize::from(line.first() == Some(&b'.'));
                    data.extend_from_slice(&line[start..]);
                }
                let delay = shared.delay_ms.load(Ordering::Relaxed);
                if delay > 0 {
                    tokio::time::sleep(Duration::from_millis(delay)).await;
                }
                shared.received.lock().unwrap().push(Received {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    data,
                });
                shared.arrived.notify_waiters();
                "250 2.0.0 queued".into()
            }
            "RSET" => {
                from.clear();
                to.clear();
                "250 2.0.0 OK".into()
            }
            "NOOP" => "250 2.0.0 OK".into(),
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => "502 5.5.2 command not recognised".into(),
        };
        write.write_all(reply.as_bytes()).await?;
        write.write_all(b"\r\n").await?;
    }
}

fn address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or_else(String::new, |(address, _)| address.to_owned())
}
