//! The word side of the index: which activities each stem is found in,
//! and where. Kept between builds by `serve`, so saving one activity
//! re-indexes that activity alone, and the files come out exactly as a
//! full build writes them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use foldhash::HashMap;

use rayon::prelude::*;

use super::synonyms::Synonyms;
use super::{Field, INDEX_DIR, SHARD_BYTES, encode, text};
use crate::content::Directory;
use crate::content::activity::Activity;

/// What indexing one activity needs from the whole directory.
struct Lexicon<'a> {
    /// Whether a word is used anywhere in the directory: two words side by
    /// side are also indexed joined ("food bank" as `foodbank`) when
    /// someone writes them joined.
    known: &'a (dyn Fn(&str) -> bool + Sync),
    synonyms: &'a Synonyms,
}

/// A document and the best field a term is in (below 4: two bits in
/// the index, see `Field`), in 32 bits rather than a pair's 64: a
/// nation's index holds tens of millions of them while it is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Posting(u32);

impl Posting {
    fn new(doc: u32, field: u8) -> Posting {
        debug_assert!(field < 4 && doc < 1 << 30);
        Posting(doc << 2 | u32::from(field))
    }

    fn doc(self) -> u32 {
        self.0 >> 2
    }

    fn field(self) -> u8 {
        (self.0 & 3) as u8
    }
}

/// The terms of a run of consecutive activities, gathered on one thread.
/// Keyed by stem rather than by activity, so a directory's few thousand
/// words are allocated and stemmed once per run, not once per activity.
#[derive(Default)]
struct Chunk {
    /// Each stem's (document, best field) in document order.
    postings: HashMap<String, Vec<Posting>>,
    /// Each word seen, with its stem.
    stems: HashMap<String, String>,
    /// The documents each word is in.
    words: HashMap<String, Vec<u32>>,
    /// A field's tokens, reused.
    buf: String,
    spans: Vec<(usize, usize, bool)>,
}

impl Chunk {
    fn add(&mut self, doc: u32, text: &str, field: Field, lex: &Lexicon) {
        let Chunk {
            postings,
            stems,
            buf,
            spans,
            ..
        } = self;
        buf.clear();
        spans.clear();
        text::token_spans(text, buf, spans);
        let post =
            |postings: &mut HashMap<String, Vec<Posting>>, stem: &str, field: u8| match postings
                .get_mut(stem)
            {
                Some(docs) => match docs.last_mut() {
                    Some(last) if last.doc() == doc => {
                        *last = Posting::new(doc, last.field().max(field))
                    }
                    _ => docs.push(Posting::new(doc, field)),
                },
                None => {
                    postings.insert(stem.to_string(), vec![Posting::new(doc, field)]);
                }
            };
        for &(start, end, stop) in spans.iter() {
            if stop {
                continue;
            }
            let word = &buf[start..end];
            if !stems.contains_key(word) {
                stems.insert(word.to_string(), text::stem(word));
            }
            post(postings, &stems[word], field as u8);
        }
        // Each pair of words in a row (stop words between them aside), as
        // `stem stem`, so a phrase in quotes can be told from its words
        // found apart.
        let mut previous: Option<&str> = None;
        let mut pair = String::new();
        for &(start, end, stop) in spans.iter() {
            if stop {
                continue;
            }
            let stem = stems[&buf[start..end]].as_str();
            if let Some(before) = previous {
                pair.clear();
                pair.push_str(before);
                pair.push(' ');
                pair.push_str(stem);
                post(postings, &pair, field as u8);
            }
            previous = Some(stem);
        }
        // Two words side by side, joined, when the directory writes them
        // so elsewhere: then "foodbank" finds "food bank".
        let mut joined = String::new();
        let mut joins: Vec<String> = Vec::new();
        for pair in spans.windows(2) {
            let [(a0, a1, a_stop), (b0, b1, b_stop)] = [pair[0], pair[1]];
            if a_stop || b_stop {
                continue;
            }
            joined.clear();
            joined.push_str(&buf[a0..a1]);
            joined.push_str(&buf[b0..b1]);
            if joined.chars().count() <= text::MAX_TOKEN && (lex.known)(&joined) {
                joins.push(
                    stems
                        .get(joined.as_str())
                        .cloned()
                        .unwrap_or_else(|| text::stem(&joined)),
                );
            }
        }
        let tokens: Vec<(&str, &str)> = spans
            .iter()
            .map(|&(start, end, stop)| {
                let token = &buf[start..end];
                (token, if stop { token } else { stems[token].as_str() })
            })
            .collect();
        for stem in joins {
            post(postings, &stem, field as u8);
        }
        // A synonym counts one field lower than the word itself, so that
        // "pension credit" puts the service named so above the benefits
        // advice that mentions benefits.
        let lower = (field as u8).saturating_sub(1);
        lex.synonyms
            .for_each_term(&tokens, |term| post(postings, term, lower));
    }

    fn add_activity(&mut self, doc: u32, texts: &[(Cow<str>, Field)], lex: &Lexicon) {
        for (text, weight) in texts {
            self.add(doc, text, *weight, lex);
        }
    }
}

/// An activity's searchable texts, each with its field.
type Texts<'a> = Vec<(Cow<'a, str>, Field)>;

#[derive(Default)]
pub struct Terms {
    /// Each stem's (document, best field), by document.
    postings: BTreeMap<String, Vec<Posting>>,
    /// Each stem's postings, encoded, in stem order.
    encoded: BTreeMap<String, String>,
    /// Each stem's words, with the documents using them.
    words: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
    /// How many documents use each word.
    surface: HashMap<String, u32>,
}

/// Activities per chunk: enough to spread over threads, few enough that
/// merging the chunks' term lists stays small.
const CHUNK: usize = 256;

/// How many chunks' terms are gathered side by side before they are
/// merged: enough for every core.
const CHUNKS_AT_ONCE: usize = 16;

impl Chunk {
    /// Notes each word of document `doc`, stemming those not seen before.
    fn collect_words(&mut self, doc: u32, texts: &[(Cow<str>, Field)]) {
        let Chunk { stems, words, .. } = self;
        for (text, _) in texts {
            text::for_each_word(text, |word| {
                if !stems.contains_key(word) {
                    stems.insert(word.to_string(), text::stem(word));
                }
                match words.get_mut(word) {
                    Some(docs) if docs.last() == Some(&doc) => {}
                    Some(docs) => docs.push(doc),
                    None => {
                        words.insert(word.to_string(), vec![doc]);
                    }
                }
            });
        }
    }
}

impl Terms {
    /// Indexes `docs` (numbered by position) from scratch: first the words
    /// each uses, then, knowing every word of the directory, the terms.
    /// Without `keep`, each term's list of documents is not kept once it
    /// is encoded: the index can be written, not brought up to date.
    pub fn build(dir: &Directory, docs: &[&Activity], keep: bool) -> Terms {
        let synonyms = Synonyms::of(&dir.site);
        let mut chunks: Vec<(Chunk, Vec<Texts>)> = docs
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, activities)| {
                let mut chunk = Chunk::default();
                let texts: Vec<_> = activities
                    .iter()
                    .map(|a| crate::present::activity_words(dir, a))
                    .collect();
                for (i, t) in texts.iter().enumerate() {
                    chunk.collect_words((c * CHUNK + i) as u32, t);
                }
                (chunk, texts)
            })
            .collect();
        let mut terms = Terms::default();
        for (chunk, _) in &mut chunks {
            let words = std::mem::take(&mut chunk.words);
            terms.add_words(words, &chunk.stems);
        }
        let surface = &terms.surface;
        let known = |w: &str| surface.contains_key(w);
        let lex = Lexicon {
            known: &known,
            synonyms: &synonyms,
        };
        // The terms of a few chunks at a time, each merged into the whole
        // index (in document order) and freed before the next: a nation's
        // chunks, all held at once, took 150 MB.
        let mut postings: HashMap<String, Vec<Posting>> = HashMap::default();
        for (b, batch) in chunks.chunks_mut(CHUNKS_AT_ONCE).enumerate() {
            batch
                .par_iter_mut()
                .enumerate()
                .for_each(|(c, (chunk, texts))| {
                    let first = (b * CHUNKS_AT_ONCE + c) * CHUNK;
                    for (i, t) in texts.iter().enumerate() {
                        chunk.add_activity((first + i) as u32, t, &lex);
                    }
                });
            for (chunk, texts) in batch {
                *texts = Vec::new();
                for (stem, docs) in std::mem::take(chunk).postings {
                    postings.entry(stem).or_default().extend(docs);
                }
            }
        }
        drop(chunks);
        let encode =
            |docs: &[Posting]| encode::postings(docs.iter().map(|p| (p.doc(), p.field())), 2);
        if keep {
            terms.postings = postings.into_iter().collect();
            terms.encoded = terms
                .postings
                .par_iter()
                .map(|(stem, docs)| (stem.clone(), encode(docs)))
                .collect();
        } else {
            // Each list freed as it is encoded: they are the largest part
            // of a large index.
            terms.encoded = postings
                .into_par_iter()
                .map(|(stem, docs)| {
                    let text = encode(&docs);
                    (stem, text)
                })
                .collect();
        }
        terms
    }

    /// Adds each word's documents (in document order) under its stem.
    fn add_words(&mut self, words: HashMap<String, Vec<u32>>, stems: &HashMap<String, String>) {
        for (word, docs) in words {
            *self.surface.entry(word.clone()).or_default() += docs.len() as u32;
            let list = self
                .words
                .entry(stems[&word].clone())
                .or_default()
                .entry(word)
                .or_default();
            // In order: after the list (the next chunk's documents, in a
            // build), else each put in its place (a save's one document;
            // sorting a common word's thousands again was a fifth of it).
            if list
                .last()
                .is_none_or(|last| docs.first().is_none_or(|first| last <= first))
            {
                list.extend(docs);
                list.sort_unstable();
            } else {
                for doc in docs {
                    let at = list.partition_point(|&d| d <= doc);
                    list.insert(at, doc);
                }
            }
        }
    }

    /// Whether `word` is two words of the directory joined, so that other
    /// activities' terms depend on whether anyone uses it.
    fn joins_two(&self, word: &str) -> bool {
        word.char_indices().skip(1).any(|(at, _)| {
            self.surface.contains_key(&word[..at]) && self.surface.contains_key(&word[at..])
        })
    }

    /// Indexes activity `a` again as document `n`. `before` is the
    /// activity as it was last indexed, if known: its old terms are then
    /// every term its texts could have made (two words joined whether or
    /// not anyone writes them so), each list looked up; otherwise `n` is
    /// looked for in every list (a few hundred thousand binary searches,
    /// a tenth of a save). Nothing per document is kept between builds.
    /// Returns false, having done nothing useful, when the change of words
    /// could change other activities' terms (it adds or removes the last
    /// use of a word that is two others joined); then index everything
    /// again.
    #[must_use]
    pub fn replace(
        &mut self,
        dir: &Directory,
        n: usize,
        a: &Activity,
        before: Option<&Activity>,
    ) -> bool {
        let doc = n as u32;
        let synonyms = Synonyms::of(&dir.site);
        let (mut touched, gone) = match before {
            Some(old) => self.remove_terms_of(dir, doc, old, &synonyms),
            None => self.remove_everywhere(doc),
        };
        let texts = crate::present::activity_words(dir, a);
        let mut chunk = Chunk::default();
        chunk.collect_words(doc, &texts);
        let new: Vec<String> = chunk
            .words
            .keys()
            .filter(|w| !self.surface.contains_key(*w))
            .cloned()
            .collect();
        let words = std::mem::take(&mut chunk.words);
        self.add_words(words, &chunk.stems);
        if gone.iter().chain(&new).any(|w| self.joins_two(w)) {
            return false;
        }
        let surface = &self.surface;
        let known = |w: &str| surface.contains_key(w);
        chunk.add_activity(
            doc,
            &texts,
            &Lexicon {
                known: &known,
                synonyms: &synonyms,
            },
        );
        for (stem, found) in chunk.postings {
            let docs = self.postings.entry(stem.clone()).or_default();
            for posting in found {
                if let Err(at) = docs.binary_search_by_key(&posting.doc(), |p| p.doc()) {
                    docs.insert(at, posting);
                }
            }
            touched.push(stem);
        }
        for stem in touched {
            match self.postings.get(&stem) {
                Some(docs) => {
                    self.encoded.insert(
                        stem,
                        encode::postings(docs.iter().map(|p| (p.doc(), p.field())), 2),
                    );
                }
                None => {
                    self.encoded.remove(&stem);
                }
            }
        }
        true
    }

    /// Takes document `doc` out of every list, looking for it in each;
    /// returns the terms it was in and the words no document uses now.
    fn remove_everywhere(&mut self, doc: u32) -> (Vec<String>, Vec<String>) {
        let mut touched: Vec<String> = Vec::new();
        self.postings.retain(|stem, docs| {
            if let Ok(at) = docs.binary_search_by_key(&doc, |p| p.doc()) {
                docs.remove(at);
                touched.push(stem.clone());
            }
            !docs.is_empty()
        });
        let mut gone: Vec<String> = Vec::new();
        let surface = &mut self.surface;
        self.words.retain(|_, words| {
            words.retain(|word, docs| {
                if let Ok(at) = docs.binary_search(&doc) {
                    docs.remove(at);
                    if let Some(count) = surface.get_mut(word) {
                        *count -= 1;
                        if *count == 0 {
                            surface.remove(word);
                            gone.push(word.clone());
                        }
                    }
                }
                !docs.is_empty()
            });
            !words.is_empty()
        });
        (touched, gone)
    }

    /// Takes document `doc` out of the lists of the terms and words that
    /// `old` (the activity as indexed) could have put it in; returns the
    /// terms it was in and the words no document uses now.
    fn remove_terms_of(
        &mut self,
        dir: &Directory,
        doc: u32,
        old: &Activity,
        synonyms: &Synonyms,
    ) -> (Vec<String>, Vec<String>) {
        let texts = crate::present::activity_words(dir, old);
        let mut chunk = Chunk::default();
        chunk.collect_words(doc, &texts);
        // Every pair of words side by side counts as joined: more terms
        // than it made, never fewer.
        let any = |_: &str| true;
        chunk.add_activity(
            doc,
            &texts,
            &Lexicon {
                known: &any,
                synonyms,
            },
        );
        let mut touched = Vec::new();
        for term in chunk.postings.keys() {
            let Some(docs) = self.postings.get_mut(term.as_str()) else {
                continue;
            };
            if let Ok(at) = docs.binary_search_by_key(&doc, |p| p.doc()) {
                docs.remove(at);
                if docs.is_empty() {
                    self.postings.remove(term.as_str());
                }
                touched.push(term.clone());
            }
        }
        let mut gone = Vec::new();
        for word in chunk.words.keys() {
            let stem = chunk.stems[word].as_str();
            let Some(words) = self.words.get_mut(stem) else {
                continue;
            };
            let Some(docs) = words.get_mut(word.as_str()) else {
                continue;
            };
            let Ok(at) = docs.binary_search(&doc) else {
                continue;
            };
            docs.remove(at);
            if docs.is_empty() {
                words.remove(word.as_str());
                if words.is_empty() {
                    self.words.remove(stem);
                }
            }
            if let Some(count) = self.surface.get_mut(word.as_str()) {
                *count -= 1;
                if *count == 0 {
                    self.surface.remove(word.as_str());
                    gone.push(word.clone());
                }
            }
        }
        (touched, gone)
    }

    /// Writes the term shards, the pair shards and the term list into
    /// `files`; returns each term shard's and each pair shard's first term.
    pub fn files(&self, files: &mut Vec<(String, Vec<u8>)>) -> (Vec<String>, Vec<String>) {
        let mut terms = Shards::new("t");
        let mut pairs = Shards::new("p");
        let mut all_terms = String::new();
        for (term, encoded) in &self.encoded {
            // Pairs of words side by side (`food bank`), for phrases in
            // quotes: fetched only for those.
            if term.contains(' ') {
                pairs.add(term, encoded, files);
                continue;
            }
            terms.add(term, encoded, files);
            // The term list is for spelling help, so it holds the words
            // people write: a stem no entry writes (only joined words or
            // synonyms give it) is left out. After the stem come the words
            // that differ from it, and `*` first when the stem itself is
            // not one of them.
            if let Some(words) = self.words.get(term) {
                all_terms.push_str(term);
                let others: Vec<&str> = words
                    .keys()
                    .filter(|w| *w != term)
                    .map(String::as_str)
                    .collect();
                if !words.contains_key(term) {
                    all_terms.push_str("\t* ");
                    all_terms.push_str(&others.join(" "));
                } else if !others.is_empty() {
                    all_terms.push('\t');
                    all_terms.push_str(&others.join(" "));
                }
                all_terms.push('\n');
            }
        }
        files.push((format!("{INDEX_DIR}terms.txt"), all_terms.into_bytes()));
        (terms.finish(files), pairs.finish(files))
    }
}

/// Shard files of one kind (`t3.txt`), each closed once it holds
/// `SHARD_BYTES`.
struct Shards {
    prefix: &'static str,
    firsts: Vec<String>,
    shard: String,
}

impl Shards {
    fn new(prefix: &'static str) -> Shards {
        Shards {
            prefix,
            firsts: Vec::new(),
            shard: String::new(),
        }
    }

    fn add(&mut self, term: &str, encoded: &str, files: &mut Vec<(String, Vec<u8>)>) {
        if self.shard.is_empty() {
            self.firsts.push(term.to_string());
        }
        self.shard.push_str(term);
        self.shard.push('\t');
        self.shard.push_str(encoded);
        self.shard.push('\n');
        if self.shard.len() >= SHARD_BYTES {
            self.close(files);
        }
    }

    fn close(&mut self, files: &mut Vec<(String, Vec<u8>)>) {
        let n = self.firsts.len() - 1;
        files.push((
            format!("{INDEX_DIR}{}{n}.txt", self.prefix),
            std::mem::take(&mut self.shard).into_bytes(),
        ));
    }

    fn finish(mut self, files: &mut Vec<(String, Vec<u8>)>) -> Vec<String> {
        if !self.shard.is_empty() {
            self.close(files);
        }
        self.firsts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Directory {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        crate::content::load(root, today)
            .unwrap()
            .directory
            .expect("the sample site loads")
    }

    fn same(a: &Terms, b: &Terms) -> bool {
        a.postings == b.postings && a.encoded == b.encoded && a.words == b.words && {
            let mut x: Vec<_> = a.surface.iter().collect();
            let mut y: Vec<_> = b.surface.iter().collect();
            x.sort();
            y.sort();
            x == y
        }
    }

    /// An activity indexed again from its old version's terms leaves the
    /// index exactly as indexing everything from scratch does, and as
    /// looking for it in every list does.
    #[test]
    fn replacing_an_activity_by_its_old_terms_is_indexing_everything_again() {
        let listed = |dir: &Directory| -> Vec<Activity> {
            dir.index
                .listed
                .iter()
                .map(|id| dir.activities[id].clone())
                .collect()
        };
        let dir = sample();
        let docs = listed(&dir);
        let docs: Vec<&Activity> = docs.iter().collect();
        let n = docs.len() / 2;
        let old = docs[n].clone();
        let mut edited = dir.clone();
        {
            let a = edited.activities.get_mut(&old.id).unwrap();
            a.title = "Pottery and Painting Club".into();
            a.summary = "A friendly art group: bring a friend, or come on your own.".into();
            a.description = "Clay, **paint** and tea.\n\nNo experience needed.".into();
            a.plain = Default::default();
        }
        let new_docs = listed(&edited);
        let new_docs: Vec<&Activity> = new_docs.iter().collect();
        let fresh = Terms::build(&edited, &new_docs, true);
        for before in [Some(&old), None] {
            let mut terms = Terms::build(&dir, &docs, true);
            assert!(terms.replace(&edited, n, new_docs[n], before));
            assert!(
                same(&terms, &fresh),
                "with the old version: {}",
                before.is_some()
            );
        }
        // And back again.
        let mut terms = Terms::build(&edited, &new_docs, true);
        assert!(terms.replace(&dir, n, docs[n], Some(new_docs[n])));
        assert!(same(&terms, &Terms::build(&dir, &docs, true)));
    }
}
