//! `signpost new`: templates land in the right place, pass `check`, and
//! never overwrite anything.

use crate::common;

use common::Site;

fn new(site: &Site, kind: &str, name: &str) -> common::Run {
    common::signpost(&[
        "new".as_ref(),
        kind.as_ref(),
        name.as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ])
}

#[test]
fn every_kind_starts_an_entry_that_passes_check() {
    let site = Site::minimal();
    for (kind, folder) in [
        ("organisation", "organisations"),
        ("activity", "activities"),
        ("job", "jobs"),
        ("practice", "practices"),
        ("pcn", "pcns"),
    ] {
        let run = new(&site, kind, &format!("Tea & Talk: the {kind} \"#1\""));
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        let rel = format!("content/{folder}/tea-talk-the-{kind}-1.yaml");
        assert_eq!(
            run.stdout,
            format!("Created {rel}. Fill it in, then run `signpost check`.\n")
        );
        let text = site.read(&rel);
        assert!(
            text.contains(&format!("\"Tea & Talk: the {kind} \\\"#1\\\"\"")),
            "{text}"
        );
    }
    assert!(
        site.read("content/activities/tea-talk-the-activity-1.yaml")
            .contains("last_reviewed: 2026-11-21")
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("Checked 11 entries"), "{}", run.stdout);
    assert!(
        run.stdout.contains("0 errors, 0 warnings."),
        "{}",
        run.stdout
    );
}

#[test]
fn never_overwrites_an_entry() {
    let site = Site::minimal();
    let before = site.read("content/activities/park-walk.yaml");
    let run = new(&site, "activity", "Park Walk");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("there is already an activity with the id `park-walk`, in content/activities/park-walk.yaml"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("content/activities/park-walk.yaml"), before);
    assert_eq!(new(&site, "pcn", "!!!").code, 2);
}
