//! The route plan: every page of the site with its path. Listings are
//! paginated slices of the directory's index, so the number of pages grows
//! linearly with the number of entries.

pub mod urls;

use crate::content::Directory;
use crate::content::activity::Activity;
use crate::content::job::{Contract, Job};
use crate::content::organisation::Organisation;
use crate::content::page::Page;
use crate::content::pcn::Pcn;
use crate::content::practice::Practice;
use crate::places::Near;
use crate::schedule::{WEEK, capitalised, day_name};
pub use urls::Link;
use urls::{PER_PAGE, path};

/// The contract filters of the jobs list, as (path segment, contract).
pub const CONTRACT_PAGES: [(&str, Contract); 2] = [
    ("permanent", Contract::Permanent),
    ("fixed-term", Contract::FixedTerm),
];

/// One page to render.
pub enum Route<'a> {
    Home,
    Activity(&'a Activity),
    Listing(Listing<'a>),
    Categories,
    /// The PCNs, the practices by PCN and the organisations: lists that
    /// grow with the directory, so split into pages.
    Pcns(Part),
    Pcn(&'a Pcn),
    Practices(Part),
    Practice(&'a Practice),
    Organisations(Part),
    Organisation(&'a Organisation),
    /// All open jobs, or (with a filter) those in one PCN or with one
    /// kind of contract: filters as pages, so they work without JavaScript.
    Jobs(Option<JobFilter<'a>>, Part),
    Job(&'a Job),
    /// One of the site's own pages (about, accessibility statement…).
    Page(&'a Page),
    Search,
    /// "Reuse this data": every export, with its format and licence.
    Data,
    /// The patient's list, kept in the browser.
    MyList,
    NotFound,
    /// The list of districts with activities near them.
    NearIndex,
    /// "Activities near NN1".
    Near(&'a Near),
}

/// Which page of a split list: `page` (1-based) of `pages`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub page: usize,
    pub pages: usize,
}

impl Part {
    /// This page's share of `items`, `per_page` to a page.
    pub fn of<'t, T>(&self, items: &'t [T], per_page: usize) -> &'t [T] {
        let start = ((self.page - 1) * per_page).min(items.len());
        &items[start..(start + per_page).min(items.len())]
    }
}

/// How many PCNs, organisations and PCNs' practices a page lists: at a
/// national directory's 1,250 PCNs, 6,300 practices and tens of thousands
/// of organisations, each page stays a few tens of kilobytes.
pub const PCNS_PER_PAGE: usize = 60;
pub const ORGANISATIONS_PER_PAGE: usize = 200;
pub const PRACTICE_GROUPS_PER_PAGE: usize = 40;
pub const JOBS_PER_PAGE: usize = 50;

/// The pages of a list of `count` items, `per_page` to a page (one, when
/// it is empty), at `first` and `first/page/N/`.
fn parts<'a>(
    first: &str,
    count: usize,
    per_page: usize,
    route: impl Fn(Part) -> Route<'a>,
) -> impl Iterator<Item = (String, Route<'a>)> {
    let pages = count.div_ceil(per_page).max(1);
    let first = first.to_string();
    (1..=pages).map(move |page| (path::paged(&first, page), route(Part { page, pages })))
}

#[derive(Clone, Copy)]
pub enum JobFilter<'a> {
    Pcn(&'a Pcn),
    Contract(Contract),
}

impl JobFilter<'_> {
    /// Whether `job` belongs in this list.
    pub fn keeps(&self, job: &Job) -> bool {
        match self {
            JobFilter::Pcn(p) => job.concerns_pcn(&p.id),
            JobFilter::Contract(c) => job.contract == *c,
        }
    }
}

/// The first page of the jobs list with `filter` (all open jobs without).
pub fn jobs_list(filter: Option<&JobFilter>) -> String {
    match filter {
        None => "jobs/".to_string(),
        Some(JobFilter::Pcn(p)) => path::jobs_in_pcn(&p.id),
        Some(JobFilter::Contract(c)) => path::jobs_with_contract(
            CONTRACT_PAGES
                .iter()
                .find(|(_, k)| k == c)
                .map_or("", |(slug, _)| slug),
        ),
    }
}

/// One page of a paginated list of activities.
pub struct Listing<'a> {
    pub heading: String,
    pub intro: Option<String>,
    /// Path of the listing's first page.
    pub first: String,
    pub ids: &'a [String],
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    /// How many activities the whole listing has.
    pub total: usize,
    pub parent: Option<Link>,
    /// A related listing to point to (a PCN's list points to the activities
    /// open to everyone in the region), as a site-relative path.
    pub more: Option<Link>,
}

/// Lists every page of the site with its path (see `urls::path`).
pub fn plan<'a>(
    dir: &'a Directory,
    near: &'a [Near],
    today: chrono::NaiveDate,
) -> Vec<(String, Route<'a>)> {
    let mut routes: Vec<(String, Route)> = vec![
        (path::home(), Route::Home),
        ("categories/".into(), Route::Categories),
        ("search/".into(), Route::Search),
        (path::data(), Route::Data),
        (path::my_list(), Route::MyList),
        ("near/".into(), Route::NearIndex),
        ("404.html".into(), Route::NotFound),
    ];
    routes.extend(
        dir.activities
            .values()
            .filter(|a| !dir.index.hidden.contains(&a.id))
            .map(|a| (path::activity(&a.id), Route::Activity(a))),
    );
    routes.extend(parts("pcns/", dir.pcns.len(), PCNS_PER_PAGE, Route::Pcns));
    let groups = dir.practice_groups().len();
    routes.extend(parts(
        "practices/",
        groups,
        PRACTICE_GROUPS_PER_PAGE,
        Route::Practices,
    ));
    routes.extend(parts(
        "organisations/",
        dir.organisations.len(),
        ORGANISATIONS_PER_PAGE,
        Route::Organisations,
    ));
    routes.extend(dir.pcns.values().map(|p| (path::pcn(&p.id), Route::Pcn(p))));
    routes.extend(
        dir.practices
            .values()
            .map(|p| (path::practice(&p.id), Route::Practice(p))),
    );
    routes.extend(
        dir.organisations
            .values()
            .map(|o| (path::organisation(&o.id), Route::Organisation(o))),
    );
    routes.extend(dir.jobs.values().map(|j| (path::job(&j.id), Route::Job(j))));
    // The jobs lists, split as the open jobs they show need.
    let open: Vec<&Job> = dir.jobs.values().filter(|j| j.is_open(today)).collect();
    let filters = std::iter::once(None)
        .chain(dir.pcns.values().map(|p| Some(JobFilter::Pcn(p))))
        .chain(
            CONTRACT_PAGES
                .iter()
                .map(|(_, c)| Some(JobFilter::Contract(*c))),
        );
    for filter in filters {
        let n = open
            .iter()
            .filter(|j| filter.as_ref().is_none_or(|f| f.keeps(j)))
            .count();
        let first = jobs_list(filter.as_ref());
        routes.extend(parts(&first, n, JOBS_PER_PAGE, |part| {
            Route::Jobs(filter, part)
        }));
    }
    routes.extend(
        dir.pages
            .values()
            .map(|p| (path::page(&p.id), Route::Page(p))),
    );
    routes.extend(
        near.iter()
            .map(|n| (path::near(n.district.code), Route::Near(n))),
    );

    let index = &dir.index;
    listing(
        &mut routes,
        "All activities, A to Z".into(),
        None,
        "activities/".into(),
        &index.listed,
        None,
        None,
    );
    let categories = Link {
        label: "Categories".into(),
        url: String::new(),
    };
    for category in &dir.site.categories {
        let ids = index.in_category(&category.id);
        listing(
            &mut routes,
            category.label.clone(),
            Some(category.description.clone()).filter(|d| !d.is_empty()),
            path::category(&category.id),
            ids,
            Some(Link {
                url: "categories/".into(),
                ..categories.clone()
            }),
            None,
        );
    }
    if !index.uncategorised.is_empty() {
        listing(
            &mut routes,
            "Other activities".into(),
            Some("Activities that have not been given a category yet.".into()),
            path::other_category(),
            &index.uncategorised,
            Some(Link {
                url: "categories/".into(),
                ..categories.clone()
            }),
            None,
        );
    }
    for (i, day) in WEEK.iter().enumerate() {
        listing(
            &mut routes,
            format!("Activities on {}s", capitalised(day_name(*day))),
            None,
            path::day(*day),
            &index.by_day[i],
            None,
            None,
        );
    }
    if !index.other_times.is_empty() {
        listing(
            &mut routes,
            "Activities at other times".into(),
            Some("By appointment, or at times you arrange with the organisation.".into()),
            path::other_times(),
            &index.other_times,
            None,
            None,
        );
    }
    let region_wide = Link {
        label: format!(
            "{} more {} open to patients of every GP practice in {}",
            index.region_wide.len(),
            if index.region_wide.len() == 1 {
                "activity is"
            } else {
                "activities are"
            },
            dir.site.region
        ),
        url: path::region(),
    };
    for pcn in dir.pcns.values() {
        let ids = index.in_pcn(&pcn.id);
        listing(
            &mut routes,
            format!("Activities for patients of {}", pcn.name),
            Some(format!(
                "Activities run especially for patients of the practices in {}.",
                pcn.name
            )),
            path::pcn_activities(&pcn.id),
            ids,
            Some(Link {
                label: pcn.name.clone(),
                url: path::pcn(&pcn.id),
            }),
            (!index.region_wide.is_empty()).then(|| region_wide.clone()),
        );
    }
    listing(
        &mut routes,
        format!("Activities open to everyone in {}", dir.site.region),
        Some(format!(
            "These activities are open to patients of every GP practice in {}, whichever Primary Care Network it belongs to.",
            dir.site.region
        )),
        path::region(),
        &index.region_wide,
        None,
        None,
    );
    routes
}

fn listing<'a>(
    routes: &mut Vec<(String, Route<'a>)>,
    heading: String,
    intro: Option<String>,
    first: String,
    ids: &'a [String],
    parent: Option<Link>,
    more: Option<Link>,
) {
    let pages = ids.len().div_ceil(PER_PAGE).max(1);
    for page in 1..=pages {
        let start = (page - 1) * PER_PAGE;
        let end = (start + PER_PAGE).min(ids.len());
        routes.push((
            path::paged(&first, page),
            Route::Listing(Listing {
                heading: heading.clone(),
                intro: intro.clone(),
                first: first.clone(),
                ids: &ids[start..end],
                page,
                pages,
                total: ids.len(),
                parent: parent.clone(),
                more: more.clone(),
            }),
        ));
    }
}
