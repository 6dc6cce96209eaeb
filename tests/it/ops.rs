//! Health, metrics, the OpenAPI document, and migrating under concurrent starts.

use serde_json::json;

use crate::both;
use crate::support::app::json;
use crate::support::db::TestDb;
use crate::support::{Backend, TestApp};

/// The routes of `/api/v1` that DESIGN §5 names and this version serves.
const CONTRACT_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/events"),
    ("post", "/api/v1/events"),
    ("get", "/api/v1/events/{id}"),
    ("patch", "/api/v1/events/{id}"),
    ("post", "/api/v1/events/{id}/publish"),
    ("post", "/api/v1/events/{id}/cancel"),
    ("post", "/api/v1/events/{id}/series"),
    ("post", "/api/v1/events/{id}/advisers"),
    ("post", "/api/v1/events/{id}/slots"),
    ("get", "/api/v1/events/{id}/slots"),
];

async fn healthz_answers_and_metrics_count_requests_per_route(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    let health = app.get("/healthz").send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok\n");
    for _ in 0..3 {
        app.get("/api/v1/events").send().await.unwrap();
    }
    app.get("/api/v1/events/77").send().await.unwrap();

    let metrics = app.get("/metrics").send().await.unwrap();
    assert_eq!(metrics.status(), 200);
    assert!(
        metrics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = metrics.text().await.unwrap();
    assert!(
        text.contains(r#"http_requests_total{method="GET",route="/api/v1/events",status="200"} 3"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"http_requests_total{method="GET",route="/api/v1/events/{id}",status="404"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#"http_request_duration_seconds_count{method="GET",route="/api/v1/events"} 3"#
        ),
        "{text}"
    );
}
both!(healthz_answers_and_metrics_count_requests_per_route);

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document_and_every_documented_route_is_served() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (status, doc) = json(app.get("/api/openapi.json").send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.clone(), path.clone()))
        })
        .filter(|(method, _)| ["get", "post", "patch", "put", "delete"].contains(&method.as_str()))
        .collect();

    for (method, path) in CONTRACT_ROUTES {
        assert!(
            documented.iter().any(|(m, p)| m == method && p == path),
            "{method} {path} is served but missing from /api/openapi.json"
        );
    }
    // Every documented operation is really routed: the metrics name its route pattern.
    for (method, path) in &documented {
        let concrete = path.replace("{id}", "1");
        let request = app.client_request(method, &concrete);
        request.send().await.unwrap();
    }
    let metrics = app
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for (method, path) in &documented {
        let label = format!(r#"method="{}",route="{path}""#, method.to_uppercase());
        assert!(
            metrics.contains(&label),
            "{method} {path} is documented but not routed"
        );
    }
    assert!(!metrics.contains(r#"route="unmatched""#), "{metrics}");
}

/// API routes are added only through `utoipa_axum::routes!`, which documents them; a plain
/// `.route("/api/v1…")` anywhere in the web layer would escape the document.
#[test]
fn no_api_route_is_added_outside_the_documented_router() {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut stack = vec![web];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !source.contains(".route(\"/api/v1"),
                    "{} adds an /api/v1 route without documenting it",
                    path.display()
                );
            }
        }
    }
}

async fn instances_starting_at_once_migrate_safely(backend: Backend) {
    let db = TestDb::fresh(backend).await;

    let starts = (0..4).map(|_| {
        let url = db.url.clone();
        tokio::spawn(async move {
            let conn = treffpunkt::db::connect(&url, 2).await.unwrap();
            treffpunkt::db::migrate(&conn).await
        })
    });
    let mut results = Vec::new();
    for start in starts.collect::<Vec<_>>() {
        results.push(start.await.unwrap());
    }

    for result in results {
        result.unwrap();
    }
    let conn = treffpunkt::db::connect(&db.url, 2).await.unwrap();
    treffpunkt::db::migrate(&conn).await.unwrap();
    let n = <treffpunkt::entities::event::Entity as sea_orm::EntityTrait>::find()
        .all(&conn)
        .await
        .unwrap()
        .len();
    assert_eq!(n, 0);
}
both!(instances_starting_at_once_migrate_safely);

async fn the_error_envelope_has_a_stable_shape(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    let (status, body) = json(app.get("/api/v1/no/such/thing").send().await.unwrap()).await;
    let page = app.get("/no/such/page").send().await.unwrap();

    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"error": {"code": "not_found", "message": "not found", "fields": {}}})
    );
    assert_eq!(
        page.status(),
        404,
        "outside the API an unknown path is a page"
    );
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}
both!(the_error_envelope_has_a_stable_shape);
