//! Finding entry files, reading them safely, and naming what is wrong with
//! files that cannot be read at all.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use walkdir::WalkDir;

use crate::config::{DEFAULT_REVIEW_INTERVAL_DAYS, Site};
use crate::decode::Known;
use crate::diagnostics::{Diagnostic, Severity};
use crate::formats;
use crate::kind::Kind;
use crate::site_fs;
use crate::suggest::closest;
use crate::yaml::{Pos, SyntaxError};

/// Entry files are small; anything bigger is a mistake (or an attack) and
/// is refused before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct EntryFile {
    pub path: PathBuf,
    /// `content/activities/walk.yaml`, with `/` separators.
    pub rel: String,
    pub kind: Kind,
    pub id: String,
    pub markdown: bool,
}

pub struct Found {
    /// Entry files with valid, unique ids, sorted by path.
    pub entries: Vec<EntryFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file's text, once it is known to be readable UTF-8 of a sane size.
pub struct Text(pub String);

fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn entry_extension(name: &str) -> Option<bool> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Some(true)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        Some(false)
    } else {
        None
    }
}

/// A path beneath the site's folder as messages and reports name it:
/// its parts joined with `/` on every platform.
fn relative(path: &Path) -> String {
    if std::path::MAIN_SEPARATOR == '/' {
        path.to_string_lossy().into_owned()
    } else {
        path.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Walks `content/`: entry files in the kind folders (any depth), and a
/// diagnostic for each file that is somewhere Signpost will not read it.
pub fn discover(root: &Path, content: &Path) -> anyhow::Result<Found> {
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    // Unsorted: the entries are sorted below, and diagnostics wherever
    // they are shown (sorting each folder by name was a tenth of `check`).
    let walker = WalkDir::new(content)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for item in walker {
        let item = item?;
        let path = item.path();
        let rel = relative(path.strip_prefix(root).unwrap_or(path));
        let name = item.file_name().to_string_lossy().to_string();
        if item.file_type().is_dir() {
            continue;
        }
        if !item.file_type().is_file() {
            // A link is read only when it stays inside the site and ends at
            // a regular file; nothing else is silently passed over.
            if let Err(refused) = site_fs::resolve(root, path) {
                let (message, help) = refused.explain();
                diagnostics.push(Diagnostic::file_error(&rel, message, help));
                continue;
            }
        }
        let inside = path.strip_prefix(content).unwrap_or(path);
        let folder = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(markdown) = entry_extension(&name) else {
            if item.depth() > 1 {
                diagnostics.push(warning(
                    &rel,
                    "this file is not an entry and is ignored",
                    "Only .yaml, .yml and .md files are read. Move other files out of content/, or rename the file if it is an entry.",
                ));
            }
            continue;
        };
        if item.depth() == 1 {
            let lower = name.to_ascii_lowercase();
            if lower != "site.yaml" && lower != "readme.md" {
                diagnostics.push(misplaced(&rel, &name, None));
            }
            continue;
        }
        let Some(kind) = Kind::from_folder(&folder) else {
            diagnostics.push(misplaced(&rel, &name, Some(&folder)));
            continue;
        };
        let stem = match name.rfind('.') {
            Some(i) => &name[..i],
            None => &name,
        };
        if let Err(p) = formats::id(stem) {
            diagnostics.push(Diagnostic::file_error(&rel, p.message, p.help));
            continue;
        }
        entries.push(EntryFile {
            path: path.to_path_buf(),
            rel,
            kind,
            id: stem.to_string(),
            markdown,
        });
    }
    entries.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    // The first file of each id in path order is read; a later one is
    // an error of its own.
    let mut first: foldhash::HashMap<(Kind, &str), &str> = Default::default();
    first.reserve(entries.len());
    let copies: Vec<bool> = entries
        .iter()
        .map(|file| match first.entry((file.kind, &file.id)) {
            std::collections::hash_map::Entry::Occupied(earlier) => {
                diagnostics.push(Diagnostic::file_error(
                    &file.rel,
                    format!("the id `{}` is already used by {}", file.id, earlier.get()),
                    "Every entry of a kind needs its own file name. Rename one of the two files, or delete the copy.",
                ));
                true
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(&file.rel);
                false
            }
        })
        .collect();
    let mut copies = copies.into_iter();
    entries.retain(|_| !copies.next().expect("one for each"));
    Ok(Found {
        entries,
        diagnostics,
    })
}

fn warning(rel: &str, message: &str, help: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::file_error(rel, message, help)
    }
}

fn misplaced(rel: &str, name: &str, folder: Option<&str>) -> Diagnostic {
    let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).collect();
    let list = folders.join("/, ");
    // `activity/` for `activities/`: try the plural before the spelling.
    let plural = |f: &str| {
        [format!("{f}s"), format!("{}ies", f.trim_end_matches('y'))]
            .into_iter()
            .find(|p| folders.contains(&p.as_str()))
    };
    let guess = folder.and_then(|f| {
        plural(f)
            .as_deref()
            .and_then(|p| folders.iter().copied().find(|x| *x == p))
            .or_else(|| closest(f, folders.iter().copied()))
    });
    let help = match guess {
        Some(guess) => {
            format!("Did you mean the {guess}/ folder? Move the file to content/{guess}/{name}.")
        }
        None => format!("Move it into the folder for its kind: content/{list}/."),
    };
    let message = match folder {
        Some(f) => format!("`{f}` is not a folder Signpost reads, so this entry is not used"),
        None => "this entry is not in a folder for its kind, so it is not used".to_string(),
    };
    Diagnostic::file_error(rel, message, help)
}

/// Reads a file of the site at `root` (canonical) as UTF-8 text, refusing
/// links out of the site, anything that is not a regular file, and huge
/// files, and naming the line and column of the first byte that is not
/// UTF-8.
pub fn read(root: &site_fs::Root, path: &Path, rel: &str) -> Result<Text, Box<Diagnostic>> {
    let (file, len) = root.open(path).map_err(|refused| {
        let (message, help) = refused.explain();
        let help = match refused {
            site_fs::Refused::Missing if rel.ends_with("site.yaml") => {
                "Every site needs content/site.yaml with its title, region and vocabularies; see docs/content-model.md."
            }
            _ => help,
        };
        Box::new(Diagnostic::file_error(rel, message, help))
    })?;
    // Room for all of it and one byte more, so it is read in one go and
    // the end found by the next read.
    let mut bytes = Vec::with_capacity(len.min(MAX_FILE_BYTES) as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Box::new(Diagnostic::file_error(
                rel,
                format!("this file could not be read: {e}"),
                "Check the file's permissions.",
            ))
        })?;
    text(bytes, rel)
}

/// A file's bytes as entry text: UTF-8 (without a byte-order mark), not
/// empty, and not over `MAX_FILE_BYTES`.
pub fn text(bytes: Vec<u8>, rel: &str) -> Result<Text, Box<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Box::new(Diagnostic::file_error(
            rel,
            "this file is larger than 1 MB, too large for an entry",
            "An entry is a page of text. Check this is the right file; move images and documents out of content/.",
        )));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or("");
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Box::new(Diagnostic::file_error(
                rel,
                "this file is not saved as UTF-8 text",
                "Save it again with the UTF-8 encoding (in most editors: Save As, then choose UTF-8). A character such as £ or é copied from another program is often the cause.",
            )
            .at(Pos { line, column }, 1)));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::file_error(
            rel,
            "this file is empty",
            "Fill in the entry's fields (see docs/content-model.md), or delete the file.",
        )));
    }
    Ok(Text(text))
}

/// What is known before decoding when `site.yaml` could not be read: no
/// vocabularies, so vocabulary checks are skipped rather than flooding.
pub fn empty_known(today: NaiveDate) -> Known {
    Known {
        categories: BTreeSet::new(),
        accessibility: BTreeSet::new(),
        audiences: BTreeSet::new(),
        languages: BTreeSet::new(),
        vocabularies: false,
        ids: BTreeMap::new(),
        today,
        review_interval_days: DEFAULT_REVIEW_INTERVAL_DAYS,
        hide_overdue_after_days: None,
    }
}

pub fn known(site: Option<&Site>, entries: &[EntryFile], today: NaiveDate) -> Known {
    let mut known = empty_known(today);
    for file in entries {
        known
            .ids
            .entry(file.kind)
            .or_default()
            .insert(file.id.clone());
    }
    if let Some(site) = site {
        known.categories = site.category_ids();
        known.accessibility = site.feature_ids();
        known.audiences = site.audience_ids();
        known.languages = site.language_ids();
        known.vocabularies = true;
        known.review_interval_days = site.review_interval_days;
        known.hide_overdue_after_days = site.hide_overdue_after_days;
    }
    known
}

/// A YAML syntax error in words a volunteer can act on.
pub fn syntax_diagnostic(rel: &str, text: &str, err: &SyntaxError) -> Diagnostic {
    let (message, help, width) = match err {
        SyntaxError::Tab(_) => (
            "this line is indented with a tab".to_string(),
            "Indent with spaces only: replace the tab with two spaces for each level.".to_string(),
            1,
        ),
        SyntaxError::ColonInValue(pos) => (
            "this value contains a colon (:), which YAML reads as the start of another field".to_string(),
            format!(
                "Put the whole value in double quotes, like: {}",
                quoted_line(text, pos.line)
            ),
            1,
        ),
        SyntaxError::Indentation(_) => (
            "the indentation of this line does not match the lines around it".to_string(),
            "Line it up with the other fields at the same level, using spaces. Fields inside a group (like venue:) are indented two spaces more than the group's name.".to_string(),
            1,
        ),
        SyntaxError::DuplicateKey { key, first, .. } => (
            format!("`{key}` appears twice (first on line {})", first.line),
            "Keep one of the two lines and delete the other.".to_string(),
            key.chars().count(),
        ),
        SyntaxError::QuoteEndsEarly(_) => (
            "a quote mark inside this value ends it early".to_string(),
            "Put the whole value in double quotes and use an apostrophe freely inside, like: title: \"Jan's walk\". A double quote inside must be written \\\".".to_string(),
            1,
        ),
        SyntaxError::ReservedStart(_) => (
            "this value starts with a character YAML keeps for itself".to_string(),
            "Put the whole value in double quotes, like: title: \"@home club\".".to_string(),
            1,
        ),
        SyntaxError::Anchor(_) => (
            "YAML anchors and aliases (& and *) are not supported".to_string(),
            "Write the value out in full where it is needed. If the value starts with & or *, put it in quotes.".to_string(),
            1,
        ),
        SyntaxError::Tag(_) => (
            "YAML tags (starting with !) are not supported".to_string(),
            "Remove the tag. If the value starts with !, put it in quotes.".to_string(),
            1,
        ),
        SyntaxError::NotAMapping(_) => (
            "this file should be a set of fields (`name: value` lines)".to_string(),
            "Write one field per line, like `title: Tuesday Walk`, with no dash at the start.".to_string(),
            1,
        ),
        SyntaxError::TooDeep(_) => (
            "this file is nested too deeply".to_string(),
            "Entries only nest a few levels (like venue: then postcode:). Check the indentation and brackets.".to_string(),
            1,
        ),
        SyntaxError::Other { detail, .. } => (
            format!("this is not valid YAML: {detail}"),
            "Check this line and the one above for a missing quote, bracket or colon.".to_string(),
            1,
        ),
    };
    let pos = clamp(text, err.pos());
    Diagnostic {
        severity: Severity::Error,
        field: String::new(),
        ..Diagnostic::file_error(rel, message, help)
    }
    .at(pos, width)
}

/// The `key: value` on a line, with the value in double quotes: the fix for
/// a colon inside an unquoted value.
fn quoted_line(text: &str, line: usize) -> String {
    let line_text = text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim();
    let line_text = line_text.strip_prefix("- ").unwrap_or(line_text);
    match line_text.split_once(": ") {
        Some((key, value)) => format!(
            "{key}: \"{}\"",
            value.trim().replace('\\', "\\\\").replace('"', "\\\"")
        ),
        None => "title: \"Walk: and talk\"".to_string(),
    }
}

/// Parser positions can point one past the end of the text; keep them on a
/// real line so excerpts show something.
fn clamp(text: &str, pos: Pos) -> Pos {
    let lines = text.lines().count().max(1);
    if pos.line > lines {
        Pos {
            line: lines,
            column: text.lines().last().map_or(1, |l| l.chars().count() + 1),
        }
    } else {
        pos
    }
}
