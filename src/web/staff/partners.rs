//! Partner organisations under `/staff/partners`, for admins and the leads of service points:
//! add an organisation to a point one leads, invite it to a further point, invite its people by
//! email and end a person's access. A lead sees only the organisations of the points they lead.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::context;
use serde::Serialize;

use super::events::FieldMessage;
use super::{LeadCtx, StaffCtx, StaffError, path_id};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::partner_accounts::{self, InviteInput, PartnerInfo, PartnerInput, PartnerKind};
use crate::staff::points::ServicePoint;
use crate::web::form::{self, Again, FormFields, Outcome};
use crate::web::pages::ser;

/// A partner as the list shows it.
#[derive(Serialize)]
struct PartnerRow {
    id: i32,
    name: String,
    kind: &'static str,
    code: String,
    points: Vec<String>,
}

/// A service point to choose.
#[derive(Serialize)]
struct PointOption {
    id: i32,
    name: String,
}

/// The new partner's fields, as typed.
#[derive(Serialize, Default)]
struct NewPartner {
    name: String,
    kind: String,
    code: String,
    point: String,
}

impl NewPartner {
    fn read(fields: &FormFields) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        Self {
            name: text("name"),
            kind: text("kind"),
            code: text("code"),
            point: text("point"),
        }
    }
}

fn point_names(info: &PartnerInfo, points: &[ServicePoint]) -> Vec<String> {
    info.points
        .iter()
        .map(|id| {
            points
                .iter()
                .find(|p| p.id == *id)
                .map_or_else(|| format!("#{id}"), |p| p.name.clone())
        })
        .collect()
}

/// The service points the member leads, by name: where they may add or invite a partner.
async fn led_points(cx: &StaffCtx) -> Result<Vec<ServicePoint>, StaffError> {
    Ok(cx
        .reachable_points()
        .await?
        .into_iter()
        .filter(|p| cx.user.scope.leads(p.id))
        .collect())
}

const KINDS: [PartnerKind; 4] = [
    PartnerKind::School,
    PartnerKind::Counselling,
    PartnerKind::Association,
    PartnerKind::Other,
];

async fn list_page(
    cx: &StaffCtx,
    values: &NewPartner,
    errors: &[FieldMessage],
    status: StatusCode,
) -> Result<Response, StaffError> {
    let all_points = crate::staff::points::list(&cx.state.db, &cx.state.config.office).await?;
    let rows: Vec<PartnerRow> = partner_accounts::list(&cx.state.db, &cx.user.scope)
        .await?
        .into_iter()
        .map(|info| PartnerRow {
            points: point_names(&info, &all_points),
            id: info.partner.id,
            name: info.partner.name.clone(),
            kind: info.kind.as_str(),
            code: info.partner.code.clone(),
        })
        .collect();
    let led: Vec<PointOption> = led_points(cx)
        .await?
        .into_iter()
        .map(|p| PointOption {
            id: p.id,
            name: p.name,
        })
        .collect();
    let html = cx.render(
        "staff/partners.html",
        "/staff/partners",
        context! {
            partners => ser(rows),
            points => ser(led),
            kinds => KINDS.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            values => ser(values),
            errors => ser(errors),
        },
    )?;
    Ok(super::no_store((status, html).into_response()))
}

/// `GET /staff/partners`.
pub async fn partners_page(LeadCtx(cx): LeadCtx) -> Result<Response, StaffError> {
    list_page(&cx, &NewPartner::default(), &[], StatusCode::OK).await
}

/// `POST /staff/partners`: adds a partner organisation to a point the member leads; 303 to its
/// page, or the list again with the messages.
pub async fn add_partner(
    LeadCtx(cx): LeadCtx,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let values = NewPartner::read(&fields?);
    let input = PartnerInput {
        name: values.name.clone(),
        kind: values.kind.clone(),
        code: values.code.clone(),
        point_id: values.point.trim().parse().ok(),
    };
    let result =
        partner_accounts::create(&cx.state.db, cx.actor(), &cx.user.scope, input, Utc::now()).await;
    match form::outcome(result)? {
        Outcome::Done(info) => {
            Ok(Redirect::to(&format!("/staff/partners/{}", info.partner.id)).into_response())
        }
        Outcome::Again(again) => {
            let shown = cx.shown(Some(&again), "staff-partner-error-");
            list_page(&cx, &values, &shown.errors, shown.status).await
        }
    }
}

/// A partner's person as the page lists them.
#[derive(Serialize)]
struct PersonRow {
    id: i32,
    name: String,
    email: String,
    state: &'static str,
    invited_until: Option<String>,
}

/// The invitation's fields, as typed.
#[derive(Serialize)]
struct NewPerson {
    name: String,
    email: String,
    lang: String,
}

impl NewPerson {
    fn read(fields: &FormFields) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        Self {
            name: text("name"),
            email: text("email"),
            lang: text("lang"),
        }
    }
}

async fn partner_page(
    cx: &StaffCtx,
    id: i32,
    values: &NewPerson,
    again: Option<&Again>,
) -> Result<Response, StaffError> {
    let info = partner_accounts::get(&cx.state.db, &cx.user.scope, id).await?;
    let all_points = crate::staff::points::list(&cx.state.db, &cx.state.config.office).await?;
    let now = Utc::now();
    let tz = cx.state.config.office.timezone;
    let people: Vec<PersonRow> = partner_accounts::people(&cx.state.db, id, now)
        .await?
        .into_iter()
        .map(|p| PersonRow {
            state: if p.ended {
                "ended"
            } else if p.active {
                "active"
            } else {
                "invited"
            },
            invited_until: p
                .invited_until
                .map(|at| i18n::format_date_time(at, tz, cx.lang)),
            id: p.id,
            name: p.name,
            email: p.email,
        })
        .collect();
    let more_points: Vec<PointOption> = led_points(cx)
        .await?
        .into_iter()
        .filter(|p| !info.points.contains(&p.id))
        .map(|p| PointOption {
            id: p.id,
            name: p.name,
        })
        .collect();
    let shown = cx.shown(again, "staff-partner-error-");
    let html = cx.render(
        "staff/partner.html",
        &format!("/staff/partners/{id}"),
        context! {
            partner => context! {
                id,
                name => info.partner.name.clone(),
                kind => info.kind.as_str(),
                code => info.partner.code.clone(),
                points => point_names(&info, &all_points),
                link => format!(
                    "{}/events?via={}",
                    cx.state.config.server.public_url.trim_end_matches('/'),
                    info.partner.code
                ),
            },
            people => ser(people),
            more_points => ser(more_points),
            values => ser(values),
            errors => ser(&shown.errors),
            notice => shown.notice,
            invitation_days => partner_accounts::INVITATION_DAYS,
        },
    )?;
    Ok(super::no_store((shown.status, html).into_response()))
}

/// `GET /staff/partners/{id}`: the organisation, its service points and its people.
pub async fn partner(LeadCtx(cx): LeadCtx, Path(id): Path<String>) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let values = NewPerson {
        name: String::new(),
        email: String::new(),
        lang: cx.lang.code().to_owned(),
    };
    partner_page(&cx, id, &values, None).await
}

/// `POST /staff/partners/{id}/invite`: invites a person by email (a new link for one invited
/// before); 303 back, or the page again with the messages.
pub async fn invite(
    LeadCtx(cx): LeadCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let values = NewPerson::read(&fields?);
    let input = InviteInput {
        name: values.name.clone(),
        email: values.email.clone(),
        lang: Lang::parse(&values.lang).unwrap_or(Lang::De),
    };
    let result = partner_accounts::invite(
        &cx.state.db,
        cx.actor(),
        &cx.user.scope,
        id,
        input,
        Utc::now(),
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(person) => Ok(Redirect::to(&format!(
            "/staff/partners/{id}?invited={person}#people"
        ))
        .into_response()),
        Outcome::Again(again) => partner_page(&cx, id, &values, Some(&again)).await,
    }
}

/// `POST /staff/partners/{id}/points` with `point`: invites the organisation to a further
/// service point the member leads; 303 back.
pub async fn add_point(
    LeadCtx(cx): LeadCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let point = path_id(fields?.get("point").unwrap_or_default())
        .map_err(|_| StaffError(Error::BadRequest("point must be a service point".into())))?;
    partner_accounts::add_point(
        &cx.state.db,
        cx.actor(),
        &cx.user.scope,
        id,
        point,
        Utc::now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/staff/partners/{id}")).into_response())
}

/// `POST /staff/partners/{id}/people/{person_id}/end`: ends a person's access; 303 back.
pub async fn end_access(
    LeadCtx(cx): LeadCtx,
    Path((id, person)): Path<(String, String)>,
) -> Result<Response, StaffError> {
    let (id, person) = (path_id(&id)?, path_id(&person)?);
    partner_accounts::end_access(
        &cx.state.db,
        cx.actor(),
        &cx.user.scope,
        id,
        person,
        Utc::now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/staff/partners/{id}#people")).into_response())
}
