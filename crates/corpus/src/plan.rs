//! The plan of a corpus: the names, ids and links between all its entries,
//! decided before any text so that every entry can refer to the others.

use std::collections::{HashMap, HashSet};

use super::kinds::{KINDS, Mode};
use super::names::{
    AREAS, JOB_TITLES, ORG_SUFFIXES, PCN_DESCRIPTORS, PCN_TOWNS, PLACES, PRACTICE_KINDS,
    PRACTICE_NAMES, TOWNS,
};
use super::rng::{Rng, S_ACTIVITY, S_JOB, S_ORG, S_PRACTICE, S_PRACTICE_COUNT};

// Entries refer to each other, to towns (`TOWNS`) and to kinds (`KINDS`) by
// index.

pub(super) struct PcnPlan {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) town: usize,
    pub(super) code: String,
    /// Never empty.
    pub(super) practices: Vec<usize>,
}

pub(super) struct PracticePlan {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) pcn: usize,
    pub(super) town: usize,
}

pub(super) struct OrgPlan {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) town: usize,
    /// The kind of activity it mostly runs.
    pub(super) focus: usize,
    /// Its activities live in `activities/<org id>/`.
    pub(super) subfolder: bool,
}

pub(super) struct ActivityPlan {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) org: usize,
    pub(super) kind: usize,
    pub(super) town: usize,
    /// A venue name, or empty for online-only activities.
    pub(super) place: String,
    /// The first PCN it serves.
    pub(super) pcn: usize,
    pub(super) ext: &'static str,
}

pub(super) struct JobPlan {
    pub(super) id: String,
    pub(super) title: &'static str,
    pub(super) employer: Employer,
    /// Where the job is based.
    pub(super) pcn: usize,
    pub(super) closed: bool,
    pub(super) fixed_term: bool,
}

#[derive(Clone, Copy)]
pub(super) enum Employer {
    Pcn(usize),
    Org(usize),
}

/// Every entry of a corpus.
pub(super) struct Plan {
    pub(super) pcns: Vec<PcnPlan>,
    pub(super) practices: Vec<PracticePlan>,
    pub(super) orgs: Vec<OrgPlan>,
    pub(super) activities: Vec<ActivityPlan>,
    pub(super) jobs: Vec<JobPlan>,
    /// The PCNs in each town.
    pub(super) pcns_by_town: Vec<Vec<usize>>,
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
    pub(super) fn new(activities: usize) -> Plan {
        let mut plan = Plan {
            pcns: Vec::new(),
            practices: Vec::new(),
            orgs: Vec::new(),
            activities: Vec::with_capacity(activities),
            jobs: Vec::new(),
            pcns_by_town: vec![Vec::new(); TOWNS.len()],
        };
        // PCNs and organisations share one id space, as a job's employer
        // may be either and must not be ambiguous.
        let mut employer_ids = Ids::default();
        plan.add_pcns(pcn_count(activities), &mut employer_ids);
        plan.add_practices();
        plan.add_orgs(activities.div_ceil(4).max(1), &mut employer_ids);
        plan.add_activities(activities);
        plan.add_jobs((activities / 200).max(3));
        plan
    }

    /// A PCN serving `town`, or any PCN if none does.
    pub(super) fn local_pcn(&self, rng: &mut Rng, town: usize) -> usize {
        match self.pcns_by_town[town].as_slice() {
            [] => rng.below(self.pcns.len()),
            local => rng.pick(local),
        }
    }

    /// One PCN per town, big towns first, then round again with a
    /// descriptor ("Kettering North PCN") until there are enough.
    fn add_pcns(&mut self, count: usize, ids: &mut Ids) {
        for i in 0..count {
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
            let id = ids.claim(&name);
            // 7919 is prime, so i * 7919 mod 90000 never repeats below 90,000.
            let code = format!("U{}", 10_000 + (i * 7919 + 4_464) % 90_000);
            self.pcns_by_town[town].push(i);
            self.pcns.push(PcnPlan {
                id,
                name,
                town,
                code,
                practices: Vec::new(),
            });
        }
    }

    /// Four to eight practices per PCN, mostly in its town.
    fn add_practices(&mut self) {
        let mut ids = Ids::default();
        for (p, pcn) in self.pcns.iter_mut().enumerate() {
            let mut rng = Rng::new(S_PRACTICE_COUNT, p);
            for _ in 0..rng.range(4, 8) {
                let i = self.practices.len();
                let mut rng = Rng::new(S_PRACTICE, i);
                let town = if rng.chance(70) {
                    pcn.town
                } else {
                    nearby(&mut rng, pcn.town)
                };
                let name = match rng.below(4) {
                    0 => format!("{} {}", TOWNS[town].name, rng.pick(PRACTICE_KINDS)),
                    _ => format!("{} {}", rng.pick(PRACTICE_NAMES), rng.pick(PRACTICE_KINDS)),
                };
                let id = ids.claim(&name);
                pcn.practices.push(i);
                self.practices.push(PracticePlan {
                    id,
                    name,
                    pcn: p,
                    town,
                });
            }
        }
    }

    fn add_orgs(&mut self, count: usize, ids: &mut Ids) {
        for i in 0..count {
            let mut rng = Rng::new(S_ORG, i);
            let focus = rng.below(KINDS.len());
            let town = rng.below(TOWNS.len());
            let word = KINDS[focus].org_word;
            let name = match rng.below(10) {
                0..=4 => format!("{} {word}", TOWNS[town].name),
                5..=7 => format!("{} {word}", rng.pick(AREAS)),
                _ => format!("{} {}", rng.pick(AREAS), rng.pick(ORG_SUFFIXES)),
            };
            let id = ids.claim(&name);
            self.orgs.push(OrgPlan {
                id,
                name,
                town,
                focus,
                subfolder: i % 10 == 3,
            });
        }
    }

    /// Activities go round the organisations, mostly of their focus and in
    /// their town.
    fn add_activities(&mut self, count: usize) {
        let mut ids = Ids::default();
        for i in 0..count {
            let mut rng = Rng::new(S_ACTIVITY, i);
            let org = i % self.orgs.len();
            let kind = if rng.chance(70) {
                self.orgs[org].focus
            } else {
                rng.below(KINDS.len())
            };
            let k = &KINDS[kind];
            let town = if rng.chance(80) {
                self.orgs[org].town
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
                rng.pick(PLACES).replace("{town}", tn)
            };
            let title = if online_only {
                match rng.below(3) {
                    0 => format!("{} with {}", k.title, self.orgs[org].name),
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
            let id = ids.claim(&title);
            let pcn = self.local_pcn(&mut rng, town);
            let ext = match rng.below(100) {
                0..=34 => "md",
                35..=37 => "yml",
                _ => "yaml",
            };
            self.activities.push(ActivityPlan {
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
    }

    fn add_jobs(&mut self, count: usize) {
        let mut ids = Ids::default();
        for i in 0..count {
            let mut rng = Rng::new(S_JOB, i);
            let fixed_term = rng.chance(30);
            let title = if fixed_term {
                "Social Prescribing Link Worker (fixed term)"
            } else {
                rng.pick(JOB_TITLES)
            };
            let (employer, pcn, employer_id) = if rng.chance(60) {
                let p = rng.below(self.pcns.len());
                (Employer::Pcn(p), p, &self.pcns[p].id)
            } else {
                let o = rng.below(self.orgs.len());
                let p = self.local_pcn(&mut rng, self.orgs[o].town);
                (Employer::Org(o), p, &self.orgs[o].id)
            };
            let id = ids.claim(&format!("{title} {employer_id}"));
            self.jobs.push(JobPlan {
                id,
                title,
                employer,
                pcn,
                closed: i % 4 == 2,
                fixed_term,
            });
        }
    }
}

/// Another town, usually one close by in the list (which runs roughly
/// north to south), sometimes anywhere.
pub(super) fn nearby(rng: &mut Rng, town: usize) -> usize {
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

/// How many PCNs a corpus of `activities` has: a region's proportion (one
/// per 600 activities, at least 3) up to 50,000, and from 100,000 a
/// national directory's (England's 1,250 PCNs for 100,000 activities).
fn pcn_count(activities: usize) -> usize {
    if activities >= 100_000 {
        activities / 80
    } else {
        ((activities + 300) / 600).max(3)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use signpost::formats;

    #[test]
    fn pcn_codes_are_unique_and_well_formed() {
        let plan = Plan::new(60_000);
        let mut codes = HashSet::new();
        for pcn in &plan.pcns {
            assert!(formats::pcn_code(&pcn.code).is_ok());
            assert!(codes.insert(pcn.code.clone()));
        }
    }
}
