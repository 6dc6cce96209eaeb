//! The pages of "tell me about new events": subscribing, the subscription's page (confirm,
//! change the filters) and the unsubscribe page, whose address also takes the one-click POST
//! of mail clients (RFC 8058).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use chrono::Utc;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::super::AppState;
use super::super::form::FormFields;
use super::super::pages::{PageLang, render, ser};
use super::{FieldMessage, PageResult, base, seven_languages, translate_errors};
use crate::alerts::{self, AlertInput, Subscription};
use crate::error::Error;
use crate::events::{Audience, Kind};
use crate::i18n::{self, Lang};

/// What the form shows.
#[derive(Serialize)]
struct AlertForm {
    values: AlertInput,
    errors: Vec<FieldMessage>,
}

fn input(fields: &FormFields) -> AlertInput {
    let text = |name: &str| fields.text(name).unwrap_or_default();
    AlertInput {
        email: text("email"),
        lang: text("lang"),
        kind: text("kind"),
        audience: text("audience"),
        language: text("language"),
        city: text("city"),
        consent: fields.checked("consent"),
    }
}

fn values_of(sub: &Subscription) -> AlertInput {
    let f = &sub.filters;
    AlertInput {
        email: String::new(),
        lang: sub.lang.code().to_owned(),
        kind: f.kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        audience: f
            .audience
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default(),
        language: f.language.map(|l| l.code().to_owned()).unwrap_or_default(),
        city: f.city.clone().unwrap_or_default(),
        consent: true,
    }
}

/// The form, new (no token) or of a subscription.
fn form_page(
    state: &AppState,
    lang: Lang,
    form: &AlertForm,
    subscription: Option<(&str, &Subscription)>,
    flash: Option<String>,
) -> Result<Html<String>, Error> {
    let path = match subscription {
        Some((token, _)) => format!("/alerts/{token}"),
        None => "/alerts".to_owned(),
    };
    render(
        "alerts.html",
        &base(state, lang, &path),
        context! {
            form => ser(form),
            token => subscription.map(|(t, _)| t.to_owned()),
            confirmed => subscription.is_some_and(|(_, s)| s.confirmed_at.is_some()),
            flash,
            kinds => Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            audiences => Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            filter_languages => ser(seven_languages()),
            unconfirmed_days => state.config.privacy.alert_unconfirmed_days,
        },
    )
}

/// A page with a message; with a token, the unsubscribe button and the way to the filters.
fn notice_page(
    state: &AppState,
    lang: Lang,
    path: &str,
    prefix: &str,
    token: Option<&str>,
) -> Result<Html<String>, Error> {
    render(
        "alerts_notice.html",
        &base(state, lang, path),
        context! {
            heading => i18n::text(lang, &format!("{prefix}-heading"), &[]),
            text => i18n::text(lang, &format!("{prefix}-text"), &[]),
            token,
        },
    )
}

/// `GET /alerts`: the form to subscribe.
pub async fn page(State(state): State<AppState>, page_lang: PageLang) -> PageResult {
    let lang = page_lang.lang;
    let form = AlertForm {
        values: AlertInput {
            lang: lang.code().to_owned(),
            ..AlertInput::default()
        },
        errors: Vec::new(),
    };
    let html = form_page(&state, lang, &form, None, None)?;
    Ok(page_lang.remember(html.into_response()))
}

/// `POST /alerts`: subscribes and sends the confirmation link; the form again with the
/// messages next to the fields when something is wrong.
pub async fn subscribe(
    State(state): State<AppState>,
    page_lang: PageLang,
    fields: Result<FormFields, Error>,
) -> PageResult {
    let lang = page_lang.lang;
    let values = input(&fields?);
    match alerts::subscribe(&state.db, &values, Utc::now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/alerts/sent?lang={}", lang.code())).into_response()),
        Err(Error::Invalid(errors)) => {
            let form = AlertForm {
                errors: translate_errors(&errors, lang),
                values,
            };
            let html = form_page(&state, lang, &form, None, None)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /alerts/sent`: look in the mailbox. The same whether the address was new or not.
pub async fn sent(State(state): State<AppState>, page_lang: PageLang) -> PageResult {
    let lang = page_lang.lang;
    let html = notice_page(&state, lang, "/alerts/sent", "alerts-sent", None)?;
    Ok(html.into_response())
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// `GET /alerts/{token}`: the subscription: confirm it, change its filters, unsubscribe.
pub async fn show(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let lang = page_lang.lang;
    let sub = alerts::find_by_token(&state.db, &token).await?;
    let flash = match query.done.as_deref() {
        Some("confirmed") => Some(i18n::text(lang, "alerts-confirmed", &[])),
        Some("saved") => Some(i18n::text(lang, "alerts-saved", &[])),
        _ => None,
    };
    let form = AlertForm {
        values: values_of(&sub),
        errors: Vec::new(),
    };
    let html = form_page(&state, lang, &form, Some((&token, &sub)), flash)?;
    Ok(page_lang.remember(html.into_response()))
}

/// `POST /alerts/{token}/confirm`: the double opt-in.
pub async fn confirm(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
) -> PageResult {
    alerts::confirm(&state.db, &token, Utc::now()).await?;
    Ok(Redirect::to(&format!(
        "/alerts/{token}?done=confirmed&lang={}",
        page_lang.lang.code()
    ))
    .into_response())
}

/// `POST /alerts/{token}`: new filters and language of the mails.
pub async fn change(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
    fields: Result<FormFields, Error>,
) -> PageResult {
    let lang = page_lang.lang;
    let values = input(&fields?);
    match alerts::change(&state.db, &token, &values).await {
        Ok(sub) => Ok(Redirect::to(&format!(
            "/alerts/{token}?done=saved&lang={}",
            sub.lang.code()
        ))
        .into_response()),
        Err(Error::Invalid(errors)) => {
            let sub = alerts::find_by_token(&state.db, &token).await?;
            let form = AlertForm {
                errors: translate_errors(&errors, lang),
                values,
            };
            let html = form_page(&state, lang, &form, Some((&token, &sub)), None)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /alerts/{token}/unsubscribe`: a button that unsubscribes, and the way to the filters.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
) -> PageResult {
    let lang = page_lang.lang;
    alerts::find_by_token(&state.db, &token).await?;
    let path = format!("/alerts/{token}/unsubscribe");
    let html = notice_page(&state, lang, &path, "alerts-unsubscribe", Some(&token))?;
    Ok(page_lang.remember(html.into_response()))
}

/// `POST /alerts/{token}/unsubscribe`: removes the subscription. Mail clients send it with
/// one click (`List-Unsubscribe=One-Click`), without cookies or an `Origin`; a link that was
/// used already answers the same, so a second click is no error.
pub async fn unsubscribe(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
) -> PageResult {
    match alerts::unsubscribe(&state.db, &token).await {
        Ok(()) | Err(Error::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let lang = page_lang.lang;
    let html = notice_page(&state, lang, "/alerts", "alerts-unsubscribed", None)?;
    Ok(html.into_response())
}
