//! Rendering the validated directory through the theme's templates: plan
//! the routes, render activity cards once, then every page in parallel.

pub mod pages;
pub mod pagination;
pub mod redrawn;
pub mod theme;

use foldhash::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Directory, Kind};
use crate::export::{Sink, calendar, openreferral, sitemap};
use crate::present::{self, Link};
use crate::routes::urls::{Urls, file_for, path};
use crate::routes::{self, Route};
use pages::Env;
use theme::Theme;

/// The named steps of a build and how long each took, in order (Zola
/// times every step of its build the same way).
#[derive(Debug, Clone, Default)]
pub struct Steps(pub Vec<(&'static str, std::time::Duration)>);

impl Steps {
    /// Runs one step, timing it.
    pub fn time<T>(&mut self, name: &'static str, step: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = step();
        self.0.push((name, started.elapsed()));
        out
    }

    /// `load 12 ms, cards 3 ms, …`.
    pub fn summary(&self) -> String {
        self.0
            .iter()
            .map(|(name, took)| format!("{name} {} ms", took.as_millis()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Renders the pages that are due into `sink`, on every core; returns
/// their paths, and the fingerprints and templates they were drawn from.
fn render_due<'r>(
    due: &[(&'r (String, Route), u64)],
    env: &Env,
    sink: &dyn Sink,
) -> anyhow::Result<Vec<(&'r str, Drawn)>> {
    due.par_iter()
        .map(|((path, route), print)| {
            let (html, template) = env.render(path, route).map_err(template_error)?;
            sink.write(&file_for(path), html.as_bytes())?;
            Ok((path.as_str(), (*print, template)))
        })
        .collect()
}

/// Sums up what a page, a card or an export part shows, to tell whether
/// it changed since it was last made (in one run: the sums are never
/// kept).
type PrintHasher = foldhash::quality::FoldHasher<'static>;

fn print_hasher() -> PrintHasher {
    foldhash::quality::FixedState::default().build_hasher()
}

/// What a page was last drawn from: its fingerprint and its template.
type Drawn = (u64, &'static str);

/// The template that draws each activity's card.
const CARD: &str = "partials/activity-card.html";

/// Runs a step that runs beside others, timing it.
fn timed<T>(step: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let started = Instant::now();
    let out = step();
    (out, started.elapsed())
}

/// Where the sitemap's fingerprint is kept among the pages'.
const SITEMAP: &str = "sitemap.xml";

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
    /// The rendering steps, timed.
    pub steps: Steps,
    /// How many pages were rendered (all of them, unless some were
    /// unchanged since the last render).
    pub changed: usize,
    /// Every file of the site, relative to the output folder.
    pub paths: Vec<String>,
}

/// Values every template can use as `site.…`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    region: &'a str,
    language: &'a str,
    contact_email: &'a str,
    home: String,
    search: String,
    /// The "Reuse this data" page.
    reuse: String,
    /// The list of districts with activities near them.
    near: String,
    /// The list page, and the script that keeps the list.
    my_list: String,
    list_script: String,
    /// Picks the maps link that the visitor's phone opens in its maps app.
    directions_script: String,
    favicon: String,
    stylesheet: String,
    nav: Vec<Link>,
    /// The site's own pages with a nav order, listed in the footer.
    pages: Vec<Link>,
    /// The "Need help now?" block: its heading and its text as HTML.
    urgent_help: UrgentHelpView<'a>,
    /// A postcode of the region, and its district, for "like …" hints:
    /// from the site's own data, so no site shows another region's.
    example_postcode: Option<String>,
    example_district: Option<String>,
    /// How to reach a link worker, offered when a search finds nothing.
    link_workers: Option<LinkWorkersView<'a>>,
}

#[derive(Serialize)]
struct UrgentHelpView<'a> {
    heading: &'a str,
    html: String,
}

#[derive(Serialize)]
struct LinkWorkersView<'a> {
    phone: Option<&'a str>,
    phone_href: Option<String>,
    email: Option<&'a str>,
    details: Option<&'a str>,
}

/// When entries changed, as a count of updates (0: never), so that what a
/// page shows can be summed up without comparing entries.
#[derive(Default)]
struct Versions {
    of: HashMap<Kind, HashMap<String, u64>>,
    /// The lengths of the ids in `of`, as bits (length mod 64): an id
    /// whose length is not among them never changed, which is told
    /// without reading its bytes. Those are scattered over memory, and
    /// reading them for each of the many lookups of a save was a tenth
    /// of its time.
    lengths: u64,
    updates: u64,
    /// The last update that changed anything but an activity: PCN,
    /// practice, organisation, job and page names and links show on many
    /// pages, so those pages depend on this.
    others: u64,
}

impl Versions {
    fn changed(&mut self, entries: &[(Kind, String)]) {
        self.updates += 1;
        for (kind, id) in entries {
            self.lengths |= 1 << (id.len() % 64);
            self.of
                .entry(*kind)
                .or_default()
                .insert(id.clone(), self.updates);
            if *kind != Kind::Activity {
                self.others = self.updates;
            }
        }
    }

    fn of(&self, kind: Kind, id: &str) -> u64 {
        if self.lengths & (1 << (id.len() % 64)) == 0 {
            return 0;
        }
        // Few entries ever change while serving, so the map stays small.
        self.of
            .get(&kind)
            .and_then(|v| v.get(id))
            .copied()
            .unwrap_or(0)
    }

    /// The entries of a kind changed after update `since`.
    fn changed_since(&self, kind: Kind, since: u64) -> Vec<&str> {
        self.of.get(&kind).map_or_else(Vec::new, |ids| {
            ids.iter()
                .filter(|(_, at)| **at > since)
                .map(|(id, _)| id.as_str())
                .collect()
        })
    }

    /// What an activity's card and search entry depend on: the activity,
    /// and the names of other entries.
    fn activity_print(&self, id: &str) -> u64 {
        let mut h = print_hasher();
        (self.of(Kind::Activity, id), self.others).hash(&mut h);
        h.finish()
    }
}

/// An activity's card: its fingerprint and its HTML.
type Card = (u64, String);
/// Each listed activity's card, by its id.
pub(crate) type Cards = HashMap<String, Card>;

/// Each district's nearest activities, with what they were worked out
/// from (the listed activities and their places).
struct Places {
    listed: Vec<String>,
    located: Vec<Vec<(f64, f64)>>,
    near: Vec<crate::places::Near>,
    /// The update of the entries (`Versions::updates`) they are up to.
    seen: u64,
}

/// Past this many activities changed since the last render, every
/// listed activity's places are worked out again rather than the changed
/// ones' looked for among them.
const FEW_CHANGED: usize = 64;

/// Renders a site again and again as entries change (for `serve`): each
/// page's inputs are summed up in a fingerprint of the entries it shows
/// and their versions, and only pages whose fingerprint changed are
/// rendered again. Pages whose inputs are too many to list (home, the
/// indexes, search) are always rendered; there are only a few.
pub struct Renderer {
    urls: Urls,
    today: NaiveDate,
    versions: Versions,
    /// Each activity's card.
    cards: Cards,
    search: crate::search::SearchCache,
    near: Option<Places>,
    /// Each page's fingerprint and template when it was last rendered.
    pages: HashMap<String, Drawn>,
    /// Counts changes to the card's template: part of the fingerprint of
    /// every page that shows cards.
    cards_drawn: u64,
    /// Each activity's part of each export, while serving.
    exports: crate::export::Memo,
    /// Activities changed since the last render, as they were at it (for
    /// the search index to find their old terms).
    before: HashMap<String, crate::content::activity::Activity>,
    /// Whether this renderer will render again: if not, what only a
    /// later render would reuse (the search index's workings) is freed
    /// as soon as it is used, for a build's peak memory.
    again: bool,
}

impl Renderer {
    /// A renderer that renders the site again and again (`serve`).
    pub fn new(base_url: &str, today: NaiveDate) -> Renderer {
        Renderer {
            urls: Urls::new(base_url),
            today,
            versions: Versions::default(),
            cards: HashMap::default(),
            pages: HashMap::default(),
            cards_drawn: 0,
            search: Default::default(),
            near: None,
            exports: Default::default(),
            before: Default::default(),
            again: true,
        }
    }

    /// A renderer for one render (`build`).
    pub fn once(base_url: &str, today: NaiveDate) -> Renderer {
        Renderer {
            again: false,
            ..Renderer::new(base_url, today)
        }
    }

    /// Notes that the theme changed, and which templates draw differently
    /// (`None`: all of them). Only what they draw is drawn again: pages,
    /// and with the card's template every card, search result row and
    /// page that shows cards. Each activity's part of the exports, which
    /// no template draws, is kept.
    pub fn theme_changed(&mut self, redrawn: Option<&std::collections::HashSet<String>>) {
        let Some(redrawn) = redrawn else {
            self.cards.clear();
            self.pages.clear();
            self.search = Default::default();
            return;
        };
        if redrawn.contains(CARD) {
            self.cards.clear();
            self.cards_drawn += 1;
            self.search.cards_changed();
        }
        // The sitemap's parts and its index are drawn together.
        let sitemap = redrawn.contains("sitemap-index.xml");
        self.pages.retain(|path, (_, template)| {
            let drawn_again = redrawn.contains(*template) || (sitemap && path == SITEMAP);
            !drawn_again
        });
    }

    /// Notes that these entries changed since the last render, and the
    /// activities among them as they were (until a render, the first
    /// version noted of each).
    pub fn changed(
        &mut self,
        entries: &[(Kind, String)],
        before: Vec<crate::content::activity::Activity>,
    ) {
        self.versions.changed(entries);
        for a in before {
            self.before.entry(a.id.clone()).or_insert(a);
        }
    }

    /// What a page shows, summed up; `None` for pages always rendered.
    fn fingerprint(&self, dir: &Directory, path: &str, route: &Route) -> Option<u64> {
        let mut h = print_hasher();
        (path, self.versions.others).hash(&mut h);
        let activities = |h: &mut PrintHasher, ids: &[String]| {
            self.cards_drawn.hash(h);
            for id in ids {
                (id, self.versions.of(Kind::Activity, id)).hash(h);
            }
        };
        match route {
            Route::Activity(a) => self.versions.of(Kind::Activity, &a.id).hash(&mut h),
            Route::Listing(l) => {
                (&l.heading, &l.intro, l.page, l.pages, l.total).hash(&mut h);
                (&l.first, &l.parent, &l.more).hash(&mut h);
                activities(&mut h, l.ids);
            }
            Route::Pcn(p) => {
                let ids = dir.index.in_pcn(&p.id);
                activities(&mut h, ids);
                dir.index.region_wide.len().hash(&mut h);
            }
            Route::Organisation(o) => {
                let ids = dir.index.run_by(&o.id);
                activities(&mut h, ids);
            }
            Route::Near(n) => {
                self.cards_drawn.hash(&mut h);
                for (id, miles) in &n.activities {
                    (id, self.versions.of(Kind::Activity, id), miles.to_bits()).hash(&mut h);
                }
            }
            Route::Practice(_) | Route::Job(_) | Route::Page(_) => {}
            _ => return None,
        }
        Some(h.finish())
    }

    /// Renders what changed since the last call (everything, the first
    /// time) into `sink`, as named, timed steps: the site's shared values,
    /// the activity cards, the search index, places (each district's
    /// nearest activities), routes, pages, exports (sitemap, robots.txt,
    /// the jobs feed) and the theme's static files.
    pub fn render(
        &mut self,
        dir: &Directory,
        theme: &mut Theme,
        sink: &dyn Sink,
    ) -> anyhow::Result<Rendered> {
        let mut steps = Steps::default();
        let (urls, today) = (&self.urls, self.today);
        steps.time("site", || {
            theme
                .tera
                .global_context()
                .insert("site", &site_view(dir, urls));
        });
        let tera = &theme.tera;

        // What each activity's card and search entry show depends on the
        // activity and on the names of other entries.
        let versions = &self.versions;
        let print = |id: &str| versions.activity_print(id);
        let cards = &mut self.cards;
        steps.time("cards", || {
            update_cards(cards, dir, tera, urls, today, &print)
        })?;
        let cards = &self.cards;
        let near = &mut self.near;
        steps.time("places", || update_near(near, dir, versions));
        let near = &self.near.as_ref().expect("set above").near;
        let routes = steps.time("routes", || routes::plan(dir, near, today));
        let mut env = Env {
            dir,
            urls,
            today,
            tera,
            cards,
            near,
            search: None,
            jobs_by_pcn: Default::default(),
        };
        // Which pages to render: those whose inputs changed, their
        // fingerprints compared on every core (all of them, for a renderer
        // that renders once).
        let done = &self.pages;
        let due: Vec<(&(String, Route), u64)> = if self.again {
            routes
                .par_iter()
                .filter_map(|route| match self.fingerprint(dir, &route.0, &route.1) {
                    Some(p) if done.get(&route.0).map(|(print, _)| *print) == Some(p) => None,
                    print => Some((route, print.unwrap_or(0))),
                })
                .collect()
        } else {
            routes.iter().map(|route| (route, 0)).collect()
        };
        let (search_page, others): (Vec<_>, Vec<_>) = due
            .into_iter()
            .partition(|((_, route), _)| matches!(route, Route::Search));
        let sitemap_print = done.get(SITEMAP).map(|(print, _)| *print);
        // The search index, the pages and the exports need only what is
        // above, so they run side by side: one's serial parts (the search
        // index's, the lists') leave the cores to the others. Only the
        // search page waits for the index, whose facets it shows.
        let search_cache = &mut self.search;
        let before = &self.before;
        let again = self.again;
        let keys = if again {
            crate::export::keys(dir, &print)
        } else {
            Vec::new()
        };
        let reuse = crate::export::Reuse {
            memo: again.then_some((&self.exports, keys.as_slice())),
        };
        let together = Instant::now();
        let ((search, search_took), ((rendered, pages_took), (exported, exports_took))) =
            rayon::join(
                || {
                    timed(|| -> anyhow::Result<_> {
                        let card_html: Vec<&str> = dir
                            .index
                            .listed
                            .iter()
                            .map(|id| cards[id].1.as_str())
                            .collect();
                        let mut search =
                            search_cache.update(dir, &card_html, &print, again, before);
                        if !again {
                            *search_cache = Default::default();
                        }
                        search
                            .files
                            .par_iter()
                            .try_for_each(|(path, bytes)| sink.write(path, bytes))?;
                        // Written: only their paths are needed now.
                        let mut paths: Vec<String> =
                            search.files.drain(..).map(|(path, _)| path).collect();
                        paths.append(&mut search.unchanged);
                        Ok((search, paths))
                    })
                },
                || {
                    rayon::join(
                        || timed(|| render_due(&others, &env, sink)),
                        || timed(|| exports(&env, &routes, sitemap_print, reuse, sink)),
                    )
                },
            );
        let (search, search_paths) = search?;
        env.search = Some(&search);
        let (mut rendered, mut pages_took) = (rendered?, pages_took);
        let (searched, took) = timed(|| render_due(&search_page, &env, sink));
        rendered.extend(searched?);
        pages_took += took;
        let (exported, sitemap_print) = exported?;
        steps.0.extend([
            ("search index", search_took),
            ("pages", pages_took),
            ("exports", exports_took),
            ("(those three side by side)", together.elapsed()),
        ]);
        let changed = rendered.len();
        // The search index is up to date with these.
        self.before.clear();
        if again {
            for (path, print) in rendered {
                self.pages.insert(path.to_string(), print);
            }
            self.pages
                .insert(SITEMAP.to_string(), (sitemap_print, "sitemap.xml"));
        }
        steps.time("static files", || {
            theme
                .assets
                .iter()
                .try_for_each(|(path, bytes)| sink.write(path, bytes))
        })?;
        let mut paths: Vec<String> = routes.par_iter().map(|(p, _)| file_for(p)).collect();
        paths.extend(exported);
        paths.extend(theme.assets.iter().map(|(p, _)| p.clone()));
        paths.extend(search_paths);
        Ok(Rendered {
            pages: routes.len(),
            files: paths.len(),
            steps,
            changed,
            paths,
        })
    }
}

/// Values every template can use as `site.…`: the directory's name and
/// region, and the navigation.
fn site_view<'a>(dir: &'a Directory, urls: &Urls) -> SiteView<'a> {
    let mut pages: Vec<_> = dir
        .pages
        .values()
        .filter(|p| p.nav_order.is_some())
        .collect();
    pages.sort_by_key(|p| (p.nav_order, p.title.clone()));
    // The directory's own pages are in every page's footer: on a phone, a
    // menu of more than five links wraps to a third row or scrolls away.
    let nav = vec![
        Link {
            label: "Activities".into(),
            url: urls.link("activities/"),
        },
        Link {
            label: "Near you".into(),
            url: urls.link("near/"),
        },
        Link {
            label: "Categories".into(),
            url: urls.link("categories/"),
        },
        Link {
            label: "PCNs".into(),
            url: urls.link("pcns/"),
        },
        Link {
            label: "Jobs".into(),
            url: urls.link("jobs/"),
        },
    ];
    let pages: Vec<Link> = pages
        .iter()
        .map(|p| Link {
            label: p.title.clone(),
            url: urls.link(&path::page(&p.id)),
        })
        .collect();
    let example = dir.example_postcode();
    SiteView {
        title: &dir.site.title,
        region: &dir.site.region,
        language: &dir.site.language,
        contact_email: &dir.site.contact_email,
        home: urls.link(""),
        search: urls.link("search/"),
        reuse: urls.link(&path::data()),
        near: urls.link("near/"),
        my_list: urls.link(&path::my_list()),
        list_script: urls.link("assets/list.js"),
        directions_script: urls.link("assets/directions.js"),
        favicon: urls.link("assets/favicon.svg"),
        stylesheet: urls.link(&path::stylesheet()),
        nav,
        pages,
        urgent_help: UrgentHelpView {
            heading: &dir.site.urgent_help.heading,
            html: crate::markdown::to_html(&dir.site.urgent_help.text, 3),
        },
        example_district: example
            .as_deref()
            .and_then(|p| p.split_whitespace().next())
            .map(str::to_string),
        example_postcode: example,
        link_workers: dir.site.link_workers.as_ref().map(|l| LinkWorkersView {
            phone: l.phone.as_deref(),
            phone_href: l.phone.as_deref().map(crate::present::tel),
            email: l.email.as_deref(),
            details: l.details.as_deref(),
        }),
    }
}

/// Each listed activity's card (what it shows, and its HTML from the
/// theme's partial), made again only where its fingerprint changed.
fn update_cards(
    cards: &mut Cards,
    dir: &Directory,
    tera: &tera::Tera,
    urls: &Urls,
    today: NaiveDate,
    print: &(dyn Fn(&str) -> u64 + Sync),
) -> anyhow::Result<()> {
    let cached = &*cards;
    let fresh: Vec<(String, Card)> = dir
        .index
        .listed
        .par_iter()
        .filter_map(|id| {
            let print = print(id);
            if cached.get(id).is_some_and(|c| c.0 == print) {
                return None;
            }
            let card = present::activity_card(dir, &dir.activities[id], urls, today);
            Some(card_html(tera, &card).map(|html| (id.clone(), (print, html))))
        })
        .collect::<Result<_, _>>()
        .map_err(template_error)?;
    cards.extend(fresh);
    Ok(())
}

/// An activity's card drawn by the theme's card partial: the one card
/// listings, near pages and search results all show.
pub fn card_html(tera: &tera::Tera, card: &present::ActivityCard) -> Result<String, tera::Error> {
    let mut cx = tera::Context::new();
    cx.insert("card", card);
    tera.render(CARD, &cx)
}

/// Each district's nearest activities, worked out again only when the
/// listed activities or their places changed. When the listed activities
/// are the same, only those changed since the last render can have moved
/// (the site's own postcodes changing reads everything again, with a new
/// renderer), so only theirs are worked out again.
fn update_near(near: &mut Option<Places>, dir: &Directory, versions: &Versions) {
    if let Some(places) = near.as_mut().filter(|p| p.listed == dir.index.listed) {
        let changed = versions.changed_since(Kind::Activity, places.seen);
        if changed.len() <= FEW_CHANGED {
            let mut moved = false;
            for id in changed {
                let Some(i) = places.listed.iter().position(|l| l == id) else {
                    continue;
                };
                let at = crate::places::locations(dir, &dir.activities[id]);
                if at != places.located[i] {
                    places.located[i] = at;
                    moved = true;
                }
            }
            if moved {
                places.near = crate::places::nearby(dir, &places.located);
            }
            places.seen = versions.updates;
            return;
        }
    }
    let located: Vec<Vec<(f64, f64)>> = dir
        .index
        .listed
        .par_iter()
        .map(|id| crate::places::locations(dir, &dir.activities[id]))
        .collect();
    let same = near
        .as_ref()
        .is_some_and(|p| p.listed == dir.index.listed && p.located == located);
    if !same {
        *near = Some(Places {
            listed: dir.index.listed.clone(),
            near: crate::places::nearby(dir, &located),
            located,
            seen: versions.updates,
        });
    } else if let Some(places) = near {
        places.seen = versions.updates;
    }
}

/// The sitemap (written again only when the pages it lists changed, as
/// `sitemap_print` says), robots.txt, the jobs feed, the Open Referral
/// feed, calendars, QR codes and spreadsheets; returns their paths and
/// the sitemap's print.
fn exports(
    env: &Env,
    routes: &[(String, Route)],
    sitemap_print: Option<u64>,
    reuse: crate::export::Reuse,
    sink: &dyn Sink,
) -> anyhow::Result<(Vec<String>, u64)> {
    let (dir, tera, urls, today) = (env.dir, env.tera, env.urls, env.today);
    let indexed = routes.iter().filter(|(_, route)| match route {
        Route::Activity(a) => a.is_current(today),
        Route::Job(j) => j.is_open(today),
        Route::NotFound | Route::Jobs(Some(_), _) | Route::MyList => false,
        _ => true,
    });
    let listed: Vec<&str> = indexed.map(|(p, _)| p.as_str()).collect();
    let mut h = print_hasher();
    listed.hash(&mut h);
    let print = h.finish();
    if sitemap_print != Some(print) {
        for (path, xml) in sitemap_files(tera, urls, &listed, sitemap::MAX_URLS)? {
            sink.write(&path, xml.as_bytes())?;
        }
    }
    sink.write("robots.txt", sitemap::robots(urls).as_bytes())?;
    let feed = crate::export::feed::jobs_feed(dir, urls, today);
    let xml = tera
        .render("atom.xml", &tera::Context::from_serialize(&feed)?)
        .map_err(template_error)?;
    sink.write(crate::export::feed::PATH, xml.as_bytes())?;
    let mut paths = sitemap::paths(listed.len(), sitemap::MAX_URLS);
    paths.extend(["robots.txt", crate::export::feed::PATH].map(String::from));
    // The exports run side by side, so one's serial parts (joining the
    // feed's list, the spreadsheets' rows) overlap the others' work.
    let run = crate::export::Run {
        dir,
        urls,
        today,
        reuse,
        sink,
    };
    let ((feed, calendars), (codes, sheets)) = rayon::join(
        || rayon::join(|| openreferral::write(run), || calendar::write(run)),
        || {
            rayon::join(
                || crate::export::qr::write(run),
                || crate::export::spreadsheet::write(run),
            )
        },
    );
    paths.extend(feed?);
    paths.extend(calendars?);
    paths.extend(codes?);
    paths.extend(sheets?.into_iter().map(String::from));
    // Netlify's and Cloudflare Pages' rules, for the feed.
    for (name, text) in [
        ("_headers", openreferral::headers(dir)),
        ("_redirects", openreferral::redirects(dir)),
    ] {
        if let Some(text) = text {
            sink.write(name, text.as_bytes())?;
            paths.push(name.to_string());
        }
    }
    Ok((paths, print))
}

/// The sitemap files of the listed pages, drawn by the theme: one
/// `sitemap.xml`, or parts of at most `max` addresses under their index.
fn sitemap_files(
    tera: &tera::Tera,
    urls: &Urls,
    listed: &[&str],
    max: usize,
) -> anyhow::Result<Vec<(String, String)>> {
    let (parts, index) = sitemap::split(urls, listed, max);
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (path, map) in parts {
        let xml = tera
            .render("sitemap.xml", &tera::Context::from_serialize(&map)?)
            .map_err(template_error)?;
        files.push((path, xml));
    }
    if let Some(index) = index {
        let xml = tera
            .render("sitemap-index.xml", &tera::Context::from_serialize(&index)?)
            .map_err(template_error)?;
        files.push(("sitemap.xml".to_string(), xml));
    }
    Ok(files)
}

/// Keeps Tera's error as the cause, so its place in the template can be
/// shown (`theme::template_problem`).
fn template_error(e: tera::Error) -> anyhow::Error {
    anyhow::Error::new(e).context("a template could not be rendered")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the limit, the theme draws the parts as sitemaps and
    /// `sitemap.xml` as their index, in the sitemaps protocol's namespace.
    #[test]
    fn a_split_sitemap_is_an_index_of_parts() {
        let root = tempfile::tempdir().unwrap();
        let theme = theme::load(root.path(), "default").unwrap();
        let urls = Urls::new("https://example.org/");
        let files = sitemap_files(&theme.tera, &urls, &["", "a/", "b/"], 2).unwrap();
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["sitemaps/1.xml", "sitemaps/2.xml", "sitemap.xml"]);
        let locs = |xml: &str, parent: &str| -> Vec<String> {
            let doc = roxmltree::Document::parse(xml).unwrap();
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), parent);
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.sitemaps.org/schemas/sitemap/0.9")
            );
            root.descendants()
                .filter(|n| n.has_tag_name("loc"))
                .map(|n| n.text().unwrap().to_string())
                .collect()
        };
        assert_eq!(locs(&files[1].1, "urlset"), ["https://example.org/b/"]);
        assert_eq!(
            locs(&files[2].1, "sitemapindex"),
            [
                "https://example.org/sitemaps/1.xml",
                "https://example.org/sitemaps/2.xml"
            ]
        );
    }
}
