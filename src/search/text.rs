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

/// Calls `f` with each token of `text`, in order, including stop words.
fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    // Most text is plain ASCII, which decomposition leaves alone.
    let folded = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .collect::<String>()
            .to_lowercase()
    };
    let mut word = String::new();
    let mut emit = |word: &mut String| {
        if !word.is_empty() && word.chars().count() <= MAX_TOKEN {
            f(word);
        }
        word.clear();
    };
    for c in folded.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !is_apostrophe(c) {
            emit(&mut word);
        }
    }
    emit(&mut word);
}

/// The tokens of `text` appended to `buf`, and each one's span in it and
/// whether it is a stop word, in order: one allocation for a whole field.
pub fn token_spans(text: &str, buf: &mut String, spans: &mut Vec<(usize, usize, bool)>) {
    for_each_token(text, |t| {
        let start = buf.len();
        buf.push_str(t);
        spans.push((start, buf.len(), STOP_WORDS.contains(&t)));
    });
}

/// The tokens of `text`, in order, including stop words.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each token of `text` worth searching on: not stop words.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    for_each_token(text, |t| {
        if !STOP_WORDS.contains(&t) {
            f(t);
        }
    });
}

pub fn stem(token: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(token)
        .into_owned()
}

/// The searchable terms of `text`: stems of its words.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(stem(w)));
    out
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
            terms("Walking for health in the park"),
            ["walk", "health", "park"]
        );
    }
}
