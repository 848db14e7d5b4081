//! The jobs pages: the list of open jobs (and its filters as pages) and a
//! page for each job, with JobPosting data while it is open.

use serde::Serialize;

use super::{Counted, Env, Page};
use crate::content::job::{Contract, Job};
use crate::present::{self, JobCard, JobPage};
use crate::render::pagination::{Pagination, pagination_of};
use crate::routes::urls::path;
use crate::routes::{CONTRACT_PAGES, JOBS_PER_PAGE, JobFilter, Part};

#[derive(Serialize)]
struct JobsView {
    heading: String,
    intro: String,
    jobs: Vec<JobCard>,
    filtered: bool,
    all_jobs: String,
    by_pcn: Vec<Counted>,
    /// Instead of `by_pcn`, when there are too many to list.
    all_pcns: Option<crate::present::Link>,
    by_contract: Vec<Counted>,
    pagination: Option<Pagination>,
    feed: String,
}

#[derive(Serialize)]
struct JobView {
    job: JobPage,
    /// Only while the job is open, so nobody applies to a closed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    job_posting: Option<String>,
}

impl Env<'_> {
    pub(super) fn jobs(
        &self,
        path: &str,
        filter: Option<&JobFilter>,
        part: &Part,
    ) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let (heading, intro, jobs) = match filter {
            None => (
                "Jobs".to_string(),
                "Social prescribing jobs with Primary Care Networks and community organisations, soonest closing first.".to_string(),
                self.open_jobs(|_| true),
            ),
            Some(JobFilter::Pcn(p)) => (
                format!("Jobs in {}", p.name),
                format!("Open jobs covering the practices of {}, or employed by it, soonest closing first.", p.name),
                self.open_jobs(|j| filter.is_some_and(|f| f.keeps(j))),
            ),
            Some(JobFilter::Contract(c)) => (
                match c {
                    Contract::Permanent => "Permanent jobs".to_string(),
                    Contract::FixedTerm => "Fixed-term jobs".to_string(),
                },
                "Open jobs, soonest closing first.".to_string(),
                self.open_jobs(|j| filter.is_some_and(|f| f.keeps(j))),
            ),
        };
        let open: Vec<&Job> = dir
            .jobs
            .values()
            .filter(|j| j.is_open(self.today))
            .collect();
        let by_pcn = self
            .jobs_by_pcn
            .get_or_init(|| {
                let mut by_pcn: Vec<Counted> = dir
                    .pcns
                    .values()
                    .map(|p| Counted {
                        label: p.name.clone(),
                        url: urls.link(&path::jobs_in_pcn(&p.id)),
                        count: open.iter().filter(|j| j.concerns_pcn(&p.id)).count(),
                        description: None,
                    })
                    .filter(|c| c.count > 0)
                    .collect();
                by_pcn.sort_by_key(|c| c.label.to_lowercase());
                by_pcn
            })
            .clone();
        let (by_pcn, all_pcns) = self.pcns_or_link(by_pcn);
        let by_contract: Vec<Counted> = CONTRACT_PAGES
            .iter()
            .map(|(slug, c)| Counted {
                label: match c {
                    Contract::Permanent => "Permanent".to_string(),
                    Contract::FixedTerm => "Fixed term".to_string(),
                },
                url: urls.link(&path::jobs_with_contract(slug)),
                count: open.iter().filter(|j| j.contract == *c).count(),
                description: None,
            })
            .collect();
        let crumbs = if filter.is_some() {
            vec![Self::crumb("Jobs", "jobs/")]
        } else {
            vec![]
        };
        let pagination = pagination_of(
            urls,
            &crate::routes::jobs_list(filter),
            part.page,
            part.pages,
            jobs.len(),
            JOBS_PER_PAGE,
            Some("jobs"),
        );
        let jobs = part.of(&jobs, JOBS_PER_PAGE).to_vec();
        let title = super::browse::part_title(&heading, part);
        let mut meta = self.meta(path, &title, &intro, crumbs);
        // The filtered lists repeat the main one.
        meta.noindex = filter.is_some();
        let view = JobsView {
            heading,
            intro,
            jobs,
            filtered: filter.is_some(),
            all_jobs: urls.link("jobs/"),
            by_pcn,
            all_pcns,
            by_contract,
            pagination,
            feed: urls.link(crate::export::feed::PATH),
        };
        Page::new("jobs.html", &view, meta)
    }

    pub(super) fn job(&self, path: &str, j: &Job) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let page = present::job_page(dir, j, urls, self.today);
        let description = format!("{} with {}, {}.", j.title, page.employer.label, j.location);
        let mut meta = self.meta(
            path,
            &j.title,
            &description,
            vec![Self::crumb("Jobs", "jobs/")],
        );
        meta.noindex = page.closed;
        let job_posting = (!page.closed && dir.site.exports.structured_data).then(|| {
            let posting = crate::export::jobposting::job_posting(dir, j, urls);
            crate::export::jobposting::script_json(&posting)
        });
        let view = JobView {
            job: page,
            job_posting,
        };
        Page::new("job.html", &view, meta)
    }
}
