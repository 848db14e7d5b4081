//! Search in a real headless Chromium: the sample site is built, served
//! locally, and tests/browser/harness.html drives the real search.js
//! through the real search page. Expectations are in
//! tests/browser/golden.json, checked here.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use common::{Site, browser, repo, signpost};
use serde_json::Value;
use signpost::search::text;

/// The sample site, built once for all tests here.
pub(crate) fn sample_site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let run = signpost(&[
            "build".as_ref(),
            "--root".as_ref(),
            repo().as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        dir
    })
    .path()
    .join("site")
    .leak()
}

fn golden() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/browser/golden.json")).unwrap(),
    )
    .unwrap()
}

/// Every word of the sample content plus some hard cases, for comparing
/// the Rust and JavaScript stemmers.
fn words() -> Vec<String> {
    let mut words = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            words.extend(text::tokens(&text));
        }
    }
    for w in golden()["words"].as_array().unwrap() {
        words.extend(text::tokens(w.as_str().unwrap()));
    }
    words.into_iter().collect()
}

/// What the harness saw, run once (Chromium takes a second or two to start).
fn harness() -> Option<&'static Value> {
    static REPORT: OnceLock<Option<Value>> = OnceLock::new();
    REPORT
        .get_or_init(|| {
            let chromium = browser::chromium()?;
            let site = sample_site();
            std::fs::copy(
                repo().join("tests/browser/harness.html"),
                site.join("test-harness.html"),
            )
            .unwrap();
            std::fs::copy(
                repo().join("tests/browser/golden.json"),
                site.join("test-golden.json"),
            )
            .unwrap();
            std::fs::write(site.join("test-words.txt"), words().join("\n")).unwrap();
            let served = browser::serve(site);
            let url = format!("{}test-harness.html", served.url);
            let report = browser::report(&chromium, &served, &url, Duration::from_secs(120));
            let report: Value = serde_json::from_str(&report).unwrap();
            assert!(
                report.get("error").is_none(),
                "harness failed: {}",
                report["error"]
            );
            Some(report)
        })
        .as_ref()
}

fn directory() -> &'static signpost::content::Directory {
    static DIR: OnceLock<signpost::content::Directory> = OnceLock::new();
    DIR.get_or_init(|| {
        let today = chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").unwrap();
        signpost::content::load(&repo(), today)
            .unwrap()
            .directory
            .expect("the sample loads")
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn javascript_tokenises_and_stems_exactly_like_rust() {
    let Some(report) = harness() else { return };
    let words = words();
    assert!(words.len() > 1000, "{}", words.len());
    let js = strings(&report["stems"]);
    assert_eq!(js.len(), words.len());
    let differ: Vec<String> = words
        .iter()
        .zip(&js)
        .filter(|(w, s)| text::stem(w) != **s)
        .map(|(w, s)| format!("{w}: rust {}, js {s}", text::stem(w)))
        .collect();
    assert!(differ.is_empty(), "stems differ:\n{}", differ.join("\n"));
    for (phrase, tokens) in golden()["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .zip(report["tokens"].as_array().unwrap())
    {
        assert_eq!(
            text::tokens(phrase.as_str().unwrap()),
            strings(tokens),
            "tokens of {phrase}"
        );
    }
}

#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn typo_allowance_distances_and_postcodes() {
    let Some(report) = harness() else { return };
    let expect = &golden()["expect"];
    for key in ["edits", "typos", "distances", "postcodes"] {
        assert_eq!(report[key], expect[key], "{key}");
    }
    // The static "near" pages and the search script word distances alike.
    for miles in [0.04, 2.34, 9.96, 12.6] {
        let js = golden()["distances"]
            .as_array()
            .unwrap()
            .iter()
            .position(|d| d.as_f64() == Some(miles))
            .map(|i| report["distances"][i].clone())
            .unwrap();
        assert_eq!(js.as_str().unwrap(), signpost::places::distance_text(miles));
    }
}

#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn golden_queries_find_the_right_activities_in_order() {
    let Some(report) = harness() else { return };
    check_golden(report["queries"].as_array().unwrap());
}

/// The same expectations, met by the Rust side of the search on its own:
/// relevance is checked even where there is no Chromium.
#[test]
fn golden_queries_rank_the_same_in_rust() {
    check_golden(&rust_results());
}

/// Rust and the browser give the same results, in the same order, with
/// the same distances and filter counts, for every golden query: the
/// ranking has one definition.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn rust_and_the_browser_agree_on_every_golden_query() {
    let Some(report) = harness() else { return };
    let browser = report["queries"].as_array().unwrap();
    let rust = rust_results();
    assert_eq!(browser.len(), rust.len());
    for (b, r) in browser.iter().zip(&rust) {
        let name = &b["name"];
        for key in ["all", "total", "miles", "counts"] {
            assert_eq!(b[key], r[key], "{name}: {key}");
        }
        for key in ["code", "error"] {
            assert_eq!(b["near"][key], r["near"][key], "{name}: near {key}");
        }
    }
}

/// Each golden query run by `signpost::search::query` over the built
/// sample's index files, reported as the harness reports the browser's.
fn rust_results() -> Vec<Value> {
    use signpost::search::query::{Engine, Near, Query};
    let site = sample_site();
    let engine = Engine::new(|path: &str| std::fs::read_to_string(site.join(path)).ok()).unwrap();
    let listed = &directory().index.listed;
    golden()["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let state = &q["state"];
            let results = engine.search(&Query {
                q: state["q"].as_str().unwrap_or("").to_string(),
                near: state["near"].as_str().map(str::to_string),
                filters: state["filters"]
                    .as_object()
                    .map(|f| f.iter().map(|(k, v)| (k.clone(), strings(v))).collect())
                    .unwrap_or_default(),
            });
            let miles: Vec<Value> = results
                .hits
                .iter()
                .take(10)
                .map(|h| match (&h.covers, h.miles) {
                    (Some(code), _) => Value::from(format!("covers {code}")),
                    (None, Some(m)) if m.is_infinite() => Value::from("online"),
                    (None, Some(m)) => Value::from(signpost::places::distance_text(m)),
                    (None, None) => Value::Null,
                })
                .collect();
            let near = match &results.near {
                None => Value::Null,
                Some(Near::At { code, .. }) => serde_json::json!({ "code": code }),
                Some(Near::Format) => serde_json::json!({ "error": "format" }),
                Some(Near::Unknown { code }) => {
                    serde_json::json!({ "error": "unknown", "code": code })
                }
            };
            serde_json::json!({
                "name": q["name"],
                "all": results.hits.iter().map(|h| listed[h.doc].clone()).collect::<Vec<_>>(),
                "total": results.hits.len(),
                "miles": miles,
                "near": near,
                "counts": results.counts,
            })
        })
        .collect()
}

/// Checks each golden query's expectations against what one side found.
fn check_golden(results: &[Value]) {
    let golden = golden();
    let by_name = |name: &str| {
        results
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("no query {name}"))
    };
    let relevance = golden["queries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q.get("relevance").is_some())
        .count();
    assert!(relevance >= 25, "{relevance} relevance queries");
    // Every query is checked, and the failures listed together.
    let mut failed: Vec<&str> = Vec::new();
    for q in golden["queries"].as_array().unwrap() {
        let name = q["name"].as_str().unwrap();
        let got = by_name(name);
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_query(q, got, &by_name)
        }));
        if checked.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} golden queries failed: {failed:?}",
        failed.len()
    );
}

fn check_query<'a>(q: &Value, got: &Value, by_name: &dyn Fn(&str) -> &'a Value) {
    let name = q["name"].as_str().unwrap();
    {
        let all = strings(&got["all"]);
        if let Some(total) = q.get("total") {
            assert_eq!(&got["total"], total, "{name}: total ({all:?})");
        }
        if let Some(top) = q.get("top") {
            let top = strings(top);
            assert_eq!(
                all[..top.len().min(all.len())],
                top[..],
                "{name}: top results"
            );
        }
        let first3 = &all[..3.min(all.len())];
        if let Some(top3) = q.get("top3") {
            for id in strings(top3) {
                assert!(
                    first3.contains(&id),
                    "{name}: {id} in the top three ({all:?})"
                );
            }
        }
        if let Some(below) = q.get("not_top3") {
            for id in strings(below) {
                assert!(
                    !first3.contains(&id),
                    "{name}: {id} below the top three ({all:?})"
                );
            }
        }
        if let Some(other) = q.get("same_as") {
            let other = by_name(other.as_str().unwrap());
            assert_eq!(
                all,
                strings(&other["all"]),
                "{name}: same results as {other}"
            );
        }
        if let Some(other) = q.get("same_set") {
            let other = by_name(other.as_str().unwrap());
            let mut theirs = strings(&other["all"]);
            let mut mine = all.clone();
            theirs.sort();
            mine.sort();
            assert!(!mine.is_empty(), "{name}: found nothing");
            assert_eq!(
                mine, theirs,
                "{name}: the same activities as {}",
                other["name"]
            );
        }
        if let Some(excluded) = q.get("excludes") {
            for id in strings(excluded) {
                assert!(!all.contains(&id), "{name}: {id} is not related");
            }
        }
        if let Some(included) = q.get("includes") {
            for id in strings(included) {
                assert!(all.contains(&id), "{name}: {id} should be found ({all:?})");
            }
        }
        if let Some(code) = q.get("near") {
            assert_eq!(&got["near"]["code"], code, "{name}: district");
        }
        if let Some(error) = q.get("near_error") {
            assert_eq!(&got["near"]["error"], error, "{name}: postcode error");
        }
        if let Some(miles) = q.get("miles") {
            let miles = strings(miles);
            assert_eq!(
                strings(&got["miles"])[..miles.len()],
                miles[..],
                "{name}: distances"
            );
        }
        if q.get("last_online").is_some() {
            // Online-only activities have no distance and come last.
            let got_miles = got["miles"].as_array().unwrap();
            assert!(got_miles.iter().all(|m| m != "online"), "{name}");
            let last = all.last().unwrap();
            assert!(
                directory().activities[last].venue.is_none(),
                "{name}: {last}"
            );
        }
        if q.get("check_counts").is_some() {
            check_counts(name, &q["state"], got);
        }
    }
}

/// Works out in Rust which activities a filtered search should find, and
/// each filter value's count (with that filter's own choice set aside,
/// unless activities must have every value ticked), and compares.
fn check_counts(name: &str, state: &Value, got: &Value) {
    use signpost::search::facets::{facets, values_of};
    let dir = directory();
    let facets = facets(dir);
    let words: Vec<String> = text::terms(state["q"].as_str().unwrap_or(""));
    let picked = |f: &signpost::search::facets::Facet| -> Vec<usize> {
        state["filters"]
            .get(f.id)
            .map(|v| {
                strings(v)
                    .iter()
                    .map(|id| f.values.iter().position(|x| &x.id == id).unwrap())
                    .collect()
            })
            .unwrap_or_default()
    };
    let passes = |f: &signpost::search::facets::Facet, has: &[usize]| {
        let picked = picked(f);
        picked.is_empty()
            || if f.all {
                picked.iter().all(|v| has.contains(v))
            } else {
                picked.iter().any(|v| has.contains(v))
            }
    };
    let mut expected_ids = Vec::new();
    let mut counts: Vec<Vec<usize>> = facets.iter().map(|f| vec![0; f.values.len()]).collect();
    for id in &dir.index.listed {
        let a = &dir.activities[id];
        let mut text = vec![a.title.clone(), a.summary.clone(), a.description.clone()];
        text.extend(a.categories.iter().map(|c| {
            dir.site
                .categories
                .iter()
                .find(|x| &x.id == c)
                .unwrap()
                .label
                .clone()
        }));
        text.push(dir.organisations[&a.organisation].name.clone());
        let terms: BTreeSet<String> = text.iter().flat_map(|t| text::terms(t)).collect();
        if !words.iter().all(|w| terms.contains(w)) {
            continue;
        }
        let has: Vec<Vec<usize>> = facets.iter().map(|f| values_of(f, a)).collect();
        if facets.iter().zip(&has).all(|(f, h)| passes(f, h)) {
            expected_ids.push(id.clone());
        }
        for (i, f) in facets.iter().enumerate() {
            let others = facets
                .iter()
                .zip(&has)
                .enumerate()
                .all(|(j, (g, h))| (j == i && !f.all) || passes(g, h));
            if others {
                for v in &has[i] {
                    counts[i][*v] += 1;
                }
            }
        }
    }
    assert!(
        !expected_ids.is_empty(),
        "{name}: a test that finds nothing proves little"
    );
    let mut got_ids = strings(&got["all"]);
    got_ids.sort();
    expected_ids.sort();
    assert_eq!(got_ids, expected_ids, "{name}: results");
    for (i, f) in facets.iter().enumerate() {
        let js: Vec<usize> = got["counts"][f.id]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(js, counts[i], "{name}: counts for {}", f.id);
    }
}

#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn the_page_keeps_its_state_in_the_url_and_back_works() {
    let Some(report) = harness() else { return };
    let from_url = &report["fromUrl"];
    assert_eq!(from_url["q"], "walking");
    assert_eq!(strings(&from_url["checked"]), ["day=tuesday"]);
    assert_eq!(
        from_url["status"],
        "2\u{a0}activities match ‘walking’ and the filters you chose."
    );
    assert_eq!(from_url["statusRole"], "status");
    assert_eq!(
        strings(&from_url["titles"]),
        [
            "/activities/walk-and-talk-abington/",
            "/activities/young-peoples-wellbeing-wellingborough/"
        ]
    );
    assert_eq!(from_url["counts"]["day=tuesday"], "(2)");
    assert_eq!(from_url["filtersShown"], true);
    assert_eq!(from_url["needsJsHidden"], true);

    let submitted = &report["afterSubmit"];
    assert_eq!(submitted["search"], "?q=gardning");
    assert_eq!(submitted["status"], "10\u{a0}activities match ‘gardning’.");
    assert_eq!(
        strings(&submitted["titles"])[0],
        "/activities/rushden-roots-garden-sessions/"
    );

    let back = &report["afterBack"];
    for key in ["search", "q", "checked", "status", "titles"] {
        assert_eq!(back[key], from_url[key], "after Back: {key}");
    }

    // Opening the Cost filter fetches its file alone and shows its counts;
    // closed filters show none.
    let opened = &report["openedFilter"];
    assert_eq!(strings(&opened["facetFiles"]), ["facet-cost.txt"]);
    assert_eq!(opened["counts"]["cost=free"], "(7)", "{opened}");
    assert_eq!(opened["counts"]["day=tuesday"], "", "{opened}");
    let filtered = &report["afterFilter"];
    assert_eq!(filtered["search"], "?q=walking&day=tuesday&cost=free");
    assert_eq!(strings(&filtered["checked"]), ["day=tuesday", "cost=free"]);
}

#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
fn near_a_postcode_shows_distances_and_unknown_postcodes_say_so() {
    let Some(report) = harness() else { return };
    let near = &report["nearPage"];
    assert_eq!(
        near["status"],
        "1\u{a0}activity matches ‘choir’, nearest to NN1 first."
    );
    assert_eq!(strings(&near["distances"]), ["0.5 miles away"]);
    assert_eq!(near["nearError"], Value::Null);

    // A home-visit service covering NN12 leads, marked as covering it
    // rather than given a distance; the others that are not at a venue
    // say so.
    let covering = &report["coveringPage"];
    assert_eq!(covering["titles"][0], "/activities/home-visit-befriending/");
    let distances = strings(&covering["distances"]);
    assert_eq!(distances[0], "Covers NN12", "{distances:?}");
    assert!(
        distances[1..]
            .iter()
            .all(|d| d.ends_with(" away") || d == "Not at a venue"),
        "{distances:?}"
    );

    // Nothing found: the nearest words as links, the browse lists and the
    // region's link workers.
    let nothing = &report["nothingFound"];
    assert_eq!(
        nothing["status"],
        "No activities match ‘yogo classes’. Check the spelling or try other words."
    );
    assert_eq!(nothing["noneShown"], true);
    assert_eq!(nothing["suggestShown"], true, "{nothing}");
    let links = nothing["suggestLinks"].as_array().unwrap();
    assert_eq!(links[0][0], "yoga", "{links:?}");
    assert_eq!(links[0][1], "/search/?q=yoga+classes");
    let text = nothing["noneText"].as_str().unwrap();
    assert!(text.contains("browse all activities"), "{text}");
    assert!(
        text.contains("contact the link workers on 01632 960100"),
        "{text}"
    );
    assert_eq!(report["somethingFound"]["noneShown"], false);

    let unknown = &report["unknownPostcode"];
    assert_eq!(
        unknown["nearError"],
        "Error: We could not find the postcode district ZZ99. Check the postcode, or enter its first part, like NN11"
    );
    // GOV.UK's error pattern: a summary at the top, focused, linking to the
    // field, and the field described by its error. The ZZ area has no
    // file, so none was asked for (a failed request would show in the
    // browser's console).
    assert_eq!(
        unknown["errorSummary"],
        "There is a problem We could not find the postcode district ZZ99. Check the postcode, or enter its first part, like NN11"
    );
    assert_eq!(unknown["errorLink"], "#search-near");
    assert_eq!(unknown["focused"], "search-error-summary");
    assert_eq!(
        unknown["nearDescribedBy"],
        "search-near-hint search-near-error"
    );
    assert_eq!(unknown["postcodeFiles"], serde_json::json!([]));
    assert_eq!(near["postcodeFiles"], serde_json::json!(["NN.txt"]));
    assert_eq!(near["errorSummary"], Value::Null);
    assert_eq!(near["nearDescribedBy"], "search-near-hint");
    assert_eq!(near["formShown"], true);
    // Not a postcode at all: the status line says so too, rather than
    // that it could not be found.
    let bad = &report["badPostcode"];
    assert_eq!(
        bad["nearError"],
        "Error: Enter a postcode like NN11 4FE, or its first part, like NN11"
    );
    assert!(
        bad["status"]
            .as_str()
            .unwrap()
            .starts_with("That is not a postcode, so results are not sorted by distance. "),
        "{}",
        bad["status"]
    );
    assert_eq!(bad["focused"], "search-error-summary");
    assert!(
        bad["title"]
            .as_str()
            .unwrap()
            .starts_with("Error: Search activities"),
        "{}",
        bad["title"]
    );
    let filtered = &report["badPostcodeFiltered"];
    assert_eq!(filtered["checked"], serde_json::json!(["cost=free"]));
    assert_eq!(filtered["focused"], "f-cost-free");
    assert!(
        !filtered["title"]
            .as_str()
            .unwrap()
            .starts_with("Error: Error:"),
        "{}",
        filtered["title"]
    );
    // Not an empty list: everything, unsorted by distance, with the reason.
    assert!(
        unknown["status"]
            .as_str()
            .unwrap()
            .starts_with("We could not find the postcode district ZZ99, so results are not sorted by distance. 59\u{a0}activities match"),
        "{}",
        unknown["status"]
    );
    assert_eq!(unknown["titles"].as_array().unwrap().len(), 10);
}

/// Without JavaScript the search page is a GET form plus browse lists.
/// Following those lists (and their pages) must reach every activity the
/// search index can return.
#[test]
fn without_javascript_the_browse_pages_reach_every_searchable_activity() {
    let site = sample_site();
    let mut searchable = BTreeSet::new();
    for entry in std::fs::read_dir(site.join("search/index")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.starts_with('r') && name.ends_with(".json") {
            let rows: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            for row in rows.as_array().unwrap() {
                searchable.insert(format!("/activities/{}/", row[0].as_str().unwrap()));
            }
        }
    }
    assert_eq!(searchable.len(), directory().index.listed.len());

    let links = |page: &str, within: &str| -> Vec<String> {
        let file = site.join(page.trim_start_matches('/')).join("index.html");
        let html = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        let selector = scraper::Selector::parse(&format!("{within} a[href]")).unwrap();
        html.select(&selector)
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    let search_html = std::fs::read_to_string(site.join("search/index.html")).unwrap();
    assert!(search_html.contains(r#"method="get""#));
    assert!(search_html.contains(r#"name="q""#) && search_html.contains(r#"name="near""#));
    // The activities reachable from some links, through listing pages, their
    // pagination and (from the district index) each district's page.
    let reach = |start: Vec<String>| -> BTreeSet<String> {
        let mut queue = start;
        let mut seen = BTreeSet::new();
        let mut reached = BTreeSet::new();
        while let Some(page) = queue.pop() {
            if !seen.insert(page.clone()) {
                continue;
            }
            if page.starts_with("/activities/") && page.matches('/').count() == 3 {
                reached.insert(page);
                continue;
            }
            queue.extend(links(&page, "main").into_iter().filter(|l| {
                (l.starts_with("/activities/") && !l.contains("/page/"))
                    || l.starts_with(&format!("{page}page/"))
                    || (page == "/near/" && l.starts_with("/near/"))
            }));
        }
        reached
    };
    let browse = links("/search/", ".browse");
    let group = |prefix: &str| -> Vec<String> {
        browse
            .iter()
            .filter(|l| l.starts_with(prefix))
            .cloned()
            .collect()
    };
    // Each way of browsing on its own reaches everything search can find.
    for (way, start) in [
        ("categories", group("/categories/")),
        ("days", group("/days/")),
        (
            "PCNs and the region-wide list",
            [group("/pcns/"), group("/region/")].concat(),
        ),
        ("A to Z", group("/activities/")),
    ] {
        assert!(!start.is_empty(), "{way}: no links");
        let missing: Vec<String> = searchable.difference(&reach(start)).cloned().collect();
        assert!(
            missing.is_empty(),
            "not reachable by {way} without JavaScript: {missing:?}"
        );
    }
    // Every in-person activity, and every one serving named districts, is
    // on some district's "near" page; the rest are not.
    let near = reach(group("/near/"));
    for id in &directory().index.listed {
        let url = format!("/activities/{id}/");
        let a = &directory().activities[id];
        let placed = a.venue.is_some()
            || a.area_served
                .as_ref()
                .is_some_and(|s| !s.districts.is_empty());
        assert_eq!(near.contains(&url), placed, "{id} on a near page");
    }
}

/// Search results show the theme's own card: a site that overrides the
/// card partial gets it in its listings and in its search result rows.
#[test]
fn a_theme_card_reaches_search_results() {
    let site = Site::minimal();
    let card = std::fs::read_to_string(
        repo().join("themes/default/templates/partials/activity-card.html"),
    )
    .unwrap()
    .replace("<p class=\"card-org\">", "<p class=\"card-org my-card\">");
    site.write("themes/default/templates/partials/activity-card.html", card);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let rows: Value = serde_json::from_str(&site.read("site/search/index/r0.json")).unwrap();
    let row = &rows[0];
    assert_eq!(row[0], "park-walk");
    let html = row[1].as_str().unwrap();
    assert!(html.contains("card-org my-card"), "{html}");
    assert!(html.contains("href=\"/activities/park-walk/\""), "{html}");
    assert!(
        site.read("site/activities/index.html")
            .contains("card-org my-card")
    );
}

/// A description written in HTML (as other systems' feeds often are) is
/// searched like a Markdown one: its words are in the index.
#[test]
fn a_word_only_in_an_html_description_is_in_the_index() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "  We walk for about an hour at an easy pace.",
        "  <p>We walk for about an hour, then talk about <b>zymurgy</b>.</p>",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let terms = site.read("site/search/index/terms.txt");
    let stem = text::stem("zymurgy");
    assert!(
        terms
            .lines()
            .any(|l| l.split('\t').next() == Some(stem.as_str())),
        "{stem} is not in the index"
    );
}

/// The results of `q` over the index of a site built into `site/`.
fn ids_found(site: &Site, q: &str) -> Vec<String> {
    use signpost::search::query::{Engine, Query};
    let root = site.path("site");
    let engine = Engine::new(|path: &str| std::fs::read_to_string(root.join(path)).ok()).unwrap();
    let today = chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").unwrap();
    let dir = signpost::content::load(site.root(), today)
        .unwrap()
        .directory
        .unwrap();
    engine
        .search(&Query {
            q: q.to_string(),
            ..Query::default()
        })
        .hits
        .iter()
        .map(|h| dir.index.listed[h.doc].clone())
        .collect()
}

/// A site's own synonyms are added to the shipped ones, or replace them;
/// `check` points at each group that cannot work.
#[test]
fn a_site_extends_or_replaces_the_synonyms_and_check_validates_them() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let site = Site::minimal();
    site.edit(
        WALK,
        "We walk for about an hour",
        "We walk, and keep fit, for about an hour",
    );
    let yaml = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        format!("{yaml}search:\n  synonyms:\n    - [ramble, walk]\n"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(ids_found(&site, "ramble"), ["park-walk"]);
    // A shipped group: "keep fit" is "exercise".
    assert_eq!(ids_found(&site, "exercise"), ["park-walk"]);

    site.write(
        "content/site.yaml",
        format!("{yaml}search:\n  default_synonyms: false\n  synonyms:\n    - [ramble, walk]\n"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(ids_found(&site, "ramble"), ["park-walk"]);
    assert!(ids_found(&site, "exercise").is_empty());

    site.write(
        "content/site.yaml",
        format!(
            "{yaml}search:\n  synonyms:\n    - [lonely]\n    - [food bank, \"!!!\"]\n    - [a very long phrase of words, walk]\nlink_workers: {{}}\n"
        ),
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stdout);
    let file = "content/site.yaml";
    run.assert_reports(
        &site.at(file, "- [lonely]", "[lonely]"),
        "a group of synonyms needs at least two words or phrases",
    );
    run.assert_reports(
        &site.at(file, "\"!!!\"", "\"!!!\""),
        "\"!!!\" has no letters or digits to search for",
    );
    run.assert_reports(
        &site.at(file, "a very long phrase", "a very long phrase"),
        "\"a very long phrase of words\" has 6 words; a synonym is a word or a phrase of up to 4",
    );
    run.assert_reports(
        &site.at(file, "link_workers:", "{}"),
        "`link_workers` needs a way to reach them",
    );
}

/// `signpost search` prints the ranked results with their scores, as the
/// page ranks them, and refuses a filter the page does not offer.
#[test]
fn the_search_command_shows_the_ranking() {
    let root = repo();
    let run = signpost(&[
        "search".as_ref(),
        "money advice".as_ref(),
        "--max".as_ref(),
        "2".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stderr, run.stdout);
    assert!(
        run.stdout.starts_with(
            "8 activities found.\n  1. Money Advice Centre, Corby (money-advice-centre-corby): score 16\n  2. Money and Benefits Advice Drop-in (money-advice-drop-in-northampton): score 16\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    let run = signpost(&[
        "search".as_ref(),
        "walk".as_ref(),
        "--filter".as_ref(),
        "day=funday".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "the filter `day` has no value `funday`; its values are monday, tuesday, wednesday, thursday, friday, saturday, sunday"
        ),
        "{}",
        run.stderr
    );
}
