//! The word side of the index: which activities each stem is found in,
//! and where. Kept between builds by `serve`, so saving one activity
//! re-indexes that activity alone, and the files come out exactly as a
//! full build writes them.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{Field, INDEX_DIR, SHARD_BYTES, encode, text};
use crate::content::Directory;
use crate::content::activity::Activity;

/// The terms of a run of consecutive activities, gathered on one thread.
/// Keyed by stem rather than by activity, so a directory's few thousand
/// words are allocated and stemmed once per run, not once per activity.
#[derive(Default)]
struct Chunk {
    /// Each stem's (document, best field) in document order.
    postings: HashMap<String, Vec<(u32, u8)>>,
    /// Each word seen, with its stem.
    stems: HashMap<String, String>,
    /// The documents each word that differs from its stem is in.
    words: HashMap<String, Vec<u32>>,
}

impl Chunk {
    fn add(&mut self, doc: u32, text: &str, field: Field) {
        let Chunk {
            postings,
            stems,
            words,
        } = self;
        text::for_each_word(text, |word| {
            if !stems.contains_key(word) {
                stems.insert(word.to_string(), text::stem(word));
            }
            let stem = &stems[word];
            if stem != word {
                match words.get_mut(word) {
                    Some(docs) if docs.last() == Some(&doc) => {}
                    Some(docs) => docs.push(doc),
                    None => {
                        words.insert(word.to_string(), vec![doc]);
                    }
                }
            }
            match postings.get_mut(stem.as_str()) {
                Some(docs) => match docs.last_mut() {
                    Some(last) if last.0 == doc => last.1 = last.1.max(field as u8),
                    _ => docs.push((doc, field as u8)),
                },
                None => {
                    postings.insert(stem.clone(), vec![(doc, field as u8)]);
                }
            }
        });
    }

    fn add_activity(&mut self, dir: &Directory, doc: u32, a: &Activity) {
        for (text, weight) in crate::present::activity_words(dir, a) {
            self.add(doc, &text, weight);
        }
    }
}

#[derive(Default)]
pub struct Terms {
    /// Each stem's (document, best field), by document.
    postings: BTreeMap<String, Vec<(u32, u8)>>,
    /// Each stem's postings, encoded.
    encoded: HashMap<String, String>,
    /// Each stem's words that differ from it, with the documents using them.
    words: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
}

/// Activities per chunk: enough to spread over threads, few enough that
/// merging the chunks' term lists stays small.
const CHUNK: usize = 256;

impl Terms {
    /// Indexes `docs` (numbered by position) from scratch.
    pub fn build(dir: &Directory, docs: &[&Activity]) -> Terms {
        let chunks: Vec<Chunk> = docs
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, activities)| {
                let mut chunk = Chunk::default();
                for (i, a) in activities.iter().enumerate() {
                    chunk.add_activity(dir, (c * CHUNK + i) as u32, a);
                }
                chunk
            })
            .collect();
        let mut terms = Terms::default();
        let mut postings: HashMap<String, Vec<(u32, u8)>> = HashMap::new();
        for chunk in chunks {
            for (stem, docs) in chunk.postings {
                postings.entry(stem).or_default().extend(docs);
            }
            terms.add_words(chunk.words, &chunk.stems);
        }
        terms.postings = postings.into_iter().collect();
        terms.encoded = terms
            .postings
            .par_iter()
            .map(|(stem, docs)| (stem.clone(), encode::postings(docs, 2)))
            .collect();
        terms
    }

    /// Adds each word's documents (in document order) under its stem.
    fn add_words(&mut self, words: HashMap<String, Vec<u32>>, stems: &HashMap<String, String>) {
        for (word, docs) in words {
            let list = self
                .words
                .entry(stems[&word].clone())
                .or_default()
                .entry(word)
                .or_default();
            list.extend(docs);
            list.sort_unstable();
        }
    }

    /// Indexes activity `a` again as document `n`. Its old terms are found
    /// by looking for `n` in every list (a few thousand binary searches),
    /// so nothing per document needs keeping between builds.
    pub fn replace(&mut self, dir: &Directory, n: usize, a: &Activity) {
        let doc = n as u32;
        let mut touched: Vec<String> = Vec::new();
        self.postings.retain(|stem, docs| {
            if let Ok(at) = docs.binary_search_by_key(&doc, |p| p.0) {
                docs.remove(at);
                touched.push(stem.clone());
            }
            !docs.is_empty()
        });
        self.words.retain(|_, words| {
            words.retain(|_, docs| {
                if let Ok(at) = docs.binary_search(&doc) {
                    docs.remove(at);
                }
                !docs.is_empty()
            });
            !words.is_empty()
        });
        let mut chunk = Chunk::default();
        chunk.add_activity(dir, doc, a);
        for (stem, found) in chunk.postings {
            let docs = self.postings.entry(stem.clone()).or_default();
            for (d, field) in found {
                if let Err(at) = docs.binary_search_by_key(&d, |p| p.0) {
                    docs.insert(at, (d, field));
                }
            }
            touched.push(stem);
        }
        self.add_words(chunk.words, &chunk.stems);
        for stem in touched {
            match self.postings.get(&stem) {
                Some(docs) => {
                    self.encoded.insert(stem, encode::postings(docs, 2));
                }
                None => {
                    self.encoded.remove(&stem);
                }
            }
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
