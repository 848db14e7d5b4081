//! A job's file: employer, salary, contract, dates and how to apply, with a
//! description; most are Markdown with front matter, and about a quarter
//! have closed.

use chrono::Days;

use super::markup::{block, bullets, field, field_in, finish, list_field, paragraph};
use super::names::TOWNS;
use super::plan::{Employer, Plan};
use super::rng::{Rng, S_JOB_BODY};
use super::today;
use super::values::{email_local, person, phone, postcode};

impl Plan {
    /// `jobs/<id>.md` or `.yaml`.
    pub(super) fn job(&self, i: usize) -> (String, String) {
        let job = &self.jobs[i];
        let mut rng = Rng::new(S_JOB_BODY, i);
        let markdown = rng.chance(70);
        let pcn = &self.pcns[job.pcn];
        let town = TOWNS[pcn.town].name;
        let (employer_id, employer_name) = match job.employer {
            Employer::Pcn(p) => (&self.pcns[p].id, &self.pcns[p].name),
            Employer::Org(o) => (&self.orgs[o].id, &self.orgs[o].name),
        };
        let mut out = String::new();
        if markdown {
            out.push_str("---\n");
        }
        field(&mut out, "title", job.title);
        field(&mut out, "employer", employer_id);
        let mut pcns = vec![pcn.id.as_str()];
        if rng.chance(30) {
            let other = &self.pcns[rng.below(self.pcns.len())].id;
            if !pcns.contains(&other.as_str()) {
                pcns.push(other);
            }
        }
        list_field(&mut out, "pcns", &pcns, false);
        let base = &self.practices[pcn.practices[rng.below(pcn.practices.len())]];
        field(
            &mut out,
            "location",
            &format!(
                "{}, {town}, with travel to practices across the PCN",
                base.name
            ),
        );
        if rng.chance(80) {
            field(&mut out, "postcode", &postcode(&mut rng, pcn.town));
        }
        out.push_str("salary:\n");
        let band = rng.range(3, 5);
        let (min, max) = match band {
            3 => (24_071, 25_674),
            4 => (26_530, 29_114),
            _ => (29_970, 36_483),
        };
        match rng.below(10) {
            0 => field_in(
                &mut out,
                2,
                "text",
                &format!("Agenda for Change Band {band}, pro rata for part-time hours"),
            ),
            1 => out.push_str("  min: 13.25\n  max: 14.10\n  period: hour\n"),
            _ => {
                out.push_str(&format!("  min: {min}\n  max: {max}\n  period: year\n"));
                if rng.chance(30) {
                    field_in(
                        &mut out,
                        2,
                        "text",
                        &format!(
                            "£{},{:03} to £{},{:03} a year pro rata, plus NHS pension",
                            min / 1000,
                            min % 1000,
                            max / 1000,
                            max % 1000
                        ),
                    );
                }
            }
        }
        if rng.chance(70) {
            out.push_str(&format!("band: Agenda for Change Band {band}\n"));
        }
        let hours = rng.pick(&["37.5", "37.5", "30", "22.5", "18.75"]);
        out.push_str(&format!("hours_per_week: {hours}\n"));
        if job.fixed_term {
            out.push_str("contract: fixed-term\n");
            out.push_str(&format!(
                "contract_months: {}\n",
                rng.pick(&[6, 12, 12, 18, 24])
            ));
        } else {
            out.push_str("contract: permanent\n");
        }
        if rng.chance(70) {
            field(&mut out, "working_pattern", rng.pick(WORKING_PATTERNS));
        }
        let t = today();
        let (posted, closes) = if job.closed {
            let posted = t - Days::new(rng.range(45, 100) as u64);
            (posted, posted + Days::new(rng.range(14, 40) as u64))
        } else {
            let posted = t - Days::new(rng.range(1, 40) as u64);
            (posted, t + Days::new(rng.range(7, 60) as u64))
        };
        out.push_str(&format!("posted: {posted}\ncloses: {closes}\n"));
        if rng.chance(50) {
            let interview = closes + Days::new(rng.range(3, 14) as u64);
            out.push_str(&format!("interview: {interview}\n"));
        }
        out.push_str("how_to_apply:\n");
        let url = rng.chance(80);
        if url {
            out.push_str(&format!("  url: https://example.org/jobs/{}\n", job.id));
        }
        if !url || rng.chance(40) {
            out.push_str(&format!("  email: jobs@{employer_id}.example.org\n"));
        }
        if rng.chance(70) {
            field_in(&mut out, 2, "details", rng.pick(APPLY_DETAILS));
        }
        if rng.chance(70) {
            out.push_str(&format!(
                "reference: {}-SPLW-2026-{:02}\n",
                pcn.code,
                i % 100
            ));
        }
        if rng.chance(50) {
            let (first, last) = person(&mut rng);
            out.push_str("enquiries:\n");
            field_in(&mut out, 2, "name", &format!("{first} {last}"));
            out.push_str(&format!(
                "  email: {}@example.org\n",
                email_local(first, last)
            ));
            if rng.chance(50) {
                out.push_str(&format!("  phone: \"{}\"\n", phone(&mut rng)));
            }
        }
        let description = job_description(&mut rng, employer_name, town);
        if markdown {
            out.push_str("---\n");
            out.push_str(&description);
            (format!("jobs/{}.md", job.id), out)
        } else {
            block(&mut out, "description", &description);
            (format!("jobs/{}.yaml", job.id), out)
        }
    }
}

fn job_description(rng: &mut Rng, employer: &str, town: &str) -> String {
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!(
            "{employer} is looking for a warm, practical and organised person to join our personalised care team in {town}. {}",
            rng.pick(JOB_INTROS)
        ),
    );
    out.push_str("## About the role\n\n");
    paragraph(&mut out, rng.pick(JOB_ROLE_PARAS));
    out.push_str("You will:\n\n");
    let count = rng.range(3, 5);
    let duties = rng.sample(JOB_DUTIES, count);
    bullets(&mut out, rng, &duties);
    out.push_str("## About you\n\n");
    let count = rng.range(3, 5);
    let skills = rng.sample(JOB_SKILLS, count);
    bullets(&mut out, rng, &skills);
    out.push_str("## What we offer\n\n");
    let offers = rng.sample(JOB_OFFERS, 3);
    bullets(&mut out, rng, &offers);
    paragraph(
        &mut out,
        "Read about [social prescribing link workers](https://example.org/about-link-workers) and the difference they make. We particularly welcome applications from people with lived experience of the issues our link workers support people with.",
    );
    finish(out)
}

const JOB_INTROS: &[&str] = &[
    "We are growing our team and are looking for someone who genuinely enjoys meeting people.",
    "This is a new post, funded through the Additional Roles Reimbursement Scheme.",
    "Our current link worker is moving on after five years, and we are looking for someone to build on their work.",
];

const JOB_ROLE_PARAS: &[&str] = &[
    "You will give people time to talk about what matters to them, and help them connect with community groups, activities and services that support their health and wellbeing. Most people are referred by GPs and other practice staff; many are lonely, struggling with money worries or living with long-term conditions.",
    "You will work with people referred by the practices and by local services, meeting them face to face at the practices, in their homes and in the community, and agreeing small, achievable goals together.",
];

const JOB_DUTIES: &[&str] = &[
    "hold a caseload of people referred by the practices and by local services",
    "meet people face to face, at home and by phone",
    "co-produce simple personalised care and support plans",
    "build strong links with voluntary and community groups across the area",
    "keep accurate records on SystmOne or EMIS and help us measure our impact",
    "go along with people to a group for the first time if that helps",
    "feed gaps in local provision back to the PCN and to funders",
];

const JOB_SKILLS: &[&str] = &[
    "experience of supporting people, paid or voluntary, in health, social care, housing or the community sector",
    "a calm, non-judgemental approach and good boundaries",
    "the ability to listen well and build trust with people from all walks of life",
    "confidence using IT systems and managing a busy diary",
    "a full driving licence, or the ability to travel across the area",
    "knowledge of, or a keenness to learn about, local community services",
];

const JOB_OFFERS: &[&str] = &[
    "NHS Pension Scheme and 27 days' annual leave plus bank holidays",
    "monthly clinical supervision and peer support with link workers across the county",
    "flexible working and a day's volunteering leave each year",
    "a training budget and the Personalised Care Institute's link worker training",
    "a real say in how the service develops",
];

const WORKING_PATTERNS: &[&str] = &[
    "Monday to Friday, 9am to 5pm",
    "Monday to Friday, with one late clinic a fortnight",
    "Four days a week, days to be agreed",
    "Flexible, including some evenings and weekends",
];

const APPLY_DETAILS: &[&str] = &[
    "Apply online with your CV and a supporting statement of no more than two pages.",
    "Download the application pack from our website, or email us for a copy in large print or another format.",
    "We do not accept CVs on their own. Please complete the application form.",
    "Secondments from other NHS or council roles are welcome with your line manager's agreement.",
];
