//! Loading a site's `content/` folder into a validated `Directory`, with
//! every problem found on the way as a `Diagnostic`.
//!
//! The stages: find the files (ids come from file names, so every id is
//! known before any entry is read), decode `site.yaml` for the vocabularies,
//! then read and decode all entries in parallel, each checking its own
//! references against the known ids.

pub mod activity;
pub mod common;
pub mod decode;
mod directory;
mod files;
pub mod formats;
pub mod job;
pub mod kind;
pub mod markdown;
pub mod organisation;
pub mod page;
pub mod pcn;
pub mod postcodes_file;
pub mod practice;
pub mod template;

use std::path::Path;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::{self, Diagnostic, Sources};
pub use directory::{Directory, Index, activity_days};
use files::{EntryFile, Text};
pub use kind::Kind;

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
    let content = root.join("content");
    if !content.is_dir() {
        bail!(
            "there is no content/ folder in {}. Run signpost from a site's folder, or pass --root with the folder that holds content/.",
            root.display()
        );
    }
    let found = files::discover(&content).context("reading the content/ folder")?;
    let mut diagnostics = found.diagnostics;
    let mut sources = Sources::new();

    let site_rel = "content/site.yaml";
    let empty = files::empty_known(today);
    let site = match files::read(&content.join("site.yaml"), site_rel) {
        Err(d) => {
            diagnostics.push(*d);
            None
        }
        Ok(Text(text)) => {
            let (site, mut ds) = decode_yaml(site_rel, &text, None, &empty, |cx, node, _| {
                Site::decode(cx, node)
            });
            diagnostics.append(&mut ds);
            sources.insert(site_rel.to_string(), text);
            site
        }
    };
    let known = files::known(site.as_ref(), &found.entries, today);

    let decoded: Vec<(Option<Entry>, Vec<Diagnostic>, Option<String>)> = found
        .entries
        .par_iter()
        .map(|file| decode_file(file, &known))
        .collect();

    let mut entries = Vec::with_capacity(decoded.len());
    for (file, (entry, mut ds, text)) in found.entries.iter().zip(decoded) {
        // Excerpts are only shown for files with something to say.
        if let Some(text) = text.filter(|_| !ds.is_empty()) {
            sources.insert(file.rel.clone(), text);
        }
        diagnostics.append(&mut ds);
        entries.extend(entry);
    }

    let entry_count = found.entries.len();
    let files = found
        .entries
        .iter()
        .map(|f| ((f.kind, f.id.clone()), f.rel.clone()))
        .collect();
    let mut postcodes = postcodes_file::Postcodes::new();
    let postcodes_path = content.join(postcodes_file::FILE);
    if postcodes_path.is_file() {
        let rel = format!("content/{}", postcodes_file::FILE);
        match files::read(&postcodes_path, &rel) {
            Err(d) => diagnostics.push(*d),
            Ok(Text(text)) => {
                let (rows, mut ds) = postcodes_file::parse(&rel, &text);
                if !ds.is_empty() {
                    sources.insert(rel, text);
                }
                diagnostics.append(&mut ds);
                postcodes = rows;
            }
        }
    }
    let directory = site.map(|site| {
        let mut dir = Directory::assemble(site, entries, files, today);
        dir.postcodes = postcodes;
        dir
    });
    diagnostics::sort(&mut diagnostics);
    Ok(Loaded {
        directory,
        diagnostics,
        sources,
        entry_count,
    })
}

fn decode_file(
    file: &EntryFile,
    known: &decode::Known,
) -> (Option<Entry>, Vec<Diagnostic>, Option<String>) {
    let text = match files::read(&file.path, &file.rel) {
        Ok(Text(text)) => text,
        Err(d) => return (None, vec![*d], None),
    };
    let (yaml, body) = if file.markdown {
        match markdown::split_front_matter(&text) {
            Ok((yaml, body)) => (yaml, Some(body)),
            Err(p) => {
                let d = Diagnostic::file_error(&file.rel, p.message, p.help)
                    .at(crate::yaml::Pos { line: 1, column: 1 }, 3);
                return (None, vec![d], Some(text));
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
    let (entry, mut ds) = decode_yaml(&file.rel, yaml, body, known, |cx, node, body| {
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
    (entry, ds, Some(text))
}

/// Parses YAML text and decodes it with `decode`, turning syntax errors into
/// diagnostics a person can act on.
fn decode_yaml<T>(
    rel: &str,
    yaml: &str,
    body: Option<&str>,
    known: &decode::Known,
    decode: impl FnOnce(&mut decode::Cx, &crate::yaml::Node, Option<&str>) -> Option<T>,
) -> (Option<T>, Vec<Diagnostic>) {
    match crate::yaml::parse(yaml) {
        Err(err) => (None, vec![files::syntax_diagnostic(rel, yaml, &err)]),
        Ok(node) => {
            let mut cx = decode::Cx::new(rel, known);
            let value = decode(&mut cx, &node, body);
            (value, cx.diagnostics)
        }
    }
}
