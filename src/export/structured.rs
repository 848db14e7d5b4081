//! schema.org structured data (JSON-LD) for pages other than jobs: an
//! activity with fixed sessions as an `Event` with its `eventSchedule`, one
//! without as a `Service`; a GP practice as a `MedicalClinic`; an
//! organisation as an `NGO`; and a `BreadcrumbList` on every page.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde_json::{Value, json};

use crate::content::Directory;
use crate::content::activity::{Activity, Status};
use crate::content::common::Venue;
use crate::content::organisation::Organisation;
use crate::content::practice::Practice;
use crate::markdown::plain_words;
use crate::routes::urls::{Urls, path};
use crate::schedule::{Frequency, day_name};

const CONTEXT: &str = "https://schema.org";

/// A page's trail, from the home page to the page itself, as
/// (name, absolute URL).
pub fn breadcrumbs(trail: &[(String, String)]) -> Value {
    let items: Vec<Value> = trail
        .iter()
        .enumerate()
        .map(|(n, (name, url))| {
            json!({
                "@type": "ListItem",
                "position": n + 1,
                "name": name,
                "item": url,
            })
        })
        .collect();
    json!({
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
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

fn place(dir: &Directory, v: &Venue) -> Value {
    let mut address = json!({
        "@type": "PostalAddress",
        "streetAddress": v.address,
        "addressRegion": dir.site.region,
        "addressCountry": "GB",
    });
    if let Some(pc) = &v.postcode {
        address["postalCode"] = json!(pc);
    }
    let mut place = json!({ "@type": "Place", "name": v.name, "address": address });
    if let Some(c) = v.coordinates {
        place["geo"] = json!({
            "@type": "GeoCoordinates",
            "latitude": c.latitude,
            "longitude": c.longitude,
        });
    }
    place
}

fn organizer(dir: &Directory, a: &Activity, urls: &Urls) -> Value {
    let name = dir
        .organisations
        .get(&a.organisation)
        .map_or(a.organisation.as_str(), |o| o.name.as_str());
    json!({
        "@type": "Organization",
        "name": name,
        "url": urls.absolute(&path::organisation(&a.organisation)),
    })
}

/// schema.org's name for a day, as a URL.
fn day(d: Weekday) -> String {
    format!(
        "https://schema.org/{}",
        crate::schedule::capitalised(day_name(d))
    )
}

/// An activity's structured data: an `Event` when it has a session to
/// come, else a `Service`. Nothing for one that has ended.
pub fn activity(dir: &Directory, a: &Activity, urls: &Urls, today: NaiveDate) -> Option<Value> {
    if !a.is_current(today) {
        return None;
    }
    let url = urls.absolute(&path::activity(&a.id));
    let mut location: Vec<Value> = a
        .venue
        .iter()
        .chain(&a.more_venues)
        .map(|v| place(dir, v))
        .collect();
    if let Some(online) = &a.online {
        location.push(json!({
            "@type": "VirtualLocation",
            "url": online.url.clone().unwrap_or_else(|| url.clone()),
        }));
    }
    let next = a
        .schedule
        .iter()
        .filter_map(|s| s.next_dates(today, 1).first().map(|d| (*d, s)))
        .min_by_key(|(d, s)| (*d, s.start));
    let Some((date, session)) = next else {
        return Some(service(dir, a, urls, &url, location));
    };
    let schedules: Vec<Value> = a
        .schedule
        .iter()
        .map(|s| {
            let mut v = json!({
                "@type": "Schedule",
                "startTime": s.start.format("%H:%M:%S").to_string(),
                "endTime": s.end.format("%H:%M:%S").to_string(),
                "scheduleTimezone": "Europe/London",
            });
            match &s.frequency {
                Frequency::Weekly { day: d } => {
                    v["repeatFrequency"] = json!("P1W");
                    v["byDay"] = json!(day(*d));
                }
                Frequency::Fortnightly { day: d } => {
                    v["repeatFrequency"] = json!("P2W");
                    v["byDay"] = json!(day(*d));
                }
                Frequency::Monthly { week, day: d } => {
                    v["repeatFrequency"] = json!("P1M");
                    v["byDay"] = json!(day(*d));
                    v["byMonthWeek"] = json!(week.nth());
                }
                Frequency::Dates { dates } => {
                    // One-off dates: the first to come, to the last.
                    if let Some(first) = dates.iter().filter(|d| **d >= today).min() {
                        v["startDate"] = json!(first.to_string());
                    }
                    if let Some(last) = dates.iter().max() {
                        v["endDate"] = json!(last.to_string());
                    }
                }
            }
            if let Some(from) = s.from {
                v["startDate"] = json!(from.to_string());
            }
            if let Some(until) = s.until {
                v["endDate"] = json!(until.to_string());
            }
            if !s.except.is_empty() {
                v["exceptDate"] = json!(s.except.iter().map(|d| d.to_string()).collect::<Vec<_>>());
            }
            v
        })
        .collect();
    let in_person = a.venue.is_some();
    let mode = match (in_person, a.online.is_some()) {
        (true, true) => "MixedEventAttendanceMode",
        (false, true) => "OnlineEventAttendanceMode",
        _ => "OfflineEventAttendanceMode",
    };
    let mut event = json!({
        "@context": CONTEXT,
        "@type": "Event",
        "name": a.title,
        "description": a.description_text(),
        "url": url,
        "startDate": date_time(date, session.start),
        "endDate": date_time(date, session.end),
        "eventSchedule": schedules,
        "eventAttendanceMode": format!("https://schema.org/{mode}"),
        "eventStatus": match a.status {
            Status::Paused => "https://schema.org/EventPostponed",
            _ => "https://schema.org/EventScheduled",
        },
        "organizer": organizer(dir, a, urls),
    });
    event["location"] = match location.len() {
        0 => {
            json!({ "@type": "Place", "name": dir.site.region, "address": { "@type": "PostalAddress", "addressRegion": dir.site.region, "addressCountry": "GB" } })
        }
        1 => location.remove(0),
        _ => json!(location),
    };
    if let Some(offer) = offer(a, &url) {
        event["offers"] = offer;
    }
    Some(event)
}

/// Free, or a price when the cost starts with one; otherwise the cost in
/// words.
fn offer(a: &Activity, url: &str) -> Option<Value> {
    let cost = a.cost.as_ref()?;
    let mut offer = json!({ "@type": "Offer", "url": url });
    if cost.free {
        offer["price"] = json!(0);
        offer["priceCurrency"] = json!("GBP");
    } else if let Some(price) = cost.pounds() {
        offer["price"] = json!(price);
        offer["priceCurrency"] = json!("GBP");
    }
    if !cost.free {
        offer["description"] = json!(cost.text);
    }
    Some(offer)
}

fn service(dir: &Directory, a: &Activity, urls: &Urls, url: &str, location: Vec<Value>) -> Value {
    let mut s = json!({
        "@context": CONTEXT,
        "@type": "Service",
        "name": a.title,
        "description": a.description_text(),
        "url": url,
        "provider": organizer(dir, a, urls),
        "areaServed": { "@type": "AdministrativeArea", "name": dir.site.region },
    });
    if !location.is_empty() {
        s["availableChannel"] = json!({
            "@type": "ServiceChannel",
            "serviceLocation": location.into_iter().next(),
        });
    }
    if let Some(offer) = offer(a, url) {
        s["offers"] = offer;
    }
    s
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
