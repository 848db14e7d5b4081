//! The search itself, over the index files as the browser reads them: the
//! same steps and the same scores as `search.js`, so the ranking has one
//! definition that `signpost search` and the tests can run, and the
//! browser tests check that both sides give the same results for every
//! golden query.
//!
//! The rule (docs/search.md): each query word scores its best hit in an
//! activity, the field it is in (title 8, category or audience 4, summary
//! or organisation 2, description 1) times how well it matched (exactly
//! 1, by prefix 0.7, with a typo 0.5); two words side by side also match
//! their joined term ("food bank": `foodbank`), which counts for both. An
//! activity must match every word; the scores add up; ties keep A to Z
//! order. Words after a minus sign leave out what has them; a phrase in
//! quotes needs its words exactly, side by side.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::encode::DIGITS;
use super::text::{stem, tokens};
use super::{INDEX_DIR, POSTCODE_DIR};

/// A field's weight, by its number in the postings (`present::Weight`).
const FIELD: [f64; 4] = [1.0, 2.0, 4.0, 8.0];
const EXACT: f64 = 1.0;
const PREFIX: f64 = 0.7;
const TYPO: f64 = 0.5;

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub q: String,
    pub near: Option<String>,
    /// Filter id → the value ids ticked.
    pub filters: BTreeMap<String, Vec<String>>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its number: its place in A to Z order.
    pub doc: usize,
    pub score: f64,
    /// Miles to its nearest venue, when searching near a place: infinite
    /// when it has none.
    pub miles: Option<f64>,
    /// The district it covers, when it covers the searched one.
    pub covers: Option<String>,
}

/// Where a search near a postcode is measured from, or why it is not.
#[derive(Debug, Clone, PartialEq)]
pub enum Near {
    At {
        code: String,
        district: String,
    },
    /// Not written like a postcode.
    Format,
    /// A postcode district the table does not have.
    Unknown {
        code: String,
    },
}

#[derive(Debug, Clone)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub near: Option<Near>,
    /// Filter id → each value's count, as the filter panel shows them.
    pub counts: BTreeMap<String, Vec<usize>>,
}

type Postings = HashMap<usize, f64>;

/// `terms.txt`: each stem, with the words that differ from it.
type Dictionary = Vec<(String, Vec<String>)>;

/// A word's hit: a term's postings with how well it matched, or (for a
/// word found as two joined) the documents with both.
enum WordHit {
    Term(String, f64),
    Docs(Postings),
}

/// A search over one build's index; `get` reads a file of the built site
/// by its path (`search/index/meta.json`).
pub struct Engine<F: Fn(&str) -> Option<String>> {
    get: F,
    meta: Value,
    stop: Vec<String>,
    shards: Vec<String>,
    pairs: Vec<String>,
    /// Shard files read so far, by name (`t3`, `p0`).
    cache: RefCell<HashMap<String, std::rc::Rc<BTreeMap<String, String>>>>,
    /// The term list, once read.
    terms: RefCell<Option<std::rc::Rc<Dictionary>>>,
}

impl<F: Fn(&str) -> Option<String>> Engine<F> {
    pub fn new(get: F) -> Option<Engine<F>> {
        let meta: Value = serde_json::from_str(&get(&format!("{INDEX_DIR}meta.json"))?).ok()?;
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        };
        Some(Engine {
            stop: strings(&meta["stop"]),
            shards: strings(&meta["shards"]),
            pairs: strings(&meta["pairs"]),
            meta,
            get,
            cache: RefCell::new(HashMap::new()),
            terms: RefCell::new(None),
        })
    }

    pub fn documents(&self) -> usize {
        self.meta["documents"].as_u64().unwrap_or(0) as usize
    }

    fn shard_number(&self, term: &str) -> usize {
        first_at_or_before(&self.shards, term)
    }

    fn shard(&self, n: usize) -> std::rc::Rc<BTreeMap<String, String>> {
        self.shard_file(format!("t{n}"))
    }

    fn shard_file(&self, name: String) -> std::rc::Rc<BTreeMap<String, String>> {
        if let Some(s) = self.cache.borrow().get(&name) {
            return s.clone();
        }
        let text = (self.get)(&format!("{INDEX_DIR}{name}.txt")).unwrap_or_default();
        let map: BTreeMap<String, String> = text
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(t, p)| (t.to_string(), p.to_string()))
            .collect();
        let map = std::rc::Rc::new(map);
        self.cache.borrow_mut().insert(name, map.clone());
        map
    }

    /// The documents with two words in a row (`food bank`).
    fn pair(&self, pair: &str) -> Option<BTreeSet<usize>> {
        if self.pairs.is_empty() {
            return None;
        }
        let n = first_at_or_before(&self.pairs, pair);
        let p = self.shard_file(format!("p{n}")).get(pair).cloned()?;
        let mut docs = BTreeSet::new();
        for_each_posting(&p, |doc, _| {
            docs.insert(doc);
        });
        Some(docs)
    }

    /// Documents with a phrase in quotes: each of its words exactly, and
    /// each two in a row side by side (`food bank`) or joined as one word
    /// (`foodbank`); scored as its words.
    fn match_phrase(&self, words: &[String]) -> Postings {
        let per: Vec<Option<Postings>> = words.iter().map(|w| self.exact(&stem(w))).collect();
        let in_row: Vec<Option<BTreeSet<usize>>> = words
            .windows(2)
            .map(|p| self.pair(&format!("{} {}", stem(&p[0]), stem(&p[1]))))
            .collect();
        let joined: Vec<Option<Postings>> = words
            .windows(2)
            .map(|p| self.exact(&stem(&p.concat())))
            .collect();
        let per: Vec<Postings> = per.into_iter().map(Option::unwrap_or_default).collect();
        together(&per, &joined, |doc| {
            in_row.iter().zip(&joined).all(|(row, join)| {
                row.as_ref().is_some_and(|r| r.contains(&doc))
                    || join.as_ref().is_some_and(|j| j.contains_key(&doc))
            })
        })
    }

    fn postings_of(&self, term: &str) -> Option<String> {
        self.shard(self.shard_number(term)).get(term).cloned()
    }

    /// The documents a term is found in exactly, with their scores.
    fn exact(&self, term: &str) -> Option<Postings> {
        let p = self.postings_of(term)?;
        let mut docs = Postings::new();
        for_each_posting(&p, |doc, field| best(&mut docs, doc, FIELD[field] * EXACT));
        Some(docs)
    }

    /// Every stem, with the words that differ from it: read once, as the
    /// script fetches it once.
    fn dictionary(&self) -> std::rc::Rc<Dictionary> {
        if let Some(d) = self.terms.borrow().as_ref() {
            return d.clone();
        }
        let text = (self.get)(&format!("{INDEX_DIR}terms.txt")).unwrap_or_default();
        let dict: Dictionary = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let mut f = l.split('\t');
                let term = f.next().unwrap_or("").to_string();
                let words = f
                    .next()
                    .map(|w| {
                        w.split(' ')
                            .filter(|w| *w != "*")
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                (term, words)
            })
            .collect();
        let dict = std::rc::Rc::new(dict);
        *self.terms.borrow_mut() = Some(dict.clone());
        dict
    }

    /// Which terms a word of the query matches, with how well (search.js
    /// `matchWord`): its stem; else terms it begins; else two words it
    /// joins; else a term that begins it; else terms within its typo
    /// allowance.
    fn match_word(&self, word: &str) -> Vec<WordHit> {
        let term = stem(word);
        if self.postings_of(&term).is_some() {
            return vec![WordHit::Term(term, EXACT)];
        }
        let chars: Vec<char> = word.chars().collect();
        if chars.len() >= 3 {
            let mut hits = Vec::new();
            for n in self.shard_number(word)..=self.shard_number(&format!("{word}\u{ffff}")) {
                for t in self.shard(n).keys() {
                    if t.starts_with(word) {
                        hits.push(WordHit::Term(t.clone(), PREFIX));
                    }
                }
            }
            if !hits.is_empty() {
                return hits;
            }
        }
        if let Some(docs) = self.split(&chars) {
            return vec![WordHit::Docs(docs)];
        }
        // A word typed on past a term by a letter or three (walkin: walk),
        // never a long word that merely starts with one (helpline: help).
        for k in (4.max(chars.len().saturating_sub(3))..chars.len()).rev() {
            let head: String = chars[..k].iter().collect();
            if self.postings_of(&head).is_some() {
                return vec![WordHit::Term(head, PREFIX)];
            }
        }
        self.typos(word, &term)
    }

    /// A word the index lacks that is two of its words joined, each of at
    /// least three letters: the documents with both, scored as one word.
    fn split(&self, chars: &[char]) -> Option<Postings> {
        if chars.len() < 6 {
            return None;
        }
        let dict = self.dictionary();
        let has: BTreeSet<&str> = dict.iter().map(|(t, _)| t.as_str()).collect();
        let mut docs = Postings::new();
        let mut any = false;
        for k in 3..=chars.len() - 3 {
            let a = stem(&chars[..k].iter().collect::<String>());
            let b = stem(&chars[k..].iter().collect::<String>());
            if !(has.contains(a.as_str()) && has.contains(b.as_str())) {
                continue;
            }
            any = true;
            let (Some(x), Some(y)) = (self.exact(&a), self.exact(&b)) else {
                continue;
            };
            for (doc, s) in &x {
                if let Some(t) = y.get(doc) {
                    best(&mut docs, *doc, (s + t) / 2.0);
                }
            }
        }
        (any && !docs.is_empty()).then_some(docs)
    }

    fn typos(&self, word: &str, term: &str) -> Vec<WordHit> {
        let max = typos(word);
        if max == 0 {
            return Vec::new();
        }
        let mut nearest = max + 1;
        let mut near: Vec<String> = Vec::new();
        for (t, words) in self.dictionary().iter() {
            let mut d = edits(term, t, max);
            for w in words {
                d = d.min(edits(word, w, max));
            }
            if d < nearest {
                nearest = d;
                near.clear();
            }
            if d == nearest && d <= max {
                near.push(t.clone());
            }
        }
        near.into_iter().map(|t| WordHit::Term(t, TYPO)).collect()
    }

    /// Documents matching every word, with scores (search.js `matchWords`).
    fn match_words(&self, words: &[String]) -> Postings {
        let per_word: Vec<Postings> = words
            .iter()
            .map(|w| {
                let mut mine = Postings::new();
                for hit in self.match_word(w) {
                    match hit {
                        WordHit::Docs(docs) => {
                            for (doc, s) in docs {
                                best(&mut mine, doc, s);
                            }
                        }
                        WordHit::Term(t, quality) => {
                            if let Some(p) = self.postings_of(&t) {
                                for_each_posting(&p, |doc, field| {
                                    best(&mut mine, doc, FIELD[field] * quality)
                                });
                            }
                        }
                    }
                }
                mine
            })
            .collect();
        let joined: Vec<Option<Postings>> = words
            .windows(2)
            .map(|pair| self.exact(&stem(&pair.concat())))
            .collect();
        together(&per_word, &joined, |_| true)
    }

    /// A query's words to find, those to leave out (after a minus sign),
    /// and phrases in quotes, without stop words.
    fn parse(&self, q: &str) -> (Vec<String>, Vec<String>, Vec<Vec<String>>) {
        let (mut words, mut without, mut phrases) = (Vec::new(), Vec::new(), Vec::new());
        let kept = |t: &String| !self.stop.contains(t);
        let mut outside = String::new();
        let quote = |c: char| matches!(c, '"' | '\u{201c}' | '\u{201d}');
        let mut rest = q;
        while let Some(open) = rest.find(quote) {
            outside.push_str(&rest[..open]);
            outside.push(' ');
            let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
            let close = after.find(quote).unwrap_or(after.len());
            let phrase: Vec<String> = tokens(&after[..close]).into_iter().filter(kept).collect();
            if !phrase.is_empty() {
                phrases.push(phrase);
            }
            rest = after[close..]
                .char_indices()
                .nth(1)
                .map_or("", |(i, _)| &after[close + i..]);
        }
        outside.push_str(rest);
        for part in outside.split_whitespace() {
            let rest = part.strip_prefix(['-', '\u{2212}']);
            for t in tokens(rest.unwrap_or(part)) {
                if !self.stop.contains(&t) {
                    if rest.is_some() {
                        without.push(t);
                    } else {
                        words.push(t);
                    }
                }
            }
        }
        (words, without, phrases)
    }

    pub fn search(&self, query: &Query) -> Results {
        let (words, without, phrases) = self.parse(&query.q);
        let left: BTreeSet<usize> = without
            .iter()
            .filter_map(|w| self.exact(&stem(w)))
            .flat_map(|d| d.into_keys())
            .collect();
        let mut scores = (!words.is_empty()).then(|| self.match_words(&words));
        // Phrases narrow the words' results, and add their scores.
        for phrase in &phrases {
            let p = self.match_phrase(phrase);
            scores = Some(match scores {
                None => p,
                Some(s) => s
                    .into_iter()
                    .filter_map(|(doc, v)| Some((doc, v + p.get(&doc)?)))
                    .collect(),
            });
        }
        let facets = Facets::read(self);
        let chosen: Vec<(bool, Vec<usize>)> = facets
            .list
            .iter()
            .map(|f| {
                let picked = query.filters.get(&f.id).into_iter().flatten();
                (
                    f.all,
                    picked
                        .filter_map(|v| f.values.iter().position(|x| x == v))
                        .collect(),
                )
            })
            .collect();
        let mut counts: Vec<Vec<usize>> = facets
            .list
            .iter()
            .map(|f| vec![0; f.values.len()])
            .collect();
        let mut hits = Vec::new();
        let mut consider = |doc: usize, score: f64| {
            if left.contains(&doc) {
                return;
            }
            let mut failed: Option<usize> = None;
            for (i, (all, picked)) in chosen.iter().enumerate() {
                if picked.is_empty() {
                    continue;
                }
                let has = facets.list[i].of(doc);
                let ok = if *all {
                    picked.iter().all(|v| has.contains(v))
                } else {
                    picked.iter().any(|v| has.contains(v))
                };
                if ok {
                    continue;
                }
                if *all || failed.is_some() {
                    return;
                }
                failed = Some(i);
            }
            for (j, f) in facets.list.iter().enumerate() {
                if failed.is_some_and(|i| i != j) {
                    continue;
                }
                for v in f.of(doc) {
                    counts[j][*v] += 1;
                }
            }
            if failed.is_none() {
                hits.push(Hit {
                    doc,
                    score,
                    miles: None,
                    covers: None,
                });
            }
        };
        match &scores {
            Some(scores) => {
                for (doc, s) in scores {
                    consider(*doc, *s);
                }
            }
            None => {
                for doc in 0..self.documents() {
                    consider(doc, 0.0);
                }
            }
        }
        let near = query.near.as_deref().map(|text| self.district(text));
        let from = match &near {
            Some((Near::At { district, .. }, Some(at))) => Some((district.clone(), *at)),
            _ => None,
        };
        if let Some((district, at)) = &from {
            let places = Places::read(self);
            for hit in &mut hits {
                if places.covers(district, hit.doc) {
                    hit.covers = Some(district.clone());
                    hit.miles = Some(-1.0);
                    continue;
                }
                hit.miles = Some(
                    places
                        .of(hit.doc)
                        .iter()
                        .map(|p| miles_between(*at, *p))
                        .fold(f64::INFINITY, f64::min),
                );
            }
        }
        hits.sort_by(|a, b| {
            let by_miles = match (a.miles, b.miles) {
                (Some(x), Some(y)) if from.is_some() => x.total_cmp(&y),
                _ => std::cmp::Ordering::Equal,
            };
            by_miles
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        });
        Results {
            hits,
            near: near.map(|(n, _)| n),
            counts: facets
                .list
                .iter()
                .map(|f| f.id.clone())
                .zip(counts)
                .collect(),
        }
    }

    /// A postcode or district as typed, to where it is (search.js
    /// `district`).
    fn district(&self, text: &str) -> (Near, Option<(f64, f64)>) {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        if !is_postcode(&compact) {
            return (Near::Format, None);
        }
        let outward = (compact.len() > 4).then(|| compact[..compact.len() - 3].to_string());
        let area: String = compact
            .chars()
            .take_while(char::is_ascii_uppercase)
            .collect();
        let table: HashMap<String, (f64, f64)> = (self.get)(&format!("{POSTCODE_DIR}{area}.txt"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let mut f = l.split(',');
                let code = f.next()?.to_string();
                let lat = f.next()?.parse().ok()?;
                let lon = f.next()?.parse().ok()?;
                Some((code, (lat, lon)))
            })
            .collect();
        let code = if table.contains_key(&compact) {
            Some(compact.clone())
        } else {
            outward.clone()
        };
        let district = outward.clone().unwrap_or_else(|| compact.clone());
        match code.and_then(|c| table.get(&c).map(|at| (c, *at))) {
            Some((code, at)) => (Near::At { code, district }, Some(at)),
            None => (Near::Unknown { code: district }, None),
        }
    }
}

/// The documents that have every word, each scoring its best hit, or the
/// joined term of it and a word beside it (`joined[i]` is words `i` and
/// `i + 1` joined), which then counts for both; and that pass `also`.
fn together(
    per_word: &[Postings],
    joined: &[Option<Postings>],
    also: impl Fn(usize) -> bool,
) -> Postings {
    let mut candidates: BTreeSet<usize> = per_word[0].keys().copied().collect();
    if let Some(Some(j)) = joined.first() {
        candidates.extend(j.keys());
    }
    let joined_at =
        |j: usize, doc: usize| joined.get(j).and_then(|j| j.as_ref()?.get(&doc).copied());
    let mut scores = Postings::new();
    'docs: for doc in candidates {
        let mut total = 0.0;
        for (w, mine) in per_word.iter().enumerate() {
            let mut top = mine.get(&doc).copied();
            for j in [w.checked_sub(1), Some(w)].into_iter().flatten() {
                if let Some(s) = joined_at(j, doc)
                    && top.is_none_or(|t| t < s)
                {
                    top = Some(s);
                }
            }
            match top {
                Some(s) => total += s,
                None => continue 'docs,
            }
        }
        if also(doc) {
            scores.insert(doc, total);
        }
    }
    scores
}

/// The last of a list of shards' first terms that is at or before `term`.
fn first_at_or_before(firsts: &[String], term: &str) -> usize {
    firsts
        .partition_point(|first| first.as_str() <= term)
        .saturating_sub(1)
}

/// `^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{2})?$`, as search.js tests it.
fn is_postcode(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) || b.len() <= letters || !b[letters].is_ascii_digit() {
        return false;
    }
    let rest = &b[letters + 1..];
    let inward = |r: &[u8]| {
        r.len() == 3 && r[0].is_ascii_digit() && r[1..].iter().all(u8::is_ascii_uppercase)
    };
    let alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    match rest.len() {
        0 => true,
        1 => alnum(&rest[0]),
        3 => inward(rest),
        4 => alnum(&rest[0]) && inward(&rest[1..]),
        _ => false,
    }
}

fn best(docs: &mut Postings, doc: usize, score: f64) {
    let s = docs.entry(doc).or_insert(score);
    if *s < score {
        *s = score;
    }
}

fn digit(c: u8) -> u32 {
    DIGITS.iter().position(|d| *d == c).unwrap_or(0) as u32
}

/// Calls `f(doc, field)` for each entry of a postings list.
fn for_each_posting(s: &str, mut f: impl FnMut(usize, usize)) {
    let (mut doc, mut n, mut shift) = (-1i64, 0u64, 0u32);
    for c in s.bytes() {
        let d = digit(c);
        n += u64::from(d & 31) << shift;
        if d & 32 != 0 {
            shift += 5;
            continue;
        }
        doc += (n >> 2) as i64 + 1;
        f(doc as usize, (n & 3) as usize);
        n = 0;
        shift = 0;
    }
}

fn fixed(s: &[u8], at: usize, width: usize) -> usize {
    (0..width).fold(0, |n, i| n * 64 + digit(s[at + i]) as usize)
}

/// How many typos a word may have: one from 5 letters, two from 8.
pub fn typos(word: &str) -> usize {
    match word.chars().count() {
        n if n >= 8 => 2,
        n if n >= 5 => 1,
        _ => 0,
    }
}

/// Optimal string alignment distance, giving up above `max`.
pub fn edits(a: &str, b: &str, max: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i];
        let mut lowest = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur.push(v);
            lowest = lowest.min(v);
        }
        if lowest > max {
            return max + 1;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

pub fn miles_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = std::f64::consts::PI / 180.0;
    let (lat1, lat2) = (a.0 * r, b.0 * r);
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((b.1 - a.1) * r / 2.0).sin().powi(2);
    2.0 * 3958.8 * h.sqrt().asin()
}

struct Facet {
    id: String,
    all: bool,
    values: Vec<String>,
    width: usize,
    sets: Vec<Vec<usize>>,
    column: Vec<u8>,
}

impl Facet {
    fn of(&self, doc: usize) -> &[usize] {
        &self.sets[fixed(&self.column, doc * self.width, self.width)]
    }
}

struct Facets {
    list: Vec<Facet>,
}

impl Facets {
    fn read<F: Fn(&str) -> Option<String>>(engine: &Engine<F>) -> Facets {
        let list = engine.meta["facets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| {
                let id = f["id"].as_str()?.to_string();
                let text = (engine.get)(&format!("{INDEX_DIR}facet-{id}.txt"))?;
                let line: Vec<&str> = text.lines().next()?.split('\t').collect();
                Some(Facet {
                    all: f["all"].as_bool().unwrap_or(false),
                    values: f["values"]
                        .as_array()?
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    width: line.get(1)?.parse().ok()?,
                    sets: line
                        .get(2)?
                        .split(';')
                        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
                        .collect(),
                    column: line.get(3).unwrap_or(&"").as_bytes().to_vec(),
                    id,
                })
            })
            .collect();
        Facets { list }
    }
}

/// `places.txt` (see `search::places`).
struct Places {
    at: Vec<(f64, f64)>,
    width: usize,
    column: Vec<u8>,
    more: HashMap<usize, Vec<usize>>,
    covers: HashMap<String, BTreeSet<usize>>,
}

impl Places {
    fn read<F: Fn(&str) -> Option<String>>(engine: &Engine<F>) -> Places {
        let text = (engine.get)(&format!("{INDEX_DIR}places.txt")).unwrap_or_default();
        let f: Vec<&str> = text.lines().next().unwrap_or("").split('\t').collect();
        let field = |n: usize| f.get(n).copied().unwrap_or("");
        let numbers =
            |s: &str| -> Vec<usize> { s.split(',').filter_map(|n| n.parse().ok()).collect() };
        let pairs = |s: &str| -> Vec<(String, String)> {
            s.split(';')
                .filter(|e| !e.is_empty())
                .filter_map(|e| e.split_once(':'))
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        Places {
            width: field(0).parse().unwrap_or(1),
            at: field(1)
                .split(';')
                .filter(|p| !p.is_empty())
                .filter_map(|p| {
                    let (lat, lon) = p.split_once(',')?;
                    Some((lat.parse().ok()?, lon.parse().ok()?))
                })
                .collect(),
            column: field(2).as_bytes().to_vec(),
            more: pairs(field(3))
                .into_iter()
                .filter_map(|(d, n)| Some((d.parse().ok()?, numbers(&n))))
                .collect(),
            covers: pairs(field(4))
                .into_iter()
                .map(|(code, docs)| (code, numbers(&docs).into_iter().collect()))
                .collect(),
        }
    }

    /// Where a document's venues are.
    fn of(&self, doc: usize) -> Vec<(f64, f64)> {
        let first = fixed(&self.column, doc * self.width, self.width);
        std::iter::once(first)
            .filter(|n| *n > 0)
            .chain(self.more.get(&doc).into_iter().flatten().copied())
            .filter_map(|n| self.at.get(n - 1).copied())
            .collect()
    }

    fn covers(&self, district: &str, doc: usize) -> bool {
        self.covers.get(district).is_some_and(|d| d.contains(&doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_as_the_script_reads_them() {
        for ok in ["NN1", "NN15BD", "W1A0AX", "EC1A1BB", "N1"] {
            assert!(is_postcode(ok), "{ok}");
        }
        for bad in ["HELLO", "1NN", "NN", "NN15B", "NNN1"] {
            assert!(!is_postcode(bad), "{bad}");
        }
    }

    #[test]
    fn edits_count_a_swap_as_one() {
        assert_eq!(edits("suport", "support", 1), 1);
        assert_eq!(edits("teh", "the", 1), 1);
        assert_eq!(edits("abc", "xyz", 1), 2);
    }
}
