//! Rendering the validated directory through the theme's templates: plan
//! the routes, render activity cards once, then every page in parallel.

pub mod markdown;
pub mod pages;
pub mod pagination;
pub mod plan;
pub mod theme;
pub mod urls;
pub mod views;

use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::content::Directory;
use crate::export::sitemap;
use pages::Env;
use plan::Route;
use theme::Theme;
use urls::{Urls, file_for, path};
use views::Link;

/// Where rendered files go: called (from many threads at once) with each
/// file's path relative to the output folder and its contents. Pages are
/// handed over as soon as they are rendered, so a build never holds the
/// whole site in memory.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> anyhow::Result<()> + Sync + 'a;

/// What a build produced.
#[derive(Debug, Clone, Copy)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
    /// Time spent building the search index, in milliseconds.
    pub search_ms: u128,
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
    stylesheet: String,
    nav: Vec<Link>,
    /// Free pages with a nav order, also listed in the footer.
    pages: Vec<Link>,
}

/// Renders every page, plus the sitemap, robots.txt and the theme's static
/// files, into `sink`. Fails on the first template error (with Tera's
/// report, which names the template, line and column).
pub fn render_site(
    dir: &Directory,
    theme: &mut Theme,
    base_url: &str,
    today: NaiveDate,
    sink: &Sink,
) -> anyhow::Result<Rendered> {
    let urls = Urls::new(base_url);
    let mut free_pages: Vec<_> = dir
        .pages
        .values()
        .filter(|p| p.nav_order.is_some())
        .collect();
    free_pages.sort_by_key(|p| (p.nav_order, p.title.clone()));
    let mut nav = vec![
        Link {
            label: "Activities".into(),
            url: urls.link("activities/"),
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
    let pages: Vec<Link> = free_pages
        .iter()
        .map(|p| Link {
            label: p.title.clone(),
            url: urls.link(&path::free_page(&p.id)),
        })
        .collect();
    nav.extend(pages.iter().cloned());
    let site = SiteView {
        title: &dir.site.title,
        region: &dir.site.region,
        language: &dir.site.language,
        contact_email: &dir.site.contact_email,
        home: urls.link(""),
        search: urls.link("search/"),
        stylesheet: urls.link(&path::stylesheet()),
        nav,
        pages,
    };
    theme.tera.global_context().insert("site", &site);
    let tera = &theme.tera;

    let card_views: Vec<views::ActivityCard> = dir
        .index
        .listed
        .par_iter()
        .map(|id| views::activity_card(dir, &dir.activities[id], &urls, today))
        .collect();
    let cards = dir
        .index
        .listed
        .par_iter()
        .zip(card_views.par_iter())
        .map(|(id, card)| {
            let mut cx = tera::Context::new();
            cx.insert("card", card);
            tera.render("partials/activity-card.html", &cx)
                .map(|html| (id.as_str(), html))
        })
        .collect::<Result<_, _>>()
        .map_err(template_error)?;
    let started = Instant::now();
    let search = crate::search::build(dir, &card_views);
    search
        .files
        .par_iter()
        .try_for_each(|(path, bytes)| sink(path, bytes))?;
    let search_ms = started.elapsed().as_millis();
    let near = crate::postcodes::nearby::nearby(dir);
    let env = Env {
        dir,
        urls: &urls,
        today,
        tera,
        cards,
        near: &near,
        search: &search,
    };

    let routes = plan::plan(dir, &near);
    routes.par_iter().try_for_each(|(path, route)| {
        let html = env.render(path, route).map_err(template_error)?;
        sink(&file_for(path), html.as_bytes())
    })?;

    let indexed = routes.iter().filter(|(_, route)| match route {
        Route::Activity(a) => a.is_current(today),
        Route::Job(j) => j.is_open(today),
        Route::NotFound => false,
        _ => true,
    });
    sink(
        "sitemap.xml",
        sitemap::sitemap(&urls, indexed.map(|(p, _)| p.as_str())).as_bytes(),
    )?;
    sink("robots.txt", sitemap::robots(&urls).as_bytes())?;
    for (path, bytes) in &theme.assets {
        sink(path, bytes)?;
    }
    Ok(Rendered {
        pages: routes.len(),
        files: routes.len() + 2 + theme.assets.len() + search.files.len(),
        search_ms,
    })
}

fn template_error(e: tera::Error) -> anyhow::Error {
    anyhow::anyhow!("a template could not be rendered:\n{e}")
}
