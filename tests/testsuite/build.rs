//! `signpost build` on fixture sites: every page kind with its content,
//! working links, no script injection, determinism, and safe output.

use crate::common;

use std::path::Path;

use common::{Site, snapshot};
use scraper::{Html, Selector};

fn page(site: &Path, rel: &str) -> Html {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn text(doc: &Html, selector: &str) -> String {
    texts(doc, selector).join(" | ")
}

/// Every link and resource in every page resolves to a file of the site,
/// and nothing is loaded from another site. `prefix` is the base URL's path.
pub(crate) fn assert_links_resolve(site: &Path, prefix: &str) -> usize {
    let attrs = Selector::parse("[href], [src], [action]").unwrap();
    let mut checked = 0;
    for (rel, bytes) in snapshot(site) {
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for element in doc.select(&attrs) {
            for name in ["href", "src", "action"] {
                let Some(target) = element.value().attr(name) else {
                    continue;
                };
                let tag = element.value().name();
                let loads = name == "src" || tag == "link";
                if target.starts_with("https://") || target.starts_with("http://") {
                    assert!(
                        !loads || tag == "link" && element.value().attr("rel") == Some("canonical"),
                        "{rel}: <{tag} {name}={target}> loads from another site"
                    );
                    continue;
                }
                if target.starts_with("mailto:")
                    || target.starts_with("tel:")
                    || target.starts_with("geo:")
                    || target.starts_with('#')
                {
                    continue;
                }
                let path = target
                    .strip_prefix(prefix)
                    .unwrap_or_else(|| panic!("{rel}: link {target} is outside {prefix}"));
                let path = path.split(['#', '?']).next().unwrap();
                let file = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                assert!(
                    site.join(&file).is_file(),
                    "{rel}: {target} does not resolve ({file})"
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn a_minimal_site_has_every_page_kind() {
    let site = Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Built 1 activity, "), "{}", run.stdout);
    let out = site.path("site");

    let home = page(&out, "index.html");
    assert_eq!(text(&home, "h1"), "Testshire Social Prescribing Directory");
    assert!(text(&home, ".tiles").contains("Physical activity 1 activity"));
    // The patients' home page: no jobs, and where to get urgent help.
    assert!(!text(&home, "main").contains("Social Prescribing Link Worker"));
    assert!(
        text(&home, ".urgent-help")
            .starts_with("Need help now? This directory is not an emergency service.")
    );
    assert!(text(&home, ".urgent-help").contains("call Samaritans free on 116 123"));

    let activity = page(&out, "activities/park-walk/index.html");
    assert_eq!(text(&activity, "h1"), "Park Walk");
    let facts = texts(&activity, ".summary-list > div");
    let fact = |label: &str| {
        facts
            .iter()
            .find(|f| f.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in {facts:?}"))
            .clone()
    };
    assert!(fact("When").contains("Every Tuesday, 10am to 11am"));
    assert!(fact("When").contains("Next dates: Tuesday 24 November 2026 Tuesday 1 December 2026"));
    for part in ["Park Café", "Park Road, Testtown", "NN1 5BD"] {
        assert!(fact("Where").contains(part), "{part}");
    }
    assert_eq!(fact("Cost"), "Cost Free");
    assert!(fact("Who it's for").contains("Ages 18 and over."));
    assert!(fact("How to join").contains("A social prescribing link worker can refer you."));
    assert!(fact("Contact").contains("Phone: 01632 960004"));
    assert!(fact("Accessibility").contains("Step-free access"));
    assert!(fact("Run by").contains("Testtown Walkers"));
    assert!(
        text(&activity, ".review")
            .contains("Page last reviewed: 1 October 2026 Next review due: 30 March 2027")
    );
    assert!(text(&activity, ".description").contains("We walk for about an hour"));

    for (file, heading) in [
        ("activities/index.html", "All activities, A to Z"),
        (
            "categories/physical-activity/index.html",
            "Physical activity",
        ),
        ("days/tuesday/index.html", "Activities on Tuesdays"),
        (
            "region/index.html",
            "Activities open to everyone in Testshire",
        ),
    ] {
        let doc = page(&out, file);
        assert_eq!(text(&doc, "h1"), heading, "{file}");
        assert_eq!(texts(&doc, ".card-title"), ["Park Walk"], "{file}");
    }
    assert!(texts(&page(&out, "days/monday/index.html"), ".card-title").is_empty());
    // `pcns: all` activities are listed once for the region, and every PCN's
    // own list points there rather than repeating them.
    let local = page(&out, "pcns/riverside-pcn/activities/index.html");
    assert_eq!(
        text(&local, "h1"),
        "Activities for patients of Riverside PCN"
    );
    assert!(texts(&local, ".card-title").is_empty());
    assert_eq!(
        text(&local, ".notice"),
        "1 more activity is open to patients of every GP practice in Testshire."
    );

    let pcn = page(&out, "pcns/riverside-pcn/index.html");
    assert!(
        text(&pcn, "#link-workers ~ .contacts")
            .contains("Sam Example, Social prescribing link worker")
    );
    assert!(text(&pcn, ".columns").contains("Riverside Surgery"));
    assert!(text(&pcn, "#jobs ~ .cards").contains("Social Prescribing Link Worker"));

    let practice = page(&out, "practices/riverside-surgery/index.html");
    assert!(text(&practice, ".summary-list").contains("Riverside PCN"));
    let org = page(&out, "organisations/testtown-walkers/index.html");
    assert!(text(&org, ".description").contains("A friendly walking group."));
    assert_eq!(texts(&org, ".card-title"), ["Park Walk"]);

    let jobs = page(&out, "jobs/index.html");
    assert_eq!(
        texts(&jobs, ".card-title"),
        ["Social Prescribing Link Worker"]
    );
    let job = page(&out, "jobs/link-worker/index.html");
    assert!(text(&job, ".lede").contains("21 days left to apply"));
    assert!(text(&job, ".summary-list").contains("£25,674 to £27,485 a year"));

    assert_eq!(
        text(&page(&out, "about/index.html"), "h1"),
        "About social prescribing"
    );
    assert_eq!(text(&page(&out, "404.html"), "h1"), "Page not found");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/activities/park-walk/</loc>"));
    assert!(!sitemap.contains("404"));
    assert!(
        std::fs::read_to_string(out.join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
    assert!(out.join("assets/style.css").is_file());

    let checked = assert_links_resolve(&out, "/");
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn the_sample_region_builds_with_working_links() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = common::signpost(&[
        "build".as_ref(),
        "--root".as_ref(),
        common::repo().as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_links_resolve(&out, "/");
    // Ended and closed entries keep their pages but leave the lists.
    let ended = page(&out, "activities/shed-on-the-move-rothwell/index.html");
    assert!(text(&ended, ".notice").contains("This activity has ended."));
    let az: Vec<String> = (1..=3)
        .filter_map(|n| {
            let file = if n == 1 {
                "activities/index.html".to_string()
            } else {
                format!("activities/page/{n}/index.html")
            };
            out.join(&file)
                .is_file()
                .then(|| texts(&page(&out, &file), ".card-title").join("\n"))
        })
        .collect();
    assert!(!az.join("\n").contains("Shed on the Move"));
    let closed = page(
        &out,
        "jobs/link-worker-fixed-term-rockingham-forest/index.html",
    );
    assert!(text(&closed, ".notice").contains("This job closed on 10 November 2026."));
    assert!(
        !texts(&page(&out, "jobs/index.html"), ".card-title")
            .join("\n")
            .contains("Fixed")
    );
}

#[test]
fn a_sub_path_base_url_gives_working_links() {
    let site = Site::minimal();
    let run = site.build(&["--base-url", "https://example.org/directory/"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = site.path("site");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"/directory/activities/\""));
    assert!(home.contains("href=\"/directory/assets/style.css\""));
    assert!(
        std::fs::read_to_string(out.join("sitemap.xml"))
            .unwrap()
            .contains("https://example.org/directory/activities/park-walk/")
    );
    assert_links_resolve(&out, "/directory/");
}

#[test]
fn script_in_any_field_never_reaches_a_page() {
    let site = Site::minimal();
    let xss = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}"#;
    let quoted = format!("'{}'", xss.replace('\'', "''"));
    let edits: &[(&str, &str)] = &[
        (
            "content/site.yaml",
            "title: Testshire Social Prescribing Directory",
        ),
        ("content/site.yaml", "region: Testshire"),
        ("content/site.yaml", "label: Physical activity"),
        (
            "content/site.yaml",
            "description: Walking, dance and other ways to get moving.",
        ),
        ("content/site.yaml", "label: Step-free access"),
        ("content/pcns/riverside-pcn.yaml", "name: Riverside PCN"),
        (
            "content/pcns/riverside-pcn.yaml",
            "summary: Practices along the river in Testtown.",
        ),
        ("content/pcns/riverside-pcn.yaml", "name: Sam Example"),
        (
            "content/pcns/riverside-pcn.yaml",
            "role: Social prescribing link worker",
        ),
        (
            "content/practices/riverside-surgery.yaml",
            "name: Riverside Surgery",
        ),
        (
            "content/practices/riverside-surgery.yaml",
            "address: 1 River Road, Testtown",
        ),
        (
            "content/organisations/testtown-walkers.md",
            "name: Testtown Walkers",
        ),
        ("content/activities/park-walk.yaml", "title: Park Walk"),
        (
            "content/activities/park-walk.yaml",
            "summary: A gentle walk around the park with a cuppa afterwards.",
        ),
        (
            "content/activities/park-walk.yaml",
            "eligibility: Anyone who would like some company on a walk.",
        ),
        ("content/activities/park-walk.yaml", "name: Park Café"),
        (
            "content/activities/park-walk.yaml",
            "address: Park Road, Testtown",
        ),
        ("content/activities/park-walk.yaml", "cost: free"),
        (
            "content/activities/park-walk.yaml",
            "details: Just turn up at the café.",
        ),
        ("content/activities/park-walk.yaml", "name: Jo Example"),
        (
            "content/activities/park-walk.yaml",
            "notes: Flat paths all the way round.",
        ),
        (
            "content/jobs/link-worker.md",
            "title: Social Prescribing Link Worker",
        ),
        (
            "content/jobs/link-worker.md",
            "location: Riverside Surgery, Testtown",
        ),
        (
            "content/jobs/link-worker.md",
            "band: Agenda for Change Band 4",
        ),
        ("content/pages/about.md", "title: About social prescribing"),
    ];
    for (file, line) in edits {
        let (key, _) = line.split_once(": ").unwrap();
        site.edit(file, line, &format!("{key}: {quoted}"));
    }
    let markdown_attack = "\n<script>alert(3)</script>\n\n<a href=\"javascript:alert(4)\">x</a> [y](javascript:alert(5))\n\n<iframe src=\"https://evil.example\"></iframe><p onmouseover=\"alert(6)\">z</p>\n\n![t](https://evil.example/p.png)\n";
    for file in [
        "content/organisations/testtown-walkers.md",
        "content/jobs/link-worker.md",
        "content/pages/about.md",
    ] {
        site.write(file, site.read(file) + markdown_attack);
    }
    site.edit(
        "content/activities/park-walk.yaml",
        "  We walk for about an hour at an easy pace.",
        &format!("  {}", markdown_attack.replace('\n', "\n  ")),
    );
    site.edit(
        "content/activities/park-walk.yaml",
        "schedule:\n",
        &format!("schedule_notes: {quoted}\nschedule:\n"),
    );

    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = site.path("site");
    let any = Selector::parse("*").unwrap();
    let mut payload_seen = 0;
    for (rel, bytes) in snapshot(&out) {
        let html = String::from_utf8(bytes).unwrap();
        if !rel.ends_with(".html") && !rel.ends_with(".xml") {
            continue;
        }
        let doc = Html::parse_document(&html);
        for element in doc.select(&any) {
            let name = element.value().name();
            // The theme's own search script, by file; and job structured
            // data, which must be JSON with no markup characters left.
            if name == "script"
                && matches!(
                    element.value().attr("src"),
                    Some("/assets/search.js" | "/assets/list.js" | "/assets/directions.js")
                )
                && element.inner_html().is_empty()
            {
                continue;
            }
            // The theme's own QR code of the page, for print.
            if name == "img"
                && element.value().attr("src")
                    == Some(&format!("/{}", rel.replace("index.html", "qr.svg")))
            {
                continue;
            }
            if name == "script" && element.value().attr("type") == Some("application/ld+json") {
                let json = element.inner_html();
                assert!(
                    !json.contains(['<', '>']),
                    "{rel}: markup in JSON-LD: {json}"
                );
                let value: serde_json::Value = serde_json::from_str(&json).expect("JSON-LD parses");
                assert!(
                    !value.to_string().contains("evil.example"),
                    "{rel}: {value}"
                );
                continue;
            }
            assert!(
                !["script", "iframe", "img", "object", "embed", "style"].contains(&name),
                "{rel}: <{name}> survived"
            );
            for (attr, value) in element.value().attrs() {
                assert!(!attr.starts_with("on"), "{rel}: {attr} attribute survived");
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "{rel}: javascript: URL in {attr}"
                );
                assert!(
                    !value.contains("evil.example"),
                    "{rel}: link to evil.example in {attr}"
                );
            }
        }
        assert!(
            !html.contains("49"),
            "{rel}: template code in a field was evaluated"
        );
        payload_seen += html
            .matches("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            .count()
            + html
                .matches("&lt;script&gt;alert(1)&lt;/script&gt;")
                .count();
    }
    assert!(
        payload_seen > 20,
        "the escaped payload should be shown as text ({payload_seen} times)"
    );

    // The exports carry the payload as data only: JSON that parses with
    // the payload as a string, calendars whose lines it cannot add to, a
    // CSV whose rows and columns it cannot change.
    let mut json_files = 0;
    for (rel, bytes) in snapshot(&out) {
        if rel.ends_with(".json") {
            let value: serde_json::Value =
                serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
            let text = value.to_string();
            assert!(!text.contains("evil.example"), "{rel}");
            json_files += 1;
        }
        if rel.ends_with(".ics") {
            let text = String::from_utf8(bytes).unwrap();
            let unfolded = text.replace("\r\n ", "");
            for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
                let name = line.split([':', ';']).next().unwrap();
                assert!(
                    [
                        "BEGIN",
                        "END",
                        "VERSION",
                        "PRODID",
                        "CALSCALE",
                        "METHOD",
                        "X-WR-CALNAME",
                        "X-WR-TIMEZONE",
                        "TZID",
                        "TZOFFSETFROM",
                        "TZOFFSETTO",
                        "TZNAME",
                        "DTSTART",
                        "RRULE",
                        "UID",
                        "DTSTAMP",
                        "DTEND",
                        "EXDATE",
                        "SUMMARY",
                        "DESCRIPTION",
                        "LOCATION",
                        "URL"
                    ]
                    .contains(&name),
                    "{rel}: a line the calendar did not write: {line}"
                );
            }
            // Every calendar but the PCN's (the walk is open to everyone).
            if !rel.starts_with("pcns/") {
                assert!(
                    unfolded.contains(
                        "SUMMARY:<script>alert(1)</script>\"><img src=x onerror=alert(2)>{{ 7*7 }}"
                    ),
                    "{rel}: {unfolded}"
                );
            }
        }
    }
    let services = std::fs::read_to_string(out.join("openreferral/services.json")).unwrap();
    assert!(
        services.contains(&serde_json::to_string(xss).unwrap()),
        "the payload is a JSON string"
    );
    assert!(json_files > 3, "{json_files}");
    let csv_bytes = std::fs::read(out.join("data/activities.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let width = reader.headers().unwrap().len();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].len(), width);
    assert_eq!(&rows[0][1], xss);
}

#[test]
fn builds_are_byte_identical() {
    let site = Site::minimal();
    assert_eq!(
        site.build(&["--output", site.path("one").to_str().unwrap()])
            .code,
        0
    );
    assert_eq!(
        site.build(&["--output", site.path("two").to_str().unwrap()])
            .code,
        0
    );
    let one = snapshot(&site.path("one"));
    let two = snapshot(&site.path("two"));
    assert!(one.len() > 20);
    assert_eq!(one, two);
}

#[test]
fn a_failed_build_keeps_the_previous_site() {
    let site = Site::minimal();
    assert_eq!(site.build(&[]).code, 0);
    let before = snapshot(&site.path("site"));

    site.edit(
        "content/activities/park-walk.yaml",
        "postcode: NN1 5BD",
        "postcode: nowhere",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("Build stopped: 1 error to fix first."),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&site.path("site")), before);

    // A broken template is caught during rendering, after staging began.
    site.edit(
        "content/activities/park-walk.yaml",
        "postcode: nowhere",
        "postcode: NN1 5BD",
    );
    site.write("themes/default/templates/activity.html", "{% extends \"base.html\" %}{% block content %}{{ activity.title | no_such_filter }}{% endblock content %}");
    let run = site.build(&[]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("no_such_filter"), "{}", run.stderr);
    assert_eq!(snapshot(&site.path("site")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn a_site_can_override_one_template() {
    let site = Site::minimal();
    site.write(
        "themes/default/templates/partials/review.html",
        "<p class=\"review\">Checked {{ review.last_reviewed }} by our volunteers</p>",
    );
    assert_eq!(site.build(&[]).code, 0);
    let activity = page(&site.path("site"), "activities/park-walk/index.html");
    assert_eq!(
        text(&activity, ".review"),
        "Checked 1 October 2026 by our volunteers"
    );
    assert_eq!(text(&activity, "h1"), "Park Walk");
}

#[test]
fn output_that_is_not_ours_is_never_cleared() {
    let site = Site::minimal();
    site.write("mine/notes.txt", "my own notes");
    let run = site.build(&["--output", site.path("mine").to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(site.read("mine/notes.txt"), "my own notes");

    let before = snapshot(&site.path("content"));
    let run = site.build(&["--output", site.path("content").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(snapshot(&site.path("content")), before);

    // A folder Signpost made is replaced on the next build.
    assert_eq!(site.build(&[]).code, 0);
    site.write("site/stale.html", "old");
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site.path("site/stale.html").exists());
    assert!(site.path("site").join(signpost::output::MARKER).is_file());
}

#[test]
fn cards_show_only_dates_to_come_and_say_free_once() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "cost: free",
        "cost: Free, donations welcome",
    );
    site.edit(
        "content/activities/park-walk.yaml",
        "  - frequency: weekly\n    day: tuesday\n",
        "  - frequency: dates\n    dates: [2026-10-06, 2026-12-01, 2027-01-05]\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let out = site.path("site");
    let card = text(&page(&out, "activities/index.html"), ".card-facts");
    assert!(
        card.contains("When1 December 2026, 5 January 2027, 10am to 11am"),
        "{card}"
    );
    assert!(!card.contains("October"), "{card}");
    assert!(card.contains("CostFree Donations welcome"), "{card}");
    let activity = page(&out, "activities/park-walk/index.html");
    assert!(
        text(&activity, ".summary-list")
            .contains("Next dates: Tuesday 1 December 2026 Tuesday 5 January 2027")
    );
}

#[test]
fn activities_near_a_postcode_district_without_javascript() {
    let site = Site::minimal();
    assert_eq!(site.build(&[]).code, 0);
    let out = site.path("site");
    let near = page(&out, "near/nn1/index.html");
    assert_eq!(text(&near, "h1"), "Activities near NN1 (Northampton)");
    assert_eq!(texts(&near, ".card-title"), ["Park Walk"]);
    // The venue has no coordinates, so it sits at its district's centre.
    assert_eq!(text(&near, ".card-distance"), "less than 0.1 miles away");
    // Kettering is about 13 miles from NN1: outside the 10-mile radius.
    assert!(!out.join("near/nn16/index.html").exists());
    let nn2 = page(&out, "near/nn2/index.html");
    assert!(text(&nn2, ".card-distance").ends_with("miles away"));
    let index = page(&out, "near/index.html");
    assert!(text(&index, ".columns").contains("NN1 Northampton (1)"));
    assert!(
        text(&page(&out, "search/index.html"), "main")
            .contains("Activities near a postcode district")
    );
}

/// `content/postcodes.csv` places a venue more finely than its district's
/// centre, for the "near" pages and search; its bad rows are reported.
#[test]
fn a_site_can_supply_finer_postcode_locations() {
    let site = Site::minimal();
    // NN1 5BD put about 2.8 miles north of the centre of NN1.
    site.write(
        "content/postcodes.csv",
        "postcode,latitude,longitude\nNN1 5BD,52.2816,-0.8912\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let out = site.path("site");
    let near = page(&out, "near/nn1/index.html");
    assert_eq!(text(&near, ".card-distance"), "2.8 miles away");
    // The search script finds the full postcode before its district.
    let area = std::fs::read_to_string(out.join("search/postcodes/NN.txt")).unwrap();
    assert!(area.contains("\nNN15BD,52.2816,-0.8912\n"), "{area}");
    let places = std::fs::read_to_string(out.join("search/index/places.txt")).unwrap();
    assert!(places.contains("52.282,-0.891"), "{places}");

    site.write(
        "content/postcodes.csv",
        "postcode,latitude,longitude\nNN1 5BD,52.2816\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports("content/postcodes.csv:2:1", "this row has 2 values, not 3");
}

#[test]
fn long_overdue_activities_can_be_hidden() {
    let site = Site::minimal();
    site.edit(
        "content/site.yaml",
        "review_interval_days: 180",
        "review_interval_days: 180\nhide_overdue_after_days: 60",
    );
    // Due 2026-06-30: 144 days overdue on 2026-11-21, more than 60.
    site.edit(
        "content/activities/park-walk.yaml",
        "last_reviewed: 2026-10-01",
        "last_reviewed: 2026-01-01",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("this entry was due for review on 2026-06-30, so it is left out of the site"),
        "{}",
        run.stdout
    );
    let out = site.path("site");
    assert!(!out.join("activities/park-walk/index.html").exists());
    assert!(texts(&page(&out, "activities/index.html"), ".card-title").is_empty());
    assert!(
        !std::fs::read_to_string(out.join("sitemap.xml"))
            .unwrap()
            .contains("park-walk")
    );
    assert_links_resolve(&out, "/");

    // Within the grace period it stays, with its overdue notice.
    site.edit(
        "content/site.yaml",
        "hide_overdue_after_days: 60",
        "hide_overdue_after_days: 200",
    );
    assert_eq!(site.build(&[]).code, 0);
    let activity = page(&out, "activities/park-walk/index.html");
    assert!(text(&activity, ".notice").contains("This information may be out of date."));
}

#[test]
fn a_course_whose_sessions_have_finished_leaves_the_lists() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "    end: \"11:00\"\n",
        "    end: \"11:00\"\n    until: 2026-11-10\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("every session of this activity has finished, so it is no longer listed"),
        "{}",
        run.stdout
    );
    let out = site.path("site");
    assert!(texts(&page(&out, "activities/index.html"), ".card-title").is_empty());
    let activity = page(&out, "activities/park-walk/index.html");
    assert!(text(&activity, ".notice").contains("This activity has ended."));
    assert!(text(&activity, ".summary-list").contains("Every Tuesday, until 10 November 2026"));
    assert!(
        !std::fs::read_to_string(out.join("sitemap.xml"))
            .unwrap()
            .contains("park-walk")
    );
}

/// The main content of one page of each kind, from the minimal site, as
/// reviewed snapshots: a change to what a page shows is seen whole, and a
/// fixture edit updates the snapshots rather than literals in tests.
#[test]
fn one_page_of_each_kind_shows_what_it_should() {
    let site = Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for (kind, page) in [
        ("home", "index.html"),
        ("activity", "activities/park-walk/index.html"),
        ("listing", "activities/index.html"),
        ("categories", "categories/index.html"),
        ("pcn", "pcns/riverside-pcn/index.html"),
        ("practice", "practices/riverside-surgery/index.html"),
        ("organisation", "organisations/testtown-walkers/index.html"),
        ("jobs", "jobs/index.html"),
        ("job", "jobs/link-worker/index.html"),
        ("page", "about/index.html"),
        ("near", "near/nn1/index.html"),
        ("not_found", "404.html"),
    ] {
        let html = site.read(&format!("site/{page}"));
        let start = html
            .find("<main")
            .unwrap_or_else(|| panic!("{page} has no <main>"));
        let end = html.rfind("</main>").expect("the end of <main>") + "</main>".len();
        insta::assert_snapshot!(format!("page_{kind}"), &html[start..end]);
    }
}

/// The sitemap and the jobs feed are templates of the theme, as in Zola: a
/// site can override them like any page template.
#[test]
fn a_theme_can_override_the_sitemap_and_the_feed() {
    let site = Site::minimal();
    site.write(
        "themes/default/templates/sitemap.xml",
        "<?xml version=\"1.0\"?>\n<urlset>{% for url in urls %}<url><loc>{{ url | xml }}</loc><priority>0.5</priority></url>{% endfor %}</urlset>\n",
    );
    site.write(
        "themes/default/templates/atom.xml",
        "<feed><title>{{ feed.title | xml }} (ours)</title>{% for entry in entries %}<entry><title>{{ entry.title | xml }}</title></entry>{% endfor %}</feed>\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let sitemap = site.read("site/sitemap.xml");
    assert!(sitemap.contains("<priority>0.5</priority>"), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://example.org/activities/park-walk/</loc>"),
        "{sitemap}"
    );
    let feed = site.read("site/jobs/feed.xml");
    assert!(feed.contains("(ours)</title>"), "{feed}");
    roxmltree::Document::parse(&feed).expect("the feed is still XML");
}

/// The theme's "like …" examples come from the site's own data, so a site
/// in Bristol never tells its visitors to type a Northampton postcode.
#[test]
fn the_examples_are_the_regions_own_postcodes() {
    let site = Site::minimal();
    site.edit(
        "content/practices/riverside-surgery.yaml",
        "postcode: NN1 5BD",
        "postcode: BS1 4DJ",
    );
    site.edit(
        "content/activities/park-walk.yaml",
        "postcode: NN1 5BD",
        "postcode: BS1 5TR",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let search = site.read("site/search/index.html");
    assert!(search.contains("like BS1 4DJ or BS1</span>"), "{search}");
    assert!(search.contains("data-example=\"BS1 4DJ\" data-example-district=\"BS1\""));
    assert!(
        site.read("site/near/index.html")
            .contains("like BS1 in BS1 4DJ.")
    );
    for page in [
        "site/search/index.html",
        "site/near/index.html",
        "site/assets/search.js",
    ] {
        assert!(!site.read(page).contains("NN1 5BD"), "{page}");
    }
}

/// Who an activity is for and the languages it is held in: vocabularies in
/// site.yaml, shown on the page, searched and offered as filters.
#[test]
fn audiences_and_languages_are_shown_searched_and_filtered() {
    let site = Site::minimal();
    site.write(
        "content/site.yaml",
        format!(
            "{}audiences:\n  - id: autism\n    label: Autistic people\nlanguages:\n  - id: bsl\n    label: British Sign Language\n",
            site.read("content/site.yaml")
        ),
    );
    site.edit(
        "content/activities/park-walk.yaml",
        "  age_min: 18\n",
        "  age_min: 18\n  audiences: [autism]\n",
    );
    site.edit(
        "content/activities/park-walk.yaml",
        "last_reviewed:",
        "languages: [bsl]\nlast_reviewed:",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains("<dd>Autistic people. Ages 18 and over."),
        "{page}"
    );
    assert!(
        page.contains("<dt>Languages</dt>\n    <dd>British Sign Language</dd>"),
        "{page}"
    );
    let search = site.read("site/search/index.html");
    assert!(search.contains("data-facet=\"audience\""), "{search}");
    assert!(search.contains("data-facet=\"language\""), "{search}");
    let terms = site.read("site/search/index/terms.txt");
    assert!(
        terms.lines().any(|l| l.starts_with("autist")),
        "autistic is searched"
    );
    // An id not in the vocabulary is an error, as for categories.
    site.edit(
        "content/activities/park-walk.yaml",
        "audiences: [autism]",
        "audiences: [autistic]",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(
            "content/activities/park-walk.yaml",
            "audiences: [autistic]",
            "autistic",
        ),
        "there is no audience with the id `autistic`",
    );
}

/// An activity with no category is a warning, and is listed under Other,
/// so browsing by category still reaches it.
#[test]
fn an_activity_with_no_category_is_listed_under_other() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "categories: [physical-activity]\n",
        "",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("this activity has no category, so it is listed under Other"),
        "{}",
        run.stdout
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let other = site.read("site/categories/other-activities/index.html");
    assert!(other.contains("<h1>Other activities</h1>"), "{other}");
    assert!(other.contains("href=\"/activities/park-walk/\""), "{other}");
    // Its own page says where it is listed, rather than an empty list.
    let walk = site.read("site/activities/park-walk/index.html");
    assert!(
        walk.contains("<li><a href=\"/categories/other-activities/\">Other</a></li>"),
        "{walk}"
    );
    let categories = site.read("site/categories/index.html");
    assert!(
        categories.contains(
            "<a href=\"/categories/other-activities/\"><span class=\"tile-label\">Other</span>"
        ),
        "{categories}"
    );
    assert!(
        site.read("site/sitemap.xml")
            .contains("/categories/other-activities/")
    );
}

/// Services that do not meet at fixed sessions say how they are available,
/// and pages, cards and the day and time filters read that, never
/// inventing sessions.
#[test]
fn availability_without_fixed_sessions_reads_truthfully() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let without_schedule = |site: &Site, with: &str| {
        let walk = site.read(WALK);
        let start = walk.find("schedule:").unwrap();
        let end = walk[start..].find("venue:").unwrap() + start;
        site.write(WALK, format!("{}{with}{}", &walk[..start], &walk[end..]));
    };
    for (with, page_says, card_says, days) in [
        (
            "availability: by_appointment\navailability_notes: Call to arrange a time.\n",
            "<li>By appointment</li>",
            "<dt>When</dt><dd>By appointment</dd>",
            0,
        ),
        (
            "availability: always\n",
            "<li>Open 24 hours, every day</li>",
            "<dt>When</dt><dd>Open 24 hours, every day</dd>",
            7,
        ),
        (
            "availability: ongoing\n",
            "<li>Contact the organisation for times</li>",
            "<dt>When</dt><dd>Contact the organisation for times</dd>",
            0,
        ),
        (
            "availability: opening_hours\nopening_hours:\n  - {day: monday, opens: \"09:00\", closes: \"17:00\"}\n  - {day: thursday, opens: \"13:00\", closes: \"19:00\"}\n",
            "<li>Monday, 9am to 5pm</li><li>Thursday, 1pm to 7pm</li>",
            "<dt>When</dt><dd>Monday, 9am to 5pm (and 1 more time)</dd>",
            2,
        ),
    ] {
        let site = Site::minimal();
        without_schedule(&site, with);
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "{with}: {}{}", run.stdout, run.stderr);
        assert_eq!(
            run.stdout.matches("warning").count(),
            0,
            "{with}: {}",
            run.stdout
        );
        let page = site.read("site/activities/park-walk/index.html");
        assert!(page.contains(page_says), "{with}: {page}");
        assert!(!page.contains("Next:"), "{with}: no invented dates");
        let listing = site.read("site/activities/index.html");
        assert!(listing.contains(card_says), "{with}: {listing}");
        let on_days = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .filter(|d| {
            site.read(&format!("site/days/{d}/index.html"))
                .contains("href=\"/activities/park-walk/\"")
        })
        .count();
        assert_eq!(on_days, days, "{with}: listed on {on_days} days");
    }
    // Saying nothing is a warning, and the page says to ask.
    let site = Site::minimal();
    without_schedule(&site, "");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("this activity does not say when it is available")
    );
    // Mistakes.
    for (with, message) in [
        (
            "availability: always\nschedule:\n  - {frequency: weekly, day: monday, start: \"10:00\", end: \"11:00\"}\n",
            "an activity has a `schedule` of fixed sessions or an `availability`, not both",
        ),
        (
            "availability: opening_hours\n",
            "`availability: opening_hours` needs `opening_hours:`",
        ),
        (
            "opening_hours:\n  - {day: monday, opens: \"09:00\", closes: \"17:00\"}\n",
            "`opening_hours` is only for `availability: opening_hours`",
        ),
        (
            "availability: opening_hours\nopening_hours:\n  - {day: monday, opens: \"17:00\", closes: \"09:00\"}\n",
            "it closes before it opens",
        ),
    ] {
        let site = Site::minimal();
        without_schedule(&site, with);
        let run = site.check();
        assert_eq!(run.code, 1, "{with}: {}", run.stdout);
        assert!(run.stdout.contains(message), "{with}: {}", run.stdout);
    }
}

/// An advice centre closed on bank holidays lists the closures to come;
/// a date it would not open anyway, or `closed_on` without opening hours,
/// is pointed out.
#[test]
fn opening_hours_list_the_closures_to_come() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let with_hours = |site: &Site, closed: &str| {
        let walk = site.read(WALK);
        let start = walk.find("schedule:").unwrap();
        let end = walk[start..].find("venue:").unwrap() + start;
        site.write(
            WALK,
            format!(
                "{}availability: opening_hours\nopening_hours:\n  - {{day: monday, opens: \"09:00\", closes: \"17:00\"}}\n  - {{day: friday, opens: \"09:00\", closes: \"12:00\"}}\n{closed}{}",
                &walk[..start],
                &walk[end..]
            ),
        );
    };
    let site = Site::minimal();
    // 2 November is over by 1 December; Christmas Day and the bank
    // holiday Monday after it are to come.
    with_hours(&site, "closed_on: [2026-11-02, 2026-12-25, 2026-12-28]\n");
    let run = site.build(&["--today", "2026-12-01"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains("<li>Friday, 9am to midday</li><li>Closed on Friday 25 December 2026 and Monday 28 December 2026</li>"),
        "{page}"
    );
    assert!(!page.contains("2 November"), "{page}");

    let site = Site::minimal();
    with_hours(&site, "closed_on: [2026-12-26]\n");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at(WALK, "closed_on:", "closed_on"),
        "2026-12-26 is listed under `closed_on`, but it is a Saturday, when the service is not open anyway",
    );

    let site = Site::minimal();
    let walk = site.read(WALK);
    site.write(
        WALK,
        walk.replacen("venue:", "closed_on: [2026-12-25]\nvenue:", 1),
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stdout);
    run.assert_reports(
        &site.at(WALK, "closed_on:", "closed_on"),
        "`closed_on` is only for services with `opening_hours`",
    );
}

/// A phone line or a home-visiting service needs no venue; one that says
/// nothing about where is a warning, and its page says to ask.
#[test]
fn phone_and_home_visit_services_need_no_venue() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let without_venue = |site: &Site, with: &str| {
        let walk = site.read(WALK);
        let start = walk.find("venue:").unwrap();
        let end = walk[start..].find("cost:").unwrap() + start;
        site.write(WALK, format!("{}{with}{}", &walk[..start], &walk[end..]));
    };
    let site = Site::minimal();
    without_venue(
        &site,
        "by_phone:\n  details: Call and a volunteer will ring you back.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains("<p>By phone: <a href=\"tel:01632960004\">01632 960004</a></p><p>Call and a volunteer will ring you back.</p>"),
        "{page}"
    );
    assert!(
        site.read("site/activities/index.html")
            .contains("<dt>Where</dt><dd>By phone</dd>")
    );

    let site = Site::minimal();
    without_venue(
        &site,
        "home_visits:\n  area: Testtown and the villages around it\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        site.read("site/activities/park-walk/index.html")
            .contains("<p>Home visits in Testtown and the villages around it</p>")
    );
    assert!(
        site.read("site/activities/index.html")
            .contains("<dd>Home visits in Testtown and the villages around it</dd>")
    );

    let site = Site::minimal();
    without_venue(&site, "");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("this activity does not say where or how it happens")
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0);
    assert!(
        site.read("site/activities/park-walk/index.html")
            .contains("<p>Contact the organisation to ask where</p>")
    );
}

/// A service at several venues lists them all; a district page measures to
/// the nearest and names it; `venue` and `venues` together is an error.
#[test]
fn a_service_at_several_venues_is_near_each_of_them() {
    const WALK: &str = "content/activities/park-walk.yaml";
    const VENUES: &str = "venues:\n  - name: Park Café\n    address: Park Road, Testtown\n    postcode: NN1 5BD\n  - name: Kettering Hub\n    address: High Street, Kettering\n    postcode: NN16 0AY\n    accessibility:\n      features: [hearing-loop]\n";
    let site = Site::minimal();
    let walk = site.read(WALK);
    let start = walk.find("venue:").unwrap();
    let end = walk[start..].find("cost:").unwrap() + start;
    site.write(WALK, format!("{}{VENUES}{}", &walk[..start], &walk[end..]));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = site.path("site");
    let walk_page = site.read("site/activities/park-walk/index.html");
    assert!(
        walk_page.contains("<p>Park Café<br>Park Road, Testtown<br>NN1 5BD</p>\n<p class=\"screen-only directions-link\"><a class=\"directions\" href=\"geo:0,0?q=Park%20Caf%C3%A9%2C%20Park%20Road%2C%20Testtown%2C%20NN1%205BD\" data-apple=\"https://maps.apple.com/?q=Park%20Caf%C3%A9%2C%20Park%20Road%2C%20Testtown%2C%20NN1%205BD\">Directions in your maps app<span class=\"visually-hidden\">: Park Café</span></a></p><p>Kettering Hub<br>High Street, Kettering<br>NN16 0AY</p>\n<p class=\"screen-only directions-link\"><a class=\"directions\" href=\"geo:0,0?q=Kettering%20Hub%2C%20High%20Street%2C%20Kettering%2C%20NN16%200AY\" data-apple=\"https://maps.apple.com/?q=Kettering%20Hub%2C%20High%20Street%2C%20Kettering%2C%20NN16%200AY\">Directions in your maps app<span class=\"visually-hidden\">: Kettering Hub</span></a></p><p class=\"hint\">Access here: Hearing loop</p>"),
        "{walk_page}"
    );
    assert!(
        site.read("site/activities/index.html")
            .contains("<dd>Park Café, Testtown, NN1 5BD, and 1 more place</dd>")
    );
    // Kettering is 13 miles from NN1, but the walk is near both districts,
    // each page naming the venue it measured to.
    let nn16 = page(&out, "near/nn16/index.html");
    assert_eq!(texts(&nn16, ".card-title"), ["Park Walk"]);
    assert!(text(&nn16, ".card-facts").contains("Kettering Hub, NN16 0AY, and 1 more place"));
    assert_eq!(text(&nn16, ".card-distance"), "less than 0.1 miles away");
    let nn1 = page(&out, "near/nn1/index.html");
    assert!(text(&nn1, ".card-facts").contains("Park Café, Testtown, NN1 5BD, and 1 more place"));
    // The search script gets the second venue's place too, to sort by the
    // nearest (checked in the browser by tests/browser/golden.json).
    let places = std::fs::read_to_string(out.join("search/index/places.txt")).unwrap();
    let fields: Vec<&str> = places.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 4, "{places}");
    assert!(fields[3].starts_with("0:"), "{places}");

    let walk = site.read(WALK);
    site.write(
        WALK,
        walk.replace(
            "venues:",
            "venue:\n  name: Hall\n  address: A Road\n  postcode: NN1 1AA\nvenues:",
        ),
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("an activity has one `venue` or a list of `venues`, not both"),
        "{}",
        run.stdout
    );
}

/// Some feeds do not record a venue's postcode: the venue is shown by its
/// address, is left out of the near pages, and check says why.
#[test]
fn a_venue_without_a_postcode_is_shown_but_not_placed() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let site = Site::minimal();
    site.edit(WALK, "  postcode: NN1 5BD\n", "");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at(WALK, "  name: Park Café", "name"),
        "this venue has no postcode, so it cannot be found by distance and its page shows only the address",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let walk_page = site.read("site/activities/park-walk/index.html");
    assert!(
        walk_page.contains("<p>Park Café<br>Park Road, Testtown</p>"),
        "{walk_page}"
    );
    assert!(
        site.read("site/activities/index.html")
            .contains("<dd>Park Café, Testtown</dd>")
    );
    assert!(!site.path("site/near/nn1/index.html").exists());
}

/// `area_served` says where people must live, in the entry's words or
/// each district's towns; a district that does not exist is an error.
#[test]
fn the_area_served_is_shown_in_words() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let site = Site::minimal();
    let walk = site.read(WALK);
    site.write(WALK, format!("{walk}area_served:\n  districts: [nn11]\n"));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let walk_page = site.read("site/activities/park-walk/index.html");
    assert!(
        walk_page.contains("<dt>For people living in</dt>\n    <dd>Postcode district NN11 (Braunston, Daventry, Greens Norton, Hinton, Moreton Pinkney, Welton)</dd>"),
        "{walk_page}"
    );

    site.write(
        WALK,
        format!(
            "{walk}area_served:\n  districts: [NN11, NN12]\n  description: Daventry and Towcester\n"
        ),
    );
    assert_eq!(site.build(&[]).code, 0);
    assert!(
        site.read("site/activities/park-walk/index.html")
            .contains("<dd>Daventry and Towcester (postcode districts NN11 and NN12)</dd>")
    );

    // The district page lists it first, as covering NN11, though the walk
    // meets 60 miles away in NN1; NN12 lists it too.
    let out = site.path("site");
    let nn11 = page(&out, "near/nn11/index.html");
    assert_eq!(texts(&nn11, ".card-title"), ["Park Walk"]);
    assert_eq!(text(&nn11, ".card-distance"), "Covers NN11");
    assert!(text(&nn11, ".lede").starts_with("1 service for people living in NN11, wherever it is based. No other in-person activities are within 10 miles"));
    assert!(out.join("near/nn12/index.html").exists());
    assert!(text(&page(&out, "near/index.html"), ".columns").contains("NN11 Braunston"));

    site.write(WALK, format!("{walk}area_served:\n  districts: [NN61]\n"));
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports(
        &format!("{WALK}:{}:15", walk.lines().count() + 2),
        "\"NN61\" is not a postcode district",
    );
    site.write(WALK, format!("{walk}area_served: {{}}\n"));
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("`area_served` needs `districts` or a `description`"),
        "{}",
        run.stdout
    );
}

/// Without a summary, cards show the start of the description (a warning);
/// without PCNs, the activity is open to the whole region (a warning).
#[test]
fn a_missing_summary_or_pcns_is_a_warning_with_an_honest_default() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "summary: A gentle walk around the park with a cuppa afterwards.\n",
        "",
    );
    site.edit("content/activities/park-walk.yaml", "pcns: all\n", "");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("this activity has no summary"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("it is listed as open to the whole region"),
        "{}",
        run.stdout
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        site.read("site/activities/index.html")
            .contains("<p>We walk for about an hour at an easy pace.</p>")
    );
    assert!(
        site.read("site/region/index.html")
            .contains("href=\"/activities/park-walk/\"")
    );
}

/// A service as other systems' feeds often give it: a name, an
/// organisation, an HTML description, a web address, an email address and
/// a status, and nothing else. It passes `check` with no errors, and its
/// page reads truthfully: no invented times, place or cost.
#[test]
fn a_service_with_only_the_basics_passes_and_reads_truthfully() {
    let site = Site::minimal();
    site.write(
        "content/activities/advice-service.yaml",
        "title: Community Advice Service\n\
         organisation: testtown-walkers\n\
         status: running\n\
         description: \"<p>Free, confidential <b>advice</b> on benefits, debt and housing.</p>\"\n\
         contact:\n  website: https://advice.example.org/\n  email: advice@example.org\n",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.errors(), 0, "{}", run.stdout);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/advice-service/index.html");
    for says in [
        "<li>Contact the organisation for times</li>",
        "<p>Contact the organisation to ask where</p>",
        "<dd>Ask the organisation about cost</dd>",
        "<li>Contact the organisation to ask how to join.</li>",
        "These details have not been checked yet.",
        "Free, confidential <b>advice</b> on benefits, debt and housing.",
    ] {
        assert!(page.contains(says), "the page should say {says:?}:\n{page}");
    }
    for never in ["Next:", "tag-free", "Page last reviewed"] {
        assert!(
            !page.contains(never),
            "the page should not say {never:?}:\n{page}"
        );
    }
    for day in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ] {
        assert!(
            !page.contains(&format!("Every {day}")),
            "no invented sessions:\n{page}"
        );
    }
    // It is listed (under Other), and searchable by its HTML description.
    assert!(
        site.read("site/categories/other-activities/index.html")
            .contains("Community Advice Service")
    );
    let terms = site.read("site/search/index/terms.txt");
    assert!(
        terms.lines().any(|l| l.starts_with("hous")),
        "housing is searched"
    );
}

/// "Report a problem with this page" emails the site's contact, with the
/// page named, until the content's repository is set; then it opens a new
/// issue there, and "Update this listing" opens the entry's file in the
/// forge's web editor (GitHub or GitLab).
#[test]
fn pages_say_how_to_report_a_problem_and_update_a_listing() {
    let site = Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let walk = site.read("site/activities/park-walk/index.html");
    assert!(
        walk.contains("<a href=\"mailto:directory@example.org?subject=Problem%20with%20%22Park%20Walk%22&amp;body=Page%3A%20https%3A%2F%2Fexample%2Eorg%2Factivities%2Fpark%2Dwalk%2F"),
        "{walk}"
    );
    assert!(walk.contains(">Report a problem with this page</a>"));
    assert!(!walk.contains("Update this listing"));

    site.edit(
        "content/site.yaml",
        "contact_email:",
        "repository:\n  url: https://github.com/testshire/directory/\ncontact_email:",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let walk = site.read("site/activities/park-walk/index.html");
    assert!(
        walk.contains("href=\"https://github.com/testshire/directory/issues/new?title=Problem%20with%20%22Park%20Walk%22&amp;body="),
        "{walk}"
    );
    assert!(
        walk.contains("File%3A%20content%2Factivities%2Fpark%2Dwalk%2Eyaml"),
        "{walk}"
    );
    let org = site.read("site/organisations/testtown-walkers/index.html");
    assert!(
        org.contains("<a href=\"https://github.com/testshire/directory/edit/main/content/organisations/testtown-walkers.md\">Update this listing</a>"),
        "{org}"
    );

    site.edit(
        "content/site.yaml",
        "  url: https://github.com/testshire/directory/\n",
        "  url: https://git.testshire.example/directory\n  branch: live\n  forge: gitlab\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let org = site.read("site/organisations/testtown-walkers/index.html");
    assert!(
        org.contains("href=\"https://git.testshire.example/directory/-/edit/live/content/organisations/testtown-walkers.md\""),
        "{org}"
    );
    assert!(
        org.contains(
            "href=\"https://git.testshire.example/directory/-/issues/new?issue%5Btitle%5D="
        ),
        "{org}"
    );

    site.edit("content/site.yaml", "  forge: gitlab\n", "");
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stdout);
    run.assert_reports(
        &site.at(
            "content/site.yaml",
            "  url: https://git.testshire.example/directory",
            "url",
        ),
        "Signpost cannot tell which forge https://git.testshire.example/directory is",
    );
}

/// "Near a postcode" offers only places people live: not a district of PO
/// boxes or one firm's mail (LE94 "Non-geographic", MK77 "Morgan Stanley
/// Processing Centre"), though both lie near the sample's activities.
#[test]
fn near_pages_are_only_for_places_people_live() {
    let site = Site::sample();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let index = site.read("site/near/index.html");
    assert!(index.contains("href=\"/near/nn11/\""), "{index}");
    for mail in ["le94", "mk77"] {
        assert!(
            !index.contains(&format!("/near/{mail}/")),
            "{mail}: {index}"
        );
        assert!(!site.path(&format!("site/near/{mail}")).exists(), "{mail}");
    }
}

/// The home page leads with "near you", as NHS.UK's finders do: a postcode
/// box that opens search sorted by distance, and the list of areas.
#[test]
fn the_home_page_asks_for_a_postcode_first() {
    let site = Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let home = site.read("site/index.html");
    let form = home
        .find("<form class=\"near-form")
        .expect("a near-you form");
    let tiles = home.find("id=\"by-category\"").unwrap();
    assert!(form < tiles, "the postcode comes before the categories");
    assert!(
        home[form..].starts_with(
            "<form class=\"near-form search-fields\" action=\"/search/\" method=\"get\""
        )
    );
    assert!(home.contains("<input id=\"home-near\" name=\"near\""));
    assert!(home.contains("<label for=\"home-near\">Find activities near you</label>"));
    assert!(home.contains("<a href=\"/near/\">choose your area from a list</a>"));
}

/// Issue 18's page changes, as a patient on a phone meets them: a menu of
/// five, one search form on the search page and none that loses words
/// without scripts, the next dates as a list, one thing to do next,
/// directions for the phone's maps app, GP practices rather than PCN
/// codes, and urgent help where site.yaml asks for it, in its words.
#[test]
fn pages_say_what_to_do_next_in_plain_words() {
    let site = Site::minimal();
    let yaml = site.read("content/site.yaml").replace(
        "    description: Painting, knitting, pottery and more.\n",
        "    description: Painting, knitting, pottery and more.\n    urgent_help: true\n",
    ) + "urgent_help:\n  heading: Need help today?\n  text: Call [111](tel:111) <script>alert(1)</script>\n";
    site.write("content/site.yaml", yaml);
    let walk = site.read("content/activities/park-walk.yaml").replace(
        "pcns: all\n",
        "pcns: [riverside-pcn]\ncategories: [physical-activity, arts-and-crafts]\n",
    );
    let walk = walk.replace("categories: [physical-activity]\n", "");
    site.write("content/activities/park-walk.yaml", walk);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = site.path("site");

    let home = page(&out, "index.html");
    assert_eq!(
        texts(&home, ".site-nav a"),
        ["Activities", "Near you", "Categories", "PCNs", "Jobs"]
    );
    assert!(text(&home, ".footer-links").contains("About"));
    // Every page's footer points to the block, so its numbers are the
    // site's own.
    let about = site.read("site/about/index.html");
    assert!(about.contains("<a href=\"/#urgent-help-heading\">Where to get urgent help</a>"));
    assert_eq!(text(&home, ".urgent-help h2"), "Need help today?");
    assert_eq!(text(&home, ".urgent-help-body"), "Call 111");
    let raw = site.read("site/index.html");
    assert!(raw.contains("<a href=\"tel:111\""), "{raw}");
    assert!(!raw.contains("alert(1)"));
    // Only the marked category's page repeats it.
    let marked = page(&out, "categories/arts-and-crafts/index.html");
    assert_eq!(text(&marked, ".urgent-help h2"), "Need help today?");
    let unmarked = page(&out, "categories/physical-activity/index.html");
    assert_eq!(text(&unmarked, ".urgent-help"), "");
    // The home page's tiles are links as a whole.
    assert!(text(&home, ".tiles a").starts_with("Physical activity 1 activity"));

    let search = site.read("site/search/index.html");
    assert_eq!(search.matches("type=\"search\"").count(), 1, "{search}");
    assert!(search.contains("<form id=\"search\" class=\"search-page\" role=\"search\""));
    let doc = Html::parse_document(&search);
    let form = doc
        .select(&Selector::parse("form#search").unwrap())
        .next()
        .unwrap();
    assert!(
        form.value().attr("hidden").is_some(),
        "the form waits for its script"
    );
    let notice = text(&doc, "#search-needs-js");
    assert!(
        notice.starts_with("Searching by words or postcode does not work in this browser. You can still find every activity in the lists below"),
        "{notice}"
    );
    assert!(!search.contains("JavaScript"));
    assert!(
        search.find("search-needs-js").unwrap() < search.find("id=\"search\"").unwrap(),
        "the explanation comes first"
    );

    let activity = page(&out, "activities/park-walk/index.html");
    assert_eq!(
        texts(&activity, ".dates li")[..2],
        ["Tuesday 24 November 2026", "Tuesday 1 December 2026"]
    );
    assert_eq!(
        text(&activity, ".action-link"),
        "Call 01632 960004 to ask about joining"
    );
    let raw = site.read("site/activities/park-walk/index.html");
    assert!(
        raw.contains("class=\"action-link\" href=\"tel:01632960004\""),
        "{raw}"
    );
    assert!(raw.contains(
        "href=\"geo:0,0?q=Park%20Caf%C3%A9%2C%20Park%20Road%2C%20Testtown%2C%20NN1%205BD\""
    ));
    let facts = texts(&activity, ".summary-list > div");
    let open_to = facts.iter().find(|f| f.starts_with("Open to")).unwrap();
    assert_eq!(
        open_to,
        "Open to patients of These GP practices, in their Primary Care Networks (PCNs): Riverside Surgery (Riverside PCN)"
    );
    // The description comes before the details that matter less.
    assert!(raw.find("About this activity").unwrap() < raw.find("Open to patients of").unwrap());
    assert!(raw.find("How to join").unwrap() < raw.find("About this activity").unwrap());
}

/// Lists that grow with the directory are split into pages of a few tens
/// of kilobytes, GOV.UK-style page links between them, each entry on
/// exactly one page: 450 organisations make three pages of organisations,
/// and 61 PCNs two pages of PCNs and two of practices.
#[test]
fn long_directory_lists_are_split_into_pages() {
    let site = Site::minimal();
    for n in 0..450 {
        site.write(
            &format!("content/organisations/group-{n:03}.md"),
            format!("---\nname: Group {n:03}\nemail: group{n}@example.org\n---\nA group.\n"),
        );
    }
    for n in 0..60 {
        site.write(
            &format!("content/pcns/pcn-{n:02}.yaml"),
            format!("name: PCN {n:02}\ncode: U{:05}\n", 20000 + n),
        );
        site.write(
            &format!("content/practices/practice-{n:02}.yaml"),
            format!(
                "name: Practice {n:02}\nods_code: K{:05}\npcn: pcn-{n:02}\naddress: 1 High Street, Testtown\npostcode: NN1 5BD\nphone: 01632 960002\n",
                20000 + n
            ),
        );
    }
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = site.path("site");
    let mut seen = Vec::new();
    for (n, rel) in [
        "organisations/index.html",
        "organisations/page/2/index.html",
        "organisations/page/3/index.html",
    ]
    .iter()
    .enumerate()
    {
        let doc = page(&out, rel);
        let names = texts(&doc, "main .columns a");
        assert!(names.len() <= 200, "{rel}: {}", names.len());
        seen.extend(names);
        assert_eq!(
            text(&doc, ".pagination-summary"),
            format!(
                "Showing {} to {} of 451 organisations",
                n * 200 + 1,
                ((n + 1) * 200).min(451)
            )
        );
        let bytes = std::fs::metadata(out.join(rel)).unwrap().len();
        assert!(bytes < 100_000, "{rel} is {bytes} bytes");
    }
    assert_eq!(seen.len(), 451);
    seen.dedup();
    assert_eq!(seen.len(), 451, "each organisation once");
    assert!(!out.join("organisations/page/4").exists());
    let second = page(&out, "organisations/page/2/index.html");
    assert_eq!(
        text(&second, "title"),
        "Organisations (page 2 of 3) – Testshire Social Prescribing Directory"
    );
    let pcns = texts(&page(&out, "pcns/index.html"), ".tiles .tile-label").len()
        + texts(&page(&out, "pcns/page/2/index.html"), ".tiles .tile-label").len();
    assert_eq!(pcns, 61);
    let groups = texts(&page(&out, "practices/index.html"), "main h2").len()
        + texts(&page(&out, "practices/page/2/index.html"), "main h2").len();
    assert_eq!(groups, 61);
    // Past one page of PCNs, the home and search pages link to the list
    // rather than repeat it (the jobs pages list only PCNs with jobs, here
    // one).
    for (rel, part) in [("index.html", "main"), ("search/index.html", ".browse")] {
        let doc = page(&out, rel);
        assert!(
            texts(&doc, &format!("{part} a")).contains(&"All 61 Primary Care Networks".to_string()),
            "{rel}"
        );
        assert!(!text(&doc, part).contains("PCN 07"), "{rel}");
    }
    // Nor does the search page offer 61 PCNs as checkboxes, or the index
    // a filter file for them; it says where PCNs are found instead.
    let search = page(&out, "search/index.html");
    assert!(!text(&search, "#search-filters").contains("PCN 07"));
    assert!(text(&search, "#search-filters").contains("find its Primary Care Network"));
    assert!(!out.join("search/index/facet-pcn.txt").exists());
    assert_links_resolve(&out, "/");
}

/// A national directory's hundreds of open jobs are split into pages of 50,
/// soonest closing first across them, as the PCN and contract lists are.
#[test]
fn many_open_jobs_are_split_into_pages() {
    let site = Site::minimal();
    let job = site.read("content/jobs/link-worker.md");
    for n in 0..119 {
        site.write(
            &format!("content/jobs/job-{n:03}.md"),
            job.replace(
                "Social Prescribing Link Worker",
                &format!("Link Worker {n:03}"),
            )
            .replace(
                "closes: 2026-12-12",
                &format!("closes: 2027-01-{:02}", 1 + n % 28),
            ),
        );
    }
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = site.path("site");
    let mut seen = Vec::new();
    for (n, rel) in [
        "jobs/index.html",
        "jobs/page/2/index.html",
        "jobs/page/3/index.html",
    ]
    .iter()
    .enumerate()
    {
        let doc = page(&out, rel);
        let titles = texts(&doc, ".cards .card-title");
        assert_eq!(titles.len(), [50, 50, 20][n], "{rel}");
        seen.extend(titles);
        assert_eq!(
            text(&doc, ".pagination-summary"),
            format!(
                "Showing {} to {} of 120 jobs",
                n * 50 + 1,
                ((n + 1) * 50).min(120)
            )
        );
    }
    // The one closing soonest comes first, on the first page.
    assert_eq!(seen[0], "Social Prescribing Link Worker");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 120, "each job once");
    assert!(!out.join("jobs/page/4").exists());
    // The PCN's list, which all 120 concern, is split the same way.
    assert!(
        out.join("jobs/pcn/riverside-pcn/page/3/index.html")
            .exists()
    );
    assert_links_resolve(&out, "/");
}
