//! The output folder, as a user meets it: `--output` can never destroy their
//! own files, and a failed build leaves the previous site as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use signpost::output::{MARKER, prepare};

/// Every file and folder under `root`, with file contents.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(root).unwrap().to_path_buf();
            let bytes = entry
                .file_type()
                .is_file()
                .then(|| fs::read(entry.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

fn build(output: &Path, pages: &[(&str, &str)]) {
    let staging = prepare(output).unwrap();
    for (rel, html) in pages {
        staging.write(rel, html.as_bytes()).unwrap();
    }
    staging.commit().unwrap();
}

#[test]
fn an_output_folder_of_your_own_files_is_refused_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join("content/activities")).unwrap();
    fs::write(home.path().join("content/site.yaml"), "title: Mine\n").unwrap();
    fs::write(home.path().join("content/activities/walk.yaml"), "x: 1\n").unwrap();
    let before = snapshot(home.path());

    let error = prepare(&home.path().join("content"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("was not made by Signpost"), "{error}");
    assert!(error.contains("--output"), "says what to do: {error}");
    assert_eq!(snapshot(home.path()), before, "nothing changed or added");
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let project = tempfile::tempdir().unwrap();
    let public = project.path().join("public");
    build(&public, &[("index.html", "<h1>v1</h1>")]);
    let before = snapshot(project.path());

    let staging = prepare(&public).unwrap();
    staging.write("index.html", b"<h1>v2</h1>").unwrap();
    drop(staging); // rendering failed part-way

    assert_eq!(snapshot(project.path()), before);
}

#[test]
fn a_rebuild_replaces_the_site_and_nothing_beside_it() {
    let project = tempfile::tempdir().unwrap();
    fs::write(project.path().join("notes.txt"), "keep me").unwrap();
    let public = project.path().join("public");
    build(
        &public,
        &[("index.html", "v1"), ("jobs/index.html", "jobs")],
    );
    build(&public, &[("index.html", "v2")]);

    let files: Vec<PathBuf> = snapshot(project.path()).into_keys().collect();
    let marker = format!("public/{MARKER}");
    let expected = ["", "notes.txt", "public", &marker, "public/index.html"];
    assert_eq!(files, expected.map(PathBuf::from));
    assert_eq!(fs::read_to_string(public.join("index.html")).unwrap(), "v2");
}
