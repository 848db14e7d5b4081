//! The activities as a spreadsheet (`data/activities.csv`) and as JSON
//! (`data/activities.json`): a row for each activity with a page (ended
//! ones say so in `status`), flat columns, in the words the pages use.
//!
//! The CSV is UTF-8 with a byte order mark, so Excel reads its accents and
//! pound signs, and a cell that a spreadsheet would take for a formula
//! (starting `=`, `+`, `-`, `@`, a tab or a carriage return) starts with
//! an apostrophe instead, as OWASP advises against CSV injection.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::content::Directory;
use crate::content::activity::{Activity, PcnScope, Status};
use crate::present;
use crate::routes::urls::{Urls, path};

pub const CSV: &str = "data/activities.csv";
pub const JSON: &str = "data/activities.json";

/// The columns, in order, each with whether the JSON holds it as a list
/// (the others hold one text, or null).
const COLUMNS: &[(&str, bool)] = &[
    ("id", false),
    ("title", false),
    ("organisation", false),
    ("status", false),
    ("summary", false),
    ("description", false),
    ("categories", true),
    ("when", true),
    ("next_dates", true),
    ("venue", true),
    ("address", true),
    ("postcode", true),
    ("online", false),
    ("by_phone", false),
    ("home_visits", false),
    ("cost", false),
    ("free", false),
    ("who_for", false),
    ("audiences", true),
    ("languages", true),
    ("how_to_join", true),
    ("contact_name", false),
    ("phone", false),
    ("email", false),
    ("website", false),
    ("open_to", true),
    ("accessibility", true),
    ("last_reviewed", false),
    ("url", false),
];

/// One activity's values, each a list of texts (a cell joins them), in
/// the words its page uses.
fn row(dir: &Directory, a: &Activity, urls: &Urls, today: NaiveDate) -> Vec<Vec<String>> {
    let site = &dir.site;
    let one = |s: Option<&String>| s.into_iter().cloned().collect::<Vec<_>>();
    let venues: Vec<_> = a.venue.iter().chain(&a.more_venues).collect();
    let mut how = present::how_to_join_lines(a);
    how.extend(a.how_to_join.as_ref().and_then(|j| j.details.clone()));
    let mut access: Vec<String> = a
        .accessibility
        .features
        .iter()
        .map(|f| present::term_label(&site.accessibility_features, f))
        .collect();
    access.extend(a.accessibility.notes.clone());
    let categories = if a.categories.is_empty() {
        vec!["Other".to_string()]
    } else {
        a.categories
            .iter()
            .map(|c| {
                site.categories
                    .iter()
                    .find(|k| k.id == *c)
                    .map_or_else(|| c.clone(), |k| k.label.clone())
            })
            .collect()
    };
    let open_to = match &a.pcns {
        PcnScope::All => vec![format!("Every GP practice in {}", site.region)],
        PcnScope::Listed(ids) => ids
            .iter()
            .map(|p| {
                dir.pcns
                    .get(p)
                    .map_or_else(|| p.clone(), |p| p.name.clone())
            })
            .collect(),
    };
    vec![
        vec![a.id.clone()],
        vec![a.title.clone()],
        vec![
            dir.organisations
                .get(&a.organisation)
                .map_or_else(|| a.organisation.clone(), |o| o.name.clone()),
        ],
        vec![
            match a.status {
                Status::Running => "running",
                Status::Paused => "paused",
                Status::Ended => "ended",
            }
            .to_string(),
        ],
        vec![a.summary.clone()],
        vec![a.description_text().to_string()],
        categories,
        present::when_lines(a, today),
        present::next_dates(a, today, 4)
            .into_iter()
            .map(present::day_and_date)
            .collect(),
        venues.iter().map(|v| v.name.clone()).collect(),
        venues.iter().map(|v| v.address.clone()).collect(),
        venues.iter().filter_map(|v| v.postcode.clone()).collect(),
        // Its address, else its details, else just that it is online.
        a.online
            .iter()
            .map(|o| {
                o.url
                    .clone()
                    .or_else(|| o.details.clone())
                    .unwrap_or_else(|| "yes".into())
            })
            .collect(),
        one(a
            .by_phone
            .as_ref()
            .and_then(|p| p.number.as_ref().or(a.contact.phone.as_ref()))),
        one(a.home_visits.as_ref().map(|h| &h.area)),
        vec![present::cost_text(a)],
        vec![match &a.cost {
            Some(c) if c.free => "yes".into(),
            Some(_) => "no".into(),
            None => String::new(),
        }],
        present::who_for_text(a).into_iter().collect(),
        a.who_for
            .iter()
            .flat_map(|w| &w.audiences)
            .map(|id| present::term_label(&site.audiences, id))
            .collect(),
        a.languages
            .iter()
            .map(|id| present::term_label(&site.languages, id))
            .collect(),
        how,
        one(a.contact.name.as_ref()),
        one(a.contact.phone.as_ref()),
        one(a.contact.email.as_ref()),
        one(a.contact.website.as_ref()),
        open_to,
        access,
        a.last_reviewed.map(|d| d.to_string()).into_iter().collect(),
        vec![urls.absolute(&path::activity(&a.id))],
    ]
}

/// The JSON document's fields before its activities.
#[derive(serde::Serialize)]
struct Head<'a> {
    title: &'a str,
    region: &'a str,
    generated: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    licence: Option<&'a crate::config::DataLicence>,
}

/// One activity as a JSON object, its columns in order.
struct Row<'a> {
    cells: &'a [Vec<String>],
}

impl serde::Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(COLUMNS.len()))?;
        for ((name, list), cell) in COLUMNS.iter().zip(self.cells) {
            if *list {
                map.serialize_entry(name, cell)?;
            } else {
                map.serialize_entry(name, &cell.first())?;
            }
        }
        map.end()
    }
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

/// How many activities' rows are made on every core at once before they
/// are written: the spreadsheets are never held whole.
const BATCH: usize = 4096;

/// Writes the CSV and the JSON, for the activities the site lists;
/// returns their paths.
pub fn write(run: super::Run) -> anyhow::Result<Vec<&'static str>> {
    let (dir, urls, today, reuse, sink) = (run.dir, run.urls, run.today, run.reuse, run.sink);
    if !dir.site.exports.spreadsheets {
        return Ok(Vec::new());
    }
    // Every activity with a page, ended ones too (their status says so),
    // as in the Open Referral feed.
    let activities = super::with_pages(dir);
    let mut csv = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    csv.write_record(COLUMNS.iter().map(|(name, _)| name))
        .expect("writing to memory");
    let header = csv.into_inner().expect("writing to memory");
    let head = Head {
        title: &dir.site.title,
        region: &dir.site.region,
        generated: today.to_string(),
        licence: dir.site.data_licence.as_ref(),
    };
    // The CSV lines and JSON objects of each run of rows, made on every
    // core; the CSV's lines are written as the JSON's objects are listed.
    sink.write_pieces(CSV, &mut |csv_piece| {
        csv_piece(header.as_slice().into())?;
        let runs = activities.chunks(BATCH).map(|batch| {
            let parts: Vec<Vec<super::Part>> = batch
                .par_chunks(256)
                .map(|chunk| parts_of(dir, chunk, urls, today, reuse))
                .collect::<anyhow::Result<_>>()?;
            let mut objects = Vec::with_capacity(batch.len());
            for part in parts.into_iter().flatten() {
                let (object, line) = split(&part);
                csv_piece(part.piece(line))?;
                objects.push((part, object));
            }
            Ok(objects)
        });
        super::write_list(sink, JSON, &head, "activities", runs)
    })?;
    Ok(vec![CSV, JSON])
}

/// Where an activity's part (see `parts_of`) holds its JSON object and
/// its CSV line.
fn split(part: &super::Part) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let length = part.first_line().expect("a length, then the object");
    let from = length.len() + 1;
    let to = from + length.parse::<usize>().expect("the object's length");
    (from..to, to..part.len())
}

/// The parts of a run of activities: each its JSON object's length and a
/// new line, then the object, then its CSV line. (Kept while serving,
/// a part is split on every save: by its length, not by looking through
/// the object.)
fn parts_of(
    dir: &Directory,
    chunk: &[super::Numbered],
    urls: &Urls,
    today: NaiveDate,
    reuse: super::Reuse,
) -> anyhow::Result<Vec<super::Part>> {
    let kept = reuse.kept("spreadsheet", chunk);
    chunk
        .iter()
        .zip(kept)
        .map(|(&(at, a), kept)| {
            reuse.part("spreadsheet", (at, a), kept, || {
                let cells = row(dir, a, urls, today);
                let object = serde_json::to_string(&Row { cells: &cells }).expect("JSON");
                let mut part = format!("{}\n{object}", object.len());
                let mut line = csv::WriterBuilder::new()
                    .buffer_capacity(2048)
                    .from_writer(Vec::new());
                line.write_record(cells.iter().map(|cell| defused(&joined(cell))))?;
                let line = line.into_inner().map_err(|e| e.into_error())?;
                part.push_str(std::str::from_utf8(&line)?);
                Ok(part)
            })
        })
        .collect()
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
