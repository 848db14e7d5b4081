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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;

/// The date generated sites are valid on: `signpost check --today 2026-11-21`.
pub const TODAY: &str = "2026-11-21";

/// Writes a complete site (DIR/content/site.yaml and all entry folders) with `activities` activities and
/// proportional PCNs (about 1 per 600 activities, at least 3), practices (about 6 per PCN), organisations
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

fn today() -> NaiveDate {
    date(2026, 11, 21)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

// ---- randomness -------------------------------------------------------------

const SEED: u64 = 0x5369_676e_706f_7374; // "Signpost"

/// The splitmix64 finaliser: a bijection that scatters nearby inputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64, one independent stream per (kind, index).
struct Rng(u64);

impl Rng {
    fn new(stream: u64, index: usize) -> Rng {
        Rng(mix(
            mix(SEED ^ stream) ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn one(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// `count` distinct indices into a list of `len`, in a random order.
    fn distinct(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        let count = count.min(len);
        for i in 0..count {
            let j = i + self.below(len - i);
            all.swap(i, j);
        }
        all.truncate(count);
        all
    }
}

// Streams, one per kind of thing generated.
const S_PRACTICE: u64 = 2;
const S_ORG: u64 = 3;
const S_ACTIVITY: u64 = 4;
const S_JOB: u64 = 5;
const S_PRACTICE_COUNT: u64 = 6;
const S_ORG_BODY: u64 = 13;
const S_ACTIVITY_BODY: u64 = 14;
const S_JOB_BODY: u64 = 15;
const S_PCN_BODY: u64 = 11;
const S_PRACTICE_BODY: u64 = 12;

// ---- the plan: names and ids of everything, decided before any text ----------

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

struct PcnPlan {
    id: String,
    name: String,
    town: usize,
    code: String,
    practices: Vec<usize>,
}

struct PracticePlan {
    id: String,
    name: String,
    pcn: usize,
    town: usize,
}

struct OrgPlan {
    id: String,
    name: String,
    town: usize,
    focus: usize,
    /// Its activities live in `activities/<org id>/`.
    subfolder: bool,
}

struct ActivityPlan {
    id: String,
    title: String,
    org: usize,
    kind: usize,
    town: usize,
    /// A venue name, or empty for online-only activities.
    place: String,
    pcn: usize,
    ext: &'static str,
}

struct JobPlan {
    id: String,
    title: &'static str,
    /// A PCN index, or an organisation index.
    employer: Employer,
    pcn: usize,
    closed: bool,
    fixed_term: bool,
}

#[derive(Clone, Copy)]
enum Employer {
    Pcn(usize),
    Org(usize),
}

struct Plan {
    pcns: Vec<PcnPlan>,
    practices: Vec<PracticePlan>,
    orgs: Vec<OrgPlan>,
    activities: Vec<ActivityPlan>,
    jobs: Vec<JobPlan>,
    pcns_by_town: Vec<Vec<usize>>,
}

/// Hands out unique slugs, adding -2, -3 … to repeats.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn claim(&mut self, name: &str) -> String {
        let base = slug::slugify(name);
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

impl Plan {
    fn new(activities: usize) -> Plan {
        let pcn_count = ((activities + 300) / 600).max(3);
        let org_count = activities.div_ceil(4).max(1);
        let job_count = (activities / 200).max(3);

        // PCNs and organisations share one id space, as a job's employer
        // may be either and must not be ambiguous.
        let mut employer_ids = Ids::default();
        let mut pcns = Vec::with_capacity(pcn_count);
        let mut pcns_by_town = vec![Vec::new(); TOWNS.len()];
        for i in 0..pcn_count {
            let town = PCN_TOWNS[i % PCN_TOWNS.len()];
            let round = i / PCN_TOWNS.len();
            let name = match round {
                0 => format!("{} PCN", TOWNS[town].name),
                r => {
                    let descriptor = PCN_DESCRIPTORS[(r - 1) % PCN_DESCRIPTORS.len()];
                    let lap = (r - 1) / PCN_DESCRIPTORS.len();
                    if lap == 0 {
                        format!("{} {descriptor} PCN", TOWNS[town].name)
                    } else {
                        format!("{} {descriptor} {} PCN", TOWNS[town].name, lap + 1)
                    }
                }
            };
            let id = employer_ids.claim(&name);
            // 7919 is prime, so i * 7919 mod 90000 never repeats below 90,000.
            let code = format!("U{}", 10_000 + (i * 7919 + 4_464) % 90_000);
            pcns_by_town[town].push(i);
            pcns.push(PcnPlan {
                id,
                name,
                town,
                code,
                practices: Vec::new(),
            });
        }

        let mut practice_ids = Ids::default();
        let mut practices = Vec::new();
        for (p, pcn) in pcns.iter_mut().enumerate() {
            let mut rng = Rng::new(S_PRACTICE_COUNT, p);
            for _ in 0..rng.range(4, 8) {
                let i = practices.len();
                let mut rng = Rng::new(S_PRACTICE, i);
                let town = if rng.chance(70) {
                    pcn.town
                } else {
                    nearby(&mut rng, pcn.town)
                };
                let name = match rng.below(4) {
                    0 => format!("{} {}", TOWNS[town].name, rng.one(PRACTICE_KINDS)),
                    _ => format!("{} {}", rng.one(PRACTICE_NAMES), rng.one(PRACTICE_KINDS)),
                };
                let id = practice_ids.claim(&name);
                pcn.practices.push(i);
                practices.push(PracticePlan {
                    id,
                    name,
                    pcn: p,
                    town,
                });
            }
        }

        let mut orgs = Vec::with_capacity(org_count);
        for i in 0..org_count {
            let mut rng = Rng::new(S_ORG, i);
            let focus = rng.below(KINDS.len());
            let town = rng.below(TOWNS.len());
            let word = KINDS[focus].org_word;
            let name = match rng.below(10) {
                0..=4 => format!("{} {word}", TOWNS[town].name),
                5..=7 => format!("{} {word}", rng.one(AREAS)),
                _ => format!("{} {}", rng.one(AREAS), rng.one(ORG_SUFFIXES)),
            };
            let id = employer_ids.claim(&name);
            orgs.push(OrgPlan {
                id,
                name,
                town,
                focus,
                subfolder: i % 10 == 3,
            });
        }

        let mut activity_ids = Ids::default();
        let mut planned = Vec::with_capacity(activities);
        for i in 0..activities {
            let mut rng = Rng::new(S_ACTIVITY, i);
            let org = i % orgs.len();
            let kind = if rng.chance(70) {
                orgs[org].focus
            } else {
                rng.below(KINDS.len())
            };
            let k = &KINDS[kind];
            let town = if rng.chance(80) {
                orgs[org].town
            } else {
                rng.below(TOWNS.len())
            };
            let tn = TOWNS[town].name;
            let online_only = match k.mode {
                Mode::Online => true,
                Mode::Venue => false,
                Mode::Either => rng.chance(8),
            };
            let place = if online_only {
                String::new()
            } else {
                rng.one(PLACES).replace("{town}", tn)
            };
            let title = if online_only {
                match rng.below(3) {
                    0 => format!("{} with {}", k.title, orgs[org].name),
                    1 if k.mode == Mode::Either => format!("{} (online)", k.title),
                    _ => format!("{}: {tn} and online", k.title),
                }
            } else {
                match rng.below(8) {
                    0..=2 => format!("{tn} {}", k.title),
                    3..=4 => format!("{} at {place}", k.title),
                    5..=6 => format!("{} ({tn})", k.title),
                    _ => format!("{}: {place}", k.title),
                }
            };
            let id = activity_ids.claim(&title);
            let pcn = match pcns_by_town[town].as_slice() {
                [] => rng.below(pcns.len()),
                local => *rng.pick(local),
            };
            let ext = match rng.below(100) {
                0..=34 => "md",
                35..=37 => "yml",
                _ => "yaml",
            };
            planned.push(ActivityPlan {
                id,
                title,
                org,
                kind,
                town,
                place,
                pcn,
                ext,
            });
        }

        let mut job_ids = Ids::default();
        let mut jobs = Vec::with_capacity(job_count);
        for i in 0..job_count {
            let mut rng = Rng::new(S_JOB, i);
            let fixed_term = rng.chance(30);
            let title = if fixed_term {
                "Social Prescribing Link Worker (fixed term)"
            } else {
                rng.one(JOB_TITLES)
            };
            let (employer, pcn, employer_id) = if rng.chance(60) {
                let p = rng.below(pcns.len());
                (Employer::Pcn(p), p, &pcns[p].id)
            } else {
                let o = rng.below(orgs.len());
                let p = match pcns_by_town[orgs[o].town].as_slice() {
                    [] => rng.below(pcns.len()),
                    local => *rng.pick(local),
                };
                (Employer::Org(o), p, &orgs[o].id)
            };
            let id = job_ids.claim(&format!("{title} {employer_id}"));
            jobs.push(JobPlan {
                id,
                title,
                employer,
                pcn,
                closed: i % 4 == 2,
                fixed_term,
            });
        }

        Plan {
            pcns,
            practices,
            orgs,
            activities: planned,
            jobs,
            pcns_by_town,
        }
    }

    fn render(&self, task: Task) -> (String, String) {
        match task {
            Task::Site => ("site.yaml".into(), site_yaml()),
            Task::Pcn(i) => (format!("pcns/{}.yaml", self.pcns[i].id), self.pcn_yaml(i)),
            Task::Practice(i) => (
                format!("practices/{}.yaml", self.practices[i].id),
                self.practice_yaml(i),
            ),
            Task::Organisation(i) => self.organisation(i),
            Task::Activity(i) => self.activity(i),
            Task::Job(i) => self.job(i),
            Task::Page(i) => {
                let page = &PAGES[i];
                let mut out = String::from("---\n");
                field(&mut out, "title", page.title);
                field(&mut out, "summary", page.summary);
                field(&mut out, "nav_order", &page.nav_order.to_string());
                out.push_str("---\n");
                out.push_str(page.body);
                (format!("pages/{}.md", page.id), out)
            }
        }
    }

    fn pcn_yaml(&self, i: usize) -> String {
        let pcn = &self.pcns[i];
        let mut rng = Rng::new(S_PCN_BODY, i);
        let town = &TOWNS[pcn.town];
        let mut out = String::new();
        field(&mut out, "name", &pcn.name);
        field(&mut out, "code", &pcn.code);
        let summary = format!(
            "Covers {} and the villages around it, through {} GP practices working together{}.",
            town.name,
            number_word(pcn.practices.len()),
            if rng.chance(50) {
                " on social prescribing, care coordination and health coaching"
            } else {
                ""
            }
        );
        field(&mut out, "summary", &summary);
        if rng.chance(80) {
            let base = &self.practices[pcn.practices[0]];
            field(
                &mut out,
                "address",
                &format!("{}, {}, {}", base.name, rng.one(STREETS), town.name),
            );
            field(&mut out, "postcode", &postcode(&mut rng, pcn.town));
        }
        if rng.chance(70) {
            field(
                &mut out,
                "website",
                &format!("https://example.org/pcns/{}", pcn.id),
            );
        }
        let workers = rng.range(1, 3);
        out.push_str("link_workers:\n");
        for w in 0..workers {
            let (first, last) = person(&mut rng);
            out.push_str(&format!("  - name: {first} {last}\n"));
            let role = if w == 0 {
                "Social prescribing link worker"
            } else {
                rng.one(LINK_WORKER_ROLES)
            };
            out.push_str(&format!("    role: {role}\n"));
            let email = rng.chance(85);
            if email {
                out.push_str(&format!(
                    "    email: {}@example.org\n",
                    email_local(first, last)
                ));
            }
            if !email || rng.chance(50) {
                out.push_str(&format!("    phone: \"{}\"\n", phone(&mut rng)));
            }
        }
        out
    }

    fn practice_yaml(&self, i: usize) -> String {
        let practice = &self.practices[i];
        let mut rng = Rng::new(S_PRACTICE_BODY, i);
        let town = &TOWNS[practice.town];
        let mut out = String::new();
        field(&mut out, "name", &practice.name);
        // A letter and five digits; the multiplier is coprime with 100,000.
        let letter = ODS_LETTERS[(i / 100_000) % ODS_LETTERS.len()] as char;
        field(
            &mut out,
            "ods_code",
            &format!("{letter}{:05}", (i * 7919 + 83_002) % 100_000),
        );
        field(&mut out, "pcn", &self.pcns[practice.pcn].id);
        let address = if rng.chance(50) {
            format!("{} {}, {}", rng.range(1, 180), rng.one(STREETS), town.name)
        } else {
            format!("{}, {}, {}", practice.name, rng.one(STREETS), town.name)
        };
        field(&mut out, "address", &address);
        field(&mut out, "postcode", &postcode(&mut rng, practice.town));
        out.push_str(&format!("phone: \"{}\"\n", phone(&mut rng)));
        if rng.chance(60) {
            field(
                &mut out,
                "website",
                &format!("https://{}.example.org", practice.id),
            );
        }
        if rng.chance(60) {
            let (lat, lon) = coordinates(&mut rng, practice.town);
            out.push_str(&format!("latitude: {lat}\nlongitude: {lon}\n"));
        }
        out
    }

    fn organisation(&self, i: usize) -> (String, String) {
        let org = &self.orgs[i];
        let mut rng = Rng::new(S_ORG_BODY, i);
        let markdown = rng.chance(50);
        let mut out = String::new();
        if markdown {
            out.push_str("---\n");
        }
        field(&mut out, "name", &org.name);
        if rng.chance(60) {
            let number = if rng.chance(5) {
                format!("SC0{:05}", rng.below(100_000))
            } else {
                format!("1{:06}", 10_000 + rng.below(190_000))
            };
            out.push_str(&format!("charity_number: \"{number}\"\n"));
        }
        if rng.chance(20) {
            out.push_str(&format!(
                "company_number: \"{:08}\"\n",
                rng.range(1_000_000, 15_999_999)
            ));
        }
        if rng.chance(85) {
            out.push_str(&format!("website: https://{}.example.org\n", org.id));
        }
        if rng.chance(70) {
            let local = rng.pick(&["hello", "info", "contact", "admin", "enquiries"]);
            out.push_str(&format!("email: {local}@{}.example.org\n", org.id));
        }
        if rng.chance(60) {
            out.push_str(&format!("phone: \"{}\"\n", phone(&mut rng)));
        }
        let description = org_description(&mut rng, org, self);
        let reviewed = rng.chance(70).then(|| reviewed_date(&mut rng));
        if markdown {
            if let Some(d) = reviewed {
                out.push_str(&format!("last_reviewed: {d}\n"));
            }
            out.push_str("---\n");
            out.push_str(&description);
            (format!("organisations/{}.md", org.id), out)
        } else {
            block(&mut out, "description", &description);
            if let Some(d) = reviewed {
                out.push_str(&format!("last_reviewed: {d}\n"));
            }
            (format!("organisations/{}.yaml", org.id), out)
        }
    }

    fn activity(&self, i: usize) -> (String, String) {
        let a = &self.activities[i];
        let k = &KINDS[a.kind];
        let org = &self.orgs[a.org];
        let town = &TOWNS[a.town];
        let mut rng = Rng::new(S_ACTIVITY_BODY, i);
        let markdown = a.ext == "md";
        let online_only = a.place.is_empty();

        let mut out = String::new();
        if markdown {
            out.push_str("---\n");
        }
        field(&mut out, "title", &a.title);
        field(&mut out, "organisation", &org.id);
        match rng.below(100) {
            0..=3 => out.push_str("status: paused\n"),
            4..=5 => out.push_str("status: ended\n"),
            6..=15 => out.push_str("status: running\n"),
            _ => {}
        }
        let summary = if online_only {
            k.summary
                .replace(" in {town}", " online")
                .replace(" at {town}", " online")
                .replace("{town}", "online")
        } else {
            k.summary.replace("{town}", town.name)
        };
        debug_assert!(summary.chars().count() <= 200, "{summary}");
        field(&mut out, "summary", &summary);
        let description = activity_description(&mut rng, a, org);
        if !markdown {
            block(&mut out, "description", &description);
        }

        // Categories: the kind's own, sometimes one more.
        let mut categories: Vec<&str> = k.categories.to_vec();
        if rng.chance(20) {
            let extra = rng.pick(CATEGORIES).0;
            if !categories.contains(&extra) {
                categories.push(extra);
            }
        }
        list_field(&mut out, "categories", &categories, rng.chance(10));

        let all = rng.chance(if online_only { 60 } else { 12 });
        if all {
            out.push_str("pcns: all\n");
        } else {
            let mut served = vec![self.pcns[a.pcn].id.as_str()];
            for _ in 0..rng.below(3) {
                let local = &self.pcns_by_town[nearby(&mut rng, a.town)];
                let other = match local.as_slice() {
                    [] => rng.below(self.pcns.len()),
                    l => *rng.pick(l),
                };
                let id = self.pcns[other].id.as_str();
                if !served.contains(&id) {
                    served.push(id);
                }
            }
            list_field(&mut out, "pcns", &served, false);
        }

        if rng.chance(55) || k.ages != (None, None) {
            out.push_str("who_for:\n");
            let (mut min, mut max) = k.ages;
            if min.is_none() && rng.chance(30) {
                min = Some(*rng.pick(&[16, 18, 18, 18, 50, 55, 60, 65]));
            }
            if max.is_none() && min.is_some_and(|m| m < 30) && rng.chance(10) {
                max = Some(*rng.pick(&[25, 30, 64]));
            }
            if let Some(min) = min {
                out.push_str(&format!("  age_min: {min}\n"));
            }
            if let Some(max) = max {
                out.push_str(&format!("  age_max: {max}\n"));
            }
            if min.is_none() || rng.chance(70) {
                let eligibility = if rng.chance(60) {
                    k.eligibility
                } else {
                    rng.one(ELIGIBILITY)
                };
                field_in(&mut out, 2, "eligibility", eligibility);
            }
        }

        out.push_str("schedule:\n");
        let sessions = if rng.chance(18) { 2 } else { 1 };
        let mut days_used = Vec::new();
        for _ in 0..sessions {
            session(&mut out, &mut rng, &mut days_used);
        }
        if rng.chance(20) {
            field(&mut out, "schedule_notes", rng.one(SCHEDULE_NOTES));
        }

        let hybrid = !online_only && k.mode == Mode::Either && rng.chance(6);
        if !online_only {
            out.push_str("venue:\n");
            field_in(&mut out, 2, "name", &a.place);
            let address = if rng.chance(50) {
                format!("{} {}, {}", rng.range(1, 140), rng.one(STREETS), town.name)
            } else {
                format!("{}, {}", rng.one(STREETS), town.name)
            };
            field_in(&mut out, 2, "address", &address);
            field_in(&mut out, 2, "postcode", &postcode(&mut rng, a.town));
            if rng.chance(35) {
                let (lat, lon) = coordinates(&mut rng, a.town);
                out.push_str(&format!("  latitude: {lat}\n  longitude: {lon}\n"));
            }
        }
        if online_only || hybrid {
            out.push_str("online:\n");
            if k.title != "Telephone Befriending" || rng.chance(20) {
                field_in(
                    &mut out,
                    2,
                    "url",
                    &format!("https://{}.example.org/{}", org.id, a.id),
                );
            }
            field_in(&mut out, 2, "details", rng.one(ONLINE_DETAILS));
        }

        let cost = match rng.below(100) {
            0..=54 => "free",
            55..=64 => "Free, donations welcome",
            _ => rng.one(COSTS),
        };
        field(&mut out, "cost", cost);

        out.push_str("how_to_join:\n");
        let self_referral = rng.chance(85);
        let link_worker = rng.chance(90);
        let booking = rng.chance(35);
        out.push_str(&format!(
            "  self_referral: {self_referral}\n  link_worker_referral: {link_worker}\n  booking_required: {booking}\n"
        ));
        if rng.chance(60) || (!self_referral && !link_worker) {
            let details = if booking {
                rng.one(JOIN_BOOKING)
            } else {
                rng.one(JOIN_DROP_IN)
            };
            field_in(&mut out, 2, "details", details);
        }

        out.push_str("contact:\n");
        let (first, last) = person(&mut rng);
        if rng.chance(85) {
            field_in(&mut out, 2, "name", &format!("{first} {last}"));
        }
        let mut ways = 0;
        if rng.chance(70) {
            out.push_str(&format!("  phone: \"{}\"\n", phone(&mut rng)));
            ways += 1;
        }
        if rng.chance(60) {
            out.push_str(&format!(
                "  email: {}@{}.example.org\n",
                email_local(first, last),
                org.id
            ));
            ways += 1;
        }
        if ways == 0 || rng.chance(30) {
            out.push_str(&format!(
                "  website: https://{}.example.org/{}\n",
                org.id, a.id
            ));
        }

        if rng.chance(80) {
            out.push_str("accessibility:\n");
            let count = rng.range(1, 5);
            let features: Vec<&str> = rng
                .distinct(FEATURES.len(), count)
                .into_iter()
                .map(|f| FEATURES[f].0)
                .collect();
            list_field_in(&mut out, 2, "features", &features);
            if rng.chance(30) {
                field_in(&mut out, 2, "notes", rng.one(ACCESS_NOTES));
            }
        }
        out.push_str(&format!("last_reviewed: {}\n", reviewed_date(&mut rng)));

        let folder = if org.subfolder {
            format!("activities/{}/", org.id)
        } else {
            "activities/".to_string()
        };
        if markdown {
            out.push_str("---\n");
            out.push_str(&description);
        }
        (format!("{folder}{}.{}", a.id, a.ext), out)
    }

    fn job(&self, i: usize) -> (String, String) {
        let job = &self.jobs[i];
        let mut rng = Rng::new(S_JOB_BODY, i);
        let markdown = rng.chance(70);
        let pcn = &self.pcns[job.pcn];
        let town = TOWNS[pcn.town].name;
        let (employer_id, employer_name) = match job.employer {
            Employer::Pcn(p) => (&self.pcns[p].id, &self.pcns[p].name),
            Employer::Org(o) => (&self.orgs[o].id, &self.orgs[o].name),
        };
        let mut out = String::new();
        if markdown {
            out.push_str("---\n");
        }
        field(&mut out, "title", job.title);
        field(&mut out, "employer", employer_id);
        let mut pcns = vec![pcn.id.as_str()];
        if rng.chance(30) {
            let other = &self.pcns[rng.below(self.pcns.len())].id;
            if !pcns.contains(&other.as_str()) {
                pcns.push(other);
            }
        }
        list_field(&mut out, "pcns", &pcns, false);
        let base = &self.practices[pcn.practices[rng.below(pcn.practices.len())]];
        field(
            &mut out,
            "location",
            &format!(
                "{}, {town}, with travel to practices across the PCN",
                base.name
            ),
        );
        if rng.chance(80) {
            field(&mut out, "postcode", &postcode(&mut rng, pcn.town));
        }
        out.push_str("salary:\n");
        let band = rng.range(3, 5);
        let (min, max) = match band {
            3 => (24_071, 25_674),
            4 => (26_530, 29_114),
            _ => (29_970, 36_483),
        };
        match rng.below(10) {
            0 => field_in(
                &mut out,
                2,
                "text",
                &format!("Agenda for Change Band {band}, pro rata for part-time hours"),
            ),
            1 => out.push_str("  min: 13.25\n  max: 14.10\n  period: hour\n"),
            _ => {
                out.push_str(&format!("  min: {min}\n  max: {max}\n  period: year\n"));
                if rng.chance(30) {
                    field_in(
                        &mut out,
                        2,
                        "text",
                        &format!(
                            "£{},{:03} to £{},{:03} a year pro rata, plus NHS pension",
                            min / 1000,
                            min % 1000,
                            max / 1000,
                            max % 1000
                        ),
                    );
                }
            }
        }
        if rng.chance(70) {
            out.push_str(&format!("band: Agenda for Change Band {band}\n"));
        }
        let hours = rng.pick(&["37.5", "37.5", "30", "22.5", "18.75"]);
        out.push_str(&format!("hours_per_week: {hours}\n"));
        if job.fixed_term {
            out.push_str("contract: fixed-term\n");
            out.push_str(&format!(
                "contract_months: {}\n",
                rng.pick(&[6, 12, 12, 18, 24])
            ));
        } else {
            out.push_str("contract: permanent\n");
        }
        if rng.chance(70) {
            field(&mut out, "working_pattern", rng.one(WORKING_PATTERNS));
        }
        let t = today();
        let (posted, closes) = if job.closed {
            let posted = t - Days::new(rng.range(45, 100) as u64);
            (posted, posted + Days::new(rng.range(14, 40) as u64))
        } else {
            let posted = t - Days::new(rng.range(1, 40) as u64);
            (posted, t + Days::new(rng.range(7, 60) as u64))
        };
        out.push_str(&format!("posted: {posted}\ncloses: {closes}\n"));
        if rng.chance(50) {
            let interview = closes + Days::new(rng.range(3, 14) as u64);
            out.push_str(&format!("interview: {interview}\n"));
        }
        out.push_str("how_to_apply:\n");
        let url = rng.chance(80);
        if url {
            out.push_str(&format!("  url: https://example.org/jobs/{}\n", job.id));
        }
        if !url || rng.chance(40) {
            out.push_str(&format!("  email: jobs@{employer_id}.example.org\n"));
        }
        if rng.chance(70) {
            field_in(&mut out, 2, "details", rng.one(APPLY_DETAILS));
        }
        if rng.chance(70) {
            out.push_str(&format!(
                "reference: {}-SPLW-2026-{:02}\n",
                pcn.code,
                i % 100
            ));
        }
        if rng.chance(50) {
            let (first, last) = person(&mut rng);
            out.push_str("enquiries:\n");
            field_in(&mut out, 2, "name", &format!("{first} {last}"));
            out.push_str(&format!(
                "  email: {}@example.org\n",
                email_local(first, last)
            ));
            if rng.chance(50) {
                out.push_str(&format!("  phone: \"{}\"\n", phone(&mut rng)));
            }
        }
        let description = job_description(&mut rng, employer_name, town);
        if markdown {
            out.push_str("---\n");
            out.push_str(&description);
            (format!("jobs/{}.md", job.id), out)
        } else {
            block(&mut out, "description", &description);
            (format!("jobs/{}.yaml", job.id), out)
        }
    }
}

/// Another town, usually one close by in the list (which runs roughly
/// north to south), sometimes anywhere.
fn nearby(rng: &mut Rng, town: usize) -> usize {
    if rng.chance(80) {
        let step = rng.range(1, 2);
        if rng.chance(50) {
            (town + step) % TOWNS.len()
        } else {
            (town + TOWNS.len() - step) % TOWNS.len()
        }
    } else {
        rng.below(TOWNS.len())
    }
}

// ---- small values --------------------------------------------------------------

/// A postcode in one of the town's districts: NN1 … NN18, then a digit and
/// two letters from those Royal Mail uses in inward codes (no C I K M O V).
fn postcode(rng: &mut Rng, town: usize) -> String {
    const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let district = rng.pick(TOWNS[town].districts);
    format!(
        "NN{district} {}{}{}",
        rng.below(10),
        *rng.pick(INWARD) as char,
        *rng.pick(INWARD) as char
    )
}

/// A drama number: 01632 960000 to 01632 960999.
fn phone(rng: &mut Rng) -> String {
    format!("01632 960{:03}", rng.below(1000))
}

fn coordinates(rng: &mut Rng, town: usize) -> (String, String) {
    let t = &TOWNS[town];
    let lat = t.lat + (rng.below(401) as f64 - 200.0) / 10_000.0;
    let lon = t.lon + (rng.below(401) as f64 - 200.0) / 10_000.0;
    (format!("{lat:.4}"), format!("{lon:.4}"))
}

fn person(rng: &mut Rng) -> (&'static str, &'static str) {
    (rng.one(FIRST_NAMES), rng.one(LAST_NAMES))
}

fn email_local(first: &str, last: &str) -> String {
    let clean = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    format!("{}.{}", clean(first), clean(last))
}

/// Mostly within the 180-day review interval; about 5% overdue.
fn reviewed_date(rng: &mut Rng) -> NaiveDate {
    let days = if rng.chance(5) {
        rng.range(185, 540)
    } else {
        rng.range(0, 170)
    };
    today() - Days::new(days as u64)
}

fn number_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// Writes one session of a schedule, on a day not used yet.
fn session(out: &mut String, rng: &mut Rng, days_used: &mut Vec<usize>) {
    let mut day = if rng.chance(85) {
        rng.below(5)
    } else {
        rng.range(5, 6)
    };
    while days_used.contains(&day) {
        day = (day + 1) % 7;
    }
    days_used.push(day);
    let day_name = DAY_NAMES[day];
    let start = rng.range(18, 37) * 30; // 09:00 to 18:30, in minutes
    let end = start + rng.range(2, 6) * 30;
    let times = format!(
        "    start: \"{:02}:{:02}\"\n    end: \"{:02}:{:02}\"\n",
        start / 60,
        start % 60,
        end / 60,
        end % 60
    );
    // The first `day` on or after `d`.
    let on_or_after = |d: NaiveDate| {
        let ahead = (7 + day as i64 - d.weekday().num_days_from_monday() as i64) % 7;
        d + Days::new(ahead as u64)
    };
    let christmas_week = date(2026, 12, 21); // a Monday
    match rng.below(100) {
        0..=49 => {
            out.push_str(&format!(
                "  - frequency: weekly\n    day: {day_name}\n{times}"
            ));
            let from = rng
                .chance(30)
                .then(|| on_or_after(date(2025, 9, 1) + Days::new(rng.below(440) as u64)));
            if let Some(from) = from {
                out.push_str(&format!("    from: {from}\n"));
            }
            if rng.chance(15) {
                let until =
                    from.unwrap_or(today()).max(today()) + Days::new(rng.range(30, 300) as u64);
                out.push_str(&format!("    until: {until}\n"));
            }
            if rng.chance(20) {
                let first = christmas_week + Days::new(day as u64);
                if rng.chance(50) {
                    out.push_str(&format!("    except: [{first}]\n"));
                } else {
                    out.push_str(&format!(
                        "    except: [{first}, {}]\n",
                        first + Days::new(7)
                    ));
                }
            }
        }
        50..=64 => {
            let from = on_or_after(date(2026, 1, 5) + Days::new(rng.below(320) as u64));
            out.push_str(&format!(
                "  - frequency: fortnightly\n    day: {day_name}\n{times}    from: {from}\n"
            ));
            if rng.chance(20) {
                let fortnights = (christmas_week - from).num_days() / 14 + 1;
                let skipped = from + Days::new(fortnights as u64 * 14);
                out.push_str(&format!("    except: [{skipped}]\n"));
            }
        }
        65..=84 => {
            let week = rng.pick(&["first", "second", "third", "fourth", "last"]);
            out.push_str(&format!(
                "  - frequency: monthly\n    week: {week}\n    day: {day_name}\n{times}"
            ));
            if rng.chance(10) {
                let until = today() + Days::new(rng.range(60, 400) as u64);
                out.push_str(&format!("    until: {until}\n"));
            }
        }
        _ => {
            let first = on_or_after(date(2026, 9, 1) + Days::new(rng.below(150) as u64));
            let count = rng.range(1, 6);
            let mut dates = Vec::with_capacity(count);
            let mut d = first;
            for _ in 0..count {
                dates.push(d.to_string());
                d = d + Days::new(7 * rng.range(2, 6) as u64);
            }
            out.push_str(&format!(
                "  - frequency: dates\n    dates: [{}]\n{times}",
                dates.join(", ")
            ));
        }
    }
}

// ---- YAML and Markdown writing -------------------------------------------------

/// A scalar as a person would write it: plain when YAML reads it back
/// unchanged, in double quotes when it would not (a colon and a space, a
/// leading quote or bracket, and so on).
fn scalar(s: &str) -> String {
    let first = s.chars().next();
    let plain = first.is_some_and(|c| !"-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(' ')
        && !s.contains(['\n', '\t', '\\']);
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn field(out: &mut String, key: &str, value: &str) {
    field_in(out, 0, key, value);
}

fn field_in(out: &mut String, indent: usize, key: &str, value: &str) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push_str(key);
    out.push_str(": ");
    out.push_str(&scalar(value));
    out.push('\n');
}

/// `key: [a, b]`, or one `- item` per line when `block` is set.
fn list_field(out: &mut String, key: &str, items: &[&str], block: bool) {
    if block {
        out.push_str(key);
        out.push_str(":\n");
        for item in items {
            out.push_str("  - ");
            out.push_str(item);
            out.push('\n');
        }
    } else {
        list_field_in(out, 0, key, items);
    }
}

fn list_field_in(out: &mut String, indent: usize, key: &str, items: &[&str]) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push_str(&format!("{key}: [{}]\n", items.join(", ")));
}

/// A literal block scalar (`key: |`) holding Markdown.
fn block(out: &mut String, key: &str, text: &str) {
    out.push_str(key);
    out.push_str(": |\n");
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A paragraph wrapped at 76 columns, as people's editors leave them, then
/// a blank line.
fn paragraph(out: &mut String, text: &str) {
    let mut width = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if width > 0 && width + 1 + len > 76 {
            out.push('\n');
            width = 0;
        } else if width > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += len;
    }
    out.push_str("\n\n");
}

fn bullets<S: AsRef<str>>(out: &mut String, rng: &mut Rng, items: &[S]) {
    let numbered = rng.chance(25);
    for (n, item) in items.iter().enumerate() {
        let item = item.as_ref();
        if numbered {
            out.push_str(&format!("{}. {item}\n", n + 1));
        } else {
            out.push_str(&format!("- {item}\n"));
        }
    }
    out.push('\n');
}

fn finish(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn activity_description(rng: &mut Rng, a: &ActivityPlan, org: &OrgPlan) -> String {
    let k = &KINDS[a.kind];
    let town = TOWNS[a.town].name;
    let place = if a.place.is_empty() {
        "online"
    } else {
        a.place.as_str()
    };
    let fill = |s: &str| {
        s.replace("{town}", town)
            .replace("{org}", &org.name)
            .replace("{place}", place)
    };
    let mut out = String::new();
    paragraph(&mut out, &fill(k.about[0]));
    paragraph(&mut out, &fill(k.about[1]));
    let generic = rng.range(1, 2);
    for g in rng.distinct(GENERIC.len(), generic) {
        paragraph(&mut out, &fill(GENERIC[g]));
    }
    if rng.chance(30) {
        out.push_str(&format!("## {}\n\n", k.heading.trim_end_matches(':')));
    } else {
        out.push_str(&format!("**{}**\n\n", k.heading));
    }
    let count = rng.range(3, k.items.len());
    let picked: Vec<String> = rng
        .distinct(k.items.len(), count)
        .into_iter()
        .map(|i| fill(k.items[i]))
        .collect();
    bullets(&mut out, rng, &picked);
    let url = format!("https://{}.example.org/{}", org.id, a.id);
    let link = match rng.below(4) {
        0 => format!("Find out more, and see photos from past sessions, on [our website]({url})."),
        1 => format!(
            "Read [what people say about {}]({url}) before you come along.",
            k.title
        ),
        2 => format!(
            "Dates for the coming months are on the [{} website]({url}).",
            org.name
        ),
        _ => format!(
            "There is a [short video about the group]({url}) if you would like to see what it is like."
        ),
    };
    paragraph(&mut out, &link);
    if rng.chance(40) {
        paragraph(&mut out, &fill(rng.one(CLOSING)));
    }
    finish(out)
}

fn org_description(rng: &mut Rng, org: &OrgPlan, plan: &Plan) -> String {
    let k = &KINDS[org.focus];
    let town = TOWNS[org.town].name;
    let year = rng.range(1978, 2024);
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!(
            "{} is a {} based in {town}, set up in {year} by local people. {}",
            org.name,
            rng.one(ORG_TYPES),
            ORG_PURPOSES[org.focus % ORG_PURPOSES.len()]
        ),
    );
    let count = rng.range(2, 4);
    let others: Vec<&str> = rng
        .distinct(KINDS.len(), count)
        .into_iter()
        .map(|i| KINDS[i].title)
        .collect();
    paragraph(
        &mut out,
        &format!(
            "Alongside our {} sessions we run or host {}, and we work closely with the social prescribing link workers in {} and the surrounding villages.",
            k.title.to_lowercase(),
            others.join(", ").to_lowercase(),
            town
        ),
    );
    out.push_str("What we offer:\n\n");
    let count = rng.range(3, 5);
    let offers: Vec<&str> = rng
        .distinct(ORG_OFFERS.len(), count)
        .into_iter()
        .map(|i| ORG_OFFERS[i])
        .collect();
    bullets(&mut out, rng, &offers);
    paragraph(&mut out, rng.one(ORG_VOLUNTEERS));
    paragraph(
        &mut out,
        &format!(
            "Read our latest [annual report](https://{}.example.org/annual-report) to find out what we achieved last year{}.",
            org.id,
            if plan.pcns.len() > 3 && rng.chance(30) {
                " with the support of local GP practices"
            } else {
                ""
            }
        ),
    );
    finish(out)
}

fn job_description(rng: &mut Rng, employer: &str, town: &str) -> String {
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!(
            "{employer} is looking for a warm, practical and organised person to join our personalised care team in {town}. {}",
            rng.one(JOB_INTROS)
        ),
    );
    out.push_str("## About the role\n\n");
    paragraph(&mut out, rng.one(JOB_ROLE_PARAS));
    out.push_str("You will:\n\n");
    let count = rng.range(3, 5);
    let duties: Vec<&str> = rng
        .distinct(JOB_DUTIES.len(), count)
        .into_iter()
        .map(|i| JOB_DUTIES[i])
        .collect();
    bullets(&mut out, rng, &duties);
    out.push_str("## About you\n\n");
    let count = rng.range(3, 5);
    let skills: Vec<&str> = rng
        .distinct(JOB_SKILLS.len(), count)
        .into_iter()
        .map(|i| JOB_SKILLS[i])
        .collect();
    bullets(&mut out, rng, &skills);
    out.push_str("## What we offer\n\n");
    let offers: Vec<&str> = rng
        .distinct(JOB_OFFERS.len(), 3)
        .into_iter()
        .map(|i| JOB_OFFERS[i])
        .collect();
    bullets(&mut out, rng, &offers);
    paragraph(
        &mut out,
        "Read about [social prescribing link workers](https://example.org/about-link-workers) and the difference they make. We particularly welcome applications from people with lived experience of the issues our link workers support people with.",
    );
    finish(out)
}

fn site_yaml() -> String {
    let mut out = String::from(
        "title: Northamptonshire Social Prescribing Directory\n\
         region: Northamptonshire\n\
         base_url: https://example.org/\n\
         language: en-GB\n\
         contact_email: directory@example.org\n\
         review_interval_days: 180\n\
         theme: default\n\ncategories:\n",
    );
    for (id, label, description) in CATEGORIES {
        out.push_str(&format!("  - id: {id}\n"));
        field_in(&mut out, 4, "label", label);
        field_in(&mut out, 4, "description", description);
    }
    out.push_str("\naccessibility_features:\n");
    for (id, label) in FEATURES {
        out.push_str(&format!("  - id: {id}\n"));
        field_in(&mut out, 4, "label", label);
    }
    out
}

// ---- vocabularies (as in the sample region's content/site.yaml) ----------------

const CATEGORIES: &[(&str, &str, &str)] = &[
    (
        "physical-activity",
        "Physical activity",
        "Gentle exercise, walking, dancing and sport at a pace that suits you.",
    ),
    (
        "arts-and-crafts",
        "Arts and crafts",
        "Painting, knitting, pottery, writing and other creative groups where no experience is needed.",
    ),
    (
        "music-and-singing",
        "Music and singing",
        "Choirs, singing for health, music-making and listening groups.",
    ),
    (
        "nature-and-gardening",
        "Nature and gardening",
        "Community gardens, allotments, conservation days and time outdoors.",
    ),
    (
        "social-and-befriending",
        "Social and befriending",
        "Friendly groups, cafés and befriending calls or visits for anyone feeling lonely or isolated.",
    ),
    (
        "mental-wellbeing",
        "Mental wellbeing",
        "Peer support, talking groups and activities that help with low mood, stress and anxiety.",
    ),
    (
        "money-and-benefits",
        "Money and benefits",
        "Free, confidential help with benefits, debt, energy bills and budgeting.",
    ),
    (
        "carers-support",
        "Carers' support",
        "Information, breaks and friendship for people who look after a family member or friend.",
    ),
    (
        "learning-and-skills",
        "Learning and skills",
        "Courses and drop-ins for digital skills, English, confidence and getting back into work.",
    ),
    (
        "food-and-cooking",
        "Food and cooking",
        "Cookery classes, shared meals, food clubs and help with eating well on a budget.",
    ),
    (
        "long-term-conditions",
        "Long-term conditions",
        "Peer support groups for people living with a long-term health condition and those close to them.",
    ),
    (
        "volunteering",
        "Volunteering",
        "Ways to give your time, meet people and learn new skills by helping others.",
    ),
];

const FEATURES: &[(&str, &str)] = &[
    ("step-free-access", "Step-free access"),
    ("accessible-toilet", "Accessible toilet"),
    ("hearing-loop", "Hearing loop"),
    (
        "bsl-on-request",
        "British Sign Language interpreter on request",
    ),
    ("large-print", "Large-print materials"),
    ("quiet-space", "Quiet space available"),
    ("parking-nearby", "Parking nearby"),
    ("on-bus-route", "On a bus route"),
    ("dementia-friendly", "Dementia friendly"),
    ("seating-available", "Seating available"),
];

// ---- places and people -----------------------------------------------------------

struct Town {
    name: &'static str,
    /// NN postcode districts.
    districts: &'static [u8],
    lat: f64,
    lon: f64,
}

/// Roughly north to south, so neighbours in the list are near each other.
const TOWNS: &[Town] = &[
    Town {
        name: "Corby",
        districts: &[17, 18],
        lat: 52.4886,
        lon: -0.7013,
    },
    Town {
        name: "Desborough",
        districts: &[14],
        lat: 52.4407,
        lon: -0.8213,
    },
    Town {
        name: "Rothwell",
        districts: &[14],
        lat: 52.4223,
        lon: -0.8003,
    },
    Town {
        name: "Kettering",
        districts: &[15, 16],
        lat: 52.3980,
        lon: -0.7262,
    },
    Town {
        name: "Thrapston",
        districts: &[14],
        lat: 52.3962,
        lon: -0.5375,
    },
    Town {
        name: "Burton Latimer",
        districts: &[15],
        lat: 52.3647,
        lon: -0.6776,
    },
    Town {
        name: "Raunds",
        districts: &[9],
        lat: 52.3450,
        lon: -0.5393,
    },
    Town {
        name: "Finedon",
        districts: &[9],
        lat: 52.3393,
        lon: -0.6540,
    },
    Town {
        name: "Irthlingborough",
        districts: &[9],
        lat: 52.3254,
        lon: -0.6127,
    },
    Town {
        name: "Brixworth",
        districts: &[6],
        lat: 52.3330,
        lon: -0.9040,
    },
    Town {
        name: "Higham Ferrers",
        districts: &[10],
        lat: 52.3062,
        lon: -0.5916,
    },
    Town {
        name: "Wellingborough",
        districts: &[8],
        lat: 52.3022,
        lon: -0.6940,
    },
    Town {
        name: "Long Buckby",
        districts: &[6],
        lat: 52.3014,
        lon: -1.0800,
    },
    Town {
        name: "Rushden",
        districts: &[10],
        lat: 52.2900,
        lon: -0.6000,
    },
    Town {
        name: "Moulton",
        districts: &[3, 6],
        lat: 52.2890,
        lon: -0.8550,
    },
    Town {
        name: "Kingsthorpe",
        districts: &[2],
        lat: 52.2653,
        lon: -0.9036,
    },
    Town {
        name: "Earls Barton",
        districts: &[6],
        lat: 52.2640,
        lon: -0.7540,
    },
    Town {
        name: "Daventry",
        districts: &[11],
        lat: 52.2570,
        lon: -1.1630,
    },
    Town {
        name: "Duston",
        districts: &[5],
        lat: 52.2450,
        lon: -0.9500,
    },
    Town {
        name: "Northampton",
        districts: &[1, 2, 3, 4, 5],
        lat: 52.2405,
        lon: -0.9027,
    },
    Town {
        name: "Weston Favell",
        districts: &[3],
        lat: 52.2505,
        lon: -0.8445,
    },
    Town {
        name: "Far Cotton",
        districts: &[4],
        lat: 52.2243,
        lon: -0.8985,
    },
    Town {
        name: "Bugbrooke",
        districts: &[7],
        lat: 52.2090,
        lon: -1.0140,
    },
    Town {
        name: "Roade",
        districts: &[7],
        lat: 52.1550,
        lon: -0.8940,
    },
    Town {
        name: "Towcester",
        districts: &[12],
        lat: 52.1340,
        lon: -0.9900,
    },
    Town {
        name: "Brackley",
        districts: &[13],
        lat: 52.0320,
        lon: -1.1480,
    },
];

/// Towns in the order PCNs are given to them: the big towns first.
const PCN_TOWNS: &[usize] = &[
    19, 3, 0, 11, 13, 17, 24, 25, 15, 20, 21, 18, 8, 6, 2, 1, 4, 5, 7, 9, 10, 12, 14, 16, 22, 23,
];

const PCN_DESCRIPTORS: &[&str] = &[
    "North",
    "South",
    "Central",
    "Rural",
    "Riverside",
    "Parkland",
    "Valley",
    "East",
    "West",
    "Health Partnership",
    "Community Care",
    "Wellbeing",
];

const LINK_WORKER_ROLES: &[&str] = &[
    "Social prescribing link worker",
    "Care coordinator",
    "Health and wellbeing coach",
    "Senior social prescribing link worker",
    "Children and young people's link worker",
];

const PRACTICE_NAMES: &[&str] = &[
    "Abbey House",
    "Park View",
    "The Lakeside",
    "Brook",
    "Riverside",
    "Woodland",
    "Market Square",
    "Church Lane",
    "Eleanor Cross",
    "Greenfields",
    "Meadowbank",
    "Castle",
    "Willow Tree",
    "Oak Tree",
    "Linden",
    "The Mounts",
    "Queensway",
    "Station Road",
    "Cedar",
    "Hazelwood",
    "Kings",
    "St Luke's",
    "Danetre",
    "Harborough Field",
    "Mill Lane",
    "The Headlands",
    "Wallace House",
    "Springfield",
];

const PRACTICE_KINDS: &[&str] = &[
    "Surgery",
    "Medical Centre",
    "Medical Practice",
    "Health Centre",
    "Family Practice",
];

const ODS_LETTERS: &[u8] = b"KJLMNPY";

const PLACES: &[&str] = &[
    "{town} Library",
    "{town} Community Centre",
    "St Mary's Church Hall",
    "St Peter's Church Hall",
    "All Saints Church Rooms",
    "The Salvation Army Hall",
    "Methodist Church Hall",
    "{town} Leisure Centre",
    "The Old School Rooms",
    "Victoria Park pavilion",
    "{town} Baptist Church",
    "{town} Youth Centre",
    "The Scout Hut",
    "{town} Family Hub",
    "The Corn Exchange",
    "{town} Town Hall",
    "Memorial Hall",
    "The Old Fire Station",
    "{town} Allotments",
    "The Quaker Meeting House",
    "The Pavilion, {town} Recreation Ground",
    "United Reformed Church Hall",
];

const STREETS: &[&str] = &[
    "High Street",
    "Church Street",
    "Station Road",
    "Victoria Road",
    "London Road",
    "Park Avenue",
    "Mill Lane",
    "Queen Street",
    "Market Square",
    "Bedford Road",
    "Northampton Road",
    "Sheep Street",
    "Regent Street",
    "Harborough Road",
    "Wellingborough Road",
    "Kettering Road",
    "Newland Street",
    "Bath Road",
    "St John's Street",
    "Meadow Lane",
    "Brook Lane",
    "Oakley Road",
    "Elm Close",
    "Beech Avenue",
    "Silver Street",
    "Gold Street",
];

const AREAS: &[&str] = &[
    "Nene Valley",
    "Rockingham Forest",
    "Welland Valley",
    "Grand Union",
    "Brampton Valley",
    "Salcey Forest",
    "Ise Valley",
    "Harpers Brook",
    "Wicksteed",
    "Whittlewood",
    "Pitsford Water",
    "Rose of the Shires",
];

const ORG_SUFFIXES: &[&str] = &[
    "Trust",
    "Community Trust",
    "Friends",
    "Wellbeing Network",
    "Community Association",
    "CIC",
    "Collective",
    "Project",
    "Partnership",
    "Foundation",
    "Together",
    "Connect",
];

const FIRST_NAMES: &[&str] = &[
    "Priya",
    "Tom",
    "Graham",
    "Ben",
    "Claire",
    "Priti",
    "Aisha",
    "Margaret",
    "Sean",
    "Joanna",
    "Kwame",
    "Helen",
    "Dariusz",
    "Fatima",
    "Ian",
    "Sophie",
    "Raj",
    "Bernadette",
    "Kofi",
    "Lucy",
    "Mohammed",
    "Pauline",
    "Tomasz",
    "Grace",
    "Wendy",
    "Callum",
    "Nadia",
    "Peter",
    "Ewa",
    "Jim",
    "Siobhan",
    "Amir",
    "Hannah",
    "Derek",
    "Chloe",
    "Olu",
    "Ruth",
    "Steve",
    "Bev",
    "Zofia",
];

const LAST_NAMES: &[&str] = &[
    "Chauhan",
    "Whitworth",
    "Wills",
    "Sharrock",
    "Underwood",
    "Lad",
    "Adebayo",
    "O'Neill",
    "Kowalski",
    "Patel",
    "Brown",
    "Green",
    "Mensah",
    "Hughes",
    "Begum",
    "Taylor",
    "Nowak",
    "Okafor",
    "Smith",
    "Clarke",
    "Ahmed",
    "Walsh",
    "Robinson",
    "Hussain",
    "Baker",
    "Dunmore",
    "Achterberg",
    "Fitzgerald",
    "Osei",
    "Pearson",
];

const DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

// ---- activities ------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Venue,
    Online,
    Either,
}

/// A kind of activity, with the words to describe one.
struct ActivityKind {
    title: &'static str,
    categories: &'static [&'static str],
    /// Names organisations focused on it: "Rushden Walkers".
    org_word: &'static str,
    /// One sentence; `{town}` becomes the town (or "online").
    summary: &'static str,
    /// Two paragraphs; `{town}`, `{place}` and `{org}` are filled in.
    about: [&'static str; 2],
    heading: &'static str,
    items: &'static [&'static str],
    mode: Mode,
    eligibility: &'static str,
    ages: (Option<u32>, Option<u32>),
}

const KINDS: &[ActivityKind] = &[
    ActivityKind {
        title: "Health Walk",
        categories: &["physical-activity", "social-and-befriending"],
        org_word: "Walkers",
        summary: "A free, gentle hour-long walk around {town} with trained walk leaders, finishing with a cuppa.",
        about: [
            "Our walks are short, friendly and at an easy pace, on paths and pavements with places to rest. A trained walk leader goes at the front and a back marker makes sure nobody is left behind.",
            "We meet outside {place} ten minutes before the start. Walks last about an hour, and afterwards most of us head somewhere warm for a cup of tea and a chat.",
        ],
        heading: "Please bring:",
        items: &[
            "comfortable shoes or boots with a good grip",
            "a waterproof coat, as we walk in most weathers",
            "a bottle of water",
            "any medication you might need, such as an inhaler",
            "a friend, if you like",
        ],
        mode: Mode::Venue,
        eligibility: "Anyone who can walk for half an hour without help. Walking aids and wheelchair users are welcome on our level routes.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Memory Café",
        categories: &["social-and-befriending", "carers-support"],
        org_word: "Memory Cafés",
        summary: "A friendly café in {town} for people living with dementia and the family and friends who support them.",
        about: [
            "Tea, cake and a warm welcome, with a different activity each time: music, reminiscence, gentle exercise or a visiting speaker. Our volunteers are trained Dementia Friends and many have cared for someone themselves.",
            "Carers can chat to each other and to our dementia adviser while their loved one enjoys the activity. Come as often or as little as you like; there is no need to stay for the whole session.",
        ],
        heading: "At a typical café you can:",
        items: &[
            "join in with singing, quizzes and old photographs of {town}",
            "talk to someone who understands what you are going through",
            "pick up information about local support and benefits for carers",
            "just sit and enjoy a cup of tea in good company",
        ],
        mode: Mode::Venue,
        eligibility: "People living with memory loss or dementia, and their families and carers.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Knit and Natter",
        categories: &["arts-and-crafts", "social-and-befriending"],
        org_word: "Knitters",
        summary: "Bring your knitting, crochet or sewing and enjoy a chat and a cup of tea with a friendly group in {town}.",
        about: [
            "Whether you have knitted all your life or have never picked up a needle, you are welcome. Experienced members are always happy to help with a tricky pattern or to teach the basics.",
            "We knit blankets for the neonatal unit, hats for the homeless shelter and poppies every November, but you are just as welcome to work on your own project.",
        ],
        heading: "What to bring:",
        items: &[
            "your knitting, crochet or sewing, if you have some",
            "nothing at all if you are new: we have spare needles and wool",
            "a pattern you are stuck on",
            "your reading glasses",
        ],
        mode: Mode::Venue,
        eligibility: "Everyone is welcome. No experience needed.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Community Garden",
        categories: &["nature-and-gardening", "volunteering"],
        org_word: "Community Gardeners",
        summary: "Grow fruit, vegetables and flowers with others at a community garden in {town}. No experience needed.",
        about: [
            "Spend a few hours outdoors sowing, weeding, planting and harvesting alongside a friendly group. There are raised beds for anyone who finds bending difficult, and a polytunnel for wet days.",
            "What we grow is shared between the volunteers and the local food bank. There is always a job to suit you, from potting up seedlings at a table to digging the new beds.",
        ],
        heading: "What to wear:",
        items: &[
            "old clothes and sturdy shoes or wellies",
            "layers, as it can be chilly in the morning",
            "gardening gloves if you have them (we can lend you some)",
            "sun cream and a hat in summer",
        ],
        mode: Mode::Venue,
        eligibility: "Adults of all abilities. Young people under 16 are welcome with an adult.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Men's Shed",
        categories: &["social-and-befriending", "learning-and-skills"],
        org_word: "Men's Shed",
        summary: "A workshop in {town} where people make, mend and share skills over a brew. Men and women both welcome.",
        about: [
            "The Shed is a fully equipped workshop where members make bird boxes, mend furniture, restore bikes and take on jobs for local schools and charities. The kettle is always on.",
            "Members have worked as joiners, engineers, teachers and postmen, and some had never held a chisel before they joined. Everyone is shown how to use the tools safely.",
        ],
        heading: "Recent projects:",
        items: &[
            "planters for the {town} in Bloom group",
            "benches for the local primary school",
            "refurbished bicycles for people who need one to get to work",
            "toy garages and dolls' houses for the children's ward",
        ],
        mode: Mode::Venue,
        eligibility: "Anyone aged 18 or over. Most members are retired men, but everyone is welcome.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Benefits Advice Drop-in",
        categories: &["money-and-benefits"],
        org_word: "Advice Centre",
        summary: "Free, confidential help with benefits, debt and budgeting from trained advisers in {town}.",
        about: [
            "Our advisers can check whether you are getting everything you are entitled to, help you fill in forms for Universal Credit, Pension Credit, PIP or Attendance Allowance, and support you to challenge a decision.",
            "If you are worried about debt, we can help you draw up a budget, talk to the people you owe and find a way forward. Nobody will judge you, and everything you tell us is confidential.",
        ],
        heading: "Please bring, if you can:",
        items: &[
            "any letters you have had about benefits or debts",
            "your National Insurance number",
            "bank statements for the last month",
            "details of your rent or mortgage and council tax",
        ],
        mode: Mode::Either,
        eligibility: "Anyone who lives in Northamptonshire, or their carer or family member with their permission.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Carers' Café",
        categories: &["carers-support", "social-and-befriending"],
        org_word: "Carers",
        summary: "A relaxed café in {town} for unpaid carers to meet others, share tips and have a break.",
        about: [
            "Looking after someone can be lonely and tiring. Our café is a chance to take a break, meet other carers who understand, and find out about the help that is available to you.",
            "A carers' support worker from {org} comes to every session and can help with a carer's assessment, a carer's emergency card or information about breaks.",
        ],
        heading: "You can:",
        items: &[
            "meet other carers over tea and cake",
            "get information about carer's allowance and other benefits",
            "book a pamper session or a short break",
            "bring the person you care for, if that makes it easier to come",
        ],
        mode: Mode::Venue,
        eligibility: "Anyone who looks after a family member, partner or friend who could not manage without their help.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Digital Skills Drop-in",
        categories: &["learning-and-skills"],
        org_word: "Digital Champions",
        summary: "Friendly one-to-one help with phones, tablets and computers at {town}. Bring your own device or use ours.",
        about: [
            "Our volunteer digital champions can help you get started with email, video calls, online shopping, the NHS App and ordering repeat prescriptions. No question is too basic.",
            "We go at your pace and show you how to do things yourself, so you feel confident using your device at home. We can also help you stay safe online and spot scams.",
        ],
        heading: "People often come to learn how to:",
        items: &[
            "use the NHS App to order prescriptions and book appointments",
            "make video calls to family",
            "apply for a bus pass or a blue badge online",
            "set up an email account",
            "keep their passwords safe",
        ],
        mode: Mode::Venue,
        eligibility: "Adults who would like help using technology. You do not need your own device.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Cook and Eat",
        categories: &["food-and-cooking", "learning-and-skills"],
        org_word: "Community Kitchen",
        summary: "Learn to cook simple, healthy meals on a budget in {town}, then sit down and share what you have made.",
        about: [
            "Each week our cook shows the group how to make a cheap, healthy dish using a few ingredients, and then everyone has a go. At the end we sit down together to eat.",
            "The course runs for six weeks and you take home a recipe card and a bag of ingredients each week so you can make the dish again at home.",
        ],
        heading: "Dishes we have cooked:",
        items: &[
            "vegetable chilli and rice",
            "one-pot chicken and lentil stew",
            "homemade pizza with a scone base",
            "soup from whatever is in the fridge",
            "fruit crumble",
        ],
        mode: Mode::Venue,
        eligibility: "Adults who want to cook more at home. Please tell us about any allergies when you book.",
        ages: (Some(16), None),
    },
    ActivityKind {
        title: "Breathe Easy Group",
        categories: &["long-term-conditions", "physical-activity"],
        org_word: "Breathe Easy",
        summary: "A support group in {town} for people living with a lung condition, with gentle exercise and a friendly chat.",
        about: [
            "Breathe Easy is for anyone living with COPD, asthma, bronchiectasis or another lung condition, and for the people who care for them. We share tips, support each other and have a laugh.",
            "Most sessions start with twenty minutes of seated exercise led by a qualified instructor, followed by a talk from a visiting speaker such as a respiratory nurse or a pharmacist.",
        ],
        heading: "Topics this year include:",
        items: &[
            "managing breathlessness",
            "getting the most from your inhalers",
            "staying well in winter",
            "singing for lung health",
        ],
        mode: Mode::Venue,
        eligibility: "People with a lung condition and their families and carers.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Chair-Based Exercise",
        categories: &["physical-activity", "long-term-conditions"],
        org_word: "Active Ageing",
        summary: "Gentle seated exercise to music in {town}, to help with strength, balance and mobility.",
        about: [
            "These classes are for anyone who finds standing exercise difficult. Our qualified instructor leads a gentle warm-up and movements to music, all done sitting down or holding the back of a chair.",
            "Regular exercise like this helps with balance and makes everyday tasks easier. Many members also say it is the highlight of their week.",
        ],
        heading: "The class will help you to:",
        items: &[
            "keep your joints moving",
            "build strength in your legs to reduce the risk of falls",
            "improve your balance",
            "meet people and have some fun",
        ],
        mode: Mode::Either,
        eligibility: "Older adults and anyone with limited mobility. Please speak to your GP first if you have been told not to exercise.",
        ages: (Some(50), None),
    },
    ActivityKind {
        title: "Peer Support Group",
        categories: &["mental-wellbeing"],
        org_word: "Mind Matters",
        summary: "A friendly, confidential group in {town} for anyone struggling with low mood, stress or anxiety.",
        about: [
            "The group is led by two trained facilitators who have their own experience of mental health problems. We talk about what has helped us and what has not, and we listen without judging.",
            "You do not have to talk if you do not want to. Many people come for a few weeks just to listen before they feel ready to share.",
        ],
        heading: "Ground rules we all agree to:",
        items: &[
            "what is said in the group stays in the group",
            "one person speaks at a time",
            "we respect each other's experiences",
            "you can leave the room at any time",
        ],
        mode: Mode::Either,
        eligibility: "Adults with experience of low mood, anxiety or stress. This is not a crisis service.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "English Conversation Club",
        categories: &["learning-and-skills", "social-and-befriending"],
        org_word: "Welcome Project",
        summary: "Practise speaking English in a relaxed, friendly group in {town}. All levels welcome.",
        about: [
            "Each session we chat in small groups about everyday topics, such as shopping, the doctor's surgery, the weather and the news, with volunteers who speak English as a first language.",
            "The club is also a good place to make friends and find out about life in {town}. We can tell you about English classes at the local college too.",
        ],
        heading: "Topics we often talk about:",
        items: &[
            "making an appointment at the GP practice",
            "talking to your child's teacher",
            "using the bus and the train",
            "looking for work",
        ],
        mode: Mode::Venue,
        eligibility: "Adults who speak English as an additional language. Children are welcome in the crèche.",
        ages: (Some(16), None),
    },
    ActivityKind {
        title: "Community Choir",
        categories: &["music-and-singing", "mental-wellbeing"],
        org_word: "Community Choir",
        summary: "A friendly, no-audition choir in {town} singing pop, folk and gospel songs. You do not need to read music.",
        about: [
            "We learn songs by ear, in parts, with a patient and enthusiastic leader. Nobody has to sing on their own, and there is no audition: if you can talk, you can sing.",
            "Singing together is good for your breathing, your mood and your confidence. We give two or three informal concerts a year, but there is no pressure to take part.",
        ],
        heading: "Songs we are learning this term:",
        items: &[
            "Lean on Me",
            "The Parting Glass",
            "Stand by Me",
            "a Ghanaian folk song one of our members taught us",
        ],
        mode: Mode::Venue,
        eligibility: "Everyone who enjoys singing, whatever their voice.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Singing for the Brain",
        categories: &[
            "music-and-singing",
            "long-term-conditions",
            "carers-support",
        ],
        org_word: "Singing for Health",
        summary: "Singing sessions in {town} for people living with dementia and their carers, with songs everyone knows.",
        about: [
            "We sing well-known songs from the last seventy years, with warm-up exercises and simple percussion. The words are on large-print sheets and on the screen.",
            "Singing can help people with dementia to communicate and can lift everyone's mood. Carers tell us it is the one time in the week they can relax and enjoy time together.",
        ],
        heading: "Each session includes:",
        items: &[
            "a gentle warm-up for the body and voice",
            "favourite songs chosen by the group",
            "a tea break with time to chat",
            "a chance to try percussion instruments",
        ],
        mode: Mode::Venue,
        eligibility: "People living with dementia, together with a family member, friend or carer.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Art Group",
        categories: &["arts-and-crafts", "mental-wellbeing"],
        org_word: "Open Studio",
        summary: "A relaxed art group in {town} for painting, drawing and collage. All materials provided and no experience needed.",
        about: [
            "Our tutor suggests a theme or a technique each week, but you are free to work on whatever you like. There is no pressure to show anyone what you have made.",
            "Many people come to us after a difficult time, and find that making art helps them to relax and think about something else for a while.",
        ],
        heading: "Things to try:",
        items: &[
            "watercolour painting",
            "drawing with charcoal and pastels",
            "collage from old magazines",
            "printing with lino and found objects",
        ],
        mode: Mode::Venue,
        eligibility: "Adults of all abilities. Please tell us if you have any allergies to art materials.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Walking Football",
        categories: &["physical-activity", "social-and-befriending"],
        org_word: "Walking Football Club",
        summary: "A slower, friendly version of football in {town}, with no running and no tackling from behind.",
        about: [
            "Walking football is played at walking pace on a small pitch, so it is easy on the joints and suitable for people who have not played for years or have a health condition.",
            "We play short games with plenty of breaks and mix up the teams each week. It is a great way to get fit, meet people and enjoy the game again.",
        ],
        heading: "The main rules:",
        items: &[
            "no running, with or without the ball",
            "no contact and no slide tackles",
            "the ball stays below head height",
            "everyone gets a turn in goal",
        ],
        mode: Mode::Venue,
        eligibility: "Men and women aged 50 or over, or younger people with a health condition that makes running difficult.",
        ages: (Some(50), None),
    },
    ActivityKind {
        title: "Tai Chi",
        categories: &["physical-activity", "mental-wellbeing"],
        org_word: "Tai Chi Society",
        summary: "Slow, flowing tai chi movements in {town} to improve balance, calm the mind and ease stiff joints.",
        about: [
            "Tai chi is a gentle form of exercise from China, made up of slow movements and deep breathing. It is suitable for almost everyone and can be done standing or seated.",
            "Our instructor teaches a short form a few moves at a time, so beginners can join at any point in the term.",
        ],
        heading: "Benefits people tell us about:",
        items: &[
            "better balance and fewer falls",
            "less stiffness in the morning",
            "feeling calmer and sleeping better",
            "meeting new people",
        ],
        mode: Mode::Either,
        eligibility: "Adults of any age and fitness level.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Repair Café",
        categories: &["volunteering", "learning-and-skills"],
        org_word: "Repair Café",
        summary: "Bring your broken things to {town}'s repair café and fix them with our volunteer menders, for free.",
        about: [
            "Our volunteers can fix small electrical items, bikes, clothes, furniture and toys, and show you how to do it yourself next time. Have a cup of tea while you wait.",
            "Repairing things saves money and keeps them out of landfill. If you are handy with a screwdriver or a sewing machine, we would love you to join us as a volunteer.",
        ],
        heading: "Things we often mend:",
        items: &[
            "lamps, toasters and radios",
            "torn clothes and broken zips",
            "wobbly chairs",
            "bike punctures and brakes",
            "jewellery",
        ],
        mode: Mode::Venue,
        eligibility: "Everyone is welcome. Children must be with an adult.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Bereavement Café",
        categories: &["mental-wellbeing", "social-and-befriending"],
        org_word: "Bereavement Support",
        summary: "A gentle, informal café in {town} for anyone who has lost someone close, however long ago.",
        about: [
            "Grief can be very lonely. At our café you can talk to others who have been bereaved, or simply sit with a cup of tea in company. Trained volunteers are there to listen.",
            "There is no right or wrong way to grieve and no time limit. Some people come for a few months and others for years.",
        ],
        heading: "You might find it helps to:",
        items: &[
            "talk about the person who has died",
            "hear how others have coped",
            "get practical information about what to do after a death",
            "find out about one-to-one counselling",
        ],
        mode: Mode::Venue,
        eligibility: "Adults who have been bereaved.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Community Pantry",
        categories: &["food-and-cooking", "money-and-benefits"],
        org_word: "Food Network",
        summary: "A membership food club in {town}: choose ten items of food and household goods for a small weekly fee.",
        about: [
            "The pantry is a shop where members choose their own groceries, fresh fruit and vegetables, bread and toiletries for a fraction of the usual price. You do not need a referral.",
            "Our volunteers can also put you in touch with money advice, energy support and cookery courses, and there is a warm space with free hot drinks while you shop.",
        ],
        heading: "How it works:",
        items: &[
            "join for free with proof of your address",
            "pay a small fee each week you shop",
            "choose your own items from the shelves",
            "help yourself to free bread and surplus food",
        ],
        mode: Mode::Venue,
        eligibility: "Anyone who lives in the area and is finding it hard to make ends meet.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Energy Bill Help",
        categories: &["money-and-benefits"],
        org_word: "Energy Advice",
        summary: "Free advice in {town} on cutting energy bills, dealing with arrears and getting grants to keep your home warm.",
        about: [
            "Our energy advisers can read your bills with you, check you are on the best tariff, help you apply for grants and warm home discounts, and talk to your supplier if you are behind with payments.",
            "We can also arrange a free home visit to look at draughts, insulation and heating controls, and give out free energy-saving bulbs and radiator foil.",
        ],
        heading: "Please bring:",
        items: &[
            "a recent energy bill or your account number",
            "your meter readings, or a photo of your meters",
            "any letters from your supplier",
        ],
        mode: Mode::Either,
        eligibility: "Anyone worried about energy bills or a cold home.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Conservation Volunteers",
        categories: &["nature-and-gardening", "volunteering", "physical-activity"],
        org_word: "Conservation Volunteers",
        summary: "Practical conservation days around {town}: hedge-laying, path clearing and tree planting, with tools and tea provided.",
        about: [
            "Join our friendly team looking after local nature reserves, country parks and churchyards. Tasks change with the seasons, from planting trees in winter to surveying wildflowers in summer.",
            "No experience is needed: we provide tools, gloves and training, and there are always lighter jobs for anyone who wants to take it easy.",
        ],
        heading: "Tasks this season:",
        items: &[
            "planting a new hedge for wildlife",
            "clearing brambles from footpaths",
            "building log piles and bug hotels",
            "counting butterflies and birds",
        ],
        mode: Mode::Venue,
        eligibility: "Adults of all abilities. Under-18s are welcome with a parent or guardian.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Book Club",
        categories: &["learning-and-skills", "social-and-befriending"],
        org_word: "Readers",
        summary: "A friendly monthly book club at {town}. Borrow the book for free and come and chat about it.",
        about: [
            "We choose a book together each month, from crime and romance to memoirs and the odd classic. Copies are free to borrow from the library, including large-print and audio versions.",
            "You do not have to finish the book to come along. Some of our best conversations have been about books that nobody liked.",
        ],
        heading: "Recent reads:",
        items: &[
            "a Northamptonshire local history",
            "a cosy crime novel",
            "a travel memoir",
            "a book of short stories",
        ],
        mode: Mode::Either,
        eligibility: "Adults who enjoy reading or listening to books.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Ukulele Group",
        categories: &["music-and-singing"],
        org_word: "Ukulele Club",
        summary: "Learn to play the ukulele with a friendly beginners' group in {town}. Instruments are available to borrow.",
        about: [
            "The ukulele is one of the easiest instruments to learn: most people can play a simple song by the end of their first session. We play pop songs, folk songs and the occasional sea shanty.",
            "Our group leader teaches a few chords at a time, with song sheets in large print. We have spare ukuleles to borrow until you decide whether to buy your own.",
        ],
        heading: "You will learn:",
        items: &[
            "how to hold and tune a ukulele",
            "the four chords that play hundreds of songs",
            "simple strumming patterns",
            "how to read chord diagrams",
        ],
        mode: Mode::Venue,
        eligibility: "Complete beginners and rusty players. You do not need to read music.",
        ages: (Some(16), None),
    },
    ActivityKind {
        title: "Telephone Befriending",
        categories: &["social-and-befriending"],
        org_word: "Befrienders",
        summary: "A friendly weekly phone call from a trained volunteer, for anyone who feels lonely or isolated.",
        about: [
            "We match you with a volunteer who shares some of your interests. They will phone you at the same time each week for a chat about whatever you like: family, the news, gardening or the football.",
            "All our volunteers are trained and checked, and a coordinator at {org} keeps in touch with you both to make sure the calls are going well.",
        ],
        heading: "People tell us the calls help them to:",
        items: &[
            "feel less lonely",
            "have something to look forward to each week",
            "feel more confident about going out",
            "find out about other local groups",
        ],
        mode: Mode::Online,
        eligibility: "Adults who feel lonely or isolated, especially people who find it hard to leave home.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Online Mindfulness Course",
        categories: &["mental-wellbeing"],
        org_word: "Mindfulness",
        summary: "An eight-week online mindfulness course to help with stress, worry and low mood. Join from home.",
        about: [
            "Mindfulness means paying attention to the present moment. The course teaches simple breathing and awareness exercises that you can use in everyday life, with a little practice at home between sessions.",
            "Groups are small and led by a qualified teacher. You can keep your camera off if you prefer, and recordings of the exercises are sent out after each session.",
        ],
        heading: "Over the eight weeks you will:",
        items: &[
            "learn short breathing exercises",
            "practise a body scan",
            "notice unhelpful patterns of thinking",
            "plan how to keep going after the course",
        ],
        mode: Mode::Online,
        eligibility: "Adults experiencing stress, anxiety or low mood. Not suitable during a mental health crisis.",
        ages: (Some(18), None),
    },
    ActivityKind {
        title: "Diabetes Support Group",
        categories: &["long-term-conditions"],
        org_word: "Diabetes Support",
        summary: "A friendly group in {town} for people living with type 1 or type 2 diabetes, their families and carers.",
        about: [
            "We share experiences and practical tips about living with diabetes, from reading food labels to coping with the emotional side. Each month a guest speaker answers questions.",
            "The group is run by volunteers who live with diabetes themselves. A diabetes specialist nurse comes along every few months.",
        ],
        heading: "Recent talks:",
        items: &[
            "looking after your feet",
            "eating well without giving up the foods you love",
            "new technology for checking blood sugar",
            "diabetes and your eyes",
        ],
        mode: Mode::Either,
        eligibility: "People with diabetes and those close to them.",
        ages: (None, None),
    },
    ActivityKind {
        title: "Young Carers Club",
        categories: &["carers-support"],
        org_word: "Young Carers",
        summary: "Fun activities and a break for young carers aged 8 to 17 in {town}, with support from our youth workers.",
        about: [
            "Young carers help to look after a parent, brother, sister or grandparent. The club is a chance to relax, have fun and make friends with others who understand.",
            "Activities include games, art, cooking and trips out in the school holidays. Our youth workers can also talk to your school about the support you need.",
        ],
        heading: "This term we are:",
        items: &[
            "making pizzas",
            "trying archery and climbing",
            "planning a summer trip",
            "making a film about being a young carer",
        ],
        mode: Mode::Venue,
        eligibility: "Young people aged 8 to 17 who help to look after someone at home.",
        ages: (Some(8), Some(17)),
    },
    ActivityKind {
        title: "Dance for Wellbeing",
        categories: &["physical-activity", "music-and-singing"],
        org_word: "Dance Project",
        summary: "Easy-to-follow dance classes in {town} to music from every decade, for any age and fitness level.",
        about: [
            "Our friendly teacher breaks every routine down into simple steps, and you can join in sitting down if you prefer. We dance to everything from swing and Motown to Bollywood and line dancing.",
            "Dancing is a fun way to keep active, improve your memory and balance, and meet people. Nobody is watching, and getting it wrong is half the fun.",
        ],
        heading: "What to wear:",
        items: &[
            "comfortable clothes you can move in",
            "flat shoes with a smooth sole",
            "a bottle of water",
        ],
        mode: Mode::Venue,
        eligibility: "Adults of any age and fitness level, including wheelchair users.",
        ages: (None, None),
    },
];

const GENERIC: &[&str] = &[
    "Everyone is welcome, whatever your age, background or ability. Many people come along on their own the first time, and one of our volunteers will look out for you and introduce you to others.",
    "If you are feeling nervous about coming along, give us a ring before your first visit. We can meet you at the door, and a link worker can come with you the first time if that helps.",
    "Tea, coffee and biscuits are provided. Please let us know about any dietary needs and we will do our best to help.",
    "The group is run by {org}. Our volunteers are DBS checked and have had safeguarding training.",
    "Sessions sometimes change over the school holidays, so it is worth checking our website or giving us a call before you set off.",
    "The nearest bus stop is a short walk away, and there is free parking nearby. If you need help with transport, ask us about our volunteer drivers.",
    "We rely on donations and small grants to keep going. If you are able to, a contribution towards tea and biscuits is welcome, but nobody is ever turned away.",
    "You do not need a referral. You can just turn up, although link workers from the GP practices in {town} often come along with people for their first visit.",
];

const CLOSING: &[&str] = &[
    "We look forward to meeting you!",
    "If you have any questions, please get in touch: we are always happy to chat.",
    "Thank you to the National Lottery Community Fund and {town} Town Council for funding this activity.",
    "Carers and support workers come free of charge.",
];

const ELIGIBILITY: &[&str] = &[
    "Everyone is welcome.",
    "Adults who live in Northamptonshire.",
    "Anyone who would like to meet new people, especially if you live on your own.",
    "Adults with a long-term health condition, and their carers.",
    "People of all faiths and none.",
];

const SCHEDULE_NOTES: &[&str] = &[
    "Not on bank holidays.",
    "No sessions in August.",
    "Closed between Christmas and New Year.",
    "Sessions may move if the hall is needed for a funeral; we will let you know.",
    "Please arrive ten minutes early for your first session.",
    "Term time only.",
];

const ONLINE_DETAILS: &[&str] = &[
    "We meet on Zoom. Once you have booked we will email you the link and a short guide to using Zoom.",
    "Sessions are on Microsoft Teams. You can join from a computer, tablet or smartphone, or by phone.",
    "We phone you at a time that suits you. There is nothing to set up.",
    "The link is on our website on the day. Cameras on or off, whatever you prefer.",
];

const COSTS: &[&str] = &[
    "£2 per session",
    "£3 per session, including refreshments",
    "£2.50 a week",
    "£5 per session (first session free)",
    "£20 for a six-week course",
    "50p for tea and biscuits",
    "£1 a week membership",
    "£4 per class, or £30 for ten",
];

const JOIN_BOOKING: &[&str] = &[
    "Book a place by phone or email. Places are limited, so please let us know if you cannot come.",
    "Book online or ask your link worker to book for you.",
    "Phone to book your first session; after that you can just come along.",
    "Places must be booked in advance. There is a waiting list at busy times.",
];

const JOIN_DROP_IN: &[&str] = &[
    "Drop in on the day.",
    "Just turn up; there is no need to book.",
    "Come along to any session. You can also ask your link worker to introduce you.",
    "Drop in, or phone first if you would like someone to meet you at the door.",
];

const ACCESS_NOTES: &[&str] = &[
    "The hall is on the ground floor with a ramp at the side entrance.",
    "There is a small step at the front door; ring the bell and we will open the side door.",
    "Large-print handouts are available on request.",
    "The room can be noisy at busy times. Ask for the quiet room if you need a break.",
    "Disabled parking spaces are directly outside.",
];

// ---- organisations -----------------------------------------------------------------

const ORG_TYPES: &[&str] = &[
    "registered charity",
    "community interest company",
    "volunteer-run community group",
    "small local charity",
    "social enterprise",
];

const ORG_PURPOSES: &[&str] = &[
    "We help people to get out and about, stay active and meet others.",
    "We believe nobody should face loneliness or hard times on their own.",
    "Our aim is to make sure everyone in the area has somewhere friendly to go and something to look forward to.",
    "We bring people together to learn, share skills and support each other.",
    "We work to improve the health and wellbeing of people in our community, especially those who find it hardest to get support.",
];

const ORG_OFFERS: &[&str] = &[
    "regular groups and drop-ins run by trained volunteers",
    "one-to-one support for people who find it hard to join a group",
    "information and advice about other local services",
    "free transport for people who cannot get to us on their own",
    "volunteering opportunities, with training and expenses paid",
    "a warm space with free hot drinks through the winter",
    "talks and taster sessions for community groups and GP practices",
];

const ORG_VOLUNTEERS: &[&str] = &[
    "We are always looking for new volunteers. Whether you can give an hour a month or a day a week, we would love to hear from you.",
    "Everything we do is free to the people who use it, thanks to our volunteers and the generosity of local funders.",
    "We are proud to work alongside the social prescribing link workers in the local Primary Care Networks, who refer many of the people we support.",
];

// ---- jobs ----------------------------------------------------------------------------

const JOB_TITLES: &[&str] = &[
    "Social Prescribing Link Worker",
    "Social Prescribing Link Worker",
    "Community Link Worker",
    "Care Coordinator",
    "Health and Wellbeing Coach",
    "Senior Social Prescribing Link Worker",
    "Children and Young People's Link Worker",
];

const JOB_INTROS: &[&str] = &[
    "We are growing our team and are looking for someone who genuinely enjoys meeting people.",
    "This is a new post, funded through the Additional Roles Reimbursement Scheme.",
    "Our current link worker is moving on after five years, and we are looking for someone to build on their work.",
];

const JOB_ROLE_PARAS: &[&str] = &[
    "You will give people time to talk about what matters to them, and help them connect with community groups, activities and services that support their health and wellbeing. Most people are referred by GPs and other practice staff; many are lonely, struggling with money worries or living with long-term conditions.",
    "You will work with people referred by the practices and by local services, meeting them face to face at the practices, in their homes and in the community, and agreeing small, achievable goals together.",
];

const JOB_DUTIES: &[&str] = &[
    "hold a caseload of people referred by the practices and by local services",
    "meet people face to face, at home and by phone",
    "co-produce simple personalised care and support plans",
    "build strong links with voluntary and community groups across the area",
    "keep accurate records on SystmOne or EMIS and help us measure our impact",
    "go along with people to a group for the first time if that helps",
    "feed gaps in local provision back to the PCN and to funders",
];

const JOB_SKILLS: &[&str] = &[
    "experience of supporting people, paid or voluntary, in health, social care, housing or the community sector",
    "a calm, non-judgemental approach and good boundaries",
    "the ability to listen well and build trust with people from all walks of life",
    "confidence using IT systems and managing a busy diary",
    "a full driving licence, or the ability to travel across the area",
    "knowledge of, or a keenness to learn about, local community services",
];

const JOB_OFFERS: &[&str] = &[
    "NHS Pension Scheme and 27 days' annual leave plus bank holidays",
    "monthly clinical supervision and peer support with link workers across the county",
    "flexible working and a day's volunteering leave each year",
    "a training budget and the Personalised Care Institute's link worker training",
    "a real say in how the service develops",
];

const WORKING_PATTERNS: &[&str] = &[
    "Monday to Friday, 9am to 5pm",
    "Monday to Friday, with one late clinic a fortnight",
    "Four days a week, days to be agreed",
    "Flexible, including some evenings and weekends",
];

const APPLY_DETAILS: &[&str] = &[
    "Apply online with your CV and a supporting statement of no more than two pages.",
    "Download the application pack from our website, or email us for a copy in large print or another format.",
    "We do not accept CVs on their own. Please complete the application form.",
    "Secondments from other NHS or council roles are welcome with your line manager's agreement.",
];

// ---- pages -------------------------------------------------------------------------------

struct PageText {
    id: &'static str,
    title: &'static str,
    summary: &'static str,
    nav_order: u32,
    body: &'static str,
}

const PAGES: [PageText; 3] = [
    PageText {
        id: "about",
        title: "About social prescribing",
        summary: "What social prescribing is, who it is for, and how to get a referral to a link worker.",
        nav_order: 1,
        body: "Not everything that affects your health can be fixed with medicine.
Loneliness, money worries, caring for someone, or simply not having much
to look forward to can all take their toll. **Social prescribing** connects
people with practical and social support in their community, such as a
walking group, a money adviser, a community garden or a choir.

## What is a link worker?

Every GP practice in England is part of a **Primary Care Network (PCN)**, a
group of practices that work together. Most PCNs employ **social
prescribing link workers**: friendly, trained staff who give you time to
talk about what matters to you.

A link worker will:

- listen to what is going on in your life and what you would like to change
- help you find groups, activities and services that suit you
- help with the first step, for example by making a phone call with you
- check in with you over a few weeks or months

## How to get referred

1. **Ask at your GP practice.** Tell the receptionist, your GP or a nurse
   that you would like to see the social prescribing link worker.
2. **Ask another service.** Many local services can refer you too.
3. **Contact your PCN directly.** Look up your GP practice in this
   directory to find its PCN and the link workers' contact details.

If something in the directory is wrong, please email
[directory@example.org](mailto:directory@example.org).
",
    },
    PageText {
        id: "for-organisations",
        title: "For organisations",
        summary: "How voluntary and community groups can be listed in the directory and keep their details up to date.",
        nav_order: 2,
        body: "The directory is free to use and free to be listed in. We list activities
run by voluntary, community, faith and social enterprise organisations,
and by public services, that are open to people referred by a social
prescribing link worker.

## What we need from you

Email [directory@example.org](mailto:directory@example.org) with:

1. your organisation's name, charity or company number (if you have one),
   website and main contact details
2. for each activity: what it is, who it is for, when and where it happens,
   how much it costs and how people can join
3. any accessibility information, such as step-free access or a hearing loop

## Keeping your listing up to date

We ask every organisation to confirm its details **at least every six
months**. Listings that have not been checked for six months are marked
as \"may be out of date\" so that link workers know to check before referring
someone.
",
    },
    PageText {
        id: "accessibility",
        title: "Accessibility statement",
        summary: "How accessible this website is, known problems and how to contact us.",
        nav_order: 3,
        body: "This website is run by the directory team. We want as many people as
possible to be able to use it. For example, that means you should be able to:

- change colours, contrast levels and fonts using browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate most of the website using just a keyboard or speech recognition software
- listen to most of the website using a screen reader

## How accessible this website is

The website is made of simple, static pages without complex scripts. Some
entries supplied by community groups may use link text that does not make
sense out of context.

## Feedback and contact information

If you need information on this website in a different format, email
[directory@example.org](mailto:directory@example.org). This website is
partially compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/)
AA standard.
",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
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

        let loaded = crate::content::load(a.path(), today()).unwrap();
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
            let loaded = crate::content::load(dir.path(), today()).unwrap();
            assert_eq!(loaded.error_count(), 0, "{n} activities");
        }
    }

    #[test]
    fn refuses_an_existing_content_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        assert!(write_corpus(dir.path(), 10).is_err());
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        use crate::content::formats;
        let plan = Plan::new(60_000);
        let mut codes = HashSet::new();
        for i in 0..plan.pcns.len() {
            assert!(formats::pcn_code(&plan.pcns[i].code).is_ok());
            assert!(codes.insert(plan.pcns[i].code.clone()));
        }
        let mut ods = HashSet::new();
        for i in 0..plan.practices.len() {
            let text = plan.practice_yaml(i);
            let code = text
                .lines()
                .find_map(|l| l.strip_prefix("ods_code: "))
                .unwrap();
            assert!(formats::ods_code(code).is_ok(), "{code}");
            assert!(ods.insert(code.to_string()), "{code} repeats");
        }
        let mut rng = Rng::new(99, 0);
        for town in 0..TOWNS.len() {
            for _ in 0..50 {
                let p = postcode(&mut rng, town);
                assert_eq!(formats::postcode(&p).as_deref(), Ok(p.as_str()));
            }
        }
    }
}
