//! A deterministic generated site of any size, for benchmarks and tests.
//!
//! `write_corpus(dir, n)` writes `dir/content/` with `n` activities and
//! proportional PCNs, practices, organisations, jobs and pages, written the
//! way volunteers write them: a mix of `.yaml`, `.yml` and `.md` files, some
//! activities in per-organisation subfolders, plain and quoted YAML scalars,
//! flow and block lists, Markdown descriptions of a few paragraphs with a
//! list and a link, every schedule frequency, venues and online sessions.
//!
//! Everything comes from an inline splitmix64 generator seeded by a constant,
//! with one stream per entry (seeded from its kind and index), so the files
//! are the same whatever order they are written in: the same `n` always gives
//! byte-identical files. Every generated site passes `signpost check
//! --today 2026-11-21` with no errors; it has warnings on purpose (about 5%
//! of reviews overdue, about a quarter of the jobs closed).
//!
//! Phone numbers are in Ofcom's drama range (01632 960000 to 960999), web
//! and email addresses use example.org, and all names are fictional.
//!
//! `plan` decides every entry's name, id and links first; then each kind's
//! module (`pcn`, `practice`, `organisation`, `activity` with `schedule`,
//! `job`, `pages`, `site`) writes its files with `markup` and `values`,
//! drawing words from `names` and `kinds`.

mod activity;
mod job;
mod kinds;
mod markup;
mod names;
mod organisation;
mod pages;
mod pcn;
mod plan;
mod practice;
mod rng;
mod schedule;
mod site;
mod values;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use rayon::prelude::*;

use pages::PAGES;
use plan::Plan;

/// The date generated sites are valid on: `signpost check --today 2026-11-21`.
pub const TODAY: &str = "2026-11-21";

/// Writes a complete site (DIR/content/site.yaml and all entry folders) with `activities` activities and
/// proportional PCNs (about 1 per 600 activities, at least 3; from 100,000 activities, a national
/// directory's 1 per 80, so 1,250 at 100,000), practices (about 6 per PCN), organisations
/// (about 1 per 4 activities), 1 job per 200 activities (at least 3, some closed relative to 2026-11-21), and 3 pages.
/// The same `activities` always gives byte-identical files. DIR must not contain content/ yet.
pub fn write_corpus(dir: &Path, activities: usize) -> anyhow::Result<()> {
    let content = dir.join("content");
    if content.exists() {
        bail!(
            "{} already exists; write_corpus needs a folder without content/",
            content.display()
        );
    }
    let plan = Plan::new(activities);
    let mut folders: Vec<PathBuf> = FOLDERS.iter().map(|f| content.join(f)).collect();
    for org in plan.orgs.iter().filter(|o| o.subfolder) {
        folders.push(content.join("activities").join(&org.id));
    }
    for folder in &folders {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating {}", folder.display()))?;
    }
    let mut tasks = vec![Task::Site];
    tasks.extend((0..plan.pcns.len()).map(Task::Pcn));
    tasks.extend((0..plan.practices.len()).map(Task::Practice));
    tasks.extend((0..plan.orgs.len()).map(Task::Organisation));
    tasks.extend((0..plan.activities.len()).map(Task::Activity));
    tasks.extend((0..plan.jobs.len()).map(Task::Job));
    tasks.extend((0..PAGES.len()).map(Task::Page));
    tasks.par_iter().try_for_each(|task| {
        let (rel, text) = plan.render(*task);
        let path = content.join(&rel);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
    })
}

/// How many entries of each kind a corpus of `activities` activities has
/// (practices vary per PCN, so they are counted from the plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub pcns: usize,
    pub practices: usize,
    pub organisations: usize,
    pub activities: usize,
    pub jobs: usize,
    pub pages: usize,
}

impl Counts {
    pub fn of(activities: usize) -> Counts {
        let plan = Plan::new(activities);
        Counts {
            pcns: plan.pcns.len(),
            practices: plan.practices.len(),
            organisations: plan.orgs.len(),
            activities: plan.activities.len(),
            jobs: plan.jobs.len(),
            pages: PAGES.len(),
        }
    }

    /// Entry files, not counting `site.yaml`.
    pub fn entries(&self) -> usize {
        self.pcns + self.practices + self.organisations + self.activities + self.jobs + self.pages
    }
}

const FOLDERS: [&str; 6] = [
    "pcns",
    "practices",
    "organisations",
    "activities",
    "jobs",
    "pages",
];

/// `TODAY` as a date, for the dates written into entries.
fn today() -> NaiveDate {
    TODAY.parse().expect("TODAY is a date")
}

/// One file to write; tasks are independent, so they run in parallel.
#[derive(Clone, Copy)]
enum Task {
    Site,
    Pcn(usize),
    Practice(usize),
    Organisation(usize),
    Activity(usize),
    Job(usize),
    Page(usize),
}

impl Plan {
    /// The file's path under `content/` and its text.
    fn render(&self, task: Task) -> (String, String) {
        match task {
            Task::Site => ("site.yaml".into(), site::site_yaml()),
            Task::Pcn(i) => self.pcn(i),
            Task::Practice(i) => self.practice(i),
            Task::Organisation(i) => self.organisation(i),
            Task::Activity(i) => self.activity(i),
            Task::Job(i) => self.job(i),
            Task::Page(i) => pages::page(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn same_size_same_bytes_and_no_errors() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_corpus(a.path(), 200).unwrap();
        write_corpus(b.path(), 200).unwrap();
        let first = files(a.path());
        assert_eq!(first, files(b.path()), "two runs differ");

        let counts = Counts::of(200);
        assert_eq!(first.len(), counts.entries() + 1, "entries plus site.yaml");
        assert_eq!(counts.activities, 200);
        assert_eq!(counts.pcns, 3);
        assert_eq!(counts.organisations, 50);
        assert_eq!(counts.jobs, 3);

        let loaded = signpost::content::load(a.path(), today()).unwrap();
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .take(5)
            .collect();
        assert_eq!(loaded.error_count(), 0, "first errors: {errors:#?}");
        assert_eq!(loaded.entry_count, counts.entries());
        let directory = loaded.directory.expect("site.yaml decodes");
        assert_eq!(directory.activities.len(), 200);
        // Some warnings on purpose: overdue reviews and closed jobs.
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.message.contains("closed on"))
        );
    }

    #[test]
    fn tiny_sites_are_valid_too() {
        for n in [0, 1, 7] {
            let dir = tempfile::tempdir().unwrap();
            write_corpus(dir.path(), n).unwrap();
            let loaded = signpost::content::load(dir.path(), today()).unwrap();
            assert_eq!(loaded.error_count(), 0, "{n} activities");
        }
    }

    #[test]
    fn refuses_an_existing_content_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        assert!(write_corpus(dir.path(), 10).is_err());
    }
}
