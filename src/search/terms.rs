//! The word side of the index: which activities each stem is found in,
//! and where. Kept between builds by `serve`, so saving one activity
//! re-indexes that activity alone, and the files come out exactly as a
//! full build writes them.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{Field, INDEX_DIR, SHARD_BYTES, encode, text};
use crate::content::Directory;
use crate::content::activity::Activity;
use crate::render::markdown::plain_text;

/// One activity's terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTerms {
    /// Each stem with the best field it is found in, sorted by stem.
    terms: Vec<(String, u8)>,
    /// Words that differ from their stem, as (stem, word), sorted: the
    /// term list carries them so a misspelt "walkng" can match "walking".
    words: Vec<(String, String)>,
}

impl DocTerms {
    pub fn of(dir: &Directory, a: &Activity) -> DocTerms {
        let mut best: HashMap<String, u8> = HashMap::new();
        let mut words = Vec::new();
        let mut add = |text: &str, field: Field| {
            text::for_each_word(text, |word| {
                let stem = text::stem(word);
                if stem != word {
                    words.push((stem.clone(), word.to_string()));
                }
                let slot = best.entry(stem).or_insert(field as u8);
                *slot = (*slot).max(field as u8);
            });
        };
        add(&a.title, Field::Title);
        for id in &a.categories {
            if let Some(c) = dir.site.categories.iter().find(|c| &c.id == id) {
                add(&c.label, Field::Category);
            }
        }
        add(&a.summary, Field::SummaryOrOrganisation);
        if let Some(o) = dir.organisations.get(&a.organisation) {
            add(&o.name, Field::SummaryOrOrganisation);
        }
        add(&plain_text(&a.description), Field::Description);
        let mut terms: Vec<(String, u8)> = best.into_iter().collect();
        terms.sort_unstable();
        words.sort_unstable();
        words.dedup();
        DocTerms { terms, words }
    }
}

#[derive(Default)]
pub struct Terms {
    docs: Vec<DocTerms>,
    /// Each stem's (document, best field), by document.
    postings: BTreeMap<String, Vec<(u32, u8)>>,
    /// Each stem's postings, encoded.
    encoded: HashMap<String, String>,
    /// Each stem's words, with how many documents use each.
    words: BTreeMap<String, BTreeMap<String, u32>>,
}

/// Documents per chunk when merging: enough to spread over threads, few
/// enough that the chunks' term lists stay small.
const CHUNK: usize = 256;

impl Terms {
    /// Indexes `docs` (numbered by position) from scratch.
    pub fn build(docs: Vec<DocTerms>) -> Terms {
        type Partial<'a> = (
            HashMap<&'a str, Vec<(u32, u8)>>,
            HashMap<(&'a str, &'a str), u32>,
        );
        let partials: Vec<Partial> = docs
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut postings: HashMap<&str, Vec<(u32, u8)>> = HashMap::new();
                let mut words: HashMap<(&str, &str), u32> = HashMap::new();
                for (i, doc) in chunk.iter().enumerate() {
                    let n = (c * CHUNK + i) as u32;
                    for (stem, field) in &doc.terms {
                        postings.entry(stem).or_default().push((n, *field));
                    }
                    for (stem, word) in &doc.words {
                        *words.entry((stem, word)).or_default() += 1;
                    }
                }
                (postings, words)
            })
            .collect();
        let mut postings: HashMap<&str, Vec<(u32, u8)>> = HashMap::new();
        let mut words: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        for (p, w) in partials {
            for (stem, docs) in p {
                postings.entry(stem).or_default().extend(docs);
            }
            for ((stem, word), count) in w {
                *words
                    .entry(stem.to_string())
                    .or_default()
                    .entry(word.to_string())
                    .or_default() += count;
            }
        }
        let postings: BTreeMap<String, Vec<(u32, u8)>> = postings
            .into_iter()
            .map(|(stem, docs)| (stem.to_string(), docs))
            .collect();
        let encoded = postings
            .par_iter()
            .map(|(stem, docs)| (stem.clone(), encode::postings(docs, 2)))
            .collect();
        Terms {
            docs,
            postings,
            encoded,
            words,
        }
    }

    /// Replaces document `n`'s terms.
    pub fn replace(&mut self, n: usize, new: DocTerms) {
        let doc = n as u32;
        let old = std::mem::replace(&mut self.docs[n], new);
        for (stem, _) in &old.terms {
            if let Some(docs) = self.postings.get_mut(stem) {
                if let Ok(at) = docs.binary_search_by_key(&doc, |p| p.0) {
                    docs.remove(at);
                }
                if docs.is_empty() {
                    self.postings.remove(stem);
                    self.encoded.remove(stem);
                } else {
                    self.encoded.insert(stem.clone(), encode::postings(docs, 2));
                }
            }
        }
        for (stem, word) in &old.words {
            if let Some(words) = self.words.get_mut(stem) {
                if let Some(count) = words.get_mut(word) {
                    *count -= 1;
                    if *count == 0 {
                        words.remove(word);
                    }
                }
                if words.is_empty() {
                    self.words.remove(stem);
                }
            }
        }
        let new = &self.docs[n];
        for (stem, field) in &new.terms {
            let docs = self.postings.entry(stem.clone()).or_default();
            match docs.binary_search_by_key(&doc, |p| p.0) {
                Ok(at) => docs[at].1 = *field,
                Err(at) => docs.insert(at, (doc, *field)),
            }
            self.encoded.insert(stem.clone(), encode::postings(docs, 2));
        }
        for (stem, word) in &new.words {
            *self
                .words
                .entry(stem.clone())
                .or_default()
                .entry(word.clone())
                .or_default() += 1;
        }
    }

    /// Writes the term shards and the term list into `files`; returns each
    /// shard's first stem.
    pub fn files(&self, files: &mut Vec<(String, Vec<u8>)>) -> Vec<String> {
        let mut firsts = Vec::new();
        let mut shard = String::new();
        let mut all_terms = String::new();
        for term in self.postings.keys() {
            if shard.is_empty() {
                firsts.push(term.clone());
            }
            shard.push_str(term);
            shard.push('\t');
            shard.push_str(&self.encoded[term]);
            shard.push('\n');
            all_terms.push_str(term);
            if let Some(words) = self.words.get(term) {
                all_terms.push('\t');
                all_terms.push_str(&words.keys().cloned().collect::<Vec<_>>().join(" "));
            }
            all_terms.push('\n');
            if shard.len() >= SHARD_BYTES {
                let n = firsts.len() - 1;
                files.push((
                    format!("{INDEX_DIR}t{n}.txt"),
                    std::mem::take(&mut shard).into_bytes(),
                ));
            }
        }
        if !shard.is_empty() {
            let n = firsts.len() - 1;
            files.push((format!("{INDEX_DIR}t{n}.txt"), shard.into_bytes()));
        }
        files.push((format!("{INDEX_DIR}terms.txt"), all_terms.into_bytes()));
        firsts
    }
}
