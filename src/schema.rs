//! JSON Schemas for each kind of entry, with this site's vocabularies as
//! enums (category, accessibility, PCN and organisation ids), so editors
//! validate and autocomplete entries as people type. They describe the
//! fields declared beside the decoders in `content/` (see `fields`), so they
//! cannot drift from what `check` reads; tests/testsuite/schema.rs checks that
//! every sample entry passes and that the schemas refuse what `check`
//! refuses for wrong types and unknown ids.

use serde_json::{Value, json};

use crate::config;
use crate::content::{Directory, activity, job, organisation, page, pcn, practice};
use crate::fields::{self, Field, SiteIds};

/// The kinds with a schema, as (kind, folder).
pub const KINDS: [(&str, &str); 6] = [
    ("activity", "activities"),
    ("organisation", "organisations"),
    ("job", "jobs"),
    ("practice", "practices"),
    ("pcn", "pcns"),
    ("page", "pages"),
];

/// Each kind's fields, as (kind, fields), in the order of `KINDS`.
pub fn kind_fields() -> [(&'static str, &'static [Field]); 6] {
    [
        ("activity", activity::FIELDS),
        ("organisation", organisation::FIELDS),
        ("job", job::fields::FIELDS),
        ("practice", practice::FIELDS),
        ("pcn", pcn::FIELDS),
        ("page", page::FIELDS),
    ]
}

/// Every field table docs/content-model.md shows, by the name its
/// `<!-- fields: NAME -->` marker uses.
pub fn doc_tables() -> Vec<(&'static str, &'static [Field])> {
    let mut tables = vec![("site", config::FIELDS)];
    tables.extend(kind_fields());
    tables.push(("session", crate::schedule::SESSION));
    tables
}

/// Every schema of the site at `dir`, as (kind, schema).
pub fn schemas(dir: &Directory) -> Vec<(&'static str, Value)> {
    let ids = SiteIds {
        categories: dir.site.categories.iter().map(|c| c.id.as_str()).collect(),
        features: dir
            .site
            .accessibility_features
            .iter()
            .map(|f| f.id.as_str())
            .collect(),
        pcns: dir.pcns.keys().map(String::as_str).collect(),
        organisations: dir.organisations.keys().map(String::as_str).collect(),
        audiences: dir.site.audiences.iter().map(|a| a.id.as_str()).collect(),
        languages: dir.site.languages.iter().map(|l| l.id.as_str()).collect(),
    };
    kind_fields()
        .into_iter()
        .map(|(kind, fields)| {
            let mut schema = fields::schema(fields, &ids);
            schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
            schema["title"] = json!(format!("A {kind} of {}", dir.site.title));
            (kind, schema)
        })
        .collect()
}
