//! The SMPP 3.4 client session: bind as transceiver (so that delivery receipts and replies
//! arrive on the same connection), `submit_sm` one segment at a time, answer the centre's
//! `enquire_link` and `deliver_sm`, and send our own `enquire_link` to keep an idle line open.
//! The PDUs are `rusmpp`'s; the session is this file. A broken line is dropped and bound anew
//! on the next send.

use std::str::FromStr as _;
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use rusmpp::pdus::{BindTransceiver, DeliverSm, DeliverSmResp, SubmitSm};
use rusmpp::tlvs::MessageSubmissionRequestTlvValue;
use rusmpp::tokio_codec::CommandCodec;
use rusmpp::types::{COctetString, OctetString};
use rusmpp::values::{
    DataCoding, EsmClass, InterfaceVersion, MessageType, Npi, RegisteredDelivery, Ton,
    UserMessageReference,
};
use rusmpp::{Command, CommandStatus, Pdu};
use tokio::net::TcpStream;
use tokio_util::codec::Framed;

use super::SendError;
use super::segments::{Coding, Encoded};

/// How long a connection, a bind or one answer may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Where the SMS centre is and how to bind: `smpp://system_id:password@host:port`.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub system_id: String,
    password: String,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("host", &self.host)
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    /// Reads `smpp://system_id:password@host:port` (port 2775 when left out).
    ///
    /// # Errors
    /// Another scheme, a missing host or system id, or a bad port; the message never
    /// repeats the URL, which holds a password.
    pub fn parse(url: &str) -> anyhow::Result<Self> {
        let rest = url
            .trim()
            .strip_prefix("smpp://")
            .ok_or_else(|| anyhow::anyhow!("sms.smpp_url must start with smpp://"))?;
        let (credentials, address) = rest
            .rsplit_once('@')
            .ok_or_else(|| anyhow::anyhow!("sms.smpp_url needs system_id:password@host"))?;
        let (system_id, password) = credentials.split_once(':').unwrap_or((credentials, ""));
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(std::borrow::Cow::into_owned)
                .map_err(|_| anyhow::anyhow!("sms.smpp_url: credentials are not UTF-8"))
        };
        let address = address.trim_end_matches('/');
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| anyhow::anyhow!("sms.smpp_url: the port is not a number"))?,
            ),
            None => (address, 2775),
        };
        anyhow::ensure!(!host.is_empty(), "sms.smpp_url needs a host");
        anyhow::ensure!(!system_id.is_empty(), "sms.smpp_url needs a system_id");
        Ok(Self {
            host: host.to_owned(),
            port,
            system_id: decode(system_id)?,
            password: decode(password)?,
        })
    }
}

/// What the centre told us on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A reply from a phone (mobile-originated), with its number in E.164 and its text.
    Reply { from: String, text: String },
    /// A delivery receipt for a message the centre accepted earlier.
    Receipt { message_id: String, delivered: bool },
}

/// One bound connection.
pub struct Session {
    framed: Framed<TcpStream, CommandCodec>,
    sequence: u32,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session")
    }
}

fn connection(detail: impl std::fmt::Display) -> SendError {
    SendError::transient("connection", detail)
}

fn octets<const MIN: usize, const MAX: usize>(
    text: &str,
    what: &str,
) -> Result<COctetString<MIN, MAX>, SendError> {
    COctetString::from_str(text).map_err(|e| SendError::permanent(what, format!("{e:?}")))
}

impl Session {
    /// Connects and binds as transceiver.
    ///
    /// # Errors
    /// The centre cannot be reached, or refuses the bind (wrong password, too many binds):
    /// both transient for the message, which waits for a later attempt.
    pub async fn bind(endpoint: &Endpoint) -> Result<Self, SendError> {
        let stream = tokio::time::timeout(
            TIMEOUT,
            TcpStream::connect((endpoint.host.as_str(), endpoint.port)),
        )
        .await
        .map_err(|_| SendError::transient("timeout", "connecting to the SMS centre"))?
        .map_err(connection)?;
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let mut session = Self {
            framed: Framed::new(stream, CommandCodec::new()),
            sequence: 0,
        };
        let bind = BindTransceiver::builder()
            .system_id(octets(&endpoint.system_id, "system_id")?)
            .password(octets(&endpoint.password, "password")?)
            .system_type(octets("", "system_type")?)
            .interface_version(InterfaceVersion::Smpp3_4)
            .addr_ton(Ton::Unknown)
            .addr_npi(Npi::Unknown)
            .address_range(octets("", "address_range")?)
            .build();
        let mut incoming = Vec::new();
        let answer = session
            .request(Pdu::BindTransceiver(bind), &mut incoming)
            .await?;
        if answer.status() != CommandStatus::EsmeRok {
            return Err(SendError::transient(
                "bind refused",
                format!("{:?}", answer.status()),
            ));
        }
        Ok(session)
    }

    /// Submits one message, segment by segment (with a concatenation header when there are
    /// several). `reference` tells the attempts of one message apart from other messages:
    /// it is the `user_message_reference` of every segment and the concatenation reference.
    /// Returns the centre's message ids.
    ///
    /// # Errors
    /// The centre refused a segment (`ESME_RTHROTTLED` and other temporary refusals are
    /// transient), or the line broke.
    pub async fn submit(
        &mut self,
        sender: &str,
        to: &str,
        encoded: &Encoded,
        reference: u16,
        incoming: &mut Vec<Incoming>,
    ) -> Result<Vec<String>, SendError> {
        let total = encoded.segments.len();
        let (source_ton, source_npi, source) =
            if sender.chars().all(|c| c.is_ascii_digit() || c == '+') {
                (
                    Ton::International,
                    Npi::Isdn,
                    sender.trim_start_matches('+'),
                )
            } else {
                (Ton::Alphanumeric, Npi::Unknown, sender)
            };
        let coding = match encoded.coding {
            Coding::Gsm7 => DataCoding::McSpecific,
            Coding::Ucs2 => DataCoding::Ucs2,
        };
        let mut ids = Vec::with_capacity(total);
        for (index, segment) in encoded.segments.iter().enumerate() {
            let mut body = Vec::with_capacity(segment.len() + 6);
            let mut esm = EsmClass::default();
            if total > 1 {
                // UDH: concatenated short message, 8-bit reference.
                let [_, low] = reference.to_be_bytes();
                body.extend([
                    0x05,
                    0x00,
                    0x03,
                    low,
                    u8::try_from(total).unwrap_or(u8::MAX),
                    u8::try_from(index + 1).unwrap_or(u8::MAX),
                ]);
                esm = esm.with_udhi_indicator();
            }
            body.extend_from_slice(segment);
            let short_message = OctetString::from_vec(body)
                .map_err(|e| SendError::permanent("segment", format!("{e:?}")))?;
            let submit = SubmitSm::builder()
                .source_addr_ton(source_ton)
                .source_addr_npi(source_npi)
                .source_addr(octets(source, "sms.sender")?)
                .dest_addr_ton(Ton::International)
                .dest_addr_npi(Npi::Isdn)
                .destination_addr(octets(to.trim_start_matches('+'), "recipient")?)
                .esm_class(esm)
                .registered_delivery(RegisteredDelivery::from(1))
                .data_coding(coding)
                .short_message(short_message)
                .push_tlv(MessageSubmissionRequestTlvValue::UserMessageReference(
                    UserMessageReference::new(reference),
                ))
                .build();
            let answer = self.request(Pdu::SubmitSm(submit), incoming).await?;
            match answer.status() {
                CommandStatus::EsmeRok => {
                    if let Some(Pdu::SubmitSmResp(resp)) = answer.pdu() {
                        ids.push(resp.message_id().as_str().to_owned());
                    }
                }
                status @ (CommandStatus::EsmeRthrottled
                | CommandStatus::EsmeRmsgqful
                | CommandStatus::EsmeRsyserr
                | CommandStatus::EsmeRsubmitfail) => {
                    return Err(SendError::transient(
                        "refused for now",
                        format!("{status:?}"),
                    ));
                }
                status => {
                    return Err(SendError::permanent("refused", format!("{status:?}")));
                }
            }
        }
        Ok(ids)
    }

    /// Asks whether the line still stands, and takes in what the centre sent meanwhile.
    ///
    /// # Errors
    /// The line broke.
    pub async fn enquire(&mut self, incoming: &mut Vec<Incoming>) -> Result<(), SendError> {
        self.request(Pdu::EnquireLink, incoming).await.map(|_| ())
    }

    /// Sends a request and waits for its answer, answering what the centre asks meanwhile.
    async fn request(
        &mut self,
        pdu: Pdu,
        incoming: &mut Vec<Incoming>,
    ) -> Result<Command, SendError> {
        self.sequence = self.sequence.wrapping_add(1).max(1);
        let sequence = self.sequence;
        self.framed
            .send(Command::new(CommandStatus::EsmeRok, sequence, pdu))
            .await
            .map_err(|e| connection(format!("{e:?}")))?;
        loop {
            let next = tokio::time::timeout(TIMEOUT, self.framed.next())
                .await
                .map_err(|_| SendError::transient("timeout", "waiting for the SMS centre"))?;
            let command = match next {
                None => return Err(connection("the SMS centre closed the connection")),
                Some(Err(e)) => return Err(connection(format!("{e:?}"))),
                Some(Ok(command)) => command,
            };
            if command.sequence_number() == sequence && is_response(&command) {
                return Ok(command);
            }
            self.answer(command, incoming).await?;
        }
    }

    /// Answers a request of the centre.
    async fn answer(
        &mut self,
        command: Command,
        incoming: &mut Vec<Incoming>,
    ) -> Result<(), SendError> {
        let sequence = command.sequence_number();
        let reply = match command.pdu() {
            Some(Pdu::DeliverSm(deliver)) => {
                incoming.extend(read_deliver(deliver));
                Some(Pdu::DeliverSmResp(DeliverSmResp::default()))
            }
            Some(Pdu::EnquireLink) => Some(Pdu::EnquireLinkResp),
            Some(Pdu::Unbind) => {
                let _ = self
                    .framed
                    .send(Command::new(
                        CommandStatus::EsmeRok,
                        sequence,
                        Pdu::UnbindResp,
                    ))
                    .await;
                return Err(connection("the SMS centre unbound"));
            }
            _ => None,
        };
        if let Some(reply) = reply {
            self.framed
                .send(Command::new(CommandStatus::EsmeRok, sequence, reply))
                .await
                .map_err(|e| connection(format!("{e:?}")))?;
        }
        Ok(())
    }
}

fn is_response(command: &Command) -> bool {
    command.id().is_response()
}

/// A `deliver_sm`: a delivery receipt (`id:… stat:DELIVRD`) or a reply from a phone.
fn read_deliver(deliver: &DeliverSm) -> Option<Incoming> {
    let bytes = deliver.short_message().as_ref();
    let coding = if deliver.data_coding == DataCoding::Ucs2 {
        Coding::Ucs2
    } else {
        Coding::Gsm7
    };
    if deliver.esm_class.message_type == MessageType::ShortMessageContainsMCDeliveryReceipt {
        let text = String::from_utf8_lossy(bytes);
        let field = |name: &str| {
            text.split_whitespace()
                .find_map(|part| part.strip_prefix(name))
                .map(str::to_owned)
        };
        return Some(Incoming::Receipt {
            message_id: field("id:")?,
            delivered: field("stat:").as_deref() == Some("DELIVRD"),
        });
    }
    let digits: String = deliver
        .source_addr
        .as_str()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return None;
    }
    let text = super::segments::decode(coding, bytes);
    Some(Incoming::Reply {
        from: format!("+{digits}"),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_gives_credentials_host_and_port() {
        let e = Endpoint::parse("smpp://treffpunkt:s%40cret@smsc.example.org:2776").unwrap();
        assert_eq!(
            (
                e.system_id.as_str(),
                e.password.as_str(),
                e.host.as_str(),
                e.port
            ),
            ("treffpunkt", "s@cret", "smsc.example.org", 2776)
        );
        assert_eq!(Endpoint::parse("smpp://a:b@h").unwrap().port, 2775);
        let error = Endpoint::parse("http://a:hunter2@h")
            .unwrap_err()
            .to_string();
        assert!(!error.contains("hunter2"), "{error}");
        assert!(Endpoint::parse("smpp://h:2775").is_err());
        assert!(!format!("{e:?}").contains("s@cret"));
    }
}
