//! The SMTP sink of the benchmarks, and a trivial client that measures how many mails the sink
//! itself takes, so that a mail figure of the service can be read against the sink's ceiling.
//!
//! ```text
//! smtp-sink serve 127.0.0.1:PORT RECEIVED_FILE
//! smtp-sink client 127.0.0.1:PORT SECONDS CONNECTIONS BYTES
//! ```
//!
//! `serve` accepts every message and drops it; for each one it appends a line
//! `MESSAGE-ID<TAB>BYTES` to `RECEIVED_FILE` (`-` for a message without one) before it answers
//! `250`, so the file tells which messages the server accepted, and how often. It stops on SIGTERM
//! or SIGINT.
//!
//! `client` sends messages of about `BYTES` bytes over `CONNECTIONS` connections for `SECONDS`
//! seconds, one command at a time as the service's mail library does, and prints one line
//! `RESULT {"mails":…,"seconds":…,"per_second":…}`.

mod client;
mod sink;

use std::process::ExitCode;

const USAGE: &str = "usage: smtp-sink serve ADDR RECEIVED_FILE\n       smtp-sink client ADDR SECONDS CONNECTIONS BYTES";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("smtp-sink: no runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["serve", addr, received] => runtime.block_on(sink::serve(addr, received)),
        ["client", addr, seconds, connections, bytes] => {
            match (seconds.parse(), connections.parse(), bytes.parse()) {
                (Ok(s), Ok(c), Ok(b)) if c > 0 => runtime.block_on(client::run(addr, s, c, b)),
                _ => Err(std::io::Error::other(USAGE)),
            }
        }
        _ => Err(std::io::Error::other(USAGE)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("smtp-sink: {e}");
            ExitCode::FAILURE
        }
    }
}
