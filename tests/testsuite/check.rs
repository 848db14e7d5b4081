//! `signpost check` on fixture sites: each validation rule gives its message
//! at the right file, line and column, and all problems come in one run.

use crate::common;

use common::{Site, check, repo};

const ACTIVITY: &str = "content/activities/park-walk.yaml";
const ORG: &str = "content/organisations/testtown-walkers.md";
const JOB: &str = "content/jobs/link-worker.md";

#[test]
fn the_sample_region_passes_cleanly() {
    let run = check(&repo());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.errors(), 0, "{}", run.stdout);
    // What the sample is built to show: five activities overdue for review,
    // one closed job, and one service whose cost nobody recorded.
    assert_eq!(run.warnings(), 7, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("this activity does not say what it costs"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("0 errors, 7 warnings."),
        "{}",
        run.stdout
    );
}

#[test]
fn the_minimal_fixture_is_clean() {
    let run = Site::minimal().check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("Checked 6 entries"), "{}", run.stdout);
    assert!(
        run.stdout.contains("0 errors, 0 warnings."),
        "{}",
        run.stdout
    );
}

#[test]
fn misspelt_field_suggests_the_right_name() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "title: Park Walk", "titel: Park Walk");
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports(
        &site.at(ACTIVITY, "titel:", "titel"),
        "`titel` is not a field of an activity",
    );
    run.assert_help("Did you mean `title`? Field names are lowercase, with _ between words.");
    run.assert_reports(
        &site.at(ACTIVITY, "titel:", "titel"),
        "an activity needs a `title`, and this one has none",
    );
}

#[test]
fn missing_required_field() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "title: Park Walk\n", "");
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports(
        &site.at(ACTIVITY, "organisation:", "organisation"),
        "an activity needs a `title`, and this one has none",
    );
    run.assert_help("Add a line like `title: Tuesday Walk and Talk`.");
}

/// Nobody recorded the cost: a warning, and the page says to ask; it is
/// never counted as free.
#[test]
fn an_unknown_cost_is_a_warning_and_never_free() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "cost: free\n", "");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at(ACTIVITY, "title:", "title"),
        "this activity does not say what it costs",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains("<dd>Ask the organisation about cost</dd>"),
        "{page}"
    );
    let card = site.read("site/activities/index.html");
    assert!(card.contains("Ask the organisation about cost"), "{card}");
    assert!(!card.contains("tag-free"), "{card}");
}

#[test]
fn wrong_type() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "title: Park Walk", "title: [Park, Walk]");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "title: [Park, Walk]", "[Park, Walk]"),
        "expected a single value here, but found a list",
    );
    site.edit(
        ACTIVITY,
        "categories: [physical-activity]",
        "categories: physical-activity",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(
            ACTIVITY,
            "categories: physical-activity",
            "physical-activity",
        ),
        "expected a list here, but found a single value",
    );
    run.assert_help("Write it as a list in square brackets, like [physical-activity], or one `- item` per line underneath.");
}

#[test]
fn bad_postcode() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "postcode: NN1 5BD", "postcode: NN1 XYZ");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "postcode: NN1 XYZ", "NN1 XYZ"),
        "\"NN1 XYZ\" is not a full UK postcode",
    );
}

#[test]
fn bad_nhs_codes() {
    let site = Site::minimal();
    site.edit(
        "content/practices/riverside-surgery.yaml",
        "ods_code: K12345",
        "ods_code: K1234",
    );
    site.edit(
        "content/pcns/riverside-pcn.yaml",
        "code: U12345",
        "code: X12345",
    );
    let run = site.check();
    run.assert_reports(
        "content/practices/riverside-surgery.yaml:2:11",
        "\"K1234\" is not a GP practice ODS code",
    );
    run.assert_reports(
        "content/pcns/riverside-pcn.yaml:2:7",
        "\"X12345\" is not a PCN code",
    );
}

#[test]
fn bad_email_and_phone() {
    let site = Site::minimal();
    site.edit(ORG, "email: hello@example.org", "email: hello.example.org");
    site.edit(ACTIVITY, "phone: 01632 960004", "phone: 01632 9600");
    let run = site.check();
    run.assert_reports(
        &site.at(ORG, "email: hello.example.org", "hello.example.org"),
        "\"hello.example.org\" is not an email address",
    );
    run.assert_reports(
        &site.at(ACTIVITY, "phone: 01632 9600", "01632 9600"),
        "\"01632 9600\" is not a UK phone number",
    );
}

#[test]
fn links_must_be_web_addresses() {
    let site = Site::minimal();
    site.edit(
        ORG,
        "website: https://walkers.example.org",
        "website: javascript:alert(1)",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(ORG, "website: javascript:alert(1)", "javascript:"),
        "links starting \"javascript:\" are not allowed",
    );

    site.edit(
        ORG,
        "website: javascript:alert(1)",
        "website: walkers.example.org",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(ORG, "website: walkers.example.org", "walkers.example.org"),
        "\"walkers.example.org\" needs https:// at the start",
    );
    run.assert_help("Write the full address, like https://walkers.example.org.");
}

#[test]
fn times_must_be_24_hour_and_in_order() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "start: \"10:00\"", "start: 10am");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "start: 10am", "10am"),
        "\"10am\" is not a time in HH:MM form",
    );
    run.assert_help("Use the 24-hour clock with a colon: \"10:00\".");

    site.edit(ACTIVITY, "start: 10am", "start: \"12:00\"");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "end: ", "end"),
        "the session ends at 11:00 but starts at 12:00",
    );
}

#[test]
fn dates_must_be_iso() {
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "last_reviewed: 2026-10-01",
        "last_reviewed: 01/10/2026",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "last_reviewed: 01/10/2026", "01/10/2026"),
        "the date \"01/10/2026\" is written day first",
    );
    run.assert_help("Write dates as year-month-day: 2026-10-01.");
}

#[test]
fn unknown_days_suggest_the_right_one() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "day: tuesday", "day: Tuesdays");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "day: Tuesdays", "Tuesdays"),
        "\"Tuesdays\" is not a day of the week",
    );
    run.assert_help("Write the day in full, in lowercase: tuesday.");
}

#[test]
fn references_must_resolve() {
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "organisation: testtown-walkers",
        "organisation: testtown-walker",
    );
    site.edit(JOB, "pcns: [riverside-pcn]", "pcns: [riverside]");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "organisation: testtown-walker", "testtown-walker"),
        "there is no organisation with the id `testtown-walker`",
    );
    run.assert_help("Did you mean `testtown-walkers`? Ids are the file names in content/organisations/, without the extension.");
    run.assert_reports(
        &site.at(JOB, "pcns: [riverside]", "riverside"),
        "there is no PCN with the id `riverside`",
    );
}

#[test]
fn vocabulary_ids_must_exist() {
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "categories: [physical-activity]",
        "categories: [physical-activty]",
    );
    site.edit(
        ACTIVITY,
        "features: [step-free-access]",
        "features: [wheelchair]",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(
            ACTIVITY,
            "categories: [physical-activty]",
            "physical-activty",
        ),
        "there is no category with the id `physical-activty`",
    );
    run.assert_help("Did you mean `physical-activity`? The categories list in content/site.yaml has the ids you can use.");
    run.assert_reports(
        &site.at(ACTIVITY, "features: [wheelchair]", "wheelchair"),
        "there is no accessibility feature with the id `wheelchair`",
    );
    run.assert_help("Use one of the ids from the accessibility_features list in content/site.yaml: hearing-loop, step-free-access.");
}

#[test]
fn duplicate_ids_and_bad_file_names() {
    let site = Site::minimal();
    site.write("content/activities/more/park-walk.md", site.read(ORG));
    site.write("content/activities/Park Walk 2.yaml", site.read(ACTIVITY));
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "title:", "title"),
        "the id `park-walk` is already used by content/activities/more/park-walk.md",
    );
    run.assert_reports(
        "content/activities/Park Walk 2.yaml:1:1",
        "the file name \"Park Walk 2\" is not a valid id",
    );
    run.assert_help("Rename the file to \"park-walk-2\" (lowercase letters, digits and hyphens only), keeping its extension.");
}

#[test]
fn entry_in_the_wrong_folder() {
    let site = Site::minimal();
    site.write("content/activites/walk.yaml", site.read(ACTIVITY));
    site.write("content/walk.yaml", site.read(ACTIVITY));
    let run = site.check();
    run.assert_reports(
        "content/activites/walk.yaml:1:1",
        "`activites` is not a folder Signpost reads, so this entry is not used",
    );
    run.assert_help(
        "Did you mean the activities/ folder? Move the file to content/activities/walk.yaml.",
    );
    run.assert_reports(
        "content/walk.yaml:1:1",
        "this entry is not in a folder for its kind, so it is not used",
    );
}

#[test]
fn yaml_mistakes_are_explained() {
    let site = Site::minimal();
    site.write(
        "content/activities/tabbed.yaml",
        "title: Walk\nvenue:\n\tname: Hall\n",
    );
    site.write("content/activities/colon.yaml", "title: Walk: and talk\n");
    site.write(
        "content/activities/twice.yaml",
        "title: Walk\nsummary: A\nsummary: B\n",
    );
    site.write(
        "content/activities/indent.yaml",
        "venue:\n  name: Hall\n postcode: NN1 5BD\n",
    );
    let run = site.check();
    run.assert_reports(
        "content/activities/tabbed.yaml:3:1",
        "this line is indented with a tab",
    );
    run.assert_reports(
        "content/activities/colon.yaml:1:12",
        "this value contains a colon (:), which YAML reads as the start of another field",
    );
    run.assert_help("Put the whole value in double quotes, like: title: \"Walk: and talk\"");
    run.assert_reports(
        "content/activities/twice.yaml:3:1",
        "`summary` appears twice (first on line 2)",
    );
    run.assert_reports(
        "content/activities/indent.yaml:3:2",
        "the indentation of this line does not match the lines around it",
    );
}

#[test]
fn unreadable_files() {
    let site = Site::minimal();
    site.write(
        "content/activities/latin1.yaml",
        b"title: Walk\nvenue: Caf\xe9 Rouge\n",
    );
    site.write("content/activities/empty.yaml", "  \n");
    site.write("content/activities/huge.yaml", "a".repeat(2 * 1024 * 1024));
    site.write("content/activities/plain.md", "Just some text\n");
    let run = site.check();
    run.assert_reports(
        "content/activities/latin1.yaml:2:11",
        "this file is not saved as UTF-8 text",
    );
    run.assert_reports("content/activities/empty.yaml:1:1", "this file is empty");
    run.assert_reports(
        "content/activities/huge.yaml:1:1",
        "this file is larger than 1 MB, too large for an entry",
    );
    run.assert_reports(
        "content/activities/plain.md:1:1",
        "this Markdown file does not start with front matter",
    );
}

#[test]
fn overdue_review_and_closed_job_are_warnings() {
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "last_reviewed: 2026-10-01",
        "last_reviewed: 2026-01-01",
    );
    site.edit(JOB, "closes: 2026-12-12", "closes: 2026-11-20");
    let run = site.check();
    assert_eq!(run.code, 0, "warnings alone must not fail: {}", run.stdout);
    run.assert_reports(
        &site.at(ACTIVITY, "last_reviewed: 2026-01-01", "2026-01-01"),
        "this entry was due for review on 2026-06-30",
    );
    run.assert_reports(
        &site.at(JOB, "closes: 2026-11-20", "closes"),
        "this job closed on 2026-11-20 and is no longer advertised",
    );
    assert!(
        run.stdout.contains("0 errors, 2 warnings."),
        "{}",
        run.stdout
    );
}

#[test]
fn every_problem_in_one_run_in_line_order() {
    let site = Site::minimal();
    site.write(
        "content/activities/many.yaml",
        "\
title: Many Problems
organisation: nobody
sumary: Misspelt.
categories: [knitting]
pcns: all
schedule:
  - frequency: weekly
    day: mon
    start: 9am
    end: \"25:00\"
venue:
  name: Hall
  address: 1 Road
  postcode: ZZZ
cost: free
how_to_join:
  self_referral: maybe
contact:
  email: nobody
last_reviewed: 2026-02-30
",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    let file = "content/activities/many.yaml";
    let expected = [
        (
            "1:1",
            "an activity needs a `description`, and this one has none",
        ),
        ("2:15", "there is no organisation with the id `nobody`"),
        ("3:1", "`sumary` is not a field of an activity"),
        ("4:14", "there is no category with the id `knitting`"),
        ("8:10", "\"mon\" is not a day of the week"),
        ("9:12", "\"9am\" is not a time in HH:MM form"),
        ("10:10", "\"25:00\" is not a time in HH:MM form"),
        ("14:13", "\"ZZZ\" is not a full UK postcode"),
        ("17:18", "\"maybe\" should be true or false"),
        ("19:10", "\"nobody\" is not an email address"),
        ("20:16", "\"2026-02-30\" is not a date"),
    ];
    for (at, message) in expected {
        run.assert_reports(&format!("{file}:{at}"), message);
    }
    // In file order: each location appears after the one before it.
    let mut last = 0;
    for (at, _) in expected {
        let found = run.stdout[last..]
            .find(&format!("--> {file}:{at}\n"))
            .unwrap_or_else(|| panic!("{at} out of order in:\n{}", run.stdout));
        last += found;
    }
}

#[test]
fn missing_content_folder_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("there is no content/ folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_that_would_be_dropped_is_reported() {
    let site = Site::minimal();
    site.write(
        "content/pcns/hill-pcn.md",
        "---\nname: Hill PCN\ncode: U54321\nsummary: Practices on the hill.\n---\nA longer story.\n",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        "content/pcns/hill-pcn.md:6:1",
        "the text after the front matter is not used: a PCN has no description",
    );
}

#[test]
fn free_pages_cannot_take_the_sites_own_addresses() {
    let site = Site::minimal();
    site.write(
        "content/pages/activities.md",
        "---\ntitle: Our activities\n---\nHello.\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports(
        "content/pages/activities.md:2:1",
        "a page cannot be called `activities`: the site uses /activities/ for its own pages",
    );
}

#[test]
fn postcodes_in_districts_that_do_not_exist_are_flagged() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "postcode: NN1 5BD", "postcode: NN61 5BD");
    let run = site.check();
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stdout);
    run.assert_reports(
        &site.at(ACTIVITY, "postcode: NN61 5BD", "NN61 5BD"),
        "there is no postcode district NN61, so \"NN61 5BD\" looks mistyped",
    );
}

#[test]
fn github_and_json_formats_report_the_same_problems() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "postcode: NN1 5BD", "postcode: NN1 XYZ");
    site.edit(
        ACTIVITY,
        "last_reviewed: 2026-10-01",
        "last_reviewed: 2026-01-01",
    );
    let root = site.root().as_os_str();
    let github = common::signpost(&[
        "check".as_ref(),
        "--format".as_ref(),
        "github".as_ref(),
        "--root".as_ref(),
        root,
    ]);
    assert_eq!(github.code, 1);
    assert_eq!(
        github.stdout,
        format!(
            "::error file={ACTIVITY},line=19,col=13,title=Signpost%3A venue.postcode::\"NN1 XYZ\" is not a full UK postcode. Write the whole postcode, like NN1 5BD: two to four letters and numbers, a space, then a number and two letters. You can look it up on the Royal Mail postcode finder.\n\
             ::warning file={ACTIVITY},line=31,col=16,title=Signpost%3A last_reviewed::This entry was due for review on 2026-06-30. Check the details are still right with the organisation, then set `last_reviewed` to the date you checked (today is 2026-11-21).\n\
             Checked 6 entries: 1 error, 1 warning.\n"
        )
    );
    let json = common::signpost(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--root".as_ref(),
        root,
    ]);
    assert_eq!(json.code, 1);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(report["errors"], 1);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["entries"], 6);
    let first = &report["diagnostics"][0];
    assert_eq!(first["file"], ACTIVITY);
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(19), Some(13))
    );
    assert_eq!(first["message"], "\"NN1 XYZ\" is not a full UK postcode");
    assert_eq!(report["diagnostics"][1]["severity"], "warning");
}

#[test]
fn text_after_a_hash_is_not_lost_silently() {
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "title: Park Walk",
        "title: Park Walk #2 in the park",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "a warning: {}", run.stdout);
    run.assert_reports(
        &site.at(ACTIVITY, "title: Park Walk #2", "Park Walk"),
        "the text \"#2 in the park\" after the value is left out, because # starts a comment",
    );
    run.assert_help("If it belongs to the value, put the whole value in double quotes, like: \"Park Walk #2 in the park\"");
}

#[test]
fn colon_help_quotes_the_writers_own_line_and_plural_folders_are_found() {
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "summary: A gentle walk",
        "summary: Note: a gentle walk",
    );
    site.write("content/activity/walk.yaml", site.read(ACTIVITY));
    let run = site.check();
    run.assert_help("Put the whole value in double quotes, like: summary: \"Note: a gentle walk around the park with a cuppa afterwards.\"");
    run.assert_help(
        "Did you mean the activities/ folder? Move the file to content/activities/walk.yaml.",
    );
}

#[test]
fn quoting_mistakes_and_ended_activities() {
    let site = Site::minimal();
    site.write("content/activities/quote.yaml", "title: 'Jan's walk'\n");
    site.write("content/activities/at.yaml", "title: @home\n");
    site.edit(
        ACTIVITY,
        "last_reviewed: 2026-10-01",
        "status: ended\nlast_reviewed: 2025-01-01",
    );
    let run = site.check();
    run.assert_reports(
        "content/activities/quote.yaml:1:13",
        "a quote mark inside this value ends it early",
    );
    run.assert_reports(
        "content/activities/at.yaml:1:8",
        "this value starts with a character YAML keeps for itself",
    );
    assert!(
        !run.stdout.contains("due for review"),
        "ended activities are not chased: {}",
        run.stdout
    );
}

/// What a site's check says in each of the three formats.
struct AllFormats {
    human: String,
    github: String,
    json: serde_json::Value,
}

/// A snapshot's name from what a case is about: `a_tab_used_for_indenting`.
fn snapshot_name(what: &str) -> String {
    what.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

impl AllFormats {
    /// All three reports in one text, with the time taken left out.
    fn report(&self) -> String {
        let human: String = self
            .human
            .lines()
            .map(
                |l| match (l.strip_prefix("Checked "), l.split_once(" ms: ")) {
                    (Some(_), Some((before, after))) => {
                        let entries = before.rsplit_once(" in ").map_or(before, |(e, _)| e);
                        format!("{entries}: {after}")
                    }
                    _ => l.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "{human}\n---- github\n{}---- json\n{:#}\n",
            self.github, self.json
        )
    }
}

fn check_all_formats(site: &Site) -> AllFormats {
    let run = |format: &str| {
        let run = common::signpost(&[
            "check".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
        ]);
        assert_eq!(run.code, 1, "{format}: {}", run.stdout);
        run.stdout
    };
    AllFormats {
        human: run("human"),
        github: run("github"),
        json: serde_json::from_str(&run("json")).expect("valid JSON"),
    }
}

/// Every mistake the editing guide promises a plain message for gives
/// that exact message, at that line and column, in all three formats.
#[test]
fn every_listed_mistake_in_all_three_formats() {
    type Setup = fn(&Site);
    let cases: [(&str, Setup, &str, &str); 18] = [
        (
            "a tab used for indenting",
            |s| {
                s.write(
                    "content/activities/tabbed.yaml",
                    "title: Walk\nvenue:\n\tname: Hall\n",
                );
            },
            "content/activities/tabbed.yaml",
            "this line is indented with a tab",
        ),
        (
            "a colon in an unquoted value",
            |s| {
                s.write("content/activities/colon.yaml", "title: Walk: and talk\n");
            },
            "content/activities/colon.yaml",
            "this value contains a colon (:), which YAML reads as the start of another field",
        ),
        (
            "a UK-format date",
            |s| {
                s.edit(
                    ACTIVITY,
                    "last_reviewed: 2026-10-01",
                    "last_reviewed: 01/10/2026",
                );
            },
            ACTIVITY,
            "the date \"01/10/2026\" is written day first",
        ),
        (
            "a day written Mondays",
            |s| {
                s.edit(ACTIVITY, "day: tuesday", "day: Tuesdays");
            },
            ACTIVITY,
            "\"Tuesdays\" is not a day of the week",
        ),
        (
            "a day written mon",
            |s| {
                s.edit(ACTIVITY, "day: tuesday", "day: tue");
            },
            ACTIVITY,
            "\"tue\" is not a day of the week",
        ),
        (
            "a time written 10am",
            |s| {
                s.edit(ACTIVITY, "start: \"10:00\"", "start: 10am");
            },
            ACTIVITY,
            "\"10am\" is not a time in HH:MM form",
        ),
        (
            "an unknown category",
            |s| {
                s.edit(
                    ACTIVITY,
                    "categories: [physical-activity]",
                    "categories: [physical-activty]",
                );
            },
            ACTIVITY,
            "there is no category with the id `physical-activty`",
        ),
        (
            "an unknown accessibility id",
            |s| {
                s.edit(
                    ACTIVITY,
                    "features: [step-free-access]",
                    "features: [wheelchair]",
                );
            },
            ACTIVITY,
            "there is no accessibility feature with the id `wheelchair`",
        ),
        (
            "a missing required field",
            |s| {
                s.edit(ACTIVITY, "organisation: testtown-walkers\n", "");
            },
            ACTIVITY,
            "an activity needs an `organisation`, and this one has none",
        ),
        (
            "a bad postcode",
            |s| {
                s.edit(ACTIVITY, "postcode: NN1 5BD", "postcode: NN1 XYZ");
            },
            ACTIVITY,
            "\"NN1 XYZ\" is not a full UK postcode",
        ),
        (
            "wrong indentation",
            |s| {
                s.write(
                    "content/activities/indent.yaml",
                    "venue:\n  name: Hall\n postcode: NN1 5BD\n",
                );
            },
            "content/activities/indent.yaml",
            "the indentation of this line does not match the lines around it",
        ),
        (
            "a duplicated key",
            |s| {
                s.write(
                    "content/activities/twice.yaml",
                    "title: Walk\nsummary: A\nsummary: B\n",
                );
            },
            "content/activities/twice.yaml",
            "`summary` appears twice (first on line 2)",
        ),
        (
            "a bad email",
            |s| {
                s.edit(ORG, "email: hello@example.org", "email: hello.example.org");
            },
            ORG,
            "\"hello.example.org\" is not an email address",
        ),
        (
            "a link without https://",
            |s| {
                s.edit(
                    ORG,
                    "website: https://walkers.example.org",
                    "website: walkers.example.org",
                );
            },
            ORG,
            "\"walkers.example.org\" needs https:// at the start",
        ),
        (
            "an unknown PCN id",
            |s| {
                s.edit(JOB, "pcns: [riverside-pcn]", "pcns: [riverside]");
            },
            JOB,
            "there is no PCN with the id `riverside`",
        ),
        (
            "an unknown organisation id",
            |s| {
                s.edit(
                    ACTIVITY,
                    "organisation: testtown-walkers",
                    "organisation: testtown-walker",
                );
            },
            ACTIVITY,
            "there is no organisation with the id `testtown-walker`",
        ),
        (
            "a misspelt field name",
            |s| {
                s.edit(ACTIVITY, "title: Park Walk", "titel: Park Walk");
            },
            ACTIVITY,
            "`titel` is not a field of an activity",
        ),
        (
            "a file that is not UTF-8",
            |s| {
                s.write(
                    "content/activities/latin1.yaml",
                    b"title: Walk\nvenue: Caf\xe9 Rouge\n",
                );
            },
            "content/activities/latin1.yaml",
            "this file is not saved as UTF-8 text",
        ),
    ];
    for (what, setup, file, message) in cases {
        let site = Site::minimal();
        setup(&site);
        let out = check_all_formats(&site);
        // The message, about that file, in every format; where exactly it
        // points (line, column, caret, help) is in the snapshot.
        assert!(
            out.human
                .split("\n\n")
                .any(|b| b.contains(&format!("--> {file}:"))
                    && b.lines().any(|l| l.ends_with(message))),
            "{what}: human format:\n{}",
            out.human
        );
        // Annotations read as sentences: capitalised, then the help.
        let sentence = message[..1].to_uppercase() + &message[1..];
        assert!(
            out.github
                .lines()
                .any(|l| l.starts_with(&format!("::error file={file},"))
                    && l.contains(&format!("::{sentence}. "))),
            "{what}: github format:\n{}",
            out.github
        );
        let found = out.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == file && d["message"] == message && d["severity"] == "error");
        assert!(found, "{what}: json format:\n{}", out.json);
        insta::assert_snapshot!(snapshot_name(what), out.report());
    }
    // And an entry in the wrong folder (a warning-free error about the file).
    let site = Site::minimal();
    site.write("content/activites/walk.yaml", site.read(ACTIVITY));
    let out = check_all_formats(&site);
    let message = "`activites` is not a folder Signpost reads, so this entry is not used";
    assert!(
        out.human.contains("--> content/activites/walk.yaml:1:1\n") && out.human.contains(message)
    );
    assert!(
        out.github
            .contains("::error file=content/activites/walk.yaml,line=1,col=1,")
    );
    assert!(
        out.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"] == message)
    );
}

#[test]
fn a_missing_field_is_named_with_the_right_article() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "organisation: testtown-walkers\n", "");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "title:", "title"),
        "an activity needs an `organisation`, and this one has none",
    );
    run.assert_help("Add a line like `organisation: nene-valley-walkers`.");
}

#[test]
fn characters_that_cannot_be_seen_are_named_where_they_are() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "title: Park Walk", "title: Park\u{200b} Walk");
    site.edit(
        ORG,
        "email: hello@example.org",
        "email: hello@exa\u{3}mple.org",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    run.assert_reports(
        &site.at(ACTIVITY, "title: Park", "\u{200b}"),
        "this value contains U+200B (ZERO WIDTH SPACE), which cannot be seen, after \"Park\"",
    );
    run.assert_reports(
        &site.at(ORG, "email: hello", "\u{3}"),
        "this value contains U+0003 (a control character), which cannot be seen, after \"hello@exa\"",
    );
    assert!(
        !run.stdout.contains("is not an email address"),
        "{}",
        run.stdout
    );
    // A joiner inside an emoji is part of it.
    let site = Site::minimal();
    site.edit(
        ACTIVITY,
        "title: Park Walk",
        "title: \"Park Walk 🏳️\u{200d}🌈\"",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_web_address_without_its_slashes_is_corrected() {
    let site = Site::minimal();
    site.edit(
        ORG,
        "website: https://walkers.example.org",
        "website: http:walkers.example.org",
    );
    let run = site.check();
    run.assert_reports(
        &site.at(ORG, "website: http:", "http:"),
        "\"http:walkers.example.org\" is missing the // after http:",
    );
    run.assert_help("Write it as http://walkers.example.org");
}

#[test]
fn a_time_without_am_or_pm_gets_a_question_not_a_guess() {
    let site = Site::minimal();
    site.edit(ACTIVITY, "start: \"10:00\"", "start: \"1.30\"");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "start: \"1.30\"", "\"1.30\""),
        "\"1.30\" is not a time in HH:MM form",
    );
    run.assert_help(
        "Is that \"01:30\" or \"13:30\"? Write the one you mean in the 24-hour clock, with a colon.",
    );
}

#[test]
fn a_vocabulary_term_with_a_problem_still_defines_its_id() {
    let site = Site::minimal();
    site.edit("content/site.yaml", "    label: Arts and crafts\n", "");
    site.edit(
        ACTIVITY,
        "categories: [physical-activity]",
        "categories: [arts-and-crafts]",
    );
    let run = site.check();
    assert_eq!(run.errors(), 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("a category needs a `label`"),
        "{}",
        run.stdout
    );
}

/// A directory with many problems: `--summary` counts each kind with three
/// examples, `--max` shows a few of each, and every report ends with the
/// totals.
#[test]
fn many_problems_are_summed_up_by_kind() {
    let site = Site::minimal();
    let walk = site.read(ACTIVITY);
    for n in 0..30 {
        site.write(
            &format!("content/activities/walk-{n}.yaml"),
            // Each its own service, so none looks like a copy.
            walk.replace(
                "categories: [physical-activity]",
                &format!("categories: [nope-{n}]"),
            )
            .replace("title: Park Walk", &format!("title: Park Walk {n}"))
            .replace("phone: 01632 960004", &format!("phone: 01632 9601{n:02}")),
        );
    }
    let run = |extra: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> =
            vec!["check".as_ref(), "--root".as_ref(), site.root().as_os_str()];
        args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
        common::signpost(&args)
    };
    let summary = run(&["--summary"]);
    assert_eq!(summary.code, 1);
    let lines: Vec<&str> = summary.stdout.lines().collect();
    assert_eq!(
        lines[0], "    30 × error: there is no category with the id `…`",
        "{}",
        summary.stdout
    );
    assert_eq!(lines.len(), 1 + 3 + 1, "{}", summary.stdout);
    assert_eq!(lines[4], "Checked 36 entries: 30 errors, 0 warnings.");

    let capped = run(&["--max", "2"]);
    assert_eq!(capped.errors(), 2, "{}", capped.stdout);
    assert!(
        capped
            .stdout
            .trim_end()
            .ends_with("30 errors, 0 warnings. 28 more problems are not shown (--max 2)."),
        "{}",
        capped.stdout
    );
    let github = run(&["--format", "github"]);
    assert_eq!(
        github.stdout.lines().last(),
        Some("Checked 36 entries: 30 errors, 0 warnings.")
    );
}

/// A long summary is a display matter: a warning showing where cards cut
/// it, and cards cut it at a word.
#[test]
fn a_long_summary_is_a_warning_and_cards_cut_it_at_a_word() {
    let site = Site::minimal();
    let long = "A gentle walk around the park with a cuppa afterwards, ".repeat(5);
    site.edit(
        ACTIVITY,
        "summary: A gentle walk around the park with a cuppa afterwards.",
        &format!("summary: {}", long.trim()),
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("characters long, and cards show only the first 200: \"A gentle walk"),
        "{}",
        run.stdout
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let listing = site.read("site/activities/index.html");
    let card = listing.split("<li class=\"card\">").nth(1).unwrap();
    let summary = card
        .split("<p>")
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap();
    assert!(
        summary.ends_with('…') && summary.chars().count() <= 200,
        "{summary}"
    );
    // A whole word: what follows the cut in the summary is a space.
    let head = summary.trim_end_matches('…');
    assert!(long.starts_with(head), "{summary}");
    assert!(long[head.len()..].starts_with([' ', ',']), "{summary}");
    // The page shows all of it.
    assert!(
        site.read("site/activities/park-walk/index.html")
            .contains(long.trim())
    );
}

/// Any entry may say where an import found it; that is kept, checked, and
/// never shown on the site.
#[test]
fn a_source_is_kept_and_never_shown() {
    let site = Site::minimal();
    site.write(
        ACTIVITY,
        format!(
            "{}source:\n  system: \"Open Referral UK: Anytown Council\"\n  id: svc-123\n  url: https://example.org/services/svc-123\n  synced: 2026-10-20\n",
            site.read(ACTIVITY)
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for page in [
        "site/activities/park-walk/index.html",
        "site/activities/index.html",
    ] {
        assert!(!site.read(page).contains("svc-123"), "{page}");
    }
    site.edit(ACTIVITY, "  id: svc-123\n", "");
    let run = site.check();
    run.assert_reports(
        &site.at(ACTIVITY, "  system:", "system"),
        "a source needs an `id`, and this one has none",
    );
}

/// Things nobody recorded are warnings, and pages say so plainly rather
/// than leaving a gap: how to join, an organisation's description; a
/// category's description may simply be left out.
#[test]
fn missing_details_are_warnings_and_pages_say_what_to_do() {
    let site = Site::minimal();
    let walk = site.read(ACTIVITY);
    let start = walk.find("how_to_join:").unwrap();
    let end = walk[start..].find("contact:").unwrap() + start;
    site.write(ACTIVITY, format!("{}{}", &walk[..start], &walk[end..]));
    let org = site.read(ORG);
    let body_at = org.rfind("---\n").unwrap() + 4;
    site.write(ORG, &org[..body_at]);
    site.edit(
        "content/site.yaml",
        "    description: Painting, knitting, pottery and more.\n",
        "",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at(ACTIVITY, "title:", "title"),
        "this activity does not say how to join",
    );
    assert!(
        run.stdout.contains("this organisation has no description"),
        "{}",
        run.stdout
    );
    assert_eq!(run.warnings(), 2, "{}", run.stdout);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains("<li>Contact the organisation to ask how to join.</li>"),
        "{page}"
    );
    let org_page = site.read("site/organisations/testtown-walkers/index.html");
    assert!(!org_page.contains("id=\"about-org\""), "{org_page}");
    assert!(!site.read("site/categories/index.html").contains("<p></p>"));
}

/// Two entries for what looks like one service are pointed out, naming
/// both files and what they share; it is a warning, as two groups can
/// share a hall.
#[test]
fn likely_duplicates_are_warnings_naming_both_files() {
    const WALK: &str = "content/activities/park-walk.yaml";
    let site = Site::minimal();
    let walk = site.read(WALK);
    site.write(
        "content/activities/walk-in-the-park.yaml",
        walk.replace("title: Park Walk", "title: PARK  walk"),
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at("content/activities/walk-in-the-park.yaml", "title:", "title"),
        "this activity looks like a copy of `content/activities/park-walk.yaml`: the same title and organisation",
    );
    run.assert_help("If they are the same service, delete one of the files, so it is not listed twice. If they are different, give them titles that tell them apart.");
    assert_eq!(
        run.stdout.matches("looks like a copy").count(),
        1,
        "{}",
        run.stdout
    );

    let site = Site::minimal();
    site.write(
        "content/activities/walk-and-talk.yaml",
        walk.replace("title: Park Walk", "title: Walk and Talk"),
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at("content/activities/walk-and-talk.yaml", "title:", "title"),
        "this activity looks like a copy of `content/activities/park-walk.yaml`: the same phone number, venue and times",
    );

    // A different group at the same hall and number, on another day, is
    // fine.
    let site = Site::minimal();
    site.write(
        "content/activities/walk-and-talk.yaml",
        walk.replace("title: Park Walk", "title: Walk and Talk")
            .replace("    day: tuesday", "    day: sunday"),
    );
    let run = site.check();
    assert!(!run.stdout.contains("looks like a copy"), "{}", run.stdout);
}

/// While serving, the likely-copy warnings follow each save: a title
/// made the same as another's warns at once, a later edit elsewhere in
/// the file keeps the warning (at the title's new line), and a title
/// made different again clears it.
#[test]
fn likely_duplicates_follow_each_save_while_serving() {
    const COPY: &str = "content/activities/walk-in-the-park.yaml";
    let site = Site::minimal();
    // On another day, so the phone and venue alone do not make it a copy.
    let walk = site
        .read("content/activities/park-walk.yaml")
        .replace("    day: tuesday", "    day: sunday");
    site.write(
        COPY,
        walk.replace("title: Park Walk", "title: Walk in the Park"),
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut reader = signpost::content::Reader::open(site.root(), today).unwrap();
    let copies = |reader: &signpost::content::Reader| -> Vec<(String, usize)> {
        reader
            .diagnostics()
            .into_iter()
            .filter(|d| d.message.contains("looks like a copy"))
            .map(|d| (d.file, d.line))
            .collect()
    };
    assert_eq!(copies(&reader), []);
    let mut save = |text: String| {
        site.write(COPY, &text);
        let path = site.path(COPY).canonicalize().unwrap();
        reader.update(&[path], today).unwrap();
        copies(&reader)
    };
    let title_line = |text: &str| text.lines().position(|l| l.starts_with("title:")).unwrap() + 1;
    let same = walk.replace("title: Park Walk", "title: PARK  walk");
    assert_eq!(save(same.clone()), [(COPY.to_string(), title_line(&same))]);
    let moved = format!("# A note at the top\n{same}");
    assert_eq!(
        save(moved.clone()),
        [(COPY.to_string(), title_line(&moved))]
    );
    assert_eq!(
        save(walk.replace("title: Park Walk", "title: Walk in the Park")),
        []
    );
}

/// HTML the sanitiser would take out of a description is named by
/// `check`, rather than vanishing from the page without a word.
#[test]
fn html_the_site_will_not_show_is_a_warning() {
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "  We walk for about an hour at an easy pace.",
        "  We walk <span style=\"color:red\">for about an hour</span> at an easy pace.\n\n  <script>track()</script>",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    run.assert_reports(
        &site.at("content/activities/park-walk.yaml", "description: |", "description"),
        "the description has HTML that the site will not show: <span>, <script> (the words inside stay, but not a script's or a style's)",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = site.read("site/activities/park-walk/index.html");
    assert!(
        page.contains("We walk for about an hour at an easy pace."),
        "{page}"
    );
    assert!(!page.contains("track()"), "{page}");
}

/// A mistake in site.yaml's `urgent_help` is reported at its line, with
/// what to write, rather than the block quietly falling back to its
/// default words.
#[test]
fn a_mistake_in_urgent_help_is_pointed_out() {
    let site = Site::minimal();
    let yaml = site.read("content/site.yaml") + "urgent_help:\n  heading: Help\n  txt: Call 111\n";
    site.write("content/site.yaml", yaml);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stdout);
    run.assert_reports(
        &site.at("content/site.yaml", "  heading: Help", "heading"),
        "urgent_help needs a `text`, and this one has none",
    );
    run.assert_help("Add a line like `text:` followed by its value.");
    run.assert_reports(
        &site.at("content/site.yaml", "  txt: Call 111", "txt"),
        "`txt` is not a field of urgent_help",
    );
    run.assert_help("Did you mean `text`? Field names are lowercase, with _ between words.");
}
