//! Every mistake volunteers commonly make gives the same message at the same
//! place in all three `check` formats: human, GitHub annotations and JSON.

mod common;

use common::Site;

const ACTIVITY: &str = "content/activities/park-walk.yaml";

/// (what the volunteer did, file, find, replace, line, column, message)
const MISTAKES: &[(&str, &str, &str, &str, usize, usize, &str)] = &[
    (
        "a tab used for indenting",
        ACTIVITY,
        "  name: Park Café",
        "\tname: Park Café",
        17,
        1,
        "this line is indented with a tab",
    ),
    (
        "a colon in an unquoted value",
        ACTIVITY,
        "title: Park Walk",
        "title: Park Walk: and talk",
        1,
        17,
        "this value contains a colon (:), which YAML reads as the start of another field",
    ),
    (
        "a UK-format date",
        ACTIVITY,
        "last_reviewed: 2026-10-01",
        "last_reviewed: 01/10/2026",
        31,
        16,
        "the date \"01/10/2026\" is written day first",
    ),
    (
        "a day written Mondays",
        ACTIVITY,
        "day: tuesday",
        "day: Mondays",
        13,
        10,
        "\"Mondays\" is not a day of the week",
    ),
    (
        "a day written mon",
        ACTIVITY,
        "day: tuesday",
        "day: mon",
        13,
        10,
        "\"mon\" is not a day of the week",
    ),
    (
        "a time written 10am",
        ACTIVITY,
        "start: \"10:00\"",
        "start: 10am",
        14,
        12,
        "\"10am\" is not a time in HH:MM form",
    ),
    (
        "an unknown category",
        ACTIVITY,
        "categories: [physical-activity]",
        "categories: [physical]",
        6,
        14,
        "there is no category with the id `physical`",
    ),
    (
        "an unknown accessibility feature",
        ACTIVITY,
        "features: [step-free-access]",
        "features: [step-free]",
        29,
        14,
        "there is no accessibility feature with the id `step-free`",
    ),
    (
        "a missing required field",
        ACTIVITY,
        "cost: free\n",
        "",
        1,
        1,
        "an activity needs a `cost`, and this one has none",
    ),
    (
        "a bad postcode",
        ACTIVITY,
        "postcode: NN1 5BD",
        "postcode: NN1",
        19,
        13,
        "\"NN1\" is not a full UK postcode",
    ),
    (
        "wrong indentation",
        ACTIVITY,
        "  address: Park Road, Testtown",
        " address: Park Road, Testtown",
        18,
        2,
        "the indentation of this line does not match the lines around it",
    ),
    (
        "a duplicated field",
        ACTIVITY,
        "cost: free\n",
        "cost: free\ncost: £2\n",
        21,
        1,
        "`cost` appears twice (first on line 20)",
    ),
    (
        "a bad email",
        "content/organisations/testtown-walkers.md",
        "email: hello@example.org",
        "email: hello at example.org",
        5,
        8,
        "\"hello at example.org\" is not an email address",
    ),
    (
        "a link without https://",
        "content/organisations/testtown-walkers.md",
        "website: https://walkers.example.org",
        "website: walkers.example.org",
        4,
        10,
        "\"walkers.example.org\" needs https:// at the start",
    ),
    (
        "an unknown PCN",
        "content/practices/riverside-surgery.yaml",
        "pcn: riverside-pcn",
        "pcn: riverside",
        3,
        6,
        "there is no PCN with the id `riverside`",
    ),
    (
        "an unknown organisation",
        ACTIVITY,
        "organisation: testtown-walkers",
        "organisation: testtown",
        2,
        15,
        "there is no organisation with the id `testtown`",
    ),
    (
        "a misspelt field name",
        ACTIVITY,
        "summary:",
        "sumary:",
        3,
        1,
        "`sumary` is not a field of an activity",
    ),
];

fn run(site: &Site, format: &str) -> common::Run {
    common::signpost(&[
        "check".as_ref(),
        "--format".as_ref(),
        format.as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ])
}

#[test]
fn each_mistake_reads_the_same_in_every_format() {
    for (what, file, find, replace, line, column, message) in MISTAKES {
        let site = Site::minimal();
        site.edit(file, find, replace);

        let human = run(&site, "human");
        assert_eq!(human.code, 1, "{what}");
        human.assert_reports(&format!("{file}:{line}:{column}"), message);

        let github = run(&site, "github");
        let at = format!("file={file},line={line},col={column},");
        let escaped = message.replace('%', "%25");
        assert!(
            github.stdout.lines().any(|l| l.starts_with("::error ")
                && l.contains(&at)
                && l.to_lowercase().contains(&escaped.to_lowercase())),
            "{what}: no GitHub annotation at {at} saying {message}:\n{}",
            github.stdout
        );

        let json: serde_json::Value =
            serde_json::from_str(&run(&site, "json").stdout).expect("JSON");
        let found = json["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["file"] == *file
                && d["line"] == *line
                && d["column"] == *column
                && d["message"] == *message
                && d["severity"] == "error"
        });
        assert!(found, "{what}: not in the JSON report: {json:#}");
    }
}

#[test]
fn files_that_cannot_be_read_or_are_misplaced() {
    let site = Site::minimal();
    site.write("content/activities/latin1.yaml", b"title: Caf\xe9\n");
    site.write("content/activites/walk.yaml", site.read(ACTIVITY));
    for format in ["human", "github", "json"] {
        let out = run(&site, format).stdout;
        assert!(
            out.contains("this file is not saved as UTF-8 text")
                || out.contains("This file is not saved as UTF-8 text"),
            "{format}: {out}"
        );
        assert!(
            out.contains("is not a folder Signpost reads"),
            "{format}: {out}"
        );
    }
}
