//! Likely duplicates: two activity entries for what looks like one service
//! (the same title and organisation, or the same phone number at the same
//! venue and times), which would show twice in every list and search. A warning,
//! since two groups can share a hall and a phone; it names both files and
//! what matched.

use foldhash::HashMap;

use super::Directory;
use crate::schedule::{Availability, Session};

/// A later entry that looks like an earlier one: (its id, the earlier
/// one's id, what they share).
pub struct Duplicate {
    pub id: String,
    pub like: String,
    pub matched: &'static str,
}

/// Every likely duplicate, each pair once, the later file named as the
/// copy (files in path order).
pub fn find(dir: &Directory) -> Vec<Duplicate> {
    use rayon::prelude::*;
    let mut ids: Vec<&String> = dir.activities.keys().collect();
    // Cached: each lookup of a file builds its key.
    ids.sort_by_cached_key(|id| dir.file_of(crate::kind::Kind::Activity, id));
    // What each activity is matched on, worked out on every core; only
    // the matching itself, in file order, is one at a time.
    let keys: Vec<_> = ids
        .par_iter()
        .map(|id| keys(&dir.activities[*id]))
        .collect();
    let mut by_title: HashMap<(String, &str), &str> = HashMap::default();
    let mut by_phone: HashMap<_, &str> = HashMap::default();
    by_title.reserve(ids.len());
    by_phone.reserve(ids.len());
    let mut found = Vec::new();
    for (id, (title, phone)) in ids.into_iter().zip(keys) {
        if let Some(like) = by_title.get(&title) {
            found.push(Duplicate {
                id: id.clone(),
                like: like.to_string(),
                matched: "the same title and organisation",
            });
            continue;
        }
        by_title.insert(title, id);
        let Some(phone) = phone else {
            continue;
        };
        match by_phone.get(&phone) {
            Some(like) => found.push(Duplicate {
                id: id.clone(),
                like: like.to_string(),
                matched: "the same phone number, venue and times",
            }),
            None => {
                by_phone.insert(phone, id);
            }
        }
    }
    found
}

/// Whether two versions of an activity are compared alike: if so, a
/// change between them cannot make or unmake a likely copy.
pub fn same_keys(a: &super::activity::Activity, b: &super::activity::Activity) -> bool {
    keys(a) == keys(b)
}

/// An activity's title (as words) and organisation; and when it has a
/// phone and a venue, the phone's digits with its place and times.
type Keys<'a> = (
    (String, &'a str),
    Option<(String, String, &'a [Session], &'a Availability)>,
);

fn keys(a: &super::activity::Activity) -> Keys<'_> {
    let title = (words(&a.title, " "), a.organisation.as_str());
    let (Some(phone), Some(venue)) = (&a.contact.phone, &a.venue) else {
        return (title, None);
    };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let place = words(
        &format!("{} {}", venue.name, venue.postcode.as_deref().unwrap_or("")),
        "",
    );
    // The same times too: two groups can share a hall and a number.
    (title, Some((digits, place, &a.schedule, &a.availability)))
}

/// Lowercase words joined by `between`, so that case, spacing and
/// punctuation do not matter. One string rather than a list of words:
/// hashing 10,000 lists was most of the search.
fn words(text: &str, between: &str) -> String {
    let lower = text.to_lowercase();
    let mut joined = String::with_capacity(lower.len());
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !joined.is_empty() {
            joined.push_str(between);
        }
        joined.push_str(word);
    }
    joined
}
