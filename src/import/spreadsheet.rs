//! A spreadsheet with a row per activity (as link workers keep them), to
//! activity entries, through a mapping that says which column holds what.
//!
//! Nothing is invented: a cell that cannot be read for certain (a day and
//! time like "1.30 to 4", an unknown category) is reported by its row and
//! column; a day and time that cannot be read as one weekly session is kept
//! as the entry's `availability_notes`, in the words of the sheet.

use std::collections::BTreeMap;

use chrono::Weekday;

use super::{Planned, Summary, Value};
use crate::content::Directory;
use crate::decode::{Cx, Fields, text};
use crate::fields::{Field, Need, Shape};
use crate::formats;
use crate::kind::Kind;
use crate::yaml::Node;

/// The fields of the mapping file, each naming a column by its heading.
const SOURCE: Field = Field::new(
    "source",
    Need::Required,
    Shape::Text,
    "a short name for the spreadsheet, kept in each entry's `source`, so a re-import finds the entries it made",
)
.example("link-worker-sheet");
const COLUMNS: Field = Field::new(
    "columns",
    Need::Required,
    Shape::Group(COLUMN_FIELDS),
    "each field, with the heading of the column that holds it",
);
macro_rules! column {
    ($name:ident, $key:literal, $need:expr, $what:literal) => {
        const $name: Field = Field::new($key, $need, Shape::Text, $what);
    };
}
column!(
    ID,
    "id",
    Need::Optional,
    "the row's own id; without it, rows are matched by title and organisation"
);
column!(TITLE, "title", Need::Required, "the activity's name");
column!(
    ORGANISATION,
    "organisation",
    Need::Required,
    "the name of the organisation that runs it"
);
column!(DESCRIPTION, "description", Need::Required, "what happens");
column!(
    WHEN,
    "when",
    Need::Optional,
    "the day and time, like \"Tuesdays 10am to 12pm\""
);
column!(VENUE, "venue", Need::Optional, "the venue's name");
column!(ADDRESS, "address", Need::Optional, "the venue's address");
column!(POSTCODE, "postcode", Need::Optional, "the venue's postcode");
column!(PHONE, "phone", Need::Optional, "a phone number to ask");
column!(EMAIL, "email", Need::Optional, "an email address to ask");
column!(WEBSITE, "website", Need::Optional, "a web address");
column!(COST, "cost", Need::Optional, "\"free\", or what it costs");
column!(
    CATEGORIES,
    "categories",
    Need::Optional,
    "category labels or ids from site.yaml, separated by commas"
);
const COLUMN_FIELDS: &[Field] = &[
    ID,
    TITLE,
    ORGANISATION,
    DESCRIPTION,
    WHEN,
    VENUE,
    ADDRESS,
    POSTCODE,
    PHONE,
    EMAIL,
    WEBSITE,
    COST,
    CATEGORIES,
];

/// The fields of a mapping file, for its documentation.
pub const FIELDS: &[Field] = &[SOURCE, COLUMNS];

/// A mapping: the source's name, and each field's column heading.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub source: String,
    pub columns: BTreeMap<&'static str, String>,
}

impl Mapping {
    pub fn decode(cx: &mut Cx, node: &Node) -> Option<Mapping> {
        let mut f = Fields::of(cx, node, "a mapping")?;
        let source = f.read(cx, &SOURCE, text);
        let columns = f.read(cx, &COLUMNS, |cx: &mut Cx, node: &Node| {
            let mut g = Fields::of(cx, node, "`columns`")?;
            let mut columns = BTreeMap::new();
            for field in COLUMN_FIELDS {
                if let Some(heading) = g.read(cx, field, text) {
                    columns.insert(field.name, heading);
                }
            }
            g.finish(cx);
            Some(columns)
        });
        f.finish(cx);
        Some(Mapping {
            source: source?,
            columns: columns?,
        })
    }
}

/// One weekly session read from a cell: "Tuesdays 10am to 12pm",
/// "Every Monday, 14:00-16:00".
pub fn weekly(cell: &str) -> Option<(Weekday, chrono::NaiveTime, chrono::NaiveTime)> {
    let lower = cell.trim().to_lowercase().replace(['–', '—'], "-");
    let rest = lower
        .strip_prefix("every ")
        .or_else(|| lower.strip_prefix("each "))
        .unwrap_or(&lower);
    let (day, times) = rest.split_once([' ', ','])?;
    let day = day.trim_end_matches(',');
    let day = formats::weekday(day.strip_suffix('s').unwrap_or(day)).ok()?;
    let times = times.trim().trim_start_matches(',').trim();
    let (start, end) = times.split_once(" to ").or_else(|| times.split_once('-'))?;
    let (start, end) = (formats::clock(start)?, formats::clock(end)?);
    (start < end).then_some((day, start, end))
}

/// Reads `text` (a CSV file with a heading row) into planned entries: the
/// organisations that do not exist yet, then the activities, in row order.
pub fn plan(
    label: &str,
    text: &str,
    mapping: &Mapping,
    dir: &Directory,
    summary: &mut Summary,
) -> Result<Vec<Planned>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{label}: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut at: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (field, heading) in &mapping.columns {
        match headings
            .iter()
            .position(|h| h.eq_ignore_ascii_case(heading.trim()))
        {
            Some(i) => {
                at.insert(field, i);
            }
            None => {
                return Err(format!(
                    "{label} has no column \"{heading}\" (for `{field}`); its headings are: {}",
                    headings.join(", ")
                ));
            }
        }
    }
    let mut orgs: BTreeMap<String, String> = dir
        .organisations
        .values()
        .map(|o| (o.name.to_lowercase(), o.id.clone()))
        .collect();
    let mut new_orgs = Vec::new();
    let mut activities = Vec::new();
    let mut ids_used: Vec<String> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = n + 2;
        let record = record.map_err(|e| format!("{label}, row {row}: {e}"))?;
        let cell = |field: &str| -> String {
            at.get(field)
                .and_then(|i| record.get(*i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(format!(
                "row {row}, column \"{}\": {message}",
                mapping.columns.get(field).map_or(field, String::as_str)
            ));
        };
        let title = cell("title");
        let org_name = cell("organisation");
        let description = cell("description");
        for (field, value) in [
            ("title", &title),
            ("organisation", &org_name),
            ("description", &description),
        ] {
            if value.is_empty() {
                problem(
                    field,
                    format!("an activity needs its {field}, and this row has none"),
                );
            }
        }
        let mut fields: Vec<(&'static str, Value)> = vec![("title", Value::Text(title.clone()))];
        // An organisation the directory does not have yet is made, by its
        // name, once its first row is known to import.
        let org = org_name.to_lowercase();
        let (org_id, new_org) = match orgs.get(&org) {
            Some(id) => (id.clone(), false),
            None => (super::new_organisation_id(&org_name, dir, &orgs), true),
        };
        fields.push(("organisation", Value::Plain(org_id.clone())));
        fields.push(("description", Value::Text(description)));
        let categories = cell("categories");
        if !categories.is_empty() {
            let mut ids = Vec::new();
            for c in categories
                .split([',', ';'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                match dir
                    .site
                    .categories
                    .iter()
                    .find(|k| k.id.eq_ignore_ascii_case(c) || k.label.eq_ignore_ascii_case(c))
                {
                    Some(k) => ids.push(k.id.clone()),
                    None => {
                        let known: Vec<&str> = dir
                            .site
                            .categories
                            .iter()
                            .map(|k| k.label.as_str())
                            .collect();
                        problem(
                            "categories",
                            format!(
                                "\"{c}\" is not a category of this directory; they are {}",
                                known.join(", ")
                            ),
                        );
                    }
                }
            }
            if !ids.is_empty() {
                fields.push(("categories", Value::Plain(format!("[{}]", ids.join(", ")))));
            }
        }
        let when = cell("when");
        if !when.is_empty() {
            match weekly(&when) {
                Some((day, start, end)) => fields.push((
                    "schedule",
                    Value::Plain(format!(
                        "[{{frequency: weekly, day: {}, start: \"{}\", end: \"{}\"}}]",
                        crate::schedule::day_name(day),
                        start.format("%H:%M"),
                        end.format("%H:%M")
                    )),
                )),
                None => {
                    summary.note(format!(
                        "row {row}: \"{when}\" is not one weekly day and time that can be read for certain, so it is kept in the sheet's words as `availability_notes`"
                    ));
                    fields.push(("availability", Value::Plain("ongoing".into())));
                    fields.push(("availability_notes", Value::Text(when)));
                }
            }
        }
        let (venue, address, postcode) = (cell("venue"), cell("address"), cell("postcode"));
        if !(venue.is_empty() && address.is_empty() && postcode.is_empty()) {
            match formats::postcode(&postcode) {
                Ok(pc) if !venue.is_empty() && !address.is_empty() => fields.push((
                    "venue",
                    Value::Plain(format!(
                        "{{name: {}, address: {}, postcode: {pc}}}",
                        quoted(&venue),
                        quoted(&address)
                    )),
                )),
                Ok(_) => problem(
                    if venue.is_empty() { "venue" } else { "address" },
                    "a venue needs its name, address and postcode, and this row has only some"
                        .into(),
                ),
                Err(e) => problem("postcode", e.message),
            }
        }
        let mut contact = Vec::new();
        for (field, check) in [
            (
                "phone",
                formats::uk_phone as fn(&str) -> formats::Checked<String>,
            ),
            ("email", formats::email),
            ("website", formats::web_address),
        ] {
            let value = cell(field);
            if value.is_empty() {
                continue;
            }
            match check(&value) {
                Ok(v) => contact.push(format!("{field}: {}", quoted(&v))),
                Err(e) => problem(field, e.message),
            }
        }
        if contact.is_empty() {
            problems.push(format!(
                "row {row}: no phone, email or website, and an activity needs a way to get in touch"
            ));
        } else {
            fields.push((
                "contact",
                Value::Plain(format!("{{{}}}", contact.join(", "))),
            ));
        }
        let cost = cell("cost");
        if !cost.is_empty() {
            fields.push(("cost", Value::Text(cost)));
        }
        let own_id = cell("id");
        let code = if own_id.is_empty() {
            format!("id:{}", slug::slugify(format!("{title} {org_id}")))
        } else {
            format!("source:{}:{own_id}", mapping.source)
        };
        fields.push((
            "source",
            Value::Plain(format!(
                "{{system: {}, id: {}}}",
                quoted(&mapping.source),
                quoted(if own_id.is_empty() { &title } else { &own_id })
            )),
        ));
        if !problems.is_empty() {
            summary.problems.extend(problems);
            summary.rejected += 1;
            continue;
        }
        if new_org {
            orgs.insert(org.clone(), org_id.clone());
            new_orgs.push(Planned {
                kind: Kind::Organisation,
                code: format!("name:{org}"),
                id: org_id.clone(),
                fields: vec![("name", Value::Text(org_name.clone()))],
            });
        }
        let mut id = super::slug_or(&title, "activity");
        if ids_used.contains(&id) || dir.activities.contains_key(&id) {
            id = slug::slugify(format!("{title} {org_id}"));
        }
        ids_used.push(id.clone());
        activities.push(Planned {
            kind: Kind::Activity,
            code,
            id,
            fields,
        });
    }
    new_orgs.extend(activities);
    Ok(new_orgs)
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string")
}

/// The keys by which entries already in the directory are matched: each
/// organisation by its name, each activity by its source (this sheet's
/// name and row id) and by its title and organisation.
pub fn codes(dir: &Directory, mapping: &Mapping) -> Vec<(Kind, String, String)> {
    let mut out = Vec::new();
    for o in dir.organisations.values() {
        out.push((
            Kind::Organisation,
            format!("name:{}", o.name.to_lowercase()),
            o.id.clone(),
        ));
    }
    for a in dir.activities.values() {
        if let Some(s) = a.source.as_ref().filter(|s| s.system == mapping.source) {
            out.push((
                Kind::Activity,
                format!("source:{}:{}", s.system, s.id),
                a.id.clone(),
            ));
        }
        out.push((
            Kind::Activity,
            format!(
                "id:{}",
                slug::slugify(format!("{} {}", a.title, a.organisation))
            ),
            a.id.clone(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_and_time_is_read_only_when_certain() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            weekly("Tuesdays 10am to 12pm"),
            Some((Weekday::Tue, t(10, 0), t(12, 0)))
        );
        assert_eq!(
            weekly("Every Monday, 14:00-16:30"),
            Some((Weekday::Mon, t(14, 0), t(16, 30)))
        );
        assert_eq!(
            weekly("wednesday 2.30pm - 4pm"),
            Some((Weekday::Wed, t(14, 30), t(16, 0)))
        );
        // Morning or afternoon? Not guessed.
        assert_eq!(weekly("Thursdays 1.30 to 4.30pm"), None);
        assert_eq!(weekly("Mondays and Fridays 10am to 12pm"), None);
        assert_eq!(weekly("Call for times"), None);
    }
}
