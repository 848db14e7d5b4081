//! Review freshness for coordinators: which entries are past (or close to)
//! their review date, grouped by the organisation to chase, with its email.

use chrono::NaiveDate;

use crate::content::activity::Status;
use crate::content::{Directory, Kind};

/// One entry that needs checking.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub file: String,
    pub last_reviewed: NaiveDate,
    pub due: NaiveDate,
    /// Positive when overdue, negative when due in that many days.
    pub days_overdue: i64,
}

/// An organisation and its entries that need checking, most overdue first.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub organisation: String,
    pub email: Option<String>,
    pub entries: Vec<Due>,
}

/// Entries whose review is due on or before `today + within_days`, grouped
/// by organisation (A to Z).
pub fn due(dir: &Directory, today: NaiveDate, within_days: u32) -> Vec<Group> {
    let horizon = crate::schedule::days_after(today, within_days);
    let check = |kind: Kind, id: &str, title: &str, last: NaiveDate| {
        let due = dir.site.review_due(last);
        (due <= horizon).then(|| Due {
            kind,
            id: id.to_string(),
            title: title.to_string(),
            file: dir.file_of(kind, id).to_string(),
            last_reviewed: last,
            due,
            days_overdue: (today - due).num_days(),
        })
    };
    let mut groups: Vec<Group> = dir
        .organisations
        .values()
        .map(|o| {
            let own = o
                .last_reviewed
                .and_then(|last| check(Kind::Organisation, &o.id, &o.name, last));
            let activities = dir
                .activities
                .values()
                .filter(|a| a.organisation == o.id && a.status != Status::Ended)
                .filter_map(|a| check(Kind::Activity, &a.id, &a.title, a.last_reviewed?));
            let mut entries: Vec<Due> = own.into_iter().chain(activities).collect();
            entries.sort_by(|a, b| (b.days_overdue, &a.file).cmp(&(a.days_overdue, &b.file)));
            Group {
                organisation: o.name.clone(),
                email: o.email.clone(),
                entries,
            }
        })
        .filter(|g| !g.entries.is_empty())
        .collect();
    groups.sort_by_cached_key(|g| g.organisation.to_lowercase());
    groups
}

/// "overdue by 12 days", "due today", "due in 3 days".
pub fn status(days_overdue: i64) -> String {
    match days_overdue {
        0 => "due today".to_string(),
        1 => "overdue by 1 day".to_string(),
        -1 => "due in 1 day".to_string(),
        n if n > 0 => format!("overdue by {n} days"),
        n => format!("due in {} days", -n),
    }
}

/// The groups as CSV, one row per entry, with a header row.
pub fn csv(groups: &[Group]) -> String {
    let mut out = String::from(
        "organisation,organisation_email,kind,id,title,file,last_reviewed,review_due,days_overdue\n",
    );
    for g in groups {
        for e in &g.entries {
            let row = [
                g.organisation.clone(),
                g.email.clone().unwrap_or_default(),
                e.kind.name().to_lowercase(),
                e.id.clone(),
                e.title.clone(),
                e.file.clone(),
                e.last_reviewed.to_string(),
                e.due.to_string(),
                e.days_overdue.to_string(),
            ];
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

/// Quotes a cell when it holds a comma, quote or line break (RFC 4180), and
/// defuses cells a spreadsheet would run as a formula.
fn csv_cell(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err();
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-12"), "-12");
        assert_eq!(csv_cell("-x"), "'-x");
    }

    #[test]
    fn status_words() {
        assert_eq!(status(12), "overdue by 12 days");
        assert_eq!(status(0), "due today");
        assert_eq!(status(-3), "due in 3 days");
    }
}
