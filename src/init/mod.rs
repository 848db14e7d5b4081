//! `signpost init`: a new directory that checks and builds cleanly at once,
//! with the pages every public-sector directory needs, an example entry of
//! each kind people add, the check-and-publish workflow, a README for the
//! content repository and the JSON Schemas.
//!
//! It never overwrites a file: into a folder that is not empty it writes
//! only with `force`, and then only the files that are not there yet.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// The files of a new directory: (path, contents with `{{region}}`,
/// `{{title}}` and `{{today}}` still to fill in).
const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("site.yaml")),
    ("content/pages/about.md", include_str!("about.md")),
    (
        "content/pages/accessibility.md",
        include_str!("accessibility.md"),
    ),
    ("content/pages/privacy.md", include_str!("privacy.md")),
    (
        "content/pages/data-licence.md",
        include_str!("data-licence.md"),
    ),
    (
        "content/organisations/example-community-group.yaml",
        include_str!("organisation.yaml"),
    ),
    (
        "content/activities/example-befriending-calls.yaml",
        include_str!("activity.yaml"),
    ),
    (
        ".github/workflows/check-and-publish.yml",
        include_str!("../../docs/examples/check-and-publish.yml"),
    ),
    ("README.md", include_str!("README.md")),
    (".gitignore", include_str!("gitignore")),
];

/// What `init` did.
#[derive(Debug, Default)]
pub struct Created {
    pub written: Vec<PathBuf>,
    /// Files already there, left as they were.
    pub kept: Vec<PathBuf>,
}

#[derive(Debug)]
pub enum Refused {
    /// The folder has files in it, and `force` was not given.
    NotEmpty(PathBuf),
    /// The region's name is empty or has characters a title cannot hold.
    BadRegion(String),
    Io(std::io::Error, PathBuf),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Refused::NotEmpty(dir) => write!(
                f,
                "{} is not empty. Start the directory in a new folder, or add --force to add the files that are missing (no file is ever overwritten).",
                dir.display()
            ),
            Refused::BadRegion(why) => write!(f, "{why}"),
            Refused::Io(err, path) => write!(f, "could not write {}: {err}", path.display()),
        }
    }
}

/// Writes a new directory for `region` into `dir`.
pub fn init(dir: &Path, region: &str, today: NaiveDate, force: bool) -> Result<Created, Refused> {
    let region = region.trim();
    if region.is_empty() {
        return Err(Refused::BadRegion(
            "--region needs the region's name, like --region \"North Somerset\"".into(),
        ));
    }
    if let Some(c) = region
        .chars()
        .find(|c| c.is_control() || matches!(c, '"' | '\\' | '{' | '}'))
    {
        return Err(Refused::BadRegion(format!(
            "the region's name cannot contain {c:?}: write it as people read it, like \"North Somerset\""
        )));
    }
    let not_empty = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if not_empty && !force {
        return Err(Refused::NotEmpty(dir.to_path_buf()));
    }
    let title = format!("{region} Social Prescribing Directory");
    let today = today.format("%Y-%m-%d").to_string();
    let mut created = Created::default();
    for (rel, template) in FILES {
        let path = dir.join(rel);
        // Never overwrite: anything already at the path (a file, a link,
        // a folder) is kept.
        if std::fs::symlink_metadata(&path).is_ok() {
            created.kept.push(PathBuf::from(rel));
            continue;
        }
        let text = template
            .replace("{{title}}", &title)
            .replace("{{region}}", region)
            .replace("{{today}}", &today);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Refused::Io(e, parent.to_path_buf()))?;
        }
        // `create_new` so that a file appearing meanwhile is not replaced.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| Refused::Io(e, path.clone()))?;
        created.written.push(PathBuf::from(rel));
    }
    Ok(created)
}
