//! The data the build hands on: the Open Referral UK feed, checked
//! against the published ORUK 3.0 schemas (tests/fixtures/openreferral-uk-3.0) by an
//! independent validator; calendars, read back by an independent
//! iCalendar parser and RRULE expander; structured data and spreadsheets.

use std::path::Path;

use serde_json::Value;

use crate::common::{Site, repo};

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A validator for one of the published schemas, formats (uuid, email,
/// uri) included.
fn schema(name: &str) -> jsonschema::Validator {
    let schema = json(&repo().join("tests/fixtures/openreferral-uk-3.0").join(name));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema")
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// Every file of the sample region's feed validates against the ORUK 3.0
/// schemas; each service carries what the model knows; ids stay the same
/// from build to build.
#[test]
fn the_open_referral_feed_validates_against_the_published_schemas() {
    let site = Site::sample();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let feed = site.path("site/openreferral");
    let root = json(&feed.join("index.json"));
    assert_eq!(root["version"], "HSDS-UK-3.0");
    assert!(
        root["openapi_url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );

    let list = json(&feed.join("services.json"));
    let activities = std::fs::read_dir(site.path("content/activities"))
        .unwrap()
        .count();
    assert_eq!(list["total_pages"], 1);
    assert_eq!(list["total_items"], activities);
    let (item, full) = (schema("service_list.json"), schema("service.json"));
    let mut services = 0;
    for s in list["contents"].as_array().unwrap() {
        assert_valid(&item, s, &format!("list item {}", s["name"]));
        let id = s["id"].as_str().unwrap();
        let doc = json(&feed.join(format!("services/{id}.json")));
        assert_valid(&full, &doc, &format!("services/{id}.json"));
        services += 1;
    }
    assert_eq!(services, activities);
    // The validator is not a formality: a broken id or status fails.
    let mut broken = list["contents"][0].clone();
    broken["id"] = "walk-1".into();
    assert!(!item.is_valid(&broken));
    broken["id"] = list["contents"][0]["id"].clone();
    broken["status"] = "running".into();
    assert!(!item.is_valid(&broken));

    let terms = json(&feed.join("taxonomy_terms.json"));
    assert!(!terms["contents"].as_array().unwrap().is_empty());
    let service_schema = json(&repo().join("tests/fixtures/openreferral-uk-3.0/service.json"));
    let term = jsonschema::options()
        .should_validate_formats(true)
        .build(&service_schema["properties"]["attributes"]["items"]["properties"]["taxonomy_term"])
        .unwrap();
    for t in terms["contents"].as_array().unwrap() {
        assert_valid(&term, t, "taxonomy term");
    }
    assert_eq!(json(&feed.join("taxonomies.json"))["total_items"], 1);

    // A fortnightly session with its first date, at a venue with an
    // address, free, with a contact's phone.
    let by_name = |name: &str| -> Value {
        let s = list["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no service {name}"));
        json(&feed.join(format!("services/{}.json", s["id"].as_str().unwrap())))
    };
    let walk = by_name("Brackley Health Walk");
    let schedules = walk["schedules"].as_array().unwrap();
    assert!(!schedules.is_empty(), "{walk:#}");
    assert!(
        schedules
            .iter()
            .all(|s| s["freq"] == "WEEKLY" && s["dtstart"].is_string()),
        "{walk:#}"
    );
    let place = &walk["service_at_locations"][0]["location"];
    assert_eq!(place["location_type"], "physical");
    assert!(
        place["addresses"][0]["postal_code"]
            .as_str()
            .unwrap()
            .starts_with("NN13"),
        "{place:#}"
    );
    assert_eq!(walk["organization"]["id"], walk["organization_id"]);
    assert!(
        !walk["attributes"].as_array().unwrap().is_empty(),
        "{walk:#}"
    );
    assert!(
        !walk["service_areas"].as_array().unwrap().is_empty(),
        "{walk:#}"
    );

    // Built again, every id is the same.
    let before = std::fs::read_to_string(feed.join("services.json")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 0);
    assert_eq!(
        std::fs::read_to_string(feed.join("services.json")).unwrap(),
        before
    );

    // Hosts: Netlify's and Cloudflare Pages' rules come with it.
    let headers = site.read("site/_headers");
    assert!(
        headers.contains("/openreferral/*\n  Access-Control-Allow-Origin: *\n"),
        "{headers}"
    );
    let redirects = site.read("site/_redirects");
    assert!(
        redirects.contains("/openreferral/services/:id /openreferral/services/:id.json 200\n"),
        "{redirects}"
    );

    // Turned off in site.yaml, there is no feed.
    site.edit(
        "content/site.yaml",
        "contact_email:",
        "open_referral:\n  publish: false\ncontact_email:",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!site.path("site/openreferral").exists());
    assert!(!site.path("site/_headers").exists());
}

/// Reads an .ics file with the `ical` parser.
fn calendar(path: &Path) -> ical::parser::ical::component::IcalCalendar {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(file));
    let cal = calendars
        .next()
        .unwrap_or_else(|| panic!("{}: no calendar", path.display()))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(calendars.next().is_none());
    cal
}

fn property<'a>(
    props: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

/// Every occurrence of a calendar's events from `from` for a year, as an
/// independent RRULE expander (the `rrule` crate, with the tz database's
/// Europe/London) reads them: (local date, local start time, UTC offset).
fn occurrences(
    cal: &ical::parser::ical::component::IcalCalendar,
    from: chrono::NaiveDate,
) -> Vec<(chrono::NaiveDate, chrono::NaiveTime, i32)> {
    use chrono::{Offset, TimeZone};
    let london = rrule::Tz::Europe__London;
    let start = london
        .from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap())
        .unwrap();
    let end = london
        .from_local_datetime(
            &(from + chrono::Days::new(365))
                .and_hms_opt(23, 59, 59)
                .unwrap(),
        )
        .unwrap();
    let mut out = Vec::new();
    for event in &cal.events {
        let p = &event.properties;
        let dtstart = property(p, "DTSTART").expect("DTSTART");
        let tzid = dtstart
            .params
            .as_ref()
            .and_then(|ps| ps.iter().find(|(k, _)| k == "TZID"))
            .map(|(_, v)| v.join(""));
        assert_eq!(tzid.as_deref(), Some("Europe/London"));
        let mut text = format!(
            "DTSTART;TZID=Europe/London:{}",
            dtstart.value.as_ref().unwrap()
        );
        let rule = property(p, "RRULE").and_then(|r| r.value.clone());
        match &rule {
            Some(rule) => text.push_str(&format!("\nRRULE:{rule}")),
            // A single event: its own occurrence, once.
            None => text.push_str("\nRRULE:FREQ=DAILY;COUNT=1"),
        }
        if let Some(ex) = property(p, "EXDATE") {
            text.push_str(&format!(
                "\nEXDATE;TZID=Europe/London:{}",
                ex.value.as_ref().unwrap()
            ));
        }
        let set: rrule::RRuleSet = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        for dt in set.after(start).before(end).all(1000).dates {
            out.push((
                dt.date_naive(),
                dt.time(),
                dt.offset().fix().local_minus_utc(),
            ));
        }
    }
    out.sort();
    out
}

/// For every sample activity with fixed sessions, the occurrences an
/// independent iCalendar parser and RRULE expander find over the next 12
/// months are the schedule's own next dates, at the same local time on
/// both sides of the clocks changing; exceptions are left out; each PCN
/// has a calendar of the activities open to its patients.
#[test]
fn calendars_repeat_exactly_as_the_schedules_do() {
    let site = Site::sample();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let today = chrono::NaiveDate::parse_from_str(crate::common::TODAY, "%Y-%m-%d").unwrap();
    let dir = signpost::content::load(site.root(), today)
        .unwrap()
        .directory
        .unwrap();
    let year = today + chrono::Days::new(365);
    let (mut checked, mut summer, mut winter, mut excepted) = (0, 0, 0, 0);
    for a in dir.activities.values() {
        let file = site.path(&format!("site/activities/{}/calendar.ics", a.id));
        if !dir.has_calendar(a, today) {
            assert!(!file.exists(), "{}", a.id);
            continue;
        }
        let page = site.read(&format!("site/activities/{}/index.html", a.id));
        assert!(
            page.contains("calendar.ics\" download>Add to calendar"),
            "{}",
            a.id
        );
        let cal = calendar(&file);
        let got = occurrences(&cal, today);
        let mut want: Vec<(chrono::NaiveDate, chrono::NaiveTime)> = a
            .schedule
            .iter()
            .flat_map(|s| {
                s.next_dates(today, 1000)
                    .into_iter()
                    .filter(|d| *d <= year)
                    .map(|d| (d, s.start))
            })
            .collect();
        want.sort();
        let got_local: Vec<_> = got.iter().map(|(d, t, _)| (*d, *t)).collect();
        assert_eq!(got_local, want, "{}", a.id);
        summer += got.iter().filter(|(_, _, off)| *off == 3600).count();
        winter += got.iter().filter(|(_, _, off)| *off == 0).count();
        excepted += a.schedule.iter().map(|s| s.except.len()).sum::<usize>();
        for event in &cal.events {
            for name in ["UID", "DTSTAMP", "SUMMARY", "URL", "DTEND"] {
                assert!(
                    property(&event.properties, name).is_some(),
                    "{} {name}",
                    a.id
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked} calendars");
    assert!(
        summer > 0 && winter > 0,
        "the year crosses both clock changes"
    );
    assert!(
        excepted > 0,
        "some sample session has dates it does not run"
    );

    // Each PCN's calendar has the activities run especially for its
    // patients; those open to everyone are in the region's, once.
    use signpost::content::activity::PcnScope;
    let uids = |cal: &ical::parser::ical::component::IcalCalendar| -> Vec<String> {
        cal.events
            .iter()
            .filter_map(|e| property(&e.properties, "UID").and_then(|u| u.value.clone()))
            .collect()
    };
    let owner = |uid: &str| {
        let id = dir
            .activities
            .keys()
            .filter(|id| uid.starts_with(&format!("{id}-")))
            .max_by_key(|id| id.len())
            .unwrap_or_else(|| panic!("{uid}"));
        &dir.activities[id]
    };
    let region = uids(&calendar(&site.path("site/region/calendar.ics")));
    assert!(!region.is_empty());
    assert!(region.iter().all(|u| owner(u).pcns == PcnScope::All));
    let mut in_pcns = 0;
    for p in dir.pcns.values() {
        let cal = calendar(&site.path(&format!("site/pcns/{}/calendar.ics", p.id)));
        assert!(!cal.timezones.is_empty());
        for uid in uids(&cal) {
            let a = owner(&uid);
            assert!(
                a.pcns != PcnScope::All && a.pcns.serves(&p.id),
                "{uid} in {}",
                p.id
            );
            in_pcns += 1;
        }
        let page = site.read(&format!("site/pcns/{}/index.html", p.id));
        assert!(
            page.contains(&format!("/pcns/{}/calendar.ics", p.id)),
            "{}",
            p.id
        );
        assert!(page.contains("/region/calendar.ics"), "{}", p.id);
    }
    assert!(in_pcns > 0);
}

/// Every JSON-LD block of every sample page parses, and carries what
/// Google's structured-data documentation requires for its type: Event
/// (name, startDate, location with an address or a URL), LocalBusiness for
/// the MedicalClinic (name, address), Organization for the NGO (name,
/// url), BreadcrumbList (itemListElement with position, name and item).
/// Event times carry London's offset as the tz database has it.
#[test]
fn structured_data_parses_and_has_what_search_engines_require() {
    use chrono::{Offset, TimeZone};
    let site = Site::sample();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let selector = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut pages, mut schedules) = (0, 0);
    for entry in walkdir::WalkDir::new(site.path("site")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(site.path("site"))
            .unwrap()
            .display()
            .to_string();
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let mut crumbs = false;
        for script in html.select(&selector) {
            let v: Value =
                serde_json::from_str(&script.inner_html()).unwrap_or_else(|e| panic!("{rel}: {e}"));
            let kind = v["@type"]
                .as_str()
                .unwrap_or_else(|| panic!("{rel}: no @type"))
                .to_string();
            assert!(
                v["@context"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://schema.org"),
                "{rel}"
            );
            let has = |key: &str| !v[key].is_null();
            match kind.as_str() {
                "BreadcrumbList" => {
                    crumbs = true;
                    for (n, item) in v["itemListElement"].as_array().unwrap().iter().enumerate() {
                        assert_eq!(item["@type"], "ListItem", "{rel}");
                        assert_eq!(item["position"], n + 1, "{rel}");
                        assert!(item["name"].is_string(), "{rel}");
                        assert!(
                            item["item"].as_str().unwrap().starts_with("https://"),
                            "{rel}"
                        );
                    }
                }
                "Event" => {
                    assert!(has("name") && has("startDate") && has("location"), "{rel}");
                    let loc = &v["location"];
                    let loc = if loc.is_array() { &loc[0] } else { loc };
                    match loc["@type"].as_str() {
                        Some("Place") => {
                            assert!(loc["address"]["@type"] == "PostalAddress", "{rel}")
                        }
                        Some("VirtualLocation") => assert!(loc["url"].is_string(), "{rel}"),
                        other => panic!("{rel}: location {other:?}"),
                    }
                    let start =
                        chrono::DateTime::parse_from_rfc3339(v["startDate"].as_str().unwrap())
                            .unwrap_or_else(|e| panic!("{rel}: {e}"));
                    let london = rrule::Tz::Europe__London
                        .from_local_datetime(&start.naive_local())
                        .unwrap();
                    assert_eq!(
                        start.offset().local_minus_utc(),
                        london.offset().fix().local_minus_utc(),
                        "{rel}: {start}"
                    );
                    for s in v["eventSchedule"].as_array().unwrap() {
                        assert_eq!(s["@type"], "Schedule", "{rel}");
                        assert_eq!(s["scheduleTimezone"], "Europe/London", "{rel}");
                        assert!(
                            s["startTime"].is_string() && s["endTime"].is_string(),
                            "{rel}"
                        );
                        schedules += 1;
                    }
                    assert!(v["organizer"]["name"].is_string(), "{rel}");
                }
                "Service" => assert!(has("name") && v["provider"]["name"].is_string(), "{rel}"),
                "MedicalClinic" => {
                    assert!(has("name") && has("telephone"), "{rel}");
                    assert_eq!(v["address"]["@type"], "PostalAddress", "{rel}");
                    assert!(v["address"]["postalCode"].is_string(), "{rel}");
                }
                "NGO" => assert!(has("name") && has("url"), "{rel}"),
                "JobPosting" => {}
                other => panic!("{rel}: unexpected @type {other}"),
            }
            *seen.entry(kind).or_default() += 1;
        }
        assert!(crumbs || rel == "index.html", "{rel}: no BreadcrumbList");
    }
    assert!(pages > 200, "{pages}");
    assert!(schedules > 20, "{schedules}");
    for (kind, at_least) in [
        ("Event", 20),
        ("Service", 3),
        ("MedicalClinic", 60),
        ("NGO", 10),
        ("JobPosting", 1),
    ] {
        assert!(
            seen.get(kind).copied().unwrap_or(0) >= at_least,
            "{kind}: {seen:?}"
        );
    }
}

/// The spreadsheet opens with Python's csv module (an independent reader):
/// a header and one row per activity with a page, UTF-8 with a BOM, and a
/// description that starts with `=` defused so no spreadsheet runs it. The
/// JSON has the same activities.
#[test]
fn the_spreadsheet_opens_in_python_with_a_row_per_activity_and_no_formulas() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "description: |\n",
        "description: |\n  =HYPERLINK(\"https://evil.example/\",\"Click\") and a walk.\n\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let bytes = std::fs::read(site.path("site/data/activities.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte order mark for Excel"
    );
    let script = "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    print(json.dumps(list(csv.DictReader(f))))";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(site.path("site/data/activities.csv"))
        .output()
        .expect("python3 runs (Debian's python3; .ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<std::collections::BTreeMap<String, String>> =
        serde_json::from_slice(&out.stdout).unwrap();
    let activities = std::fs::read_dir(site.path("content/activities"))
        .unwrap()
        .count();
    assert_eq!(rows.len(), activities);
    let walk = rows.iter().find(|r| r["id"] == "park-walk").unwrap();
    assert_eq!(walk["title"], "Park Walk");
    assert!(
        walk["description"].starts_with("'=HYPERLINK("),
        "{}",
        walk["description"]
    );
    assert_eq!(walk["postcode"], "NN1 5BD");
    assert_eq!(walk["url"], "https://example.org/activities/park-walk/");

    let data = json(&site.path("site/data/activities.json"));
    assert_eq!(data["activities"].as_array().unwrap().len(), activities);
    assert_eq!(data["activities"][0]["postcode"][0], "NN1 5BD");

    // "Reuse this data" lists every export, and each address works.
    let page = site.read("site/data/index.html");
    for export in [
        "data/activities.csv",
        "data/activities.json",
        "openreferral/services.json",
        "calendar.ics",
        "jobs/feed.xml",
        "sitemap.xml",
    ] {
        assert!(page.contains(export), "{export}\n{page}");
    }
    let html = scraper::Html::parse_document(&page);
    let links = scraper::Selector::parse(".export a.address").unwrap();
    assert_eq!(html.select(&links).count(), 7);
    for a in html.select(&links) {
        let href = a.value().attr("href").unwrap();
        let rel = href.strip_prefix("https://example.org/").unwrap();
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("site/{rel}index.html")
        } else {
            format!("site/{rel}")
        };
        assert!(site.path(&file).exists(), "{href}");
    }
    assert!(
        site.read("site/index.html")
            .contains("href=\"/data/\">Reuse this data</a>")
    );
}

/// Each export can be turned off in site.yaml, and then nothing is left
/// that points to it: no file, no link, no button, no line on the "Reuse
/// this data" page.
#[test]
fn exports_turned_off_leave_nothing_pointing_to_them() {
    let site = Site::sample();
    let html_of = |site: &Site| -> String {
        crate::common::snapshot(&site.path("site"))
            .into_iter()
            .filter(|(rel, _)| rel.ends_with(".html"))
            .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
            .collect()
    };
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // On by default: what is looked for below is there to be taken away.
    let pages = html_of(&site);
    for present in ["calendar.ics", "application/ld+json", "list-calendar"] {
        assert!(pages.contains(present), "{present}");
    }
    assert!(site.path("site/data/activities.csv").is_file());
    assert!(site.path("site/region/calendar.ics").is_file());

    site.edit(
        "content/site.yaml",
        "contact_email:",
        "exports:\n  calendars: false\n  spreadsheets: false\n  structured_data: false\nopen_referral:\n  publish: false\ncontact_email:",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let files: Vec<String> = crate::common::snapshot(&site.path("site"))
        .into_iter()
        .map(|(rel, _)| rel)
        .collect();
    let left: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.ends_with(".ics") || f.starts_with("data/activities") || f.starts_with("openreferral")
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let pages = html_of(&site);
    for gone in [
        "calendar.ics",
        "Add to calendar",
        "application/ld+json",
        "list-calendar",
        "activities.csv",
        "services.json",
    ] {
        assert!(!pages.contains(gone), "{gone} is still in a page");
    }
    crate::build::assert_links_resolve(&site.path("site"), "/");
    let reuse = site.read("site/data/index.html");
    for gone in [
        "Calendars",
        "spreadsheet",
        "Open Referral",
        "Structured data",
    ] {
        assert!(!reuse.contains(gone), "{gone}");
    }
    for kept in ["Jobs feed", "Sitemap"] {
        assert!(reuse.contains(kept), "{kept}");
    }
}
