//! Synonyms: groups of words or phrases that mean the same to someone
//! searching ("lonely", "isolation"; "foodbank", "food parcel"). They are
//! applied when the index is built: an activity that says one member of a
//! group is also indexed under every other member, so the browser looks up
//! a query word as usual and fetches nothing more.
//!
//! A member is indexed as its words joined and stemmed ("food bank" as
//! `foodbank`), the same term the search script looks up for two query
//! words side by side (see `terms`), so "food parcel" finds food banks.

use foldhash::HashMap;

use super::text;
use crate::config::Site;

/// The groups Signpost ships for social prescribing directories. A site
/// adds its own in `search.synonyms`, or replaces these with
/// `default_synonyms: false`.
pub const DEFAULTS: &[&[&str]] = &[
    &["lonely", "loneliness", "isolation", "isolated", "lonesome"],
    &["foodbank", "food bank", "food parcel", "emergency food"],
    &["debt", "money advice", "debt advice", "money worries"],
    &["dementia", "memory", "memory loss", "Alzheimer's"],
    &[
        "carer",
        "unpaid carer",
        "caring for someone",
        "looking after someone",
    ],
    &["anxiety", "anxious"],
    &["depression", "low mood", "feeling down"],
    &["exercise", "physical activity", "keep fit"],
    &["bereavement", "grief", "loss of a loved one"],
    &["autism", "autistic", "ASD"],
    &["learning disability", "learning difficulties"],
    &["helpline", "phone line", "listening line", "advice line"],
];

/// A member of a group: its words, each with its stem, and its group.
type Member = (Vec<(String, String)>, usize);

/// The groups in force for a site, each member as its folded words.
pub struct Synonyms {
    /// Each member, by its first word's stem: (its words with their stems,
    /// its group).
    by_first: HashMap<String, Vec<Member>>,
    /// Each group's terms: its members' joined stems.
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    pub fn of(site: &Site) -> Synonyms {
        let shipped = DEFAULTS
            .iter()
            .filter(|_| site.search.default_synonyms)
            .map(|g| g.iter().map(|m| m.to_string()).collect::<Vec<_>>());
        Synonyms::new(shipped.chain(site.search.synonyms.iter().cloned()))
    }

    pub fn new(groups: impl Iterator<Item = Vec<String>>) -> Synonyms {
        let mut synonyms = Synonyms {
            by_first: HashMap::default(),
            groups: Vec::new(),
        };
        for members in groups {
            let g = synonyms.groups.len();
            let mut terms = Vec::new();
            for member in members {
                let words: Vec<(String, String)> = text::tokens(&member)
                    .into_iter()
                    .map(|w| {
                        let stem = text::stem(&w);
                        (w, stem)
                    })
                    .collect();
                let Some((_, first)) = words.first() else {
                    continue;
                };
                let joined: String = words.iter().map(|(w, _)| w.as_str()).collect();
                terms.push(text::stem(&joined));
                synonyms
                    .by_first
                    .entry(first.clone())
                    .or_default()
                    .push((words, g));
            }
            terms.sort();
            terms.dedup();
            synonyms.groups.push(terms);
        }
        synonyms
    }

    /// Calls `f` with each term that `tokens` (the tokens of one field, in
    /// order, stop words included, each with its stem) gain from the
    /// groups they mention.
    pub fn for_each_term(&self, tokens: &[(&str, &str)], mut f: impl FnMut(&str)) {
        if self.groups.is_empty() {
            return;
        }
        let mut found: Vec<usize> = Vec::new();
        for (i, (_, stem)) in tokens.iter().enumerate() {
            let Some(members) = self.by_first.get(*stem) else {
                continue;
            };
            for (words, g) in members {
                let rest = &tokens[i..];
                if rest.len() >= words.len()
                    && words.iter().zip(rest).all(|(w, t)| forms(t, w))
                    && !found.contains(g)
                {
                    found.push(*g);
                }
            }
        }
        for g in found {
            for term in &self.groups[g] {
                f(term);
            }
        }
    }
}

/// Whether a token is a form of a member's word: the same stem, as search
/// matches words ("parcels": "parcel", "isolating": "isolation"). Both are
/// (word, stem).
fn forms(token: &(&str, &str), word: &(String, String)) -> bool {
    token.1 == word.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &Synonyms, text: &str) -> Vec<String> {
        let tokens: Vec<(String, String)> = text::tokens(text)
            .into_iter()
            .map(|t| {
                let stem = text::stem(&t);
                (t, stem)
            })
            .collect();
        let tokens: Vec<(&str, &str)> = tokens
            .iter()
            .map(|(t, s)| (t.as_str(), s.as_str()))
            .collect();
        let mut out = Vec::new();
        s.for_each_term(&tokens, |t| out.push(t.to_string()));
        out.sort();
        out
    }

    #[test]
    fn a_member_brings_its_whole_group() {
        let s = Synonyms::new(
            DEFAULTS
                .iter()
                .map(|g| g.iter().map(|m| m.to_string()).collect()),
        );
        assert_eq!(
            terms(&s, "Emergency food parcels, collected on Fridays"),
            ["emergencyfood", "foodbank", "foodparcel"]
        );
        assert_eq!(
            terms(&s, "For people with Alzheimer’s"),
            ["alzheim", "dementia", "memori", "memoryloss"]
        );
        assert!(terms(&s, "self care at home").is_empty());
        assert_eq!(
            terms(&s, "Caring for someone at home?"),
            [
                "carer",
                "caringforsomeon",
                "lookingaftersomeon",
                "unpaidcar"
            ]
        );
        // Any form of a word: "isolating" is a form of "isolation".
        assert_eq!(
            terms(&s, "Isolating after illness"),
            ["isol", "lone", "loneli", "lonesom"]
        );
        // A phrase needs its words side by side.
        assert!(terms(&s, "food for the bank holiday").is_empty());
    }
}
