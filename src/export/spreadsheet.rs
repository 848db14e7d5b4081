//! The activities as a spreadsheet (`data/activities.csv`) and as JSON
//! (`data/activities.json`): a row for each activity with a page (ended
//! ones say so in `status`), flat columns, in the words the pages use.
//!
//! The CSV is UTF-8 with a byte order mark, so Excel reads its accents and
//! pound signs, and a cell that a spreadsheet would take for a formula
//! (starting `=`, `+`, `-`, `@`, a tab or a carriage return) starts with
//! an apostrophe instead, as OWASP advises against CSV injection.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::content::Directory;
use crate::content::activity::Activity;
use crate::present;
use crate::routes::urls::{Urls, path};

pub const CSV: &str = "data/activities.csv";
pub const JSON: &str = "data/activities.json";

/// The columns, in order, with how each is read from an activity.
const COLUMNS: &[&str] = &[
    "id",
    "title",
    "organisation",
    "status",
    "summary",
    "description",
    "categories",
    "when",
    "next_dates",
    "venue",
    "address",
    "postcode",
    "online",
    "by_phone",
    "home_visits",
    "cost",
    "free",
    "who_for",
    "audiences",
    "languages",
    "how_to_join",
    "contact_name",
    "phone",
    "email",
    "website",
    "open_to",
    "accessibility",
    "last_reviewed",
    "url",
];

/// One activity's values, each a list of texts (a cell joins them).
fn row(dir: &Directory, a: &Activity, urls: &Urls, today: NaiveDate) -> Vec<Vec<String>> {
    let page = present::activity_page(dir, a, urls, today);
    let one = |s: Option<String>| s.into_iter().collect::<Vec<_>>();
    let venues: Vec<_> = a.venue.iter().chain(&a.more_venues).collect();
    let labels = |links: &[present::Link]| links.iter().map(|l| l.label.clone()).collect();
    let mut how = page.how_to_join.clone();
    how.extend(page.how_to_join_details.clone());
    let mut access = page.accessibility.clone();
    access.extend(page.accessibility_notes.clone());
    vec![
        vec![a.id.clone()],
        vec![a.title.clone()],
        vec![page.organisation.label.clone()],
        vec![page.status.to_string()],
        vec![a.summary.clone()],
        vec![
            crate::markdown::plain_text(&a.description)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ],
        labels(&page.categories),
        page.sessions.clone(),
        page.next_dates.clone(),
        venues.iter().map(|v| v.name.clone()).collect(),
        venues.iter().map(|v| v.address.clone()).collect(),
        venues.iter().filter_map(|v| v.postcode.clone()).collect(),
        one(a.online.as_ref().map(|o| {
            o.url
                .clone()
                .or_else(|| o.details.clone())
                .unwrap_or_else(|| "yes".into())
        })),
        one(page.by_phone.as_ref().map(|p| {
            p.number
                .clone()
                .or_else(|| p.details.clone())
                .unwrap_or_else(|| "yes".into())
        })),
        one(a.home_visits.as_ref().map(|h| h.area.clone())),
        vec![page.cost.clone()],
        vec![match &a.cost {
            Some(c) if c.free => "yes".into(),
            Some(_) => "no".into(),
            None => String::new(),
        }],
        one(page.who_for.clone()),
        page.audiences.clone(),
        page.languages.clone(),
        how,
        one(a.contact.name.clone()),
        one(a.contact.phone.clone()),
        one(a.contact.email.clone()),
        one(a.contact.website.clone()),
        if page.all_pcns {
            vec![format!("Every GP practice in {}", dir.site.region)]
        } else {
            labels(&page.pcns)
        },
        access,
        one(a.last_reviewed.map(|d| d.to_string())),
        vec![urls.absolute(&path::activity(&a.id))],
    ]
}

/// A cell's texts: sentences one after another, other items by "; ".
fn joined(cell: &[String]) -> String {
    if cell.iter().all(|t| t.ends_with('.')) {
        cell.join(" ")
    } else {
        cell.join("; ")
    }
}

/// A cell a spreadsheet will show as text, never run as a formula.
pub fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The CSV and the JSON, for the activities the site lists.
pub fn files(dir: &Directory, urls: &Urls, today: NaiveDate) -> [(&'static str, Vec<u8>); 2] {
    // Every activity with a page, ended ones too (their status says so),
    // as in the Open Referral feed.
    let rows: Vec<Vec<Vec<String>>> = dir
        .activities
        .values()
        .filter(|a| !dir.index.hidden.contains(&a.id))
        .map(|a| row(dir, a, urls, today))
        .collect();
    let mut csv = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    csv.write_record(COLUMNS).expect("writing to memory");
    for r in &rows {
        csv.write_record(r.iter().map(|cell| defused(&joined(cell))))
            .expect("writing to memory");
    }
    let csv = csv.into_inner().expect("writing to memory");
    let activities: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut o = Map::new();
            for (name, cell) in COLUMNS.iter().zip(r) {
                let list = matches!(
                    *name,
                    "categories"
                        | "when"
                        | "next_dates"
                        | "venue"
                        | "address"
                        | "postcode"
                        | "audiences"
                        | "languages"
                        | "how_to_join"
                        | "open_to"
                        | "accessibility"
                );
                let value = if list {
                    json!(cell)
                } else {
                    cell.first().map_or(Value::Null, |c| json!(c))
                };
                o.insert((*name).to_string(), value);
            }
            Value::Object(o)
        })
        .collect();
    let mut doc = json!({
        "title": dir.site.title,
        "region": dir.site.region,
        "generated": today.to_string(),
        "activities": activities,
    });
    if let Some(l) = &dir.site.data_licence {
        doc["licence"] = json!({ "name": l.name, "url": l.url });
    }
    let mut json = serde_json::to_string_pretty(&doc).expect("JSON");
    json.push('\n');
    [(CSV, csv), (JSON, json.into_bytes())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("-1+2"), "'-1+2");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("Free"), "Free");
    }
}
