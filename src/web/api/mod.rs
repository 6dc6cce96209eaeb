//! The JSON API under `/api/v1`, and its OpenAPI document generated from the handlers.

pub mod events;
pub mod messages;
pub mod registrations;
pub mod slots;

use axum::Json;
use axum::extract::State;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Treffpunkt API",
        description = "Events of the advice office: roundtables, information days and parents' evenings. \
                       Reading published events is public; changing them needs a staff token \
                       (`Authorization: Bearer …`, created with `treffpunkt token create`).",
    ),
    modifiers(&BearerAuth),
    components(schemas(crate::error::ErrorBody)),
    tags(
        (name = "events", description = "Create, change, publish, cancel and list events"),
        (name = "registrations", description = "Register for an event; staff list the registrations"),
        (name = "slots", description = "Advisers and counselling slots of parents' evenings"),
        (name = "messages", description = "Messages from staff to the participants of an event"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
    }
}

/// The API routes; every route is added here through `routes!`, so none can be missing from
/// the OpenAPI document.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(events::list_events, events::create_event))
        .routes(routes!(events::get_event, events::patch_event))
        .routes(routes!(events::publish_event))
        .routes(routes!(events::cancel_event))
        .routes(routes!(events::create_series))
        .routes(routes!(slots::create_adviser))
        .routes(routes!(slots::create_slots, slots::list_slots))
        .routes(routes!(
            registrations::create_registration,
            registrations::list_registrations
        ))
        .routes(routes!(registrations::export_csv))
        .routes(routes!(registrations::export_xlsx))
        .routes(routes!(messages::create_message))
}

/// The OpenAPI document of the API.
#[must_use]
pub fn openapi() -> utoipa::openapi::OpenApi {
    router().into_openapi()
}

pub async fn openapi_json(State(_): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}
