//! A small SMS centre for the tests, on a free loopback port: it speaks enough SMPP 3.4 for the
//! app's client (`bind_transceiver`, `submit_sm`, `enquire_link`, `deliver_sm`, `unbind`), records every
//! segment it accepts, and can refuse binds, throttle submits (`ESME_RTHROTTLED`), drop the
//! connection on a submit, be taken down and up again, and send a reply from a phone.

use std::str::FromStr as _;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use rusmpp::pdus::{BindTransceiverResp, DeliverSm, SubmitSmResp};
use rusmpp::tlvs::TlvValue;
use rusmpp::tokio_codec::CommandCodec;
use rusmpp::types::{COctetString, OctetString};
use rusmpp::values::{DataCoding, GsmFeatures, Npi, Ton};
use rusmpp::{Command, CommandStatus, Pdu};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use tokio_util::codec::Framed;
use treffpunkt::sms::segments::{self, Coding};

pub const SYSTEM_ID: &str = "treffpunkt";
pub const PASSWORD: &str = "geheim";

/// One accepted segment.
#[derive(Clone, Debug)]
pub struct Segment {
    pub source: String,
    pub to: String,
    pub coding: Coding,
    /// Concatenation reference, count and number, when the message has several segments.
    pub part: Option<(u8, u8, u8)>,
    pub payload: Vec<u8>,
    pub reference: Option<u16>,
}

/// A message put together from its segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sms {
    /// E.164, with the `+`.
    pub to: String,
    pub coding: Coding,
    pub segments: usize,
    pub text: String,
    /// The `user_message_reference`: the same on every attempt of one message.
    pub reference: Option<u16>,
}

#[derive(Default)]
struct Shared {
    segments: Mutex<Vec<Segment>>,
    refuse_binds: AtomicBool,
    throttle: AtomicUsize,
    drop_on_submit: AtomicUsize,
    binds: AtomicUsize,
    replies: Mutex<Vec<(String, String)>>,
    next_id: AtomicUsize,
}

pub struct Smsc {
    port: u16,
    shared: Arc<Shared>,
    running: Mutex<Option<JoinHandle<()>>>,
}

impl Smsc {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMPP");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(accept(listener, shared.clone()));
        Self {
            port,
            shared,
            running: Mutex::new(Some(task)),
        }
    }

    /// `smpp://treffpunkt:geheim@127.0.0.1:PORT`, as `sms.smpp_url`.
    pub fn url(&self) -> String {
        format!("smpp://{SYSTEM_ID}:{PASSWORD}@127.0.0.1:{}", self.port)
    }

    /// Closes the port and every open connection.
    pub fn down(&self) {
        if let Some(task) = self.running.lock().unwrap().take() {
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
        let listener = listener.expect("bind the SMPP port again");
        let task = tokio::spawn(accept(listener, self.shared.clone()));
        *self.running.lock().unwrap() = Some(task);
    }

    /// Refuses every bind (`ESME_RBINDFAIL`) until told otherwise.
    pub fn refuse_binds(&self, refuse: bool) {
        self.shared.refuse_binds.store(refuse, Ordering::SeqCst);
    }

    /// Answers the next `n` submits with `ESME_RTHROTTLED`.
    pub fn throttle(&self, n: usize) {
        self.shared.throttle.store(n, Ordering::SeqCst);
    }

    /// Closes the connection, unanswered, on each of the next `n` submits.
    pub fn drop_on_submit(&self, n: usize) {
        self.shared.drop_on_submit.store(n, Ordering::SeqCst);
    }

    /// Successful binds so far.
    pub fn binds(&self) -> usize {
        self.shared.binds.load(Ordering::SeqCst)
    }

    /// A phone replies: sent to the next client that talks to us.
    pub fn reply_from(&self, phone: &str, text: &str) {
        self.shared
            .replies
            .lock()
            .unwrap()
            .push((phone.trim_start_matches('+').to_owned(), text.to_owned()));
    }

    /// Replies not yet delivered to a client.
    pub fn replies_waiting(&self) -> usize {
        self.shared.replies.lock().unwrap().len()
    }

    pub fn segments(&self) -> Vec<Segment> {
        self.shared.segments.lock().unwrap().clone()
    }

    /// The accepted messages, each put together from its segments, in the order their first
    /// segment arrived.
    pub fn messages(&self) -> Vec<Sms> {
        // Each message with the segments it has so far, by number.
        type Parts = Vec<(u8, Vec<u8>)>;
        let mut out: Vec<(Sms, Parts)> = Vec::new();
        for s in self.segments() {
            let Some((_, total, index)) = s.part else {
                out.push((
                    Sms {
                        to: format!("+{}", s.to),
                        coding: s.coding,
                        segments: 1,
                        text: segments::decode(s.coding, &s.payload),
                        reference: s.reference,
                    },
                    Vec::new(),
                ));
                continue;
            };
            let open = out.iter_mut().find(|(m, parts)| {
                m.to == format!("+{}", s.to)
                    && m.reference == s.reference
                    && m.segments == usize::from(total)
                    && parts.len() < m.segments
                    && parts.iter().all(|(i, _)| *i != index)
            });
            let entry = if let Some(entry) = open {
                entry
            } else {
                out.push((
                    Sms {
                        to: format!("+{}", s.to),
                        coding: s.coding,
                        segments: usize::from(total),
                        text: String::new(),
                        reference: s.reference,
                    },
                    Vec::new(),
                ));
                out.last_mut().unwrap()
            };
            entry.1.push((index, s.payload.clone()));
            if entry.1.len() == entry.0.segments {
                entry.1.sort_by_key(|(i, _)| *i);
                let bytes: Vec<u8> = entry.1.iter().flat_map(|(_, p)| p.clone()).collect();
                entry.0.text = segments::decode(entry.0.coding, &bytes);
            }
        }
        out.into_iter().map(|(m, _)| m).collect()
    }
}

impl Drop for Smsc {
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

fn answer(status: CommandStatus, sequence: u32, pdu: impl Into<Pdu>) -> Command {
    Command::new(status, sequence, pdu)
}

async fn serve(stream: TcpStream, shared: Arc<Shared>) {
    let mut framed = Framed::new(stream, CommandCodec::new());
    let mut bound = false;
    let mut sequence = 1_000_000_u32;
    while let Some(Ok(command)) = framed.next().await {
        let seq = command.sequence_number();
        let reply = match command.pdu() {
            Some(Pdu::BindTransceiver(bind)) => {
                let right =
                    bind.system_id.as_str() == SYSTEM_ID && bind.password.as_str() == PASSWORD;
                if shared.refuse_binds.load(Ordering::SeqCst) || !right {
                    answer(
                        CommandStatus::EsmeRbindfail,
                        seq,
                        BindTransceiverResp::default(),
                    )
                } else {
                    bound = true;
                    shared.binds.fetch_add(1, Ordering::SeqCst);
                    answer(
                        CommandStatus::EsmeRok,
                        seq,
                        BindTransceiverResp::builder()
                            .system_id(COctetString::from_str("testsmsc").unwrap())
                            .build(),
                    )
                }
            }
            Some(Pdu::SubmitSm(submit)) => {
                if !bound {
                    answer(CommandStatus::EsmeRinvbndsts, seq, SubmitSmResp::default())
                } else if take_one(&shared.drop_on_submit) {
                    return;
                } else if take_one(&shared.throttle) {
                    answer(CommandStatus::EsmeRthrottled, seq, SubmitSmResp::default())
                } else {
                    shared.segments.lock().unwrap().push(segment(submit));
                    let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
                    answer(
                        CommandStatus::EsmeRok,
                        seq,
                        SubmitSmResp::builder()
                            .message_id(COctetString::from_str(&format!("msg-{id}")).unwrap())
                            .build(),
                    )
                }
            }
            Some(Pdu::EnquireLink) => answer(CommandStatus::EsmeRok, seq, Pdu::EnquireLinkResp),
            Some(Pdu::Unbind) => {
                let _ = framed
                    .send(answer(CommandStatus::EsmeRok, seq, Pdu::UnbindResp))
                    .await;
                return;
            }
            _ => continue,
        };
        // Replies from phones go out before the answer, as a centre may send them at any time.
        if bound {
            let replies: Vec<(String, String)> =
                std::mem::take(&mut *shared.replies.lock().unwrap());
            for (from, text) in replies {
                sequence += 1;
                let deliver = DeliverSm::builder()
                    .source_addr_ton(Ton::International)
                    .source_addr_npi(Npi::Isdn)
                    .source_addr(COctetString::from_str(&from).unwrap())
                    .destination_addr(COctetString::from_str("Treffpunkt").unwrap())
                    .data_coding(DataCoding::McSpecific)
                    .short_message(OctetString::from_vec(text.into_bytes()).unwrap())
                    .build();
                if framed
                    .send(answer(CommandStatus::EsmeRok, sequence, deliver))
                    .await
                    .is_err()
                {
                    return;
                }
            }
        }
        if framed.send(reply).await.is_err() {
            return;
        }
    }
}

fn take_one(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn segment(submit: &rusmpp::pdus::SubmitSm) -> Segment {
    let bytes = submit.short_message().as_ref().to_vec();
    let coding = if submit.data_coding == DataCoding::Ucs2 {
        Coding::Ucs2
    } else {
        Coding::Gsm7
    };
    let (part, payload) = if submit.esm_class.gsm_features == GsmFeatures::UdhiIndicator {
        assert_eq!(&bytes[..3], &[0x05, 0x00, 0x03], "a concatenation header");
        (Some((bytes[3], bytes[4], bytes[5])), bytes[6..].to_vec())
    } else {
        (None, bytes)
    };
    let reference = submit.tlvs().iter().find_map(|t| match t.value() {
        Some(TlvValue::UserMessageReference(r)) => Some(r.value),
        _ => None,
    });
    Segment {
        source: submit.source_addr.as_str().to_owned(),
        to: submit.destination_addr.as_str().to_owned(),
        coding,
        part,
        payload,
        reference,
    }
}
