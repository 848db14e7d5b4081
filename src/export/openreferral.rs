//! A static Open Referral UK 3.0 API: the directory's activities as ORUK
//! services, with their organisations, places, schedules, costs, contacts,
//! eligibility, languages, categories and service areas, written as JSON
//! files a static host can serve (docs/open-data.md).
//!
//! Ids are UUIDv5, named from the site's address and the entry's kind and
//! id, so they stay the same from build to build.

use chrono::{NaiveDate, NaiveTime};
use rayon::prelude::*;
use std::collections::HashMap;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::config::Site;
use crate::content::Directory;
use crate::content::activity::{Activity, PcnScope, Status};
use crate::content::common::Venue;
use crate::markdown::plain_words;
use crate::routes::urls::{Urls, path};
use crate::schedule::{Availability, Frequency, rrule_day};

use super::Part;

/// Where ORUK publishes the UK profile and its API description.
const PROFILE: &str = "https://github.com/OpenReferralUK/uk-profile";
const OPENAPI: &str =
    "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/openapi.json";

/// The name of Signpost's category taxonomy in the feed.
const TAXONOMY: &str = "Signpost categories";

/// How many services are made on every core at once, before their list
/// items go into `services.json`: enough to keep the cores busy, few
/// enough that the list is never held whole.
const BATCH: usize = 2048;

/// Writes the feed's files, each service's as soon as it is made (so the
/// feed is never held in memory whole); returns their paths.
pub fn write(run: super::Run) -> anyhow::Result<Vec<String>> {
    let (dir, urls, today, reuse, sink) = (run.dir, run.urls, run.today, run.reuse, run.sink);
    let feed = &dir.site.open_referral;
    if !feed.publish {
        return Ok(Vec::new());
    }
    let ids = Ids::new(&dir.site.base_url);
    let base = &feed.path;
    let activities = super::with_pages(dir);
    // Each activity's part as kept since the last save (none for a
    // build): only the others are made.
    let mut kept = reuse.kept("openreferral", &activities);
    // Each organisation and taxonomy term written once, for all the
    // services to be made that name it.
    let mut orgs: Vec<_> = activities
        .iter()
        .zip(&kept)
        .filter(|(_, kept)| kept.is_none())
        .filter_map(|((_, a), _)| dir.organisations.get(&a.organisation))
        .collect();
    orgs.sort_unstable_by_key(|o| &o.id);
    orgs.dedup_by_key(|o| &o.id);
    let organizations: HashMap<&str, Box<RawValue>> = orgs
        .par_iter()
        .map(|o| (o.id.as_str(), raw(&organization(&ids, o))))
        .collect();
    let terms: HashMap<&str, (String, Box<RawValue>)> = dir
        .site
        .categories
        .iter()
        .map(|c| {
            let term = taxonomy_term(&ids, &dir.site, urls, &c.id);
            (c.id.as_str(), (ids.of("category", &c.id), raw(&term)))
        })
        .collect();
    let shared = Shared {
        dir,
        urls,
        ids: &ids,
        today,
        organizations: &organizations,
        terms: &terms,
    };
    // Each service built on every core and written at once; the list
    // items of each batch joined, in order, into the list.
    let mut paths = Vec::with_capacity(activities.len() + 4);
    let batches = activities
        .chunks(BATCH)
        .zip(kept.chunks_mut(BATCH))
        .map(|(batch, kept)| {
            let made = batch
                .par_iter()
                .zip(kept.par_iter_mut())
                .map(
                    |(&(at, a), kept)| -> anyhow::Result<(String, Part, usize)> {
                        let file = |id: &str| [base.as_str(), "services/", id, ".json"].concat();
                        // The part: the service's id, a new line, its list item
                        // (so a kept part names its file without working out the
                        // id again).
                        let item = reuse.part("openreferral", (at, a), kept.take(), || {
                            let service = service(&shared, a);
                            let head = serde_json::to_string(&service.head).expect("JSON");
                            sink.write(&file(&service.head.id), full(&head, &service).as_bytes())?;
                            Ok(format!("{}\n{head}", service.head.id))
                        })?;
                        let id = item.first_line().expect("an id, then the item");
                        let (path, from) = (file(id), id.len() + 1);
                        Ok((path, item, from))
                    },
                )
                .collect::<anyhow::Result<Vec<_>>>()?;
            let mut run = Vec::with_capacity(made.len());
            for (path, item, from) in made {
                let rest = from..item.len();
                run.push((item, rest));
                paths.push(path);
            }
            Ok(run)
        });
    let list = format!("{base}services.json");
    super::write_list(
        sink,
        &list,
        &Page::of(activities.len()),
        "contents",
        batches,
    )?;
    paths.push(list);
    let mut out = vec![(
        format!("{base}index.json"),
        compact(&json!({
            "version": "HSDS-UK-3.0",
            "profile": PROFILE,
            "openapi_url": OPENAPI,
        })),
    )];
    let taxonomy_id = ids.of("taxonomy", "categories");
    out.push((
        format!("{base}taxonomies.json"),
        page(&[json!({
            "id": taxonomy_id,
            "name": TAXONOMY,
            "description": format!("The categories of the {}", dir.site.title),
            "uri": urls.absolute(&path::categories()),
        })]),
    ));
    let terms: Vec<Value> = dir
        .site
        .categories
        .iter()
        .map(|c| taxonomy_term(&ids, &dir.site, urls, &c.id))
        .collect();
    out.push((format!("{base}taxonomy_terms.json"), page(&terms)));
    for (path, text) in out {
        sink.write(&path, text.as_bytes())?;
        paths.push(path);
    }
    Ok(paths)
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

/// A document's text: compact, as machines read it (pretty printing
/// would make the feed half as large again).
fn compact(v: &Value) -> String {
    let mut s = serde_json::to_string(v).expect("JSON");
    s.push('\n');
    s
}

/// A Page holding every item (the feed is one page), before its contents.
#[derive(Serialize)]
struct Page {
    total_items: usize,
    total_pages: usize,
    page_number: usize,
    size: usize,
    first_page: bool,
    last_page: bool,
    empty: bool,
}

impl Page {
    /// The head of the one Page of `n` items.
    fn of(n: usize) -> Page {
        Page {
            total_items: n,
            total_pages: 1,
            page_number: 1,
            size: n,
            first_page: true,
            last_page: true,
            empty: n == 0,
        }
    }
}

/// The text of a Page of `contents`.
fn page<T: Serialize>(contents: &[T]) -> String {
    let items: Vec<String> = contents
        .iter()
        .map(|c| serde_json::to_string(c).expect("JSON"))
        .collect();
    let mut text = serde_json::to_string(&Page::of(items.len())).expect("JSON");
    text.pop();
    text.push_str(",\"contents\":[");
    text.push_str(&items.join(","));
    text.push_str("]}\n");
    text
}

/// A JSON value, written once, to embed as it is.
fn raw(v: &Value) -> Box<RawValue> {
    RawValue::from_string(v.to_string()).expect("JSON")
}

/// UUIDv5 ids in the site's own namespace.
pub struct Ids {
    /// SHA-1 having read the namespace: the start of every id's hash.
    namespace: sha1::Sha1,
}

impl Ids {
    /// The ids of the site published at `base_url`.
    pub fn new(base_url: &str) -> Ids {
        use sha1::Digest;
        let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, base_url.as_bytes());
        Ids {
            namespace: sha1::Sha1::new_with_prefix(namespace.as_bytes()),
        }
    }

    /// The id of `what` (an entry's kind, or a part of one) named `name`:
    /// the UUIDv5 of `what:name` in the site's namespace. (`Uuid::new_v5`
    /// gives the same, but hashes with SHA-1 in plain Rust, where the
    /// `sha1` crate uses the processor's SHA instructions: a service has
    /// about fifteen ids.)
    pub fn of(&self, what: &str, name: &str) -> String {
        use sha1::Digest;
        let mut hash = self.namespace.clone();
        hash.update(what.as_bytes());
        hash.update(b":");
        hash.update(name.as_bytes());
        let digest = hash.finalize();
        let mut bytes = [0; 16];
        bytes.copy_from_slice(&digest[..16]);
        let id = uuid::Builder::from_sha1_bytes(bytes).into_uuid();
        let mut text = [0; uuid::fmt::Hyphenated::LENGTH];
        id.hyphenated().encode_lower(&mut text).to_owned()
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

// A service as ORUK 3.0 lays it out. Typed rather than built as a tree of
// JSON values: at 10,000 services, building and freeing those trees cost
// several times what writing the text does.

#[derive(Serialize)]
struct Service<'a> {
    /// Written first, by `full` (it is the list item too).
    #[serde(skip)]
    head: Head<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligibility_description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fees: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cost_options: Vec<CostOption<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<&'a RawValue>,
    schedules: Vec<Schedule>,
    service_at_locations: Vec<ServiceAtLocation<'a>>,
    contacts: Vec<Contact<'a>>,
    languages: Vec<Language<'a>>,
    attributes: Vec<Attribute<'a>>,
    service_areas: Vec<ServiceArea>,
}

/// The service's file: its head's fields, then the rest (serialised once
/// each, the head being the list item too), and a new line.
fn full(head: &str, service: &Service) -> String {
    let rest = serde_json::to_string(service).expect("JSON");
    // `schedules` is always there, so the rest is never `{}`.
    let (Some(head), Some(rest)) = (head.strip_suffix('}'), rest.strip_prefix('{')) else {
        unreachable!("both are JSON objects");
    };
    debug_assert!(!rest.starts_with('}'));
    let mut text = String::with_capacity(head.len() + rest.len() + 2);
    text.push_str(head);
    text.push(',');
    text.push_str(rest);
    text.push('\n');
    text
}

/// A service's own fields, which its `/services` list item holds too
/// (the list names each organization by id only: with every organization
/// in full, the list of a large directory would be many megabytes).
#[derive(Serialize)]
struct Head<'a> {
    id: String,
    organization_id: String,
    name: &'a str,
    description: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum_age: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_age: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assured_date: Option<String>,
}

#[derive(Serialize)]
struct CostOption<'a> {
    id: String,
    service_id: String,
    amount_description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'static str>,
}

#[derive(Serialize, Default)]
struct Schedule {
    id: String,
    service_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    freq: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dtstart: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closes_at: Option<String>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

#[derive(Serialize)]
struct ServiceAtLocation<'a> {
    id: String,
    service_id: String,
    location_id: String,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    id: String,
    location_type: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    addresses: Vec<Address<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    accessibility: Vec<Access>,
}

#[derive(Serialize)]
struct Address<'a> {
    id: String,
    location_id: String,
    address_1: &'a str,
    city: &'a str,
    state_province: &'a str,
    postal_code: &'a str,
    country: &'static str,
    address_type: &'static str,
}

#[derive(Serialize)]
struct Access {
    id: String,
    location_id: String,
    description: String,
}

#[derive(Serialize)]
struct Contact<'a> {
    id: String,
    service_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phones: Vec<Phone<'a>>,
}

#[derive(Serialize)]
struct Phone<'a> {
    id: String,
    contact_id: String,
    number: &'a str,
}

#[derive(Serialize)]
struct Language<'a> {
    id: String,
    service_id: String,
    name: &'a str,
    code: &'a str,
}

#[derive(Serialize)]
struct Attribute<'a> {
    id: String,
    link_id: String,
    link_type: &'static str,
    taxonomy_term_id: String,
    taxonomy_term: &'a RawValue,
}

#[derive(Serialize)]
struct ServiceArea {
    id: String,
    service_id: String,
    name: String,
    service_area: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    extent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extent_type: Option<&'static str>,
}

/// What every service shares: the site, its ids, and each organization
/// and taxonomy term written once.
struct Shared<'a> {
    dir: &'a Directory,
    urls: &'a Urls,
    ids: &'a Ids,
    today: NaiveDate,
    organizations: &'a HashMap<&'a str, Box<RawValue>>,
    terms: &'a HashMap<&'a str, (String, Box<RawValue>)>,
}

fn service<'a>(x: &'a Shared<'a>, a: &'a Activity) -> Service<'a> {
    let (dir, ids) = (x.dir, x.ids);
    let id = ids.of("activity", &a.id);
    let who = a.who_for.as_ref();
    let cost_options = a
        .cost
        .iter()
        .map(|cost| CostOption {
            id: ids.of("cost", &a.id),
            service_id: id.clone(),
            amount_description: if cost.free {
                "Free"
            } else {
                cost.text.as_str()
            },
            amount: cost.pounds(),
            currency: (!cost.free && cost.pounds().is_some()).then_some("GBP"),
        })
        .collect();
    let languages = a
        .languages
        .iter()
        .map(|l| Language {
            id: ids.of("language", &format!("{}:{l}", a.id)),
            service_id: id.clone(),
            name: dir
                .site
                .languages
                .iter()
                .find(|f| f.id == *l)
                .map_or(l.as_str(), |f| f.label.as_str()),
            code: l,
        })
        .collect();
    let attributes = a
        .categories
        .iter()
        .filter_map(|c| {
            let (term_id, term) = x.terms.get(c.as_str())?;
            Some(Attribute {
                id: ids.of("attribute", &format!("{}:{c}", a.id)),
                link_id: id.clone(),
                link_type: "service",
                taxonomy_term_id: term_id.clone(),
                taxonomy_term: term,
            })
        })
        .collect();
    let schedules = schedules(a, ids, &id, x.today);
    let service_at_locations = locations(dir, a, ids, &id);
    let contacts = contacts(a, ids, &id);
    let service_areas = service_areas(dir, a, ids, &id);
    Service {
        head: Head {
            id,
            organization_id: ids.of("organisation", &a.organisation),
            name: &a.title,
            description: a.description_text(),
            url: a
                .contact
                .website
                .clone()
                .unwrap_or_else(|| x.urls.absolute(&path::activity(&a.id))),
            email: a.contact.email.as_deref(),
            status: match a.status {
                Status::Running => "active",
                Status::Paused => "temporarily closed",
                Status::Ended => "defunct",
            },
            minimum_age: who.and_then(|w| w.age_min),
            maximum_age: who.and_then(|w| w.age_max),
            assured_date: a.last_reviewed.map(|d| d.to_string()),
        },
        eligibility_description: who.and_then(|w| w.eligibility.as_deref()),
        fees: a.cost.as_ref().filter(|c| !c.free).map(|c| c.text.as_str()),
        cost_options,
        organization: x.organizations.get(a.organisation.as_str()).map(|o| &**o),
        schedules,
        service_at_locations,
        contacts,
        languages,
        attributes,
        service_areas,
    }
}

fn organization(ids: &Ids, o: &crate::content::organisation::Organisation) -> Value {
    let id = ids.of("organisation", &o.id);
    let mut v = json!({
        "id": id,
        "name": o.name,
        "description": plain_words(&o.description),
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

fn clock(t: NaiveTime) -> String {
    t.format("%H:%M:%S").to_string()
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn schedules(a: &Activity, ids: &Ids, service: &str, today: NaiveDate) -> Vec<Schedule> {
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
    let notes = (!notes.is_empty()).then_some(notes);
    for session in &a.schedule {
        let mut v = Schedule {
            service_id: service.to_string(),
            opens_at: Some(clock(session.start)),
            closes_at: Some(clock(session.end)),
            description: session.describe(today),
            valid_from: session.from.map(|d| d.to_string()),
            valid_to: session.until.map(|d| d.to_string()),
            until: session.until.map(|d| d.to_string()),
            ..Schedule::default()
        };
        match &session.frequency {
            Frequency::Weekly { day } => {
                v.freq = Some("WEEKLY");
                v.interval = Some(1);
                v.byday = Some(rrule_day(*day).into());
            }
            Frequency::Fortnightly { day } => {
                v.freq = Some("WEEKLY");
                v.interval = Some(2);
                v.byday = Some(rrule_day(*day).into());
            }
            Frequency::Monthly { week, day } => {
                v.freq = Some("MONTHLY");
                v.interval = Some(1);
                v.byday = Some(format!("{}{}", week.nth(), rrule_day(*day)));
            }
            Frequency::Dates { dates } => {
                // Each date is a schedule of its own, valid that day only.
                for date in dates.iter().filter(|d| !session.except.contains(d)) {
                    out.push(Schedule {
                        id: next_id(),
                        service_id: v.service_id.clone(),
                        dtstart: Some(date.to_string()),
                        valid_from: Some(date.to_string()),
                        valid_to: Some(date.to_string()),
                        opens_at: v.opens_at.clone(),
                        closes_at: v.closes_at.clone(),
                        description: v.description.clone(),
                        notes: notes.clone(),
                        ..Schedule::default()
                    });
                }
                continue;
            }
        }
        v.dtstart = session
            .first_date(super::anchor(a, session, today))
            .map(|d| d.to_string());
        let mut said = Vec::new();
        if !session.except.is_empty() {
            let dates: Vec<String> = session.except.iter().map(|d| long_date(*d)).collect();
            said.push(format!("Not on {}.", dates.join(", ")));
        }
        said.extend(notes.clone());
        if !said.is_empty() {
            v.notes = Some(said.join(" "));
        }
        v.id = next_id();
        out.push(v);
    }
    let mut plain = |description: String| Schedule {
        id: next_id(),
        service_id: service.to_string(),
        description,
        notes: notes.clone(),
        ..Schedule::default()
    };
    match &a.availability {
        Availability::Sessions => {}
        Availability::ByAppointment => out.push(plain("By appointment".into())),
        Availability::Ongoing => out.push(plain("Contact the organisation for times".into())),
        Availability::Always => {
            let mut v = plain("Open 24 hours, every day".into());
            v.freq = Some("WEEKLY");
            v.interval = Some(1);
            v.byday = Some("MO,TU,WE,TH,FR,SA,SU".into());
            v.opens_at = Some("00:00:00".into());
            v.closes_at = Some("23:59:59".into());
            out.push(v);
        }
        Availability::OpeningHours { hours, closed } => {
            let closed: Vec<String> = closed
                .iter()
                .filter(|d| **d >= today)
                .map(|d| long_date(*d))
                .collect();
            for h in hours {
                let mut v = plain(format!(
                    "{}s, {} to {}",
                    crate::schedule::capitalised(crate::schedule::day_name(h.day)),
                    h.opens.format("%H:%M"),
                    h.closes.format("%H:%M")
                ));
                v.freq = Some("WEEKLY");
                v.interval = Some(1);
                v.byday = Some(rrule_day(h.day).into());
                v.opens_at = Some(clock(h.opens));
                v.closes_at = Some(clock(h.closes));
                if !closed.is_empty() {
                    let said = format!("Closed on {}.", closed.join(", "));
                    v.notes = Some(match v.notes.take() {
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

fn address<'a>(
    site: &'a Site,
    ids: &Ids,
    key: &str,
    location: &str,
    v: &'a Venue,
) -> Option<Address<'a>> {
    let postcode = v.postcode.as_ref()?;
    // UK addresses end with their town: "Park Road, Testtown".
    let (street, town) = match v.address.rsplit_once(',') {
        Some((street, town)) => (street.trim(), town.trim()),
        None => (v.address.trim(), ""),
    };
    Some(Address {
        id: ids.of("address", key),
        location_id: location.to_string(),
        address_1: street,
        city: town,
        state_province: &site.region,
        postal_code: postcode,
        country: "GB",
        address_type: "physical",
    })
}

fn locations<'a>(
    dir: &'a Directory,
    a: &'a Activity,
    ids: &Ids,
    service: &str,
) -> Vec<ServiceAtLocation<'a>> {
    let mut out = Vec::new();
    for (n, v) in a.venue.iter().chain(&a.more_venues).enumerate() {
        let key = format!("{}:{n}", a.id);
        let location = ids.of("location", &key);
        let addresses: Vec<Address> = address(&dir.site, ids, &key, &location, v)
            .into_iter()
            .collect();
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
        let accessibility = if said.is_empty() {
            Vec::new()
        } else {
            vec![Access {
                id: ids.of("accessibility", &key),
                location_id: location.clone(),
                description: said.join(". "),
            }]
        };
        out.push(ServiceAtLocation {
            id: ids.of("service_at_location", &key),
            service_id: service.to_string(),
            location_id: location.clone(),
            location: Location {
                description: addresses.is_empty().then(|| v.address.clone()),
                id: location,
                location_type: "physical",
                name: &v.name,
                latitude: v.coordinates.map(|c| c.latitude),
                longitude: v.coordinates.map(|c| c.longitude),
                addresses,
                accessibility,
            },
        });
    }
    if let Some(online) = &a.online {
        let key = format!("{}:online", a.id);
        let location = ids.of("location", &key);
        let said: Vec<&str> = online
            .url
            .iter()
            .chain(&online.details)
            .map(String::as_str)
            .collect();
        out.push(ServiceAtLocation {
            id: ids.of("service_at_location", &key),
            service_id: service.to_string(),
            location_id: location.clone(),
            location: Location {
                id: location,
                location_type: "virtual",
                name: "Online",
                description: (!said.is_empty()).then(|| said.join(" ")),
                latitude: None,
                longitude: None,
                addresses: Vec::new(),
                accessibility: Vec::new(),
            },
        });
    }
    out
}

fn contacts<'a>(a: &'a Activity, ids: &Ids, service: &str) -> Vec<Contact<'a>> {
    let c = &a.contact;
    let id = ids.of("contact", &a.id);
    let phones = c
        .phone
        .iter()
        .map(|number| Phone {
            id: ids.of("phone", &a.id),
            contact_id: id.clone(),
            number,
        })
        .collect();
    vec![Contact {
        id,
        service_id: service.to_string(),
        name: c.name.as_deref(),
        title: c.role.as_deref(),
        email: c.email.as_deref(),
        phones,
    }]
}

fn service_areas(dir: &Directory, a: &Activity, ids: &Ids, service: &str) -> Vec<ServiceArea> {
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
        out.push(ServiceArea {
            id: ids.of("service_area", &format!("{}:pcn:{n}", a.id)),
            service_id: service.to_string(),
            service_area: name.clone(),
            name,
            extent: None,
            extent_type: None,
        });
    }
    if let Some(area) = &a.area_served {
        let name = match (&area.description, area.districts.is_empty()) {
            (Some(d), _) => d.clone(),
            (None, false) => format!("Postcode districts {}", area.districts.join(", ")),
            (None, true) => String::new(),
        };
        out.push(ServiceArea {
            id: ids.of("service_area", &format!("{}:area", a.id)),
            service_id: service.to_string(),
            service_area: name.clone(),
            name,
            extent: (!area.districts.is_empty()).then(|| area.districts.join(",")),
            extent_type: (!area.districts.is_empty()).then_some("postcode_districts"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids are the `uuid` crate's own UUIDv5s, for short names and
    /// for names longer than a SHA-1 block, in any script.
    #[test]
    fn ids_are_the_uuid_crates_v5() {
        let ids = Ids::new("https://example.org/");
        let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://example.org/");
        let long = "a-very-long-activity-id-".repeat(5);
        for (what, name) in [
            ("activity", "park-walk"),
            ("schedule", ""),
            ("organisation", "caf\u{e9}-cymraeg-\u{1f600}"),
            ("location", long.as_str()),
        ] {
            let expected = Uuid::new_v5(&namespace, format!("{what}:{name}").as_bytes());
            assert_eq!(ids.of(what, name), expected.to_string(), "{what}:{name}");
        }
    }
}
