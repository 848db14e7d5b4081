//! The validated directory: every entry by id, ready for rendering, search
//! and exports. Every step after loading gets it read-only; only the loader
//! (`content::Reader`) changes it, when `serve` reads an edited file again.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use serde::Serialize;

use super::Entry;
use super::activity::{Activity, PcnScope};
use super::job::Job;
use super::organisation::Organisation;
use super::page::Page;
use super::pcn::Pcn;
use super::practice::Practice;
use crate::config::Site;
use crate::kind::Kind;
use crate::schedule::Frequency;

/// Entry ids grouped the ways the site browses them, each list in A–Z
/// order of title. Ended activities are in no list: their pages stay, but
/// nobody is sent to them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Index {
    /// Every activity that has not ended (or been hidden as overdue).
    pub listed: Vec<String>,
    /// Activities left out of the site because their review is overdue by
    /// more than `hide_overdue_after_days`: no page, in no list.
    pub hidden: BTreeSet<String>,
    pub by_category: BTreeMap<String, Vec<String>>,
    /// Activities with no category, listed under "Other".
    pub uncategorised: Vec<String>,
    /// Activities that name the PCN in their `pcns` list.
    pub by_pcn: BTreeMap<String, Vec<String>>,
    /// Activities open to every PCN's patients (`pcns: all`). Kept apart
    /// rather than repeated in every PCN's list, so listings grow with the
    /// number of activities, not activities times PCNs.
    pub region_wide: Vec<String>,
    /// Monday first.
    pub by_day: [Vec<String>; 7],
    /// Activities on no particular day (by appointment, or ask for times).
    pub other_times: Vec<String>,
    pub by_organisation: BTreeMap<String, Vec<String>>,
    pub practices_by_pcn: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Directory {
    pub site: Site,
    pub pcns: BTreeMap<String, Pcn>,
    pub practices: BTreeMap<String, Practice>,
    pub organisations: BTreeMap<String, Organisation>,
    pub activities: BTreeMap<String, Activity>,
    pub jobs: BTreeMap<String, Job>,
    pub pages: BTreeMap<String, Page>,
    /// The file each entry came from (`content/activities/walk.yaml`).
    #[serde(skip)]
    pub files: BTreeMap<(Kind, String), String>,
    #[serde(skip)]
    pub index: Index,
    /// The site's own postcode locations (`content/postcodes.csv`).
    #[serde(skip)]
    pub postcodes: super::postcodes_file::Postcodes,
}

impl Directory {
    /// Whether an activity gets a calendar file: the site writes them, and
    /// it meets at fixed sessions still to come, and has a page.
    pub fn has_calendar(&self, a: &super::activity::Activity, today: chrono::NaiveDate) -> bool {
        self.site.exports.calendars
            && !a.schedule.is_empty()
            && a.is_current(today)
            && !self.index.hidden.contains(&a.id)
    }

    /// A postcode in the region, for examples: the first GP practice's, or
    /// else the first venue's.
    pub fn example_postcode(&self) -> Option<String> {
        self.practices
            .values()
            .map(|p| p.postcode.clone())
            .chain(
                self.activities
                    .values()
                    .filter_map(|a| a.venue.as_ref().and_then(|v| v.postcode.clone())),
            )
            .next()
    }

    /// Gathers decoded entries, and finds the likely copies among them.
    /// Ids are unique per kind by the time entries get here (the loader
    /// refuses duplicate file names).
    pub fn assemble(
        site: Site,
        entries: Vec<Entry>,
        files: BTreeMap<(Kind, String), String>,
        today: NaiveDate,
    ) -> (Directory, Vec<super::duplicates::Duplicate>) {
        let mut directory = Directory {
            site,
            files,
            pcns: BTreeMap::new(),
            practices: BTreeMap::new(),
            organisations: BTreeMap::new(),
            activities: BTreeMap::new(),
            jobs: BTreeMap::new(),
            pages: BTreeMap::new(),
            index: Index::default(),
            postcodes: Default::default(),
        };
        for entry in entries {
            directory.insert(entry);
        }
        // The likely copies are looked for beside the index (both only
        // read the entries), rather than after it.
        let (index, copies) = rayon::join(
            || Index::build(&directory, today),
            || super::duplicates::find(&directory),
        );
        directory.index = index;
        (directory, copies)
    }

    /// Adds (or replaces) an entry. Call `reindex` after changes.
    pub(super) fn insert(&mut self, entry: Entry) {
        match entry {
            Entry::Pcn(e) => {
                self.pcns.insert(e.id.clone(), e);
            }
            Entry::Practice(e) => {
                self.practices.insert(e.id.clone(), e);
            }
            Entry::Organisation(e) => {
                self.organisations.insert(e.id.clone(), e);
            }
            Entry::Activity(e) => {
                self.activities.insert(e.id.clone(), *e);
            }
            Entry::Job(e) => {
                self.jobs.insert(e.id.clone(), *e);
            }
            Entry::Page(e) => {
                self.pages.insert(e.id.clone(), e);
            }
        }
    }

    /// Removes an entry, if there is one. Call `reindex` after changes.
    pub(super) fn remove(&mut self, kind: Kind, id: &str) {
        match kind {
            Kind::Pcn => drop(self.pcns.remove(id)),
            Kind::Practice => drop(self.practices.remove(id)),
            Kind::Organisation => drop(self.organisations.remove(id)),
            Kind::Activity => drop(self.activities.remove(id)),
            Kind::Job => drop(self.jobs.remove(id)),
            Kind::Page => drop(self.pages.remove(id)),
        }
    }

    /// Rebuilds the browsing lists after entries changed.
    pub(super) fn reindex(&mut self, today: NaiveDate) {
        self.index = Index::build(self, today);
    }

    /// The file an entry came from, for messages and reports.
    pub fn file_of(&self, kind: Kind, id: &str) -> &str {
        self.files
            .get(&(kind, id.to_string()))
            .map_or("", String::as_str)
    }

    pub fn entry_count(&self) -> usize {
        self.pcns.len()
            + self.practices.len()
            + self.organisations.len()
            + self.activities.len()
            + self.jobs.len()
            + self.pages.len()
    }

    /// The groups of the practices page, in order: each PCN with
    /// practices, then (`None`) the practices in no PCN of the directory.
    pub fn practice_groups(&self) -> Vec<Option<&Pcn>> {
        let has = |key: &str| !self.index.practices_in(key).is_empty();
        let mut groups: Vec<Option<&Pcn>> = self
            .pcns
            .values()
            .filter(|p| has(&p.id))
            .map(Some)
            .collect();
        if has("") {
            groups.push(None);
        }
        groups
    }
}

impl Index {
    /// The activities in a category (none for an unknown id).
    pub fn in_category(&self, id: &str) -> &[String] {
        self.by_category.get(id).map_or(&[], Vec::as_slice)
    }

    /// The activities naming a PCN in their `pcns` list.
    pub fn in_pcn(&self, id: &str) -> &[String] {
        self.by_pcn.get(id).map_or(&[], Vec::as_slice)
    }

    /// The activities an organisation runs.
    pub fn run_by(&self, id: &str) -> &[String] {
        self.by_organisation.get(id).map_or(&[], Vec::as_slice)
    }

    /// The practices of a PCN, A to Z (those in none under "").
    pub fn practices_in(&self, pcn: &str) -> &[String] {
        self.practices_by_pcn.get(pcn).map_or(&[], Vec::as_slice)
    }

    fn build(dir: &Directory, today: NaiveDate) -> Index {
        let hidden: BTreeSet<String> = match dir.site.hide_overdue_after_days {
            Some(grace) => dir
                .activities
                .values()
                .filter(|a| {
                    a.last_reviewed.is_some_and(|last| {
                        crate::schedule::days_after(dir.site.review_due(last), grace) < today
                    })
                })
                .map(|a| a.id.clone())
                .collect(),
            None => BTreeSet::new(),
        };
        let mut listed: Vec<&Activity> = dir
            .activities
            .values()
            .filter(|a| a.is_current(today) && !hidden.contains(&a.id))
            .collect();
        listed.sort_by_cached_key(|a| (a.title.to_lowercase(), a.id.clone()));
        let mut index = Index {
            hidden,
            ..Index::default()
        };
        for pcn in dir.pcns.keys() {
            index.by_pcn.insert(pcn.clone(), Vec::new());
        }
        for a in &listed {
            index.listed.push(a.id.clone());
            if a.categories.is_empty() {
                index.uncategorised.push(a.id.clone());
            }
            for c in &a.categories {
                index
                    .by_category
                    .entry(c.clone())
                    .or_default()
                    .push(a.id.clone());
            }
            match &a.pcns {
                PcnScope::All => index.region_wide.push(a.id.clone()),
                PcnScope::Listed(pcns) => {
                    for pcn in pcns {
                        if let Some(ids) = index.by_pcn.get_mut(pcn) {
                            ids.push(a.id.clone());
                        }
                    }
                }
            }
            let days = activity_days(a);
            if days.is_empty() {
                index.other_times.push(a.id.clone());
            }
            for day in days {
                index.by_day[day.num_days_from_monday() as usize].push(a.id.clone());
            }
            index
                .by_organisation
                .entry(a.organisation.clone())
                .or_default()
                .push(a.id.clone());
        }
        let mut practices: Vec<&Practice> = dir.practices.values().collect();
        practices.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id.clone()));
        for p in practices {
            // Practices in no PCN are listed under "" (the practices page
            // lists them on their own).
            index
                .practices_by_pcn
                .entry(p.pcn.clone().unwrap_or_default())
                .or_default()
                .push(p.id.clone());
        }
        index
    }
}

/// The days of the week an activity runs on, Monday first.
pub fn activity_days(activity: &Activity) -> Vec<chrono::Weekday> {
    let mut days: Vec<chrono::Weekday> = activity
        .schedule
        .iter()
        .flat_map(|s| match &s.frequency {
            Frequency::Weekly { day }
            | Frequency::Fortnightly { day }
            | Frequency::Monthly { day, .. } => vec![*day],
            Frequency::Dates { dates } => dates.iter().map(chrono::Datelike::weekday).collect(),
        })
        .chain(activity.availability.days())
        .collect();
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    days
}
