//! `sitemap.xml` and `robots.txt`.

use super::escape;
use crate::routes::urls::Urls;

/// A sitemap of the given site-relative page paths, in the order given.
pub fn sitemap<'a>(urls: &Urls, paths: impl Iterator<Item = &'a str>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&urls.absolute(path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
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
        let xml = sitemap(&urls, ["", "activities/walk/"].into_iter());
        assert!(xml.contains("<loc>https://example.org/dir/</loc>"));
        assert!(xml.contains("<loc>https://example.org/dir/activities/walk/</loc>"));
        assert!(robots(&urls).contains("Sitemap: https://example.org/dir/sitemap.xml"));
    }
}
