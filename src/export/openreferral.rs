//! A static Open Referral UK 3.0 API: the directory's activities as ORUK
//! services, with their organisations, places, schedules, costs, contacts,
//! eligibility, languages, categories and service areas, written as JSON
//! files a static host can serve (docs/open-data.md).
//!
//! Ids are UUIDv5, named from the site's address and the entry's kind and
//! id, so they stay the same from build to build.

use chrono::{NaiveDate, NaiveTime};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::config::Site;
use crate::content::Directory;
use crate::content::activity::{Activity, PcnScope, Status};
use crate::content::common::Venue;
use crate::markdown::plain_text;
use crate::routes::urls::{Urls, path};
use crate::schedule::{Availability, Frequency, rrule_day};

/// Where ORUK publishes the UK profile and its API description.
const PROFILE: &str = "https://github.com/OpenReferralUK/uk-profile";
const OPENAPI: &str =
    "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/openapi.json";

/// The name of Signpost's category taxonomy in the feed.
const TAXONOMY: &str = "Signpost categories";

/// The feed's files: (path under the site, JSON text).
pub fn files(dir: &Directory, urls: &Urls, today: NaiveDate) -> Vec<(String, String)> {
    let feed = &dir.site.open_referral;
    if !feed.publish {
        return Vec::new();
    }
    let ids = Ids::new(&dir.site);
    let base = &feed.path;
    let activities: Vec<&Activity> = dir
        .activities
        .values()
        .filter(|a| !dir.index.hidden.contains(&a.id))
        .collect();
    let mut out = Vec::new();
    let mut list = Vec::new();
    for a in &activities {
        let service = service(dir, a, urls, &ids, today);
        let id = service["id"].as_str().expect("an id").to_string();
        let mut item = serde_json::Map::new();
        for key in [
            "id",
            "organization_id",
            "name",
            "description",
            "url",
            "email",
            "status",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "organization",
        ] {
            if let Some(v) = service.get(key) {
                item.insert(key.to_string(), v.clone());
            }
        }
        list.push(Value::Object(item));
        out.push((format!("{base}services/{id}.json"), pretty(&service)));
    }
    out.push((format!("{base}services.json"), pretty(&page(list))));
    out.push((
        format!("{base}index.json"),
        pretty(&json!({
            "version": "HSDS-UK-3.0",
            "profile": PROFILE,
            "openapi_url": OPENAPI,
        })),
    ));
    let taxonomy_id = ids.of("taxonomy", "categories");
    out.push((
        format!("{base}taxonomies.json"),
        pretty(&page(vec![json!({
            "id": taxonomy_id,
            "name": TAXONOMY,
            "description": format!("The categories of the {}", dir.site.title),
            "uri": urls.absolute(&path::categories()),
        })])),
    ));
    let terms = dir
        .site
        .categories
        .iter()
        .map(|c| taxonomy_term(&ids, &dir.site, urls, &c.id))
        .collect();
    out.push((format!("{base}taxonomy_terms.json"), pretty(&page(terms))));
    out
}

/// Netlify's and Cloudflare Pages' `_headers` lines for the feed: anyone
/// may read it from a browser (ORUK asks for this), as JSON.
pub fn headers(dir: &Directory) -> Option<String> {
    let feed = &dir.site.open_referral;
    feed.publish.then(|| {
        format!(
            "/{}*\n  Access-Control-Allow-Origin: *\n  Content-Type: application/json; charset=utf-8\n",
            feed.path
        )
    })
}

/// Netlify's and Cloudflare Pages' `_redirects` lines that serve the feed
/// at the API's own paths, without `.json`.
pub fn redirects(dir: &Directory) -> Option<String> {
    let feed = &dir.site.open_referral;
    feed.publish.then(|| {
        let p = feed.path.trim_end_matches('/');
        format!(
            "/{p} /{p}/index.json 200\n/{p}/services /{p}/services.json 200\n/{p}/services/:id /{p}/services/:id.json 200\n/{p}/taxonomies /{p}/taxonomies.json 200\n/{p}/taxonomy_terms /{p}/taxonomy_terms.json 200\n"
        )
    })
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON");
    s.push('\n');
    s
}

/// A Page holding every item: the feed is one page.
fn page(contents: Vec<Value>) -> Value {
    json!({
        "total_items": contents.len(),
        "total_pages": 1,
        "page_number": 1,
        "size": contents.len(),
        "first_page": true,
        "last_page": true,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

/// UUIDv5 ids in the site's own namespace.
pub struct Ids {
    namespace: Uuid,
}

impl Ids {
    pub fn new(site: &Site) -> Ids {
        Ids {
            namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, site.base_url.as_bytes()),
        }
    }

    /// The id of `what` (an entry's kind, or a part of one) named `name`.
    pub fn of(&self, what: &str, name: &str) -> String {
        Uuid::new_v5(&self.namespace, format!("{what}:{name}").as_bytes()).to_string()
    }
}

fn taxonomy_term(ids: &Ids, site: &Site, urls: &Urls, category: &str) -> Value {
    let c = site.categories.iter().find(|c| c.id == category);
    json!({
        "id": ids.of("category", category),
        "name": c.map_or(category, |c| c.label.as_str()),
        "description": c.map_or("", |c| c.description.as_str()),
        "code": category,
        "taxonomy": TAXONOMY,
        "taxonomy_id": ids.of("taxonomy", "categories"),
        "term_uri": urls.absolute(&path::category(category)),
    })
}

/// Plain text of Markdown, its words on one line.
fn words(markdown: &str) -> String {
    plain_text(markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn service(dir: &Directory, a: &Activity, urls: &Urls, ids: &Ids, today: NaiveDate) -> Value {
    let id = ids.of("activity", &a.id);
    let org_id = ids.of("organisation", &a.organisation);
    let mut s = json!({
        "id": id,
        "organization_id": org_id,
        "name": a.title,
        "description": words(&a.description),
        "url": a.contact.website.clone().unwrap_or_else(|| urls.absolute(&path::activity(&a.id))),
        "status": match a.status {
            Status::Running => "active",
            Status::Paused => "temporarily closed",
            Status::Ended => "defunct",
        },
    });
    if let Some(email) = &a.contact.email {
        s["email"] = json!(email);
    }
    if let Some(who) = &a.who_for {
        if let Some(min) = who.age_min {
            s["minimum_age"] = json!(min);
        }
        if let Some(max) = who.age_max {
            s["maximum_age"] = json!(max);
        }
        if let Some(e) = &who.eligibility {
            s["eligibility_description"] = json!(e);
        }
    }
    if let Some(date) = a.last_reviewed {
        s["assured_date"] = json!(date.to_string());
    }
    if let Some(cost) = &a.cost {
        s["cost_options"] = json!([cost_option(ids, &a.id, &id, cost)]);
        if !cost.free {
            s["fees"] = json!(cost.text);
        }
    }
    if let Some(o) = dir.organisations.get(&a.organisation) {
        s["organization"] = organization(ids, o);
    }
    s["schedules"] = json!(schedules(a, ids, &id, today));
    s["service_at_locations"] = json!(locations(dir, a, ids, &id));
    s["contacts"] = json!(contacts(a, ids, &id));
    s["languages"] = json!(
        a.languages
            .iter()
            .map(|l| {
                let label = dir
                    .site
                    .languages
                    .iter()
                    .find(|f| f.id == *l)
                    .map_or(l.as_str(), |f| f.label.as_str());
                json!({
                    "id": ids.of("language", &format!("{}:{l}", a.id)),
                    "service_id": id,
                    "name": label,
                    "code": l,
                })
            })
            .collect::<Vec<_>>()
    );
    s["attributes"] = json!(
        a.categories
            .iter()
            .map(|c| {
                let term = taxonomy_term(ids, &dir.site, urls, c);
                json!({
                    "id": ids.of("attribute", &format!("{}:{c}", a.id)),
                    "link_id": id,
                    "link_type": "service",
                    "taxonomy_term_id": term["id"],
                    "taxonomy_term": term,
                })
            })
            .collect::<Vec<_>>()
    );
    s["service_areas"] = json!(service_areas(dir, a, ids, &id));
    s
}

fn organization(ids: &Ids, o: &crate::content::organisation::Organisation) -> Value {
    let id = ids.of("organisation", &o.id);
    let mut v = json!({
        "id": id,
        "name": o.name,
        "description": words(&o.description),
    });
    if let Some(e) = &o.email {
        v["email"] = json!(e);
    }
    if let Some(w) = &o.website {
        v["website"] = json!(w);
    }
    let mut identifiers = Vec::new();
    for (scheme, kind, number) in [
        ("GB-CHC", "Charity number", &o.charity_number),
        ("GB-COH", "Company number", &o.company_number),
    ] {
        if let Some(n) = number {
            identifiers.push(json!({
                "id": ids.of("identifier", &format!("{}:{scheme}", o.id)),
                "organization_id": id,
                "identifier_scheme": scheme,
                "identifier_type": kind,
                "identifier": n,
            }));
        }
    }
    if !identifiers.is_empty() {
        v["organization_identifiers"] = json!(identifiers);
    }
    v
}

fn cost_option(
    ids: &Ids,
    activity: &str,
    service: &str,
    cost: &crate::content::activity::Cost,
) -> Value {
    let mut v = json!({
        "id": ids.of("cost", activity),
        "service_id": service,
        "amount_description": if cost.free { "Free" } else { cost.text.as_str() },
    });
    if cost.free {
        v["amount"] = json!(0);
    } else if let Some(amount) = leading_pounds(&cost.text) {
        v["amount"] = json!(amount);
        v["currency"] = json!("GBP");
    }
    v
}

/// `£3 per session` → 3; `£2.50` → 2.5; anything else, nothing.
fn leading_pounds(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix('£')?;
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse().ok()
}

fn clock(t: NaiveTime) -> String {
    t.format("%H:%M:%S").to_string()
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn schedules(a: &Activity, ids: &Ids, service: &str, today: NaiveDate) -> Vec<Value> {
    let mut out = Vec::new();
    let mut n = 0;
    let mut next_id = || {
        n += 1;
        ids.of("schedule", &format!("{}:{n}", a.id))
    };
    let notes = a
        .schedule_notes
        .iter()
        .chain(&a.availability_notes)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    for session in &a.schedule {
        let mut v = json!({
            "service_id": service,
            "opens_at": clock(session.start),
            "closes_at": clock(session.end),
            "description": session.describe(today),
        });
        if let Some(from) = session.from {
            v["valid_from"] = json!(from.to_string());
        }
        if let Some(until) = session.until {
            v["valid_to"] = json!(until.to_string());
            v["until"] = json!(until.to_string());
        }
        match &session.frequency {
            Frequency::Weekly { day } | Frequency::Fortnightly { day } => {
                v["freq"] = json!("WEEKLY");
                v["interval"] = json!(if matches!(session.frequency, Frequency::Weekly { .. }) {
                    1
                } else {
                    2
                });
                v["byday"] = json!(rrule_day(*day));
            }
            Frequency::Monthly { week, day } => {
                v["freq"] = json!("MONTHLY");
                v["interval"] = json!(1);
                v["byday"] = json!(format!("{}{}", week.nth(), rrule_day(*day)));
            }
            Frequency::Dates { dates } => {
                // Each date is a schedule of its own, valid that day only.
                for date in dates.iter().filter(|d| !session.except.contains(d)) {
                    let mut one = v.clone();
                    one["id"] = json!(next_id());
                    one["dtstart"] = json!(date.to_string());
                    one["valid_from"] = json!(date.to_string());
                    one["valid_to"] = json!(date.to_string());
                    if !notes.is_empty() {
                        one["notes"] = json!(notes);
                    }
                    out.push(one);
                }
                continue;
            }
        }
        if let Some(first) = session.first_date(super::anchor(a, session, today)) {
            v["dtstart"] = json!(first.to_string());
        }
        let mut said = Vec::new();
        if !session.except.is_empty() {
            let dates: Vec<String> = session.except.iter().map(|d| long_date(*d)).collect();
            said.push(format!("Not on {}.", dates.join(", ")));
        }
        if !notes.is_empty() {
            said.push(notes.clone());
        }
        if !said.is_empty() {
            v["notes"] = json!(said.join(" "));
        }
        v["id"] = json!(next_id());
        out.push(v);
    }
    let mut plain = |description: &str| {
        let mut v = json!({
            "id": next_id(),
            "service_id": service,
            "description": description,
        });
        if !notes.is_empty() {
            v["notes"] = json!(notes);
        }
        v
    };
    match &a.availability {
        Availability::Sessions => {}
        Availability::ByAppointment => out.push(plain("By appointment")),
        Availability::Ongoing => out.push(plain("Contact the organisation for times")),
        Availability::Always => {
            let mut v = plain("Open 24 hours, every day");
            v["freq"] = json!("WEEKLY");
            v["interval"] = json!(1);
            v["byday"] = json!("MO,TU,WE,TH,FR,SA,SU");
            v["opens_at"] = json!("00:00:00");
            v["closes_at"] = json!("23:59:59");
            out.push(v);
        }
        Availability::OpeningHours { hours, closed } => {
            let closed: Vec<String> = closed
                .iter()
                .filter(|d| **d >= today)
                .map(|d| long_date(*d))
                .collect();
            for h in hours {
                let mut v = plain(&format!(
                    "{}s, {} to {}",
                    crate::schedule::capitalised(crate::schedule::day_name(h.day)),
                    h.opens.format("%H:%M"),
                    h.closes.format("%H:%M")
                ));
                v["freq"] = json!("WEEKLY");
                v["interval"] = json!(1);
                v["byday"] = json!(rrule_day(h.day));
                v["opens_at"] = json!(clock(h.opens));
                v["closes_at"] = json!(clock(h.closes));
                if !closed.is_empty() {
                    let said = format!("Closed on {}.", closed.join(", "));
                    v["notes"] = json!(match v.get("notes").and_then(Value::as_str) {
                        Some(n) => format!("{said} {n}"),
                        None => said,
                    });
                }
                out.push(v);
            }
        }
    }
    out
}

fn address(site: &Site, ids: &Ids, key: &str, location: &str, v: &Venue) -> Option<Value> {
    let postcode = v.postcode.as_ref()?;
    // UK addresses end with their town: "Park Road, Testtown".
    let (street, town) = match v.address.rsplit_once(',') {
        Some((street, town)) => (street.trim(), town.trim()),
        None => (v.address.trim(), ""),
    };
    Some(json!({
        "id": ids.of("address", key),
        "location_id": location,
        "address_1": street,
        "city": town,
        "state_province": site.region,
        "postal_code": postcode,
        "country": "GB",
        "address_type": "physical",
    }))
}

fn locations(dir: &Directory, a: &Activity, ids: &Ids, service: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for (n, v) in a.venue.iter().chain(&a.more_venues).enumerate() {
        let key = format!("{}:{n}", a.id);
        let location = ids.of("location", &key);
        let mut loc = json!({
            "id": location,
            "location_type": "physical",
            "name": v.name,
        });
        match address(&dir.site, ids, &key, &location, v) {
            Some(addr) => loc["addresses"] = json!([addr]),
            None => loc["description"] = json!(v.address),
        }
        if let Some(c) = v.coordinates {
            loc["latitude"] = json!(c.latitude);
            loc["longitude"] = json!(c.longitude);
        }
        let access = v.accessibility.as_ref().unwrap_or(&a.accessibility);
        let mut said: Vec<String> = access
            .features
            .iter()
            .map(|f| {
                dir.site
                    .accessibility_features
                    .iter()
                    .find(|x| x.id == *f)
                    .map_or(f.clone(), |x| x.label.clone())
            })
            .collect();
        said.extend(access.notes.clone());
        if !said.is_empty() {
            loc["accessibility"] = json!([{
                "id": ids.of("accessibility", &key),
                "location_id": location,
                "description": said.join(". "),
            }]);
        }
        out.push(json!({
            "id": ids.of("service_at_location", &key),
            "service_id": service,
            "location_id": location,
            "location": loc,
        }));
    }
    if let Some(online) = &a.online {
        let key = format!("{}:online", a.id);
        let location = ids.of("location", &key);
        let mut loc = json!({
            "id": location,
            "location_type": "virtual",
            "name": "Online",
        });
        let said: Vec<&str> = online
            .url
            .iter()
            .chain(&online.details)
            .map(String::as_str)
            .collect();
        if !said.is_empty() {
            loc["description"] = json!(said.join(" "));
        }
        out.push(json!({
            "id": ids.of("service_at_location", &key),
            "service_id": service,
            "location_id": location,
            "location": loc,
        }));
    }
    out
}

fn contacts(a: &Activity, ids: &Ids, service: &str) -> Vec<Value> {
    let c = &a.contact;
    let id = ids.of("contact", &a.id);
    let mut v = json!({ "id": id, "service_id": service });
    if let Some(name) = &c.name {
        v["name"] = json!(name);
    }
    if let Some(role) = &c.role {
        v["title"] = json!(role);
    }
    if let Some(email) = &c.email {
        v["email"] = json!(email);
    }
    if let Some(phone) = &c.phone {
        v["phones"] = json!([{
            "id": ids.of("phone", &a.id),
            "contact_id": id,
            "number": phone,
        }]);
    }
    vec![v]
}

fn service_areas(dir: &Directory, a: &Activity, ids: &Ids, service: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let pcns: Vec<String> = match &a.pcns {
        PcnScope::All => vec![format!(
            "Patients of every GP practice in {}",
            dir.site.region
        )],
        PcnScope::Listed(ids) => ids
            .iter()
            .map(|p| {
                let name = dir.pcns.get(p).map_or(p.as_str(), |p| p.name.as_str());
                format!("Patients of GP practices in {name}")
            })
            .collect(),
    };
    for (n, name) in pcns.into_iter().enumerate() {
        out.push(json!({
            "id": ids.of("service_area", &format!("{}:pcn:{n}", a.id)),
            "service_id": service,
            "name": name,
            "service_area": name,
        }));
    }
    if let Some(area) = &a.area_served {
        let mut v = json!({
            "id": ids.of("service_area", &format!("{}:area", a.id)),
            "service_id": service,
        });
        let name = match (&area.description, area.districts.is_empty()) {
            (Some(d), _) => d.clone(),
            (None, false) => format!("Postcode districts {}", area.districts.join(", ")),
            (None, true) => String::new(),
        };
        v["name"] = json!(name);
        v["service_area"] = json!(name);
        if !area.districts.is_empty() {
            v["extent"] = json!(area.districts.join(","));
            v["extent_type"] = json!("postcode_districts");
        }
        out.push(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_is_read_only_when_it_leads() {
        assert_eq!(leading_pounds("£3 per session"), Some(3.0));
        assert_eq!(leading_pounds("£2.50"), Some(2.5));
        assert_eq!(leading_pounds("Donations welcome"), None);
        assert_eq!(leading_pounds("3 pounds"), None);
    }
}
