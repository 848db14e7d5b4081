//! Small values that appear across entries: postcodes, phone numbers,
//! coordinates, people and dates.

use chrono::{Days, NaiveDate};

use super::names::{FIRST_NAMES, LAST_NAMES, TOWNS};
use super::rng::Rng;
use super::today;

/// A postcode in one of the town's districts: NN1 … NN18, then a digit and
/// two letters from those Royal Mail uses in inward codes (no C I K M O V).
pub(super) fn postcode(rng: &mut Rng, town: usize) -> String {
    const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let district = rng.pick(TOWNS[town].districts);
    format!(
        "NN{district} {}{}{}",
        rng.below(10),
        rng.pick(INWARD) as char,
        rng.pick(INWARD) as char
    )
}

/// A drama number: 01632 960000 to 01632 960999.
pub(super) fn phone(rng: &mut Rng) -> String {
    format!("01632 960{:03}", rng.below(1000))
}

/// A point within about 2 km of the town centre.
pub(super) fn coordinates(rng: &mut Rng, town: usize) -> (String, String) {
    let t = &TOWNS[town];
    let lat = t.lat + (rng.below(401) as f64 - 200.0) / 10_000.0;
    let lon = t.lon + (rng.below(401) as f64 - 200.0) / 10_000.0;
    (format!("{lat:.4}"), format!("{lon:.4}"))
}

pub(super) fn person(rng: &mut Rng) -> (&'static str, &'static str) {
    (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

/// `first.last`, in lower-case ASCII letters.
pub(super) fn email_local(first: &str, last: &str) -> String {
    let clean = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    format!("{}.{}", clean(first), clean(last))
}

/// Mostly within the 180-day review interval; about 5% overdue.
pub(super) fn reviewed_date(rng: &mut Rng) -> NaiveDate {
    let days = if rng.chance(5) {
        rng.range(185, 540)
    } else {
        rng.range(0, 170)
    };
    today() - Days::new(days as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost::formats;

    #[test]
    fn postcodes_are_well_formed() {
        let mut rng = Rng::new(99, 0);
        for town in 0..TOWNS.len() {
            for _ in 0..50 {
                let p = postcode(&mut rng, town);
                assert_eq!(formats::postcode(&p).as_deref(), Ok(p.as_str()));
            }
        }
    }
}
