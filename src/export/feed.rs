//! `jobs/feed.xml`: an Atom feed of open jobs, newest first. Every date in
//! it comes from the entries (when each job was posted), not from the time
//! of the build, so rebuilding never makes jobs look new.

use chrono::NaiveDate;

use super::escape;
use crate::content::Directory;
use crate::content::job::Job;
use crate::markdown::to_html;
use crate::present::{employer_link, long_date, salary_text};
use crate::routes::urls::{Urls, path};

pub const PATH: &str = "jobs/feed.xml";

fn timestamp(date: NaiveDate) -> String {
    format!("{date}T00:00:00Z")
}

pub fn jobs_feed(dir: &Directory, urls: &Urls, today: NaiveDate) -> String {
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
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>Social prescribing jobs in {}, open for applications</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name><email>{}</email></author>\n",
        escape(&dir.site.language),
        escape(&format!("Jobs: {}", dir.site.title)),
        escape(&dir.site.region),
        escape(&urls.absolute(PATH)),
        escape(&urls.absolute(PATH)),
        escape(&urls.absolute("jobs/")),
        escape(&dir.site.title),
        escape(&dir.site.contact_email),
    );
    for job in jobs {
        let url = urls.absolute(&path::job(&job.id));
        let employer = employer_link(dir, job, urls).label;
        let summary = format!(
            "{employer}, {}. {}. Closes {}.",
            job.location,
            salary_text(job),
            long_date(job.closes)
        );
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n    <content type=\"html\">{}</content>\n  </entry>\n",
            escape(&job.title),
            escape(&url),
            escape(&url),
            timestamp(job.posted),
            timestamp(job.posted),
            escape(&employer),
            escape(&summary),
            escape(&to_html(&job.description, 2)),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}
