//! "Did you mean …?" for misspelt field names, ids and vocabulary terms.

/// The candidate closest to `word`, if one is close enough to be a likely
/// misspelling (or `word` is a clear prefix of it, like `mon` for `monday`).
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word = word.to_lowercase();
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let prefix = word.len() >= 3 && c.starts_with(word.as_str());
            // The distance is at least the difference in length: most
            // candidates are ruled out without working it out.
            if !prefix && c.chars().count().abs_diff(length) > limit {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&word, &c.to_lowercase());
            (distance <= limit || prefix).then_some((distance, c))
        })
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_near_misses_only() {
        let fields = ["title", "summary", "schedule", "status"];
        assert_eq!(closest("titel", fields), Some("title"));
        assert_eq!(closest("Summery", fields), Some("summary"));
        assert_eq!(closest("sched", fields), Some("schedule"));
        assert_eq!(closest("colour", fields), None);
        assert_eq!(
            closest("daventry-pnc", ["daventry-pcn", "corby-pcn"]),
            Some("daventry-pcn")
        );
    }
}
