//! "My list" in a real headless Chromium: activities added from a card, an
//! activity's page and a search result stay after a reload; notes stay;
//! moving and removing work; the share link, opened in a fresh browser,
//! shows the same activities and none of the notes; and no request ever
//! leaves the site.

use std::time::Duration;

use serde_json::Value;

use crate::common::{browser, repo};
use crate::search::sample_site;

fn run(url_query: &str) -> Value {
    let chromium = browser::chromium().expect("checked by the caller");
    let site = sample_site();
    std::fs::copy(
        repo().join("tests/browser/list.html"),
        site.join("test-list.html"),
    )
    .unwrap();
    let served = browser::serve(site);
    let url = format!("{}test-list.html?{url_query}", served.url);
    let report = browser::report(&chromium, &served, &url, Duration::from_secs(120));
    let value: Value = serde_json::from_str(&report).unwrap();
    assert!(value["error"].is_null(), "{report}");
    assert_eq!(
        value["foreign"],
        Value::Array(vec![]),
        "requests left the site: {report}"
    );
    value
}

#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn a_list_is_kept_in_the_browser_and_shared_without_its_notes() {
    if browser::chromium().is_none() {
        return;
    }
    let out = run("page=brackley-health-walk&q=singing");
    let steps = out["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3, "{out}");
    assert_eq!(steps[0]["pressed"], "true", "{out}");
    assert!(
        steps[0]["status"]
            .as_str()
            .unwrap()
            .starts_with("Added to your list: "),
        "{out}"
    );
    let counts: Vec<&str> = steps.iter().map(|s| s["count"].as_str().unwrap()).collect();
    assert_eq!(counts, ["(1)", "(2)", "(3)"], "{out}");
    let ids: Vec<&str> = steps.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids[1], "brackley-health-walk");

    // After a reload the list page shows the three, in the order chosen,
    // each with what its page says and its QR code for print.
    let after: Vec<&str> = out["afterReload"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(after, ids, "{out}");
    for item in out["afterReload"].as_array().unwrap() {
        assert!(item["facts"].as_u64().unwrap() >= 3, "{item}");
        let id = item["id"].as_str().unwrap();
        assert_eq!(item["qr"], format!("/activities/{id}/qr.svg"));
    }
    assert_eq!(out["notes"]["items"][0], "Call Sue on Monday", "{out}");
    assert_eq!(out["notes"]["plan"], "Bus 42 from the surgery", "{out}");
    assert_eq!(
        out["moved"],
        serde_json::json!([ids[0], ids[2], ids[1]]),
        "{out}"
    );
    assert_eq!(out["removed"], serde_json::json!([ids[0], ids[1]]), "{out}");
    assert_eq!(out["cleared"]["items"], 0, "{out}");
    assert_eq!(out["cleared"]["empty"], true, "{out}");
    assert_eq!(out["cleared"]["count"], "(0)", "{out}");
    assert_eq!(
        out["cleared"]["stored"],
        serde_json::json!({"items": [], "note": "", "worker": ""}),
        "the notes go too: {out}"
    );
    // The whole list's calendar, put together in the browser, parses (with
    // the independent `ical` parser) and holds the three activities.
    assert_eq!(out["calendarButton"], true);
    let text = out["calendar"].as_str().unwrap();
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let cal = calendars.next().expect("a calendar").expect("it parses");
    assert_eq!(cal.timezones.len(), 1);
    let mut in_it: Vec<String> = cal
        .events
        .iter()
        .filter_map(|e| e.properties.iter().find(|p| p.name == "URL"))
        .filter_map(|p| p.value.clone())
        .collect();
    in_it.dedup();
    let wanted: Vec<String> = ids
        .iter()
        .map(|id| format!("{}activities/{id}/", "https://example.org/"))
        .collect();
    for w in &wanted {
        assert!(in_it.contains(w), "{w} not in {in_it:?}");
    }
    let share = out["share"].as_str().unwrap();
    assert!(
        share.ends_with(&format!("/my-list/#list={}", ids.join(","))),
        "{share}"
    );
    assert!(!share.contains("Sue") && !out["email"].as_str().unwrap().contains("Sue"));

    // In a fresh browser (its own profile), the link shows the same three
    // activities, read only, with no notes, and stores nothing.
    let path = share.split_once("/my-list/").unwrap().1;
    let shared = run(&format!("shared=/my-list/{}", path.replace('#', "%23")));
    let items: Vec<&str> = shared["shared"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(items, ids, "{shared}");
    assert_eq!(shared["shared"]["notice"], true);
    assert_eq!(shared["shared"]["notes"], "");
    assert!(shared["shared"]["stored"].is_null(), "{shared}");
    for item in shared["shared"]["items"].as_array().unwrap() {
        assert!(item["facts"].as_u64().unwrap() >= 3, "{item}");
        assert!(item["note"].is_null());
    }
}

/// The printed plan, as Chromium prints it to PDF (print media), read back
/// with the independent `pdf-extract`: the directory's name, the date
/// printed, and each activity's name, phone and next dates; none of the
/// screen's buttons.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn the_printed_plan_has_what_a_patient_needs() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = sample_site();
    let served = browser::serve(site);
    let text = crate::common::pdf::printed_text(
        &chromium,
        &format!(
            "{}my-list/#list=brackley-health-walk,daventry-sing-along",
            served.url
        ),
    );
    crate::common::pdf::assert_printed(
        &text,
        &[
            "Northamptonshire Social Prescribing Directory",
            "Printed on ",
            "Brackley Health Walk",
            "Phone: 01632 960304",
            // The sample is built as of 21 November 2026; a plan gives the
            // next three dates.
            "Next dates: Wednesday 25 November 2026 Wednesday 2 December 2026 Wednesday 9 December 2026 Where",
            "Daventry Sing-along",
            "Phone: 01632 960322",
        ],
        &[
            "Add to my list",
            "Copy link",
            "Save these to my list",
            "Remove",
        ],
    );
}

/// axe-core (vendored in tests/browser/vendor) finds nothing on the list
/// page when it is empty, full or shared, nor on the cards and activity
/// pages with their buttons, at 320 and 1,280 pixels.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn the_list_pages_pass_axe_in_every_state() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = sample_site();
    crate::common::axe::with_axe(site);
    let served = browser::serve(site);
    let url = format!(
        "{}test-axe.html?ids=brackley-health-walk,daventry-sing-along,benefits-advice-by-phone",
        served.url
    );
    let report = browser::report(&chromium, &served, &url, Duration::from_secs(180));
    let out = crate::common::axe::axe_clean(&report);
    assert_eq!(out.len(), 10, "{report}");
    for (state, result) in &out {
        // On a page the list's script had drawn.
        assert!(result["buttons"].as_u64().unwrap() > 0, "{state}: {result}");
    }
}

/// The plan as a printer renders it (print media, through the DevTools
/// protocol): each activity's QR code decodes, with the independent
/// `rqrr`, to its page's address, and axe-core finds nothing.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn the_print_view_has_readable_qr_codes_and_passes_axe() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = sample_site();
    crate::common::axe::with_axe(site);
    let served = browser::serve(site);
    let ids = [
        "brackley-health-walk",
        "daventry-sing-along",
        "benefits-advice-by-phone",
    ];
    // A4's width at 96 pixels an inch.
    let mut cdp = crate::common::cdp::Cdp::start(&chromium, 794, 1123);
    cdp.open(
        &format!("{}my-list/#list={}", served.url, ids.join(",")),
        "document.querySelectorAll('.plan-item').length === 3 && Array.from(document.querySelectorAll('.plan-item')).every(li => li.querySelectorAll('dt').length > 2 && li.querySelector('img.plan-qr').complete)",
    );
    cdp.print_media();
    let hidden = cdp.evaluate(
        "[...document.querySelectorAll('.site-header, .list-shared, .share-copy, .list-print')].every(e => getComputedStyle(e).display === 'none' || e.offsetParent === null)",
    );
    assert_eq!(hidden, true, "the screen's parts are hidden in print");
    let decoded = crate::common::cdp::qr_codes(&cdp.screenshot());
    let mut wanted: Vec<String> = ids
        .iter()
        .map(|id| format!("https://example.org/activities/{id}/"))
        .collect();
    wanted.sort();
    assert_eq!(decoded, wanted);

    let violations = cdp.evaluate(
        "new Promise(done => { const s = document.createElement('script'); s.src = '/test-axe.min.js'; s.onload = () => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then(r => done({ violations: r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')), passes: r.passes.length })); document.head.appendChild(s); })",
    );
    assert_eq!(
        violations["violations"],
        Value::Array(vec![]),
        "{violations}"
    );
    assert!(violations["passes"].as_u64().unwrap() > 10, "{violations}");
}
