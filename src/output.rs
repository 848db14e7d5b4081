//! The output folder of a build.
//!
//! A build writes into a hidden staging folder next to the target and swaps
//! it into place only once everything succeeded, so a failed build leaves the
//! previous site untouched. Every output folder carries a [`MARKER`] file, and
//! Signpost only ever replaces or deletes a folder that carries it (or is
//! empty): an `--output` pointing at a folder of someone's own files, their
//! home folder or the project itself is refused rather than wiped.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, bail};

/// Name of the marker file Signpost writes at the top of every output folder.
pub const MARKER: &str = ".signpost-output";

/// What the marker says to someone who finds it.
const MARKER_TEXT: &str = "This folder was made by Signpost, which deletes and rebuilds it \
on every build.\nKeep none of your own files here: they would be lost.\n";

/// A build in progress: files are written into a hidden staging folder next to the target.
#[derive(Debug)]
pub struct Staging {
    /// Where the site goes: absolute, with its parent resolved but its last
    /// part not followed (a link there must be seen as a link).
    target: PathBuf,
    /// The hidden sibling being written, named uniquely by `sibling`.
    dir: PathBuf,
    /// Folders already made inside it, so writing many files into one
    /// folder asks the file system to make it only once.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// Set once the staging folder has become the target, so `Drop` leaves it.
    committed: bool,
}

/// Checks `target` may be (re)placed, before any rendering work, and creates
/// the staging folder (a hidden sibling of `target`, creating the parent if
/// missing) with the marker file already inside.
///
/// Refuses a target that is a file or a link, a non-empty folder without the
/// marker, and the home folder or any folder containing the current one even
/// if marked. Staging folders left by crashed runs are removed on the way.
pub fn prepare(target: &Path) -> anyhow::Result<Staging> {
    prepare_with(target, &Protected::current())
}

/// `prepare`, with the folders to protect given (so tests need not touch the real ones).
fn prepare_with(target: &Path, protected: &Protected) -> anyhow::Result<Staging> {
    let target = resolve(target)?;
    // Before looking for the marker: these are refused even if marked.
    protected.check(&target)?;
    let (parent, name) = split(&target);
    if let Some(aside) = restore_interrupted(parent, name, &target) {
        eprintln!(
            "note: put the previous site back at {} from {}, where a build that was stopped mid-swap left it",
            target.display(),
            aside.display()
        );
    }
    check_replaceable(&target)?;
    remove_leftovers(parent, name);
    let dir = parent.join(sibling(name, "staging"));
    fs::create_dir(&dir)
        .with_context(|| format!("could not create the staging folder {}", dir.display()))?;
    // From here on, dropping `staging` removes the folder if anything fails.
    let staging = Staging {
        target,
        dir,
        made: Default::default(),
        committed: false,
    };
    let marker = staging.dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT)
        .with_context(|| format!("could not write {}", marker.display()))?;
    Ok(staging)
}

impl Staging {
    /// The staging folder (absolute).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at a relative path like `activities/walk/index.html`,
    /// creating folders. Safe to call from many threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.made(rel)?;
        fs::write(&path, bytes).with_context(|| format!("could not write {}", path.display()))
    }

    /// Where a relative path is in the staging folder, its folders made.
    fn made(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let path = self.dir.join(inside(rel)?);
        if let Some(folder) = path.parent() {
            let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
            if !made().contains(folder) {
                // `create_dir_all` tolerates another thread creating the same folder.
                fs::create_dir_all(folder)
                    .with_context(|| format!("could not create {}", folder.display()))?;
                made().insert(folder.to_path_buf());
            }
        }
        Ok(path)
    }

    /// Swaps the staging folder into place at the target, then deletes the
    /// previous site. Where the platform can exchange two folders in one
    /// step, the site is never missing, even for an instant; elsewhere the
    /// old site is moved aside first, and put back if the swap fails (or by
    /// the next build, if this one is killed in between).
    pub fn commit(mut self) -> anyhow::Result<()> {
        // The target may have changed since `prepare`: never replace what isn't ours.
        check_replaceable(&self.target)?;
        if exchange(&self.dir, &self.target)? {
            self.committed = true;
            // The staging folder's name now holds the previous site.
            return remove_ours(&self.dir).with_context(|| {
                format!(
                    "the new site is in place at {}, but the previous one, moved to {}, \
                     could not be deleted; delete it yourself",
                    self.target.display(),
                    self.dir.display()
                )
            });
        }
        let (parent, name) = split(&self.target);
        let aside = parent.join(sibling(name, "old"));

        let had_old = match fs::rename(&self.target, &aside) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "could not move the previous site at {} aside to replace it",
                        self.target.display()
                    )
                });
            }
        };
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            let mut message = format!(
                "could not move the new site from {} to {}",
                self.dir.display(),
                self.target.display()
            );
            if had_old && fs::rename(&aside, &self.target).is_err() {
                message += &format!(
                    "; the previous site could not be put back either and is at {}",
                    aside.display()
                );
            }
            return Err(e).context(message);
        }
        self.committed = true;

        if had_old {
            // `aside` is whatever was at the target when it was moved, so this
            // checks the marker once more before deleting anything.
            remove_ours(&aside).with_context(|| {
                format!(
                    "the new site is in place at {}, but the previous one, moved to {}, \
                     could not be deleted; delete it yourself",
                    self.target.display(),
                    aside.display()
                )
            })?;
        }
        Ok(())
    }
}

/// Exchanges `staging` and an existing `target` in one step (Linux's
/// `renameat2(RENAME_EXCHANGE)`). False when there is no target to exchange
/// with, or the platform or filesystem cannot do it.
fn exchange(staging: &Path, target: &Path) -> anyhow::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            // No previous site, or no exchange here: the two renames do.
            Err(Errno::NOENT | Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {}
            Err(e) => {
                return Err(io::Error::from(e)).with_context(|| {
                    format!(
                        "could not swap the new site from {} into {}",
                        staging.display(),
                        target.display()
                    )
                });
            }
        }
    }
    let _ = (staging, target);
    Ok(false)
}

/// After a build killed between moving the old site aside and moving the
/// new one in, the site is missing and the old one sits beside it: put it
/// back. Only a folder Signpost made, left by a process that is gone, is
/// moved; if there are several, the newest.
fn restore_interrupted(parent: &Path, name: &OsStr, target: &Path) -> Option<PathBuf> {
    if inspect(target).ok()? != Found::Nothing {
        return None;
    }
    let aside = fs::read_dir(parent)
        .ok()?
        .flatten()
        .filter(|e| {
            let file = e.file_name();
            sibling_pid(&file, name).is_some_and(|pid| !running(pid))
                && file.to_string_lossy().contains(".old-")
                && inspect(&e.path()).is_ok_and(|f| f == Found::Marked)
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())?
        .path();
    fs::rename(&aside, target).ok()?;
    Some(aside)
}

/// Dropping a `Staging` that was not committed removes the staging folder,
/// leaving the target untouched.
impl crate::export::Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        Staging::write(self, path, bytes)
    }

    /// Each piece goes to the file as it comes.
    fn write_pieces(&self, rel: &str, fill: &mut crate::export::Fill) -> anyhow::Result<()> {
        let path = self.made(rel)?;
        let could_not = || format!("could not write {}", path.display());
        let file = fs::File::create(&path).with_context(could_not)?;
        // Pieces may be as small as a comma.
        let mut file = std::io::BufWriter::with_capacity(1 << 18, file);
        fill(&mut |piece| file.write_all(&piece.bytes()).with_context(could_not))?;
        file.flush().with_context(could_not)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Ours entirely: made fresh under a name no one else uses.
            // `remove_dir_all` does not follow links inside it.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// `target` made absolute, with its parent folder created and resolved (so
/// `..` and links in it are followed) but its last part kept as given.
fn resolve(target: &Path) -> anyhow::Result<PathBuf> {
    let absolute = std::path::absolute(target)
        .with_context(|| format!("could not find the folder {}", target.display()))?;
    // `.`, `..` and `/` would all replace a folder the user is working in.
    let (Some(Component::Normal(name)), Some(parent)) =
        (absolute.components().next_back(), absolute.parent())
    else {
        bail!(
            "refusing to use `{}` as the output folder: it must end in a folder name, \
             such as `public`. Signpost replaces the whole output folder, so it cannot be \
             the current folder, one above it or a filesystem root.",
            target.display()
        );
    };
    fs::create_dir_all(parent)
        .with_context(|| format!("could not create the folder {}", parent.display()))?;
    let parent = fs::canonicalize(parent)
        .with_context(|| format!("could not find the folder {}", parent.display()))?;
    Ok(parent.join(name))
}

/// `rel` as a path inside the output folder, or an error if it could point
/// outside it or over the marker.
fn inside(rel: &str) -> anyhow::Result<&Path> {
    let path = Path::new(rel);
    // Only plain names: no root, no `..`, no `.`, no Windows drive.
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if rel.is_empty() || !plain || path == Path::new(MARKER) {
        bail!(
            "refusing to write `{rel}` into the output folder: output paths must be relative, \
             like `activities/walk/index.html`, and stay inside the folder"
        );
    }
    Ok(path)
}

/// The parent and name of a resolved target (which always has both).
fn split(target: &Path) -> (&Path, &OsStr) {
    let parent = target.parent().expect("a resolved target has a parent");
    let name = target.file_name().expect("a resolved target has a name");
    (parent, name)
}

/// Folders never to replace, marker or not: a marker could have been copied
/// there by mistake, and losing them would be a disaster.
struct Protected {
    home: Option<PathBuf>,
    cwd: Option<PathBuf>,
}

impl Protected {
    fn current() -> Protected {
        let real = |path: PathBuf| fs::canonicalize(&path).unwrap_or(path);
        Protected {
            home: std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| real(home.into())),
            cwd: std::env::current_dir().ok().map(real),
        }
    }

    fn check(&self, target: &Path) -> anyhow::Result<()> {
        let is_or_contains = |folder: &Option<PathBuf>| {
            folder
                .as_deref()
                .is_some_and(|folder| folder.starts_with(target))
        };
        if is_or_contains(&self.home) {
            bail!(
                "refusing to replace {}: it is or contains your home folder. \
                 Choose a new folder for --output, such as `public` in your project.",
                target.display()
            );
        }
        if is_or_contains(&self.cwd) {
            bail!(
                "refusing to replace {}: it is or contains the folder Signpost is running in. \
                 Choose a new folder for --output, such as `public`.",
                target.display()
            );
        }
        Ok(())
    }
}

/// What is at a path, as far as replacing it goes.
#[derive(Debug, PartialEq)]
enum Found {
    Nothing,
    Empty,
    Marked,
    Link,
    NotFolder,
    Foreign,
}

/// Looks at `path` without following a link there.
fn inspect(path: &Path) -> io::Result<Found> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(e),
    };
    Ok(if meta.file_type().is_symlink() {
        Found::Link
    } else if !meta.is_dir() {
        Found::NotFolder
    } else if fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file()) {
        Found::Marked
    } else if fs::read_dir(path)?.next().is_none() {
        Found::Empty
    } else {
        Found::Foreign
    })
}

/// Errors unless `target` is missing, empty or a folder Signpost made.
fn check_replaceable(target: &Path) -> anyhow::Result<()> {
    let found =
        inspect(target).with_context(|| format!("could not look at {}", target.display()))?;
    let shown = target.display();
    match found {
        Found::Nothing | Found::Empty | Found::Marked => Ok(()),
        Found::Link => bail!(
            "refusing to replace {shown}: it is a symbolic link, and Signpost only replaces \
             folders it made. Give the real folder as --output, or choose a new one."
        ),
        Found::NotFolder => bail!(
            "refusing to replace {shown}: it is a file, not a folder. \
             Choose a new folder for --output."
        ),
        Found::Foreign => bail!(
            "refusing to replace {shown}: it is not empty and was not made by Signpost \
             (it has no {MARKER} file). Choose an empty or new folder for --output, \
             or delete it yourself."
        ),
    }
}

/// Deletes `dir` only if Signpost made it: a real folder carrying the marker,
/// or an empty one.
fn remove_ours(dir: &Path) -> io::Result<()> {
    match inspect(dir)? {
        // Does not follow links inside the folder.
        Found::Marked => fs::remove_dir_all(dir),
        // Fails, rather than deleting them, if files were added since.
        Found::Empty => fs::remove_dir(dir),
        Found::Nothing => Ok(()),
        _ => Err(io::Error::other("it was not made by Signpost")),
    }
}

/// A hidden sibling name for `name`, unique to this process and call:
/// `.public.staging-1234-0`. The number after the process id keeps two
/// builds in one process (tests, a rebuilding server) apart.
fn sibling(name: &OsStr, role: &str) -> OsString {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let seq = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut sibling = OsString::from(".");
    sibling.push(name);
    sibling.push(format!(".{role}-{}-{seq}", std::process::id()));
    sibling
}

/// The process id in a name made by `sibling` for `name`, if `file` is one.
fn sibling_pid(file: &OsStr, name: &OsStr) -> Option<u32> {
    let rest = file
        .to_str()?
        .strip_prefix('.')?
        .strip_prefix(name.to_str()?)?
        .strip_prefix('.')?;
    let rest = rest
        .strip_prefix("staging-")
        .or_else(|| rest.strip_prefix("old-"))?;
    let (pid, seq) = rest.split_once('-')?;
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !number(seq) || !number(pid) {
        return None;
    }
    pid.parse().ok()
}

/// Removes staging and moved-aside folders left next to the target by runs
/// that crashed. Best effort: anything that fails, or is not ours, stays.
fn remove_leftovers(parent: &Path, name: &OsStr) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if sibling_pid(&entry.file_name(), name).is_some_and(|pid| !running(pid)) {
            let _ = remove_ours(&entry.path());
        }
    }
}

/// Whether process `pid` may still be building. This process may have other
/// builds going; other processes can be seen without extra crates only on
/// Linux (through /proc), so elsewhere they count as crashed.
fn running(pid: u32) -> bool {
    pid == std::process::id()
        || (cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::collections::BTreeMap;

    /// Every file and folder under `root`, with file contents, for before/after checks.
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

    /// The names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    fn build(target: &Path, files: &[(&str, &str)]) {
        let staging = prepare(target).unwrap();
        for (rel, text) in files {
            staging.write(rel, text.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
    }

    #[test]
    fn builds_a_fresh_target_creating_its_parents() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out/site");
        build(
            &target,
            &[("index.html", "home"), ("a/b/index.html", "deep")],
        );
        assert_eq!(
            fs::read_to_string(target.join("a/b/index.html")).unwrap(),
            "deep"
        );
        assert!(target.join(MARKER).is_file());
        assert_eq!(
            names(&tmp.path().join("out")),
            ["site"],
            "nothing left beside it"
        );
    }

    #[test]
    fn staging_is_a_hidden_absolute_sibling_with_the_marker() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = prepare(&tmp.path().join("site")).unwrap();
        let path = staging.path().to_path_buf();
        assert!(path.is_absolute());
        assert_eq!(
            path.parent(),
            Some(fs::canonicalize(tmp.path()).unwrap().as_path())
        );
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(".site.staging-"), "{name}");
        assert!(path.join(MARKER).is_file());
    }

    #[test]
    fn replaces_an_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        fs::create_dir(&target).unwrap();
        build(&target, &[("index.html", "home")]);
        assert_eq!(names(&target), [MARKER, "index.html"]);
        assert_eq!(names(tmp.path()), ["site"]);
    }

    #[test]
    fn replaces_a_marked_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        build(&target, &[("old/index.html", "old"), ("index.html", "v1")]);
        build(&target, &[("new/index.html", "new"), ("index.html", "v2")]);
        assert_eq!(names(&target), [MARKER, "index.html", "new"]);
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "v2");
        assert_eq!(names(tmp.path()), ["site"], "old site and staging are gone");
    }

    #[test]
    fn refuses_a_folder_of_someone_elses_files() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("documents");
        fs::create_dir_all(target.join("letters")).unwrap();
        fs::write(target.join("letters/mum.txt"), "Dear Mum").unwrap();
        let before = snapshot(tmp.path());

        let error = prepare(&target).unwrap_err().to_string();
        assert!(error.contains("not made by Signpost"), "{error}");
        assert!(error.contains(MARKER), "{error}");
        assert_eq!(snapshot(tmp.path()), before, "nothing touched or added");
    }

    #[test]
    fn refuses_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("notes.txt");
        fs::write(&target, "mine").unwrap();
        let error = prepare(&target).unwrap_err().to_string();
        assert!(error.contains("it is a file"), "{error}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "mine");
        assert_eq!(names(tmp.path()), ["notes.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_link_even_to_a_marked_site() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        build(&real, &[("index.html", "home")]);
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let error = prepare(&link).unwrap_err().to_string();
        assert!(error.contains("symbolic link"), "{error}");
        assert!(real.join("index.html").is_file());
    }

    #[test]
    fn refuses_home_and_the_current_folder_even_if_marked() {
        let tmp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(tmp.path()).unwrap();
        let protected = Protected {
            home: Some(root.join("home")),
            cwd: Some(root.join("project/content")),
        };
        for refused in ["home", "project", "project/content"] {
            let dir = root.join(refused);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join(MARKER), "").unwrap();
            let before = snapshot(&root);
            assert!(prepare_with(&dir, &protected).is_err(), "{refused}");
            assert_eq!(snapshot(&root), before, "{refused}");
        }
        for allowed in ["home/site", "project/public", "project/content-site"] {
            prepare_with(&root.join(allowed), &protected).unwrap();
        }

        // And for real: the folder the tests run in, one above it, and the root.
        let cwd = std::env::current_dir().unwrap();
        for path in [cwd.as_path(), Path::new("."), Path::new("./")] {
            let error = prepare(path).unwrap_err().to_string();
            assert!(error.contains("Signpost is running in"), "{error}");
        }
        for path in ["..", "public/..", "/"] {
            let error = prepare(Path::new(path)).unwrap_err().to_string();
            assert!(error.contains("must end in a folder name"), "{error}");
        }
    }

    #[test]
    fn a_failed_build_leaves_the_old_site_byte_identical() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        build(&target, &[("index.html", "v1"), ("a/index.html", "a")]);
        let before = snapshot(&target);

        let staging = prepare(&target).unwrap();
        staging.write("index.html", b"v2").unwrap();
        staging.write("b/index.html", b"b").unwrap();
        drop(staging); // as when rendering fails with `?`

        assert_eq!(snapshot(&target), before);
        assert_eq!(names(tmp.path()), ["site"], "no staging folder behind");
    }

    #[test]
    fn commit_rechecks_the_target() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        let staging = prepare(&target).unwrap();
        // Someone puts their own files there while the build runs.
        fs::create_dir(&target).unwrap();
        fs::write(target.join("mine.txt"), "mine").unwrap();

        let error = staging.commit().unwrap_err().to_string();
        assert!(error.contains("not made by Signpost"), "{error}");
        assert_eq!(names(&target), ["mine.txt"]);
        assert_eq!(names(tmp.path()), ["site"], "staging removed");
    }

    #[test]
    fn a_failed_swap_puts_the_old_site_back() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        build(&target, &[("index.html", "v1")]);
        let before = snapshot(&target);

        let staging = prepare(&target).unwrap();
        // Make the second rename (staging to target) fail.
        fs::remove_dir_all(staging.path()).unwrap();
        assert!(staging.commit().is_err());
        assert_eq!(snapshot(&target), before);
        assert_eq!(names(tmp.path()), ["site"]);
    }

    #[test]
    fn write_refuses_paths_outside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = prepare(&tmp.path().join("deep/site")).unwrap();
        for rel in ["../x", "/etc/x", "", ".", "a/../../x", MARKER] {
            assert!(staging.write(rel, b"x").is_err(), "{rel:?}");
        }
        assert_eq!(names(staging.path()), [MARKER]);
        assert_eq!(
            names(&tmp.path().join("deep")).len(),
            1,
            "only the staging folder"
        );
        assert_eq!(names(tmp.path()), ["deep"]);
    }

    /// A large export goes to its file piece by piece, and in the
    /// staging folder only, like any other file.
    #[test]
    fn a_file_written_in_pieces_holds_them_in_order() {
        use crate::export::{Piece, Sink};
        let tmp = tempfile::tempdir().unwrap();
        let staging = prepare(&tmp.path().join("site")).unwrap();
        let kept = std::sync::Arc::new(crate::export::KeptText::new("a3b"));
        Sink::write_pieces(&staging, "data/list.json", &mut |put| {
            for piece in ["[", "1", ",2", ","] {
                put(piece.into())?;
            }
            put(Piece::Kept(&kept, 1, 2))?;
            put("]".into())
        })
        .unwrap();
        let written = fs::read_to_string(staging.path().join("data/list.json")).unwrap();
        assert_eq!(written, "[1,2,3]");
        let refused = Sink::write_pieces(&staging, "../x", &mut |put| put("x".into()));
        assert!(refused.is_err());
        assert!(!tmp.path().join("x").exists());
        // A failing piece fails the build's write.
        let failed =
            Sink::write_pieces(&staging, "data/bad.json", &mut |_| anyhow::bail!("no more"));
        assert_eq!(failed.unwrap_err().to_string(), "no more");
    }

    #[test]
    fn concurrent_writes_from_rayon() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        let staging = prepare(&target).unwrap();
        // Shared parent folders, so threads race to create them.
        (0..400).into_par_iter().for_each(|i| {
            let rel = format!("pages/{}/{i}/index.html", i % 7);
            staging.write(&rel, i.to_string().as_bytes()).unwrap();
        });
        staging.commit().unwrap();
        for i in 0..400 {
            let path = target.join(format!("pages/{}/{i}/index.html", i % 7));
            assert_eq!(fs::read_to_string(path).unwrap(), i.to_string());
        }
    }

    #[test]
    fn removes_only_leftovers_that_are_ours_and_dead() {
        let tmp = tempfile::tempdir().unwrap();
        let dead = 999_999_999; // above any Linux pid_max
        let crashed = tmp.path().join(format!(".site.staging-{dead}-0"));
        let moved = tmp.path().join(format!(".site.old-{dead}-3"));
        let lookalike = tmp.path().join(format!(".site.staging-{dead}-1"));
        let other_site = tmp.path().join(format!(".blog.staging-{dead}-0"));
        for dir in [&crashed, &moved, &other_site] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join(MARKER), "").unwrap();
        }
        fs::create_dir(&lookalike).unwrap();
        fs::write(lookalike.join("mine.txt"), "mine").unwrap();

        let staging = prepare(&tmp.path().join("site")).unwrap();
        assert!(!crashed.exists() && !moved.exists());
        assert!(lookalike.join("mine.txt").is_file(), "no marker, so kept");
        assert!(other_site.exists(), "another target's, so kept");
        drop(staging);
    }

    #[test]
    fn a_build_killed_mid_swap_has_its_old_site_put_back_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        let dead = 999_999_999; // above any Linux pid_max
        // What a crash between the two renames leaves: no site, the old one
        // aside, the new one still staged.
        let aside = tmp.path().join(format!(".site.old-{dead}-0"));
        let staged = tmp.path().join(format!(".site.staging-{dead}-1"));
        for (dir, text) in [(&aside, "old"), (&staged, "new")] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
            fs::write(dir.join("index.html"), text).unwrap();
        }
        let staging = prepare(&target).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert!(
            !staged.exists(),
            "the dead build's staging folder is cleared"
        );
        drop(staging);
        assert_eq!(names(tmp.path()), ["site"]);
    }

    #[test]
    fn the_site_never_disappears_during_a_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        build(&target, &[("index.html", "0")]);
        let done = std::sync::atomic::AtomicBool::new(false);
        let missing = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    if fs::symlink_metadata(target.join("index.html")).is_err() {
                        missing.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
            for i in 1..=300 {
                build(&target, &[("index.html", &i.to_string())]);
            }
            done.store(true, Ordering::Relaxed);
        });
        assert_eq!(missing.load(Ordering::Relaxed), 0);
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "300"
        );
        assert_eq!(names(tmp.path()), ["site"]);
    }

    #[test]
    fn reads_pids_only_from_sibling_names() {
        let name = OsStr::new("site");
        let pid = |file: &str| sibling_pid(OsStr::new(file), name);
        assert_eq!(pid(".site.staging-42-0"), Some(42));
        assert_eq!(pid(".site.old-42-17"), Some(42));
        for file in [
            "site",
            ".site.staging-42",
            ".site.staging--0",
            ".site.staging-+42-0",
            ".site.staging-42-0x",
            ".site2.staging-42-0",
            ".site.backup-42-0",
        ] {
            assert_eq!(pid(file), None, "{file}");
        }
        let made = sibling(name, "staging");
        assert_eq!(sibling_pid(&made, name), Some(std::process::id()));
    }
}
