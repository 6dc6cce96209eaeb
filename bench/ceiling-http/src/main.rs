//! A trivial axum server: `GET /` answers a short text. Its throughput with the benchmark's
//! client is the ceiling every HTTP figure is compared with.
//!   ceiling-http 127.0.0.1:PORT

use axum::{Router, routing::get};

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18190".to_owned());
    let app = Router::new().route("/", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
