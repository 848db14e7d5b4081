//! `signpost review`: what needs checking, grouped by who to ask.

use crate::common;

use common::Site;

fn review(site: &Site, args: &[&str]) -> common::Run {
    let mut all: Vec<&std::ffi::OsStr> = vec![
        "review".as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ];
    all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
    common::signpost(&all)
}

#[test]
fn lists_overdue_entries_by_organisation() {
    let site = Site::minimal();
    // Reviewed 2026-10-01, 180-day interval: due 2027-03-30, so with the
    // fixed today of 2026-11-21 nothing is due yet...
    let run = review(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "No entries need reviewing as of 2026-11-21.\n");
    // ...but it is within 150 days.
    let run = review(&site, &["--within", "150", "--format", "csv"]);
    assert_eq!(
        run.stdout,
        "organisation,organisation_email,kind,id,title,file,last_reviewed,review_due,days_overdue\n\
         Testtown Walkers,hello@example.org,activity,park-walk,Park Walk,content/activities/park-walk.yaml,2026-10-01,2027-03-30,-129\n"
    );

    site.edit(
        "content/activities/park-walk.yaml",
        "last_reviewed: 2026-10-01",
        "last_reviewed: 2026-01-01",
    );
    site.edit(
        "content/organisations/testtown-walkers.md",
        "phone: 01632 960003\n",
        "phone: 01632 960003\nlast_reviewed: 2025-12-01\n",
    );
    let run = review(&site, &[]);
    assert_eq!(
        run.stdout,
        "2 entries to review as of 2026-11-21, from 1 organisation:\n\
         \n\
         Testtown Walkers <hello@example.org>\n\
         \x20 overdue by 175 days  Testtown Walkers  (last reviewed 2025-12-01, due 2026-05-30)\n\
         \x20   content/organisations/testtown-walkers.md\n\
         \x20 overdue by 144 days  Park Walk  (last reviewed 2026-01-01, due 2026-06-30)\n\
         \x20   content/activities/park-walk.yaml\n"
    );
}
