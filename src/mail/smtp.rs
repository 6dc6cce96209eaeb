//! A pool of SMTP connections for `smtp://` URLs, on lettre's connection API.
//!
//! lettre's own pool opens its sockets with Nagle's algorithm on, and it writes a message and
//! the `.` that ends it in two writes: the second then waits for the server to acknowledge the
//! first, which servers delay (40 ms on Linux), so every mail took that long on its connection
//! however fast the relay was. Here the socket is ours, opened with `TCP_NODELAY`, and lettre
//! speaks SMTP over it.
//!
//! At most `mail.smtp_connections` connections are open at once. A connection goes back to the
//! pool only after a message went through it; one that failed in any way is closed. A message
//! is never sent again from here: once its data went out the server may have taken it, so
//! whether to try again is the outbox's decision.

use std::borrow::Cow;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use lettre::Message;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{SMTP_PORT, SUBMISSION_PORT};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

use super::transport::SendError;

/// A connection idle for longer than this is asked (NOOP) whether it still stands before a
/// message goes over it. One used more recently is taken as it is, unless the server has
/// visibly closed it: asking before every mail would cost a round trip each.
const CHECK_AFTER: Duration = Duration::from_secs(5);

/// A connection idle for longer than this is closed when the outbox next looks for mail, as
/// lettre's pool did: a relay that counts connections per client should not see ours held open
/// through a quiet night.
const KEEP_IDLE: Duration = Duration::from_mins(1);

/// How long a polite QUIT to a connection being closed may take.
const QUIT_WITHIN: Duration = Duration::from_secs(2);

/// Whether the connection is upgraded with STARTTLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StartTls {
    /// `?tls=required`: a server that does not offer it gets no mail.
    Required,
    /// `?tls=opportunistic`: when the server offers it.
    IfOffered,
}

/// Where mail goes and how to log in: the parts of
/// `smtp://[user:password@]host[:port][/ehlo-name][?tls=required|opportunistic]`, read by the
/// rules of lettre's `from_url`, so that a URL means here what it meant there.
#[derive(Clone)]
pub struct Relay {
    host: String,
    port: u16,
    hello: ClientId,
    tls: Option<(StartTls, TlsParameters)>,
    credentials: Option<Credentials>,
}

impl std::fmt::Debug for Relay {
    // The credentials are left out; lettre's `Debug` of them shows nothing anyway.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Relay")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("hello", &self.hello)
            .field("starttls", &self.tls.as_ref().map(|(mode, _)| mode))
            .field("login", &self.credentials.is_some())
            .finish()
    }
}

impl Relay {
    /// Reads an `smtp://` URL: port 25 without TLS and 587 with it unless one is given, the path
    /// as the name sent with EHLO (else the host name), the user and password (percent-decoded)
    /// to log in with when both are there.
    ///
    /// # Errors
    /// Another scheme, no host, an unknown `tls` value, credentials that are not UTF-8, or TLS
    /// that cannot be set up. The message never repeats the URL, which may hold a password.
    pub fn parse(url: &url::Url) -> anyhow::Result<Self> {
        anyhow::ensure!(
            url.scheme() == "smtp",
            "mail.smtp_url: unknown scheme '{}'",
            url.scheme()
        );
        let host = match url.host() {
            Some(url::Host::Domain(name)) => name.to_owned(),
            Some(url::Host::Ipv4(address)) => address.to_string(),
            Some(url::Host::Ipv6(address)) => address.to_string(),
            None => anyhow::bail!("mail.smtp_url has no host"),
        };
        let tls = url
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value);
        let mode = match tls.as_deref() {
            None => None,
            Some("required") => Some(StartTls::Required),
            Some("opportunistic") => Some(StartTls::IfOffered),
            Some(other) => anyhow::bail!(
                "mail.smtp_url: unknown tls={other}; use required or opportunistic, or smtps://"
            ),
        };
        let port = url.port().unwrap_or(if mode.is_some() {
            SUBMISSION_PORT
        } else {
            SMTP_PORT
        });
        let tls = match mode {
            Some(mode) => Some((
                mode,
                TlsParameters::new(host.clone())
                    .map_err(|e| anyhow::anyhow!("mail.smtp_url: TLS cannot be set up: {e}"))?,
            )),
            None => None,
        };
        let hello = if url.path().len() > 1 {
            ClientId::Domain(url.path().trim_matches('/').to_owned())
        } else {
            ClientId::default()
        };
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(Cow::into_owned)
                .map_err(|_| anyhow::anyhow!("mail.smtp_url: credentials are not UTF-8"))
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        Ok(Self {
            host,
            port,
            hello,
            tls,
            credentials,
        })
    }

    /// Opens a connection ready for mail: greeted, STARTTLS as asked, logged in.
    async fn open(&self) -> Result<Connection, SendError> {
        let (stream, probe) = dial(&self.host, self.port)
            .await
            .map_err(|e| SendError::transient("connection", e))?;
        let mut smtp = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &self.hello)
            .await
            .map_err(SendError::from)?;
        if let Some((mode, parameters)) = &self.tls {
            // A server that does not offer STARTTLS refuses it here, and the connection is
            // dropped unused.
            if *mode == StartTls::Required || smtp.can_starttls() {
                smtp.starttls(parameters.clone(), &self.hello)
                    .await
                    .map_err(SendError::from)?;
            }
        }
        if let Some(credentials) = &self.credentials {
            smtp.auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(SendError::from)?;
        }
        Ok(Connection { smtp, probe })
    }
}

/// Connects with `TCP_NODELAY`, and keeps a second handle on the socket: lettre takes the
/// first, and the second lets the pool see, without a round trip, whether the server closed
/// the connection while it was idle.
async fn dial(host: &str, port: u16) -> std::io::Result<(TcpStream, std::net::TcpStream)> {
    let stream = TcpStream::connect((host, port)).await?;
    stream.set_nodelay(true)?;
    let stream = stream.into_std()?;
    let probe = stream.try_clone()?;
    Ok((TcpStream::from_std(stream)?, probe))
}

/// Whether anything, or the end, waits to be read on the socket. It is non-blocking (tokio made
/// it so, and both handles share that), so this returns at once.
fn closed(probe: &std::net::TcpStream) -> bool {
    !matches!(
        probe.peek(&mut [0; 1]),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
    )
}

/// One connection and the second handle on its socket; both are closed together.
struct Connection {
    smtp: AsyncSmtpConnection,
    probe: std::net::TcpStream,
}

impl Connection {
    /// Whether the server visibly ended the connection: it closed it, or said something on
    /// its own (such as `421` before closing an idle connection). Nothing to read means it
    /// stands, as far as one can tell without asking.
    fn closed_by_server(&self) -> bool {
        closed(&self.probe)
    }

    async fn quit(mut self) {
        let _ = tokio::time::timeout(QUIT_WITHIN, self.smtp.quit()).await;
    }
}

struct Idle {
    connection: Connection,
    since: Instant,
}

/// At most `size` connections to one relay, kept open between mails.
pub struct Pool {
    relay: Relay,
    timeout: Duration,
    /// One permit per connection that may be open; a sender holds one from taking a
    /// connection until it put it back or closed it.
    slots: Semaphore,
    idle: Mutex<Vec<Idle>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("relay", &self.relay)
            .field("free", &self.slots.available_permits())
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// A pool of at most `size` connections (at least one); `timeout` bounds opening a
    /// connection and each message. Nothing is connected yet.
    #[must_use]
    pub fn new(relay: Relay, size: u32, timeout: Duration) -> Self {
        let size = usize::try_from(size.max(1)).unwrap_or(1);
        Self {
            relay,
            timeout,
            slots: Semaphore::new(size),
            idle: Mutex::new(Vec::with_capacity(size)),
        }
    }

    /// Sends one message over a pooled connection, or a new one if none is free.
    ///
    /// # Errors
    /// The server refused the message (5xx permanent, 4xx transient), or could not be reached
    /// or did not answer in time; see [`SendError`].
    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|e| SendError::transient("connection", e))?;
        let mut connection = self.take().await?;
        let data = message.formatted();
        match tokio::time::timeout(
            self.timeout,
            connection.smtp.send(message.envelope(), &data),
        )
        .await
        {
            Ok(Ok(_)) => {
                self.put_back(connection);
                Ok(())
            }
            // lettre has already sent QUIT where the server refused; the connection is
            // dropped either way.
            Ok(Err(e)) => Err(SendError::from(e)),
            Err(_) => Err(SendError::transient(
                "timeout",
                format!(
                    "the SMTP server did not take the message within {} s",
                    self.timeout.as_secs()
                ),
            )),
        }
    }

    /// Closes the connections idle for longer than [`KEEP_IDLE`].
    pub async fn close_idle(&self) {
        let stale: Vec<Connection> = {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            let (stale, fresh): (Vec<Idle>, Vec<Idle>) =
                idle.drain(..).partition(|i| i.since.elapsed() > KEEP_IDLE);
            *idle = fresh;
            stale.into_iter().map(|i| i.connection).collect()
        };
        futures_util::future::join_all(stale.into_iter().map(Connection::quit)).await;
    }

    /// The most recently used idle connection that still stands, else a new one.
    async fn take(&self) -> Result<Connection, SendError> {
        loop {
            let idle = self
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            let Some(Idle {
                mut connection,
                since,
            }) = idle
            else {
                break;
            };
            if connection.closed_by_server() {
                tracing::debug!("the SMTP server closed an idle connection; it is replaced");
                continue;
            }
            if since.elapsed() < CHECK_AFTER {
                return Ok(connection);
            }
            let noop = tokio::time::timeout(self.timeout, connection.smtp.test_connected());
            if matches!(noop.await, Ok(true)) {
                return Ok(connection);
            }
            tracing::debug!("an idle SMTP connection did not answer NOOP; it is replaced");
        }
        tokio::time::timeout(self.timeout, self.relay.open())
            .await
            .map_err(|_| {
                SendError::transient(
                    "timeout",
                    format!("no SMTP connection within {} s", self.timeout.as_secs()),
                )
            })?
    }

    fn put_back(&self, connection: Connection) {
        if connection.smtp.has_broken() {
            return;
        }
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Idle {
                connection,
                since: Instant::now(),
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relay(url: &str) -> anyhow::Result<Relay> {
        Relay::parse(&url::Url::parse(url)?)
    }

    #[test]
    fn the_url_gives_host_port_tls_hello_name_and_login_as_lettre_reads_it() {
        let plain = relay("smtp://relay.internal").unwrap();
        assert_eq!((plain.host.as_str(), plain.port), ("relay.internal", 25));
        assert!(plain.tls.is_none() && plain.credentials.is_none());
        assert_eq!(plain.hello, ClientId::default());

        let submission = relay("smtp://user:s%40cret@relay.internal?tls=required").unwrap();
        assert_eq!(submission.port, 587);
        assert_eq!(
            submission.tls.as_ref().map(|(mode, _)| *mode),
            Some(StartTls::Required)
        );
        assert_eq!(
            submission.credentials,
            Some(Credentials::new("user".into(), "s@cret".into()))
        );

        let named = relay("smtp://127.0.0.1:2525/mail.example.org?tls=opportunistic").unwrap();
        assert_eq!((named.host.as_str(), named.port), ("127.0.0.1", 2525));
        assert_eq!(named.hello, ClientId::Domain("mail.example.org".into()));
        assert_eq!(
            named.tls.as_ref().map(|(mode, _)| *mode),
            Some(StartTls::IfOffered)
        );

        // A user without a password does not log in, as with lettre.
        assert!(relay("smtp://user@relay").unwrap().credentials.is_none());
        assert_eq!(relay("smtp://[::1]:2525").unwrap().host, "::1");
    }

    #[test]
    fn a_url_that_cannot_be_used_is_refused_without_repeating_the_password() {
        for url in [
            "smtp://user:hunter2@relay?tls=always",
            "smtps://user:hunter2@relay",
            "http://user:hunter2@relay",
            "smtp://user:%FF@relay",
        ] {
            let error = relay(url).unwrap_err().to_string();
            assert!(!error.contains("hunter2"), "{error}");
        }
        let shown = format!("{:?}", relay("smtp://user:hunter2@relay").unwrap());
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[tokio::test]
    async fn connections_are_opened_with_tcp_nodelay() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();

        let (stream, _probe) = dial("127.0.0.1", port).await.unwrap();

        assert!(stream.nodelay().unwrap());
    }

    #[tokio::test]
    async fn the_second_handle_sees_a_connection_the_server_closed() {
        use tokio::io::AsyncReadExt as _;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (mut stream, probe) = dial("127.0.0.1", port).await.unwrap();
        let (server, _) = listener.accept().await.unwrap();
        assert!(!closed(&probe));

        drop(server);
        // Reading on the first handle waits until the close has arrived.
        assert_eq!(stream.read(&mut [0; 1]).await.unwrap(), 0);

        assert!(closed(&probe));
    }
}
