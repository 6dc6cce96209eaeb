//! Operations endpoints: liveness, metrics, and the request metrics middleware.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};
use sea_orm::ConnectionTrait;

use super::AppState;

/// The app's own metrics recorder: one per app, so that several apps in one process (tests)
/// do not share counters.
pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    recorded: AtomicU64,
}

/// Histogram samples wait in the recorder until they are folded into the buckets; this often
/// they are folded without waiting for `/metrics` to be read, so that they stay bounded (without
/// it every request's duration was kept until the next scrape: without scrapes, for ever).
const UPKEEP_EVERY: u64 = 1024;

impl Metrics {
    /// # Errors
    /// The histogram buckets are invalid.
    pub fn new() -> anyhow::Result<Self> {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Full("http_request_duration_seconds".into()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
                ],
            )?
            .build_recorder();
        let handle = recorder.handle();
        Ok(Self {
            recorder,
            handle,
            recorded: AtomicU64::new(0),
        })
    }

    /// Runs `f` with this app's recorder, for code that records metrics.
    pub fn record(&self, f: impl FnOnce()) {
        metrics::with_local_recorder(&self.recorder, f);
        if self.recorded.fetch_add(1, Ordering::Relaxed) % UPKEEP_EVERY == UPKEEP_EVERY - 1 {
            self.handle.run_upkeep();
        }
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

/// Counts requests and their duration per route (the route pattern, never the concrete path,
/// which may hold a token).
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let seconds = start.elapsed().as_secs_f64();
    metrics.record(|| {
        metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
            .increment(1);
        metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route).record(seconds);
    });
    response
}

/// After a successful change (any method but GET and HEAD), wakes the mail sender: the change
/// may have queued mail, such as a confirm request that the participant is waiting for.
pub async fn wake_mail(
    State(wake): State<crate::mail::Wake>,
    request: Request,
    next: Next,
) -> Response {
    let safe = request.method().is_safe();
    let response = next.run(request).await;
    if !safe && (response.status().is_success() || response.status().is_redirection()) {
        wake.wake();
    }
    response
}

/// Liveness and database reachability.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
        }
    }
}

/// Prometheus text format. The outbox figures are read from the database at each scrape, so
/// every instance reports the same.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut text = state.metrics.handle.render();
    {
        use std::fmt::Write as _;
        let (groups, grouped) = state.registrations.counts();
        let _ = write!(
            text,
            "# HELP registration_groups_total Transactions that stored registrations (one or a group for one event), this instance.\n\
             # TYPE registration_groups_total counter\n\
             registration_groups_total {groups}\n\
             # HELP registration_grouped_total Registration requests stored in those transactions.\n\
             # TYPE registration_grouped_total counter\n\
             registration_grouped_total {grouped}\n"
        );
    }
    match crate::outbox::stats(&state.db, crate::outbox::Channel::Mail).await {
        Ok(outbox) => {
            use std::fmt::Write as _;
            let _ = write!(
                text,
                "# HELP mail_outbox_failed Mail given up after the last attempt or refused for good.\n\
                 # TYPE mail_outbox_failed gauge\n\
                 mail_outbox_failed {}\n\
                 # HELP mail_outbox_waiting Mail queued and not yet sent.\n\
                 # TYPE mail_outbox_waiting gauge\n\
                 mail_outbox_waiting {}\n",
                outbox.failed, outbox.waiting
            );
        }
        Err(e) => tracing::error!(error = %e, "metrics: cannot read the outbox"),
    }
    match crate::outbox::sms_totals(&state.db).await {
        Ok(sms) => {
            use std::fmt::Write as _;
            let _ = write!(
                text,
                "# HELP sms_sent_total SMS accepted by the SMS centre (or written to files).\n\
                 # TYPE sms_sent_total counter\n\
                 sms_sent_total {}\n\
                 # HELP sms_failed_total SMS given up after the last attempt or refused for good.\n\
                 # TYPE sms_failed_total counter\n\
                 sms_failed_total {}\n\
                 # HELP sms_segments_total Segments of the SMS sent: what the provider bills.\n\
                 # TYPE sms_segments_total counter\n\
                 sms_segments_total {}\n",
                sms.sent, sms.failed, sms.segments
            );
        }
        Err(e) => tracing::error!(error = %e, "metrics: cannot read the SMS outbox"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// Runs every request that may write (anything but GET and HEAD) to its end in its own task.
///
/// A client that disconnects makes the server drop the request's future; dropped half-way, a
/// write transaction would go back to the pool still open (its rollback only queued), and the
/// next request on that connection could commit its remains. Finishing the request instead
/// keeps every transaction whole; the answer is simply not delivered.
pub async fn finish_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    ) {
        return next.run(request).await;
    }
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(e) => {
            tracing::error!(error = %e, "request task failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_folded_into_the_buckets_on_the_way_are_all_counted() {
        let metrics = Metrics::new().unwrap();
        let n = 3 * UPKEEP_EVERY + 5;
        for i in 0..n {
            metrics.record(|| {
                #[expect(clippy::cast_precision_loss, reason = "small test values")]
                let seconds = (i % 7) as f64 / 1000.0;
                metrics::histogram!("http_request_duration_seconds", "route" => "/t")
                    .record(seconds);
            });
        }
        let text = metrics.handle.render();
        let count = text
            .lines()
            .find_map(|l| l.strip_prefix("http_request_duration_seconds_count{route=\"/t\"} "))
            .unwrap_or_else(|| panic!("no count in {text}"));
        assert_eq!(count, n.to_string());
    }
}
