//! The validated directory: every entry by id, ready for rendering, search
//! and exports. Immutable once assembled.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Entry;
use super::activity::Activity;
use super::job::Job;
use super::organisation::Organisation;
use super::page::Page;
use super::pcn::Pcn;
use super::practice::Practice;
use crate::config::Site;

#[derive(Debug, Clone, Serialize)]
pub struct Directory {
    pub site: Site,
    pub pcns: BTreeMap<String, Pcn>,
    pub practices: BTreeMap<String, Practice>,
    pub organisations: BTreeMap<String, Organisation>,
    pub activities: BTreeMap<String, Activity>,
    pub jobs: BTreeMap<String, Job>,
    pub pages: BTreeMap<String, Page>,
}

impl Directory {
    /// Gathers decoded entries. Ids are unique per kind by the time entries
    /// get here (the loader refuses duplicate file names).
    pub fn assemble(site: Site, entries: Vec<Entry>) -> Directory {
        let mut directory = Directory {
            site,
            pcns: BTreeMap::new(),
            practices: BTreeMap::new(),
            organisations: BTreeMap::new(),
            activities: BTreeMap::new(),
            jobs: BTreeMap::new(),
            pages: BTreeMap::new(),
        };
        for entry in entries {
            match entry {
                Entry::Pcn(e) => {
                    directory.pcns.insert(e.id.clone(), e);
                }
                Entry::Practice(e) => {
                    directory.practices.insert(e.id.clone(), e);
                }
                Entry::Organisation(e) => {
                    directory.organisations.insert(e.id.clone(), e);
                }
                Entry::Activity(e) => {
                    directory.activities.insert(e.id.clone(), *e);
                }
                Entry::Job(e) => {
                    directory.jobs.insert(e.id.clone(), *e);
                }
                Entry::Page(e) => {
                    directory.pages.insert(e.id.clone(), e);
                }
            }
        }
        directory
    }

    pub fn entry_count(&self) -> usize {
        self.pcns.len()
            + self.practices.len()
            + self.organisations.len()
            + self.activities.len()
            + self.jobs.len()
            + self.pages.len()
    }
}
