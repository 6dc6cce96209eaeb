//! Pages and the stylesheet go out gzip-compressed to clients that take it: a page is a few
//! kilobytes of repetitive markup, a tenth of that compressed, which counts on a phone's
//! connection. Calendars compress themselves once per rendering (see `calendar.rs`).

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Smaller bodies gain less than the header costs.
const GZIP_FROM: usize = 1024;

/// Pages larger than this are sent as they are rather than held in memory twice.
const GZIP_UP_TO: usize = 4 * 1024 * 1024;

/// Compresses HTML and CSS answers for clients whose `Accept-Encoding` takes gzip.
pub async fn gzip_pages(request: Request, next: Next) -> Response {
    let accepts = super::calendar::accepts_gzip(request.headers());
    let response = next.run(request).await;
    let compressible = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("text/css"));
    if !compressible || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if !accepts {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, GZIP_UP_TO).await else {
        // Too large to hold, or the body failed: it cannot be sent as it was either.
        return Response::from_parts(parts, Body::empty());
    };
    match gzip(&bytes) {
        Some(compressed) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            parts
                .headers
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            Response::from_parts(parts, Body::from(compressed))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    if body.len() < GZIP_FROM {
        return None;
    }
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::fast(),
    );
    encoder.write_all(body).ok()?;
    let compressed = encoder.finish().ok()?;
    (compressed.len() < body.len()).then(|| Bytes::from(compressed))
}
