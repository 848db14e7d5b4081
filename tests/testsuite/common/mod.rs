//! Fixture sites in temp dirs, and running the real `signpost` binary on them.

#![allow(dead_code)]

pub mod axe;
pub mod browser;
pub mod cdp;
pub mod pdf;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const TODAY: &str = "2026-11-21";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a fixture site in a temp dir, to be changed by a test.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// The minimal valid site: one entry of every kind.
    pub fn minimal() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("tests/fixtures/minimal"), dir.path());
        Site { dir }
    }

    /// The sample region from `content/`.
    pub fn sample() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (path relative to the site root), creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.dir.path().join(rel)).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap()
    }

    /// Replaces the first occurrence of `from` in a file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    pub fn check(&self) -> Run {
        check(self.root())
    }

    /// `signpost build --root ROOT` plus `extra` arguments.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args: Vec<&std::ffi::OsStr> =
            vec!["build".as_ref(), "--root".as_ref(), self.root().as_os_str()];
        args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
        signpost(&args)
    }

    /// Where `value` is on the first line of the file that contains `line`,
    /// as `file:line:column` (1-based, column in characters): a test names
    /// the text a problem points at, not its place in today's fixture.
    #[track_caller]
    pub fn at(&self, rel: &str, line: &str, value: &str) -> String {
        let text = self.read(rel);
        let (n, found) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(line))
            .unwrap_or_else(|| panic!("{rel} has no line with {line:?}"));
        let byte = found
            .find(value)
            .unwrap_or_else(|| panic!("{rel}:{}: no {value:?} in {found:?}", n + 1));
        format!("{rel}:{}:{}", n + 1, found[..byte].chars().count() + 1)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the output has a diagnostic at `file:line:col` with `message`.
    #[track_caller]
    pub fn assert_reports(&self, location: &str, message: &str) {
        let at = format!("--> {location}\n");
        let found = self.stdout.split("\n\n").any(|block| {
            block.contains(&at)
                && block
                    .lines()
                    .any(|l| l.ends_with(message) && l.contains(": "))
        });
        assert!(
            found,
            "expected `{message}` at {location}, got:\n{}",
            self.stdout
        );
    }

    #[track_caller]
    pub fn assert_help(&self, help: &str) {
        assert!(
            self.stdout.contains(&format!("help: {help}")),
            "expected help `{help}`, got:\n{}",
            self.stdout
        );
    }

    pub fn errors(&self) -> usize {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("error"))
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("warning"))
            .count()
    }
}

pub fn check(root: &Path) -> Run {
    signpost(&["check".as_ref(), "--root".as_ref(), root.as_os_str()])
}

/// Runs the real binary with `args` and `--today`.
/// Runs `signpost` with `args`, as of `TODAY` unless they give `--today`.
pub fn signpost(args: &[&std::ffi::OsStr]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_signpost"));
    command.args(args);
    if !args.iter().any(|a| *a == "--today") {
        command.args(["--today", TODAY]);
    }
    let output = command.output().expect("run signpost");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file under `dir` as (relative path, contents), sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
