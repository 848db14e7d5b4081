//! `signpost schema`: the JSON Schemas accept every sample entry, refuse
//! what `check` refuses for wrong types and unknown ids, and entries made
//! by `signpost new` point to them and pass them.

use crate::common;

use std::path::Path;

use common::{Site, TODAY, repo, signpost};
use serde_json::Value;
use signpost::content::front_matter::split_front_matter;
use signpost::schema::{KINDS, schemas};

fn directory(root: &Path) -> signpost::content::Directory {
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    signpost::content::load(root, today)
        .unwrap()
        .directory
        .unwrap()
}

/// An entry file's fields as JSON, read as an editor's YAML tools read them.
fn entry_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        split_front_matter(&text).unwrap().0.to_string()
    } else {
        text
    };
    signpost::yaml::to_json(&signpost::yaml::parse(&yaml).unwrap())
}

/// The schema's complaints about an entry (none when it passes).
fn problems(schema: &Value, entry: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    validator
        .iter_errors(entry)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn schema_for<'a>(all: &'a [(&str, Value)], kind: &str) -> &'a Value {
    &all.iter().find(|(k, _)| *k == kind).unwrap().1
}

#[test]
fn every_sample_entry_passes_its_schema() {
    let root = repo();
    let all = schemas(&directory(&root));
    let mut checked = 0;
    for (kind, folder) in KINDS {
        let schema = schema_for(&all, kind);
        for entry in walkdir::WalkDir::new(root.join("content").join(folder)) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let found = problems(schema, &entry_json(entry.path()));
            assert!(found.is_empty(), "{}: {found:?}", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

/// For each mistake in an activity: `check` reports an error, and the
/// schema refuses it too.
#[test]
fn the_schemas_refuse_wrong_types_and_unknown_ids_as_check_does() {
    let rel = "content/activities/park-walk.yaml";
    for (from, to) in [
        ("categories: [physical-activity]", "categories: [walking]"),
        (
            "organisation: testtown-walkers",
            "organisation: testtown-walker",
        ),
        ("pcns: all", "pcns: [riverside]"),
        ("pcns: all", "pcns: everyone"),
        ("title: Park Walk", "title: Park Walk\nstatus: finished"),
        ("day: tuesday", "day: tuesdays"),
        ("age_min: 18", "age_min: eighteen"),
        ("self_referral: true", "self_referral: maybe"),
        ("features: [step-free-access]", "features: [wifi]"),
        ("cost: free", "cost: [free]"),
        (
            "venue:\n  name: Park Café\n  address: Park Road, Testtown\n  postcode: NN1 5BD",
            "venue: Park Café",
        ),
        ("start: \"10:00\"", "start: 10am"),
        ("last_reviewed: 2026-10-01", "last_reviewed: 01/10/2026"),
        ("postcode: NN1 5BD", "postcode: NN1"),
        ("summary: A gentle", "sumary: A gentle"),
    ] {
        let site = Site::minimal();
        let all = schemas(&directory(site.root()));
        site.edit(rel, from, to);
        let run = site.check();
        assert_eq!(run.code, 1, "check let `{to}` through:\n{}", run.stdout);
        let found = problems(schema_for(&all, "activity"), &entry_json(&site.path(rel)));
        assert!(!found.is_empty(), "the schema let `{to}` through");
    }
}

#[test]
fn signpost_schema_writes_them_and_new_entries_use_them() {
    let site = Site::minimal();
    let run = signpost(&[
        "schema".as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let mut written = Vec::new();
    for (kind, _) in KINDS {
        let text = site.read(&format!("schemas/{kind}.schema.json"));
        let schema: Value = serde_json::from_str(&text).unwrap();
        written.push((kind, schema));
    }
    // The site's own ids are in the enums.
    let activity = schema_for(&written, "activity");
    assert_eq!(
        activity["properties"]["organisation"]["enum"],
        serde_json::json!(["testtown-walkers"])
    );
    assert_eq!(
        activity["properties"]["categories"]["items"]["enum"][0],
        "physical-activity"
    );

    for (kind, folder) in [
        ("activity", "activities"),
        ("organisation", "organisations"),
        ("job", "jobs"),
        ("practice", "practices"),
        ("pcn", "pcns"),
    ] {
        let run = signpost(&[
            "new".as_ref(),
            kind.as_ref(),
            "Schema Test Entry".as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
        ]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let rel = format!("content/{folder}/schema-test-entry.yaml");
        let text = site.read(&rel);
        assert!(
            text.starts_with(&format!(
                "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
            )),
            "{rel}:\n{text}"
        );
        let found = problems(schema_for(&written, kind), &entry_json(&site.path(&rel)));
        assert!(found.is_empty(), "{rel}: {found:?}");
    }
}

/// The schemas and the decoders agree on field names: for each mapping, an
/// unknown field makes `check` list the fields the decoder reads, and those
/// are exactly the schema's properties there.
#[test]
fn the_schemas_have_exactly_the_fields_the_decoders_read() {
    // (kind, file, text to add a field after, indent, path in the schema)
    let places: [(&str, &str, &str, &str, &[&str]); 14] = [
        (
            "activity",
            "content/activities/park-walk.yaml",
            "title: Park Walk\n",
            "",
            &[],
        ),
        (
            "activity",
            "content/activities/park-walk.yaml",
            "  age_min: 18\n",
            "  ",
            &["who_for"],
        ),
        (
            "activity",
            "content/activities/park-walk.yaml",
            "    day: tuesday\n",
            "    ",
            &["schedule", "items"],
        ),
        (
            "activity",
            "content/activities/park-walk.yaml",
            "  name: Park Café\n",
            "  ",
            &["venue"],
        ),
        (
            "activity",
            "content/activities/park-walk.yaml",
            "  self_referral: true\n",
            "  ",
            &["how_to_join"],
        ),
        (
            "activity",
            "content/activities/park-walk.yaml",
            "  name: Jo Example\n",
            "  ",
            &["contact"],
        ),
        (
            "activity",
            "content/activities/park-walk.yaml",
            "  notes: Flat paths all the way round.\n",
            "  ",
            &["accessibility"],
        ),
        (
            "job",
            "content/jobs/link-worker.md",
            "title: Social Prescribing Link Worker\n",
            "",
            &[],
        ),
        (
            "job",
            "content/jobs/link-worker.md",
            "  min: 25674\n",
            "  ",
            &["salary"],
        ),
        (
            "pcn",
            "content/pcns/riverside-pcn.yaml",
            "code: U12345\n",
            "",
            &[],
        ),
        (
            "pcn",
            "content/pcns/riverside-pcn.yaml",
            "    role: Social prescribing link worker\n",
            "    ",
            &["link_workers", "items"],
        ),
        (
            "practice",
            "content/practices/riverside-surgery.yaml",
            "pcn: riverside-pcn\n",
            "",
            &[],
        ),
        (
            "organisation",
            "content/organisations/testtown-walkers.md",
            "name: Testtown Walkers\n",
            "",
            &[],
        ),
        (
            "page",
            "content/pages/about.md",
            "title: About social prescribing\n",
            "",
            &[],
        ),
    ];
    for (kind, rel, after, indent, path) in places {
        let site = Site::minimal();
        let all = schemas(&directory(site.root()));
        let mut schema = schema_for(&all, kind);
        for step in path {
            schema = if *step == "items" {
                &schema["items"]
            } else {
                &schema["properties"][step]
            };
        }
        let mut expected: Vec<String> = schema["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{kind} {path:?}"))
            .keys()
            .cloned()
            .collect();
        expected.sort();
        site.edit(rel, after, &format!("{after}{indent}zzzzzzzz: 1\n"));
        let run = site.check();
        let listed = run
            .stdout
            .lines()
            .find_map(|l| {
                l.split_once("The fields of ")
                    .map(|(_, rest)| rest.to_string())
            })
            .unwrap_or_else(|| panic!("{rel} {path:?}: no field list in\n{}", run.stdout));
        let listed = listed.split_once(" are: ").unwrap().1.trim_end_matches('.');
        let mut read: Vec<String> = listed.split(", ").map(str::to_string).collect();
        read.sort();
        read.dedup();
        assert_eq!(read, expected, "{kind} {path:?}");
    }
}

/// docs/content-model.md's field tables are made from the fields'
/// declarations, so they say what `check` reads.
#[test]
fn the_content_model_shows_the_declared_fields() {
    let path = repo().join("docs/content-model.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let made = signpost::fields::update_doc(&doc, &signpost::schema::doc_tables()).unwrap();
    assert!(
        made == doc,
        "docs/content-model.md's field tables are out of date: run `cargo run -- schema --update-docs docs/content-model.md` and commit the result"
    );
    // Every table is there.
    for (name, _) in signpost::schema::doc_tables() {
        assert!(doc.contains(&format!("<!-- fields: {name} -->")), "{name}");
    }
}

/// The `signpost new` templates keep to the declared fields: every field
/// they write is declared, in the declared order, and none that an entry
/// needs is left out.
#[test]
fn the_new_templates_write_the_declared_fields_in_order() {
    for (kind, fields) in signpost::schema::kind_fields() {
        if kind == "page" {
            continue; // Pages are written by hand; `new` has no template.
        }
        let path = repo().join(format!("src/content/templates/{kind}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '-']))
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
            .collect();
        let declared: Vec<&str> = fields.iter().map(|f| f.name).collect();
        let places: Vec<usize> =
            keys.iter()
                .map(|k| {
                    declared.iter().position(|d| d == k).unwrap_or_else(|| {
                        panic!("{kind}.yaml writes `{k}`, which is not declared")
                    })
                })
                .collect();
        assert!(
            places.windows(2).all(|w| w[0] < w[1]),
            "{kind}.yaml writes its fields out of the declared order: {keys:?}"
        );
        for f in fields.iter().filter(|f| f.required()) {
            assert!(
                keys.contains(&f.name),
                "{kind}.yaml leaves out `{}`, which an entry needs",
                f.name
            );
        }
    }
}
