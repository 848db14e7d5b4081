//! `sitemap.xml` (drawn by the theme's `sitemap.xml` template, which a site
//! may override, as in Zola) and `robots.txt`.

use serde::Serialize;

use crate::routes::urls::Urls;

/// What the sitemap lists: absolute page addresses, in order.
#[derive(Debug, Serialize)]
pub struct Sitemap {
    pub urls: Vec<String>,
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
}
