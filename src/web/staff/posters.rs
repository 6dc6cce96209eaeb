//! Posters, flyers and QR codes of an event, linked from its staff page:
//! `/staff/events/{id}/poster.pdf?size=a4&language_de=on&language_ar=on` (add `series=on` for
//! the upcoming dates of the event's series on one poster) and
//! `/staff/events/{id}/qr.png?language=ar`. They hold no personal data.

use axum::extract::RawQuery;
use axum::response::Response;
use chrono::Utc;

use super::{StaffCtx, StaffError, StaffEvent};
use crate::documents::place_of;
use crate::documents::poster::{self, Poster, Size};
use crate::error::Error;
use crate::events::{self, Event, Status};
use crate::i18n::Lang;
use crate::partners::Partner;

/// The languages a poster of the event can be in: German, and those the event is offered in.
#[must_use]
pub fn languages_of(event: &Event) -> Vec<Lang> {
    Lang::ALL
        .into_iter()
        .filter(|l| {
            *l == Lang::De
                || event
                    .spec
                    .languages
                    .iter()
                    .any(|tag| Lang::parse(tag.primary()) == Some(*l))
        })
        .collect()
}

/// The event's page in `lang`, as a QR code opens it, with the code of the partner the poster
/// is printed for.
fn page_url(cx: &StaffCtx, event: &Event, lang: Lang, partner: Option<&Partner>) -> String {
    let public = cx.state.config.server.public_url.trim_end_matches('/');
    let mut url = format!("{public}/events/{}?lang={}", event.slug, lang.code());
    if let Some(partner) = partner {
        url.push_str("&via=");
        url.push_str(&partner.code);
    }
    url
}

/// The partner of `partner=ID`, for a poster printed for them; none without the parameter.
async fn partner_of(cx: &StaffCtx, id: Option<&str>) -> Result<Option<Partner>, StaffError> {
    let Some(id) = id.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let unknown = || {
        StaffError(Error::BadRequest(
            "partner must be the id of a partner".into(),
        ))
    };
    let id: i32 = id.parse().map_err(|_| unknown())?;
    crate::partners::partners(&cx.state.db)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .map(Some)
        .ok_or_else(unknown)
}

fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// `GET /staff/events/{id}/poster.pdf`: an A4 poster or (`size=a6`) an A6 flyer in the
/// languages ticked (`language_{code}=on`; German when none is).
pub async fn poster_pdf(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    RawQuery(query): RawQuery,
) -> Result<Response, StaffError> {
    if event.status == Status::Cancelled {
        return Err(StaffError(Error::conflict("event_cancelled", "cancelled")));
    }
    let pairs = query_pairs(query.as_deref());
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let size = match value("size") {
        None => Size::A4,
        Some(text) => Size::parse(text)
            .ok_or_else(|| StaffError(Error::BadRequest("size must be a4 or a6".into())))?,
    };
    let offered = languages_of(&event);
    let mut chosen: Vec<Lang> = offered
        .iter()
        .copied()
        .filter(|l| matches!(value(&format!("language_{l}")), Some("on" | "1" | "true")))
        .collect();
    if chosen.is_empty() {
        chosen.push(Lang::De);
    }
    let series = matches!(value("series"), Some("on" | "1" | "true"));
    let partner = partner_of(&cx, value("partner")).await?;
    let (first, dates) = if let (true, Some(series_id)) = (series, event.series_id) {
        let now = Utc::now();
        let coming: Vec<Event> = events::series::all_dates(&cx.state.db, series_id)
            .await?
            .into_iter()
            .filter(|d| d.status != Status::Cancelled && d.spec.ends_at > now)
            .collect();
        let first = coming.first().cloned().unwrap_or_else(|| event.clone());
        let dates = coming
            .iter()
            .map(|d| (d.spec.starts_at, d.spec.ends_at))
            .collect::<Vec<_>>();
        (first, dates)
    } else {
        (
            event.clone(),
            vec![(event.spec.starts_at, event.spec.ends_at)],
        )
    };
    let dates = if dates.is_empty() {
        vec![(first.spec.starts_at, first.spec.ends_at)]
    } else {
        dates
    };
    let poster = Poster {
        office: cx.state.config.office.name.clone(),
        title: first.text(chosen[0]).title.text,
        titles: chosen
            .iter()
            .map(|l| (*l, first.text(*l).title))
            .filter(|(l, shown)| shown.lang == *l)
            .map(|(l, shown)| (l, shown.text))
            .collect(),
        kind: first.spec.kind.as_str().to_owned(),
        dates,
        place: place_of(&first),
        links: chosen
            .iter()
            .map(|l| (*l, page_url(&cx, &first, *l, partner.as_ref())))
            .collect(),
    };
    let body = poster::render(&poster, size, cx.state.config.office.timezone)?;
    let name = match size {
        Size::A4 => "plakat",
        Size::A6 => "flyer",
    };
    let codes = chosen
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join("-");
    tracing::info!(
        staff.id = cx.user.id,
        event.id = event.id,
        size = size.as_str(),
        "poster made"
    );
    Ok(crate::web::attachment(
        "application/pdf",
        &format!("{name}-{}-{codes}.pdf", event.id),
        body,
    ))
}

/// `GET /staff/events/{id}/qr.png?language=ar`: the QR code of the event's page in that
/// language (German without one), for social media.
pub async fn qr_png(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    RawQuery(query): RawQuery,
) -> Result<Response, StaffError> {
    let pairs = query_pairs(query.as_deref());
    let lang = match pairs.iter().find(|(k, _)| k == "language") {
        None => Lang::De,
        Some((_, code)) => Lang::parse(code)
            .filter(|l| l.code() == code && languages_of(&event).contains(l))
            .ok_or_else(|| {
                StaffError(Error::BadRequest(
                    "language must be one the event is offered in".into(),
                ))
            })?,
    };
    let partner = partner_of(
        &cx,
        pairs
            .iter()
            .find(|(k, _)| k == "partner")
            .map(|(_, v)| v.as_str()),
    )
    .await?;
    let body = poster::qr_png(&page_url(&cx, &event, lang, partner.as_ref()))?;
    Ok(crate::web::attachment(
        "image/png",
        &format!("qr-{}-{}.png", event.id, lang.code()),
        body,
    ))
}
