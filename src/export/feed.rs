//! `jobs/feed.xml`: an Atom feed of open jobs, newest first, drawn by the
//! theme's `atom.xml` template (a site may override it). Every date in
//! it comes from the entries (when each job was posted), not from the time
//! of the build, so rebuilding never makes jobs look new.

use chrono::NaiveDate;

use serde::Serialize;

use crate::content::Directory;
use crate::content::job::Job;
use crate::markdown::to_html;
use crate::present::{employer_link, long_date, salary_text};
use crate::routes::urls::{Urls, path};

pub const PATH: &str = "jobs/feed.xml";

/// The feed's own details.
#[derive(Debug, Serialize)]
pub struct FeedHead {
    pub language: String,
    pub title: String,
    pub region: String,
    /// The feed's address, also its id.
    pub url: String,
    pub jobs_url: String,
    /// The newest posting among all jobs.
    pub updated: String,
    pub author: String,
    pub email: String,
}

/// One open job in the feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry {
    pub title: String,
    pub url: String,
    pub posted: String,
    pub employer: String,
    pub summary: String,
    pub content_html: String,
}

/// What the theme's `atom.xml` template draws.
#[derive(Debug, Serialize)]
pub struct Feed {
    pub feed: FeedHead,
    pub entries: Vec<FeedEntry>,
}

fn timestamp(date: NaiveDate) -> String {
    format!("{date}T00:00:00Z")
}

pub fn jobs_feed(dir: &Directory, urls: &Urls, today: NaiveDate) -> Feed {
    let mut jobs: Vec<&Job> = dir.jobs.values().filter(|j| j.is_open(today)).collect();
    jobs.sort_by(|a, b| (b.posted, &a.title, &a.id).cmp(&(a.posted, &b.title, &b.id)));
    // The newest posting among all jobs, open or not; a fixed date when
    // there are none, rather than the build's.
    let updated = dir
        .jobs
        .values()
        .map(|j| j.posted)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let feed = FeedHead {
        language: dir.site.language.clone(),
        title: format!("Jobs: {}", dir.site.title),
        region: dir.site.region.clone(),
        url: urls.absolute(PATH),
        jobs_url: urls.absolute("jobs/"),
        updated,
        author: dir.site.title.clone(),
        email: dir.site.contact_email.clone(),
    };
    let entries = jobs
        .into_iter()
        .map(|job| {
            let employer = employer_link(dir, job, urls).label;
            FeedEntry {
                title: job.title.clone(),
                url: urls.absolute(&path::job(&job.id)),
                posted: timestamp(job.posted),
                summary: format!(
                    "{employer}, {}. {}. Closes {}.",
                    job.location,
                    salary_text(job),
                    long_date(job.closes)
                ),
                employer,
                content_html: to_html(&job.description, 2),
            }
        })
        .collect();
    Feed { feed, entries }
}
