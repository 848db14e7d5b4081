//! The search page's filters: what each one offers and which of its values
//! each activity has. The search page draws its checkboxes from these and
//! the index stores each activity's values, so the two always agree.

use chrono::{NaiveTime, Timelike};
use serde::Serialize;

use crate::content::Directory;
use crate::content::activity::{Activity, PcnScope};
use crate::content::activity_days;
use crate::schedule::WEEK;
use crate::schedule::{capitalised, day_name};

#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// Also the URL parameter: `?day=tuesday&day=thursday`.
    pub id: &'static str,
    pub label: &'static str,
    /// Activities must have every ticked value (accessibility features),
    /// rather than any of them (days, categories…).
    pub all: bool,
    pub values: Vec<Value>,
    /// Which of `values` an activity has, as positions: a filter cannot
    /// be declared without the way its values are found.
    #[serde(skip)]
    pub of: fn(&Facet, &Activity) -> Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Value {
    pub id: String,
    pub label: String,
}

fn value(id: &str, label: &str) -> Value {
    Value {
        id: id.to_string(),
        label: label.to_string(),
    }
}

/// Age groups as (id, label, youngest, oldest).
const AGES: [(&str, &str, u32, u32); 4] = [
    ("children", "Children (under 12)", 0, 11),
    ("young-people", "Young people (12 to 17)", 12, 17),
    ("adults", "Adults (18 to 64)", 18, 64),
    ("older-people", "Older people (65 and over)", 65, 200),
];

/// Parts of the day as (id, label, from hour, to hour).
const TIMES: [(&str, &str, u32, u32); 3] = [
    ("morning", "Morning (before 12pm)", 0, 12),
    ("afternoon", "Afternoon (12pm to 5pm)", 12, 17),
    ("evening", "Evening (after 5pm)", 17, 24),
];

/// Every filter with values to choose, in the order the page shows them.
pub fn facets(dir: &Directory) -> Vec<Facet> {
    let mut pcns: Vec<_> = dir.pcns.values().collect();
    pcns.sort_by_key(|p| p.name.to_lowercase());
    vec![
        Facet {
            id: "category",
            of: categories_of,
            label: "Category",
            all: false,
            values: dir
                .site
                .categories
                .iter()
                .map(|c| value(&c.id, &c.label))
                .collect(),
        },
        Facet {
            id: "day",
            of: days_of,
            label: "Day",
            all: false,
            values: WEEK
                .iter()
                .map(|d| value(day_name(*d), &capitalised(day_name(*d))))
                .collect(),
        },
        Facet {
            id: "time",
            of: times_of,
            label: "Time of day",
            all: false,
            values: TIMES.iter().map(|t| value(t.0, t.1)).collect(),
        },
        Facet {
            id: "cost",
            of: cost_of,
            label: "Cost",
            all: false,
            values: vec![value("free", "Free only")],
        },
        Facet {
            id: "mode",
            of: modes_of,
            label: "In person or online",
            all: false,
            values: vec![
                value("in-person", "In person"),
                value("online", "Online or by phone"),
            ],
        },
        Facet {
            id: "age",
            of: ages_of,
            label: "Age group",
            all: false,
            values: AGES.iter().map(|a| value(a.0, a.1)).collect(),
        },
        Facet {
            id: "access",
            of: features_of,
            label: "Accessibility",
            all: true,
            values: dir
                .site
                .accessibility_features
                .iter()
                .map(|f| value(&f.id, &f.label))
                .collect(),
        },
        Facet {
            id: "audience",
            of: audiences_of,
            label: "Who it's for",
            all: false,
            values: dir
                .site
                .audiences
                .iter()
                .map(|a| value(&a.id, &a.label))
                .collect(),
        },
        Facet {
            id: "language",
            of: languages_of,
            label: "Language",
            all: false,
            values: dir
                .site
                .languages
                .iter()
                .map(|l| value(&l.id, &l.label))
                .collect(),
        },
        Facet {
            id: "pcn",
            of: pcns_of,
            label: "Primary Care Network",
            all: false,
            values: pcns.iter().map(|p| value(&p.id, &p.name)).collect(),
        },
    ]
    .into_iter()
    // A filter with nothing to choose is left off the page; so is one of
    // more PCNs than a page lists (a nation's 1,250 checkboxes would be a
    // third of a megabyte that nobody could use: the search page points
    // to the PCNs list instead, and each PCN lists its activities).
    .filter(|f| !f.values.is_empty())
    .filter(|f| f.id != "pcn" || f.values.len() <= crate::routes::PCNS_PER_PAGE)
    .collect()
}

/// The values `a` has for `facet`, as positions in `facet.values`.
pub fn values_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    (facet.of)(facet, a)
}

/// The positions of the values with these ids, in order, once each.
fn having<'a>(facet: &Facet, ids: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut found: Vec<usize> = ids
        .filter_map(|id| facet.values.iter().position(|v| v.id == id))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

fn categories_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    having(facet, a.categories.iter().map(String::as_str))
}

fn days_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    having(facet, activity_days(a).into_iter().map(day_name))
}

fn times_of(_: &Facet, a: &Activity) -> Vec<usize> {
    (0..TIMES.len())
        .filter(|&i| {
            let (_, _, from, to) = TIMES[i];
            a.schedule
                .iter()
                .map(|s| (s.start, s.end))
                .chain(a.availability.times())
                .any(|(start, end)| hour(start) < to && hour_end(end) > from)
        })
        .collect()
}

fn cost_of(_: &Facet, a: &Activity) -> Vec<usize> {
    if a.cost.as_ref().is_some_and(|c| c.free) {
        vec![0]
    } else {
        vec![]
    }
}

fn modes_of(_: &Facet, a: &Activity) -> Vec<usize> {
    // Home visits are in person; a phone service counts with online ones
    // ("Online or by phone").
    [
        a.venue.is_some() || a.home_visits.is_some(),
        a.online.is_some() || a.by_phone.is_some(),
    ]
    .iter()
    .enumerate()
    .filter_map(|(i, on)| on.then_some(i))
    .collect()
}

fn ages_of(_: &Facet, a: &Activity) -> Vec<usize> {
    let (min, max) = a
        .who_for
        .as_ref()
        .map_or((None, None), |w| (w.age_min, w.age_max));
    let (min, max) = (min.unwrap_or(0), max.unwrap_or(200));
    (0..AGES.len())
        .filter(|&i| AGES[i].2 <= max && min <= AGES[i].3)
        .collect()
}

/// The activity's own features and its venues': "step-free" finds an
/// activity if any of its venues is step-free, and its page says which.
fn features_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    let venues = a.venue.iter().chain(&a.more_venues);
    let features = a
        .accessibility
        .features
        .iter()
        .chain(venues.flat_map(|v| v.accessibility.iter().flat_map(|x| &x.features)));
    having(facet, features.map(String::as_str))
}

fn audiences_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    having(
        facet,
        a.who_for
            .iter()
            .flat_map(|w| &w.audiences)
            .map(String::as_str),
    )
}

fn languages_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    having(facet, a.languages.iter().map(String::as_str))
}

fn pcns_of(facet: &Facet, a: &Activity) -> Vec<usize> {
    match &a.pcns {
        // Open to every PCN's patients, so it counts under each.
        PcnScope::All => (0..facet.values.len()).collect(),
        PcnScope::Listed(ids) => having(facet, ids.iter().map(String::as_str)),
    }
}

fn hour(t: NaiveTime) -> u32 {
    t.hour()
}

/// An end time as an hour, rounded up: a session ending at 12:00 is a
/// morning one, one ending at 12:30 reaches into the afternoon.
fn hour_end(t: NaiveTime) -> u32 {
    if t.minute() == 0 {
        t.hour()
    } else {
        t.hour() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::activity::WhoFor;

    fn sample() -> Directory {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::content::load(root, today)
            .unwrap()
            .directory
            .unwrap()
    }

    fn ids<'a>(facet: &'a Facet, a: &Activity) -> Vec<&'a str> {
        values_of(facet, a)
            .into_iter()
            .map(|i| facet.values[i].id.as_str())
            .collect()
    }

    #[test]
    fn times_of_day_ages_and_region_wide_pcns() {
        let dir = sample();
        let facets = facets(&dir);
        let facet = |id: &str| facets.iter().find(|f| f.id == id).unwrap();
        let mut a = dir.activities["walk-and-talk-abington"].clone();
        // Every Tuesday 10:00 to 11:00.
        assert_eq!(ids(facet("time"), &a), ["morning"]);
        a.schedule[0].start = NaiveTime::from_hms_opt(11, 30, 0).unwrap();
        a.schedule[0].end = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        assert_eq!(ids(facet("time"), &a), ["morning"]);
        a.schedule[0].end = NaiveTime::from_hms_opt(12, 30, 0).unwrap();
        assert_eq!(ids(facet("time"), &a), ["morning", "afternoon"]);
        a.schedule[0].start = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
        a.schedule[0].end = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        assert_eq!(ids(facet("time"), &a), ["evening"]);

        a.who_for = None;
        assert_eq!(ids(facet("age"), &a).len(), 4);
        a.who_for = Some(WhoFor {
            age_min: Some(16),
            age_max: Some(25),
            audiences: vec![],
            eligibility: None,
        });
        assert_eq!(ids(facet("age"), &a), ["young-people", "adults"]);
        a.who_for = Some(WhoFor {
            age_min: Some(65),
            age_max: None,
            audiences: vec![],
            eligibility: None,
        });
        assert_eq!(ids(facet("age"), &a), ["older-people"]);

        // Without sessions, the day and time filters read the availability.
        let mut b = a.clone();
        b.schedule.clear();
        b.availability = crate::schedule::Availability::Always;
        assert_eq!(ids(facet("time"), &b), ["morning", "afternoon", "evening"]);
        assert_eq!(ids(facet("day"), &b).len(), 7);
        b.availability = crate::schedule::Availability::OpeningHours {
            hours: vec![crate::schedule::Hours {
                day: chrono::Weekday::Wed,
                opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            }],
            closed: vec![],
        };
        assert_eq!(ids(facet("time"), &b), ["morning"]);
        assert_eq!(ids(facet("day"), &b), ["wednesday"]);
        b.availability = crate::schedule::Availability::ByAppointment;
        assert!(ids(facet("time"), &b).is_empty() && ids(facet("day"), &b).is_empty());

        a.pcns = PcnScope::All;
        assert_eq!(ids(facet("pcn"), &a).len(), dir.pcns.len());
        assert_eq!(ids(facet("day"), &a), ["tuesday"]);
        assert_eq!(ids(facet("cost"), &a), ["free"]);
        assert_eq!(ids(facet("mode"), &a), ["in-person"]);
    }

    /// One venue's hearing loop counts for the activity; the activity's
    /// own features still count.
    #[test]
    fn a_venues_own_access_counts_for_its_activity() {
        let dir = sample();
        let all = facets(&dir);
        let access = all.iter().find(|f| f.id == "access").unwrap();
        let a = &dir.activities["sight-loss-advice-sessions"];
        assert!(a.accessibility.features.iter().all(|f| f != "hearing-loop"));
        assert_eq!(
            ids(access, a),
            ["step-free-access", "hearing-loop", "large-print"]
        );
    }
}
