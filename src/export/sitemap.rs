//! `sitemap.xml` (drawn by the theme's `sitemap.xml` template, which a site
//! may override, as in Zola) and `robots.txt`. A site of more pages than
//! one sitemap may list (50,000, the sitemaps protocol's limit) gets them
//! in `sitemaps/1.xml`, `sitemaps/2.xml`… with `sitemap.xml` their index
//! (the theme's `sitemap-index.xml`).

use serde::Serialize;

use crate::routes::urls::Urls;

/// What the sitemap lists: absolute page addresses, in order.
#[derive(Debug, Serialize)]
pub struct Sitemap {
    pub urls: Vec<String>,
}

/// The most addresses one sitemap file may list.
pub const MAX_URLS: usize = 50_000;

/// The sitemap files of the given site-relative page paths, in order, at
/// most `max` addresses each: `sitemap.xml` alone when they fit, else the
/// parts under `sitemaps/`, with the index (listing their addresses) to
/// write as `sitemap.xml`.
pub fn split(urls: &Urls, paths: &[&str], max: usize) -> (Vec<(String, Sitemap)>, Option<Sitemap>) {
    if paths.len() <= max {
        let map = sitemap(urls, paths.iter().copied());
        return (vec![("sitemap.xml".into(), map)], None);
    }
    let parts: Vec<(String, Sitemap)> = paths
        .chunks(max)
        .enumerate()
        .map(|(n, chunk)| (part_path(n), sitemap(urls, chunk.iter().copied())))
        .collect();
    let index = Sitemap {
        urls: parts.iter().map(|(p, _)| urls.absolute(p)).collect(),
    };
    (parts, Some(index))
}

/// The paths `split` writes for `count` pages.
pub fn paths(count: usize, max: usize) -> Vec<String> {
    let mut out = vec!["sitemap.xml".to_string()];
    if count > max {
        out.extend((0..count.div_ceil(max)).map(part_path));
    }
    out
}

fn part_path(n: usize) -> String {
    format!("sitemaps/{}.xml", n + 1)
}

/// A sitemap of the given site-relative page paths, in the order given.
pub fn sitemap<'a>(urls: &Urls, paths: impl Iterator<Item = &'a str>) -> Sitemap {
    Sitemap {
        urls: paths.map(|p| urls.absolute(p)).collect(),
    }
}

pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_absolute_urls() {
        let urls = Urls::new("https://example.org/dir/");
        let map = sitemap(&urls, ["", "activities/walk/"].into_iter());
        assert_eq!(
            map.urls,
            [
                "https://example.org/dir/",
                "https://example.org/dir/activities/walk/"
            ]
        );
        assert!(robots(&urls).contains("Sitemap: https://example.org/dir/sitemap.xml"));
    }

    #[test]
    fn more_pages_than_a_sitemap_holds_are_split_under_an_index() {
        let urls = Urls::new("https://example.org/");
        let (one, index) = split(&urls, &["", "a/"], 2);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");
        assert!(index.is_none());
        let pages = ["", "a/", "b/", "c/", "d/"];
        let (parts, index) = split(&urls, &pages, 2);
        let names: Vec<&str> = parts.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            ["sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]
        );
        assert_eq!(parts[2].1.urls, ["https://example.org/d/"]);
        assert_eq!(
            index.unwrap().urls,
            [
                "https://example.org/sitemaps/1.xml",
                "https://example.org/sitemaps/2.xml",
                "https://example.org/sitemaps/3.xml"
            ]
        );
        assert_eq!(
            paths(5, 2),
            [
                "sitemap.xml",
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml"
            ]
        );
        assert_eq!(paths(2, 2), ["sitemap.xml"]);
    }
}
