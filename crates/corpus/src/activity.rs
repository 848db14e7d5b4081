//! An activity's file: what it is, who it is for, when and where it
//! happens, how to join, and a description; a third of them are Markdown
//! with front matter, and some live in their organisation's subfolder.

use super::kinds::{KINDS, Mode};
use super::markup::{
    block, bullets, field, field_in, finish, list_field, list_field_in, paragraph,
};
use super::names::{STREETS, TOWNS};
use super::plan::{ActivityPlan, OrgPlan, Plan, nearby};
use super::rng::{Rng, S_ACTIVITY_BODY};
use super::schedule::schedule;
use super::site::{CATEGORIES, FEATURES};
use super::values::{coordinates, email_local, person, phone, postcode, reviewed_date};

impl Plan {
    /// `activities/[<org id>/]<id>.md`, `.yaml` or `.yml`.
    pub(super) fn activity(&self, i: usize) -> (String, String) {
        let a = &self.activities[i];
        let k = &KINDS[a.kind];
        let org = &self.orgs[a.org];
        let town = &TOWNS[a.town];
        let mut rng = Rng::new(S_ACTIVITY_BODY, i);
        let markdown = a.ext == "md";
        let online_only = a.place.is_empty();

        let mut out = String::new();
        if markdown {
            out.push_str("---\n");
        }
        field(&mut out, "title", &a.title);
        field(&mut out, "organisation", &org.id);
        match rng.below(100) {
            0..=3 => out.push_str("status: paused\n"),
            4..=5 => out.push_str("status: ended\n"),
            6..=15 => out.push_str("status: running\n"),
            _ => {}
        }
        let summary = if online_only {
            k.summary
                .replace(" in {town}", " online")
                .replace(" at {town}", " online")
                .replace("{town}", "online")
        } else {
            k.summary.replace("{town}", town.name)
        };
        debug_assert!(summary.chars().count() <= 200, "{summary}");
        field(&mut out, "summary", &summary);
        let description = activity_description(&mut rng, a, org);
        if !markdown {
            block(&mut out, "description", &description);
        }

        // Categories: the kind's own, sometimes one more.
        let mut categories: Vec<&str> = k.categories.to_vec();
        if rng.chance(20) {
            let extra = rng.pick(CATEGORIES).0;
            if !categories.contains(&extra) {
                categories.push(extra);
            }
        }
        list_field(&mut out, "categories", &categories, rng.chance(10));

        let all = rng.chance(if online_only { 60 } else { 12 });
        if all {
            out.push_str("pcns: all\n");
        } else {
            let mut served = vec![self.pcns[a.pcn].id.as_str()];
            for _ in 0..rng.below(3) {
                let town = nearby(&mut rng, a.town);
                let other = self.local_pcn(&mut rng, town);
                let id = self.pcns[other].id.as_str();
                if !served.contains(&id) {
                    served.push(id);
                }
            }
            list_field(&mut out, "pcns", &served, false);
        }

        if rng.chance(55) || k.ages != (None, None) {
            out.push_str("who_for:\n");
            let (mut min, mut max) = k.ages;
            if min.is_none() && rng.chance(30) {
                min = Some(rng.pick(&[16, 18, 18, 18, 50, 55, 60, 65]));
            }
            if max.is_none() && min.is_some_and(|m| m < 30) && rng.chance(10) {
                max = Some(rng.pick(&[25, 30, 64]));
            }
            if let Some(min) = min {
                out.push_str(&format!("  age_min: {min}\n"));
            }
            if let Some(max) = max {
                out.push_str(&format!("  age_max: {max}\n"));
            }
            if min.is_none() || rng.chance(70) {
                let eligibility = if rng.chance(60) {
                    k.eligibility
                } else {
                    rng.pick(ELIGIBILITY)
                };
                field_in(&mut out, 2, "eligibility", eligibility);
            }
        }

        schedule(&mut out, &mut rng);

        let hybrid = !online_only && k.mode == Mode::Either && rng.chance(6);
        if !online_only {
            out.push_str("venue:\n");
            field_in(&mut out, 2, "name", &a.place);
            let address = if rng.chance(50) {
                format!("{} {}, {}", rng.range(1, 140), rng.pick(STREETS), town.name)
            } else {
                format!("{}, {}", rng.pick(STREETS), town.name)
            };
            field_in(&mut out, 2, "address", &address);
            field_in(&mut out, 2, "postcode", &postcode(&mut rng, a.town));
            if rng.chance(35) {
                let (lat, lon) = coordinates(&mut rng, a.town);
                out.push_str(&format!("  latitude: {lat}\n  longitude: {lon}\n"));
            }
        }
        if online_only || hybrid {
            out.push_str("online:\n");
            if k.title != "Telephone Befriending" || rng.chance(20) {
                field_in(&mut out, 2, "url", &web_page(org, a));
            }
            field_in(&mut out, 2, "details", rng.pick(ONLINE_DETAILS));
        }

        let cost = match rng.below(100) {
            0..=54 => "free",
            55..=64 => "Free, donations welcome",
            _ => rng.pick(COSTS),
        };
        field(&mut out, "cost", cost);

        out.push_str("how_to_join:\n");
        let self_referral = rng.chance(85);
        let link_worker = rng.chance(90);
        let booking = rng.chance(35);
        out.push_str(&format!(
            "  self_referral: {self_referral}\n  link_worker_referral: {link_worker}\n  booking_required: {booking}\n"
        ));
        if rng.chance(60) || (!self_referral && !link_worker) {
            let details = if booking {
                rng.pick(JOIN_BOOKING)
            } else {
                rng.pick(JOIN_DROP_IN)
            };
            field_in(&mut out, 2, "details", details);
        }

        out.push_str("contact:\n");
        let (first, last) = person(&mut rng);
        if rng.chance(85) {
            field_in(&mut out, 2, "name", &format!("{first} {last}"));
        }
        let mut ways = 0;
        if rng.chance(70) {
            out.push_str(&format!("  phone: \"{}\"\n", phone(&mut rng)));
            ways += 1;
        }
        if rng.chance(60) {
            out.push_str(&format!(
                "  email: {}@{}.example.org\n",
                email_local(first, last),
                org.id
            ));
            ways += 1;
        }
        if ways == 0 || rng.chance(30) {
            out.push_str(&format!("  website: {}\n", web_page(org, a)));
        }

        if rng.chance(80) {
            out.push_str("accessibility:\n");
            let count = rng.range(1, 5);
            let features: Vec<&str> = rng
                .sample(FEATURES, count)
                .into_iter()
                .map(|&(id, _)| id)
                .collect();
            list_field_in(&mut out, 2, "features", &features);
            if rng.chance(30) {
                field_in(&mut out, 2, "notes", rng.pick(ACCESS_NOTES));
            }
        }
        out.push_str(&format!("last_reviewed: {}\n", reviewed_date(&mut rng)));

        let folder = if org.subfolder {
            format!("activities/{}/", org.id)
        } else {
            "activities/".to_string()
        };
        if markdown {
            out.push_str("---\n");
            out.push_str(&description);
        }
        (format!("{folder}{}.{}", a.id, a.ext), out)
    }
}

/// The activity's page on its organisation's website.
fn web_page(org: &OrgPlan, a: &ActivityPlan) -> String {
    format!("https://{}.example.org/{}", org.id, a.id)
}

/// Markdown: the kind's paragraphs and list, a link, and some general words.
fn activity_description(rng: &mut Rng, a: &ActivityPlan, org: &OrgPlan) -> String {
    let k = &KINDS[a.kind];
    let town = TOWNS[a.town].name;
    let place = if a.place.is_empty() {
        "online"
    } else {
        a.place.as_str()
    };
    let fill = |s: &str| {
        s.replace("{town}", town)
            .replace("{org}", &org.name)
            .replace("{place}", place)
    };
    let mut out = String::new();
    paragraph(&mut out, &fill(k.about[0]));
    paragraph(&mut out, &fill(k.about[1]));
    let generic = rng.range(1, 2);
    for &g in rng.sample(GENERIC, generic) {
        paragraph(&mut out, &fill(g));
    }
    if rng.chance(30) {
        out.push_str(&format!("## {}\n\n", k.heading.trim_end_matches(':')));
    } else {
        out.push_str(&format!("**{}**\n\n", k.heading));
    }
    let count = rng.range(3, k.items.len());
    let picked: Vec<String> = rng
        .sample(k.items, count)
        .into_iter()
        .map(|&item| fill(item))
        .collect();
    bullets(&mut out, rng, &picked);
    let url = web_page(org, a);
    let link = match rng.below(4) {
        0 => format!("Find out more, and see photos from past sessions, on [our website]({url})."),
        1 => format!(
            "Read [what people say about {}]({url}) before you come along.",
            k.title
        ),
        2 => format!(
            "Dates for the coming months are on the [{} website]({url}).",
            org.name
        ),
        _ => format!(
            "There is a [short video about the group]({url}) if you would like to see what it is like."
        ),
    };
    paragraph(&mut out, &link);
    if rng.chance(40) {
        paragraph(&mut out, &fill(rng.pick(CLOSING)));
    }
    finish(out)
}

// The words activities share; `{town}`, `{place}` and `{org}` are filled in
// where they appear.

const GENERIC: &[&str] = &[
    "Everyone is welcome, whatever your age, background or ability. Many people come along on their own the first time, and one of our volunteers will look out for you and introduce you to others.",
    "If you are feeling nervous about coming along, give us a ring before your first visit. We can meet you at the door, and a link worker can come with you the first time if that helps.",
    "Tea, coffee and biscuits are provided. Please let us know about any dietary needs and we will do our best to help.",
    "The group is run by {org}. Our volunteers are DBS checked and have had safeguarding training.",
    "Sessions sometimes change over the school holidays, so it is worth checking our website or giving us a call before you set off.",
    "The nearest bus stop is a short walk away, and there is free parking nearby. If you need help with transport, ask us about our volunteer drivers.",
    "We rely on donations and small grants to keep going. If you are able to, a contribution towards tea and biscuits is welcome, but nobody is ever turned away.",
    "You do not need a referral. You can just turn up, although link workers from the GP practices in {town} often come along with people for their first visit.",
];

const CLOSING: &[&str] = &[
    "We look forward to meeting you!",
    "If you have any questions, please get in touch: we are always happy to chat.",
    "Thank you to the National Lottery Community Fund and {town} Town Council for funding this activity.",
    "Carers and support workers come free of charge.",
];

const ELIGIBILITY: &[&str] = &[
    "Everyone is welcome.",
    "Adults who live in Northamptonshire.",
    "Anyone who would like to meet new people, especially if you live on your own.",
    "Adults with a long-term health condition, and their carers.",
    "People of all faiths and none.",
];

const ONLINE_DETAILS: &[&str] = &[
    "We meet on Zoom. Once you have booked we will email you the link and a short guide to using Zoom.",
    "Sessions are on Microsoft Teams. You can join from a computer, tablet or smartphone, or by phone.",
    "We phone you at a time that suits you. There is nothing to set up.",
    "The link is on our website on the day. Cameras on or off, whatever you prefer.",
];

const COSTS: &[&str] = &[
    "£2 per session",
    "£3 per session, including refreshments",
    "£2.50 a week",
    "£5 per session (first session free)",
    "£20 for a six-week course",
    "50p for tea and biscuits",
    "£1 a week membership",
    "£4 per class, or £30 for ten",
];

const JOIN_BOOKING: &[&str] = &[
    "Book a place by phone or email. Places are limited, so please let us know if you cannot come.",
    "Book online or ask your link worker to book for you.",
    "Phone to book your first session; after that you can just come along.",
    "Places must be booked in advance. There is a waiting list at busy times.",
];

const JOIN_DROP_IN: &[&str] = &[
    "Drop in on the day.",
    "Just turn up; there is no need to book.",
    "Come along to any session. You can also ask your link worker to introduce you.",
    "Drop in, or phone first if you would like someone to meet you at the door.",
];

const ACCESS_NOTES: &[&str] = &[
    "The hall is on the ground floor with a ramp at the side entrance.",
    "There is a small step at the front door; ring the bell and we will open the side door.",
    "Large-print handouts are available on request.",
    "The room can be noisy at busy times. Ask for the quiet room if you need a break.",
    "Disabled parking spaces are directly outside.",
];
