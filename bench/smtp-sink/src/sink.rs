//! The server side: just enough SMTP for the service's mail library, with replies that suit
//! PIPELINING (they are written once the client has nothing more buffered, so a group of
//! commands gets one segment of replies back).

use std::io::{self, Write as _};
use std::sync::mpsc;

use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};

/// Accepts connections on `addr` until SIGTERM or SIGINT, and records every accepted message in
/// the file `received`.
pub async fn serve(addr: &str, received: &str) -> io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(received)?;
    let (tx, rx) = mpsc::channel::<String>();
    // One thread writes the file, so that sessions never wait for the disk; it writes what has
    // come in and flushes whenever the queue runs dry, so a line is on disk a moment after the
    // message was accepted.
    std::thread::spawn(move || write_received(&rx, file));
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = accepted?;
                // The replies are short and the client waits for each of them.
                stream.set_nodelay(true)?;
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Err(e) = session(stream, tx).await
                        && e.kind() != io::ErrorKind::UnexpectedEof
                        && e.kind() != io::ErrorKind::ConnectionReset
                    {
                        eprintln!("smtp-sink: session: {e}");
                    }
                });
            }
            _ = term.recv() => break,
            _ = int.recv() => break,
        }
    }
    Ok(())
}

fn write_received(rx: &mpsc::Receiver<String>, file: std::fs::File) {
    let mut out = io::BufWriter::with_capacity(64 * 1024, file);
    while let Ok(first) = rx.recv() {
        let mut ok = out.write_all(first.as_bytes()).is_ok();
        for line in rx.try_iter() {
            ok = ok && out.write_all(line.as_bytes()).is_ok();
        }
        if !(ok && out.flush().is_ok()) {
            eprintln!("smtp-sink: cannot write the file of received messages");
            return;
        }
    }
}

async fn session(stream: TcpStream, received: mpsc::Sender<String>) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::with_capacity(64 * 1024, read);
    let mut replies: Vec<u8> = b"220 sink ESMTP\r\n".to_vec();
    let mut line = Vec::with_capacity(1024);
    loop {
        if reader.buffer().is_empty() && !replies.is_empty() {
            write.write_all(&replies).await?;
            replies.clear();
        }
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or(&line).to_ascii_uppercase();
        match verb.as_slice() {
            b"EHLO" => {
                replies.extend_from_slice(
                    b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n",
                );
            }
            b"DATA" => {
                // The client sends the message only after this reply.
                replies.extend_from_slice(b"354 go ahead\r\n");
                write.write_all(&replies).await?;
                replies.clear();
                let (id, bytes) = read_message(&mut reader, &mut line).await?;
                let id = id.unwrap_or_else(|| "-".to_owned());
                // Recorded before the answer: a message the client saw accepted is in the file.
                if received.send(format!("{id}\t{bytes}\n")).is_err() {
                    return Err(io::Error::other("the file of received messages is closed"));
                }
                replies.extend_from_slice(b"250 queued\r\n");
            }
            b"QUIT" => {
                replies.extend_from_slice(b"221 bye\r\n");
                write.write_all(&replies).await?;
                return Ok(());
            }
            // HELO, MAIL, RCPT, RSET, NOOP and whatever else: accepted.
            _ => replies.extend_from_slice(b"250 ok\r\n"),
        }
    }
}

/// Reads a message up to the lone dot; returns its `Message-ID` and its size on the wire.
async fn read_message<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    line: &mut Vec<u8>,
) -> io::Result<(Option<String>, usize)> {
    let mut bytes = 0;
    let mut in_header = true;
    let mut id: Option<String> = None;
    let mut folding_id = false;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', line).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if line.as_slice() == b".\r\n" || line.as_slice() == b".\n" {
            return Ok((id, bytes));
        }
        bytes += n;
        if !in_header {
            continue;
        }
        let text = String::from_utf8_lossy(line);
        if text.trim().is_empty() {
            in_header = false;
        } else if text.starts_with([' ', '\t']) {
            // A folded header goes on in lines that start with white space.
            if folding_id && let Some(id) = id.as_mut() {
                id.push_str(text.trim());
            }
        } else {
            folding_id = false;
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("message-id")
            {
                id = Some(value.trim().to_owned());
                folding_id = true;
            }
        }
    }
}
