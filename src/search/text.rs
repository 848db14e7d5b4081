//! How search reads text: the tokeniser and stemmer. `search.js` does exactly
//! the same in the browser (tests/browser checks both give the same terms
//! for a shared word list), so a query finds what the index holds.
//!
//! A token is a run of letters and digits after compatibility
//! decomposition, with accents, apostrophes and case removed: "Men’s
//! Café" gives `mens`, `cafe`. Terms are the tokens' Snowball English
//! (Porter2) stems, minus a few words too common to search on.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words left out of the index and of queries. Shipped to the browser in
/// the index's meta file, so the two sides cannot drift apart.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of",
    "on", "or", "our", "the", "to", "we", "with", "you", "your",
];

/// Longer tokens are not words anyone searches for (long numbers, URLs run
/// together): they are left out.
pub const MAX_TOKEN: usize = 30;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// The tokens of `text`, in order, including stop words.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let folded = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !is_apostrophe(c) && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out.retain(|w| w.chars().count() <= MAX_TOKEN);
    out
}

pub fn stem(token: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(token)
        .into_owned()
}

/// The tokens of `text` worth searching on: without stop words.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    tokens(text)
        .into_iter()
        .filter(|t| !STOP_WORDS.contains(&t.as_str()))
}

/// The searchable terms of `text`: stems of its words.
pub fn terms(text: &str) -> impl Iterator<Item = String> {
    words(text).map(|t| stem(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_accents_and_apostrophes() {
        assert_eq!(
            tokens("Men’s Café: walk-and-talk, 10am (NN1)!"),
            ["mens", "cafe", "walk", "and", "talk", "10am", "nn1"]
        );
        assert_eq!(tokens("ﬁtness naïve ÉCOLE"), ["fitness", "naive", "ecole"]);
        assert_eq!(tokens("don't"), ["dont"]);
        assert!(tokens(" -- ").is_empty());
        assert!(tokens(&"x".repeat(31)).is_empty());
    }

    #[test]
    fn stems_join_word_forms() {
        for (a, b) in [
            ("walks", "walking"),
            ("walked", "walk"),
            ("gardening", "gardens"),
            ("support", "supporting"),
            ("dancing", "dance"),
            ("activities", "activity"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("art"), stem("arthritis"));
    }

    #[test]
    fn terms_drop_stop_words() {
        assert_eq!(
            terms("Walking for health in the park").collect::<Vec<_>>(),
            ["walk", "health", "park"]
        );
    }
}
