//! The trivial client of the sink's ceiling: each connection sends one message after the other,
//! one command at a time and waiting for each reply, as the service's mail library does; what it
//! measures is the sink (and the loopback), not a mail library.

use std::io;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedReadHalf;

/// Sends messages of about `bytes` bytes over `connections` connections for `seconds` seconds
/// and prints the result.
pub async fn run(addr: &str, seconds: f64, connections: usize, bytes: usize) -> io::Result<()> {
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(seconds);
    let mut tasks = Vec::with_capacity(connections);
    for conn in 0..connections {
        let addr = addr.to_owned();
        tasks.push(tokio::spawn(async move {
            one_connection(&addr, conn, bytes, deadline).await
        }));
    }
    let mut mails = 0u64;
    for task in tasks {
        mails += task.await.map_err(io::Error::other)??;
    }
    let secs = start.elapsed().as_secs_f64();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a count of mails is far below 2^52"
    )]
    let per_second = mails as f64 / secs;
    println!(r#"RESULT {{"mails":{mails},"seconds":{secs:.3},"per_second":{per_second:.0}}}"#);
    Ok(())
}

async fn one_connection(
    addr: &str,
    conn: usize,
    bytes: usize,
    deadline: Instant,
) -> io::Result<u64> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut line = Vec::with_capacity(256);
    expect_reply(&mut reader, &mut line, b'2').await?;
    write.write_all(b"EHLO client\r\n").await?;
    expect_reply(&mut reader, &mut line, b'2').await?;
    let body = filler(bytes);
    let mut sent = 0u64;
    while Instant::now() < deadline {
        write
            .write_all(b"MAIL FROM:<ceiling@example.org>\r\n")
            .await?;
        expect_reply(&mut reader, &mut line, b'2').await?;
        write.write_all(b"RCPT TO:<sink@example.org>\r\n").await?;
        expect_reply(&mut reader, &mut line, b'2').await?;
        write.write_all(b"DATA\r\n").await?;
        expect_reply(&mut reader, &mut line, b'3').await?;
        let head = format!(
            "Message-ID: <ceiling-{conn}-{sent}@sink>\r\nFrom: ceiling@example.org\r\nTo: sink@example.org\r\nSubject: ceiling\r\n\r\n"
        );
        write.write_all(head.as_bytes()).await?;
        write.write_all(&body).await?;
        expect_reply(&mut reader, &mut line, b'2').await?;
        sent += 1;
    }
    write.write_all(b"QUIT\r\n").await?;
    Ok(sent)
}

/// Lines of 76 characters, as quoted-printable and base64 mail has, up to about `bytes`, and
/// the end of the message.
fn filler(bytes: usize) -> Vec<u8> {
    let line = [b'x'; 76];
    let mut body = Vec::with_capacity(bytes + 80);
    while body.len() + 78 <= bytes {
        body.extend_from_slice(&line);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b".\r\n");
    body
}

/// Reads one reply (all its lines) and checks that its code starts with `class`.
async fn expect_reply(
    reader: &mut BufReader<OwnedReadHalf>,
    line: &mut Vec<u8>,
    class: u8,
) -> io::Result<()> {
    loop {
        line.clear();
        if reader.read_until(b'\n', line).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if line.first() != Some(&class) {
            return Err(io::Error::other(format!(
                "unexpected reply: {}",
                String::from_utf8_lossy(line).trim_end()
            )));
        }
        // "250-..." goes on; "250 ..." is the last line of a reply.
        if line.get(3) != Some(&b'-') {
            return Ok(());
        }
    }
}
