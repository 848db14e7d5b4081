//! `signpost init`: a new region's directory checks and builds cleanly at
//! once, and no file is ever overwritten.

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
