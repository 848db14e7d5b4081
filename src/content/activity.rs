//! Activities: what a link worker refers people to (ORUK service).

use chrono::NaiveDate;
use serde::Serialize;

use super::common::{Contact, Online, Venue, contact, last_reviewed, online, venue};
use super::front_matter::description;
use crate::decode::{
    Cx, Fields, Vocabulary, flag, list, number, one_of, reference, scalar, short_text, term, text,
};
use crate::diagnostics::Severity;
use crate::formats::problem;
use crate::kind::Kind;
use crate::schedule::Session;
use crate::yaml::{Node, Value};

/// Summaries show in listings and search results; keep them to a line or two.
pub const SUMMARY_LIMIT: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub status: Status,
    pub summary: String,
    /// Markdown.
    pub description: String,
    pub categories: Vec<String>,
    pub pcns: PcnScope,
    pub who_for: Option<WhoFor>,
    pub schedule: Vec<Session>,
    pub schedule_notes: Option<String>,
    pub venue: Option<Venue>,
    pub online: Option<Online>,
    pub cost: Cost,
    pub how_to_join: HowToJoin,
    pub contact: Contact,
    pub accessibility: Accessibility,
    pub last_reviewed: NaiveDate,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Running,
    Paused,
    Ended,
}

pub(crate) const STATUSES: &[(&str, Status)] = &[
    ("running", Status::Running),
    ("paused", Status::Paused),
    ("ended", Status::Ended),
];

/// Which PCNs' patients an activity serves (ORUK service_area).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum PcnScope {
    All,
    Listed(Vec<String>),
}

impl PcnScope {
    pub fn serves(&self, pcn: &str) -> bool {
        match self {
            PcnScope::All => true,
            PcnScope::Listed(ids) => ids.iter().any(|id| id == pcn),
        }
    }
}

/// Who an activity is for (ORUK eligibility).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WhoFor {
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    pub eligibility: Option<String>,
}

/// What it costs (ORUK cost_option). `free` is true when the text starts with
/// "free", so "Free, donations welcome" still counts as free.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cost {
    pub free: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HowToJoin {
    pub self_referral: bool,
    pub link_worker_referral: bool,
    pub booking_required: bool,
    pub details: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Accessibility {
    pub features: Vec<String>,
    pub notes: Option<String>,
}

/// What the browse lists (`Index`) are made from, for one activity.
type ListKey<'a> = (
    &'a str,
    &'a [String],
    &'a PcnScope,
    Status,
    &'a str,
    &'a [Session],
    NaiveDate,
);

impl Activity {
    /// What the browse lists use of this activity: when it is unchanged,
    /// an edit leaves every list as it was.
    pub fn list_key(&self) -> ListKey<'_> {
        (
            &self.title,
            &self.categories,
            &self.pcns,
            self.status,
            &self.organisation,
            &self.schedule,
            self.last_reviewed,
        )
    }

    /// Whether people can still go: not ended, with a session to come.
    pub fn is_current(&self, today: chrono::NaiveDate) -> bool {
        self.status != Status::Ended && !self.schedule.iter().all(|s| s.finished(today))
    }

    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Activity> {
        let mut f = Fields::of(cx, node, "an activity")?;
        let title = f.required(cx, "title", text);
        let organisation = f.required(cx, "organisation", reference(&[Kind::Organisation]));
        let status = f.optional(cx, "status", one_of(STATUSES));
        let summary = f.required(cx, "summary", short_text(SUMMARY_LIMIT));
        let description = description(cx, &mut f, body);
        let categories = f.required(
            cx,
            "categories",
            non_empty(list(term(Vocabulary::Categories))),
        );
        let pcns = f.required(cx, "pcns", pcn_scope);
        let who_for = f.optional(cx, "who_for", who_for);
        let schedule = f.required(cx, "schedule", non_empty(list(Session::decode)));
        let schedule_notes = f.optional(cx, "schedule_notes", text);
        let venue = f.optional(cx, "venue", venue);
        let online = f.optional(cx, "online", online);
        let cost = f.required(cx, "cost", cost);
        let how_to_join = f.required(cx, "how_to_join", how_to_join);
        let contact = f.required(cx, "contact", contact);
        let accessibility = f.optional(cx, "accessibility", accessibility);
        // Nobody needs chasing about an activity that has ended.
        let last_reviewed = if status == Some(Status::Ended) {
            f.required(cx, "last_reviewed", crate::decode::date)
        } else {
            f.required(cx, "last_reviewed", last_reviewed)
        };
        f.need_any(
            cx,
            &["venue", "online"],
            problem(
                "an activity needs a `venue`, or `online` joining details, or both",
                "Add `venue:` with its name, address and postcode, or `online:` with a url or details.",
            ),
        );
        let schedule_at = f.pos_of("schedule");
        f.finish(cx);
        // Warn about the schedule only when the whole entry decoded, so the
        // warning never stands in for an error.
        let schedule = schedule?;
        if status != Some(Status::Ended) && schedule.iter().all(|s| s.finished(cx.known.today)) {
            cx.report(
                Severity::Warning,
                schedule_at,
                "schedule".len(),
                problem(
                    "every session of this activity has finished, so it is no longer listed",
                    "If it has ended, set `status: ended`. If it goes on, add the new dates, or a later `until`.",
                ),
            );
        }
        Some(Activity {
            id: id.to_string(),
            title: title?,
            organisation: organisation?,
            status: status.unwrap_or(Status::Running),
            summary: summary?,
            description: description?,
            categories: categories?,
            pcns: pcns?,
            who_for,
            schedule,
            schedule_notes,
            venue,
            online,
            cost: cost?,
            how_to_join: how_to_join?,
            contact: contact?,
            accessibility: accessibility.unwrap_or_default(),
            last_reviewed: last_reviewed?,
        })
    }
}

/// A list that must have at least one item.
fn non_empty<T>(
    decode: impl Fn(&mut Cx, &Node) -> Option<Vec<T>>,
) -> impl Fn(&mut Cx, &Node) -> Option<Vec<T>> {
    move |cx, node| {
        let items = decode(cx, node)?;
        if items.is_empty() && matches!(&node.value, Value::Seq(s) if s.is_empty()) {
            cx.error(
                node,
                problem("this list is empty", "Add at least one item to the list."),
            );
        }
        Some(items).filter(|i| !i.is_empty())
    }
}

fn pcn_scope(cx: &mut Cx, node: &Node) -> Option<PcnScope> {
    if let Value::Scalar(s) = &node.value {
        if s.trim().eq_ignore_ascii_case("all") {
            return Some(PcnScope::All);
        }
        let s = s.clone();
        cx.error(
            node,
            problem(
                format!("`pcns` should be all, or a list of PCN ids, not \"{s}\""),
                format!("Write `pcns: all` if the activity is open to patients of every PCN, or a list like `pcns: [{s}]`."),
            ),
        );
        return None;
    }
    non_empty(list(reference(&[Kind::Pcn])))(cx, node).map(PcnScope::Listed)
}

fn who_for(cx: &mut Cx, node: &Node) -> Option<WhoFor> {
    let mut f = Fields::of(cx, node, "`who_for`")?;
    let age = || number(0.0..=120.0, true);
    let age_min = f.optional(cx, "age_min", age()).map(|n| n as u32);
    let age_max = f.optional(cx, "age_max", age()).map(|n| n as u32);
    let eligibility = f.optional(cx, "eligibility", text);
    if let (Some(min), Some(max)) = (age_min, age_max)
        && min > max
    {
        cx.report(
            Severity::Error,
            f.pos_of("age_max"),
            "age_max".len(),
            problem(
                format!("`age_max` ({max}) is below `age_min` ({min})"),
                "Check the ages: `age_min` is the youngest who can come, `age_max` the oldest.",
            ),
        );
    }
    f.finish(cx);
    Some(WhoFor {
        age_min,
        age_max,
        eligibility,
    })
}

fn cost(cx: &mut Cx, node: &Node) -> Option<Cost> {
    let text = scalar(cx, node)?.trim().to_string();
    let free = text.to_ascii_lowercase().starts_with("free");
    Some(Cost {
        free,
        text: if text.eq_ignore_ascii_case("free") {
            "Free".into()
        } else {
            text
        },
    })
}

fn how_to_join(cx: &mut Cx, node: &Node) -> Option<HowToJoin> {
    let mut f = Fields::of(cx, node, "`how_to_join`")?;
    let join = HowToJoin {
        self_referral: f.optional(cx, "self_referral", flag).unwrap_or(false),
        link_worker_referral: f
            .optional(cx, "link_worker_referral", flag)
            .unwrap_or(false),
        booking_required: f.optional(cx, "booking_required", flag).unwrap_or(false),
        details: f.optional(cx, "details", text),
    };
    let at = f.position();
    f.finish(cx);
    if !join.self_referral && !join.link_worker_referral && join.details.is_none() {
        cx.report(
            Severity::Error,
            at,
            1,
            problem(
                "`how_to_join` does not say how people can join",
                "Set `self_referral: true` (people can just come or get in touch) and/or `link_worker_referral: true`, or write `details:`.",
            ),
        );
    }
    Some(join)
}

fn accessibility(cx: &mut Cx, node: &Node) -> Option<Accessibility> {
    let mut f = Fields::of(cx, node, "`accessibility`")?;
    let features = f.optional(cx, "features", list(term(Vocabulary::Accessibility)));
    let notes = f.optional(cx, "notes", text);
    f.finish(cx);
    Some(Accessibility {
        features: features.unwrap_or_default(),
        notes,
    })
}
