//! How the sample's pages lay out in a real headless Chromium.

use std::time::Duration;

use serde_json::Value;

use crate::common::{browser, repo};
use crate::search::sample_site;

/// WCAG 2.2 reflow (1.4.10): at 320 CSS pixels wide no page scrolls
/// sideways and no control, heading or paragraph sticks out of the screen
/// (the header's search button once did). The main navigation scrolls on
/// its own, like GOV.UK's, so its links are not checked.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn pages_fit_a_320_pixel_wide_screen() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = sample_site();
    std::fs::copy(
        repo().join("tests/browser/reflow.html"),
        site.join("test-reflow.html"),
    )
    .unwrap();
    let served = browser::serve(site);
    let url = format!("{}test-reflow.html", served.url);
    let report = browser::report(&chromium, &served, &url, Duration::from_secs(120));
    let pages: Vec<Value> = serde_json::from_str(&report).unwrap();
    assert_eq!(pages.len(), 12, "{report}");
    for page in &pages {
        assert_eq!(page["width"], 320, "{page}");
        assert_eq!(page["scrollWidth"], 320, "scrolls sideways: {page}");
        assert_eq!(page["outside"], Value::Array(vec![]), "{page}");
    }
}
