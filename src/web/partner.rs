//! The pages of partner organisations' people under `/partner`, and the invitation's page
//! under `/invite/{token}`. A partner's person sees the published events of the service points
//! that invited their organisation, registers families for them, and sees and cancels the
//! registrations their organisation made, never anyone else's. German first, English second,
//! as the staff pages; every page works without JavaScript.

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_login::{AuthSession, AuthnBackend};
use chrono::Utc;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::form::{self, Again, FormFields, Outcome};
use super::pages::{PageLang, render, ser};
use super::staff::events::{EventFacts, field_messages};
use super::staff::registrations::FormFrame;
use super::staff::{HeaderUser, StaffError, no_store, staff_base};
use super::{AppState, path_id};
use crate::error::Error;
use crate::events::{Event, Filter, Page, Status as EventStatus};
use crate::i18n::{self, Lang};
use crate::partner_accounts;
use crate::registrations::{self, Hold, RegStatus, Registrant, RegistrationInput};
use crate::staff::auth::{Backend, StaffUser};

/// What every partner page gets: the state, the page language, the signed-in person and
/// their organisation with the service points that invited it.
pub struct PartnerCtx {
    pub state: AppState,
    pub lang: Lang,
    pub page_lang: PageLang,
    pub user: StaffUser,
    pub partner_id: i32,
    pub partner: String,
    pub points: Vec<i32>,
}

impl FromRequestParts<AppState> for PartnerCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Ok(page_lang) = PageLang::from_request_parts(parts, state).await;
        let user = parts
            .extensions
            .get::<AuthSession<Backend>>()
            .and_then(|a| a.user.clone());
        let Some(user) = user else {
            return Err(Redirect::to("/staff/login").into_response());
        };
        // Staff have their own pages.
        let Some(partner_id) = user.partner_id.filter(|_| user.is_partner()) else {
            return Err(Redirect::to("/staff").into_response());
        };
        let read = async {
            let partner = partner_accounts::name_of(&state.db, partner_id).await?;
            let points = partner_accounts::points_of(&state.db, partner_id).await?;
            Ok::<_, Error>((partner, points))
        };
        let (partner, points) = read.await.map_err(|e| StaffError(e).into_response())?;
        Ok(Self {
            state: state.clone(),
            lang: page_lang.for_staff(),
            page_lang,
            user,
            partner_id,
            partner,
            points,
        })
    }
}

impl PartnerCtx {
    fn render(&self, template: &str, path: &str, ctx: Value) -> Result<Response, StaffError> {
        let header = HeaderUser {
            name: self.user.name.clone(),
            admin: false,
            leads: false,
            partner: Some(self.partner.clone()),
        };
        let html = render(
            template,
            &staff_base(&self.state, self.lang, path),
            context! { staff => ser(header), ..ctx },
        )?;
        Ok(no_store(self.page_lang.remember(html.into_response())))
    }

    fn text(&self, key: &str) -> String {
        i18n::text(self.lang, key, &[])
    }

    /// A published event of one of the points that invited the organisation; anything else is
    /// not found.
    async fn event(&self, id: &str) -> Result<Event, StaffError> {
        let event = crate::events::get(&self.state.db, path_id(id)?).await?;
        if event.status == EventStatus::Draft || !self.points.contains(&event.point_id) {
            return Err(StaffError(Error::NotFound));
        }
        Ok(event)
    }
}

/// An event as the partner's list shows it.
#[derive(Serialize)]
struct EventRow {
    #[serde(flatten)]
    facts: EventFacts,
    cancelled: bool,
    open: bool,
}

/// `GET /partner`: the upcoming published events of the service points that invited the
/// organisation, each with the way to register a family.
pub async fn events_page(cx: PartnerCtx) -> Result<Response, StaffError> {
    let now = Utc::now();
    let rows: Vec<EventRow> = if cx.points.is_empty() {
        Vec::new()
    } else {
        let filter = Filter {
            within: Some(cx.points.clone()),
            ..Filter::default()
        };
        let (list, _) = crate::events::list(&cx.state.db, &filter, Page::LARGEST, now).await?;
        let tz = cx.state.config.office.timezone;
        list.iter()
            .map(|e| EventRow {
                cancelled: e.status == EventStatus::Cancelled,
                open: registrations::ensure_open(e, now).is_ok(),
                facts: EventFacts::in_lang(e, tz, cx.lang),
            })
            .collect()
    };
    cx.render(
        "partner/events.html",
        "/partner",
        context! { events => ser(rows), invited => !cx.points.is_empty() },
    )
}

fn register_page(
    cx: &PartnerCtx,
    event: &Event,
    values: &RegistrationInput,
    again: Option<&Again>,
) -> Result<Response, StaffError> {
    let errors = again
        .and_then(Again::errors)
        .map(|errors| field_messages(errors, cx.lang, "error-"))
        .unwrap_or_default();
    let notice = again.and_then(|a| a.notice(cx.lang, "staff-conflict-"));
    let status = again.map_or(StatusCode::OK, Again::status);
    let days = i64::from(cx.state.config.privacy.retention_days);
    let frame = FormFrame {
        action: format!("/partner/events/{}/register", event.id),
        back_url: "/partner".into(),
        back_text: cx.text("partner-back-to-events"),
        hints: vec![
            ("", cx.text("partner-register-intro")),
            ("email-hint", cx.text("partner-register-email-hint")),
        ],
        consent: i18n::text(
            cx.lang,
            "partner-register-consent",
            &[("days", FluentValue::from(days))],
        ),
    };
    let facts = EventFacts::in_lang(event, cx.state.config.office.timezone, cx.lang);
    let mut response = cx.render(
        "staff/register.html",
        &format!("/partner/events/{}/register", event.id),
        context! {
            values => ser(values),
            errors => ser(&errors),
            notice,
            ..frame.context(facts, event.spec.max_party_size)
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

/// `GET /partner/events/{id}/register`.
pub async fn new_registration(
    cx: PartnerCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    let event = cx.event(&id).await?;
    register_page(&cx, &event, &RegistrationInput::fresh(Lang::De), None)
}

/// `POST /partner/events/{id}/register`: registers a family on its behalf (source `partner`,
/// confirmed at once); 303 to the organisation's registrations, or the form again.
pub async fn register(
    cx: PartnerCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let event = cx.event(&id).await?;
    let fields = fields?;
    let input = form::registration(&fields).with_phone_region(cx.state.config.office.phone_region);
    let by = Registrant::Partner {
        account_id: cx.user.id,
        partner_id: cx.partner_id,
        lang: cx.lang,
    };
    let result = registrations::register(
        &cx.state.db,
        &event,
        input.clone(),
        cx.lang,
        by,
        Hold::of(&cx.state.config),
        Utc::now(),
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(done) if done.already => {
            let again = Again::Conflict("already_registered");
            register_page(&cx, &event, &input, Some(&again))
        }
        Outcome::Done(done) => Ok(Redirect::to(&format!(
            "/partner/registrations?registered={}",
            done.registration.id
        ))
        .into_response()),
        Outcome::Again(again) => register_page(&cx, &event, &input, Some(&again)),
    }
}

/// A registration as the partner's list shows it.
#[derive(Serialize)]
struct RegistrationRow {
    id: i32,
    event: String,
    when: String,
    name: String,
    party_size: i32,
    status: &'static str,
    position: Option<u64>,
    with_email: bool,
    cancellable: bool,
}

#[derive(Deserialize)]
pub struct Done {
    registered: Option<i32>,
    cancelled: Option<i32>,
}

/// `GET /partner/registrations`: the registrations the organisation made, newest first.
pub async fn registrations_page(
    cx: PartnerCtx,
    Query(done): Query<Done>,
) -> Result<Response, StaffError> {
    let now = Utc::now();
    let tz = cx.state.config.office.timezone;
    let mut rows = Vec::new();
    for reg in partner_accounts::registrations_of(&cx.state.db, cx.partner_id).await? {
        let event = match crate::events::get(&cx.state.db, reg.event_id).await {
            Ok(event) => event,
            Err(Error::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        let position = registrations::waitlist_position(&cx.state.db, &reg).await?;
        rows.push(RegistrationRow {
            id: reg.id,
            event: event.spec.title.clone(),
            when: i18n::format_date_time(event.spec.starts_at, tz, cx.lang),
            name: reg.name.clone(),
            party_size: reg.party_size,
            status: reg.status.as_str(),
            position,
            with_email: reg.email.is_some(),
            cancellable: reg.status != RegStatus::Cancelled
                && event.spec.ends_at > now
                && event.status != EventStatus::Cancelled,
        });
    }
    cx.render(
        "partner/registrations.html",
        "/partner/registrations",
        context! {
            registrations => ser(rows),
            registered => done.registered,
            cancelled => done.cancelled,
        },
    )
}

/// `POST /partner/registrations/{id}/cancel`: cancels a registration the organisation made;
/// 303 back to the list.
pub async fn cancel(cx: PartnerCtx, Path(id): Path<String>) -> Result<Response, StaffError> {
    let id = path_id(&id)?;
    partner_accounts::cancel(
        &cx.state.db,
        cx.user.id,
        cx.partner_id,
        id,
        Hold::of(&cx.state.config),
        Utc::now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/partner/registrations?cancelled={id}")).into_response())
}

fn invitation_page(
    state: &AppState,
    page_lang: PageLang,
    token: &str,
    invitation: &partner_accounts::Invitation,
    errors: &[super::staff::events::FieldMessage],
    status: StatusCode,
) -> Result<Response, StaffError> {
    let lang = page_lang.for_staff();
    let tz = state.config.office.timezone;
    let html = render(
        "partner/invite.html",
        &staff_base(state, lang, &format!("/invite/{token}")),
        context! {
            staff => Value::from(()),
            token,
            name => invitation.name.clone(),
            email => invitation.email.clone(),
            partner => invitation.partner.clone(),
            until => i18n::format_date_time(invitation.expires_at, tz, lang),
            min_password => crate::staff::MIN_PASSWORD,
            errors => ser(errors),
        },
    )?;
    let mut response = no_store(page_lang.remember((status, html).into_response()));
    response.headers_mut().insert(
        axum::http::header::REFERRER_POLICY,
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// `GET /invite/{token}`: the form to set a password; a used or expired link is not found.
pub async fn invitation(
    State(state): State<AppState>,
    page_lang: PageLang,
    Path(token): Path<String>,
) -> Result<Response, StaffError> {
    let invitation = partner_accounts::invitation(&state.db, &token, Utc::now()).await?;
    invitation_page(&state, page_lang, &token, &invitation, &[], StatusCode::OK)
}

/// `POST /invite/{token}`: sets the password and signs the person in; 303 to their pages, or
/// the form again with the message.
pub async fn accept(
    State(state): State<AppState>,
    page_lang: PageLang,
    mut auth: AuthSession<Backend>,
    Path(token): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let password = fields.text("password").unwrap_or_default();
    let repeated = fields.text("password_again").unwrap_or_default();
    let now = Utc::now();
    match partner_accounts::accept(&state.db, &token, &password, &repeated, now).await {
        Ok(account_id) => {
            let user = auth
                .backend
                .get_user(&account_id)
                .await?
                .ok_or(Error::NotFound)?;
            auth.session
                .cycle_id()
                .await
                .map_err(|e| anyhow::anyhow!("renewing a session: {e}"))?;
            auth.login(&user)
                .await
                .map_err(|e| anyhow::anyhow!("starting a session: {e}"))?;
            Ok(Redirect::to("/partner").into_response())
        }
        Err(Error::Invalid(errors)) => {
            let invitation = partner_accounts::invitation(&state.db, &token, now).await?;
            let messages = field_messages(&errors, page_lang.for_staff(), "partner-invite-error-");
            invitation_page(
                &state,
                page_lang,
                &token,
                &invitation,
                &messages,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(e.into()),
    }
}
