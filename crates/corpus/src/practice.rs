//! A GP practice's file: its ODS code, PCN, address and phone number.

use super::markup::field;
use super::names::{STREETS, TOWNS};
use super::plan::Plan;
use super::rng::{Rng, S_PRACTICE_BODY};
use super::values::{coordinates, phone, postcode};

/// First letters of ODS codes, one per 100,000 practices.
const ODS_LETTERS: &[u8] = b"KJLMNPY";

impl Plan {
    /// `practices/<id>.yaml`.
    pub(super) fn practice(&self, i: usize) -> (String, String) {
        let practice = &self.practices[i];
        let mut rng = Rng::new(S_PRACTICE_BODY, i);
        let town = &TOWNS[practice.town];
        let mut out = String::new();
        field(&mut out, "name", &practice.name);
        // A letter and five digits; the multiplier is coprime with 100,000.
        let letter = ODS_LETTERS[(i / 100_000) % ODS_LETTERS.len()] as char;
        field(
            &mut out,
            "ods_code",
            &format!("{letter}{:05}", (i * 7919 + 83_002) % 100_000),
        );
        field(&mut out, "pcn", &self.pcns[practice.pcn].id);
        let address = if rng.chance(50) {
            format!("{} {}, {}", rng.range(1, 180), rng.pick(STREETS), town.name)
        } else {
            format!("{}, {}, {}", practice.name, rng.pick(STREETS), town.name)
        };
        field(&mut out, "address", &address);
        field(&mut out, "postcode", &postcode(&mut rng, practice.town));
        out.push_str(&format!("phone: \"{}\"\n", phone(&mut rng)));
        if rng.chance(60) {
            field(
                &mut out,
                "website",
                &format!("https://{}.example.org", practice.id),
            );
        }
        if rng.chance(60) {
            let (lat, lon) = coordinates(&mut rng, practice.town);
            out.push_str(&format!("latitude: {lat}\nlongitude: {lon}\n"));
        }
        (format!("practices/{}.yaml", practice.id), out)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use signpost::formats;

    #[test]
    fn ods_codes_are_unique_and_well_formed() {
        let plan = Plan::new(60_000);
        let mut ods = HashSet::new();
        for i in 0..plan.practices.len() {
            let (_, text) = plan.practice(i);
            let code = text
                .lines()
                .find_map(|l| l.strip_prefix("ods_code: "))
                .unwrap();
            assert!(formats::ods_code(code).is_ok(), "{code}");
            assert!(ods.insert(code.to_string()), "{code} repeats");
        }
    }
}
