//! A page for each entry: activities, PCNs, practices, organisations, the
//! site's own pages; and the 404 page.

use serde::Serialize;

use super::{Env, PREVIEW, Page};
use crate::content::activity::Activity;
use crate::content::organisation::Organisation;
use crate::content::page::Page as OwnPage;
use crate::content::pcn::Pcn;
use crate::content::practice::Practice;
use crate::export::jobposting::script_json;
use crate::export::structured;
use crate::markdown;
use crate::present::{self, ActivityPage, ContactView, JobCard, Link, Review};
use crate::routes::urls::path;

#[derive(Serialize)]
struct ActivityView {
    activity: ActivityPage,
}

#[derive(Serialize)]
struct PcnPageView<'a> {
    pcn: PcnView<'a>,
    link_workers: Vec<ContactView>,
    practices: Vec<Link>,
    cards: Vec<&'a str>,
    activity_count: usize,
    all_activities: String,
    region_count: usize,
    region_url: String,
    /// None when the site writes no calendars.
    calendar_url: Option<String>,
    region_calendar_url: Option<String>,
    jobs: Vec<JobCard>,
}

#[derive(Serialize)]
struct PcnView<'a> {
    name: &'a str,
    code: &'a str,
    summary: Option<&'a str>,
    address: Option<&'a str>,
    postcode: Option<&'a str>,
    website: Option<&'a str>,
}

#[derive(Serialize)]
struct PracticePageView<'a> {
    practice: PracticeView<'a>,
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
    /// Its PCN, when it is in one.
    pcn: Option<Link>,
    activities: Option<String>,
    region: String,
}

#[derive(Serialize)]
struct OrganisationPageView<'a> {
    organisation: OrganisationView<'a>,
    cards: Vec<&'a str>,
    jobs: Vec<JobCard>,
}

#[derive(Serialize)]
struct OrganisationView<'a> {
    name: &'a str,
    charity_number: Option<&'a str>,
    company_number: Option<&'a str>,
    contact: ContactView,
    description_html: String,
    review: Option<Review>,
    feedback: present::Feedback,
}

#[derive(Serialize)]
struct OwnPageView {
    body_html: String,
    /// On the data licence page: the "Reuse this data" page.
    reuse: Option<String>,
}

/// One export on the "Reuse this data" page.
#[derive(Serialize)]
struct Export {
    name: &'static str,
    format: &'static str,
    url: String,
    about: String,
}

#[derive(Serialize)]
struct MyListView {
    privacy: Option<String>,
    /// Whether the site writes calendars, for "Add all to my calendar".
    calendars: bool,
}

#[derive(Serialize)]
struct DataView {
    exports: Vec<Export>,
    licence: Option<Link>,
    licence_page: Option<String>,
}

#[derive(Serialize)]
struct NotFoundView {
    all_activities: String,
}

impl Env<'_> {
    pub(super) fn activity(&self, path: &str, a: &Activity) -> Result<Page, tera::Error> {
        let activity = present::activity_page(self.dir, a, self.urls, self.today);
        let mut meta = self.meta(
            path,
            &a.title,
            &a.summary,
            vec![Self::crumb("Activities", "activities/")],
        );
        meta.noindex = !a.is_current(self.today);
        if self.dir.site.exports.structured_data {
            meta.structured
                .extend(structured::activity(self.dir, a, self.urls, self.today));
        }
        Page::new("activity.html", &ActivityView { activity }, meta)
    }

    pub(super) fn pcn(&self, path: &str, p: &Pcn) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let calendars = dir.site.exports.calendars;
        let ids = dir.index.in_pcn(&p.id);
        let view = PcnPageView {
            pcn: PcnView {
                name: &p.name,
                code: &p.code,
                summary: p.summary.as_deref(),
                address: p.address.as_deref(),
                postcode: p.postcode.as_deref(),
                website: p.website.as_deref(),
            },
            link_workers: p.link_workers.iter().map(present::contact).collect(),
            practices: self.practice_links(&p.id),
            cards: self.cards(&ids[..ids.len().min(PREVIEW)]),
            activity_count: ids.len(),
            all_activities: urls.link(&path::pcn_activities(&p.id)),
            region_count: dir.index.region_wide.len(),
            region_url: urls.link(&path::region()),
            calendar_url: calendars
                .then(|| urls.link(&format!("{}{}", path::pcn(&p.id), path::CALENDAR))),
            region_calendar_url: calendars
                .then(|| urls.link(&format!("{}{}", path::region(), path::CALENDAR))),
            jobs: self.open_jobs(|j| j.concerns_pcn(&p.id)),
        };
        let described = p.summary.clone().unwrap_or_else(|| {
            format!(
                "The GP practices of {} and the activities open to their patients.",
                p.name
            )
        });
        let meta = self.meta(
            path,
            &p.name,
            &described,
            vec![Self::crumb("PCNs", "pcns/")],
        );
        Page::new("pcn.html", &view, meta)
    }

    pub(super) fn practice(&self, path: &str, p: &Practice) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let pcn = p.pcn.as_ref().and_then(|id| dir.pcns.get(id));
        let practice = PracticeView {
            name: &p.name,
            ods_code: &p.ods_code,
            address: &p.address,
            postcode: &p.postcode,
            phone: &p.phone,
            phone_href: present::tel(&p.phone),
            website: p.website.as_deref(),
            pcn: p.pcn.as_ref().map(|id| Link {
                label: pcn.map_or_else(|| id.clone(), |x| x.name.clone()),
                url: urls.link(&path::pcn(id)),
            }),
            activities: p
                .pcn
                .as_ref()
                .map(|id| urls.link(&path::pcn_activities(id))),
            region: urls.link(&path::region()),
        };
        let description = match pcn {
            Some(x) => format!("{}, a GP practice in {}.", p.name, x.name),
            None => format!("{}, a GP practice.", p.name),
        };
        let mut meta = self.meta(
            path,
            &p.name,
            &description,
            vec![Self::crumb("GP practices", "practices/")],
        );
        if self.dir.site.exports.structured_data {
            meta.structured
                .push(script_json(&structured::practice(self.dir, p, urls)));
        }
        Page::new("practice.html", &PracticePageView { practice }, meta)
    }

    pub(super) fn organisation(&self, path: &str, o: &Organisation) -> Result<Page, tera::Error> {
        let dir = self.dir;
        let view = OrganisationPageView {
            organisation: OrganisationView {
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
                review: o
                    .last_reviewed
                    .map(|d| present::review(&dir.site, d, self.today)),
                feedback: present::feedback(
                    dir,
                    crate::kind::Kind::Organisation,
                    &o.id,
                    &o.name,
                    self.urls,
                    path,
                ),
            },
            cards: self.cards(dir.index.run_by(&o.id)),
            jobs: self.open_jobs(|j| j.employer == o.id),
        };
        let description = format!("{} and the activities it runs.", o.name);
        let mut meta = self.meta(
            path,
            &o.name,
            &description,
            vec![Self::crumb("Organisations", "organisations/")],
        );
        if dir.site.exports.structured_data {
            meta.structured
                .push(script_json(&structured::organisation(o, self.urls)));
        }
        Page::new("organisation.html", &view, meta)
    }

    pub(super) fn own_page(&self, path: &str, p: &OwnPage) -> Result<Page, tera::Error> {
        let view = OwnPageView {
            body_html: markdown::to_html(&p.body, 2),
            reuse: (p.id == "data-licence").then(|| self.urls.link(&path::data())),
        };
        let description = p.summary.clone().unwrap_or_else(|| p.title.clone());
        let meta = self.meta(path, &p.title, &description, vec![]);
        Page::new("page.html", &view, meta)
    }

    /// The list page: drawn by the script from the browser's storage.
    pub(super) fn my_list(&self, path: &str) -> Result<Page, tera::Error> {
        let privacy = self
            .dir
            .pages
            .contains_key("privacy")
            .then(|| self.urls.link(&path::page("privacy")));
        let mut meta = self.meta(
            path,
            "My list",
            "The activities you have chosen, to print, share or add to your calendar.",
            vec![],
        );
        meta.noindex = true;
        Page::new(
            "my-list.html",
            &MyListView {
                privacy,
                calendars: self.dir.site.exports.calendars,
            },
            meta,
        )
    }

    /// "Reuse this data": every export, its format, licence and address.
    pub(super) fn data(&self, path: &str) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let on = &dir.site.exports;
        let mut exports = Vec::new();
        if on.spreadsheets {
            exports.extend([
                Export {
                    name: "Activities spreadsheet",
                    format: "CSV (UTF-8, opens in Excel)",
                    url: urls.absolute(crate::export::spreadsheet::CSV),
                    about: "A row for each activity: when, where, cost, how to join and contact."
                        .into(),
                },
                Export {
                    name: "Activities as JSON",
                    format: "JSON",
                    url: urls.absolute(crate::export::spreadsheet::JSON),
                    about: "The same rows, for programs.".into(),
                },
            ]);
        }
        let feed = &dir.site.open_referral;
        if feed.publish {
            exports.push(Export {
                name: "Open Referral UK feed",
                format: "Open Referral UK 3.0 (JSON)",
                url: urls.absolute(&format!("{}services.json", feed.path)),
                about: format!(
                    "Every service in full, for other directories; the API's root is {}.",
                    urls.absolute(&format!("{}index.json", feed.path))
                ),
            });
        }
        if let Some(p) = dir.pcns.values().next().filter(|_| on.calendars) {
            exports.push(Export {
                name: "Calendars",
                format: "iCalendar (.ics)",
                url: urls.absolute(&format!("{}{}", path::pcn(&p.id), path::CALENDAR)),
                about: format!(
                    "Each activity with fixed sessions has its own calendar beside its page; each PCN has one of the activities run especially for its patients (this is the first PCN's), and the activities open to everyone in {} have one at {}.",
                    dir.site.region,
                    urls.absolute(&format!("{}{}", path::region(), path::CALENDAR))
                ),
            });
        }
        exports.extend([
            Some(Export {
                name: "Jobs feed",
                format: "Atom",
                url: urls.absolute(crate::export::feed::PATH),
                about: "Open link worker jobs, for feed readers.".into(),
            }),
            Some(Export {
                name: "Sitemap",
                format: "XML sitemap",
                url: urls.absolute("sitemap.xml"),
                about: "Every page, for search engines.".into(),
            }),
            on.structured_data.then(|| Export {
                name: "Structured data",
                format: "schema.org JSON-LD",
                url: urls.absolute(""),
                about: "In every page: events, services, GP practices, organisations, jobs and breadcrumbs.".into(),
            }),
        ].into_iter().flatten());
        let view = DataView {
            exports,
            licence: dir.site.data_licence.as_ref().map(|l| Link {
                label: l.name.clone(),
                url: l.url.clone().unwrap_or_default(),
            }),
            licence_page: dir
                .pages
                .contains_key("data-licence")
                .then(|| urls.link(&path::page("data-licence"))),
        };
        let meta = self.meta(
            path,
            "Reuse this data",
            &format!(
                "The {} data to download and reuse, and its licence.",
                dir.site.title
            ),
            vec![],
        );
        Page::new("data.html", &view, meta)
    }

    pub(super) fn not_found(&self, path: &str) -> Result<Page, tera::Error> {
        let view = NotFoundView {
            all_activities: self.urls.link("activities/"),
        };
        let mut meta = self.meta(path, "Page not found", "Page not found.", vec![]);
        meta.noindex = true;
        meta.breadcrumbs.clear();
        Page::new("404.html", &view, meta)
    }
}
