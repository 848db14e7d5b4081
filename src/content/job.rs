//! Link-worker jobs advertised by PCNs and VCSE organisations
//! (schema.org JobPosting).

use chrono::NaiveDate;
use serde::Serialize;

use super::common::PERSON;
use super::common::{Contact, person, postcode};
use super::front_matter::{DESCRIPTION, description};
use crate::decode::{Cx, Fields, checked, date, list, number, one_of, reference, text};
use crate::diagnostics::Severity;
use crate::fields::{Field, Ids, Need, Shape};
use crate::formats::{self, problem};
use crate::kind::Kind;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub id: String,
    /// Where an import found it; never shown.
    pub source: Option<super::common::Source>,
    pub title: String,
    /// The id of an organisation or a PCN; `employer_kind` says which.
    pub employer: String,
    pub employer_kind: Kind,
    pub pcns: Vec<String>,
    pub location: String,
    pub postcode: Option<String>,
    pub salary: Salary,
    pub band: Option<String>,
    pub hours_per_week: f64,
    pub contract: Contract,
    pub contract_months: Option<u32>,
    pub working_pattern: Option<String>,
    pub posted: NaiveDate,
    pub closes: NaiveDate,
    pub interview: Option<NaiveDate>,
    pub how_to_apply: HowToApply,
    pub reference: Option<String>,
    pub enquiries: Option<Contact>,
    /// schema.org employment types; when none are given, full or part
    /// time is worked out from the hours.
    pub employment_types: Vec<EmploymentType>,
    /// Done from home: no need to live near the PCN.
    pub remote: bool,
    /// Markdown.
    pub description: String,
}

/// schema.org JobPosting employmentType values, written in lowercase with
/// hyphens in entries.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contractor,
    Temporary,
    Intern,
    Volunteer,
    PerDiem,
    Other,
}

pub const EMPLOYMENT_TYPES: &[(&str, EmploymentType)] = &[
    ("full-time", EmploymentType::FullTime),
    ("part-time", EmploymentType::PartTime),
    ("contractor", EmploymentType::Contractor),
    ("temporary", EmploymentType::Temporary),
    ("intern", EmploymentType::Intern),
    ("volunteer", EmploymentType::Volunteer),
    ("per-diem", EmploymentType::PerDiem),
    ("other", EmploymentType::Other),
];

/// Hours a week from which a job counts as full time (NHS full time is 37.5).
pub const FULL_TIME_HOURS: f64 = 35.0;

/// Jobs closing within this many days get a warning, so nobody is
/// surprised when one drops off the site.
pub const CLOSING_SOON_DAYS: i64 = 3;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Salary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub period: Option<Period>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Week,
    Hour,
}

pub(crate) const PERIODS: &[(&str, Period)] = &[
    ("year", Period::Year),
    ("month", Period::Month),
    ("week", Period::Week),
    ("hour", Period::Hour),
];

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Contract {
    Permanent,
    FixedTerm,
}

pub(crate) const CONTRACTS: &[(&str, Contract)] = &[
    ("permanent", Contract::Permanent),
    ("fixed-term", Contract::FixedTerm),
];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HowToApply {
    pub url: Option<String>,
    pub email: Option<String>,
    pub details: Option<String>,
}

impl Job {
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.closes >= today
    }

    /// Whether the job covers a PCN's practices or is employed by it.
    pub fn concerns_pcn(&self, pcn: &str) -> bool {
        self.employer == pcn || self.pcns.iter().any(|p| p == pcn)
    }

    /// The employment types as given, or else full or part time by hours
    /// (and temporary for a fixed-term contract).
    pub fn employment_types(&self) -> Vec<EmploymentType> {
        if !self.employment_types.is_empty() {
            return self.employment_types.clone();
        }
        let mut types = vec![if self.hours_per_week >= FULL_TIME_HOURS {
            EmploymentType::FullTime
        } else {
            EmploymentType::PartTime
        }];
        if self.contract == Contract::FixedTerm {
            types.push(EmploymentType::Temporary);
        }
        types
    }

    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Job> {
        use fields::*;
        let mut f = Fields::of(cx, node, "a job")?;
        let title = f.read(cx, &TITLE, text);
        let employer = f.read(cx, &EMPLOYER, employer);
        let pcns = f.read(cx, &PCNS, list(reference(&[Kind::Pcn])));
        let location = f.read(cx, &LOCATION, text);
        let postcode = f.read(cx, &POSTCODE, postcode);
        let salary = f.read(cx, &SALARY, salary);
        let band = f.read(cx, &BAND, text);
        let hours_per_week = f.read(cx, &HOURS_PER_WEEK, number(1.0..=48.0, false));
        let contract = f.read(cx, &CONTRACT, one_of(CONTRACTS));
        let contract_months = match contract {
            Some(Contract::FixedTerm) => f.require(cx, &CONTRACT_MONTHS, number(1.0..=60.0, true)),
            _ => f.optional(cx, &CONTRACT_MONTHS, number(1.0..=60.0, true)),
        };
        if contract == Some(Contract::Permanent) && f.has("contract_months") {
            cx.report(
                Severity::Error,
                f.pos_of("contract_months"),
                "contract_months".len(),
                problem(
                    "`contract_months` is only for fixed-term contracts",
                    "Remove `contract_months`, or set `contract: fixed-term`.",
                ),
            );
        }
        let working_pattern = f.read(cx, &WORKING_PATTERN, text);
        let posted = f.read(cx, &POSTED, date);
        let closes = f.read(cx, &CLOSES, date);
        let interview = f.read(cx, &INTERVIEW, date);
        let how_to_apply = f.read(cx, &HOW_TO_APPLY, how_to_apply);
        let reference = f.read(cx, &REFERENCE, text);
        let enquiries = f.read(cx, &ENQUIRIES, person);
        let employment_types = f.read(cx, &EMPLOYMENT_TYPE, list(one_of(EMPLOYMENT_TYPES)));
        let remote = f.read(cx, &REMOTE, crate::decode::flag);
        let description = description(cx, &mut f, &DESCRIPTION, body);
        check_dates(cx, &f, posted, closes, interview);
        let source = f.read(cx, &super::common::SOURCE, super::common::source);
        f.finish(cx);
        let (employer, employer_kind) = employer?;
        Some(Job {
            id: id.to_string(),
            source,
            title: title?,
            employer,
            employer_kind,
            pcns: pcns?,
            location: location?,
            postcode,
            salary: salary?,
            band,
            hours_per_week: hours_per_week?,
            contract: contract?,
            contract_months: contract_months.map(|n| n as u32),
            working_pattern,
            posted: posted?,
            closes: closes?,
            interview,
            how_to_apply: how_to_apply?,
            reference,
            enquiries,
            employment_types: employment_types.unwrap_or_default(),
            remote: remote.unwrap_or(false),
            description: description?,
        })
    }
}

fn check_dates(
    cx: &mut Cx,
    f: &Fields,
    posted: Option<NaiveDate>,
    closes: Option<NaiveDate>,
    interview: Option<NaiveDate>,
) {
    let today = cx.known.today;
    if let (Some(posted), Some(closes)) = (posted, closes)
        && closes < posted
    {
        cx.report(
                Severity::Error,
                f.pos_of("closes"),
                "closes".len(),
                problem(
                    format!("the closing date ({closes}) is before the date posted ({posted})"),
                    "Check both dates: `posted` is when the advert went up, `closes` the last day to apply.",
                ),
            );
    }
    if let (Some(closes), Some(interview)) = (closes, interview)
        && interview < closes
    {
        cx.report(
            Severity::Error,
            f.pos_of("interview"),
            "interview".len(),
            problem(
                format!("the interview date ({interview}) is before the closing date ({closes})"),
                "Check both dates: interviews come after applications close.",
            ),
        );
    }
    if let Some(closes) =
        closes.filter(|c| *c >= today && (*c - today).num_days() < CLOSING_SOON_DAYS)
    {
        let left = (closes - today).num_days();
        cx.report(
            Severity::Warning,
            f.pos_of("closes"),
            "closes".len(),
            problem(
                match left {
                    0 => format!("this job closes today ({closes}) and then drops off the site"),
                    1 => format!("this job closes tomorrow ({closes}) and then drops off the site"),
                    n => format!("this job closes in {n} days ({closes}) and then drops off the site"),
                },
                "If the closing date has been extended, change `closes`; otherwise nothing needs doing.",
            ),
        );
    }
    if let Some(closes) = closes.filter(|c| *c < today) {
        cx.report(
            Severity::Warning,
            f.pos_of("closes"),
            "closes".len(),
            problem(
                format!("this job closed on {closes} and is no longer advertised"),
                "Its page stays up saying it has closed. Delete the file when the page is no longer needed, or change `closes` if the job is advertised again.",
            ),
        );
    }
}

/// A job's employer: an organisation or a PCN, which must not be ambiguous.
fn employer(cx: &mut Cx, node: &Node) -> Option<(String, Kind)> {
    let id = reference(&[Kind::Organisation, Kind::Pcn])(cx, node)?;
    let is_org = cx.known.has(Kind::Organisation, &id);
    let is_pcn = cx.known.has(Kind::Pcn, &id);
    if is_org && is_pcn {
        cx.error(
            node,
            problem(
                format!("`{id}` is both an organisation and a PCN"),
                "Rename one of the two files so each id is used once.",
            ),
        );
        return None;
    }
    Some((
        id,
        if is_org {
            Kind::Organisation
        } else {
            Kind::Pcn
        },
    ))
}

fn salary(cx: &mut Cx, node: &Node) -> Option<Salary> {
    let mut f = Fields::of(cx, node, "a salary")?;
    let amount = || number(0.0..=1_000_000.0, false);
    let min = f.read(cx, &fields::MIN, amount());
    let max = f.read(cx, &fields::MAX, amount());
    let period = if f.has("min") || f.has("max") {
        f.require(cx, &fields::PERIOD, one_of(PERIODS))
    } else {
        f.optional(cx, &fields::PERIOD, one_of(PERIODS))
    };
    let salary_text = f.read(cx, &fields::SALARY_TEXT, text);
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        cx.report(
            Severity::Error,
            f.pos_of("min"),
            3,
            problem(
                format!("the minimum salary ({min}) is above the maximum ({max})"),
                "Swap them: `min` is the lowest point of the range, `max` the highest.",
            ),
        );
    }
    let given = f.need_any(
        cx,
        &["min", "max", "text"],
        problem(
            "the salary has no amount",
            "Add `min:` and `max:` with a `period:` (year, month, week or hour), or a `text:` like \"Agenda for Change Band 4\".",
        ),
    );
    f.finish(cx);
    if !given {
        return None;
    }
    Some(Salary {
        min,
        max,
        period,
        text: salary_text,
    })
}

fn how_to_apply(cx: &mut Cx, node: &Node) -> Option<HowToApply> {
    let mut f = Fields::of(cx, node, "`how_to_apply`")?;
    let url = f.read(cx, &fields::APPLY_URL, checked(formats::web_address));
    let email = f.read(cx, &fields::APPLY_EMAIL, checked(formats::email));
    let details = f.read(cx, &fields::APPLY_DETAILS, text);
    let given = f.need_any(
        cx,
        &["url", "email"],
        problem(
            "there is no way to apply",
            "Add `url:` with the application page, or `email:` for applications.",
        ),
    );
    f.finish(cx);
    if !given {
        return None;
    }
    Some(HowToApply {
        url,
        email,
        details,
    })
}

/// The fields of a job, and of its salary and how to apply.
pub mod fields {
    use super::*;

    pub(super) const TITLE: Field =
        Field::new("title", Need::Required, Shape::Text, "the job's title")
            .example("Tuesday Walk and Talk");
    pub(super) const EMPLOYER: Field = Field::new(
        "employer",
        Need::Required,
        Shape::Id(Ids::Employers),
        "id of an organisation or a PCN",
    )
    .example("daventry-pcn");
    pub(super) const PCNS: Field = Field::new(
        "pcns",
        Need::Required,
        Shape::List(&Shape::Id(Ids::Pcns)),
        "list of PCN ids the role covers",
    )
    .example("[daventry-pcn]");
    pub(super) const LOCATION: Field = Field::new(
        "location",
        Need::Required,
        Shape::Text,
        "where the role is based",
    )
    .example("Abbey House Surgery, Daventry");
    pub(super) const POSTCODE: Field = Field::new("postcode", Need::Optional, Shape::Postcode, "");
    pub(super) const SALARY: Field = Field::new(
        "salary",
        Need::Required,
        Shape::Group(SALARY_FIELDS),
        "`{min, max, period}` (period: `year`, `month`, `week`, `hour`) and/or `{text}`",
    );
    pub(super) const BAND: Field = Field::new(
        "band",
        Need::Optional,
        Shape::Text,
        "e.g. `Agenda for Change Band 4`",
    );
    pub(super) const HOURS_PER_WEEK: Field = Field::new(
        "hours_per_week",
        Need::Required,
        Shape::Number(1.0, 48.0),
        "number, e.g. `37.5`",
    )
    .example("37.5");
    pub(super) const CONTRACT: Field = Field::new(
        "contract",
        Need::Required,
        Shape::Choice(contract_names),
        "`permanent` or `fixed-term`",
    )
    .example("permanent");
    pub(super) const CONTRACT_MONTHS: Field = Field::new(
        "contract_months",
        Need::When("with fixed-term"),
        Shape::Whole(1, 60),
        "length of a fixed-term contract",
    );
    pub(super) const WORKING_PATTERN: Field = Field::new(
        "working_pattern",
        Need::Optional,
        Shape::Text,
        "e.g. `Monday to Friday, some evenings`",
    );
    pub(super) const POSTED: Field =
        Field::new("posted", Need::Required, Shape::Date, "date").example("2026-11-01");
    pub(super) const CLOSES: Field =
        Field::new("closes", Need::Required, Shape::Date, "closing date").example("2026-12-12");
    pub(super) const INTERVIEW: Field =
        Field::new("interview", Need::Optional, Shape::Date, "interview date");
    pub(super) const HOW_TO_APPLY: Field = Field::new(
        "how_to_apply",
        Need::Required,
        Shape::Group(HOW_TO_APPLY_FIELDS),
        "`{url, email, details}`; at least one of `url`/`email`",
    );
    pub(super) const REFERENCE: Field = Field::new("reference", Need::Optional, Shape::Text, "");
    pub(super) const ENQUIRIES: Field = Field::new(
        "enquiries",
        Need::Optional,
        Shape::Group(PERSON),
        "informal enquiries contact `{name, email, phone}`",
    );
    pub(super) const EMPLOYMENT_TYPE: Field = Field::new(
        "employment_type",
        Need::Optional,
        Shape::List(&Shape::Choice(employment_type_names)),
        "list of `full-time`, `part-time`, `contractor`, `temporary`, `intern`, `volunteer`, `per-diem`, `other` (schema.org); without it, 35 hours a week or more is full time, less part time, and fixed-term adds temporary",
    );
    pub(super) const REMOTE: Field = Field::new(
        "remote",
        Need::Optional,
        Shape::Flag,
        "`true` if the job can be done from home",
    );

    /// The fields of a job.
    pub const FIELDS: &[Field] = &[
        TITLE,
        EMPLOYER,
        PCNS,
        LOCATION,
        POSTCODE,
        SALARY,
        BAND,
        HOURS_PER_WEEK,
        CONTRACT,
        CONTRACT_MONTHS,
        WORKING_PATTERN,
        POSTED,
        CLOSES,
        INTERVIEW,
        HOW_TO_APPLY,
        REFERENCE,
        ENQUIRIES,
        EMPLOYMENT_TYPE,
        REMOTE,
        DESCRIPTION,
        super::super::common::SOURCE,
    ];

    pub(super) const MIN: Field = Field::new(
        "min",
        Need::Optional,
        Shape::Number(0.0, 1_000_000.0),
        "the lowest pay",
    );
    pub(super) const MAX: Field = Field::new(
        "max",
        Need::Optional,
        Shape::Number(0.0, 1_000_000.0),
        "the highest pay",
    );
    pub(super) const PERIOD: Field = Field::new(
        "period",
        Need::When("with min or max"),
        Shape::Choice(period_names),
        "`year`, `month`, `week` or `hour`",
    );
    pub(super) const SALARY_TEXT: Field =
        Field::new("text", Need::Optional, Shape::Text, "the pay in words");
    const SALARY_FIELDS: &[Field] = &[MIN, MAX, PERIOD, SALARY_TEXT];

    pub(super) const APPLY_URL: Field =
        Field::new("url", Need::Optional, Shape::Web, "where to apply online");
    pub(super) const APPLY_EMAIL: Field = Field::new(
        "email",
        Need::Optional,
        Shape::Email,
        "where to send an application",
    );
    pub(super) const APPLY_DETAILS: Field = Field::new(
        "details",
        Need::Optional,
        Shape::Text,
        "how to apply, in words",
    );
    const HOW_TO_APPLY_FIELDS: &[Field] = &[APPLY_URL, APPLY_EMAIL, APPLY_DETAILS];

    fn contract_names() -> Vec<&'static str> {
        CONTRACTS.iter().map(|(name, _)| *name).collect()
    }

    fn period_names() -> Vec<&'static str> {
        PERIODS.iter().map(|(name, _)| *name).collect()
    }

    fn employment_type_names() -> Vec<&'static str> {
        EMPLOYMENT_TYPES.iter().map(|(name, _)| *name).collect()
    }
}
