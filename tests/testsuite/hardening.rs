//! Entries come from pull requests: nothing in them may leak a file from
//! outside the site, hang, or crash `check` and `build`.

use crate::common;

use std::os::unix::fs::symlink;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Site, TODAY};

/// Runs the binary with a hard time limit, so a hang fails the test
/// instead of stalling the suite.
fn signpost_within(limit: Duration, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args)
        .args(["--today", TODAY])
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run signpost");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("signpost {args:?} was still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn check(site: &Site, env: &[(&str, &str)]) -> Run {
    let root = site.root().to_str().expect("utf-8 temp path");
    signpost_within(Duration::from_secs(20), &["check", "--root", root], env)
}

fn replace_with_link(site: &Site, rel: &str, target: &str) {
    let path = site.path(rel);
    let _ = std::fs::remove_file(&path);
    symlink(target, &path).expect("symlink");
}

#[test]
fn a_link_to_the_environment_or_passwd_is_refused_and_never_quoted() {
    for (rel, target) in [
        ("content/postcodes.csv", "/proc/self/environ"),
        ("content/postcodes.csv", "/etc/passwd"),
        ("content/site.yaml", "/proc/self/environ"),
        ("content/site.yaml", "/etc/passwd"),
        ("content/activities/park-walk.yaml", "/etc/passwd"),
    ] {
        let site = Site::minimal();
        replace_with_link(&site, rel, target);
        let run = check(&site, &[("SIGNPOST_TEST_SECRET", "hunter2-leaked")]);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert_eq!(run.code, 1, "{rel} -> {target}: {all}");
        assert!(!all.contains("hunter2-leaked"), "{rel} -> {target}: {all}");
        assert!(!all.contains("root:x:0"), "{rel} -> {target}: {all}");
        run.assert_reports(
            &format!("{rel}:1:1"),
            "this is a link to somewhere outside the site's folder, so it is not read",
        );
    }
}

#[test]
fn a_folder_link_out_of_the_site_is_not_walked() {
    let site = Site::minimal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.yaml"),
        "title: hunter2-leaked\n",
    )
    .unwrap();
    symlink(outside.path(), site.path("content/activities/shared")).unwrap();
    let run = check(&site, &[]);
    assert!(!run.stdout.contains("hunter2-leaked"), "{}", run.stdout);
    run.assert_reports(
        "content/activities/shared:1:1",
        "this is a link to somewhere outside the site's folder, so it is not read",
    );

    // content/ itself linked elsewhere.
    let site = Site::minimal();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(site.path("content"), elsewhere.path().join("content")).unwrap();
    symlink(elsewhere.path().join("content"), site.path("content")).unwrap();
    let run = check(&site, &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("content/ is a link to a folder outside the site"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_that_stays_inside_the_site_is_read() {
    let site = Site::minimal();
    std::fs::rename(
        site.path("content/site.yaml"),
        site.path("shared-site.yaml"),
    )
    .unwrap();
    symlink(
        site.path("shared-site.yaml"),
        site.path("content/site.yaml"),
    )
    .unwrap();
    let run = check(&site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_entry_link_says_why_it_is_not_read() {
    let site = Site::minimal();
    replace_with_link(&site, "content/activities/gone.yaml", "nowhere.yaml");
    let run = check(&site, &[]);
    run.assert_reports(
        "content/activities/gone.yaml:1:1",
        "this is a link to a file that does not exist, so it is not read",
    );
}

#[test]
fn a_named_pipe_is_refused_at_once_not_waited_on() {
    for rel in [
        "content/site.yaml",
        "content/postcodes.csv",
        "content/activities/pipe.yaml",
    ] {
        let site = Site::minimal();
        let _ = std::fs::remove_file(site.path(rel));
        let path = std::ffi::CString::new(site.path(rel).into_os_string().into_encoded_bytes())
            .expect("a path without NUL");
        // SAFETY: a valid C string, and mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
        let run = check(&site, &[]);
        assert_eq!(run.code, 1, "{rel}: {}{}", run.stdout, run.stderr);
        run.assert_reports(
            &format!("{rel}:1:1"),
            "this is a named pipe (FIFO), not a regular file, so it is not read",
        );
    }
}

#[test]
fn a_theme_file_linked_out_of_the_site_fails_the_build_and_is_not_published() {
    let site = Site::minimal();
    std::fs::create_dir_all(site.path("themes/default/static")).unwrap();
    symlink("/etc/passwd", site.path("themes/default/static/passwd.txt")).unwrap();
    let root = site.root().to_str().unwrap();
    let run = signpost_within(Duration::from_secs(60), &["build", "--root", root], &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("themes/default/static/passwd.txt: this is a link to somewhere outside the site's folder"),
        "{}",
        run.stderr
    );
    assert!(!site.path("site/passwd.txt").exists());
}

#[test]
fn text_that_is_not_ascii_in_days_and_times_is_an_error_not_a_crash() {
    for (from, to) in [
        ("day: tuesday", "day: mañana"),
        ("day: tuesday", "day: mié"),
        ("day: tuesday", "day: \"🚶\""),
        ("start: \"10:00\"", "start: \"9–\""),
        ("start: \"10:00\"", "start: \"1½h\""),
        ("start: \"10:00\"", "start: \"🕙🕙🕙🕙\""),
        ("end: \"11:00\"", "end: \"½½\""),
    ] {
        let site = Site::minimal();
        site.edit("content/activities/park-walk.yaml", from, to);
        let run = check(&site, &[]);
        assert_eq!(run.code, 1, "{to}: {}{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("panicked"), "{to}: {}", run.stderr);
        assert!(
            run.stdout.contains("is not a day of the week")
                || run.stdout.contains("is not a time in HH:MM form"),
            "{to}: {}",
            run.stdout
        );
    }
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let site = Site::minimal();
    // Many problems, so there is plenty to write into the closed pipe.
    for n in 0..50 {
        site.write(&format!("content/activities/bad-{n}.yaml"), "title: [\n");
    }
    for format in ["human", "json", "github"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["check", "--format", format, "--today", TODAY, "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run signpost");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

#[test]
fn a_date_at_the_end_of_the_calendar_is_refused_not_a_crash() {
    let site = Site::minimal();
    let root = site.root().to_str().unwrap();
    for args in [
        vec![
            "new",
            "job",
            "X",
            "--root",
            root,
            "--today",
            "+262142-12-20",
        ],
        vec!["check", "--root", root, "--today", "+262142-12-20"],
        vec!["review", "--root", root, "--today", "262142-12-20"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(&args)
            .output()
            .expect("run signpost");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.contains("is not a date"), "{args:?}: {stderr}");
    }
    // The last date entries can hold still works, with every sum inside
    // the calendar.
    let run = signpost_within(
        Duration::from_secs(20),
        &["review", "--root", root, "--within", "4294967295"],
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args([
            "new",
            "job",
            "Late",
            "--root",
            root,
            "--today",
            "9999-12-31",
        ])
        .output()
        .expect("run signpost");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn forty_thousand_mistakes_in_one_line_give_a_short_report() {
    let site = Site::minimal();
    let list = vec!["nope"; 40_000].join(", ");
    site.edit(
        "content/activities/park-walk.yaml",
        "categories: [physical-activity]",
        &format!("categories: [{list}]"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.len() < 32 * 1024, "{} bytes", run.stdout.len());
    assert_eq!(run.errors(), 21, "{}", run.stdout);
    run.assert_reports(
        "content/activities/park-walk.yaml:6:134",
        "…and 39980 more problems in this file (39980 errors, 0 warnings)",
    );
    // No line of the report quotes more than the stretch around a problem.
    assert!(run.stdout.lines().all(|l| l.chars().count() < 200));
}

#[test]
fn the_marker_says_nothing_about_the_machine() {
    let site = Site::minimal();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let marker = site.read("site/.signpost-output");
    assert_eq!(
        marker,
        "This folder was made by Signpost, which deletes and rebuilds it on every build.\n\
         Keep none of your own files here: they would be lost.\n"
    );
}
