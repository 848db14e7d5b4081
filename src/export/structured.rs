//! schema.org structured data (JSON-LD) for pages other than jobs: an
//! activity with fixed sessions as an `Event` with its `eventSchedule`, one
//! without as a `Service`; a GP practice as a `MedicalClinic`; an
//! organisation as an `NGO`; and a `BreadcrumbList` on every page.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::Serialize;
use serde_json::{Value, json};

use super::jobposting::script_json;

use crate::content::Directory;
use crate::content::activity::{Activity, Status};
use crate::content::common::Venue;
use crate::content::organisation::Organisation;
use crate::content::practice::Practice;
use crate::markdown::plain_words;
use crate::routes::urls::{Urls, path};
use crate::schedule::{Frequency, day_name};

const CONTEXT: &str = "https://schema.org";

// Activities and breadcrumbs are on nearly every page, so they are typed
// rather than built as trees of JSON values, which at 10,000 activities
// cost more to build and free than the text costs to write. Fields are in
// the order a JSON value's keys sort, as they were written before.

/// A page's trail, from the home page to the page itself, as
/// (name, absolute URL).
pub fn breadcrumbs(trail: &[(String, String)]) -> impl Serialize + '_ {
    #[derive(Serialize)]
    struct ListItem<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        item: &'a str,
        name: &'a str,
        position: usize,
    }
    #[derive(Serialize)]
    struct BreadcrumbList<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "itemListElement")]
        items: Vec<ListItem<'a>>,
    }
    BreadcrumbList {
        context: CONTEXT,
        kind: "BreadcrumbList",
        items: trail
            .iter()
            .enumerate()
            .map(|(n, (name, url))| ListItem {
                kind: "ListItem",
                item: url,
                name,
                position: n + 1,
            })
            .collect(),
    }
}

/// Europe/London's offset from UTC on `date`: summer time from the last
/// Sunday of March to the last Sunday of October. (Sessions in the small
/// hours of those two Sundays are the only ones it could place wrongly.)
pub fn london_offset(date: NaiveDate) -> &'static str {
    let last_sunday = |month: u32| {
        let end = NaiveDate::from_ymd_opt(date.year(), month, 31).expect("March and October");
        end - chrono::Days::new(u64::from(end.weekday().num_days_from_sunday()))
    };
    if date >= last_sunday(3) && date < last_sunday(10) {
        "+01:00"
    } else {
        "+00:00"
    }
}

fn date_time(date: NaiveDate, time: NaiveTime) -> String {
    format!(
        "{}T{}{}",
        date,
        time.format("%H:%M:%S"),
        london_offset(date)
    )
}

#[derive(Serialize)]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
    #[serde(rename = "addressRegion")]
    region: &'a str,
    #[serde(rename = "postalCode", skip_serializing_if = "Option::is_none")]
    postcode: Option<&'a str>,
    #[serde(rename = "streetAddress", skip_serializing_if = "Option::is_none")]
    street: Option<&'a str>,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Location<'a> {
    Place {
        #[serde(rename = "@type")]
        kind: &'static str,
        address: PostalAddress<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        geo: Option<Geo>,
        name: &'a str,
    },
    Virtual {
        #[serde(rename = "@type")]
        kind: &'static str,
        url: String,
    },
}

#[derive(Serialize)]
#[serde(untagged)]
enum Locations<'a> {
    One(Location<'a>),
    Many(Vec<Location<'a>>),
}

fn place<'a>(dir: &'a Directory, v: &'a Venue) -> Location<'a> {
    Location::Place {
        kind: "Place",
        address: PostalAddress {
            kind: "PostalAddress",
            country: "GB",
            region: &dir.site.region,
            postcode: v.postcode.as_deref(),
            street: Some(&v.address),
        },
        geo: v.coordinates.map(|c| Geo {
            kind: "GeoCoordinates",
            latitude: c.latitude,
            longitude: c.longitude,
        }),
        name: &v.name,
    }
}

#[derive(Serialize)]
struct Organizer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

fn organizer<'a>(dir: &'a Directory, a: &'a Activity, urls: &Urls) -> Organizer<'a> {
    Organizer {
        kind: "Organization",
        name: dir
            .organisations
            .get(&a.organisation)
            .map_or(a.organisation.as_str(), |o| o.name.as_str()),
        url: urls.absolute(&path::organisation(&a.organisation)),
    }
}

/// schema.org's name for a day, as a URL.
fn day(d: Weekday) -> String {
    format!(
        "https://schema.org/{}",
        crate::schedule::capitalised(day_name(d))
    )
}

#[derive(Serialize, Default)]
struct Schedule {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "byDay", skip_serializing_if = "Option::is_none")]
    by_day: Option<String>,
    #[serde(rename = "byMonthWeek", skip_serializing_if = "Option::is_none")]
    by_month_week: Option<i8>,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(rename = "endTime")]
    end_time: String,
    #[serde(rename = "exceptDate", skip_serializing_if = "Vec::is_empty")]
    except: Vec<String>,
    #[serde(rename = "repeatFrequency", skip_serializing_if = "Option::is_none")]
    repeat: Option<&'static str>,
    #[serde(rename = "scheduleTimezone")]
    timezone: &'static str,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(rename = "startTime")]
    start_time: String,
}

#[derive(Serialize)]
struct Offer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<Price>,
    #[serde(rename = "priceCurrency", skip_serializing_if = "Option::is_none")]
    currency: Option<&'static str>,
    url: &'a str,
}

/// A free offer's price is the integer 0; others are as written.
#[derive(Serialize)]
#[serde(untagged)]
enum Price {
    Free(u8),
    Pounds(f64),
}

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    description: &'a str,
    #[serde(rename = "endDate")]
    end: String,
    #[serde(rename = "eventAttendanceMode")]
    mode: String,
    #[serde(rename = "eventSchedule")]
    schedule: Vec<Schedule>,
    #[serde(rename = "eventStatus")]
    status: &'static str,
    location: Locations<'a>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    offers: Option<Offer<'a>>,
    organizer: Organizer<'a>,
    #[serde(rename = "startDate")]
    start: String,
    url: &'a str,
}

#[derive(Serialize)]
struct AdministrativeArea<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct ServiceChannel<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "serviceLocation")]
    location: Location<'a>,
}

#[derive(Serialize)]
struct Service<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "areaServed")]
    area: AdministrativeArea<'a>,
    #[serde(rename = "availableChannel", skip_serializing_if = "Option::is_none")]
    channel: Option<ServiceChannel<'a>>,
    description: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    offers: Option<Offer<'a>>,
    provider: Organizer<'a>,
    url: &'a str,
}

/// An activity's structured data, as JSON-LD text for its page: an
/// `Event` when it has a session to come, else a `Service`. Nothing for
/// one that has ended.
pub fn activity(dir: &Directory, a: &Activity, urls: &Urls, today: NaiveDate) -> Option<String> {
    if !a.is_current(today) {
        return None;
    }
    let url = urls.absolute(&path::activity(&a.id));
    let mut location: Vec<Location> = a
        .venue
        .iter()
        .chain(&a.more_venues)
        .map(|v| place(dir, v))
        .collect();
    if let Some(online) = &a.online {
        location.push(Location::Virtual {
            kind: "VirtualLocation",
            url: online.url.clone().unwrap_or_else(|| url.clone()),
        });
    }
    let next = a
        .schedule
        .iter()
        .filter_map(|s| s.next_dates(today, 1).first().map(|d| (*d, s)))
        .min_by_key(|(d, s)| (*d, s.start));
    let Some((date, session)) = next else {
        return Some(script_json(&service(dir, a, urls, &url, location)));
    };
    let schedule = a
        .schedule
        .iter()
        .map(|s| {
            let mut v = Schedule {
                kind: "Schedule",
                start_time: s.start.format("%H:%M:%S").to_string(),
                end_time: s.end.format("%H:%M:%S").to_string(),
                timezone: "Europe/London",
                ..Schedule::default()
            };
            match &s.frequency {
                Frequency::Weekly { day: d } => {
                    v.repeat = Some("P1W");
                    v.by_day = Some(day(*d));
                }
                Frequency::Fortnightly { day: d } => {
                    v.repeat = Some("P2W");
                    v.by_day = Some(day(*d));
                }
                Frequency::Monthly { week, day: d } => {
                    v.repeat = Some("P1M");
                    v.by_day = Some(day(*d));
                    v.by_month_week = Some(week.nth());
                }
                Frequency::Dates { dates } => {
                    // One-off dates: the first to come, to the last.
                    v.start_date = dates
                        .iter()
                        .filter(|d| **d >= today)
                        .min()
                        .map(|d| d.to_string());
                    v.end_date = dates.iter().max().map(|d| d.to_string());
                }
            }
            if let Some(from) = s.from {
                v.start_date = Some(from.to_string());
            }
            if let Some(until) = s.until {
                v.end_date = Some(until.to_string());
            }
            v.except = s.except.iter().map(|d| d.to_string()).collect();
            v
        })
        .collect();
    let in_person = a.venue.is_some();
    let mode = match (in_person, a.online.is_some()) {
        (true, true) => "MixedEventAttendanceMode",
        (false, true) => "OnlineEventAttendanceMode",
        _ => "OfflineEventAttendanceMode",
    };
    let region = &dir.site.region;
    let location = match location.len() {
        0 => Locations::One(Location::Place {
            kind: "Place",
            address: PostalAddress {
                kind: "PostalAddress",
                country: "GB",
                region,
                postcode: None,
                street: None,
            },
            geo: None,
            name: region,
        }),
        1 => Locations::One(location.remove(0)),
        _ => Locations::Many(location),
    };
    Some(script_json(&Event {
        context: CONTEXT,
        kind: "Event",
        description: a.description_text(),
        end: date_time(date, session.end),
        mode: format!("https://schema.org/{mode}"),
        schedule,
        status: match a.status {
            Status::Paused => "https://schema.org/EventPostponed",
            _ => "https://schema.org/EventScheduled",
        },
        location,
        name: &a.title,
        offers: offer(a, &url),
        organizer: organizer(dir, a, urls),
        start: date_time(date, session.start),
        url: &url,
    }))
}

/// Free, or a price when the cost starts with one; otherwise the cost in
/// words.
fn offer<'a>(a: &'a Activity, url: &'a str) -> Option<Offer<'a>> {
    let cost = a.cost.as_ref()?;
    let price = if cost.free {
        Some(Price::Free(0))
    } else {
        cost.pounds().map(Price::Pounds)
    };
    Some(Offer {
        kind: "Offer",
        description: (!cost.free).then_some(cost.text.as_str()),
        currency: price.as_ref().map(|_| "GBP"),
        price,
        url,
    })
}

fn service<'a>(
    dir: &'a Directory,
    a: &'a Activity,
    urls: &Urls,
    url: &'a str,
    location: Vec<Location<'a>>,
) -> Service<'a> {
    Service {
        context: CONTEXT,
        kind: "Service",
        area: AdministrativeArea {
            kind: "AdministrativeArea",
            name: &dir.site.region,
        },
        channel: location.into_iter().next().map(|location| ServiceChannel {
            kind: "ServiceChannel",
            location,
        }),
        description: a.description_text(),
        name: &a.title,
        offers: offer(a, url),
        provider: organizer(dir, a, urls),
        url,
    }
}

pub fn practice(dir: &Directory, p: &Practice, urls: &Urls) -> Value {
    let mut v = json!({
        "@context": CONTEXT,
        "@type": "MedicalClinic",
        "name": p.name,
        "url": p.website.clone().unwrap_or_else(|| urls.absolute(&path::practice(&p.id))),
        "telephone": p.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": p.address,
            "postalCode": p.postcode,
            "addressRegion": dir.site.region,
            "addressCountry": "GB",
        },
        "identifier": { "@type": "PropertyValue", "propertyID": "ODS code", "value": p.ods_code },
    });
    if let Some(c) = p.coordinates {
        v["geo"] =
            json!({ "@type": "GeoCoordinates", "latitude": c.latitude, "longitude": c.longitude });
    }
    v
}

pub fn organisation(o: &Organisation, urls: &Urls) -> Value {
    let mut v = json!({
        "@context": CONTEXT,
        "@type": "NGO",
        "name": o.name,
        "url": o.website.clone().unwrap_or_else(|| urls.absolute(&path::organisation(&o.id))),
    });
    let description = plain_words(&o.description);
    if !description.is_empty() {
        v["description"] = json!(description);
    }
    if let Some(e) = &o.email {
        v["email"] = json!(e);
    }
    if let Some(t) = &o.phone {
        v["telephone"] = json!(t);
    }
    if let Some(n) = &o.charity_number {
        v["identifier"] =
            json!({ "@type": "PropertyValue", "propertyID": "Charity number", "value": n });
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summer_time_runs_from_the_last_sunday_of_march_to_october() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(london_offset(d("2027-03-27")), "+00:00");
        assert_eq!(london_offset(d("2027-03-28")), "+01:00");
        assert_eq!(london_offset(d("2027-10-30")), "+01:00");
        assert_eq!(london_offset(d("2027-10-31")), "+00:00");
        assert_eq!(london_offset(d("2026-12-01")), "+00:00");
    }
}
