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
    let mut cdp = crate::common::cdp::Cdp::start(&chromium, 400, 400);
    let svg = site.path("site/activities/park-walk/qr.svg");
    cdp.open(
        &format!("file://{}", svg.display()),
        "document.readyState === 'complete'",
    );
    let codes = crate::common::cdp::qr_codes(&cdp.screenshot());
    assert_eq!(codes, ["https://example.org/activities/park-walk/"]);
}

/// axe-core (WCAG 2.2 A and AA rules) finds nothing on one page of every
/// kind, nor on search in each of its states, at 320 and 1,280 pixels.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn every_kind_of_page_passes_axe() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = sample_site();
    crate::common::axe::with_axe(site);
    let pages = [
        "/",
        "/activities/",
        "/activities/sight-loss-advice-sessions/",
        "/categories/",
        "/categories/physical-activity/",
        "/days/tuesday/",
        "/region/",
        "/pcns/",
        "/pcns/blue-pcn/",
        "/practices/",
        "/practices/abbey-house-medical-practice/",
        "/organisations/",
        "/organisations/county-money-advice/",
        "/jobs/",
        "/jobs/community-link-worker-give-time/",
        "/about/",
        "/near/",
        "/near/nn11/",
        "/data/",
        "/my-list/",
        "/404.html",
        "/search/",
        "/search/?q=walking",
        "/search/?q=&day=tuesday&cost=free",
        "/search/?near=NN11",
        "/search/?near=ZZ99+9ZZ",
        "/search/?q=xyzzyplugh",
    ];
    for p in pages.iter().filter(|p| !p.contains('?')) {
        let file = if p.ends_with('/') {
            format!("{p}index.html")
        } else {
            p.to_string()
        };
        assert!(site.join(&file[1..]).exists(), "{p}");
    }
    let served = browser::serve(site);
    let url = format!(
        "{}test-axe.html?pages={}",
        served.url,
        pages.join("|").replace('&', "%26").replace('?', "%3F")
    );
    let report = browser::report(&chromium, &served, &url, Duration::from_secs(300));
    let out = crate::common::axe::axe_clean(&report);
    assert_eq!(out.len(), pages.len() * 2, "{report}");
}

/// A venue's directions open the phone's own maps app: the `geo:` link as
/// built (Android's maps apps take it), and on an iPhone, where Safari
/// cannot follow `geo:`, the Apple Maps link that opens Apple's app.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn directions_open_the_phones_own_maps_app() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = crate::common::Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let served = browser::serve(&site.path("site"));
    let page = format!("{}activities/park-walk/", served.url);
    let href = "document.querySelector('a.directions').href";
    let ready = "document.readyState === 'complete'";
    let mut cdp = crate::common::cdp::Cdp::start(&chromium, 400, 800);
    cdp.open(&page, ready);
    assert_eq!(
        cdp.evaluate(href),
        "geo:0,0?q=Park%20Caf%C3%A9%2C%20Park%20Road%2C%20Testtown%2C%20NN1%205BD"
    );
    cdp.call(
        "Emulation.setUserAgentOverride",
        serde_json::json!({"userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"}),
    );
    cdp.open(&page, ready);
    assert_eq!(
        cdp.evaluate(href),
        "https://maps.apple.com/?q=Park%20Caf%C3%A9%2C%20Park%20Road%2C%20Testtown%2C%20NN1%205BD"
    );
}

/// An activity page printed to PDF by Chromium holds what someone needs on
/// paper: the venue's address, the phone number, the website written out
/// (not just the word "Website"), the page's own address and the
/// directory's name, and none of the screen's buttons and links.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn an_activity_prints_to_pdf_with_its_address_phone_and_website() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = sample_site();
    let served = browser::serve(site);
    let text = crate::common::pdf::printed_text(
        &chromium,
        &format!("{}activities/nordic-walking-towcester/", served.url),
    );
    crate::common::pdf::assert_printed(
        &text,
        &[
            "Nordic Walking for Beginners",
            "Islington Road, Towcester",
            "NN12 6AU",
            "01632 960305",
            "(https://nenewalkers.example.org/nordic)",
            "This page: https://example.org/activities/nordic-walking-towcester/",
            "Printed from the Northamptonshire Social Prescribing Directory",
        ],
        &[
            "Add to my list",
            "Add to calendar",
            "Directions in your maps app",
            "Skip to main content",
        ],
    );
}
