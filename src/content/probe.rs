//! Checking one file's text in memory, as `check` does on disk, against a
//! loaded site: for the fuzz harness (`cargo bench --bench fuzz`), which
//! runs it on millions of mutated entries without touching the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::files::{self, EntryFile, Text};
use super::{Directory, Kind, Reader, decode, decode_text, decode_yaml, postcodes_file};
use crate::config::Site;
use crate::diagnostics::{Diagnostic, Sources, cap_per_file, sort};

/// A loaded site whose ids and vocabularies mutated entries are checked
/// against.
pub struct Probe {
    known: decode::Known,
    site: Option<Site>,
    today: NaiveDate,
}

/// What checking one text gave: its problems (capped as `check` caps
/// them) and the text they point into.
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Probe {
    pub fn open(root: &Path, today: NaiveDate) -> anyhow::Result<Probe> {
        let reader = Reader::open(root, today)?;
        Ok(Probe {
            site: reader.directory.as_ref().map(|d| d.site.clone()),
            known: reader.known,
            today,
        })
    }

    /// Checks `bytes` as the entry file `content/<kind folder>/<id>.yaml`
    /// (or `.md`), and assembles a directory from it when it decodes.
    pub fn entry(&self, kind: Kind, id: &str, markdown: bool, bytes: Vec<u8>) -> Checked {
        let rel = format!(
            "content/{}/{id}.{}",
            kind.folder(),
            if markdown { "md" } else { "yaml" }
        );
        let text = match files::text(bytes, &rel) {
            Ok(Text(text)) => text,
            Err(d) => return checked(vec![*d], None, &rel, None),
        };
        let file = EntryFile {
            path: PathBuf::from(&rel),
            rel: rel.clone(),
            kind,
            id: id.to_string(),
            markdown,
        };
        let (entry, (ds, more), text) = decode_text(&file, text, &self.known);
        if let (Some(entry), Some(site)) = (entry, &self.site) {
            let files = BTreeMap::from([((kind, id.to_string()), rel.clone())]);
            let _ = Directory::assemble(site.clone(), vec![entry], files, self.today);
        }
        checked(ds, more, &rel, text)
    }

    /// Checks `bytes` as `content/site.yaml`.
    pub fn site_yaml(&self, bytes: Vec<u8>) -> Checked {
        let rel = "content/site.yaml";
        let text = match files::text(bytes, rel) {
            Ok(Text(text)) => text,
            Err(d) => return checked(vec![*d], None, rel, None),
        };
        let empty = files::empty_known(self.today);
        let (_, (ds, more)) = decode_yaml(rel, &text, None, &empty, |cx, node, _| {
            Site::decode(cx, node)
        });
        checked(ds, more, rel, Some(text))
    }

    /// Checks `bytes` as `content/postcodes.csv`.
    pub fn postcodes(&self, bytes: Vec<u8>) -> Checked {
        let rel = format!("content/{}", postcodes_file::FILE);
        let text = match files::text(bytes, &rel) {
            Ok(Text(text)) => text,
            Err(d) => return checked(vec![*d], None, &rel, None),
        };
        let (_, ds) = postcodes_file::parse(&rel, &text);
        checked(ds, None, &rel, Some(text))
    }
}

fn checked(
    mut ds: Vec<Diagnostic>,
    more: Option<crate::diagnostics::More>,
    rel: &str,
    text: Option<String>,
) -> Checked {
    sort(&mut ds);
    let more = more.map(|m| (rel.to_string(), m)).into_iter().collect();
    Checked {
        diagnostics: cap_per_file(ds, &more),
        sources: text.map(|t| (rel.to_string(), t)).into_iter().collect(),
    }
}
