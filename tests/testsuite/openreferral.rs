//! `signpost import openreferral`: Open Referral UK feeds (1.0 and 3.0),
//! from files and from a web address walked page by page (a local server
//! here), into entries that pass `check`, with nothing invented, and
//! nothing written when the feed cannot be read.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{repo, signpost, snapshot};

/// A fresh directory from `signpost init`.
fn region(tmp: &Path) -> PathBuf {
    let dir = tmp.join("region");
    let run = signpost(&[
        "init".as_ref(),
        dir.as_os_str(),
        "--region".as_ref(),
        "Testshire".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    dir
}

fn import(dir: &Path, sources: &[&str], extra: &[&str]) -> crate::common::Run {
    let mut args: Vec<&OsStr> = vec!["import".as_ref(), "openreferral".as_ref()];
    args.extend(sources.iter().map(OsStr::new));
    args.extend(extra.iter().map(OsStr::new));
    args.extend(["--root".as_ref(), dir.as_os_str()]);
    signpost(&args)
}

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/openreferral")
        .join(name)
        .display()
        .to_string()
}

fn example() -> String {
    repo()
        .join("tests/fixtures/openreferral-uk-3.0/example-service_full.json")
        .display()
        .to_string()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn check_has_no_errors(dir: &Path) {
    let check = crate::common::check(dir);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stdout.contains(" 0 errors, "), "{}", check.stdout);
}

/// The ORUK 3.0 example becomes an activity whose page shows its opening
/// times, place, cost and contact. What cannot be right in a UK directory
/// (a US postcode, a latitude of 100) is said, and kept in words or left
/// out, never invented; the same feed imports to the same files.
#[test]
fn the_oruk_3_example_imports_to_a_page_with_its_schedule_place_cost_and_contact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = region(tmp.path());
    let run = import(&dir, &[&example()], &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("Activities: 1 created, 0 updated, 0 unchanged."),
        "{}",
        run.stdout
    );
    for said in [
        "\"ABC 1234\" at MyCity Civic Center is not a UK postcode, so it is kept in the address",
        "MyCity Civic Center's position (100, 101) is not in the UK, so it is left out",
        "its schedule is valid only until 1 January 2005, which has passed",
        "these taxonomy terms have no category",
        "accreditations (1 service)",
        "contacts[].title (1 service)",
    ] {
        assert!(run.stdout.contains(said), "{said}\n{}", run.stdout);
    }
    check_has_no_errors(&dir);
    let activity = read(&dir, "content/activities/community-counselling.yaml");
    assert!(
        activity.contains(
            "source: {system: \"openreferral\", id: \"ac148810-d857-441c-9679-408f346de14b\"}"
        ),
        "{activity}"
    );
    let org = read(&dir, "content/organisations/example-organization-inc.yaml");
    assert!(org.contains("name: \"Example Organization Inc.\""), "{org}");

    let build = signpost(&["build".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    let page = read(&dir, "site/activities/community-counselling/index.html");
    for shown in [
        "<li>Thursday, 10am to 6pm</li><li>Friday, 10am to 6pm</li>",
        "The service is available from 10 am to 6pm weekdays.",
        "<p>MyCity Civic Center<br>1-30 Main Street, MyCity, MyRegion, MyState, ABC 1234, US</p>",
        "£35 per 1 hour session (Under 18s and Over 60s)",
        "Ann Persona",
        "email@example.com",
        "Ages 12 to 100",
    ] {
        assert!(page.contains(shown), "{shown}\n{page}");
    }

    // The same input gives the same files, and a second run changes nothing.
    let other = region(&tmp.path().join("again"));
    assert_eq!(import(&other, &[&example()], &[]).code, 0);
    assert_eq!(
        snapshot(&dir.join("content")),
        snapshot(&other.join("content"))
    );
    let run = import(&dir, &[&example()], &[]);
    assert!(
        run.stdout
            .contains("Activities: 0 created, 0 updated, 1 unchanged."),
        "{}",
        run.stdout
    );
}

/// An ORUK 1.0 item with only a name, a description, a web address and an
/// email imports with no errors once the importer says who runs it; without
/// that, it is a problem, and nothing is written.
#[test]
fn an_oruk_1_item_with_only_a_name_description_web_address_and_email_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = region(tmp.path());
    let before = snapshot(&dir);
    let run = import(&dir, &[&fixture("oruk1-minimal.json")], &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("service \"Carers' Advice Line\" does not say which organisation runs it (it has no `organization` with a `name`). Give --organisation \"NAME\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Nothing was written, as 1 service could not be imported."),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&dir), before);

    let run = import(
        &dir,
        &[&fixture("oruk1-minimal.json")],
        &["--organisation", "Testshire Carers"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("problem"), "{}", run.stdout);
    check_has_no_errors(&dir);
    assert_eq!(
        read(&dir, "content/activities/carers-advice-line.yaml"),
        "title: \"Carers' Advice Line\"\norganisation: testshire-carers\nstatus: running\ndescription: \"Free, confidential advice for unpaid carers: benefits, respite and your rights.\"\ncontact: {email: \"advice@carers.example.org\", website: \"https://carers.example.org/advice\"}\nsource: {system: \"openreferral\", id: \"9d1f7c2e-0b61-4d8a-a1b7-3f0c5e2a6b10\"}\n"
    );
    assert_eq!(
        read(&dir, "content/organisations/testshire-carers.yaml"),
        "name: \"Testshire Carers\"\n"
    );
}

/// ORUK 1.0's shapes (regular_schedules, physical_addresses, eligibilitys,
/// service_taxonomys, languages) map onto the model: weekly hours, a
/// fortnightly and a monthly session, a UK venue with its position, free
/// and priced costs, ages, a language of site.yaml, and a category through
/// the taxonomy mapping file. Terms and languages with no place are listed.
#[test]
fn oruk_1_fields_map_onto_the_content_model() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = region(tmp.path());
    let map = tmp.path().join("taxonomy.yaml");
    std::fs::write(
        &map,
        "terms:\n  - term: local-outdoors\n    category: nature-and-gardening\n",
    )
    .unwrap();
    let run = import(
        &dir,
        &[&fixture("oruk1-full.json")],
        &["--taxonomy", map.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("taxonomy terms"), "{}", run.stdout);
    assert!(
        run.stdout.contains("they are left out: Somali (1 service)"),
        "{}",
        run.stdout
    );
    check_has_no_errors(&dir);
    let walk = read(&dir, "content/activities/brackley-health-walk.yaml");
    for line in [
        "categories: [physical-activity, nature-and-gardening]",
        "opening_hours: [{day: tuesday, opens: \"10:00\", closes: \"11:00\"}]",
        "venue: {name: \"Brackley Library\", address: \"Manor Road, Brackley, Northamptonshire\", postcode: NN13 6AE, latitude: 52.0326, longitude: -1.1471}",
        "cost: \"free\"",
        "who_for: {age_min: 18, eligibility: \"Adults who can walk for an hour on level ground\"}",
        "languages: [en]",
        "contact: {name: \"Sue Walker\", phone: \"01280 700123\", email: \"walks@example.org\", website: \"https://walks.example.org/brackley\"}",
        "area_served: {description: \"Brackley and the villages around it\"}",
    ] {
        assert!(walk.contains(line), "{line}\n{walk}");
    }
    let clinic = read(&dir, "content/activities/money-clinic.yaml");
    assert!(
        clinic.contains("schedule: [{frequency: fortnightly, day: thursday, from: 2026-11-05, start: \"13:00\", end: \"15:30\"}, {frequency: monthly, week: last, day: friday, start: \"09:30\", end: \"12:00\"}]"),
        "{clinic}"
    );
    assert!(clinic.contains("cost: \"£2.50 per visit\""), "{clinic}");

    let build = signpost(&["build".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    // The feed's HTML description is kept as HTML, made safe.
    let page = read(&dir, "site/activities/brackley-health-walk/index.html");
    assert!(
        page.contains("<p>A gentle <strong>one-hour</strong> walk around Brackley"),
        "{page}"
    );

    // A mapping to a category site.yaml does not have is pointed out at
    // its line, and nothing is written.
    let before = snapshot(&dir.join("content"));
    std::fs::write(
        &map,
        "terms:\n  - term: local-outdoors\n    category: outdoors\n",
    )
    .unwrap();
    let run = import(
        &dir,
        &[&fixture("oruk1-full.json")],
        &["--taxonomy", map.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("taxonomy.yaml:3:15"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("there is no category with the id `outdoors`"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&dir.join("content")), before);
}

/// A re-import after a change upstream updates exactly that field, keeps
/// what a person added, and marks a service gone from the feed as ended
/// (never deleting its file), saying so.
#[test]
fn a_reimport_updates_the_changed_field_keeps_local_edits_and_ends_removed_services() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = region(tmp.path());
    let mut feed: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("oruk1-full.json")).unwrap())
            .unwrap();
    let file = tmp.path().join("feed.json");
    std::fs::write(&file, feed.to_string()).unwrap();
    let file = file.to_str().unwrap();
    assert_eq!(import(&dir, &[file], &[]).code, 0);

    const CLINIC: &str = "content/activities/money-clinic.yaml";
    const WALK: &str = "content/activities/brackley-health-walk.yaml";
    let edited = read(&dir, CLINIC).replace(
        "status: running\n",
        "status: running\n# Checked with Jo on the phone\nsummary: \"Free help with money worries, every other Thursday.\"\n",
    );
    std::fs::write(dir.join(CLINIC), &edited).unwrap();
    feed["content"][1]["cost_options"][0]["amount"] = json!(3);
    std::fs::write(
        file,
        json!({"content": [feed["content"][1].clone()], "totalPages": 1, "number": 1}).to_string(),
    )
    .unwrap();
    let walk_before = read(&dir, WALK);

    let run = import(&dir, &[file], &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        read(&dir, CLINIC),
        edited.replace("£2.50 per visit", "£3 per visit")
    );
    assert!(
        run.stdout
            .contains("changed: content/activities/money-clinic.yaml (cost)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\"Brackley Health Walk\" (content/activities/brackley-health-walk.yaml) is no longer in the feed, so it is marked `status: ended`"),
        "{}",
        run.stdout
    );
    assert_eq!(
        read(&dir, WALK),
        walk_before.replace("status: running", "status: ended")
    );
    check_has_no_errors(&dir);

    // A single service's document is not the whole feed: nothing else ends.
    let one = tmp.path().join("one.json");
    std::fs::write(&one, feed["content"][1].to_string()).unwrap();
    let run = import(&dir, &[one.to_str().unwrap()], &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        !run.stdout.contains("no longer in the feed"),
        "{}",
        run.stdout
    );
}

/// A reply from the local feed server.
#[derive(Clone)]
enum Reply {
    Json(String),
    Html,
    /// Answers after longer than the import waits.
    Slow,
}

/// Serves `routes` (path and query → reply) on a local port, for as long
/// as the test runs; anything else is a 404.
fn serve(routes: Vec<(String, Reply)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let routes = routes.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let target = line.split(' ').nth(1).unwrap_or("").to_string();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let reply = routes.iter().find(|(p, _)| *p == target).map(|(_, r)| r);
                let (status, kind, body) = match reply {
                    Some(Reply::Json(body)) => ("200 OK", "application/json", body.clone()),
                    Some(Reply::Html) => (
                        "200 OK",
                        "text/html",
                        "<!doctype html><title>Welcome</title><p>Our directory</p>".into(),
                    ),
                    Some(Reply::Slow) => {
                        std::thread::sleep(std::time::Duration::from_secs(4));
                        ("200 OK", "application/json", "[]".into())
                    }
                    None => ("404 Not Found", "text/plain", "not found".into()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    base
}

/// A 3.0 feed of three pages of one summary each, and each service's full
/// document beside the list.
fn three_page_feed() -> Vec<(String, Reply)> {
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    let mut routes = Vec::new();
    for n in 1..=3 {
        let id = format!("svc-{n}");
        let mut full = example.clone();
        full["id"] = json!(id);
        full["name"] = json!(format!("Counselling group {n}"));
        let summary = json!({
            "id": id,
            "name": full["name"],
            "description": full["description"],
            "organization": full["organization"],
        });
        routes.push((format!("/api/services/{id}"), Reply::Json(full.to_string())));
        let page = json!({
            "total_items": 3, "total_pages": 3, "page_number": n, "size": 1,
            "first_page": n == 1, "last_page": n == 3, "empty": false,
            "contents": [summary],
        });
        let target = if n == 1 {
            "/api/services".to_string()
        } else {
            format!("/api/services?page={n}")
        };
        routes.push((target, Reply::Json(page.to_string())));
    }
    routes.push(("/html".into(), Reply::Html));
    routes.push(("/slow/services".into(), Reply::Slow));
    routes
}

/// A paginated feed served locally is walked to its last page, and each
/// summary's full document is fetched; a feed that times out, answers
/// with a web page or is not there gets a clear error, and nothing is
/// written.
#[test]
fn a_paginated_feed_is_walked_to_the_end_and_a_bad_one_writes_nothing() {
    let base = serve(three_page_feed());
    let tmp = tempfile::tempdir().unwrap();
    let dir = region(tmp.path());
    let before = snapshot(&dir);

    for (path, said) in [
        (
            "/html",
            "/html is a web page (HTML), not an Open Referral feed (JSON).",
        ),
        (
            "/slow/services",
            "/slow/services did not answer within 1 second.",
        ),
        (
            "/nowhere",
            "/nowhere answered \"404 Not Found\" instead of the feed.",
        ),
    ] {
        let url = format!("{base}{path}");
        let run = import(&dir, &[&url], &["--timeout", "1"]);
        assert_eq!(run.code, 2, "{path}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
        assert!(
            run.stderr.contains("Nothing was written."),
            "{}",
            run.stderr
        );
        assert_eq!(snapshot(&dir), before, "{path}");
    }

    let url = format!("{base}/api/services");
    let run = import(&dir, &[&url], &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("Read 3 services from 3 pages and 3 full service documents."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Activities: 3 created, 0 updated, 0 unchanged."),
        "{}",
        run.stdout
    );
    for n in 1..=3 {
        let entry = read(
            &dir,
            &format!("content/activities/counselling-group-{n}.yaml"),
        );
        // From the full document, not the summary.
        assert!(entry.contains("opening_hours:"), "{entry}");
    }
    check_has_no_errors(&dir);
}
