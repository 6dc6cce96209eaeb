//! Admin pages: staff accounts, API tokens and the audit log. Staff without the admin role get
//! 403 here.

use std::collections::HashMap;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::Serialize;

use super::events::{FieldMessage, field_messages};
use super::{AdminCtx, StaffCtx, StaffError, path_id};
use crate::error::Error;
use crate::i18n;
use crate::staff::audit::{self, Action, Target};
use crate::staff::{self, Role};
use crate::web::form::FormFields;
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
    for t in staff::api_tokens(&cx.state.db)
        .await
        .map_err(|e| cx.fail(e))?
    {
        tokens.entry(t.staff_id).or_default().push(TokenRow {
            id: t.id,
            label: t.label,
            created_at: i18n::format_date_time(t.created_at, tz, cx.lang),
        });
    }
    let rows: Vec<AccountRow> = staff::accounts(&cx.state.db)
        .await
        .map_err(|e| cx.fail(e))?
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
    let html = cx.render(
        "staff/accounts.html",
        "/staff/accounts",
        context! {
            accounts => ser(rows),
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
    let fields = fields.map_err(|e| cx.fail(e))?;
    let values = NewAccount {
        email: fields.text("email").unwrap_or_default(),
        name: fields.text("name").unwrap_or_default(),
        role: fields.text("role").unwrap_or_default(),
    };
    let password = fields.text("password").unwrap_or_default();
    let Some(role) = Role::parse(&values.role) else {
        return Err(cx.fail(Error::BadRequest("unknown role".into())));
    };
    match staff::add(&cx.state.db, &values.email, &values.name, role, &password).await {
        Ok(member) => {
            cx.audit(Action::AccountAdded, Target::account(member.id))
                .await?;
            Ok(Redirect::to("/staff/accounts").into_response())
        }
        Err(Error::Invalid(errors)) => {
            let errors = field_messages(&errors, cx.lang, "staff-account-error-");
            accounts_page(
                &cx,
                Shown {
                    values: &values,
                    errors: &errors,
                    notice: None,
                    new_token: None,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(Error::Conflict { code, .. }) => {
            let notice = Some(cx.text(&format!("staff-conflict-{code}")));
            accounts_page(
                &cx,
                Shown {
                    values: &values,
                    errors: &[],
                    notice,
                    new_token: None,
                },
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(cx.fail(e)),
    }
}

/// `POST /staff/accounts/{id}/tokens`: creates an API token and shows it once, on this
/// response only.
pub async fn create_token(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let id = path_id(&id).map_err(|e| cx.fail(e))?;
    let fields = fields.map_err(|e| cx.fail(e))?;
    let label = fields.text("label").unwrap_or_default();
    let values = NewAccount {
        role: Role::Staff.as_str().to_owned(),
        ..NewAccount::default()
    };
    match staff::create_token_for(&cx.state.db, id, &label).await {
        Ok((token_id, token)) => {
            cx.audit(Action::TokenCreated, Target::token(id, token_id))
                .await?;
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
        Err(e) => Err(cx.fail(e)),
    }
}

/// `POST /staff/tokens/{id}/revoke`.
pub async fn revoke_token(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    let id = path_id(&id).map_err(|e| cx.fail(e))?;
    let account = staff::revoke_token(&cx.state.db, id)
        .await
        .map_err(|e| cx.fail(e))?;
    cx.audit(Action::TokenRevoked, Target::token(account, id))
        .await?;
    Ok(Redirect::to("/staff/accounts").into_response())
}

#[derive(Serialize)]
struct AuditRow {
    at: String,
    staff: String,
    action: String,
    event_id: Option<i32>,
    registration_id: Option<i32>,
    account_id: Option<i32>,
    token_id: Option<i32>,
}

/// `GET /staff/audit`: the newest 500 entries of the audit log.
pub async fn audit_log(AdminCtx(cx): AdminCtx) -> Result<Response, StaffError> {
    let names: HashMap<i32, String> = staff::accounts(&cx.state.db)
        .await
        .map_err(|e| cx.fail(e))?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let tz = cx.state.config.office.timezone;
    let rows: Vec<AuditRow> = audit::recent(&cx.state.db, 500)
        .await
        .map_err(|e| cx.fail(e))?
        .into_iter()
        .map(|e| AuditRow {
            at: e
                .at
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
            staff: names.get(&e.staff_id).map_or_else(
                || format!("#{}", e.staff_id),
                |n| format!("{n} (#{})", e.staff_id),
            ),
            action: cx.text(&format!("staff-audit-action-{}", e.action)),
            event_id: e.target.event_id,
            registration_id: e.target.registration_id,
            account_id: e.target.account_id,
            token_id: e.target.token_id,
        })
        .collect();
    cx.page(
        "staff/audit.html",
        "/staff/audit",
        context! { entries => ser(rows) },
    )
}
