//! Event lists for partner websites, made by admins (who manage the partners): they choose the events (the public list's filters), the
//! language, how many, the partner whose code the links carry and the sites that may frame the
//! list, and get the snippet to send to the partner: an `<iframe>`, the Atom feed and the list
//! as plain HTML to copy.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::context;
use serde::Serialize;

use super::events::FieldMessage;
use super::{AdminCtx, StaffCtx, StaffError, path_id};
use crate::embeds::{self, Embed, EmbedInput};
use crate::error::Error;
use crate::events::{Audience, Kind};
use crate::i18n::Lang;
use crate::web::form::{self, FormFields, Outcome};
use crate::web::pages::ser;
use crate::web::public::embed::copyable_html;

/// The form's values, as typed.
#[derive(Serialize, Default, Clone)]
struct Values {
    label: String,
    partner: String,
    lang: String,
    kind: String,
    audience: String,
    language: String,
    city: String,
    point: String,
    max_events: String,
    origins: String,
}

impl Values {
    fn fresh() -> Self {
        Self {
            lang: Lang::De.code().to_owned(),
            max_events: "10".to_owned(),
            ..Self::default()
        }
    }

    fn of(embed: &Embed) -> Self {
        let mut values = Self {
            label: embed.label.clone(),
            partner: embed
                .partner
                .as_ref()
                .map(|p| p.id.to_string())
                .unwrap_or_default(),
            lang: embed.lang.code().to_owned(),
            max_events: embed.max_events.to_string(),
            origins: embed.origins.join("\n"),
            ..Self::default()
        };
        for (name, value) in form_urlencoded::parse(embed.filters.as_bytes()) {
            let value = value.into_owned();
            match &*name {
                "kind" => values.kind = value,
                "audience" => values.audience = value,
                "language" => values.language = value,
                "city" => values.city = value,
                "point" => values.point = value,
                _ => {}
            }
        }
        values
    }

    fn read(fields: &FormFields) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        Self {
            label: text("label"),
            partner: text("partner"),
            lang: text("lang"),
            kind: text("kind"),
            audience: text("audience"),
            language: text("language"),
            city: text("city"),
            point: text("point"),
            max_events: text("max_events"),
            origins: text("origins"),
        }
    }

    /// The domain's input: the filters become the public list's query, with only the values
    /// the list knows (the choices are menus; anything else is left out).
    fn input(&self) -> EmbedInput {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if Kind::parse(&self.kind).is_some() {
            query.append_pair("kind", self.kind.trim());
        }
        if Audience::parse(&self.audience).is_some() {
            query.append_pair("audience", self.audience.trim());
        }
        if crate::languages::LanguageTag::parse(self.language.trim()).is_ok() {
            query.append_pair("language", self.language.trim());
        }
        let city = self.city.trim();
        if !city.is_empty() {
            query.append_pair("city", city);
        }
        if let Ok(point) = self.point.trim().parse::<i32>() {
            query.append_pair("point", &point.to_string());
        }
        EmbedInput {
            label: self.label.clone(),
            // A partner id that is not a number names no partner: the domain refuses it.
            partner_id: match self.partner.trim() {
                "" => None,
                id => Some(id.parse().unwrap_or(0)),
            },
            lang: self.lang.clone(),
            filters: query.finish(),
            max_events: self.max_events.clone(),
            origins: self.origins.clone(),
        }
    }
}

#[derive(Serialize)]
struct Row {
    id: i32,
    label: String,
    partner: Option<String>,
    lang: &'static str,
    origins: String,
}

#[derive(Serialize)]
struct Snippet {
    page: String,
    atom: String,
    iframe: String,
    html: String,
}

/// A partner or a service point to choose.
#[derive(Serialize)]
struct PartnerOption {
    id: i32,
    name: String,
}

struct Form<'a> {
    values: &'a Values,
    errors: &'a [FieldMessage],
    notice: Option<String>,
    status: StatusCode,
}

async fn page(
    cx: &StaffCtx,
    current: Option<&Embed>,
    form: Form<'_>,
) -> Result<Response, StaffError> {
    let partners: Vec<PartnerOption> = crate::partners::partners(&cx.state.db)
        .await?
        .into_iter()
        .map(|p| PartnerOption {
            id: p.id,
            name: p.name,
        })
        .collect();
    let points: Vec<PartnerOption> =
        crate::staff::points::list(&cx.state.db, &cx.state.config.office)
            .await?
            .into_iter()
            .map(|p| PartnerOption {
                id: p.id,
                name: p.name,
            })
            .collect();
    let rows: Vec<Row> = embeds::list(&cx.state.db)
        .await?
        .into_iter()
        .map(|e| Row {
            id: e.id,
            label: e.label,
            partner: e.partner.map(|p| p.name),
            lang: e.lang.code(),
            origins: e.origins.join(", "),
        })
        .collect();
    let snippet = match current {
        Some(embed) => Some(snippet(cx, embed).await?),
        None => None,
    };
    let path = current.map_or_else(
        || "/staff/embeds".to_owned(),
        |e| format!("/staff/embeds/{}", e.id),
    );
    let html = cx.render(
        "staff/embeds.html",
        &path,
        context! {
            current => current.map(|e| context! { id => e.id, label => e.label.clone() }),
            snippet => snippet.map(ser),
            embeds => ser(rows),
            partners => ser(partners),
            points => ser(points),
            values => ser(form.values),
            errors => ser(form.errors),
            notice => form.notice,
            kinds => Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            audiences => Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            page_languages => ser(crate::web::public::seven_languages()),
            max_events => embeds::MAX_EVENTS,
        },
    )?;
    Ok(super::no_store((form.status, html).into_response()))
}

async fn snippet(cx: &StaffCtx, embed: &Embed) -> Result<Snippet, StaffError> {
    let public_url = cx.state.config.server.public_url.trim_end_matches('/');
    let page = format!("{public_url}/embed/{}", embed.key);
    let title = crate::i18n::text(embed.lang, "embed-heading", &[]);
    let iframe = format!(
        "<iframe src=\"{page}\" title=\"{}\" loading=\"lazy\" style=\"width:100%;height:40rem;border:0\"></iframe>",
        attribute(&format!("{title} – {}", cx.state.config.office.name)),
    );
    Ok(Snippet {
        atom: format!("{page}.atom"),
        page,
        iframe,
        html: copyable_html(&cx.state, embed).await?,
    })
}

/// Text for an HTML attribute in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `GET /staff/embeds`: the lists and a form for a new one.
pub async fn embeds_page(AdminCtx(cx): AdminCtx) -> Result<Response, StaffError> {
    let values = Values::fresh();
    page(
        &cx,
        None,
        Form {
            values: &values,
            errors: &[],
            notice: None,
            status: StatusCode::OK,
        },
    )
    .await
}

/// `POST /staff/embeds`: stores a new list; 303 to its snippet, or the form again with messages.
pub async fn create(
    AdminCtx(cx): AdminCtx,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let values = Values::read(&fields?);
    let result = embeds::create(&cx.state.db, cx.actor(), &values.input(), Utc::now()).await;
    match form::outcome(result)? {
        Outcome::Done(embed) => {
            Ok(Redirect::to(&format!("/staff/embeds/{}", embed.id)).into_response())
        }
        Outcome::Again(again) => {
            let shown = cx.shown(Some(&again), "staff-embed-error-");
            page(
                &cx,
                None,
                Form {
                    values: &values,
                    errors: &shown.errors,
                    notice: shown.notice,
                    status: shown.status,
                },
            )
            .await
        }
    }
}

/// `GET /staff/embeds/{id}`: the snippet for the partner, and the list's settings.
pub async fn embed_page(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    let embed = embeds::get(&cx.state.db, path_id(&id)?).await?;
    let values = Values::of(&embed);
    page(
        &cx,
        Some(&embed),
        Form {
            values: &values,
            errors: &[],
            notice: None,
            status: StatusCode::OK,
        },
    )
    .await
}

/// `POST /staff/embeds/{id}`: changes a list; its address stays.
pub async fn update(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let embed = embeds::get(&cx.state.db, path_id(&id)?).await?;
    let values = Values::read(&fields?);
    let result = embeds::update(
        &cx.state.db,
        cx.actor(),
        embed.id,
        &values.input(),
        Utc::now(),
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(embed) => {
            Ok(Redirect::to(&format!("/staff/embeds/{}", embed.id)).into_response())
        }
        Outcome::Again(again) => {
            let shown = cx.shown(Some(&again), "staff-embed-error-");
            page(
                &cx,
                Some(&embed),
                Form {
                    values: &values,
                    errors: &shown.errors,
                    notice: shown.notice,
                    status: shown.status,
                },
            )
            .await
        }
    }
}

/// `POST /staff/embeds/{id}/remove`: the partner's snippet shows "not found" from then on.
pub async fn remove(
    AdminCtx(cx): AdminCtx,
    Path(id): Path<String>,
) -> Result<Response, StaffError> {
    embeds::remove(&cx.state.db, cx.actor(), path_id(&id)?, Utc::now()).await?;
    Ok(Redirect::to("/staff/embeds").into_response())
}
