//! The search index: written by the build from the validated directory
//! (not scraped from pages) and queried in the browser by `search.js`.
//!
//! Files, under `search/`:
//! - `index/meta.json`: stop words, where each term shard starts, the
//!   filters, how many rows each row block holds.
//! - `index/t{n}.txt`: term shards, one line per stem in order,
//!   `stem<TAB>postings`, so a query fetches only the shards of its words.
//!   Postings are gaps between document numbers with each hit's field (see
//!   `Field`), as base64 VLQ (`encode`).
//! - `index/terms.txt`: every stem, one per line, with the words that
//!   differ from it (`garden<TAB>gardening gardens`), fetched only to
//!   correct a misspelling.
//! - `index/facets.txt`: one line per filter: each activity's values, as a
//!   fixed-width code into the distinct value sets.
//! - `index/places.txt`: where each in-person activity is, for distances.
//! - `index/r{n}.json`: what a result shows (title, summary, when, where,
//!   cost), in blocks of `ROWS` activities.
//! - `postcodes/{AREA}.txt`: postcode district centres, one file per area
//!   (`NN`), from the embedded table.
//!
//! Documents are the listed activities in A to Z order; their position is
//! their number, so ties in ranking fall back to A to Z order and results
//! for a common word come from the first few row blocks.

pub mod encode;
pub mod facets;
pub mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde_json::json;

use crate::content::Directory;
use crate::content::activity::Activity;
use crate::postcodes::{self, nearby::location};
use crate::render::markdown::plain_text;
use crate::render::views::ActivityCard;
use facets::{Facet, values_of};

/// Where the index goes in the output, and the search script expects it.
pub const INDEX_DIR: &str = "search/index/";
pub const POSTCODE_DIR: &str = "search/postcodes/";

/// A term shard is closed once it holds this many bytes, so a query for a
/// common word fetches a few kilobytes, not the index.
const SHARD_BYTES: usize = 12 * 1024;

/// Results rows per block file.
pub const ROWS: usize = 32;

/// Where a word was found, best first in ranking. Stored as 2 bits with
/// each hit; `search.js` weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
enum Field {
    Description = 0,
    SummaryOrOrganisation = 1,
    Category = 2,
    Title = 3,
}

/// Places are rounded to this many decimal places of a degree (about 100
/// metres), which is finer than any distance the results show.
const PLACE_DECIMALS: i32 = 3;

pub struct SearchIndex {
    /// (path in the output, contents).
    pub files: Vec<(String, Vec<u8>)>,
    /// Names this build's index: the search page passes it to the script,
    /// which adds it to every index URL so a browser never mixes two builds.
    pub version: String,
    pub facets: Vec<Facet>,
}

/// Builds the index of the listed activities. `cards` are their result
/// rows, in the same (listed) order.
pub fn build(dir: &Directory, cards: &[ActivityCard]) -> SearchIndex {
    let docs: Vec<&Activity> = dir
        .index
        .listed
        .iter()
        .map(|id| &dir.activities[id])
        .collect();
    let facets = facets::facets(dir);
    let mut files = Vec::new();

    let shards = term_shards(dir, &docs, &mut files);
    files.push((
        format!("{INDEX_DIR}facets.txt"),
        facet_columns(&facets, &docs).into_bytes(),
    ));
    files.push((
        format!("{INDEX_DIR}places.txt"),
        places(dir, &docs).into_bytes(),
    ));
    for (n, block) in cards.chunks(ROWS).enumerate() {
        files.push((
            format!("{INDEX_DIR}r{n}.json"),
            rows(&docs[n * ROWS..], block),
        ));
    }
    for (area, lines) in postcode_areas(dir) {
        files.push((format!("{POSTCODE_DIR}{area}.txt"), lines.into_bytes()));
    }
    let version = encode::fingerprint(&files.iter().map(|(_, b)| b.as_slice()).collect::<Vec<_>>());
    let meta = json!({
        "version": version,
        "documents": docs.len(),
        "stop": text::STOP_WORDS,
        "shards": shards,
        "rows": ROWS,
        "facets": facets.iter().map(|f| json!({
            "id": f.id,
            "all": f.all,
            "values": f.values.iter().map(|v| &v.id).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    files.push((
        format!("{INDEX_DIR}meta.json"),
        meta.to_string().into_bytes(),
    ));
    SearchIndex {
        files,
        version,
        facets,
    }
}

type WordMap<V> = HashMap<String, V>;

/// The index of a run of consecutive activities, built on one thread.
#[derive(Default)]
struct Chunk {
    /// Each stem's (document, best field) in document order.
    postings: WordMap<Vec<(u32, u8)>>,
    /// Each word seen, with its stem.
    stems: WordMap<String>,
}

impl Chunk {
    fn add(&mut self, doc: u32, text: &str, field: Field) {
        let Chunk { postings, stems } = self;
        text::for_each_word(text, |word| {
            if !stems.contains_key(word) {
                stems.insert(word.to_string(), text::stem(word));
            }
            let stem = &stems[word];
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
        self.add(doc, &a.title, Field::Title);
        for id in &a.categories {
            if let Some(c) = dir.site.categories.iter().find(|c| &c.id == id) {
                self.add(doc, &c.label, Field::Category);
            }
        }
        self.add(doc, &a.summary, Field::SummaryOrOrganisation);
        if let Some(o) = dir.organisations.get(&a.organisation) {
            self.add(doc, &o.name, Field::SummaryOrOrganisation);
        }
        self.add(doc, &plain_text(&a.description), Field::Description);
    }
}

/// Activities per chunk: enough to spread over threads, few enough that
/// merging the chunks' term lists stays small.
const CHUNK: usize = 256;

/// Writes the term shards and the term list; returns each shard's first stem.
fn term_shards(
    dir: &Directory,
    docs: &[&Activity],
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<String> {
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
    let mut postings: WordMap<Vec<(u32, u8)>> = WordMap::default();
    let mut words: WordMap<BTreeSet<String>> = WordMap::default();
    for chunk in chunks {
        for (term, docs) in chunk.postings {
            postings.entry(term).or_default().extend(docs);
        }
        for (word, stem) in chunk.stems {
            if word != stem {
                words.entry(stem).or_default().insert(word);
            }
        }
    }
    let mut postings: Vec<(String, Vec<(u32, u8)>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut firsts = Vec::new();
    let mut shard = String::new();
    let mut all_terms = String::new();
    for (term, docs) in postings {
        if shard.is_empty() {
            firsts.push(term.clone());
        }
        shard.push_str(&term);
        shard.push('\t');
        shard.push_str(&encode::postings(&docs, 2));
        shard.push('\n');
        all_terms.push_str(&term);
        if let Some(words) = words.get(&term) {
            all_terms.push('\t');
            all_terms.push_str(&words.iter().cloned().collect::<Vec<_>>().join(" "));
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

/// One line per filter: `id<TAB>width<TAB>value sets<TAB>column`. Value
/// sets are `;`-separated lists of value positions (`0,3;1;`); the column
/// holds each activity's value set number in `width` base64 digits.
fn facet_columns(facets: &[Facet], docs: &[&Activity]) -> String {
    let mut out = String::new();
    for facet in facets {
        let values: Vec<Vec<usize>> = docs.par_iter().map(|a| values_of(facet, a)).collect();
        let mut sets: Vec<&Vec<usize>> = values.iter().collect();
        sets.sort();
        sets.dedup();
        let number: HashMap<&Vec<usize>, usize> =
            sets.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let width = encode::width(sets.len());
        let listed: Vec<String> = sets
            .iter()
            .map(|s| s.iter().map(usize::to_string).collect::<Vec<_>>().join(","))
            .collect();
        out.push_str(&format!("{}\t{width}\t{}\t", facet.id, listed.join(";")));
        for v in &values {
            encode::fixed(&mut out, number[v], width);
        }
        out.push('\n');
    }
    out
}

/// `width<TAB>places<TAB>column`: the distinct places as `lat,lon` joined
/// by `;`, then each activity's place number plus one (0: not in person).
fn places(dir: &Directory, docs: &[&Activity]) -> String {
    let scale = 10f64.powi(PLACE_DECIMALS);
    let at: Vec<Option<(i64, i64)>> = docs
        .iter()
        .map(|a| {
            let (lat, lon) = location(dir, a)?;
            Some(((lat * scale).round() as i64, (lon * scale).round() as i64))
        })
        .collect();
    let mut distinct: Vec<(i64, i64)> = at.iter().flatten().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let width = encode::width(distinct.len() + 1);
    let decimals = PLACE_DECIMALS as usize;
    let table: Vec<String> = distinct
        .iter()
        .map(|(lat, lon)| {
            format!(
                "{:.decimals$},{:.decimals$}",
                *lat as f64 / scale,
                *lon as f64 / scale
            )
        })
        .collect();
    let mut out = format!("{width}\t{}\t", table.join(";"));
    for place in &at {
        let n = place.map_or(0, |p| distinct.binary_search(&p).map_or(0, |i| i + 1));
        encode::fixed(&mut out, n, width);
    }
    out.push('\n');
    out
}

/// A block of result rows: `[id, title, summary, organisation, when,
/// where, cost, free (1 or 0), what else the cost says, paused (1 or 0)]`.
fn rows(docs: &[&Activity], cards: &[ActivityCard]) -> Vec<u8> {
    let rows: Vec<_> = docs
        .iter()
        .zip(cards)
        .map(|(a, c)| {
            json!([
                a.id,
                c.title,
                c.summary,
                c.organisation,
                c.when,
                c.place,
                c.cost,
                u8::from(c.free),
                c.free_note.as_deref().unwrap_or(""),
                u8::from(c.paused),
            ])
        })
        .collect();
    serde_json::to_vec(&rows).expect("rows are plain JSON")
}

/// The district table split by postcode area (the letters: `NN`, `MK`), as
/// `district,lat,lon` lines in district order, then the site's own full
/// postcodes in that area (`NN15BD,lat,lon`), which the script looks up
/// first.
fn postcode_areas(dir: &Directory) -> BTreeMap<String, String> {
    let mut districts: Vec<_> = postcodes::all().collect();
    districts.sort_by_key(|d| postcodes::nearby::district_order(d.code));
    let mut areas: BTreeMap<String, String> = BTreeMap::new();
    let area_of =
        |code: &str| -> String { code.chars().take_while(char::is_ascii_alphabetic).collect() };
    for d in districts {
        areas.entry(area_of(d.code)).or_default().push_str(&format!(
            "{},{:.4},{:.4}\n",
            d.code, d.latitude, d.longitude
        ));
    }
    for (code, (lat, lon)) in &dir.postcodes {
        areas
            .entry(area_of(code))
            .or_default()
            .push_str(&format!("{code},{lat},{lon}\n"));
    }
    areas
}
