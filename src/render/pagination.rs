//! Page links for listings, GOV.UK style: previous, next, the first and
//! last pages and two either side of the current one, with gaps between.

use serde::Serialize;

use crate::routes::urls::{PER_PAGE, Urls, path};

#[derive(Debug, Serialize)]
pub struct Pagination {
    previous: Option<String>,
    next: Option<String>,
    items: Vec<PageItem>,
    summary: String,
}

#[derive(Debug, Serialize)]
pub struct PageItem {
    label: String,
    url: Option<String>,
    current: bool,
    gap: bool,
}

/// The page links of page `page` (1-based) of `pages`, for a listing of
/// `total` entries whose first page is at `first`; none for a single page.
pub fn pagination(
    urls: &Urls,
    first: &str,
    page: usize,
    pages: usize,
    total: usize,
) -> Option<Pagination> {
    pagination_of(urls, first, page, pages, total, PER_PAGE, None)
}

/// `pagination`, for a list of `per_page` entries to a page, saying what
/// they are ("Showing 1 to 40 of 61 Primary Care Networks").
pub fn pagination_of(
    urls: &Urls,
    first: &str,
    page: usize,
    pages: usize,
    total: usize,
    per_page: usize,
    what: Option<&str>,
) -> Option<Pagination> {
    if pages <= 1 {
        return None;
    }
    let link = |n: usize| urls.link(&path::paged(first, n));
    let mut items = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        let shown = n == 1 || n == pages || n.abs_diff(page) <= 2;
        if !shown {
            continue;
        }
        if n > last_shown + 1 {
            items.push(PageItem {
                label: "…".into(),
                url: None,
                current: false,
                gap: true,
            });
        }
        items.push(PageItem {
            label: n.to_string(),
            url: Some(link(n)),
            current: n == page,
            gap: false,
        });
        last_shown = n;
    }
    let from = (page - 1) * per_page + 1;
    let to = (page * per_page).min(total);
    Some(Pagination {
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
        items,
        summary: match what {
            Some(what) => format!("Showing {from} to {to} of {total} {what}"),
            None => format!("Showing {from} to {to} of {total}"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(p: &Pagination) -> Vec<String> {
        p.items
            .iter()
            .map(|i| {
                if i.current {
                    format!("[{}]", i.label)
                } else {
                    i.label.clone()
                }
            })
            .collect()
    }

    #[test]
    fn shows_ends_neighbours_and_gaps() {
        let urls = Urls::new("https://example.org/dir/");
        let p = pagination(&urls, "activities/", 10, 20, 400).unwrap();
        assert_eq!(
            labels(&p),
            ["1", "…", "8", "9", "[10]", "11", "12", "…", "20"]
        );
        assert_eq!(p.previous.as_deref(), Some("/dir/activities/page/9/"));
        assert_eq!(p.next.as_deref(), Some("/dir/activities/page/11/"));
        assert_eq!(p.summary, "Showing 181 to 200 of 400");
        let first = pagination(&urls, "activities/", 1, 3, 45).unwrap();
        assert_eq!(labels(&first), ["[1]", "2", "3"]);
        assert_eq!(first.previous, None);
        assert_eq!(first.items[0].url.as_deref(), Some("/dir/activities/"));
        let last = pagination(&urls, "activities/", 3, 3, 45).unwrap();
        assert_eq!(last.summary, "Showing 41 to 45 of 45");
        assert!(pagination(&urls, "activities/", 1, 1, 5).is_none());
    }
}
