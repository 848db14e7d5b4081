//! Bringing in data a region already has: entries written from other
//! systems' lists, matched on re-import by their code, so that re-running
//! an import updates what it wrote and leaves what people added.
//!
//! Every import plans all its changes first and writes nothing when a
//! problem is found (unless asked for a partial import); it never deletes
//! a file, and it writes the same files from the same input.

pub mod feed;
pub mod names;
pub mod nhs;
pub mod openreferral;
pub mod spreadsheet;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::kind::Kind;

/// An entry an import wants: its kind, its code in the source (how a
/// re-import finds it), the id for a new file, and the fields the import
/// owns, in order, as (key, value).
#[derive(Debug, Clone)]
pub struct Planned {
    pub kind: Kind,
    pub code: String,
    pub id: String,
    pub fields: Vec<(&'static str, Value)>,
}

/// A field's value, and how it is written in YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Quoted: names, addresses, phone numbers.
    Text(String),
    /// As it is: codes, ids, postcodes.
    Plain(String),
    /// No longer given by the source (a practice that left its PCN): the
    /// line the import wrote is removed, and a new entry leaves it out.
    Absent,
}

impl Value {
    fn yaml(&self) -> String {
        match self {
            Value::Text(t) => serde_json::to_string(t).expect("a string"),
            Value::Plain(p) => p.clone(),
            Value::Absent => String::new(),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Value::Text(t) | Value::Plain(t) => t,
            Value::Absent => "",
        }
    }
}

/// What an import did (or would do), by kind.
#[derive(Debug, Default)]
pub struct Summary {
    pub created: BTreeMap<Kind, usize>,
    pub updated: BTreeMap<Kind, usize>,
    pub unchanged: BTreeMap<Kind, usize>,
    /// Rows left out on purpose, with why ("closed", "not a GP practice").
    pub skipped: BTreeMap<String, usize>,
    /// What is wrong with the rows that could not be imported, and where.
    pub problems: Vec<String>,
    /// How many rows could not be imported.
    pub rejected: usize,
    /// What a person should know about what was written.
    pub notes: Vec<String>,
    /// Each updated file, with the fields that changed.
    pub changed: Vec<String>,
}

impl Summary {
    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    pub fn skip(&mut self, why: &str) {
        *self.skipped.entry(why.to_string()).or_default() += 1;
    }

    pub fn render(&self, kinds: &[(Kind, &str)]) -> String {
        let mut out = String::new();
        for (kind, label) in kinds {
            let n = |m: &BTreeMap<Kind, usize>| m.get(kind).copied().unwrap_or(0);
            out.push_str(&format!(
                "{label}: {} created, {} updated, {} unchanged.\n",
                n(&self.created),
                n(&self.updated),
                n(&self.unchanged)
            ));
        }
        if !self.skipped.is_empty() {
            let total: usize = self.skipped.values().sum();
            let why: Vec<String> = self
                .skipped
                .iter()
                .map(|(why, n)| format!("{n} {why}"))
                .collect();
            out.push_str(&format!("Skipped {total}: {}.\n", why.join(", ")));
        }
        for c in &self.changed {
            out.push_str(&format!("changed: {c}\n"));
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        for p in &self.problems {
            out.push_str(&format!("problem: {p}\n"));
        }
        out
    }
}

/// The id for a new entry's file from its name, or `fallback` when the
/// name has no letters or digits to make one from ("!!!").
pub fn slug_or(name: &str, fallback: &str) -> String {
    let id = slug::slugify(name);
    if id.is_empty() {
        fallback.to_string()
    } else {
        id
    }
}

/// The id for a new organisation named `name`: its slug, made unique
/// against the directory's organisations and those this import has made
/// (`made`: lower-cased name → id).
pub fn new_organisation_id(
    name: &str,
    dir: &crate::content::Directory,
    made: &BTreeMap<String, String>,
) -> String {
    let mut id = slug_or(name, "organisation");
    while dir.organisations.contains_key(&id) || made.values().any(|v| *v == id) {
        id.push_str("-org");
    }
    id
}

/// A file to write: its path under the site, and its text.
pub struct Write {
    pub rel: PathBuf,
    pub text: String,
    /// Whether it replaces a file (one the import wrote before).
    pub replaces: bool,
}

/// Works out the files for `planned`, given the entries already there
/// (code → (id, the file's text, the values of the fields the import
/// owns)), counting into `summary`.
pub fn plan(
    planned: &[Planned],
    existing: &BTreeMap<(Kind, String), (String, String)>,
    summary: &mut Summary,
) -> Vec<Write> {
    let mut writes = Vec::new();
    for p in planned {
        let folder = format!("content/{}", p.kind.folder());
        match existing.get(&(p.kind, p.code.clone())) {
            None => {
                let mut text = String::new();
                for (key, value) in &p.fields {
                    if *value != Value::Absent {
                        text.push_str(&format!("{key}: {}\n", value.yaml()));
                    }
                }
                writes.push(Write {
                    rel: PathBuf::from(format!("{folder}/{}.yaml", p.id)),
                    text,
                    replaces: false,
                });
                *summary.created.entry(p.kind).or_default() += 1;
            }
            Some((rel, old)) => {
                let new = update(old, &p.fields);
                if new == *old {
                    *summary.unchanged.entry(p.kind).or_default() += 1;
                } else {
                    let keys: Vec<&str> = p
                        .fields
                        .iter()
                        .filter(|f| update(old, std::slice::from_ref(f)) != *old)
                        .map(|(k, _)| *k)
                        .collect();
                    summary.changed.push(format!("{rel} ({})", keys.join(", ")));
                    writes.push(Write {
                        rel: PathBuf::from(rel),
                        text: new,
                        replaces: true,
                    });
                    *summary.updated.entry(p.kind).or_default() += 1;
                }
            }
        }
    }
    writes
}

/// `text` with the import's fields set: a field already holding the same
/// value is left as written (quotes and all); one with another value has
/// its line replaced; a missing one is added at the end. Every other line,
/// comments included, is kept.
pub fn update(text: &str, fields: &[(&'static str, Value)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (key, value) in fields {
        let prefix = format!("{key}:");
        match lines.iter().position(|l| l.starts_with(&prefix)) {
            Some(at) => {
                let current = lines[at][prefix.len()..].trim();
                let unquoted = serde_json::from_str::<String>(current)
                    .ok()
                    .or_else(|| {
                        current
                            .strip_prefix('\'')
                            .and_then(|c| c.strip_suffix('\''))
                            .map(|c| c.replace("''", "'"))
                    })
                    .unwrap_or_else(|| current.to_string());
                // A value continued on the indented lines below (a block,
                // blank lines inside it included) is replaced with it.
                let mut block = 0;
                for (i, l) in lines[at + 1..].iter().enumerate() {
                    if l.starts_with([' ', '\t']) {
                        block = i + 1;
                    } else if !l.trim().is_empty() {
                        break;
                    }
                }
                if *value == Value::Absent {
                    lines.drain(at..at + 1 + block);
                } else if unquoted != value.text() || block > 0 {
                    lines.splice(at..at + 1 + block, [format!("{key}: {}", value.yaml())]);
                }
            }
            None if *value == Value::Absent => {}
            None => lines.push(format!("{key}: {}", value.yaml())),
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Writes the planned files under `root`: new files only where nothing is
/// (`create_new`), replaced files through a temporary file renamed over
/// them, so a file is never half-written.
pub fn write(root: &Path, writes: &[Write]) -> std::io::Result<()> {
    use std::io::Write as _;
    for w in writes {
        let path = root.join(&w.rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if w.replaces {
            let tmp = path.with_extension("yaml.signpost-import");
            std::fs::write(&tmp, &w.text)?;
            std::fs::rename(&tmp, &path)?;
        } else {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            f.write_all(w.text.as_bytes())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_changes_only_the_fields_that_differ() {
        let old = "name: \"Abbey Surgery\"\nods_code: K83032\n# checked by Jo\nwebsite: https://example.org/\nphone: \"01327 877770\"\n";
        let fields = vec![
            ("name", Value::Text("Abbey House Surgery".into())),
            ("ods_code", Value::Plain("K83032".into())),
            ("phone", Value::Text("01327 877770".into())),
            ("postcode", Value::Plain("NN11 4FE".into())),
        ];
        assert_eq!(
            update(old, &fields),
            "name: \"Abbey House Surgery\"\nods_code: K83032\n# checked by Jo\nwebsite: https://example.org/\nphone: \"01327 877770\"\npostcode: NN11 4FE\n"
        );
        let same = update(old, &fields[1..3]);
        assert_eq!(same, old);
        // A field the source no longer gives goes; one never there stays so.
        assert_eq!(
            update(old, &[("website", Value::Absent), ("pcn", Value::Absent)]),
            old.replace("website: https://example.org/\n", "")
        );
        // A blank line after a field is the person's, and stays; a block
        // value is replaced whole.
        let spaced = "name: \"Abbey\"\n\nods_code: K83032\naddress: |\n  Golding Close,\n\n  Daventry\nphone: \"1\"\n";
        assert_eq!(
            update(spaced, &fields[..1]),
            spaced.replace("\"Abbey\"", "\"Abbey House Surgery\"")
        );
        let spaced = format!("{spaced}contact:\n  phone: \"2\"\n");
        let spaced = spaced.as_str();
        assert_eq!(
            update(
                spaced,
                &[("address", Value::Text("Golding Close, Daventry".into()))]
            ),
            "name: \"Abbey\"\n\nods_code: K83032\naddress: \"Golding Close, Daventry\"\nphone: \"1\"\ncontact:\n  phone: \"2\"\n"
        );
    }
}
