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
    assert_eq!(pages.len(), 13, "{report}");
    for page in &pages {
        assert_eq!(page["width"], 320, "{page}");
        assert_eq!(page["scrollWidth"], 320, "scrolls sideways: {page}");
        assert_eq!(page["outside"], Value::Array(vec![]), "{page}");
    }
}

/// Each activity's QR code, as a real Chromium draws it, decodes (with the
/// independent `rqrr` decoder) to the activity's page; the page holds it
/// for print, with its address and the directory's name.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn an_activity_prints_with_a_qr_code_of_its_page() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = crate::common::Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains(
            "<figure class=\"print-only page-qr\">\n  <img src=\"/activities/park-walk/qr.svg\""
        ),
        "{page}"
    );
    assert!(page.contains("This page: https://example.org/activities/park-walk/<br>Printed from the Testshire Social Prescribing Directory."));
    let shot = site.path("qr.png");
    let status = std::process::Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=400,400",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!(
            "file://{}",
            site.path("site/activities/park-walk/qr.svg").display()
        ))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success());
    let codes = crate::common::cdp::qr_codes(&std::fs::read(&shot).unwrap());
    assert_eq!(codes, ["https://example.org/activities/park-walk/"]);
}
