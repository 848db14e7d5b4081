//! Watching the site's files: which events matter, and gathering the burst
//! of events one save makes into one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher};

/// A burst ends when no event has come for this long…
const QUIET: Duration = Duration::from_millis(30);
/// …or when it has gone on this long, so a stream of events still rebuilds.
const LONGEST: Duration = Duration::from_millis(500);

/// Editors' temporary, swap and backup files, and folders that are not the
/// site's: changes to these never rebuild.
pub fn ignored(path: &Path) -> bool {
    if path.components().any(|c| {
        matches!(
            c.as_os_str().to_str(),
            Some(".git" | ".svn" | "node_modules")
        )
    }) {
        return true;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with("._")
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "4913" // Vim checks it can write a folder with this file.
        || name == ".DS_Store"
}

/// The paths an event changed, if it is a change at all: reading files
/// (which every build does) must not start another build.
fn changed(event: &Event) -> Vec<PathBuf> {
    match event.kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => {
            if let EventKind::Modify(notify::event::ModifyKind::Metadata(_)) = event.kind {
                return Vec::new();
            }
            event
                .paths
                .iter()
                .filter(|p| !ignored(p))
                .cloned()
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Waits for the next change, then for its burst to end; returns every
/// path changed. `None` when the watcher has gone.
pub fn next_burst(events: &Receiver<notify::Result<Event>>) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    while paths.is_empty() {
        match events.recv().ok()? {
            Ok(event) => paths.extend(changed(&event)),
            // The watcher lost track (an overflow): rebuild everything.
            Err(_) => paths.push(PathBuf::new()),
        }
    }
    let started = Instant::now();
    while started.elapsed() < LONGEST {
        match events.recv_timeout(QUIET) {
            Ok(Ok(event)) => paths.extend(changed(&event)),
            Ok(Err(_)) => paths.push(PathBuf::new()),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    paths.sort();
    paths.dedup();
    Some(paths)
}

/// The site's folders that `serve` watches (content/ and themes/), and
/// whether each has a live watch. A watch follows the folder it was put
/// on, so one moved away (or deleted) is watched again once a folder of
/// that name is back.
pub struct Folders {
    folders: Vec<(PathBuf, bool)>,
}

impl Folders {
    pub fn new(root: &Path) -> Folders {
        Folders {
            folders: ["content", "themes"]
                .iter()
                .map(|name| (root.join(name), false))
                .collect(),
        }
    }

    /// Whether a changed path is in one of the folders (or is one).
    pub fn contain(&self, path: &Path) -> bool {
        self.folders
            .iter()
            .any(|(folder, _)| path.starts_with(folder))
    }

    /// After a burst of `changed` paths: forgets the watch of a folder
    /// that is gone or was itself moved, deleted or made, then watches
    /// every folder that is there and not yet watched. Returns the folders
    /// watched anew.
    pub fn refresh(
        &mut self,
        watcher: &mut impl Watcher,
        changed: &[PathBuf],
    ) -> notify::Result<Vec<PathBuf>> {
        let mut watched = Vec::new();
        for (folder, on) in &mut self.folders {
            if *on && (!folder.is_dir() || changed.contains(folder)) {
                // Already gone when notify saw the folder move: no matter.
                let _ = watcher.unwatch(folder);
                *on = false;
            }
            if !*on && folder.is_dir() {
                watcher.watch(folder, RecursiveMode::Recursive)?;
                *on = true;
                watched.push(folder.clone());
            }
        }
        Ok(watched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            "content/activities/.walk.yaml.swp",
            "content/activities/walk.yaml~",
            "content/activities/.#walk.yaml",
            "content/activities/#walk.yaml#",
            "content/activities/4913",
            "content/.git/index",
            "themes/default/static/._style.css",
        ] {
            assert!(ignored(Path::new(name)), "{name}");
        }
        for name in [
            "content/activities/walk.yaml",
            "content/site.yaml",
            "themes/default/static/assets/style.css",
        ] {
            assert!(!ignored(Path::new(name)), "{name}");
        }
    }
}
