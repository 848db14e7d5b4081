//! The data the build hands on: the Open Referral UK feed, checked
//! against the published ORUK 3.0 schemas (../shared/schemas) by an
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
    let schema = json(
        &repo()
            .join("../shared/schemas/openreferral-uk-3.0")
            .join(name),
    );
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
    let service_schema = json(&repo().join("../shared/schemas/openreferral-uk-3.0/service.json"));
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
