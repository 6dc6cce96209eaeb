//! Admin pages: staff accounts, API tokens and the audit log. Staff without the admin role get
//! 403 here.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::events::FieldMessage;
use super::{AdminCtx, StaffCtx, StaffError, path_id};
use crate::error::Error;
use crate::i18n;
use crate::staff::audit::{self, Action};
use crate::staff::{self, Role};
use crate::web::form::{self, FormFields, Outcome};
use crate::web::pages::ser;

#[derive(Serialize)]
struct AccountRow {
    id: i32,
    name: String,
    email: String,
    role: &'static str,
    created_at: String,
    tokens: Vec<TokenRow>,
}

#[derive(Serialize)]
struct TokenRow {
    id: i32,
    label: String,
    created_at: String,
}

#[derive(Serialize, Default)]
struct NewAccount {
    email: String,
    name: String,
    role: String,
    /// The service point the account works in, and its role there; empty: none chosen.
    point: String,
    point_role: String,
}

struct Shown<'a> {
    values: &'a NewAccount,
    errors: &'a [FieldMessage],
    notice: Option<String>,
    new_token: Option<(i32, String)>,
}

async fn accounts_page(
    cx: &StaffCtx,
    shown: Shown<'_>,
    status: StatusCode,
) -> Result<Response, StaffError> {
    let tz = cx.state.config.office.timezone;
    let mut tokens: HashMap<i32, Vec<TokenRow>> = HashMap::new();
    for t in staff::api_tokens(&cx.state.db).await? {
        tokens.entry(t.staff_id).or_default().push(TokenRow {
            id: t.id,
            label: t.label,
            created_at: i18n::format_date_time(t.created_at, tz, cx.lang),
        });
    }
    let rows: Vec<AccountRow> = staff::accounts(&cx.state.db)
        .await?
        .into_iter()
        .map(|a| AccountRow {
            id: a.id,
            tokens: tokens.remove(&a.id).unwrap_or_default(),
            name: a.name,
            email: a.email,
            role: a.role.as_str(),
            created_at: i18n::format_date_time(a.created_at, tz, cx.lang),
        })
        .collect();
    let points: Vec<_> = staff::points::list(&cx.state.db, &cx.state.config.office)
        .await?
        .into_iter()
        .map(|p| context! { id => p.id.to_string(), name => p.name })
        .collect();
    let html = cx.render(
        "staff/accounts.html",
        "/staff/accounts",
        context! {
            accounts => ser(rows),
            points,
            values => ser(shown.values),
            errors => ser(shown.errors),
            notice => shown.notice,
            new_token => shown.new_token.as_ref().map(|(id, token)| context! { account => id, token }),
            min_password => staff::MIN_PASSWORD,
        },
    )?;
    Ok(super::no_store((status, html).into_response()))
}

/// `GET /staff/accounts`.
pub async fn accounts(AdminCtx(cx): AdminCtx) -> Result<Response, StaffError> {
    let values = NewAccount {
        role: Role::Staff.as_str().to_owned(),
        ..NewAccount::default()
    };
    accounts_page(
        &cx,
        Shown {
            values: &values,
            errors: &[],
            notice: None,
            new_token: None,
        },
        StatusCode::OK,
    )
    .await
}

/// `POST /staff/accounts`: adds a staff account; 303 back, or the page again with messages.
pub async fn add_account(
    AdminCtx(cx): AdminCtx,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let values = NewAccount {
        email: fields.text("email").unwrap_or_default(),
        name: fields.text("name").unwrap_or_default(),
        role: fields.text("role").unwrap_or_default(),
        point: fields.text("point").unwrap_or_default(),
        point_role: fields.text("point_role").unwrap_or_default(),
    };
    let password = fields.text("password").unwrap_or_default();
    let Some(role) = Role::parse(&values.role) else {
        return Err(StaffError(Error::BadRequest("unknown role".into())));
    };
    let point = match values.point.trim() {
        "" => None,
        id => {
            let id = id
                .parse()
                .map_err(|_| StaffError(Error::BadRequest("unknown service point".into())))?;
            let point_role = staff::points::PointRole::parse(&values.point_role)
                .unwrap_or(staff::points::PointRole::Staff);
            Some((id, point_role))
        }
    };
    let result = staff::add_to_point(
        &cx.state.db,
        cx.actor(),
        &values.email,
        &values.name,
        role,
        &password,
        point,
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(_) => Ok(Redirect::to("/staff/accounts").into_response()),
        Outcome::Again(again) => {
            let again = cx.shown(Some(&again), "staff-account-error-");
            accounts_page(
                &cx,
                Shown {
                    values: &values,
                    errors: &again.errors,
                    notice: again.notice,
                    new_token: None,
                },
                again.status,
            )
            .await
        }
    }
}

/// `POST /staff/accounts/{id}/tokens`: creates an API token and shows it once, on this
/// response only.
pub async fn create_token(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    let fields = fields?;
    let label = fields.text("label").unwrap_or_default();
    let values = NewAccount {
        role: Role::Staff.as_str().to_owned(),
        ..NewAccount::default()
    };
    match staff::create_token_for(&cx.state.db, cx.actor(), id, &label).await {
        Ok((_, token)) => {
            accounts_page(
                &cx,
                Shown {
                    values: &values,
                    errors: &[],
                    notice: None,
                    new_token: Some((id, token)),
                },
                StatusCode::OK,
            )
            .await
        }
        Err(Error::Invalid(_)) => {
            let notice = Some(cx.text("staff-token-label-required"));
            accounts_page(
                &cx,
                Shown {
                    values: &values,
                    errors: &[],
                    notice,
                    new_token: None,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(StaffError(e)),
    }
}

/// `POST /staff/tokens/{id}/revoke`.
pub async fn revoke_token(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    staff::revoke_token(&cx.state.db, cx.actor(), id).await?;
    Ok(Redirect::to("/staff/accounts").into_response())
}

#[derive(Serialize)]
struct AuditRow {
    at: String,
    who: String,
    action: String,
    event_id: Option<i32>,
    registration_id: Option<i32>,
    account_id: Option<i32>,
    token_id: Option<i32>,
    partner_id: Option<i32>,
}

/// The audit page's filters, as the form sends them; an empty field filters nothing.
#[derive(Deserialize, Default)]
pub struct AuditQuery {
    event: Option<String>,
    actor: Option<String>,
    staff: Option<String>,
    action: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// The options of a filter: value, label and whether it is the one chosen.
fn choices<T>(
    items: impl Iterator<Item = T>,
    of: impl Fn(T) -> (String, String, bool),
) -> Vec<Choice> {
    items
        .map(|item| {
            let (value, label, selected) = of(item);
            Choice {
                value,
                label,
                selected,
            }
        })
        .collect()
}

/// `GET /staff/audit`: the newest 500 entries of the audit log, filtered by event, by who
/// acted (a kind of actor, or one staff member) and by what was done.
pub async fn audit_log(
    AdminCtx(cx): AdminCtx,
    Query(query): Query<AuditQuery>,
) -> Result<Response, StaffError> {
    let accounts = staff::accounts(&cx.state.db).await?;
    let names: HashMap<i32, String> = accounts.iter().map(|a| (a.id, a.name.clone())).collect();
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut errors = crate::error::FieldErrors::new();
    let filter = audit::Filter {
        event_id: given(&query.event).and_then(|v| {
            v.parse()
                .map_err(|_| errors.add("event", "not_a_number", "must be a number"))
                .ok()
        }),
        actor: given(&query.actor).and_then(|v| {
            audit::ActorKind::parse(&v)
                .ok_or_else(|| errors.add("actor", "unknown", "unknown actor"))
                .ok()
        }),
        staff_id: given(&query.staff).and_then(|v| {
            v.parse()
                .map_err(|_| errors.add("staff", "not_a_number", "must be a number"))
                .ok()
        }),
        action: given(&query.action).and_then(|v| {
            Action::parse(&v)
                .ok_or_else(|| errors.add("action", "unknown", "unknown action"))
                .ok()
        }),
    };
    errors.into_result()?;
    let tz = cx.state.config.office.timezone;
    let rows: Vec<AuditRow> = audit::list(&cx.state.db, &filter, 500)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            at: e
                .at
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
            who: actor_text(&cx, e.actor, &names),
            action: cx.text(&format!("staff-audit-action-{}", e.action)),
            event_id: e.target.event_id,
            registration_id: e.target.registration_id,
            account_id: e.target.account_id,
            token_id: e.target.token_id,
            partner_id: e.target.partner_id,
        })
        .collect();
    let actors = choices(audit::ActorKind::ALL.iter(), |k| {
        let label = cx.text(&format!("staff-audit-actor-{k}"));
        (k.as_str().to_owned(), label, filter.actor == Some(*k))
    });
    let members = choices(accounts.iter(), |a| {
        let value = a.id.to_string();
        (value, a.name.clone(), filter.staff_id == Some(a.id))
    });
    let mut actions = choices(Action::ALL.iter(), |a| {
        let label = cx.text(&format!("staff-audit-action-{a}"));
        (a.as_str().to_owned(), label, filter.action == Some(*a))
    });
    actions.sort_by(|a, b| a.label.cmp(&b.label));
    cx.page(
        "staff/audit.html",
        "/staff/audit",
        context! {
            entries => ser(rows),
            event => filter.event_id,
            actors => ser(actors),
            members => ser(members),
            actions => ser(actions),
            filtered => filter != audit::Filter::default(),
        },
    )
}

/// Who acted, as the audit page says it.
fn actor_text(cx: &StaffCtx, actor: audit::Actor, names: &HashMap<i32, String>) -> String {
    let member = |id: i32| {
        names
            .get(&id)
            .map_or_else(|| format!("#{id}"), |n| format!("{n} (#{id})"))
    };
    match actor {
        audit::Actor::Staff(id) => member(id),
        audit::Actor::Token { staff_id, token_id } => i18n::text(
            cx.lang,
            "staff-audit-by-token",
            &[("who", member(staff_id).into()), ("token", token_id.into())],
        ),
        audit::Actor::Participant => cx.text("staff-audit-actor-participant"),
        audit::Actor::System => cx.text("staff-audit-actor-system"),
    }
}
