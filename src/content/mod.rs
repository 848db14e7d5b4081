//! Loading a site's `content/` folder into a validated `Directory`, with
//! every problem found on the way as a `Diagnostic`.
//!
//! The stages: find the files (ids come from file names, so every id is
//! known before any entry is read), decode `site.yaml` for the vocabularies,
//! then read and decode all entries in parallel, each checking its own
//! references against the known ids.

pub mod activity;
pub mod common;
mod directory;
mod duplicates;
mod files;
pub mod front_matter;
pub mod job;
pub mod organisation;
pub mod page;
pub mod pcn;
pub mod postcodes_file;
pub mod practice;
pub mod probe;
pub mod template;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Site;
use crate::decode;
use crate::diagnostics::{self, Diagnostic, Sources};
pub use crate::kind::Kind;
pub use directory::{Directory, Index, activity_days};
use files::{EntryFile, Text};

/// One file's first problems, and a count of those left out.
type Problems = (Vec<Diagnostic>, Option<diagnostics::More>);

/// What decoding one entry file gave: the entry, its problems, its text.
type Decoded = (Option<Entry>, Problems, Option<String>);

/// What reading one entry file found: its problems, its text when it has
/// some (for their excerpts), and for an activity the line of its title
/// (where a warning that it looks like a copy points).
struct Read {
    problems: Problems,
    text: Option<String>,
    title_line: usize,
}

impl Read {
    fn new(kind: Kind, problems: Problems, text: Option<String>) -> Read {
        let title_line = text
            .as_deref()
            .filter(|_| kind == Kind::Activity)
            .and_then(|t| t.lines().position(|l| l.starts_with("title:")))
            .map_or(1, |n| n + 1);
        // Texts are kept only for files with something to say.
        let text = text.filter(|_| !problems.0.is_empty());
        Read {
            problems,
            text,
            title_line,
        }
    }
}

/// The result of loading: the directory (absent when `site.yaml` itself
/// could not be read), every diagnostic in reading order, and the source
/// text of the files diagnostics point into, for excerpts.
pub struct Loaded {
    pub directory: Option<Directory>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    pub entry_count: usize,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        diagnostics::count_errors(&self.diagnostics)
    }
}

/// An entry decoded from one file.
pub enum Entry {
    Pcn(pcn::Pcn),
    Practice(practice::Practice),
    Organisation(organisation::Organisation),
    Activity(Box<activity::Activity>),
    Job(Box<job::Job>),
    Page(page::Page),
}

/// Loads and validates the site at `root` as of `today`. Fails only when
/// there is nothing to check (no `content/` folder); problems with the
/// content itself are diagnostics.
pub fn load(root: &Path, today: NaiveDate) -> anyhow::Result<Loaded> {
    Ok(Reader::open(root, today)?.into_loaded())
}

/// A loaded site kept between builds, so `serve` re-reads only the files
/// that changed.
pub struct Reader {
    root: PathBuf,
    today: NaiveDate,
    /// Entry files, sorted by path.
    files: Vec<EntryFile>,
    /// Each entry file's diagnostics and, when it has some, its text.
    results: Vec<Read>,
    /// Diagnostics about the files as a whole, `site.yaml` and
    /// `postcodes.csv`, with the texts they point into.
    other: Vec<Diagnostic>,
    other_sources: Sources,
    /// Problems of `site.yaml` left out of `other`.
    other_more: std::collections::BTreeMap<String, diagnostics::More>,
    known: decode::Known,
    directory: Option<Directory>,
    /// The likely-copy warnings, worked out once and again only after a
    /// change to what they compare (a title, a phone, a venue, times) or
    /// to where a title is: `serve` shows diagnostics after every save.
    copies: std::sync::OnceLock<Vec<Diagnostic>>,
}

/// What an update changed.
pub enum Update {
    /// Everything was read again (a file added or removed, `site.yaml`
    /// changed, or another day).
    Everything,
    /// Only these entries changed (and were read again); with the
    /// activities among them as they were before.
    Entries(Vec<(Kind, String)>, Vec<activity::Activity>),
}

impl Reader {
    pub fn open(root: &Path, today: NaiveDate) -> anyhow::Result<Reader> {
        let root = crate::site_fs::canonical_root(root)
            .with_context(|| format!("there is no folder {}", root.display()))?;
        let content = root.join("content");
        if !content.is_dir() {
            bail!(
                "there is no content/ folder in {}. Run signpost from a site's folder, or pass --root with the folder that holds content/.",
                root.display()
            );
        }
        if !content.canonicalize()?.starts_with(&root) {
            bail!(
                "content/ is a link to a folder outside the site, which Signpost does not follow. Replace the link with the folder itself."
            );
        }
        let found = files::discover(&root, &content).context("reading the content/ folder")?;
        let beneath = crate::site_fs::Root::new(&root);
        let mut other = found.diagnostics;
        let mut other_sources = Sources::new();
        let mut other_more = std::collections::BTreeMap::new();

        let site_rel = "content/site.yaml";
        let empty = files::empty_known(today);
        let site = match files::read(&beneath, &content.join("site.yaml"), site_rel) {
            Err(d) => {
                other.push(*d);
                None
            }
            Ok(Text(text)) => {
                let (site, (mut ds, more)) =
                    decode_yaml(site_rel, &text, None, &empty, |cx, node, _| {
                        Site::decode(cx, node)
                    });
                other.append(&mut ds);
                if let Some(more) = more {
                    other_more.insert(site_rel.to_string(), more);
                }
                other_sources.insert(site_rel.to_string(), text);
                site
            }
        };
        let known = files::known(site.as_ref(), &found.entries, today);

        let decoded: Vec<(Option<Entry>, Read)> = found
            .entries
            .par_iter()
            .map(|file| {
                let (entry, ds, text) = decode_file(&beneath, file, &known);
                (entry, Read::new(file.kind, ds, text))
            })
            .collect();
        let mut entries = Vec::with_capacity(decoded.len());
        let mut results = Vec::with_capacity(decoded.len());
        for (entry, read) in decoded {
            results.push(read);
            entries.extend(entry);
        }

        let mut postcodes = postcodes_file::Postcodes::new();
        let postcodes_path = content.join(postcodes_file::FILE);
        // Present in any form (a link or a pipe too): `read` says what is
        // wrong with one it will not read.
        if std::fs::symlink_metadata(&postcodes_path).is_ok() {
            let rel = format!("content/{}", postcodes_file::FILE);
            match files::read(&beneath, &postcodes_path, &rel) {
                Err(d) => other.push(*d),
                Ok(Text(text)) => {
                    let (rows, mut ds) = postcodes_file::parse(&rel, &text);
                    if !ds.is_empty() {
                        other_sources.insert(rel, text);
                    }
                    other.append(&mut ds);
                    postcodes = rows;
                }
            }
        }
        let files_by_entry = found
            .entries
            .iter()
            .map(|f| ((f.kind, f.id.clone()), f.rel.clone()))
            .collect();
        let (directory, copies) = match site {
            Some(site) => {
                let (mut dir, copies) = Directory::assemble(site, entries, files_by_entry, today);
                dir.postcodes = postcodes;
                (Some(dir), copies)
            }
            None => (None, Vec::new()),
        };
        let mut reader = Reader {
            root,
            today,
            files: found.entries,
            results,
            other,
            other_sources,
            other_more,
            known,
            directory,
            copies: Default::default(),
        };
        let warnings = reader.copy_warnings(copies);
        reader.copies = warnings.into();
        Ok(reader)
    }

    /// Brings the reader up to date after `changed` paths changed on
    /// disk. Re-reads only those entries when they are existing entry
    /// files and nothing else changed; otherwise reads everything again.
    pub fn update(&mut self, changed: &[PathBuf], today: NaiveDate) -> anyhow::Result<Update> {
        let mut positions = Vec::new();
        let mut ids_changed = false;
        for path in changed {
            match (
                self.files.iter().position(|f| &f.path == path),
                path.exists(),
            ) {
                (Some(i), true) => positions.push(i),
                // Neither an entry file nor there any more: an editor's
                // temporary file (saved, then renamed over the entry, which
                // is in `changed` too).
                (None, false) => {}
                // A new file, or one deleted or renamed away: the set of
                // ids changed.
                _ => ids_changed = true,
            }
        }
        let (false, Some(directory), true) =
            (ids_changed, self.directory.as_mut(), today == self.today)
        else {
            *self = Reader::open(&self.root, today)?;
            return Ok(Update::Everything);
        };
        let known = &self.known;
        let beneath = crate::site_fs::Root::new(&self.root);
        let decoded: Vec<Decoded> = positions
            .par_iter()
            .map(|&i| decode_file(&beneath, &self.files[i], known))
            .collect();
        let mut keys = Vec::new();
        let mut earlier = Vec::new();
        // The browse lists need rebuilding only when something they are
        // made from changed (not, say, a description).
        let mut lists_changed = false;
        let mut copies_changed = false;
        for (&i, (entry, ds, text)) in positions.iter().zip(decoded) {
            let file = &self.files[i];
            let before = match file.kind {
                Kind::Activity => directory.activities.remove(&file.id),
                _ => None,
            };
            directory.remove(file.kind, &file.id);
            if let Some(entry) = entry {
                directory.insert(entry);
            }
            let after = match file.kind {
                Kind::Activity => directory.activities.get(&file.id),
                _ => None,
            };
            lists_changed |= match (&before, after) {
                (Some(before), Some(after)) => before.list_key() != after.list_key(),
                _ => true,
            };
            let read = Read::new(file.kind, ds, text);
            copies_changed |= file.kind == Kind::Activity
                && (read.title_line != self.results[i].title_line
                    || match (&before, after) {
                        (Some(before), Some(after)) => !duplicates::same_keys(before, after),
                        _ => true,
                    });
            self.results[i] = read;
            keys.push((file.kind, file.id.clone()));
            earlier.extend(before);
        }
        if lists_changed {
            directory.reindex(today);
        }
        if copies_changed {
            self.copies = Default::default();
        }
        Ok(Update::Entries(keys, earlier))
    }

    pub fn directory(&self) -> Option<&Directory> {
        self.directory.as_ref()
    }

    /// Every diagnostic, in reading order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.other.clone();
        let mut more = self.other_more.clone();
        for (
            file,
            Read {
                problems: (ds, left_out),
                ..
            },
        ) in self.files.iter().zip(&self.results)
        {
            all.extend(ds.iter().cloned());
            if let Some(left_out) = left_out {
                more.insert(file.rel.clone(), *left_out);
            }
        }
        all.extend(
            self.copies
                .get_or_init(|| {
                    let found = self.directory.as_ref().map(duplicates::find);
                    self.copy_warnings(found.unwrap_or_default())
                })
                .iter()
                .cloned(),
        );
        diagnostics::sort(&mut all);
        diagnostics::cap_per_file(all, &more)
    }

    /// A warning on each activity that looks like another (as `found`),
    /// at its title.
    fn copy_warnings(&self, found: Vec<duplicates::Duplicate>) -> Vec<Diagnostic> {
        let Some(dir) = &self.directory else {
            return Vec::new();
        };
        // Each activity's file, looked up once rather than searched for
        // each duplicate (which grew as the square of the directory).
        // The first file of an id, as the search did (a second one is an
        // error of its own).
        let mut activity_files: foldhash::HashMap<&str, _> = Default::default();
        for (f, read) in self.files.iter().zip(&self.results) {
            if f.kind == Kind::Activity {
                activity_files
                    .entry(f.id.as_str())
                    .or_insert((f, read.title_line));
            }
        }
        found
            .into_iter()
            .filter_map(|d| {
                let (file, line) = *activity_files.get(d.id.as_str())?;
                let other = dir.file_of(Kind::Activity, &d.like);
                Some(Diagnostic {
                    severity: diagnostics::Severity::Warning,
                    file: file.rel.clone(),
                    line,
                    column: 1,
                    width: "title".len(),
                    field: "title".to_string(),
                    message: format!(
                        "this activity looks like a copy of `{other}`: {}",
                        d.matched
                    ),
                    help: Some(
                        "If they are the same service, delete one of the files, so it is not listed twice. If they are different, give them titles that tell them apart."
                            .to_string(),
                    ),
                })
            })
            .collect()
    }

    /// The texts `diagnostics` point into, for their excerpts.
    pub fn sources(&self, diagnostics: &[Diagnostic]) -> Sources {
        let files: std::collections::HashSet<&str> =
            diagnostics.iter().map(|d| d.file.as_str()).collect();
        let wanted = |rel: &str| files.contains(rel);
        let mut sources: Sources = self
            .other_sources
            .iter()
            .filter(|(rel, _)| wanted(rel))
            .map(|(rel, text)| (rel.clone(), text.clone()))
            .collect();
        for (file, Read { text, .. }) in self.files.iter().zip(&self.results) {
            if let Some(text) = text.as_ref().filter(|_| wanted(&file.rel)) {
                sources.insert(file.rel.clone(), text.clone());
            }
        }
        sources
    }

    pub fn into_loaded(self) -> Loaded {
        let diagnostics = self.diagnostics();
        let sources = self.sources(&diagnostics);
        Loaded {
            entry_count: self.files.len(),
            directory: self.directory,
            diagnostics,
            sources,
        }
    }
}

fn decode_file(root: &crate::site_fs::Root, file: &EntryFile, known: &decode::Known) -> Decoded {
    match files::read(root, &file.path, &file.rel) {
        Ok(Text(text)) => decode_text(file, text, known),
        Err(d) => (None, (vec![*d], None), None),
    }
}

/// Decodes one entry file's text: front matter, fields and references.
fn decode_text(file: &EntryFile, text: String, known: &decode::Known) -> Decoded {
    let (yaml, body) = if file.markdown {
        match front_matter::split_front_matter(&text) {
            Ok((yaml, body)) => (yaml, Some(body)),
            Err(p) => {
                let d = Diagnostic::file_error(&file.rel, p.message, p.help)
                    .at(crate::yaml::Pos { line: 1, column: 1 }, 3);
                return (None, (vec![d], None), Some(text));
            }
        }
    } else {
        (text.as_str(), None)
    };
    let id = file.id.as_str();
    let mut unused_body = None;
    if let (Some(text), Kind::Pcn | Kind::Practice) = (body, file.kind)
        && !text.trim().is_empty()
    {
        // Nothing a contributor writes should vanish without a word.
        let line = yaml.lines().count() + 2;
        unused_body = Some(Diagnostic {
            severity: diagnostics::Severity::Warning,
            ..Diagnostic::file_error(
                &file.rel,
                format!("the text after the front matter is not used: {} has no description", file.kind.noun()),
                "Put a sentence or two in the `summary:` field instead, and delete the text after the closing ---.",
            )
            .at(crate::yaml::Pos { line, column: 1 }, 1)
        });
    }
    let (entry, (mut ds, more)) = decode_yaml(&file.rel, yaml, body, known, |cx, node, body| {
        match file.kind {
            Kind::Pcn => pcn::Pcn::decode(cx, node, id).map(Entry::Pcn),
            Kind::Practice => practice::Practice::decode(cx, node, id).map(Entry::Practice),
            Kind::Organisation => {
                organisation::Organisation::decode(cx, node, id, body).map(Entry::Organisation)
            }
            Kind::Activity => {
                activity::Activity::decode(cx, node, id, body).map(|a| Entry::Activity(Box::new(a)))
            }
            Kind::Job => job::Job::decode(cx, node, id, body).map(|j| Entry::Job(Box::new(j))),
            Kind::Page => page::Page::decode(cx, node, id, body).map(Entry::Page),
        }
    });
    ds.extend(unused_body);
    (entry, (ds, more), Some(text))
}

/// Parses YAML text and decodes it with `decode`, turning syntax errors into
/// diagnostics a person can act on.
/// Decodes a YAML file that is not an entry (an import's mapping, say),
/// with the same located problems as entries get; `rel` names it in them.
/// With `site`, the ids of its vocabularies are checked too.
pub fn decode_other<T>(
    rel: &str,
    text: &str,
    site: Option<&crate::config::Site>,
    today: NaiveDate,
    decode: impl FnOnce(&mut decode::Cx, &crate::yaml::Node) -> Option<T>,
) -> (Option<T>, Vec<Diagnostic>) {
    let known = files::known(site, &[], today);
    let (value, (diagnostics, _)) =
        decode_yaml(rel, text, None, &known, |cx, node, _| decode(cx, node));
    (value, diagnostics)
}

fn decode_yaml<T>(
    rel: &str,
    yaml: &str,
    body: Option<&str>,
    known: &decode::Known,
    decode: impl FnOnce(&mut decode::Cx, &crate::yaml::Node, Option<&str>) -> Option<T>,
) -> (Option<T>, Problems) {
    match crate::yaml::parse(yaml) {
        Err(err) => (
            None,
            (vec![files::syntax_diagnostic(rel, yaml, &err)], None),
        ),
        Ok(node) => {
            let mut cx = decode::Cx::new(rel, known);
            let value = decode(&mut cx, &node, body);
            (value, cx.diagnostics.finish())
        }
    }
}
