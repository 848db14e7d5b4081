//! A new region: `signpost init` makes a directory that checks and builds
//! cleanly at once, and `signpost import` brings in the lists it already
//! has. Neither ever overwrites a file it did not make.

use std::ffi::OsStr;
use std::path::Path;

use crate::common::signpost;

fn init(dir: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args: Vec<&OsStr> = vec!["init".as_ref(), dir.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    signpost(&args)
}

#[test]
fn a_new_region_checks_and_builds_cleanly_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("north-somerset");
    let run = init(&dir, &["--region", "North Somerset"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .starts_with("Started the North Somerset Social Prescribing Directory in "),
        "{}",
        run.stdout
    );

    let check = signpost(&["check".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.ends_with("0 errors, 0 warnings.\n"),
        "{}",
        check.stdout
    );
    let build = signpost(&["build".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    assert!(!build.stdout.contains("warning"), "{}", build.stdout);

    let read =
        |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let statement = read("site/accessibility/index.html");
    for part in [
        "<h1>Accessibility statement</h1>",
        "This accessibility statement applies to North Somerset Social Prescribing Directory.",
        "Enforcement procedure",
        "Web Content Accessibility Guidelines version 2.2",
        "Compliance status",
        "Preparation of this accessibility statement",
        // What the owner must complete is marked.
        "[fully / partially]",
    ] {
        assert!(statement.contains(part), "{part}: {statement}");
    }
    let privacy = read("site/privacy/index.html");
    assert!(privacy.contains("does not use cookies"), "{privacy}");
    assert!(
        privacy.contains("browser&#39;s own storage") || privacy.contains("browser's own storage"),
        "{privacy}"
    );
    assert!(read("site/about/index.html").contains("across North Somerset"));
    assert!(read("site/data-licence/index.html").contains("Open Government"));
    assert!(
        read("site/activities/example-befriending-calls/index.html")
            .contains("Example Befriending Calls")
    );
    assert!(
        read(".github/workflows/check-and-publish.yml").contains("signpost check --format github")
    );
    assert!(read("README.md").contains("# North Somerset Social Prescribing Directory"));
    assert!(read("schemas/activity.schema.json").contains("example-community-group"));
    // Nothing of the sample region comes along.
    for rel in ["content/site.yaml", "content/pages/about.md", "README.md"] {
        assert!(!read(rel).contains("Northampton"), "{rel}");
    }
}

#[test]
fn init_refuses_a_folder_in_use_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("README.md"), "our own notes\n").unwrap();
    let run = init(dir, &["--region", "Bristol"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("is not empty. Start the directory in a new folder, or add --force to add the files that are missing (no file is ever overwritten)."),
        "{}",
        run.stderr
    );
    assert!(!dir.join("content").exists());

    let run = init(dir, &["--region", "Bristol", "--force"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("Kept 1 file that was already there: README.md."),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).unwrap(),
        "our own notes\n"
    );
    assert!(dir.join("content/site.yaml").is_file());

    // A name that cannot go into a title as written is refused.
    let other = tmp.path().join("other");
    let run = init(&other, &["--region", "Bath \"and\" Wells"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the region's name cannot contain '\"'"),
        "{}",
        run.stderr
    );
}

/// `signpost import nhs` with these arguments, in `dir`.
fn import_nhs(dir: &Path, practices: &str, extra: &[&str]) -> crate::common::Run {
    let nhs = crate::common::repo().join("tests/fixtures/nhs");
    let (practices, pcns, members) = (
        nhs.join(practices),
        nhs.join("northants_pcns_epcn_2019-12.csv"),
        nhs.join("northants_pcn_practices_epcn_2019-12.csv"),
    );
    let mut args: Vec<&OsStr> = vec![
        "import".as_ref(),
        "nhs".as_ref(),
        "--root".as_ref(),
        dir.as_os_str(),
        "--practices".as_ref(),
        practices.as_os_str(),
        "--pcns".as_ref(),
        pcns.as_os_str(),
        "--pcns".as_ref(),
        members.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    signpost(&args)
}

/// Changes a file as a person editing it would.
fn rewrite(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, change(text)).unwrap();
}

/// The practices file the tests change, as published.
fn epraccur() -> String {
    std::fs::read_to_string(
        crate::common::repo().join("tests/fixtures/nhs/northants_epraccur_2019-12_layout.csv"),
    )
    .unwrap()
}

fn load(root: &Path) -> signpost::content::Directory {
    let today = chrono::NaiveDate::parse_from_str(crate::common::TODAY, "%Y-%m-%d").unwrap();
    signpost::content::load(root, today)
        .unwrap()
        .directory
        .unwrap()
}

/// NHS England's lists of Northamptonshire's practices and PCNs import to
/// exactly the sample region's: names, codes, postcodes, addresses and
/// membership; a second run changes nothing; a re-import after a change
/// upstream updates that field alone and keeps what a person added.
#[test]
fn nhs_lists_import_to_the_sample_regions_practices_and_pcns() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("region");
    assert_eq!(init(&dir, &["--region", "Northamptonshire"]).code, 0);
    let run = import_nhs(&dir, "northants_epraccur_2019-12_layout.csv", &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "PCNs: 16 created, 0 updated, 0 unchanged.\nGP practices: 71 created, 0 updated, 0 unchanged.\nnote: practice Y06354 (Aspiro Healthcare) is in no PCN of the PCN files, so its entry has no `pcn`\n"
    );
    let check = signpost(&["check".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.ends_with("0 errors, 0 warnings.\n"),
        "{}",
        check.stdout
    );

    let (got, sample) = (load(&dir), load(&crate::common::repo()));
    assert_eq!(got.pcns.len(), 16);
    assert_eq!(got.practices.len(), 71);
    for (id, want) in &sample.pcns {
        let p = got.pcns.get(id).unwrap_or_else(|| panic!("no PCN {id}"));
        assert_eq!(
            (&p.name, &p.code, &p.address, &p.postcode),
            (&want.name, &want.code, &want.address, &want.postcode),
            "{id}"
        );
    }
    for (id, want) in &sample.practices {
        let p = got
            .practices
            .get(id)
            .unwrap_or_else(|| panic!("no practice {id}"));
        assert_eq!(
            (
                &p.name,
                &p.ods_code,
                &p.pcn,
                &p.address,
                &p.postcode,
                &p.phone
            ),
            (
                &want.name,
                &want.ods_code,
                &want.pcn,
                &want.address,
                &want.postcode,
                &want.phone
            ),
            "{id}"
        );
    }

    // Again: nothing changes.
    let files = |d: &Path| -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = walkdir::WalkDir::new(d.join("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().display().to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        all.sort();
        all
    };
    let before = files(&dir);
    let run = import_nhs(&dir, "northants_epraccur_2019-12_layout.csv", &[]);
    assert!(run.stdout.starts_with("PCNs: 0 created, 0 updated, 16 unchanged.\nGP practices: 0 created, 0 updated, 71 unchanged.\n"), "{}", run.stdout);
    assert_eq!(files(&dir), before, "a second run writes the same files");

    // A person adds a website and a comment; upstream, the phone changes.
    let abbey = dir.join("content/practices/abbey-house-medical-practice.yaml");
    rewrite(&abbey, |text| {
        format!("# Checked with the practice.\n{text}website: https://abbeyhouse.example.org/\n")
    });
    let changed = tmp.path().join("epraccur.csv");
    let upstream = epraccur().replace("\"01327 877770\"", "\"01327 877771\"");
    std::fs::write(&changed, upstream).unwrap();
    let run = import_nhs(&dir, changed.to_str().unwrap(), &[]);
    assert!(
        run.stdout
            .contains("GP practices: 0 created, 1 updated, 70 unchanged."),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&abbey).unwrap(),
        "# Checked with the practice.\nname: \"Abbey House Medical Practice\"\nods_code: K83032\npcn: daventry-pcn\naddress: \"Abbey House Surgery, Golding Close, Daventry\"\npostcode: NN11 4FE\nphone: \"01327 877771\"\nwebsite: https://abbeyhouse.example.org/\n"
    );
    assert!(
        run.stdout
            .contains("changed: content/practices/abbey-house-medical-practice.yaml (phone)"),
        "{}",
        run.stdout
    );

    // Upstream, the practice leaves its PCN: the `pcn` line the import
    // wrote goes, and the person's lines stay.
    let nhs = crate::common::repo().join("tests/fixtures/nhs");
    let members = tmp.path().join("members.csv");
    let kept: String =
        std::fs::read_to_string(nhs.join("northants_pcn_practices_epcn_2019-12.csv"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("K83032,"))
            .map(|l| format!("{l}\n"))
            .collect();
    std::fs::write(&members, kept).unwrap();
    let before = std::fs::read_to_string(&abbey).unwrap();
    let run = signpost(&[
        "import".as_ref(),
        "nhs".as_ref(),
        "--root".as_ref(),
        dir.as_os_str(),
        "--practices".as_ref(),
        changed.as_os_str(),
        "--pcns".as_ref(),
        nhs.join("northants_pcns_epcn_2019-12.csv").as_os_str(),
        "--pcns".as_ref(),
        members.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("changed: content/practices/abbey-house-medical-practice.yaml (pcn)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&abbey).unwrap(),
        before.replace("pcn: daventry-pcn\n", "")
    );
}

/// Narrowed to one PCN, only it and its practices are written; the
/// simplified extract with a header row imports too; a bad row means
/// nothing is written, unless --partial.
#[test]
fn nhs_imports_narrow_and_write_nothing_on_a_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("region");
    assert_eq!(init(&dir, &["--region", "Northamptonshire"]).code, 0);
    let run = import_nhs(
        &dir,
        "northants_gp_practices_epraccur_2019-12.csv",
        &["--pcn", "U79464"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("PCNs: 1 created, 0 updated, 0 unchanged.\nGP practices: 2 created, 0 updated, 0 unchanged.\nSkipped "), "{}", run.stdout);
    let got = load(&dir);
    assert_eq!(got.pcns.keys().collect::<Vec<_>>(), ["daventry-pcn"]);
    assert_eq!(got.practices.len(), 2);

    let bad = tmp.path().join("epraccur.csv");
    let text = epraccur().replace("\"NN17 2UR\"", "\"NOT A POSTCODE\"");
    std::fs::write(&bad, text).unwrap();
    let other = tmp.path().join("other");
    assert_eq!(init(&other, &["--region", "Northamptonshire"]).code, 0);
    let run = import_nhs(&other, bad.to_str().unwrap(), &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "problem: practice K83002 (row 1): \"NOT A POSTCODE\" is not a full UK postcode"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("Nothing was written, as 1 row could not be imported. Fix the file, or add --partial to write the rest.\n"), "{}", run.stdout);
    assert!(!other.join("content/pcns").exists());
    let run = import_nhs(&other, bad.to_str().unwrap(), &["--partial"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(load(&other).practices.len(), 70);
}

/// `signpost import csv` of a sheet with the fixture mapping.
fn import_csv(dir: &Path, sheet: &Path) -> crate::common::Run {
    let map = crate::common::repo().join("tests/fixtures/spreadsheet/mapping.yaml");
    import_csv_with(dir, sheet, &map)
}

fn import_csv_with(dir: &Path, sheet: &Path, map: &Path) -> crate::common::Run {
    signpost(&[
        "import".as_ref(),
        "csv".as_ref(),
        sheet.as_os_str(),
        "--map".as_ref(),
        map.as_os_str(),
        "--root".as_ref(),
        dir.as_os_str(),
    ])
}

/// A link workers' spreadsheet becomes entries that pass `check`: a day
/// and time read for certain becomes a session, one that cannot be stays
/// in the sheet's words; a re-import updates a changed cell and keeps what
/// a person added; bad rows are reported by row and column, and then
/// nothing is written.
#[test]
fn a_spreadsheet_imports_with_nothing_invented() {
    let sheets = crate::common::repo().join("tests/fixtures/spreadsheet");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("region");
    assert_eq!(init(&dir, &["--region", "Testshire"]).code, 0);
    let run = import_csv(&dir, &sheets.join("activities.csv"));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "Organisations: 1 created, 0 updated, 0 unchanged.\nActivities: 2 created, 0 updated, 0 unchanged.\nnote: row 3: \"Thursdays 1.30 to 3.30pm\" is not one weekly day and time that can be read for certain, so it is kept in the sheet's words as `availability_notes`\n"
    );
    let check = signpost(&["check".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stdout.contains(" 0 errors, "), "{}", check.stdout);
    let build = signpost(&["build".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    let page = |id: &str| {
        std::fs::read_to_string(dir.join(format!("site/activities/{id}/index.html"))).unwrap()
    };
    let toddle = page("tuesday-toddle");
    assert!(
        toddle.contains("<li>Every Tuesday, 10am to 11am</li>"),
        "{toddle}"
    );
    assert!(toddle.contains("Park Café"), "{toddle}");
    let craft = page("craft-and-chat");
    assert!(craft.contains("Thursdays 1.30 to 3.30pm"), "{craft}");
    assert!(!craft.contains("Next:"), "no invented dates: {craft}");
    // The organisation already there is used, the new one made.
    assert!(
        std::fs::read_to_string(dir.join("content/organisations/testtown-crafters.yaml"))
            .unwrap()
            .contains("name: \"Testtown Crafters\"")
    );

    // A person adds a summary; upstream, a cost changes.
    let toddle_file = dir.join("content/activities/tuesday-toddle.yaml");
    rewrite(&toddle_file, |text| {
        format!("{text}summary: A short walk with a cuppa after.\n")
    });
    let changed = tmp.path().join("changed.csv");
    let sheet = std::fs::read_to_string(sheets.join("activities.csv")).unwrap();
    std::fs::write(
        &changed,
        sheet.replace(",Free,Physical activity", ",£1,Physical activity"),
    )
    .unwrap();
    let run = import_csv(&dir, &changed);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("Organisations: 0 created, 0 updated, 0 unchanged.\nActivities: 0 created, 1 updated, 1 unchanged.\n"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(&toddle_file).unwrap();
    assert!(text.contains("cost: \"£1\"\n"), "{text}");
    assert!(
        text.contains("summary: A short walk with a cuppa after.\n"),
        "{text}"
    );

    // Bad rows: each problem by row and column, and nothing written.
    let before = walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .count();
    let run = import_csv(&dir, &sheets.join("bad.csv"));
    assert_eq!(run.code, 1, "{}", run.stdout);
    for problem in [
        "problem: row 2, column \"Categories\": \"Singing\" is not a category of this directory; they are Physical activity, ",
        "problem: row 2, column \"Postcode\": \"NOT A POSTCODE\" is not a full UK postcode\n",
        "problem: row 3, column \"Activity\": an activity needs its title, and this row has none\n",
        "problem: row 4: no phone, email or website, and an activity needs a way to get in touch\n",
        "Nothing was written, as 3 rows could not be imported. Fix the file, or add --partial to write the rest.\n",
    ] {
        assert!(run.stdout.contains(problem), "{problem}\n{}", run.stdout);
    }
    assert_eq!(
        walkdir::WalkDir::new(dir.join("content"))
            .into_iter()
            .count(),
        before
    );
}

/// A mapping file with a mistake gets the same located help as an entry.
#[test]
fn a_mapping_with_a_mistake_is_pointed_out() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("region");
    assert_eq!(init(&dir, &["--region", "Testshire"]).code, 0);
    let map = tmp.path().join("mapping.yaml");
    std::fs::write(&map, "source: sheet\ncolumns:\n  titel: Activity\n  organisation: Run by\n  description: What happens\n").unwrap();
    let sheet = crate::common::repo().join("tests/fixtures/spreadsheet/activities.csv");
    let run = import_csv_with(&dir, &sheet, &map);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("`titel` is not a field of `columns`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Did you mean `title`?"),
        "{}",
        run.stderr
    );
}
