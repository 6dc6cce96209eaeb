//! The service points under `/staff/points` (admins only): the list, a new point, and who
//! works in which with which role. Each change is written to the audit log with its actor.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::Serialize;

use super::events::FieldMessage;
use super::{AdminCtx, StaffCtx, StaffError, path_id};
use crate::error::Error;
use crate::staff::{self, points};
use crate::web::form::{self, FormFields, Outcome};
use crate::web::pages::ser;

/// A service point as the page lists it, with its people.
#[derive(Serialize)]
struct PointRow {
    id: i32,
    name: String,
    town: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    funder: String,
    members: Vec<MemberRow>,
}

#[derive(Serialize)]
struct MemberRow {
    id: i32,
    name: String,
    role: &'static str,
}

/// The new point's fields, as typed.
#[derive(Serialize, Default)]
struct NewPoint {
    name: String,
    town: String,
    address: String,
    phone: String,
    email: String,
    funder: String,
}

impl NewPoint {
    fn of(input: points::PointInput) -> Self {
        Self {
            name: input.name,
            town: input.town,
            address: input.address,
            phone: input.phone,
            email: input.email,
            funder: input.funder,
        }
    }

    fn read(fields: &FormFields) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        Self {
            name: text("name"),
            town: text("town"),
            address: text("address"),
            phone: text("phone"),
            email: text("email"),
            funder: text("funder"),
        }
    }

    fn input(&self) -> points::PointInput {
        points::PointInput {
            name: self.name.clone(),
            town: self.town.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            funder: self.funder.clone(),
        }
    }
}

async fn points_page(
    cx: &StaffCtx,
    values: &NewPoint,
    errors: &[FieldMessage],
    status: StatusCode,
) -> Result<Response, StaffError> {
    let accounts = staff::accounts(&cx.state.db).await?;
    let memberships = points::memberships(&cx.state.db).await?;
    let rows: Vec<PointRow> = points::list(&cx.state.db, &cx.state.config.office)
        .await?
        .into_iter()
        .map(|p| PointRow {
            members: memberships
                .iter()
                .filter(|(_, point, _)| *point == p.id)
                .filter_map(|(staff_id, _, role)| {
                    accounts
                        .iter()
                        .find(|a| a.id == *staff_id)
                        .map(|a| MemberRow {
                            id: a.id,
                            name: a.name.clone(),
                            role: role.as_str(),
                        })
                })
                .collect(),
            id: p.id,
            name: p.name,
            town: p.town,
            address: p.address,
            phone: p.phone,
            email: p.email,
            funder: p.funder,
        })
        .collect();
    let people: Vec<_> = accounts
        .iter()
        .filter(|a| a.role == staff::Role::Staff)
        .map(|a| context! { id => a.id, name => a.name.clone() })
        .collect();
    let html = cx.render(
        "staff/points.html",
        "/staff/points",
        context! {
            points => ser(rows),
            people,
            values => ser(values),
            errors => ser(errors),
        },
    )?;
    Ok(super::no_store((status, html).into_response()))
}

/// `GET /staff/points`.
pub async fn points_overview(AdminCtx(cx): AdminCtx) -> Result<Response, StaffError> {
    points_page(&cx, &NewPoint::default(), &[], StatusCode::OK).await
}

/// `POST /staff/points`: adds a service point; 303 back, or the page again with messages.
pub async fn add_point(
    AdminCtx(cx): AdminCtx,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let values = NewPoint::read(&fields?);
    let result = points::create(
        &cx.state.db,
        cx.actor(),
        values.input(),
        &cx.state.config.office,
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(point) => {
            Ok(Redirect::to(&format!("/staff/points#point-{}", point.id)).into_response())
        }
        Outcome::Again(again) => {
            let shown = cx.shown(Some(&again), "staff-point-error-");
            points_page(&cx, &values, &shown.errors, shown.status).await
        }
    }
}

/// `POST /staff/points/{id}/members` with `staff_id` and `role` (`staff`, `lead`, or empty to
/// take the account out of the point); 303 back to the point.
pub async fn set_member(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let point_id = path_id(&id)?;
    let fields = fields?;
    let staff_id = path_id(fields.get("staff_id").unwrap_or_default())
        .map_err(|_| StaffError(Error::BadRequest("staff_id must be an account".into())))?;
    let role = match fields.get("role").map(str::trim).unwrap_or_default() {
        "" => None,
        text => Some(
            points::PointRole::parse(text)
                .ok_or_else(|| StaffError(Error::BadRequest("unknown role".into())))?,
        ),
    };
    points::set_membership(&cx.state.db, cx.actor(), staff_id, point_id, role).await?;
    Ok(Redirect::to(&format!("/staff/points#point-{point_id}")).into_response())
}

fn edit_page(
    cx: &StaffCtx,
    id: i32,
    values: &NewPoint,
    errors: &[FieldMessage],
    status: StatusCode,
) -> Result<Response, StaffError> {
    let html = cx.render(
        "staff/point.html",
        &format!("/staff/points/{id}"),
        context! {
            id,
            values => ser(values),
            errors => ser(errors),
            office_funder => cx.state.config.office.funder.clone(),
        },
    )?;
    Ok(super::no_store((status, html).into_response()))
}

/// `GET /staff/points/{id}`: the form to change a service point.
pub async fn edit_point(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let values = NewPoint::of(points::stored(&cx.state.db, id).await?);
    edit_page(&cx, id, &values, &[], StatusCode::OK)
}

/// `POST /staff/points/{id}`: changes a service point; 303 to the list, or the form again
/// with the messages.
pub async fn update_point(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let values = NewPoint::read(&fields?);
    let result = points::update(
        &cx.state.db,
        cx.actor(),
        id,
        values.input(),
        &cx.state.config.office,
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(point) => {
            Ok(Redirect::to(&format!("/staff/points#point-{}", point.id)).into_response())
        }
        Outcome::Again(again) => {
            let shown = cx.shown(Some(&again), "staff-point-error-");
            edit_page(&cx, id, &values, &shown.errors, shown.status)
        }
    }
}
