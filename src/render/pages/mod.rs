//! Rendering one page of the plan: the template that draws it and the
//! values it needs. Listings reuse activity cards rendered once.

mod browse;
mod entries;
mod jobs;

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::Directory;
use crate::content::job::Job;
use crate::export::jobposting::script_json;
use crate::export::structured;
use crate::places::Near;
use crate::present::{self, Link};
use crate::routes::Route;
use crate::routes::urls::{Urls, path};
use crate::schedule::{WEEK, capitalised, day_name};
use crate::search::SearchIndex;

/// How many activities a PCN or organisation page shows before linking to
/// the full list.
const PREVIEW: usize = 10;

/// Everything rendering needs, shared by all pages.
pub struct Env<'a> {
    pub dir: &'a Directory,
    pub urls: &'a Urls,
    pub today: NaiveDate,
    pub tera: &'a tera::Tera,
    /// Rendered card HTML for each listed activity (used as the renderer
    /// keeps it, rather than gathered into a map of its own for every
    /// render).
    pub cards: &'a super::Cards,
    /// Each district's nearest activities, for "Activities near …" pages.
    pub near: &'a [Near],
    /// The search index, once it is built: only the search page needs
    /// it, and it is rendered last.
    pub search: Option<&'a SearchIndex>,
    /// The jobs pages' "by PCN" links, worked out once for all of them (a
    /// nation's 1,250 PCN jobs pages each counting every PCN's jobs grew
    /// as the cube of the directory).
    pub(crate) jobs_by_pcn: std::sync::OnceLock<Vec<Counted>>,
}

/// A page ready to draw: its template, its own values, and its meta.
struct Page {
    template: &'static str,
    values: tera::Context,
    meta: Meta,
}

impl Page {
    fn new(template: &'static str, view: &impl Serialize, meta: Meta) -> Result<Page, tera::Error> {
        Ok(Page {
            template,
            values: tera::Context::from_serialize(view)?,
            meta,
        })
    }
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
    /// JSON-LD blocks, ready for a `<script>`: the breadcrumbs, and the
    /// page's own (an event, a clinic…).
    structured: Vec<String>,
}

impl Env<'_> {
    fn meta(&self, path: &str, title: &str, description: &str, crumbs: Vec<Link>) -> Meta {
        let mut breadcrumbs = vec![Link {
            label: "Home".into(),
            url: self.urls.link(""),
        }];
        let mut trail = vec![("Home".to_string(), self.urls.absolute(""))];
        trail.extend(
            crumbs
                .iter()
                .map(|l| (l.label.clone(), self.urls.absolute(&l.url))),
        );
        trail.push((title.to_string(), self.urls.absolute(path)));
        breadcrumbs.extend(crumbs.into_iter().map(|l| Link {
            url: self.urls.link(&l.url),
            ..l
        }));
        // The home page is the start of every trail, not a trail itself.
        let structured = (!path.is_empty() && self.dir.site.exports.structured_data)
            .then(|| script_json(&structured::breadcrumbs(&trail)))
            .into_iter()
            .collect();
        Meta {
            title: title.to_string(),
            description: description.to_string(),
            canonical: self.urls.absolute(path),
            noindex: false,
            breadcrumbs,
            structured,
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
            .filter_map(|id| self.cards.get(id.as_str()).map(|(_, html)| html.as_str()))
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

    /// Renders one page to HTML: its template, with the page's own values
    /// (a typed view per kind of page, in `browse`, `entries` and `jobs`)
    /// and what it says about itself.
    /// Returns the HTML and the template's name.
    pub fn render(&self, path: &str, route: &Route) -> Result<(String, &'static str), tera::Error> {
        let page = match route {
            Route::Home => self.home(path)?,
            Route::Activity(a) => self.activity(path, a)?,
            Route::Listing(l) => self.listing(path, l)?,
            Route::Categories => self.categories(path)?,
            Route::Pcns(part) => self.pcns(path, part)?,
            Route::Pcn(p) => self.pcn(path, p)?,
            Route::Practices(part) => self.practices(path, part)?,
            Route::Practice(p) => self.practice(path, p)?,
            Route::Organisations(part) => self.organisations(path, part)?,
            Route::Organisation(o) => self.organisation(path, o)?,
            Route::Jobs(filter, part) => self.jobs(path, filter.as_ref(), part)?,
            Route::Job(j) => self.job(path, j)?,
            Route::Page(p) => self.own_page(path, p)?,
            Route::Search => self.search(path)?,
            Route::Data => self.data(path)?,
            Route::MyList => self.my_list(path)?,
            Route::NearIndex => self.near_index(path)?,
            Route::Near(n) => self.near(path, n)?,
            Route::NotFound => self.not_found(path)?,
        };
        let mut cx = page.values;
        cx.insert("meta", &page.meta);
        Ok((self.tera.render(page.template, &cx)?, page.template))
    }

    /// A list of PCNs to show whole, or, past one page of the PCNs list
    /// (a nation has 1,250), none and a link to that list: the home,
    /// search and jobs pages stay small at any size.
    fn pcns_or_link(&self, pcns: Vec<Counted>) -> (Vec<Counted>, Option<Link>) {
        if pcns.len() <= crate::routes::PCNS_PER_PAGE {
            return (pcns, None);
        }
        let link = Link {
            label: format!("All {} Primary Care Networks", pcns.len()),
            url: self.urls.link("pcns/"),
        };
        (Vec::new(), Some(link))
    }

    /// A PCN's member practices, A to Z, as links.
    fn practice_links(&self, pcn: &str) -> Vec<Link> {
        let dir = self.dir;
        dir.index
            .practices_in(pcn)
            .iter()
            .filter_map(|id| dir.practices.get(id))
            .map(|pr| Link {
                label: pr.name.clone(),
                url: self.urls.link(&path::practice(&pr.id)),
            })
            .collect()
    }

    fn days(&self) -> Vec<Counted> {
        let other = &self.dir.index.other_times;
        WEEK.iter()
            .enumerate()
            .map(|(i, d)| Counted {
                label: capitalised(day_name(*d)),
                url: self.urls.link(&path::day(*d)),
                count: self.dir.index.by_day[i].len(),
                description: None,
            })
            .chain((!other.is_empty()).then(|| Counted {
                label: "Other times".into(),
                url: self.urls.link(&path::other_times()),
                count: other.len(),
                description: None,
            }))
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
                description: p.summary.clone(),
            })
            .collect()
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct Counted {
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
