//! The pages people browse by: home, listings, categories, PCNs, practices
//! and organisations as lists, search, and the "near" pages.

use serde::Serialize;

use super::{Counted, Env, Group, Page};
use crate::content::organisation::Organisation;
use crate::places::{Near, RADIUS_MILES, distance_text};
use crate::present::{self, Link};
use crate::render::pagination::{Pagination, pagination, pagination_of};
use crate::routes::urls::path;
use crate::routes::{
    Listing, ORGANISATIONS_PER_PAGE, PCNS_PER_PAGE, PRACTICE_GROUPS_PER_PAGE, Part,
};
use crate::search::{INDEX_DIR, POSTCODE_DIR, facets::Facet};

#[derive(Serialize)]
struct HomeView {
    categories: Vec<Counted>,
    days: Vec<Counted>,
    pcns: Vec<Counted>,
    /// Instead of `pcns`, when there are too many to list.
    all_pcns: Option<Link>,
    activity_count: usize,
    region_count: usize,
    region_url: String,
    all_activities: String,
}

/// A list of activity cards (`listing.html`): a browse list's page, or the
/// activities near a district.
#[derive(Serialize)]
struct ListingView<'a> {
    heading: &'a str,
    intro: Option<&'a str>,
    cards: Vec<&'a str>,
    total: usize,
    pagination: Option<Pagination>,
    more: Option<Link>,
    /// A category marked in site.yaml: its pages say where to get urgent help.
    urgent_help: bool,
}

#[derive(Serialize)]
struct CategoriesView {
    categories: Vec<Counted>,
    days: Vec<Counted>,
}

#[derive(Serialize)]
struct PcnsView {
    pcns: Vec<Counted>,
    pagination: Option<Pagination>,
}

#[derive(Serialize)]
struct PracticesView {
    groups: Vec<Group>,
    /// Practices in no PCN of the directory.
    others: Vec<Link>,
    pagination: Option<Pagination>,
}

#[derive(Serialize)]
struct OrganisationsView {
    organisations: Vec<Counted>,
    pagination: Option<Pagination>,
}

/// A split list's title: "Organisations (page 2 of 13)" after its first page.
pub(super) fn part_title(title: &str, part: &Part) -> String {
    if part.page > 1 {
        format!("{title} (page {} of {})", part.page, part.pages)
    } else {
        title.to_string()
    }
}

#[derive(Serialize)]
struct SearchPageView<'a> {
    categories: Vec<Counted>,
    pcns: Vec<Counted>,
    all_pcns: Option<Link>,
    days: Vec<Counted>,
    region: Counted,
    total: usize,
    all_activities: String,
    near_url: String,
    near_count: usize,
    facets: &'a [Facet],
    search: SearchView<'a>,
}

/// Where the search script finds the index.
#[derive(Serialize)]
struct SearchView<'a> {
    index: String,
    postcodes: String,
    version: &'a str,
    script: String,
}

#[derive(Serialize)]
struct NearIndexView {
    districts: Vec<Counted>,
    radius: f64,
}

impl Env<'_> {
    /// Each category with how many activities it has.
    fn category_counts(&self) -> Vec<Counted> {
        let (dir, urls) = (self.dir, self.urls);
        let mut counts: Vec<Counted> = dir
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
        counts.extend(self.other_category());
        counts
    }

    /// "Other", for the activities with no category, when there are any.
    fn other_category(&self) -> Option<Counted> {
        let ids = &self.dir.index.uncategorised;
        (!ids.is_empty()).then(|| Counted {
            label: "Other".into(),
            url: self.urls.link(&path::other_category()),
            count: ids.len(),
            description: Some("Activities that have not been given a category yet.".into()),
        })
    }

    pub(super) fn home(&self, path: &str) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let index = &dir.index;
        let (pcns, all_pcns) = self.pcns_or_link(self.pcn_counts());
        let view = HomeView {
            categories: self.category_counts(),
            days: self.days(),
            pcns,
            all_pcns,
            activity_count: index.listed.len(),
            region_count: index.region_wide.len(),
            region_url: urls.link(&path::region()),
            all_activities: urls.link("activities/"),
        };
        let description = format!(
            "Community activities, groups and support in {} that GP practices' social prescribing link workers can connect you to.",
            dir.site.region
        );
        let mut meta = self.meta(path, &dir.site.title, &description, vec![]);
        meta.breadcrumbs.clear();
        Page::new("home.html", &view, meta)
    }

    pub(super) fn listing(&self, path: &str, l: &Listing) -> Result<Page, tera::Error> {
        let urls = self.urls;
        let view = ListingView {
            heading: &l.heading,
            intro: l.intro.as_deref(),
            cards: self.cards(l.ids),
            total: l.total,
            pagination: pagination(urls, &l.first, l.page, l.pages, l.total),
            more: l.more.as_ref().map(|m| Link {
                label: m.label.clone(),
                url: urls.link(&m.url),
            }),
            urgent_help: self
                .dir
                .site
                .categories
                .iter()
                .any(|c| c.urgent_help && path::category(&c.id) == l.first),
        };
        let title = part_title(
            &l.heading,
            &Part {
                page: l.page,
                pages: l.pages,
            },
        );
        let crumbs = l.parent.iter().cloned().collect();
        let description = l.intro.clone().unwrap_or_else(|| l.heading.clone());
        let meta = self.meta(path, &title, &description, crumbs);
        Page::new("listing.html", &view, meta)
    }

    pub(super) fn categories(&self, path: &str) -> Result<Page, tera::Error> {
        let view = CategoriesView {
            categories: self.category_counts(),
            days: self.days(),
        };
        let meta = self.meta(
            path,
            "Browse by category",
            "Every kind of activity in the directory.",
            vec![],
        );
        Page::new("categories.html", &view, meta)
    }

    pub(super) fn pcns(&self, path: &str, part: &Part) -> Result<Page, tera::Error> {
        let all = self.pcn_counts();
        let view = PcnsView {
            pcns: part.of(&all, PCNS_PER_PAGE).to_vec(),
            pagination: self.part_links(
                "pcns/",
                part,
                all.len(),
                PCNS_PER_PAGE,
                "Primary Care Networks",
            ),
        };
        let meta = self.meta(
            path,
            &part_title("Primary Care Networks", part),
            "The groups of GP practices in the region, with their social prescribing link workers.",
            vec![],
        );
        Page::new("pcns.html", &view, meta)
    }

    pub(super) fn practices(&self, path: &str, part: &Part) -> Result<Page, tera::Error> {
        let urls = self.urls;
        let all = self.dir.practice_groups();
        let mut groups = Vec::new();
        let mut others = Vec::new();
        for pcn in part.of(&all, PRACTICE_GROUPS_PER_PAGE) {
            match pcn {
                Some(p) => groups.push(Group {
                    heading: Link {
                        label: p.name.clone(),
                        url: urls.link(&path::pcn(&p.id)),
                    },
                    items: self.practice_links(&p.id),
                }),
                None => others = self.practice_links(""),
            }
        }
        let meta = self.meta(
            path,
            &part_title("GP practices", part),
            "GP practices by Primary Care Network.",
            vec![],
        );
        let pagination = self.part_links(
            "practices/",
            part,
            all.len(),
            PRACTICE_GROUPS_PER_PAGE,
            "Primary Care Networks and their practices",
        );
        let view = PracticesView {
            groups,
            others,
            pagination,
        };
        Page::new("practices.html", &view, meta)
    }

    pub(super) fn organisations(&self, path: &str, part: &Part) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let all: Vec<&Organisation> = dir.organisations.values().collect();
        let organisations: Vec<Counted> = part
            .of(&all, ORGANISATIONS_PER_PAGE)
            .iter()
            .map(|o| Counted {
                label: o.name.clone(),
                url: urls.link(&path::organisation(&o.id)),
                count: dir.index.run_by(&o.id).len(),
                description: None,
            })
            .collect();
        let meta = self.meta(
            path,
            &part_title("Organisations", part),
            "The voluntary and community organisations that run activities in the directory.",
            vec![],
        );
        let view = OrganisationsView {
            organisations,
            pagination: self.part_links(
                "organisations/",
                part,
                all.len(),
                ORGANISATIONS_PER_PAGE,
                "organisations",
            ),
        };
        Page::new("organisations.html", &view, meta)
    }

    /// The page links of a split list of `what` (none when it is one page).
    fn part_links(
        &self,
        first: &str,
        part: &Part,
        total: usize,
        per_page: usize,
        what: &str,
    ) -> Option<Pagination> {
        pagination_of(
            self.urls,
            first,
            part.page,
            part.pages,
            total,
            per_page,
            Some(what),
        )
    }

    pub(super) fn search(&self, path: &str) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let search = self.search.ok_or_else(|| {
            tera::Error::message("the search page is drawn after the search index")
        })?;
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
            .map(|c| listing(&c.label, path::category(&c.id), index.in_category(&c.id)))
            .chain(self.other_category().map(|mut c| {
                c.description = None;
                c
            }))
            .collect();
        let mut pcns: Vec<Counted> = dir
            .pcns
            .values()
            .map(|p| listing(&p.name, path::pcn_activities(&p.id), index.in_pcn(&p.id)))
            .collect();
        pcns.sort_by_key(|p| p.label.to_lowercase());
        let (pcns, all_pcns) = self.pcns_or_link(pcns);
        let view = SearchPageView {
            categories,
            pcns,
            all_pcns,
            days: self.days(),
            region: listing(&dir.site.region, path::region(), &index.region_wide),
            total: index.listed.len(),
            all_activities: urls.link("activities/"),
            near_url: urls.link("near/"),
            near_count: self.near.len(),
            facets: &search.facets,
            search: SearchView {
                index: urls.link(INDEX_DIR),
                postcodes: urls.link(POSTCODE_DIR),
                version: &search.version,
                script: urls.link("assets/search.js"),
            },
        };
        let meta = self.meta(
            path,
            "Search activities",
            "Search activities by words, filter them, and sort them by distance from a postcode.",
            vec![],
        );
        Page::new("search.html", &view, meta)
    }

    pub(super) fn near_index(&self, path: &str) -> Result<Page, tera::Error> {
        let urls = self.urls;
        let districts: Vec<Counted> = self
            .near
            .iter()
            .map(|n| Counted {
                label: n.district.code.to_string(),
                url: urls.link(&path::near(n.district.code)),
                count: n.covering.len() + n.activities.len(),
                description: Some(n.district.area.clone()),
            })
            .collect();
        let view = NearIndexView {
            districts,
            radius: RADIUS_MILES,
        };
        let meta = self.meta(
            path,
            "Activities near you",
            "Find activities near a postcode district.",
            vec![],
        );
        Page::new("near.html", &view, meta)
    }

    pub(super) fn near(&self, path: &str, n: &Near) -> Result<Page, tera::Error> {
        let (dir, urls) = (self.dir, self.urls);
        let code = n.district.code;
        // Services that cover the district come first: they reach people
        // there wherever they are based.
        let covering = n.covering.iter().filter_map(|id| {
            let a = dir.activities.get(id)?;
            let mut card = present::activity_card(dir, a, urls, self.today);
            card.coverage = Some(format!("Covers {code}"));
            Some(crate::render::card_html(self.tera, &card))
        });
        let covered = n.covering.len();
        let cards = covering
            .chain(n.activities.iter().filter_map(|(id, miles)| {
                let a = dir.activities.get(id)?;
                let mut card = present::activity_card(dir, a, urls, self.today);
                card.distance = Some(distance_text(*miles));
                if !a.more_venues.is_empty() {
                    let from = (n.district.latitude, n.district.longitude);
                    let nearest = crate::places::nearest_venue(dir, a, from);
                    card.place = present::place_led_by(a, nearest);
                }
                Some(crate::render::card_html(self.tera, &card))
            }))
            .collect::<Result<Vec<String>, _>>()?;
        let heading = format!("Activities near {code} ({})", n.district.area);
        let nearby = cards.len() - covered;
        let mut intro = format!(
            "The {nearby} in-person {} nearest the middle of the {code} postcode district, closest first, up to {RADIUS_MILES} miles away. Activities held online or by phone are not listed here.",
            if nearby == 1 {
                "activity"
            } else {
                "activities"
            }
        );
        if covered > 0 && nearby == 0 {
            intro = format!(
                "{covered} {} for people living in {code}, wherever {} based. No other in-person activities are within {RADIUS_MILES} miles of the middle of the district.",
                if covered == 1 { "service" } else { "services" },
                if covered == 1 { "it is" } else { "they are" },
            );
        } else if covered > 0 {
            intro = format!(
                "First, {covered} {} for people living in {code}, wherever {} based. Then {}",
                if covered == 1 { "service" } else { "services" },
                if covered == 1 { "it is" } else { "they are" },
                intro.replacen("The ", "the ", 1)
            );
        }
        let view = ListingView {
            heading: &heading,
            intro: Some(&intro),
            cards: cards.iter().map(String::as_str).collect(),
            total: cards.len(),
            pagination: None,
            more: None,
            urgent_help: false,
        };
        let meta = self.meta(
            path,
            &heading,
            &intro,
            vec![Self::crumb("Near you", "near/")],
        );
        Page::new("listing.html", &view, meta)
    }
}
