//! Recruiters' job pages: structured data for job search engines, jobs that
//! retire themselves after their closing date, the Atom feed, and filters
//! that work without JavaScript.

use crate::common;

use std::path::Path;

use common::Site;
use scraper::{Html, Selector};
use serde_json::Value;

const JOB: &str = "content/jobs/link-worker.md";

fn page(out: &Path, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap())
}

fn text(html: &Html, css: &str) -> String {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's JobPosting (beside its breadcrumbs).
fn json_ld(html: &Html) -> Option<Value> {
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    html.select(&selector)
        .map(|e| serde_json::from_str::<Value>(&e.inner_html()).expect("JSON-LD parses"))
        .find(|v| v["@type"] == "JobPosting")
}

/// Builds the minimal site as of `today` into `site/`.
fn build(site: &Site, today: &str) -> std::path::PathBuf {
    let out = site.path(&format!("site-{today}"));
    let run = common::signpost(&[
        "build".as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
        "--today".as_ref(),
        today.as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    out
}

#[test]
fn an_open_job_has_every_property_job_search_engines_want() {
    let site = Site::minimal();
    site.edit(
        JOB,
        "contract: permanent",
        "contract: permanent\nreference: RPCN-42\nremote: true",
    );
    let out = build(&site, "2026-11-21");
    let posting = json_ld(&page(&out, "jobs/link-worker/index.html")).expect("JSON-LD");
    assert_eq!(posting["@context"], "https://schema.org/");
    assert_eq!(posting["@type"], "JobPosting");
    // Required.
    assert_eq!(posting["title"], "Social Prescribing Link Worker");
    assert!(
        posting["description"]
            .as_str()
            .unwrap()
            .contains("Join our friendly team.")
    );
    assert_eq!(posting["datePosted"], "2026-11-01");
    assert_eq!(posting["hiringOrganization"]["@type"], "Organization");
    assert_eq!(posting["hiringOrganization"]["name"], "Riverside PCN");
    assert_eq!(posting["jobLocation"]["@type"], "Place");
    assert_eq!(posting["jobLocation"]["address"]["postalCode"], "NN1 5BD");
    assert_eq!(posting["jobLocation"]["address"]["addressCountry"], "GB");
    // Recommended.
    assert_eq!(posting["validThrough"], "2026-12-12T23:59:59");
    assert_eq!(posting["employmentType"], serde_json::json!(["FULL_TIME"]));
    let salary = &posting["baseSalary"];
    assert_eq!(salary["@type"], "MonetaryAmount");
    assert_eq!(salary["currency"], "GBP");
    assert_eq!(salary["value"]["@type"], "QuantitativeValue");
    assert_eq!(salary["value"]["minValue"], 25674.0);
    assert_eq!(salary["value"]["maxValue"], 27485.0);
    assert_eq!(salary["value"]["unitText"], "YEAR");
    assert_eq!(posting["identifier"]["@type"], "PropertyValue");
    assert_eq!(posting["identifier"]["value"], "RPCN-42");
    assert_eq!(posting["directApply"], true);
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert_eq!(
        posting["applicantLocationRequirements"]["name"],
        "United Kingdom"
    );
    assert_eq!(posting["url"], "https://example.org/jobs/link-worker/");
}

#[test]
fn jobs_retire_themselves_after_their_closing_date() {
    let site = Site::minimal();
    // The job closes on 2026-12-12.
    let check = |today: &str| {
        common::signpost(&[
            "check".as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
            "--today".as_ref(),
            today.as_ref(),
        ])
    };
    for (today, open, lede) in [
        ("2026-12-11", true, "1 day left to apply"),
        ("2026-12-12", true, "Closes today"),
        ("2026-12-13", false, ""),
    ] {
        let out = build(&site, today);
        let job = page(&out, "jobs/link-worker/index.html");
        let listed =
            |rel: &str| text(&page(&out, rel), "main").contains("Social Prescribing Link Worker");
        assert_eq!(listed("jobs/index.html"), open, "{today}: jobs list");
        // The home page is the patients' own: jobs are in the menu.
        assert!(!listed("index.html"), "{today}: home page");
        assert_eq!(
            listed("pcns/riverside-pcn/index.html"),
            open,
            "{today}: PCN page"
        );
        assert_eq!(
            listed("jobs/pcn/riverside-pcn/index.html"),
            open,
            "{today}: PCN filter"
        );
        let feed = std::fs::read_to_string(out.join("jobs/feed.xml")).unwrap();
        assert_eq!(feed.contains("<entry>"), open, "{today}: feed");
        let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
        assert_eq!(
            sitemap.contains("/jobs/link-worker/"),
            open,
            "{today}: sitemap"
        );
        assert_eq!(json_ld(&job).is_some(), open, "{today}: JSON-LD");
        let noindex = Selector::parse("meta[name=robots][content=noindex]").unwrap();
        assert_eq!(
            job.select(&noindex).next().is_none(),
            open,
            "{today}: noindex"
        );
        if open {
            assert!(
                text(&job, ".lede").starts_with(lede),
                "{today}: {}",
                text(&job, ".lede")
            );
        } else {
            assert_eq!(
                text(&job, ".notice"),
                "This job closed on 12 December 2026. Applications are no longer being accepted."
            );
        }
    }
    // A warning three days ahead, so nobody is surprised.
    let closes = site.at(JOB, "closes: 2026-12-12", "closes");
    let run = check("2026-12-10");
    run.assert_reports(
        &closes,
        "this job closes in 2 days (2026-12-12) and then drops off the site",
    );
    assert_eq!(run.code, 0);
    let run = check("2026-12-12");
    run.assert_reports(
        &closes,
        "this job closes today (2026-12-12) and then drops off the site",
    );
    assert!(!check("2026-12-01").stdout.contains("drops off the site"));
}

#[test]
fn the_jobs_feed_is_valid_atom_dated_by_the_entries() {
    let site = Site::minimal();
    let out = build(&site, "2026-11-21");
    let xml = std::fs::read_to_string(out.join("jobs/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    let child = |node: roxmltree::Node<'_, '_>, name: &str| -> Option<String> {
        node.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(atom))
            .map(|c| c.text().unwrap_or("").to_string())
    };
    for name in ["id", "title", "updated"] {
        assert!(
            child(feed, name).is_some_and(|t| !t.is_empty()),
            "feed {name}"
        );
    }
    assert!(feed.children().any(|c| c.tag_name().name() == "author"));
    let updated = child(feed, "updated").unwrap();
    chrono::DateTime::parse_from_rfc3339(&updated).expect("RFC 3339");
    // From the job's posted date, not the time of the build.
    assert_eq!(updated, "2026-11-01T00:00:00Z");
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 1);
    for entry in entries {
        for name in ["id", "title", "updated"] {
            assert!(
                child(entry, name).is_some_and(|t| !t.is_empty()),
                "entry {name}"
            );
        }
        chrono::DateTime::parse_from_rfc3339(&child(entry, "updated").unwrap()).expect("RFC 3339");
        let link = entry
            .children()
            .find(|c| c.tag_name().name() == "link")
            .unwrap();
        assert_eq!(
            link.attribute("href"),
            Some("https://example.org/jobs/link-worker/")
        );
    }
    // The jobs page points feed readers to it.
    let jobs = std::fs::read_to_string(out.join("jobs/index.html")).unwrap();
    assert!(jobs.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Open jobs\" href=\"/jobs/feed.xml\">"
    ));
    // Two builds, the same feed.
    let again = build(&site, "2026-11-21");
    assert_eq!(
        std::fs::read_to_string(again.join("jobs/feed.xml")).unwrap(),
        xml
    );
}

#[test]
fn the_list_runs_soonest_closing_first_with_filters_that_need_no_javascript() {
    let site = Site::minimal();
    let second = site
        .read(JOB)
        .replace(
            "title: Social Prescribing Link Worker",
            "title: Health and Wellbeing Coach",
        )
        .replace("closes: 2026-12-12", "closes: 2026-12-01")
        .replace(
            "contract: permanent",
            "contract: fixed-term\ncontract_months: 12",
        );
    site.write("content/jobs/wellbeing-coach.md", second);
    let out = build(&site, "2026-11-21");
    let jobs = page(&out, "jobs/index.html");
    assert_eq!(
        text(&jobs, ".card-title"),
        "Health and Wellbeing Coach Social Prescribing Link Worker"
    );
    let filters = text(&jobs, ".job-filters");
    assert!(filters.contains("Riverside PCN (2)"), "{filters}");
    assert!(
        filters.contains("Permanent (1)") && filters.contains("Fixed term (1)"),
        "{filters}"
    );
    let links = Selector::parse(".job-filters a").unwrap();
    let hrefs: Vec<&str> = jobs
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"/jobs/contract/fixed-term/"), "{hrefs:?}");
    let fixed = page(&out, "jobs/contract/fixed-term/index.html");
    assert_eq!(text(&fixed, "h1"), "Fixed-term jobs");
    assert_eq!(text(&fixed, ".card-title"), "Health and Wellbeing Coach");
    let permanent = page(&out, "jobs/contract/permanent/index.html");
    assert_eq!(
        text(&permanent, ".card-title"),
        "Social Prescribing Link Worker"
    );
    let pcn = page(&out, "jobs/pcn/riverside-pcn/index.html");
    assert_eq!(text(&pcn, "h1"), "Jobs in Riverside PCN");
    assert_eq!(
        text(&pcn, ".card-title"),
        "Health and Wellbeing Coach Social Prescribing Link Worker"
    );
    // A fixed-term post is temporary to job search engines.
    let posting = json_ld(&page(&out, "jobs/wellbeing-coach/index.html")).unwrap();
    assert_eq!(
        posting["employmentType"],
        serde_json::json!(["FULL_TIME", "TEMPORARY"])
    );
}

#[test]
fn unknown_employment_types_are_errors_listing_the_choices() {
    let site = Site::minimal();
    site.edit(
        JOB,
        "contract: permanent",
        "contract: permanent\nemployment_type: [full-time, zero-hours]",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports(
        &site.at(JOB, "employment_type: [", "zero-hours"),
        "\"zero-hours\" is not one of the choices",
    );
    run.assert_help("Use one of: full-time, part-time, contractor, temporary, intern, volunteer, per-diem, other.");
}
