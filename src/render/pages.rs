//! Rendering one page of the plan: the template that draws it and the
//! values it needs. Listings reuse activity cards rendered once.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::pagination::pagination;
use crate::content::Directory;
use crate::content::job::Job;
use crate::markdown;
use crate::places::{Near, RADIUS_MILES, distance_text};
use crate::present::{self, Link};
use crate::routes::urls::{Urls, path};
use crate::routes::{CONTRACT_PAGES, JobFilter, Route, WEEK};
use crate::schedule::{capitalised, day_name};
use crate::search::{INDEX_DIR, POSTCODE_DIR, SearchIndex};

/// How many activities a PCN or organisation page shows before linking to
/// the full list.
const PREVIEW: usize = 10;

/// Everything rendering needs, shared by all pages.
pub struct Env<'a> {
    pub dir: &'a Directory,
    pub urls: &'a Urls,
    pub today: NaiveDate,
    pub tera: &'a tera::Tera,
    /// Rendered card HTML for each listed activity.
    pub cards: HashMap<&'a str, &'a str>,
    /// Each district's nearest activities, for "Activities near …" pages.
    pub near: &'a [Near],
    pub search: &'a SearchIndex,
}

/// What every page says about itself: its `<title>`, description,
/// canonical URL, whether search engines should index it, and breadcrumbs.
#[derive(Serialize)]
struct Meta {
    title: String,
    description: String,
    canonical: String,
    noindex: bool,
    breadcrumbs: Vec<Link>,
}

impl Env<'_> {
    fn meta(&self, path: &str, title: &str, description: &str, crumbs: Vec<Link>) -> Meta {
        let mut breadcrumbs = vec![Link {
            label: "Home".into(),
            url: self.urls.link(""),
        }];
        breadcrumbs.extend(crumbs.into_iter().map(|l| Link {
            url: self.urls.link(&l.url),
            ..l
        }));
        Meta {
            title: title.to_string(),
            description: description.to_string(),
            canonical: self.urls.absolute(path),
            noindex: false,
            breadcrumbs,
        }
    }

    fn crumb(label: &str, path: &str) -> Link {
        Link {
            label: label.to_string(),
            url: path.to_string(),
        }
    }

    fn cards(&self, ids: &[String]) -> Vec<&str> {
        ids.iter()
            .filter_map(|id| self.cards.get(id.as_str()).copied())
            .collect()
    }

    fn open_jobs(&self, keep: impl Fn(&Job) -> bool) -> Vec<present::JobCard> {
        let mut jobs: Vec<&Job> = self
            .dir
            .jobs
            .values()
            .filter(|j| j.is_open(self.today) && keep(j))
            .collect();
        jobs.sort_by(|a, b| (a.closes, &a.title, &a.id).cmp(&(b.closes, &b.title, &b.id)));
        jobs.iter()
            .map(|j| present::job_card(self.dir, j, self.urls))
            .collect()
    }

    /// Renders one page to HTML.
    pub fn render(&self, path: &str, route: &Route) -> Result<String, tera::Error> {
        let mut cx = tera::Context::new();
        let dir = self.dir;
        let urls = self.urls;
        let (template, meta) = match route {
            Route::Home => {
                let index = &dir.index;
                let categories: Vec<Counted> = dir
                    .site
                    .categories
                    .iter()
                    .map(|c| Counted {
                        label: c.label.clone(),
                        url: urls.link(&path::category(&c.id)),
                        count: index.in_category(&c.id).len(),
                        description: Some(c.description.clone()),
                    })
                    .collect();
                cx.insert("categories", &categories);
                cx.insert("days", &self.days());
                cx.insert("pcns", &self.pcn_counts());
                cx.insert(
                    "jobs",
                    &self
                        .open_jobs(|_| true)
                        .into_iter()
                        .take(3)
                        .collect::<Vec<_>>(),
                );
                cx.insert("activity_count", &index.listed.len());
                cx.insert("region_count", &index.region_wide.len());
                cx.insert("region_url", &urls.link(&path::region()));
                cx.insert("all_activities", &urls.link("activities/"));
                cx.insert("all_jobs", &urls.link("jobs/"));
                let title = dir.site.title.clone();
                let description = format!(
                    "Community activities, groups and support in {} that GP practices' social prescribing link workers can connect you to.",
                    dir.site.region
                );
                let mut meta = self.meta(path, &title, &description, vec![]);
                meta.breadcrumbs.clear();
                ("home.html", meta)
            }
            Route::Activity(a) => {
                let page = present::activity_page(dir, a, urls, self.today);
                let mut meta = self.meta(
                    path,
                    &a.title,
                    &a.summary,
                    vec![Self::crumb("Activities", "activities/")],
                );
                meta.noindex = !a.is_current(self.today);
                cx.insert("activity", &page);
                ("activity.html", meta)
            }
            Route::Listing(l) => {
                let total = l.total;
                cx.insert("heading", &l.heading);
                cx.insert("intro", &l.intro);
                cx.insert("cards", &self.cards(l.ids));
                cx.insert("total", &total);
                cx.insert(
                    "pagination",
                    &pagination(urls, &l.first, l.page, l.pages, total),
                );
                let more = l.more.as_ref().map(|m| Link {
                    label: m.label.clone(),
                    url: urls.link(&m.url),
                });
                cx.insert("more", &more);
                let title = if l.page > 1 {
                    format!("{} (page {} of {})", l.heading, l.page, l.pages)
                } else {
                    l.heading.clone()
                };
                let crumbs = l.parent.iter().cloned().collect();
                let description = l.intro.clone().unwrap_or_else(|| l.heading.clone());
                (
                    "listing.html",
                    self.meta(path, &title, &description, crumbs),
                )
            }
            Route::Categories => {
                let categories: Vec<Counted> = dir
                    .site
                    .categories
                    .iter()
                    .map(|c| Counted {
                        label: c.label.clone(),
                        url: urls.link(&path::category(&c.id)),
                        count: dir.index.in_category(&c.id).len(),
                        description: Some(c.description.clone()),
                    })
                    .collect();
                cx.insert("categories", &categories);
                cx.insert("days", &self.days());
                let meta = self.meta(
                    path,
                    "Browse by category",
                    "Every kind of activity in the directory.",
                    vec![],
                );
                ("categories.html", meta)
            }
            Route::Pcns => {
                cx.insert("pcns", &self.pcn_counts());
                let meta = self.meta(
                    path,
                    "Primary Care Networks",
                    "The groups of GP practices in the region, with their social prescribing link workers.",
                    vec![],
                );
                ("pcns.html", meta)
            }
            Route::Pcn(p) => {
                let ids = dir.index.in_pcn(&p.id);
                let practices = self.practice_links(&p.id);
                cx.insert(
                    "pcn",
                    &PcnView {
                        name: &p.name,
                        code: &p.code,
                        summary: &p.summary,
                        address: p.address.as_deref(),
                        postcode: p.postcode.as_deref(),
                        website: p.website.as_deref(),
                    },
                );
                cx.insert(
                    "link_workers",
                    &p.link_workers
                        .iter()
                        .map(present::contact)
                        .collect::<Vec<_>>(),
                );
                cx.insert("practices", &practices);
                cx.insert("cards", &self.cards(&ids[..ids.len().min(PREVIEW)]));
                cx.insert("activity_count", &ids.len());
                cx.insert("all_activities", &urls.link(&path::pcn_activities(&p.id)));
                cx.insert("region_count", &dir.index.region_wide.len());
                cx.insert("region_url", &urls.link(&path::region()));
                cx.insert("jobs", &self.open_jobs(|j| j.concerns_pcn(&p.id)));
                let meta = self.meta(
                    path,
                    &p.name,
                    &p.summary,
                    vec![Self::crumb("PCNs", "pcns/")],
                );
                ("pcn.html", meta)
            }
            Route::Practices => {
                let groups: Vec<Group> = dir
                    .pcns
                    .values()
                    .map(|p| Group {
                        heading: Link {
                            label: p.name.clone(),
                            url: urls.link(&path::pcn(&p.id)),
                        },
                        items: self.practice_links(&p.id),
                    })
                    .filter(|g| !g.items.is_empty())
                    .collect();
                cx.insert("groups", &groups);
                let meta = self.meta(
                    path,
                    "GP practices",
                    "GP practices by Primary Care Network.",
                    vec![],
                );
                ("practices.html", meta)
            }
            Route::Practice(p) => {
                let pcn = dir.pcns.get(&p.pcn);
                cx.insert(
                    "practice",
                    &PracticeView {
                        name: &p.name,
                        ods_code: &p.ods_code,
                        address: &p.address,
                        postcode: &p.postcode,
                        phone: &p.phone,
                        phone_href: present::tel(&p.phone),
                        website: p.website.as_deref(),
                        pcn: Link {
                            label: pcn.map_or_else(|| p.pcn.clone(), |x| x.name.clone()),
                            url: urls.link(&path::pcn(&p.pcn)),
                        },
                        activities: urls.link(&path::pcn_activities(&p.pcn)),
                        region: urls.link(&path::region()),
                    },
                );
                let description = format!(
                    "{}, a GP practice in {}.",
                    p.name,
                    pcn.map_or("", |x| x.name.as_str())
                );
                let meta = self.meta(
                    path,
                    &p.name,
                    &description,
                    vec![Self::crumb("GP practices", "practices/")],
                );
                ("practice.html", meta)
            }
            Route::Organisations => {
                let items: Vec<Counted> = dir
                    .organisations
                    .values()
                    .map(|o| Counted {
                        label: o.name.clone(),
                        url: urls.link(&path::organisation(&o.id)),
                        count: dir.index.run_by(&o.id).len(),
                        description: None,
                    })
                    .collect();
                cx.insert("organisations", &items);
                let meta = self.meta(
                    path,
                    "Organisations",
                    "The voluntary and community organisations that run activities in the directory.",
                    vec![],
                );
                ("organisations.html", meta)
            }
            Route::Organisation(o) => {
                let ids = dir.index.run_by(&o.id);
                let review = o
                    .last_reviewed
                    .map(|d| present::review(&dir.site, d, self.today));
                cx.insert(
                    "organisation",
                    &OrganisationView {
                        name: &o.name,
                        charity_number: o.charity_number.as_deref(),
                        company_number: o.company_number.as_deref(),
                        contact: present::contact(&crate::content::common::Contact {
                            phone: o.phone.clone(),
                            email: o.email.clone(),
                            website: o.website.clone(),
                            ..Default::default()
                        }),
                        description_html: markdown::to_html(&o.description, 3),
                        review,
                    },
                );
                cx.insert("cards", &self.cards(ids));
                cx.insert("jobs", &self.open_jobs(|j| j.employer == o.id));
                let description = format!("{} and the activities it runs.", o.name);
                let meta = self.meta(
                    path,
                    &o.name,
                    &description,
                    vec![Self::crumb("Organisations", "organisations/")],
                );
                ("organisation.html", meta)
            }
            Route::Jobs(filter) => {
                use crate::content::job::Contract;
                let (heading, intro, jobs) = match filter {
                    None => (
                        "Jobs".to_string(),
                        "Social prescribing jobs with Primary Care Networks and community organisations, soonest closing first.".to_string(),
                        self.open_jobs(|_| true),
                    ),
                    Some(JobFilter::Pcn(p)) => (
                        format!("Jobs in {}", p.name),
                        format!("Open jobs covering the practices of {}, or employed by it, soonest closing first.", p.name),
                        self.open_jobs(|j| j.concerns_pcn(&p.id)),
                    ),
                    Some(JobFilter::Contract(c)) => (
                        match c {
                            Contract::Permanent => "Permanent jobs".to_string(),
                            Contract::FixedTerm => "Fixed-term jobs".to_string(),
                        },
                        "Open jobs, soonest closing first.".to_string(),
                        self.open_jobs(|j| j.contract == *c),
                    ),
                };
                let open: Vec<&crate::content::job::Job> = dir
                    .jobs
                    .values()
                    .filter(|j| j.is_open(self.today))
                    .collect();
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
                cx.insert("heading", &heading);
                cx.insert("intro", &intro);
                cx.insert("jobs", &jobs);
                cx.insert("filtered", &filter.is_some());
                cx.insert("all_jobs", &urls.link("jobs/"));
                cx.insert("by_pcn", &by_pcn);
                cx.insert("by_contract", &by_contract);
                cx.insert("feed", &urls.link(crate::export::feed::PATH));
                let crumbs = if filter.is_some() {
                    vec![Self::crumb("Jobs", "jobs/")]
                } else {
                    vec![]
                };
                let mut meta = self.meta(path, &heading, &intro, crumbs);
                // The filtered lists repeat the main one.
                meta.noindex = filter.is_some();
                ("jobs.html", meta)
            }
            Route::Job(j) => {
                let page = present::job_page(dir, j, urls, self.today);
                let description =
                    format!("{} with {}, {}.", j.title, page.employer.label, j.location);
                let mut meta = self.meta(
                    path,
                    &j.title,
                    &description,
                    vec![Self::crumb("Jobs", "jobs/")],
                );
                meta.noindex = page.closed;
                // Closed jobs carry no JobPosting, so nobody applies to them.
                if !page.closed {
                    let posting = crate::export::jobposting::job_posting(dir, j, urls);
                    cx.insert(
                        "job_posting",
                        &crate::export::jobposting::script_json(&posting),
                    );
                }
                cx.insert("job", &page);
                ("job.html", meta)
            }
            Route::Page(p) => {
                cx.insert("body_html", &markdown::to_html(&p.body, 2));
                let description = p.summary.clone().unwrap_or_else(|| p.title.clone());
                ("page.html", self.meta(path, &p.title, &description, vec![]))
            }
            Route::Search => {
                let index = &dir.index;
                let listing = |label: &str, path: String, ids: &[String]| Counted {
                    label: label.to_string(),
                    url: urls.link(&path),
                    count: ids.len(),
                    description: None,
                };
                let categories: Vec<Counted> = dir
                    .site
                    .categories
                    .iter()
                    .map(|c| {
                        let ids = index.in_category(&c.id);
                        listing(&c.label, path::category(&c.id), ids)
                    })
                    .collect();
                let mut pcns: Vec<Counted> = dir
                    .pcns
                    .values()
                    .map(|p| {
                        let ids = index.in_pcn(&p.id);
                        listing(&p.name, path::pcn_activities(&p.id), ids)
                    })
                    .collect();
                pcns.sort_by_key(|p| p.label.to_lowercase());
                cx.insert("categories", &categories);
                cx.insert("pcns", &pcns);
                cx.insert("days", &self.days());
                cx.insert(
                    "region",
                    &listing(&dir.site.region, path::region(), &index.region_wide),
                );
                cx.insert("total", &index.listed.len());
                cx.insert("all_activities", &urls.link("activities/"));
                cx.insert("near_url", &urls.link("near/"));
                cx.insert("near_count", &self.near.len());
                cx.insert("facets", &self.search.facets);
                cx.insert(
                    "search",
                    &SearchView {
                        index: urls.link(INDEX_DIR),
                        postcodes: urls.link(POSTCODE_DIR),
                        version: &self.search.version,
                        script: urls.link("assets/search.js"),
                    },
                );
                let meta = self.meta(
                    path,
                    "Search activities",
                    "Search activities by words, filter them, and sort them by distance from a postcode.",
                    vec![],
                );
                ("search.html", meta)
            }
            Route::NearIndex => {
                let districts: Vec<Counted> = self
                    .near
                    .iter()
                    .map(|n| Counted {
                        label: n.district.code.to_string(),
                        url: urls.link(&path::near(n.district.code)),
                        count: n.activities.len(),
                        description: Some(n.district.area.clone()),
                    })
                    .collect();
                cx.insert("districts", &districts);
                cx.insert("radius", &RADIUS_MILES);
                let meta = self.meta(
                    path,
                    "Activities near you",
                    "Find activities near a postcode district.",
                    vec![],
                );
                ("near.html", meta)
            }
            Route::Near(n) => {
                let cards = n
                    .activities
                    .iter()
                    .filter_map(|(id, miles)| {
                        let a = dir.activities.get(id)?;
                        let mut card = present::activity_card(dir, a, urls, self.today);
                        card.distance = Some(distance_text(*miles));
                        Some(super::card_html(self.tera, &card))
                    })
                    .collect::<Result<Vec<String>, _>>()?;
                let code = n.district.code;
                let heading = format!("Activities near {code} ({})", n.district.area);
                let intro = format!(
                    "The {} in-person {} nearest the middle of the {code} postcode district, closest first, up to {RADIUS_MILES} miles away. Activities held online or by phone are not listed here.",
                    cards.len(),
                    if cards.len() == 1 {
                        "activity"
                    } else {
                        "activities"
                    }
                );
                cx.insert("heading", &heading);
                cx.insert("intro", &Some(&intro));
                cx.insert("cards", &cards);
                cx.insert("total", &cards.len());
                cx.insert("pagination", &None::<()>);
                cx.insert("more", &None::<Link>);
                let meta = self.meta(
                    path,
                    &heading,
                    &intro,
                    vec![Self::crumb("Near you", "near/")],
                );
                ("listing.html", meta)
            }
            Route::NotFound => {
                cx.insert("all_activities", &urls.link("activities/"));
                let mut meta = self.meta(path, "Page not found", "Page not found.", vec![]);
                meta.noindex = true;
                meta.breadcrumbs.clear();
                ("404.html", meta)
            }
        };
        cx.insert("meta", &meta);
        self.tera.render(template, &cx)
    }

    /// A PCN's member practices, A to Z, as links.
    fn practice_links(&self, pcn: &str) -> Vec<Link> {
        let dir = self.dir;
        dir.index
            .practices_by_pcn
            .get(pcn)
            .into_iter()
            .flatten()
            .filter_map(|id| dir.practices.get(id))
            .map(|pr| Link {
                label: pr.name.clone(),
                url: self.urls.link(&path::practice(&pr.id)),
            })
            .collect()
    }

    fn days(&self) -> Vec<Counted> {
        WEEK.iter()
            .enumerate()
            .map(|(i, d)| Counted {
                label: capitalised(day_name(*d)),
                url: self.urls.link(&path::day(*d)),
                count: self.dir.index.by_day[i].len(),
                description: None,
            })
            .collect()
    }

    fn pcn_counts(&self) -> Vec<Counted> {
        self.dir
            .pcns
            .values()
            .map(|p| Counted {
                label: p.name.clone(),
                url: self.urls.link(&path::pcn(&p.id)),
                count: self.dir.index.in_pcn(&p.id).len(),
                description: Some(p.summary.clone()),
            })
            .collect()
    }
}

/// Where the search script finds the index, and where results link to.
#[derive(Serialize)]
struct SearchView<'a> {
    index: String,
    postcodes: String,
    version: &'a str,
    script: String,
}

#[derive(Serialize)]
struct Counted {
    label: String,
    url: String,
    count: usize,
    description: Option<String>,
}

#[derive(Serialize)]
struct Group {
    heading: Link,
    items: Vec<Link>,
}

#[derive(Serialize)]
struct PcnView<'a> {
    name: &'a str,
    code: &'a str,
    summary: &'a str,
    address: Option<&'a str>,
    postcode: Option<&'a str>,
    website: Option<&'a str>,
}

#[derive(Serialize)]
struct PracticeView<'a> {
    name: &'a str,
    ods_code: &'a str,
    address: &'a str,
    postcode: &'a str,
    phone: &'a str,
    phone_href: String,
    website: Option<&'a str>,
    pcn: Link,
    activities: String,
    region: String,
}

#[derive(Serialize)]
struct OrganisationView<'a> {
    name: &'a str,
    charity_number: Option<&'a str>,
    company_number: Option<&'a str>,
    contact: present::ContactView,
    description_html: String,
    review: Option<present::Review>,
}
