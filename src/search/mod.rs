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
//! - `index/p{n}.txt`: pair shards, the same for each two words in a row
//!   (`food bank<TAB>postings`), fetched only for a phrase in quotes.
//! - `index/terms.txt`: every stem that entries write, one per line, with
//!   the words that differ from it (`garden<TAB>gardening gardens`; `*`
//!   first when the stem is not itself a word: `activ<TAB>* activities`),
//!   fetched only to correct a misspelling, split a joined word or
//!   suggest words when nothing is found.
//! - `index/facet-{id}.txt`: one file per filter, fetched when the filter
//!   is first used or opened: each activity's values, as a fixed-width
//!   code into the distinct value sets.
//! - `index/places.txt`: where each in-person activity is, for distances,
//!   and which activities cover which postcode districts (`area_served`).
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
pub mod query;
pub mod synonyms;
pub mod terms;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde_json::json;

use crate::content::Directory;
use crate::content::activity::Activity;
use crate::places::locations;
use crate::postcodes;
use facets::{Facet, values_of};

/// Where the index goes in the output, and the search script expects it.
pub const INDEX_DIR: &str = "search/index/";
pub const POSTCODE_DIR: &str = "search/postcodes/";

/// A term shard is closed once it holds this many bytes, so a query for a
/// common word fetches a few kilobytes, not the index.
const SHARD_BYTES: usize = 12 * 1024;

/// Results rows per block file.
pub const ROWS: usize = 32;

/// Where a word was found (declared beside the views, which say what is
/// searched: `present::activity_words`).
pub(crate) use crate::present::Weight as Field;

/// Places are rounded to this many decimal places of a degree (about 100
/// metres), which is finer than any distance the results show.
const PLACE_DECIMALS: i32 = 3;

pub struct SearchIndex {
    /// (path in the output, contents).
    pub files: Vec<(String, Vec<u8>)>,
    /// The paths of files the same as at the last update, left out of
    /// `files` (by a cache that updates again, for `serve`, which keeps
    /// them).
    pub unchanged: Vec<String>,
    /// Names this build's index: the search page passes it to the script,
    /// which adds it to every index URL so a browser never mixes two builds.
    pub version: String,
    pub facets: Vec<Facet>,
}

/// Builds the index of the listed activities. `cards` are their cards'
/// HTML, in the same (listed) order.
pub fn build(dir: &Directory, cards: &[&str]) -> SearchIndex {
    SearchCache::default().update(dir, cards, &|_| 0, false, &Default::default())
}

/// What the last build indexed, kept by `serve` so the next build indexes
/// only the activities that changed. Its files are the same as a build
/// from scratch would write.
#[derive(Default)]
pub struct SearchCache {
    /// The documents (listed activity ids) and each one's fingerprint.
    docs: Vec<String>,
    prints: Vec<u64>,
    terms: terms::Terms,
    /// Each document's values for each filter.
    values: Vec<Vec<Vec<usize>>>,
    /// Each activity's venues' places, rounded, its first venue first,
    /// and the postcode districts its `area_served` names.
    places: Vec<Place>,
    /// Each block of result rows, encoded.
    rows: Vec<Vec<u8>>,
    /// Each filter's column file (id, contents) and the places file,
    /// while no document's values or place change.
    columns: Option<(Vec<(String, String)>, String)>,
    /// The postcode area files, and the site's postcodes they include.
    postcodes: Option<(
        crate::content::postcodes_file::Postcodes,
        BTreeMap<String, String>,
    )>,
    /// Each file's hash at the last update.
    written: HashMap<String, u64>,
    hasher: foldhash::quality::RandomState,
}

impl SearchCache {
    /// Notes that every card is drawn differently: every block of result
    /// rows is made again at the next update.
    pub fn cards_changed(&mut self) {
        self.rows.clear();
    }

    /// Brings the index up to date. `print` sums up what an activity's
    /// entry in the index depends on; documents whose print is unchanged
    /// since the last update are not indexed again. `before` holds changed
    /// activities as they were at the last update, where known. Without
    /// `again`, no update follows this one (a build's).
    pub fn update(
        &mut self,
        dir: &Directory,
        cards: &[&str],
        print: &(dyn Fn(&str) -> u64 + Sync),
        again: bool,
        before: &foldhash::HashMap<String, Activity>,
    ) -> SearchIndex {
        // For one build only: from scratch, keeping only what writing
        // the files needs.
        let once = !again;
        let listed = &dir.index.listed;
        let docs: Vec<&Activity> = listed.iter().map(|id| &dir.activities[id]).collect();
        let facets = facets::facets(dir);
        let prints: Vec<u64> = listed.par_iter().map(|id| print(id)).collect();
        let same = self.docs == *listed;
        let changed: Vec<usize> = (0..docs.len())
            .filter(|&i| !same || prints[i] != self.prints[i])
            .collect();
        // Renumbered, or most of it changed: index everything again.
        if once || !same || changed.len() > docs.len() / 4 {
            self.terms = terms::Terms::build(dir, &docs, !once);
            self.values = docs
                .par_iter()
                .map(|a| facets.iter().map(|f| values_of(f, a)).collect())
                .collect();
            self.places = docs.iter().map(|a| place(dir, a)).collect();
            self.columns = None;
            self.rows = all_rows(&docs, cards);
        } else {
            let mut blocks: Vec<usize> = Vec::new();
            let mut words_changed = false;
            for &i in &changed {
                let a = docs[i];
                words_changed = words_changed || !self.terms.replace(dir, i, a, before.get(&a.id));
                let values: Vec<Vec<usize>> = facets.iter().map(|f| values_of(f, a)).collect();
                let at = place(dir, a);
                if values != self.values[i] || at != self.places[i] {
                    self.columns = None;
                }
                self.values[i] = values;
                self.places[i] = at;
                blocks.push(i / ROWS);
            }
            // A word that two others join was added or lost: other
            // activities' joined terms may change.
            if words_changed {
                self.terms = terms::Terms::build(dir, &docs, !once);
            }
            blocks.dedup();
            if self.rows.is_empty() {
                // Every card changed.
                self.rows = all_rows(&docs, cards);
                blocks.clear();
            }
            for n in blocks {
                let end = ((n + 1) * ROWS).min(docs.len());
                self.rows[n] = rows(&docs[n * ROWS..end], &cards[n * ROWS..end]);
            }
        }
        self.docs = listed.clone();
        self.prints = prints;

        let mut files = Vec::new();
        let (shards, pairs) = self.terms.files(&mut files);
        if once {
            // Written into `files`: not needed again.
            self.terms = Default::default();
        }
        let (columns, at) = self
            .columns
            .get_or_insert_with(|| (facet_columns(&facets, &self.values), places(&self.places)));
        for (id, column) in columns.iter() {
            files.push((
                format!("{INDEX_DIR}facet-{id}.txt"),
                column.clone().into_bytes(),
            ));
        }
        files.push((format!("{INDEX_DIR}places.txt"), at.clone().into_bytes()));
        let rows = if once {
            std::mem::take(&mut self.rows)
        } else {
            self.rows.clone()
        };
        for (n, block) in rows.into_iter().enumerate() {
            files.push((format!("{INDEX_DIR}r{n}.json"), block));
        }
        if self
            .postcodes
            .as_ref()
            .is_none_or(|(site, _)| *site != dir.postcodes)
        {
            self.postcodes = Some((dir.postcodes.clone(), postcode_areas(dir)));
        }
        for (area, lines) in &self.postcodes.as_ref().expect("set above").1 {
            files.push((
                format!("{POSTCODE_DIR}{area}.txt"),
                lines.clone().into_bytes(),
            ));
        }
        let version =
            encode::fingerprint(&files.iter().map(|(_, b)| b.as_slice()).collect::<Vec<_>>());
        // The postcode areas with a file, so a search for another asks for nothing.
        let areas: Vec<&String> = self
            .postcodes
            .as_ref()
            .expect("set above")
            .1
            .keys()
            .collect();
        let meta = json!({
            "version": version,
            "areas": areas,
            "documents": docs.len(),
            "stop": text::STOP_WORDS,
            "shards": shards,
            "pairs": pairs,
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
        let mut index = SearchIndex {
            files,
            unchanged: Vec::new(),
            version,
            facets,
        };
        if !once {
            self.leave_out_unchanged(&mut index);
        }
        index
    }

    /// Moves the files that are the same as at the last update out of
    /// `index.files`, so they are not handed over again.
    fn leave_out_unchanged(&mut self, index: &mut SearchIndex) {
        let hashes: Vec<u64> = index
            .files
            .par_iter()
            .map(|(_, bytes)| std::hash::BuildHasher::hash_one(&self.hasher, bytes))
            .collect();
        let mut written = HashMap::default();
        let mut changed = Vec::new();
        for ((path, bytes), hash) in index.files.drain(..).zip(hashes) {
            if self.written.get(&path) == Some(&hash) {
                index.unchanged.push(path.clone());
            } else {
                changed.push((path.clone(), bytes));
            }
            written.insert(path, hash);
        }
        index.files = changed;
        self.written = written;
    }
}

/// A file per filter, of one line: `id<TAB>width<TAB>value sets<TAB>column`.
/// Value sets are `;`-separated lists of value positions (`0,3;1;`); the
/// column holds each activity's value set number in `width` base64 digits.
fn facet_columns(facets: &[Facet], values: &[Vec<Vec<usize>>]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (f, facet) in facets.iter().enumerate() {
        let mut out = String::new();
        let mut sets: Vec<&Vec<usize>> = values.iter().map(|v| &v[f]).collect();
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
        for v in values {
            encode::fixed(&mut out, number[&v[f]], width);
        }
        out.push('\n');
        files.push((facet.id.to_string(), out));
    }
    files
}

/// Where an activity reaches people: its venues, rounded, and the
/// districts it covers.
#[derive(PartialEq)]
struct Place {
    venues: Vec<(i64, i64)>,
    covers: Vec<String>,
}

fn place(dir: &Directory, a: &Activity) -> Place {
    let scale = 10f64.powi(PLACE_DECIMALS);
    Place {
        venues: locations(dir, a)
            .into_iter()
            .map(|(lat, lon)| ((lat * scale).round() as i64, (lon * scale).round() as i64))
            .collect(),
        covers: a
            .area_served
            .as_ref()
            .map_or_else(Vec::new, |area| area.districts.clone()),
    }
}

/// `width<TAB>places<TAB>column[<TAB>more[<TAB>covering]]`: the distinct
/// places as `lat,lon` joined by `;`, then each activity's place number
/// plus one (0: not in person).
fn places(docs: &[Place]) -> String {
    let at: Vec<&Vec<(i64, i64)>> = docs.iter().map(|p| &p.venues).collect();
    let scale = 10f64.powi(PLACE_DECIMALS);
    let mut distinct: Vec<(i64, i64)> = at.iter().copied().flatten().copied().collect();
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
    let number = |p: &(i64, i64)| distinct.binary_search(p).map_or(0, |i| i + 1);
    for place in &at {
        encode::fixed(&mut out, place.first().map_or(0, number), width);
    }
    // Activities at several venues: `doc:n,n;…`, the other venues' place
    // numbers, so distances use the nearest. Left out when there are none.
    let more: Vec<String> = at
        .iter()
        .enumerate()
        .filter(|(_, p)| p.len() > 1)
        .map(|(doc, p)| {
            let numbers: Vec<String> = p[1..].iter().map(|q| number(q).to_string()).collect();
            format!("{doc}:{}", numbers.join(","))
        })
        .collect();
    // Districts that activities cover, wherever they are based:
    // `NN11:doc,doc;…`, so a search near NN11 lists them first.
    let mut covering: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (doc, p) in docs.iter().enumerate() {
        for code in &p.covers {
            covering.entry(code).or_default().push(doc.to_string());
        }
    }
    if !more.is_empty() || !covering.is_empty() {
        out.push('\t');
        out.push_str(&more.join(";"));
    }
    if !covering.is_empty() {
        let covering: Vec<String> = covering
            .iter()
            .map(|(code, docs)| format!("{code}:{}", docs.join(",")))
            .collect();
        out.push('\t');
        out.push_str(&covering.join(";"));
    }
    out.push('\n');
    out
}

/// Every block of result rows, made on every core.
fn all_rows(docs: &[&Activity], cards: &[&str]) -> Vec<Vec<u8>> {
    cards
        .par_chunks(ROWS)
        .enumerate()
        .map(|(n, block)| rows(&docs[n * ROWS..], block))
        .collect()
}

/// A block of result rows: `[id, card]`, the card being the HTML of the
/// theme's own card partial (as listings show it), so results look like
/// the rest of the site and a theme's card reaches them too.
fn rows(docs: &[&Activity], cards: &[&str]) -> Vec<u8> {
    let rows: Vec<_> = docs
        .iter()
        .zip(cards)
        .map(|(a, html)| json!([a.id, html.trim()]))
        .collect();
    serde_json::to_vec(&rows).expect("rows are plain JSON")
}

/// The district table split by postcode area (the letters: `NN`, `MK`), as
/// `district,lat,lon` lines in district order, then the site's own full
/// postcodes in that area (`NN15BD,lat,lon`), which the script looks up
/// first.
fn postcode_areas(dir: &Directory) -> BTreeMap<String, String> {
    let mut districts: Vec<_> = postcodes::all().collect();
    districts.sort_by_key(|d| crate::places::district_order(d.code));
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
