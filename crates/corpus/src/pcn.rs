//! A PCN's file: its code, summary, address and link workers.

use super::markup::field;
use super::names::{STREETS, TOWNS};
use super::plan::Plan;
use super::rng::{Rng, S_PCN_BODY};
use super::values::{email_local, person, phone, postcode};

impl Plan {
    /// `pcns/<id>.yaml`.
    pub(super) fn pcn(&self, i: usize) -> (String, String) {
        let pcn = &self.pcns[i];
        let mut rng = Rng::new(S_PCN_BODY, i);
        let town = &TOWNS[pcn.town];
        let mut out = String::new();
        field(&mut out, "name", &pcn.name);
        field(&mut out, "code", &pcn.code);
        let summary = format!(
            "Covers {} and the villages around it, through {} GP practices working together{}.",
            town.name,
            number_word(pcn.practices.len()),
            if rng.chance(50) {
                " on social prescribing, care coordination and health coaching"
            } else {
                ""
            }
        );
        field(&mut out, "summary", &summary);
        if rng.chance(80) {
            let base = &self.practices[pcn.practices[0]];
            field(
                &mut out,
                "address",
                &format!("{}, {}, {}", base.name, rng.pick(STREETS), town.name),
            );
            field(&mut out, "postcode", &postcode(&mut rng, pcn.town));
        }
        if rng.chance(70) {
            field(
                &mut out,
                "website",
                &format!("https://example.org/pcns/{}", pcn.id),
            );
        }
        let workers = rng.range(1, 3);
        out.push_str("link_workers:\n");
        for w in 0..workers {
            let (first, last) = person(&mut rng);
            out.push_str(&format!("  - name: {first} {last}\n"));
            let role = if w == 0 {
                "Social prescribing link worker"
            } else {
                rng.pick(LINK_WORKER_ROLES)
            };
            out.push_str(&format!("    role: {role}\n"));
            let email = rng.chance(85);
            if email {
                out.push_str(&format!(
                    "    email: {}@example.org\n",
                    email_local(first, last)
                ));
            }
            if !email || rng.chance(50) {
                out.push_str(&format!("    phone: \"{}\"\n", phone(&mut rng)));
            }
        }
        (format!("pcns/{}.yaml", pcn.id), out)
    }
}

fn number_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

const LINK_WORKER_ROLES: &[&str] = &[
    "Social prescribing link worker",
    "Care coordinator",
    "Health and wellbeing coach",
    "Senior social prescribing link worker",
    "Children and young people's link worker",
];
