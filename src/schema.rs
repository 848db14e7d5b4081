//! JSON Schemas for each kind of entry, with this site's vocabularies as
//! enums (category, accessibility, PCN and organisation ids), so editors
//! validate and autocomplete entries as people type. They describe the
//! fields the decoders in `content/` read; tests/schema.rs checks that
//! every sample entry passes and that the schemas refuse what `check`
//! refuses for wrong types and unknown ids.

use serde_json::{Value, json};

use crate::content::activity::{self, SUMMARY_LIMIT};
use crate::content::{Directory, job};
use crate::formats;

/// The kinds with a schema, as (kind, folder).
pub const KINDS: [(&str, &str); 6] = [
    ("activity", "activities"),
    ("organisation", "organisations"),
    ("job", "jobs"),
    ("practice", "practices"),
    ("pcn", "pcns"),
    ("page", "pages"),
];

fn text() -> Value {
    json!({ "type": "string", "minLength": 1 })
}

fn described(mut schema: Value, description: &str) -> Value {
    schema["description"] = json!(description);
    schema
}

fn date() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A date, YYYY-MM-DD" })
}

fn time() -> Value {
    json!({ "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "A 24-hour time in quotes, like \"14:00\"" })
}

fn postcode() -> Value {
    json!({ "type": "string", "pattern": "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$", "description": "A full UK postcode, like NN1 5BD" })
}

fn web() -> Value {
    json!({ "type": "string", "pattern": "^https?://", "description": "A web address starting https://" })
}

fn email() -> Value {
    json!({ "type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" })
}

fn phone() -> Value {
    json!({ "type": "string", "pattern": "^[0-9+() -]+$", "description": "A UK phone number, like 01632 960123" })
}

fn number(min: f64, max: f64) -> Value {
    json!({ "type": "number", "minimum": min, "maximum": max })
}

fn whole(min: u32, max: u32) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max })
}

fn flag() -> Value {
    json!({ "type": "boolean" })
}

/// One of the names in a decoder's table of choices, so the schema offers
/// exactly what `check` accepts.
fn one_of<T>(choices: &[(&str, T)]) -> Value {
    let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
    json!({ "type": "string", "enum": names })
}

fn ids(values: Vec<&str>, what: &str) -> Value {
    json!({ "type": "string", "enum": values, "description": what })
}

fn list(items: Value) -> Value {
    json!({ "type": "array", "items": items, "minItems": 1 })
}

fn object(properties: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let properties: serde_json::Map<String, Value> = properties
        .into_iter()
        .map(|(name, schema)| (name.to_string(), schema))
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Contact details of an activity.
fn contact() -> Value {
    object(
        vec![
            ("name", text()),
            ("phone", phone()),
            ("email", email()),
            ("website", web()),
        ],
        &[],
    )
}

/// A named person (a link worker, a job's enquiries contact).
fn person() -> Value {
    object(
        vec![
            ("name", text()),
            ("role", text()),
            ("phone", phone()),
            ("email", email()),
        ],
        &["name"],
    )
}

fn session() -> Value {
    object(
        vec![
            ("frequency", one_of(crate::schedule::FREQUENCIES)),
            ("day", json!({ "type": "string", "enum": formats::DAYS })),
            ("week", one_of(crate::schedule::WEEKS)),
            ("dates", list(date())),
            ("start", time()),
            ("end", time()),
            ("from", date()),
            ("until", date()),
            ("except", json!({ "type": "array", "items": date() })),
        ],
        &["frequency", "start", "end"],
    )
}

/// Every schema of the site at `dir`, as (kind, schema).
pub fn schemas(dir: &Directory) -> Vec<(&'static str, Value)> {
    let categories: Vec<&str> = dir.site.categories.iter().map(|c| c.id.as_str()).collect();
    let features: Vec<&str> = dir
        .site
        .accessibility_features
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let pcns: Vec<&str> = dir.pcns.keys().map(String::as_str).collect();
    let organisations: Vec<&str> = dir.organisations.keys().map(String::as_str).collect();
    let pcn_ids = || ids(pcns.clone(), "A PCN id: a file name in content/pcns/");
    let description = described(
        text(),
        "Markdown; in a .md file, the text after the front matter",
    );

    let activity = object(
        vec![
            ("title", text()),
            (
                "organisation",
                ids(
                    organisations.clone(),
                    "The id of the organisation that runs it: a file name in content/organisations/",
                ),
            ),
            ("status", one_of(activity::STATUSES)),
            (
                "summary",
                json!({ "type": "string", "minLength": 1, "maxLength": SUMMARY_LIMIT }),
            ),
            ("description", description.clone()),
            (
                "categories",
                list(ids(
                    categories.clone(),
                    "A category id from content/site.yaml",
                )),
            ),
            (
                "pcns",
                json!({ "oneOf": [ { "const": "all" }, list(pcn_ids()) ] }),
            ),
            (
                "who_for",
                object(
                    vec![
                        ("age_min", whole(0, 120)),
                        ("age_max", whole(0, 120)),
                        ("eligibility", text()),
                    ],
                    &[],
                ),
            ),
            ("schedule", list(session())),
            ("schedule_notes", text()),
            (
                "venue",
                object(
                    vec![
                        ("name", text()),
                        ("address", text()),
                        ("postcode", postcode()),
                        ("latitude", number(49.0, 61.0)),
                        ("longitude", number(-9.0, 2.5)),
                    ],
                    &["name", "address", "postcode"],
                ),
            ),
            (
                "online",
                object(vec![("url", web()), ("details", text())], &[]),
            ),
            (
                "cost",
                described(text(), "free, or a price like £3 per session"),
            ),
            (
                "how_to_join",
                object(
                    vec![
                        ("self_referral", flag()),
                        ("link_worker_referral", flag()),
                        ("booking_required", flag()),
                        ("details", text()),
                    ],
                    &[],
                ),
            ),
            ("contact", contact()),
            (
                "accessibility",
                object(
                    vec![
                        (
                            "features",
                            json!({ "type": "array", "items": ids(features, "An accessibility feature id from content/site.yaml") }),
                        ),
                        ("notes", text()),
                    ],
                    &[],
                ),
            ),
            ("last_reviewed", date()),
        ],
        &[
            "title",
            "organisation",
            "summary",
            "categories",
            "pcns",
            "schedule",
            "cost",
            "how_to_join",
            "contact",
            "last_reviewed",
        ],
    );

    let organisation = object(
        vec![
            ("name", text()),
            (
                "charity_number",
                json!({ "type": "string", "pattern": "^([0-9]{6,8}|SC[0-9]{6})$" }),
            ),
            (
                "company_number",
                json!({ "type": "string", "pattern": "^[A-Z0-9]{8}$" }),
            ),
            ("website", web()),
            ("email", email()),
            ("phone", phone()),
            ("description", description.clone()),
            ("last_reviewed", date()),
        ],
        &["name"],
    );

    let mut employers = organisations.clone();
    employers.extend(pcns.iter().copied());
    employers.sort_unstable();
    let job = object(
        vec![
            ("title", text()),
            (
                "employer",
                ids(employers, "The id of the employing organisation or PCN"),
            ),
            ("pcns", list(pcn_ids())),
            ("location", text()),
            ("postcode", postcode()),
            (
                "salary",
                object(
                    vec![
                        ("min", number(0.0, 1_000_000.0)),
                        ("max", number(0.0, 1_000_000.0)),
                        ("period", one_of(job::PERIODS)),
                        ("text", text()),
                    ],
                    &[],
                ),
            ),
            ("band", text()),
            ("hours_per_week", number(0.0, 80.0)),
            ("contract", one_of(job::CONTRACTS)),
            ("contract_months", whole(1, 120)),
            ("working_pattern", text()),
            ("posted", date()),
            ("closes", date()),
            ("interview", date()),
            (
                "how_to_apply",
                object(
                    vec![("url", web()), ("email", email()), ("details", text())],
                    &[],
                ),
            ),
            ("reference", text()),
            ("enquiries", person()),
            ("employment_type", list(one_of(job::EMPLOYMENT_TYPES))),
            ("remote", flag()),
            ("description", description.clone()),
        ],
        &[
            "title",
            "employer",
            "pcns",
            "location",
            "salary",
            "hours_per_week",
            "contract",
            "posted",
            "closes",
            "how_to_apply",
        ],
    );

    let practice = object(
        vec![
            ("name", text()),
            (
                "ods_code",
                json!({ "type": "string", "pattern": "^[A-Za-z][0-9]{5}$" }),
            ),
            ("pcn", pcn_ids()),
            ("address", text()),
            ("postcode", postcode()),
            ("phone", phone()),
            ("website", web()),
            ("latitude", number(49.0, 61.0)),
            ("longitude", number(-9.0, 2.5)),
        ],
        &["name", "ods_code", "pcn", "address", "postcode", "phone"],
    );

    let pcn = object(
        vec![
            ("name", text()),
            (
                "code",
                json!({ "type": "string", "pattern": "^U[0-9]{5}$" }),
            ),
            ("summary", text()),
            ("address", text()),
            ("postcode", postcode()),
            ("website", web()),
            ("link_workers", list(person())),
        ],
        &["name", "code", "summary"],
    );

    let page = object(
        vec![
            ("title", text()),
            ("summary", text()),
            ("nav_order", whole(0, 1000)),
            ("description", description),
        ],
        &["title"],
    );

    [
        ("activity", activity),
        ("organisation", organisation),
        ("job", job),
        ("practice", practice),
        ("pcn", pcn),
        ("page", page),
    ]
    .into_iter()
    .map(|(kind, mut schema)| {
        schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        schema["title"] = json!(format!("A {kind} of {}", dir.site.title));
        (kind, schema)
    })
    .collect()
}
