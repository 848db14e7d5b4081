//! An organisation's file: charity and company numbers, contact details and
//! a description, half of them as Markdown with front matter.

use super::kinds::KINDS;
use super::markup::{block, bullets, field, finish, paragraph};
use super::names::TOWNS;
use super::plan::{OrgPlan, Plan};
use super::rng::{Rng, S_ORG_BODY};
use super::values::{phone, reviewed_date};

impl Plan {
    /// `organisations/<id>.md` or `.yaml`.
    pub(super) fn organisation(&self, i: usize) -> (String, String) {
        let org = &self.orgs[i];
        let mut rng = Rng::new(S_ORG_BODY, i);
        let markdown = rng.chance(50);
        let mut out = String::new();
        if markdown {
            out.push_str("---\n");
        }
        field(&mut out, "name", &org.name);
        if rng.chance(60) {
            let number = if rng.chance(5) {
                format!("SC0{:05}", rng.below(100_000))
            } else {
                format!("1{:06}", 10_000 + rng.below(190_000))
            };
            out.push_str(&format!("charity_number: \"{number}\"\n"));
        }
        if rng.chance(20) {
            out.push_str(&format!(
                "company_number: \"{:08}\"\n",
                rng.range(1_000_000, 15_999_999)
            ));
        }
        if rng.chance(85) {
            out.push_str(&format!("website: https://{}.example.org\n", org.id));
        }
        if rng.chance(70) {
            let local = rng.pick(&["hello", "info", "contact", "admin", "enquiries"]);
            out.push_str(&format!("email: {local}@{}.example.org\n", org.id));
        }
        if rng.chance(60) {
            out.push_str(&format!("phone: \"{}\"\n", phone(&mut rng)));
        }
        let description = org_description(&mut rng, org, self);
        let reviewed = rng.chance(70).then(|| reviewed_date(&mut rng));
        if markdown {
            if let Some(d) = reviewed {
                out.push_str(&format!("last_reviewed: {d}\n"));
            }
            out.push_str("---\n");
            out.push_str(&description);
            (format!("organisations/{}.md", org.id), out)
        } else {
            block(&mut out, "description", &description);
            if let Some(d) = reviewed {
                out.push_str(&format!("last_reviewed: {d}\n"));
            }
            (format!("organisations/{}.yaml", org.id), out)
        }
    }
}

fn org_description(rng: &mut Rng, org: &OrgPlan, plan: &Plan) -> String {
    let k = &KINDS[org.focus];
    let town = TOWNS[org.town].name;
    let year = rng.range(1978, 2024);
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!(
            "{} is a {} based in {town}, set up in {year} by local people. {}",
            org.name,
            rng.pick(ORG_TYPES),
            ORG_PURPOSES[org.focus % ORG_PURPOSES.len()]
        ),
    );
    let count = rng.range(2, 4);
    let others: Vec<&str> = rng
        .sample(KINDS, count)
        .into_iter()
        .map(|kind| kind.title)
        .collect();
    paragraph(
        &mut out,
        &format!(
            "Alongside our {} sessions we run or host {}, and we work closely with the social prescribing link workers in {} and the surrounding villages.",
            k.title.to_lowercase(),
            others.join(", ").to_lowercase(),
            town
        ),
    );
    out.push_str("What we offer:\n\n");
    let count = rng.range(3, 5);
    let offers = rng.sample(ORG_OFFERS, count);
    bullets(&mut out, rng, &offers);
    paragraph(&mut out, rng.pick(ORG_VOLUNTEERS));
    paragraph(
        &mut out,
        &format!(
            "Read our latest [annual report](https://{}.example.org/annual-report) to find out what we achieved last year{}.",
            org.id,
            if plan.pcns.len() > 3 && rng.chance(30) {
                " with the support of local GP practices"
            } else {
                ""
            }
        ),
    );
    finish(out)
}

const ORG_TYPES: &[&str] = &[
    "registered charity",
    "community interest company",
    "volunteer-run community group",
    "small local charity",
    "social enterprise",
];

const ORG_PURPOSES: &[&str] = &[
    "We help people to get out and about, stay active and meet others.",
    "We believe nobody should face loneliness or hard times on their own.",
    "Our aim is to make sure everyone in the area has somewhere friendly to go and something to look forward to.",
    "We bring people together to learn, share skills and support each other.",
    "We work to improve the health and wellbeing of people in our community, especially those who find it hardest to get support.",
];

const ORG_OFFERS: &[&str] = &[
    "regular groups and drop-ins run by trained volunteers",
    "one-to-one support for people who find it hard to join a group",
    "information and advice about other local services",
    "free transport for people who cannot get to us on their own",
    "volunteering opportunities, with training and expenses paid",
    "a warm space with free hot drinks through the winter",
    "talks and taster sessions for community groups and GP practices",
];

const ORG_VOLUNTEERS: &[&str] = &[
    "We are always looking for new volunteers. Whether you can give an hour a month or a day a week, we would love to hear from you.",
    "Everything we do is free to the people who use it, thanks to our volunteers and the generosity of local funders.",
    "We are proud to work alongside the social prescribing link workers in the local Primary Care Networks, who refer many of the people we support.",
];
