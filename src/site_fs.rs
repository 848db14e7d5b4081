//! Opening a site's own files, and nothing else. Entries come from pull
//! requests, so a file under the site's folder may be a link to
//! `/proc/self/environ` or `/etc/passwd`, or a named pipe that never ends.
//! A link is followed only when it stays inside the site's folder and ends
//! at a regular file; anything that is not a regular file is refused before
//! it is opened, and opened without blocking so a swap cannot make it hang.

use std::fs::{File, Metadata};
use std::io;
use std::path::{Path, PathBuf};

/// Why a path was not opened. Nothing of a refused file is ever read, so
/// nothing of it can be quoted.
#[derive(Debug)]
pub enum Refused {
    Missing,
    /// A link whose target does not exist.
    Dangling,
    /// A link (or a folder on the way) that leads outside the site's folder.
    Outside,
    /// Not a regular file: a named pipe, a device, a socket, a folder.
    NotRegular(&'static str),
    Unreadable(io::Error),
}

impl Refused {
    /// What is wrong, and what to do, in words a contributor can act on.
    pub fn explain(&self) -> (String, &'static str) {
        match self {
            Refused::Missing => (
                "this file is missing".into(),
                "Check the file's name and folder.",
            ),
            Refused::Dangling => (
                "this is a link to a file that does not exist, so it is not read".into(),
                "Replace the link with the file itself.",
            ),
            Refused::Outside => (
                "this is a link to somewhere outside the site's folder, so it is not read".into(),
                "Signpost only reads files inside the site's own folder. Replace the link with the file itself.",
            ),
            Refused::NotRegular(what) => (
                format!("this is {what}, not a regular file, so it is not read"),
                "Replace it with an ordinary text file, or remove it.",
            ),
            Refused::Unreadable(e) => (
                format!("this file could not be read: {e}"),
                "Check the file's permissions.",
            ),
        }
    }
}

fn what_it_is(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Where `path` really is, if it is somewhere Signpost may read: the path
/// itself, or for a link (or a path through a linked folder) its target
/// inside `root`, which must be canonical.
pub fn resolve(root: &Path, path: &Path) -> Result<PathBuf, Refused> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Refused::Missing,
        _ => Refused::Unreadable(e),
    })?;
    let real = path.canonicalize().map_err(|e| match e.kind() {
        io::ErrorKind::NotFound if meta.file_type().is_symlink() => Refused::Dangling,
        io::ErrorKind::NotFound => Refused::Missing,
        _ => Refused::Unreadable(e),
    })?;
    if !real.starts_with(root) {
        return Err(Refused::Outside);
    }
    let meta = std::fs::metadata(&real).map_err(Refused::Unreadable)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular(what_it_is(&meta)));
    }
    Ok(real)
}

/// A site's folder (canonical), held open where the kernel can open files
/// beneath it, so that each file opened is not a lookup of the folder too.
/// Made for one pass over the site's files, so it never outlives a folder
/// that is moved or replaced.
pub struct Root<'a> {
    path: &'a Path,
    #[cfg(target_os = "linux")]
    dir: Option<rustix::fd::OwnedFd>,
}

impl<'a> Root<'a> {
    pub fn new(path: &'a Path) -> Root<'a> {
        Root {
            path,
            #[cfg(target_os = "linux")]
            dir: rustix::fs::open(
                path,
                rustix::fs::OFlags::PATH
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .ok(),
        }
    }

    /// Opens a regular file of the site for reading; returns it with its
    /// length.
    pub fn open(&self, path: &Path) -> Result<(File, u64), Refused> {
        #[cfg(target_os = "linux")]
        if let Some(opened) = self
            .dir
            .as_ref()
            .and_then(|dir| open_beneath(dir, self.path, path))
        {
            return opened;
        }
        open(self.path, path)
    }
}

/// Opens a regular file of the site at `root` (canonical) for reading,
/// checking each folder on the way.
fn open(root: &Path, path: &Path) -> Result<(File, u64), Refused> {
    let real = resolve(root, path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the file be swapped for a pipe after the check above,
        // opening it still returns at once (and the check below refuses it).
        options.custom_flags(
            (rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW).bits() as i32,
        );
    }
    let file = options.open(&real).map_err(Refused::Unreadable)?;
    let meta = file.metadata().map_err(Refused::Unreadable)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular(what_it_is(&meta)));
    }
    Ok((file, meta.len()))
}

/// The file at `path`, opened by the kernel's own check that it is inside
/// `root` (`openat2` with `RESOLVE_BENEATH`, Linux 5.6 and later): links
/// are followed only while they stay inside, without a check of each
/// folder on the way (that check was a tenth of `check`'s time at 10,000
/// entries). It is first opened as a path only, so that nothing that is
/// not a regular file is ever opened for reading. `None` when it cannot
/// be opened so; `resolve` then says why, or opens it where the kernel is
/// older.
#[cfg(target_os = "linux")]
fn open_beneath(
    dir: &rustix::fd::OwnedFd,
    root: &Path,
    path: &Path,
) -> Option<Result<(File, u64), Refused>> {
    use rustix::fs::{FileType, Mode, OFlags, ResolveFlags};
    let rel = path.strip_prefix(root).ok()?;
    let beneath = ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS;
    let at = rustix::fs::openat2(
        dir,
        rel,
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
        beneath,
    )
    .ok()?;
    let stat = rustix::fs::fstat(&at).ok()?;
    if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile {
        return None;
    }
    let fd = rustix::fs::openat2(
        dir,
        rel,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
        beneath,
    )
    .ok()?;
    let file = File::from(fd);
    // Swapped for something else between the two opens: refused.
    Some(match file.metadata() {
        Ok(meta) if meta.is_file() => Ok((file, meta.len())),
        Ok(meta) => Err(Refused::NotRegular(what_it_is(&meta))),
        Err(e) => Err(Refused::Unreadable(e)),
    })
}

/// The site's folder as `open` and `resolve` need it.
pub fn canonical_root(root: &Path) -> io::Result<PathBuf> {
    root.canonicalize()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// Opens `path` both ways, beneath the held folder and by checking
    /// each folder, which must agree; returns its length.
    fn opened(root: &Path, path: &Path) -> Result<u64, Refused> {
        let beneath = Root::new(root).open(path).map(|(_, len)| len);
        let checked = open(root, path).map(|(_, len)| len);
        assert_eq!(format!("{beneath:?}"), format!("{checked:?}"), "{path:?}");
        beneath
    }

    #[test]
    fn links_inside_are_followed_and_links_out_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = canonical_root(dir.path()).unwrap();
        std::fs::write(root.join("real.yaml"), "a: b\n").unwrap();
        symlink(root.join("real.yaml"), root.join("inside.yaml")).unwrap();
        symlink("/etc/passwd", root.join("passwd.yaml")).unwrap();
        symlink(root.join("gone.yaml"), root.join("dangling.yaml")).unwrap();
        symlink("/etc", root.join("etc")).unwrap();
        assert_eq!(opened(&root, &root.join("inside.yaml")).unwrap(), 5);
        assert!(matches!(
            opened(&root, &root.join("passwd.yaml")),
            Err(Refused::Outside)
        ));
        assert!(matches!(
            opened(&root, &root.join("etc/passwd")),
            Err(Refused::Outside)
        ));
        assert!(matches!(
            opened(&root, &root.join("dangling.yaml")),
            Err(Refused::Dangling)
        ));
        assert!(matches!(
            opened(&root, &root.join("nothing.yaml")),
            Err(Refused::Missing)
        ));
    }

    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let root = canonical_root(dir.path()).unwrap();
        let fifo = root.join("site.yaml");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .unwrap();
        assert!(matches!(
            opened(&root, &fifo),
            Err(Refused::NotRegular("a named pipe (FIFO)"))
        ));
    }
}
