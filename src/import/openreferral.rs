//! Open Referral UK feeds (ORUK 1.0, and HSDS / ORUK 3.0) to organisation
//! and activity entries: a list of services, a page of one, or a full
//! service document, read field by field into the content model.
//!
//! A value is written only when it can be read for certain: a postcode
//! that is not a UK postcode stays in the address text, a schedule that
//! cannot be read as days and times stays in its own words, and whatever
//! the model has no place for is named in the summary, never dropped
//! silently.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde_json::Value as Json;

use super::{Planned, Summary, Value};
use crate::content::Directory;
use crate::decode::{Cx, Fields, list, term, text};
use crate::fields::{Field, Need, Shape};
use crate::formats;
use crate::kind::Kind;
use crate::schedule::day_name;
use crate::yaml::Node;

/// The `source.system` of entries from a feed unless told otherwise.
pub const DEFAULT_SYSTEM: &str = "openreferral";

const TERMS: Field = Field::new(
    "terms",
    Need::Required,
    Shape::List(&Shape::Group(TERM_FIELDS)),
    "the feed's taxonomy terms, each with the category it becomes",
);
const TERM: Field = Field::new(
    "term",
    Need::Required,
    Shape::Text,
    "the term's id in the feed, or its name",
)
.example("Mental health");
const CATEGORY: Field = Field::new(
    "category",
    Need::Required,
    Shape::Text,
    "the id of a category in content/site.yaml",
)
.example("mental-health");
const TERM_FIELDS: &[Field] = &[TERM, CATEGORY];

/// The fields of a taxonomy mapping file, for its documentation.
pub const FIELDS: &[Field] = &[TERMS];

/// Which category each of the feed's taxonomy terms becomes, by the term's
/// id or name (in lower case).
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub terms: BTreeMap<String, String>,
}

impl Taxonomy {
    pub fn decode(cx: &mut Cx, node: &Node) -> Option<Taxonomy> {
        let mut f = Fields::of(cx, node, "a taxonomy mapping")?;
        let pairs = f.read(
            cx,
            &TERMS,
            list(|cx: &mut Cx, node: &Node| {
                let mut g = Fields::of(cx, node, "a term")?;
                let term_name = g.read(cx, &TERM, text);
                let category = g.read(cx, &CATEGORY, term(crate::decode::Vocabulary::Categories));
                g.finish(cx);
                Some((term_name?.trim().to_lowercase(), category?))
            }),
        );
        f.finish(cx);
        Some(Taxonomy {
            terms: pairs?.into_iter().collect(),
        })
    }
}

/// The services in one JSON document, and whether it lists the whole feed
/// (a list or a page of one) or is a single service.
#[derive(Debug)]
pub struct Document {
    pub services: Vec<Json>,
    pub list: bool,
    /// For a page: (this page's number, how many pages there are).
    pub page: Option<(u64, u64)>,
}

/// Reads a feed's document: a Page (`contents` in 3.0, `content` in 1.0),
/// a bare list of services, or one service.
pub fn document(doc: &Json) -> Result<Document, String> {
    if let Some(items) = doc.as_array() {
        return Ok(Document {
            services: items.clone(),
            list: true,
            page: None,
        });
    }
    let Some(obj) = doc.as_object() else {
        return Err("it is not a JSON object or list, so it is not an Open Referral feed".into());
    };
    for key in ["contents", "content", "items"] {
        if let Some(items) = obj.get(key).and_then(Json::as_array) {
            let number =
                |keys: &[&str]| keys.iter().find_map(|k| obj.get(*k).and_then(Json::as_u64));
            let page = match (
                number(&["page_number", "number", "pageNumber"]),
                number(&["total_pages", "totalPages"]),
            ) {
                (Some(n), Some(total)) => Some((n, total)),
                _ => None,
            };
            return Ok(Document {
                services: items.clone(),
                list: true,
                page,
            });
        }
    }
    if obj.contains_key("name") && obj.contains_key("id") {
        return Ok(Document {
            services: vec![doc.clone()],
            list: false,
            page: None,
        });
    }
    Err("it has no `contents` (ORUK 3.0), `content` (ORUK 1.0) or services list, and is not one service with an `id` and a `name`".into())
}

/// Whether a list item leaves out what a full `/services/{id}` document
/// has (ORUK 3.0 lists give only the service's own fields).
pub fn is_summary(service: &Json) -> bool {
    [
        "schedules",
        "regular_schedules",
        "service_at_locations",
        "contacts",
        "cost_options",
    ]
    .iter()
    .all(|k| service.get(k).is_none())
}

/// A string field, trimmed; numbers are read as their text.
fn s(v: &Json, key: &str) -> Option<String> {
    match v.get(key)? {
        Json::String(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list field's items (none when absent or not a list).
fn items<'a>(v: &'a Json, key: &str) -> &'a [Json] {
    v.get(key)
        .and_then(Json::as_array)
        .map_or(&[], Vec::as_slice)
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string")
}

/// Fields of ORUK services the content model has no place for, named in
/// the summary when a feed fills them in (`[]` goes into each item).
const NOT_KEPT: &[&str] = &[
    "accreditations",
    "alert",
    "funding",
    "fundings",
    "assurer_email",
    "interpretation_services",
    "application_process",
    "wait_time",
    "licenses",
    "reviews",
    "contacts[].title",
    "organization.logo",
    "schedules[].schedule_link",
    "regular_schedules[].schedule_link",
];

/// Whether `path` (like `contacts[].title`) holds anything in `v`.
fn filled(v: &Json, path: &str) -> bool {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let (key, each) = match head.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (head, false),
    };
    let Some(value) = v.get(key) else {
        return false;
    };
    match (rest, each) {
        (Some(rest), true) => value
            .as_array()
            .is_some_and(|a| a.iter().any(|i| filled(i, rest))),
        (Some(rest), false) => filled(value, rest),
        (None, _) => match value {
            Json::String(t) => !t.trim().is_empty(),
            Json::Array(a) => !a.is_empty(),
            Json::Null => false,
            _ => true,
        },
    }
}

/// What reading a feed found, beside the entries.
#[derive(Debug, Default)]
pub struct Findings {
    /// Taxonomy terms with no category: (term id or name) → how many services.
    pub unmapped: BTreeMap<String, usize>,
    /// Languages not in site.yaml → how many services.
    pub languages: BTreeMap<String, usize>,
    /// Fields with no place in the model → how many services fill them in.
    pub not_kept: BTreeMap<String, usize>,
}

/// The feed's services as planned entries: the organisations to write,
/// then the activities, in the feed's order. `complete` says the services
/// are the whole feed, so that entries from it that are no longer there
/// are marked ended.
pub struct Feed<'a> {
    pub system: &'a str,
    pub taxonomy: &'a Taxonomy,
    pub today: NaiveDate,
    /// The organisation that runs the services the feed names none for,
    /// as the person importing says (often the feed's publisher).
    pub publisher: Option<&'a str>,
}

impl Feed<'_> {
    pub fn plan(
        &self,
        services: &[Json],
        complete: bool,
        dir: &Directory,
        summary: &mut Summary,
        findings: &mut Findings,
    ) -> Vec<Planned> {
        let mut orgs: Vec<Planned> = Vec::new();
        let mut activities: Vec<Planned> = Vec::new();
        // Organisations by their id in the feed, then by name: those made by
        // this feed before, and the directory's own.
        let mut org_ids: BTreeMap<String, String> = BTreeMap::new();
        let mut org_names: BTreeMap<String, String> = BTreeMap::new();
        for o in dir.organisations.values() {
            if let Some(src) = o.source.as_ref().filter(|s| s.system == self.system) {
                org_ids.insert(src.id.clone(), o.id.clone());
            }
            org_names.insert(o.name.to_lowercase(), o.id.clone());
        }
        let by_source: BTreeMap<&str, &str> = dir
            .activities
            .values()
            .filter_map(|a| {
                let src = a.source.as_ref().filter(|s| s.system == self.system)?;
                Some((src.id.as_str(), a.id.as_str()))
            })
            .collect();
        let mut ids_used: BTreeSet<String> = BTreeSet::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut orgs_written: BTreeSet<String> = BTreeSet::new();
        for (n, service) in services.iter().enumerate() {
            let name = s(service, "name");
            let label = match (&name, s(service, "id")) {
                (Some(name), _) => format!("service \"{name}\""),
                (None, Some(id)) => format!("service {id}"),
                (None, None) => format!("service {} in the feed", n + 1),
            };
            let mut problems = Vec::new();
            let mut notes = Vec::new();
            let Some(source_id) = s(service, "id") else {
                summary.problems.push(format!(
                    "{label} has no `id`, so a re-import could not find it"
                ));
                summary.rejected += 1;
                continue;
            };
            if !seen.insert(source_id.clone()) {
                summary.skip("listed twice in the feed");
                continue;
            }
            let fees_unused = filled(service, "cost_options").then_some("fees");
            for path in NOT_KEPT.iter().copied().chain(fees_unused) {
                if filled(service, path) {
                    *findings.not_kept.entry(path.to_string()).or_default() += 1;
                }
            }
            let org = self.organisation(
                service,
                &label,
                &mut org_ids,
                &mut org_names,
                &mut orgs_written,
                dir,
            );
            let (org_id, new_org) = match org {
                Ok(found) => found,
                Err(e) => {
                    problems.push(e);
                    (String::new(), None)
                }
            };
            let mut fields: Vec<(&'static str, Value)> = Vec::new();
            match &name {
                Some(name) => fields.push(("title", Value::Text(name.clone()))),
                None => problems.push(format!("{label} has no `name`")),
            }
            fields.push(("organisation", Value::Plain(org_id.clone())));
            fields.push(("status", Value::Plain(status(service).into())));
            match s(service, "description") {
                Some(d) => fields.push(("description", Value::Text(d))),
                None => problems.push(format!(
                    "{label} has no `description`, and an activity needs one"
                )),
            }
            let categories = self.categories(service, dir, findings);
            if !categories.is_empty() {
                fields.push((
                    "categories",
                    Value::Plain(format!("[{}]", categories.join(", "))),
                ));
            }
            let areas: Vec<String> = items(service, "service_areas")
                .iter()
                .filter_map(|a| {
                    s(a, "service_area")
                        .or_else(|| s(a, "name"))
                        .or_else(|| s(a, "description"))
                })
                .collect();
            if !areas.is_empty() {
                fields.push((
                    "area_served",
                    Value::Plain(format!("{{description: {}}}", quoted(&areas.join("; ")))),
                ));
            }
            if let Some(who) = who_for(service, &label, &mut notes) {
                fields.push(("who_for", Value::Plain(who)));
            }
            fields.extend(self.when(service, &label, &mut notes));
            fields.extend(venues(service, &label, &mut notes));
            if let Some(cost) = cost(service) {
                fields.push(("cost", Value::Text(cost)));
            }
            match contact(service, &label, &mut notes) {
                Some(c) => fields.push(("contact", Value::Plain(c))),
                None => problems.push(format!(
                    "{label} has no phone, email or web address, and an activity needs a way to get in touch"
                )),
            }
            let languages = languages(service, dir, findings);
            if !languages.is_empty() {
                fields.push((
                    "languages",
                    Value::Plain(format!("[{}]", languages.join(", "))),
                ));
            }
            let access = accessibility(service);
            if !access.is_empty() {
                fields.push((
                    "accessibility",
                    Value::Plain(format!("{{notes: {}}}", quoted(&access.join(" ")))),
                ));
            }
            if let Some(date) = s(service, "assured_date").and_then(|d| date_of(&d)) {
                fields.push(("last_reviewed", Value::Plain(date.to_string())));
            }
            fields.push(self.source(&source_id));
            if !problems.is_empty() {
                summary.problems.extend(problems);
                summary.rejected += 1;
                continue;
            }
            summary.notes.extend(notes);
            if let Some(o) = new_org {
                orgs.push(o);
            }
            let code = format!("source:{}:{source_id}", self.system);
            let id = match by_source.get(source_id.as_str()) {
                Some(id) => id.to_string(),
                None => {
                    let title = name.clone().unwrap_or_default();
                    let mut id = super::slug_or(&title, "activity");
                    if ids_used.contains(&id) || dir.activities.contains_key(&id) {
                        id = slug::slugify(format!("{title} {org_id}"));
                    }
                    let base = id.clone();
                    let mut k = 2;
                    while ids_used.contains(&id) || dir.activities.contains_key(&id) {
                        id = format!("{base}-{k}");
                        k += 1;
                    }
                    id
                }
            };
            ids_used.insert(id.clone());
            activities.push(Planned {
                kind: Kind::Activity,
                code,
                id,
                fields,
            });
        }
        // A service gone from the whole feed is marked ended, never deleted:
        // its page stops being listed, and a person decides what to do.
        if complete && summary.problems.is_empty() {
            for a in dir.activities.values() {
                let Some(src) = a.source.as_ref().filter(|s| s.system == self.system) else {
                    continue;
                };
                if seen.contains(&src.id) {
                    continue;
                }
                if a.status != crate::content::activity::Status::Ended {
                    summary.note(format!(
                        "\"{}\" ({}) is no longer in the feed, so it is marked `status: ended`",
                        a.title,
                        dir.file_of(Kind::Activity, &a.id)
                    ));
                }
                activities.push(Planned {
                    kind: Kind::Activity,
                    code: format!("source:{}:{}", self.system, src.id),
                    id: a.id.clone(),
                    fields: vec![("status", Value::Plain("ended".into()))],
                });
            }
        }
        orgs.extend(activities);
        orgs
    }

    /// The id of the service's organisation, and its entry when this feed
    /// writes it (one it made before, or a new one).
    fn organisation(
        &self,
        service: &Json,
        label: &str,
        by_id: &mut BTreeMap<String, String>,
        by_name: &mut BTreeMap<String, String>,
        written: &mut BTreeSet<String>,
        dir: &Directory,
    ) -> Result<(String, Option<Planned>), String> {
        let org = service.get("organization").filter(|o| o.is_object());
        let org_id = org
            .and_then(|o| s(o, "id"))
            .or_else(|| s(service, "organization_id"));
        let name = org.and_then(|o| s(o, "name"));
        let name = match (name, org_id.as_ref().and_then(|id| by_id.get(id))) {
            (Some(name), _) => name,
            (None, Some(id)) => return Ok((id.clone(), None)),
            (None, None) => match self.publisher {
                Some(p) => return Ok(self.named(p, by_name, dir)),
                None => {
                    return Err(format!(
                        "{label} does not say which organisation runs it (it has no `organization` with a `name`). Give --organisation \"NAME\" for the services a feed names none for."
                    ));
                }
            },
        };
        let Some(source_id) = org_id else {
            return Ok(self.named(&name, by_name, dir));
        };
        let lower = name.to_lowercase();
        let existing = by_id.get(&source_id).cloned();
        let id = match existing {
            Some(id) => id,
            None => {
                // One the directory has by name is a person's: linked to, and
                // never rewritten.
                if let Some(id) = by_name.get(&lower) {
                    return Ok((id.clone(), None));
                }
                super::new_organisation_id(&name, dir, by_name)
            }
        };
        // Written once per run, however many services it runs.
        let first = written.insert(source_id.clone());
        by_id.insert(source_id.clone(), id.clone());
        by_name.insert(lower, id.clone());
        let o = org.expect("named above");
        let mut fields = vec![("name", Value::Text(name))];
        if let Some(d) = s(o, "description") {
            fields.push(("description", Value::Text(d)));
        }
        for (key, check, to) in [
            (
                "website",
                formats::web_address as fn(&str) -> formats::Checked<String>,
                "website",
            ),
            ("url", formats::web_address, "website"),
            ("email", formats::email, "email"),
        ] {
            if fields.iter().any(|(k, _)| *k == to) {
                continue;
            }
            if let Some(v) = s(o, key)
                && let Ok(v) = check(&v)
            {
                fields.push((to, Value::Text(v)));
            }
        }
        for ident in items(o, "organization_identifiers") {
            let scheme = s(ident, "identifier_scheme").unwrap_or_default();
            let Some(number) = s(ident, "identifier") else {
                continue;
            };
            let (key, check): (&'static str, fn(&str) -> formats::Checked<String>) =
                match scheme.as_str() {
                    "GB-CHC" | "GB-SC" | "GB-NIC" => ("charity_number", formats::charity_number),
                    "GB-COH" => ("company_number", formats::company_number),
                    _ => continue,
                };
            if let Ok(v) = check(&number) {
                fields.push((key, Value::Plain(quoted(&v))));
            }
        }
        fields.push(self.source(&source_id));
        Ok((
            id.clone(),
            first.then(|| Planned {
                kind: Kind::Organisation,
                code: format!("source:{}:{source_id}", self.system),
                id,
                fields,
            }),
        ))
    }

    /// The `source` field of an entry from this feed.
    fn source(&self, id: &str) -> (&'static str, Value) {
        (
            "source",
            Value::Plain(format!(
                "{{system: {}, id: {}}}",
                quoted(self.system),
                quoted(id)
            )),
        )
    }

    /// An organisation known only by its name: the directory's, or a new
    /// entry with just the name.
    fn named(
        &self,
        name: &str,
        by_name: &mut BTreeMap<String, String>,
        dir: &Directory,
    ) -> (String, Option<Planned>) {
        let lower = name.to_lowercase();
        if let Some(id) = by_name.get(&lower) {
            return (id.clone(), None);
        }
        let id = super::new_organisation_id(name, dir, by_name);
        by_name.insert(lower.clone(), id.clone());
        (
            id.clone(),
            Some(Planned {
                kind: Kind::Organisation,
                code: format!("name:{lower}"),
                id,
                fields: vec![("name", Value::Text(name.to_string()))],
            }),
        )
    }

    /// The service's taxonomy terms as category ids, through the mapping
    /// file, or a category whose id or label is the term's name.
    fn categories(&self, service: &Json, dir: &Directory, findings: &mut Findings) -> Vec<String> {
        let mut terms: Vec<&Json> = Vec::new();
        for a in items(service, "attributes") {
            if let Some(t) = a.get("taxonomy_term") {
                terms.push(t);
            }
        }
        for t in items(service, "service_taxonomys") {
            if let Some(t) = t.get("taxonomy") {
                terms.push(t);
            }
        }
        terms.extend(items(service, "taxonomy_terms"));
        let mut out: Vec<String> = Vec::new();
        for t in terms {
            let id = s(t, "id");
            let name = s(t, "name").or_else(|| s(t, "term"));
            let mapped = [&id, &name]
                .into_iter()
                .flatten()
                .find_map(|k| self.taxonomy.terms.get(&k.to_lowercase()).cloned());
            // A term named exactly as one of the site's categories needs no
            // mapping.
            let mapped = mapped.or_else(|| {
                let name = name.as_ref()?;
                dir.site
                    .categories
                    .iter()
                    .find(|c| c.id.eq_ignore_ascii_case(name) || c.label.eq_ignore_ascii_case(name))
                    .map(|c| c.id.clone())
            });
            match mapped {
                Some(c) if !out.contains(&c) => out.push(c),
                Some(_) => {}
                None => {
                    let shown = match (&name, &id) {
                        (Some(n), Some(i)) => format!("\"{n}\" ({i})"),
                        (Some(n), None) => format!("\"{n}\""),
                        (None, Some(i)) => i.clone(),
                        (None, None) => continue,
                    };
                    *findings.unmapped.entry(shown).or_default() += 1;
                }
            }
        }
        out
    }

    /// `schedule`, `opening_hours` or `availability`, with the schedules'
    /// own words as notes.
    fn when(
        &self,
        service: &Json,
        label: &str,
        notes: &mut Vec<String>,
    ) -> Vec<(&'static str, Value)> {
        let schedules: Vec<&Json> = items(service, "schedules")
            .iter()
            .chain(items(service, "regular_schedules"))
            .collect();
        let mut hours: Vec<(Weekday, NaiveTime, NaiveTime)> = Vec::new();
        let mut sessions: Vec<String> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for sch in &schedules {
            for key in ["description", "attending_type", "notes"] {
                if let Some(t) = s(sch, key)
                    && !words.contains(&t)
                {
                    words.push(t);
                }
            }
            if let Some(until) = s(sch, "valid_to")
                .or_else(|| s(sch, "until"))
                .and_then(|d| date_of(&d))
                && until < self.today
            {
                notes.push(format!(
                    "{label}: its schedule is valid only until {}, which has passed; its times are imported, so check them with the organisation",
                    until.format("%-d %B %Y")
                ));
            }
            match read_schedule(sch, label, notes) {
                Some(Read::Hours(h)) => hours.extend(h),
                Some(Read::Sessions(s)) => sessions.extend(s),
                None => {}
            }
        }
        let mut out = Vec::new();
        if !sessions.is_empty() {
            // Sessions and opening hours cannot be mixed: weekly hours are
            // then weekly sessions.
            for (day, opens, closes) in &hours {
                sessions.push(format!(
                    "{{frequency: weekly, day: {}, start: \"{}\", end: \"{}\"}}",
                    day_name(*day),
                    opens.format("%H:%M"),
                    closes.format("%H:%M")
                ));
            }
            out.push((
                "schedule",
                Value::Plain(format!("[{}]", sessions.join(", "))),
            ));
        } else if !hours.is_empty() {
            hours.sort_by_key(|(d, o, _)| (d.num_days_from_monday(), *o));
            hours.dedup();
            let list: Vec<String> = hours
                .iter()
                .map(|(day, opens, closes)| {
                    format!(
                        "{{day: {}, opens: \"{}\", closes: \"{}\"}}",
                        day_name(*day),
                        opens.format("%H:%M"),
                        closes.format("%H:%M")
                    )
                })
                .collect();
            out.push(("availability", Value::Plain("opening_hours".into())));
            out.push((
                "opening_hours",
                Value::Plain(format!("[{}]", list.join(", "))),
            ));
        } else if !schedules.is_empty() || !words.is_empty() {
            out.push(("availability", Value::Plain("ongoing".into())));
        }
        if !words.is_empty() {
            let key = if sessions.is_empty() {
                "availability_notes"
            } else {
                "schedule_notes"
            };
            out.push((key, Value::Text(sentences(&words))));
        }
        out
    }
}

/// Texts joined as sentences, each ending in a full stop.
fn sentences(texts: &[String]) -> String {
    let ended: Vec<String> = texts
        .iter()
        .map(|t| {
            if t.ends_with(['.', '!', '?']) {
                t.clone()
            } else {
                format!("{t}.")
            }
        })
        .collect();
    ended.join(" ")
}

/// The keys by which entries already in the directory are matched: each
/// organisation by its source in this feed (`system`) and by its name,
/// each activity by its source.
pub fn codes(dir: &Directory, system: &str) -> Vec<(Kind, String, String)> {
    let mut out = Vec::new();
    for o in dir.organisations.values() {
        if let Some(src) = o.source.as_ref().filter(|s| s.system == system) {
            out.push((
                Kind::Organisation,
                format!("source:{system}:{}", src.id),
                o.id.clone(),
            ));
        }
        out.push((
            Kind::Organisation,
            format!("name:{}", o.name.to_lowercase()),
            o.id.clone(),
        ));
    }
    for a in dir.activities.values() {
        if let Some(src) = a.source.as_ref().filter(|s| s.system == system) {
            out.push((
                Kind::Activity,
                format!("source:{system}:{}", src.id),
                a.id.clone(),
            ));
        }
    }
    out
}

/// The model's status for an ORUK one.
fn status(service: &Json) -> &'static str {
    match s(service, "status")
        .as_deref()
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("inactive" | "temporarily closed" | "temporarily_closed") => "paused",
        Some("defunct") => "ended",
        _ => "running",
    }
}

/// A date, or the date part of a date and time.
fn date_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// "10:00:00", "10:00" or "10:00:00Z" as a time.
fn time_of(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.get(..5)?, "%H:%M").ok()
}

enum Read {
    Hours(Vec<(Weekday, NaiveTime, NaiveTime)>),
    Sessions(Vec<String>),
}

/// A `byday` part: an optional week number (`2`, `-1`) and a day (`TU`).
fn byday(part: &str) -> Option<(Option<i8>, Weekday)> {
    let part = part.trim().to_uppercase();
    let (n, day) = part.split_at(part.len().checked_sub(2)?);
    let day = match day {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    };
    if n.is_empty() {
        return Some((None, day));
    }
    Some((Some(n.trim_start_matches('+').parse().ok()?), day))
}

/// One ORUK schedule as opening hours or sessions, when it can be read for
/// certain: weekly on given days, fortnightly from a date, or monthly on
/// the nth weekday, with opening and closing times.
fn read_schedule(sch: &Json, label: &str, notes: &mut Vec<String>) -> Option<Read> {
    let freq = s(sch, "freq").map(|f| f.to_uppercase());
    let interval = sch.get("interval").and_then(Json::as_u64).unwrap_or(1);
    let opens = s(sch, "opens_at").and_then(|t| time_of(&t));
    let closes = s(sch, "closes_at").and_then(|t| time_of(&t));
    let days: Option<Vec<(Option<i8>, Weekday)>> = s(sch, "byday")
        .map(|b| b.split(',').map(byday).collect::<Option<Vec<_>>>())
        .unwrap_or_else(|| {
            // ORUK 1.0 names the day in `weekday` ("Monday" or 1–7).
            let day = s(sch, "weekday")?;
            let day = match day.parse::<u32>() {
                Ok(n @ 1..=7) => Weekday::try_from((n - 1) as u8).ok()?,
                _ => formats::weekday(&day).ok()?,
            };
            Some(vec![(None, day)])
        });
    let unread = |notes: &mut Vec<String>, why: &str| {
        notes.push(format!(
            "{label}: a schedule {why}, so it is kept in its own words as `availability_notes`"
        ));
        None
    };
    let (Some(opens), Some(closes)) = (opens, closes) else {
        return unread(notes, "has no opening and closing times");
    };
    if closes <= opens {
        return unread(notes, "closes before it opens");
    }
    let Some(days) = days.filter(|d| !d.is_empty()) else {
        return unread(notes, "does not name its days in a form that can be read");
    };
    let clock = |t: NaiveTime| t.format("%H:%M").to_string();
    match (freq.as_deref().unwrap_or("WEEKLY"), interval) {
        ("WEEKLY", 1) if days.iter().all(|(n, _)| n.is_none()) => {
            if s(sch, "bymonthday").is_some() {
                notes.push(format!(
                    "{label}: a weekly schedule also gives `bymonthday`, which a weekly rule cannot use (RFC 5545), so it is left out"
                ));
            }
            Some(Read::Hours(
                days.iter().map(|(_, d)| (*d, opens, closes)).collect(),
            ))
        }
        ("WEEKLY", 2) if days.len() == 1 && days[0].0.is_none() => {
            let day = days[0].1;
            let Some(from) = s(sch, "dtstart").and_then(|d| date_of(&d)) else {
                return unread(notes, "is fortnightly with no `dtstart` to count from");
            };
            if from.weekday() != day {
                return unread(notes, "is fortnightly from a `dtstart` on another day");
            }
            Some(Read::Sessions(vec![format!(
                "{{frequency: fortnightly, day: {}, from: {from}, start: \"{}\", end: \"{}\"}}",
                day_name(day),
                clock(opens),
                clock(closes)
            )]))
        }
        ("MONTHLY", 1) if days.iter().all(|(n, _)| n.is_some()) => {
            let mut out = Vec::new();
            for (n, day) in days {
                let week = match n {
                    Some(1) => "first",
                    Some(2) => "second",
                    Some(3) => "third",
                    Some(4) => "fourth",
                    Some(-1) => "last",
                    _ => return unread(notes, "falls on a week of the month that cannot be read"),
                };
                out.push(format!(
                    "{{frequency: monthly, week: {week}, day: {}, start: \"{}\", end: \"{}\"}}",
                    day_name(day),
                    clock(opens),
                    clock(closes)
                ));
            }
            Some(Read::Sessions(out))
        }
        _ => unread(notes, "repeats in a way that cannot be read for certain"),
    }
}

/// `who_for`: ages and eligibility, from a 3.0 service's own fields or
/// ORUK 1.0's `eligibilitys`.
fn who_for(service: &Json, label: &str, notes: &mut Vec<String>) -> Option<String> {
    let mut min = service.get("minimum_age").and_then(Json::as_u64);
    let mut max = service.get("maximum_age").and_then(Json::as_u64);
    let mut words: Vec<String> = s(service, "eligibility_description").into_iter().collect();
    for e in items(service, "eligibilitys") {
        min = min.or_else(|| e.get("minimum_age").and_then(Json::as_u64));
        max = max.or_else(|| e.get("maximum_age").and_then(Json::as_u64));
        if let Some(t) = s(e, "eligibility") {
            words.push(t);
        }
    }
    let mut parts = Vec::new();
    for (key, age) in [("age_min", min), ("age_max", max)] {
        match age {
            Some(a) if a <= 120 => parts.push(format!("{key}: {a}")),
            Some(a) => notes.push(format!(
                "{label}: an age of {a} is left out, as it cannot be right"
            )),
            None => {}
        }
    }
    if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        notes.push(format!(
            "{label}: its minimum age ({a}) is above its maximum ({b}), so the ages are left out"
        ));
        parts.clear();
    }
    if !words.is_empty() {
        parts.push(format!("eligibility: {}", quoted(&words.join(" "))));
    }
    (!parts.is_empty()).then(|| format!("{{{}}}", parts.join(", ")))
}

/// Locations with addresses as `venue` (one) or `venues` (several).
fn venues(service: &Json, label: &str, notes: &mut Vec<String>) -> Vec<(&'static str, Value)> {
    let mut out: Vec<String> = Vec::new();
    for sal in items(service, "service_at_locations") {
        let Some(loc) = sal.get("location").filter(|l| l.is_object()) else {
            continue;
        };
        if s(loc, "location_type").as_deref() == Some("virtual") {
            continue;
        }
        let addresses: Vec<&Json> = items(loc, "physical_addresses")
            .iter()
            .chain(items(loc, "addresses"))
            .collect();
        let address = addresses
            .iter()
            .find(|a| s(a, "address_type").is_none_or(|t| t == "physical"))
            .or_else(|| addresses.first())
            .copied();
        let Some(address) = address else {
            continue;
        };
        let name = s(loc, "name").or_else(|| s(address, "address_1"));
        let Some(name) = name else {
            continue;
        };
        let mut lines: Vec<String> = ["address_1", "address_2", "address_3", "address_4", "city"]
            .iter()
            .filter_map(|k| s(address, k))
            .collect();
        for k in ["region", "state_province"] {
            if let Some(v) = s(address, k)
                && !lines.contains(&v)
            {
                lines.push(v);
            }
        }
        let mut parts = vec![format!("name: {}", quoted(&name))];
        let postcode = s(address, "postal_code");
        let uk_country = s(address, "country").is_none_or(|c| {
            matches!(
                c.to_uppercase().as_str(),
                "GB" | "UK" | "GBR" | "UNITED KINGDOM" | "ENGLAND"
            )
        });
        match postcode.as_deref().map(formats::postcode) {
            Some(Ok(pc)) if uk_country => parts.push(format!("postcode: {pc}")),
            Some(_) => {
                let pc = postcode.clone().unwrap_or_default();
                notes.push(format!(
                    "{label}: \"{pc}\" at {name} is not a UK postcode, so it is kept in the address and the venue cannot be found by distance"
                ));
                lines.push(pc);
                if !uk_country && let Some(c) = s(address, "country") {
                    lines.push(c);
                }
            }
            None => notes.push(format!(
                "{label}: {name} has no postcode, so it cannot be found by distance"
            )),
        }
        if lines.is_empty() {
            lines.push(name.clone());
        }
        parts.insert(1, format!("address: {}", quoted(&lines.join(", "))));
        let lat = loc.get("latitude").and_then(Json::as_f64);
        let lon = loc.get("longitude").and_then(Json::as_f64);
        if let (Some(lat), Some(lon)) = (lat, lon) {
            if (49.0..=61.0).contains(&lat) && (-9.0..=2.5).contains(&lon) {
                parts.push(format!("latitude: {lat}, longitude: {lon}"));
            } else {
                notes.push(format!(
                    "{label}: {name}'s position ({lat}, {lon}) is not in the UK, so it is left out"
                ));
            }
        }
        out.push(format!("{{{}}}", parts.join(", ")));
    }
    match out.len() {
        0 => Vec::new(),
        1 => vec![("venue", Value::Plain(out.remove(0)))],
        _ => vec![("venues", Value::Plain(format!("[{}]", out.join(", "))))],
    }
}

/// The cost options in words: "free" when every option costs nothing.
fn cost(service: &Json) -> Option<String> {
    let options = items(service, "cost_options");
    let mut parts = Vec::new();
    let mut free = !options.is_empty();
    for o in options {
        let amount = o.get("amount").and_then(|a| match a {
            Json::Number(n) => n.as_f64(),
            Json::String(t) => t.trim().trim_start_matches('£').parse().ok(),
            _ => None,
        });
        if amount.is_none_or(|a| a > 0.0) {
            free = false;
        }
        let currency = s(o, "currency").unwrap_or_else(|| "GBP".into());
        let price = amount.map(|a| {
            let a = if a.fract() == 0.0 {
                format!("{a:.0}")
            } else {
                format!("{a:.2}")
            };
            if currency.eq_ignore_ascii_case("GBP") {
                format!("£{a}")
            } else {
                format!("{a} {currency}")
            }
        });
        let words: Vec<String> = [price, s(o, "amount_description")]
            .into_iter()
            .flatten()
            .collect();
        let mut part = words.join(" ");
        if let Some(option) = s(o, "option") {
            part = if part.is_empty() {
                option
            } else {
                format!("{part} ({option})")
            };
        }
        if !part.is_empty() {
            parts.push(part);
        }
    }
    if free {
        return Some("free".into());
    }
    if parts.is_empty() {
        return s(service, "fees_description").or_else(|| s(service, "fees"));
    }
    Some(parts.join("; "))
}

/// `contact`: the first contact's name, a phone, the service's email and
/// web address.
fn contact(service: &Json, label: &str, notes: &mut Vec<String>) -> Option<String> {
    let contacts = items(service, "contacts");
    let name = contacts.iter().find_map(|c| s(c, "name"));
    let phones: Vec<String> = contacts
        .iter()
        .flat_map(|c| items(c, "phones"))
        .chain(items(service, "phones"))
        .filter_map(|p| s(p, "number"))
        .collect();
    let mut parts = Vec::new();
    if let Some(name) = name {
        parts.push(format!("name: {}", quoted(&name)));
    }
    let mut ways = 0;
    for number in phones.iter().take(1) {
        match formats::uk_phone(number) {
            Ok(p) => {
                parts.push(format!("phone: {}", quoted(&p)));
                ways += 1;
            }
            Err(_) => notes.push(format!(
                "{label}: \"{number}\" is not a UK phone number, so it is left out"
            )),
        }
    }
    let email = s(service, "email").or_else(|| contacts.iter().find_map(|c| s(c, "email")));
    for (key, value, check) in [
        (
            "email",
            email,
            formats::email as fn(&str) -> formats::Checked<String>,
        ),
        ("website", s(service, "url"), formats::web_address),
    ] {
        let Some(value) = value else {
            continue;
        };
        match check(&value) {
            Ok(v) => {
                parts.push(format!("{key}: {}", quoted(&v)));
                ways += 1;
            }
            Err(_) => notes.push(format!(
                "{label}: \"{value}\" is not a usable {key}, so it is left out"
            )),
        }
    }
    (ways > 0).then(|| format!("{{{}}}", parts.join(", ")))
}

/// The service's languages that site.yaml lists, by id or label; the rest
/// are counted for the summary.
fn languages(service: &Json, dir: &Directory, findings: &mut Findings) -> Vec<String> {
    let mut out = Vec::new();
    for l in items(service, "languages") {
        let names: Vec<String> = ["code", "name", "language"]
            .iter()
            .filter_map(|k| s(l, k))
            .collect();
        let Some(shown) = names.iter().find(|n| n.len() > 3).or(names.first()) else {
            continue;
        };
        let found = dir.site.languages.iter().find(|f| {
            names
                .iter()
                .any(|n| f.id.eq_ignore_ascii_case(n) || f.label.eq_ignore_ascii_case(n))
        });
        match found {
            Some(f) if !out.contains(&f.id) => out.push(f.id.clone()),
            Some(_) => {}
            None => *findings.languages.entry(shown.clone()).or_default() += 1,
        }
    }
    out
}

/// The locations' accessibility in words (3.0 `accessibility`, 1.0
/// `accessibility_for_disabilities`).
fn accessibility(service: &Json) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for sal in items(service, "service_at_locations") {
        let Some(loc) = sal.get("location") else {
            continue;
        };
        for a in items(loc, "accessibility")
            .iter()
            .chain(items(loc, "accessibility_for_disabilities"))
        {
            for key in ["description", "accessibility", "details"] {
                if let Some(t) = s(a, key)
                    && !out.contains(&t)
                {
                    out.push(t);
                }
            }
        }
    }
    out
}

impl Findings {
    /// The findings as notes a person can act on.
    pub fn notes(&self, summary: &mut Summary, map_hint: &str) {
        let counted = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, n)| format!("{k} ({n} {})", if *n == 1 { "service" } else { "services" }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.unmapped.is_empty() {
            summary.note(format!(
                "these taxonomy terms have no category, so the services have only the categories their other terms give: {}. {map_hint}",
                counted(&self.unmapped)
            ));
        }
        if !self.languages.is_empty() {
            summary.note(format!(
                "these languages are not in the `languages` list of content/site.yaml, so they are left out: {}. Add the ones people should be able to find to site.yaml, then import again.",
                counted(&self.languages)
            ));
        }
        if !self.not_kept.is_empty() {
            summary.note(format!(
                "these Open Referral fields have no place in Signpost's entries, so they are not imported: {}",
                counted(&self.not_kept)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byday_reads_plain_and_numbered_days() {
        assert_eq!(byday("TU"), Some((None, Weekday::Tue)));
        assert_eq!(byday("2TU"), Some((Some(2), Weekday::Tue)));
        assert_eq!(byday("-1FR"), Some((Some(-1), Weekday::Fri)));
        assert_eq!(byday("XX"), None);
        assert_eq!(byday("T"), None);
    }

    #[test]
    fn a_cost_of_nothing_is_free_and_others_are_in_words() {
        let c = |v: Json| cost(&v);
        assert_eq!(
            c(serde_json::json!({"cost_options": [{"amount": 0}]})),
            Some("free".into())
        );
        assert_eq!(
            c(
                serde_json::json!({"cost_options": [{"amount": 35, "amount_description": "per 1 hour session", "option": "Under 18s and Over 60s"}]})
            ),
            Some("£35 per 1 hour session (Under 18s and Over 60s)".into())
        );
        assert_eq!(
            c(serde_json::json!({"cost_options": [{"amount": 2.5}]})),
            Some("£2.50".into())
        );
        assert_eq!(c(serde_json::json!({})), None);
    }
}
