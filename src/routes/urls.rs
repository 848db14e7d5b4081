//! Every URL the site has, in one place: the route plan. Pages link with
//! root-relative URLs under the base URL's path (so a site published at
//! `https://example.org/directory/` links to `/directory/activities/…`),
//! and each URL maps to exactly one output file.

use chrono::Weekday;

use crate::schedule::day_name;

/// Listing pages show this many entries each.
pub const PER_PAGE: usize = 20;

#[derive(Debug, Clone)]
pub struct Urls {
    /// The absolute base URL, ending in `/`: `https://example.org/directory/`.
    pub base: String,
    /// Its path, ending in `/`: `/directory/`.
    pub prefix: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let base = if base_url.ends_with('/') {
            base_url.to_string()
        } else {
            format!("{base_url}/")
        };
        let prefix = url::Url::parse(&base)
            .map(|u| u.path().to_string())
            .unwrap_or_else(|_| "/".to_string());
        Urls { base, prefix }
    }

    /// The site-relative path (`activities/walk/`) as a link.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// The site-relative path as an absolute URL, for sitemaps and canonical links.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Site-relative paths (no leading `/`), ending in `/` for pages.
pub mod path {
    use super::*;

    // Joined with `concat` (one allocation of the right size), not
    // `format!`: a preview's save names every activity's files again, and
    // formatting them was a tenth of its time.

    pub fn home() -> String {
        String::new()
    }

    pub fn activity(id: &str) -> String {
        ["activities/", id, "/"].concat()
    }

    /// A file beside an activity's page, like its calendar.
    pub fn beside_activity(id: &str, file: &str) -> String {
        ["activities/", id, "/", file].concat()
    }

    pub fn organisation(id: &str) -> String {
        ["organisations/", id, "/"].concat()
    }

    pub fn pcn(id: &str) -> String {
        ["pcns/", id, "/"].concat()
    }

    pub fn practice(id: &str) -> String {
        ["practices/", id, "/"].concat()
    }

    pub fn job(id: &str) -> String {
        ["jobs/", id, "/"].concat()
    }

    /// Open jobs covering a PCN (or employed by it).
    pub fn jobs_in_pcn(id: &str) -> String {
        format!("jobs/pcn/{id}/")
    }

    /// Open jobs with a kind of contract: `permanent`, `fixed-term`.
    pub fn jobs_with_contract(kind: &str) -> String {
        format!("jobs/contract/{kind}/")
    }

    pub fn page(id: &str) -> String {
        [id, "/"].concat()
    }

    /// The calendar file beside an activity's or a PCN's page.
    pub const CALENDAR: &str = "calendar.ics";

    /// The patient's list of activities.
    pub fn my_list() -> String {
        "my-list/".to_string()
    }

    /// The "Reuse this data" page.
    pub fn data() -> String {
        "data/".to_string()
    }

    pub fn categories() -> String {
        "categories/".to_string()
    }

    pub fn category(id: &str) -> String {
        ["categories/", id, "/"].concat()
    }

    /// The activities with no category.
    pub fn other_category() -> String {
        "categories/other-activities/".to_string()
    }

    pub fn day(day: Weekday) -> String {
        format!("days/{}/", day_name(day))
    }

    /// Activities on no particular day: by appointment, or ask for times.
    pub fn other_times() -> String {
        "days/other-times/".to_string()
    }

    /// Activities near a postcode district, like `near/nn1/`.
    pub fn near(district: &str) -> String {
        format!("near/{}/", district.to_ascii_lowercase())
    }

    /// Activities open to patients of every PCN.
    pub fn region() -> String {
        "region/".to_string()
    }

    pub fn pcn_activities(id: &str) -> String {
        format!("pcns/{id}/activities/")
    }

    /// Page `n` (1-based) of a listing at `first`.
    pub fn paged(first: &str, n: usize) -> String {
        if n <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{n}/")
        }
    }

    pub fn stylesheet() -> String {
        "assets/style.css".to_string()
    }
}

/// The output file for a site-relative path: `activities/walk/` is
/// `activities/walk/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        [path, "index.html"].concat()
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_base_urls_prefix_links() {
        let urls = Urls::new("https://example.org/directory");
        assert_eq!(urls.prefix, "/directory/");
        assert_eq!(
            urls.link(&path::activity("walk")),
            "/directory/activities/walk/"
        );
        assert_eq!(
            urls.absolute(&path::activity("walk")),
            "https://example.org/directory/activities/walk/"
        );
        assert_eq!(Urls::new("https://example.org/").prefix, "/");
    }

    #[test]
    fn pages_map_to_index_files() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(
            file_for(&path::paged("activities/", 3)),
            "activities/page/3/index.html"
        );
        assert_eq!(
            file_for(&path::paged("activities/", 1)),
            "activities/index.html"
        );
        assert_eq!(file_for("sitemap.xml"), "sitemap.xml");
    }
}

/// A labelled link: navigation, breadcrumbs, lists of related pages.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Link {
    pub label: String,
    pub url: String,
}
