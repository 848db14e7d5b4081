//! Activities: what a link worker refers people to (ORUK service).

use chrono::NaiveDate;
use serde::Serialize;

use super::common::{Contact, Online, Venue, contact, last_reviewed, online, venue};
use super::front_matter::description;
use crate::decode::{
    Cx, Fields, Vocabulary, flag, list, number, one_of, reference, scalar, short_text, term, text,
};
use crate::diagnostics::Severity;
mod fields;

use crate::formats::problem;
use crate::kind::Kind;
use crate::schedule::{AVAILABILITIES, Availability, AvailabilityKind, Hours, Session};
use crate::yaml::{Node, Value};
pub use fields::FIELDS;
use fields::*;

/// Summaries show in listings and search results; keep them to a line or two.
pub const SUMMARY_LIMIT: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub id: String,
    /// Where an import found it; never shown.
    pub source: Option<super::common::Source>,
    pub title: String,
    pub organisation: String,
    /// The description's words without its Markdown, read once when first
    /// asked for (by search, and the exports), never by `check`.
    #[serde(skip)]
    pub plain: std::sync::OnceLock<String>,
    pub status: Status,
    pub summary: String,
    /// Markdown.
    pub description: String,
    pub categories: Vec<String>,
    pub pcns: PcnScope,
    /// Where people must live, when narrower than the PCNs.
    pub area_served: Option<AreaServed>,
    pub who_for: Option<WhoFor>,
    /// Its sessions, when it has fixed ones (`availability` is then
    /// `Sessions`); empty otherwise.
    pub schedule: Vec<Session>,
    pub schedule_notes: Option<String>,
    /// When it is available.
    pub availability: Availability,
    pub availability_notes: Option<String>,
    /// Where it happens in person: the first (or only) venue.
    pub venue: Option<Venue>,
    /// Its other venues, for an activity held at several places.
    pub more_venues: Vec<Venue>,
    pub online: Option<Online>,
    pub by_phone: Option<super::common::ByPhone>,
    pub home_visits: Option<super::common::HomeVisits>,
    /// `None` when nobody has said: pages then tell people to ask, and it
    /// never counts as free.
    pub cost: Option<Cost>,
    /// `None` when nobody has said: the page tells people to ask.
    pub how_to_join: Option<HowToJoin>,
    pub contact: Contact,
    pub accessibility: Accessibility,
    /// Ids from site.yaml's `languages`: what it is held in.
    pub languages: Vec<String>,
    /// `None` when nobody has checked the details yet.
    pub last_reviewed: Option<NaiveDate>,
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

/// `area_served:`: postcode districts, the area in words, or both.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AreaServed {
    /// Upper-case district codes, like `NN11`.
    pub districts: Vec<String>,
    pub description: Option<String>,
}

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
    /// Ids from site.yaml's `audiences`.
    pub audiences: Vec<String>,
    pub eligibility: Option<String>,
}

/// What it costs (ORUK cost_option). `free` is true when the text starts with
/// "free", so "Free, donations welcome" still counts as free.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cost {
    pub free: bool,
    pub text: String,
}

impl Cost {
    /// The price in pounds: 0 when free, the figure when the text starts
    /// with one (`£3 per session` → 3, `£2.50` → 2.5), else nothing.
    pub fn pounds(&self) -> Option<f64> {
        if self.free {
            return Some(0.0);
        }
        let rest = self.text.trim().strip_prefix('£')?;
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        number.parse().ok()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HowToJoin {
    pub self_referral: bool,
    pub link_worker_referral: bool,
    pub booking_required: bool,
    pub details: Option<String>,
}

pub use super::common::Accessibility;

/// What the browse lists (`Index`) are made from, for one activity.
type ListKey<'a> = (
    &'a str,
    &'a [String],
    &'a PcnScope,
    Status,
    &'a str,
    &'a [Session],
    Option<NaiveDate>,
);

/// When an activity is available, from its `schedule` or `availability`
/// (and `opening_hours`): one of the two, and a warning for neither.
fn availability(
    cx: &mut Cx,
    f: &Fields,
    kind: Option<AvailabilityKind>,
    hours: Option<Vec<Hours>>,
    closed: Option<Vec<NaiveDate>>,
) -> Option<Availability> {
    let either = |cx: &mut Cx, at: &str, message: &str, help: &str| {
        cx.report(
            Severity::Error,
            f.pos_of(at),
            at.len(),
            problem(message, help),
        );
        None
    };
    if f.has("schedule") && f.has("availability") {
        return either(
            cx,
            "availability",
            "an activity has a `schedule` of fixed sessions or an `availability`, not both",
            "Keep `schedule:` if it meets at fixed times; otherwise delete it and keep `availability:`.",
        );
    }
    if f.has("opening_hours") && kind != Some(AvailabilityKind::OpeningHours) {
        return either(
            cx,
            "opening_hours",
            "`opening_hours` is only for `availability: opening_hours`",
            "Add the line `availability: opening_hours`, or delete `opening_hours:`.",
        );
    }
    if f.has("closed_on") && !f.has("opening_hours") {
        return either(
            cx,
            "closed_on",
            "`closed_on` is only for services with `opening_hours`",
            "For fixed sessions, list the dates under the session's `except:`; otherwise say when it is closed in `availability_notes:`.",
        );
    }
    Some(match kind {
        Some(AvailabilityKind::OpeningHours) => {
            if !f.has("opening_hours") {
                return either(
                    cx,
                    "availability",
                    "`availability: opening_hours` needs `opening_hours:`",
                    "Add `opening_hours:` with a line for each day it opens, like `- {day: monday, opens: \"09:00\", closes: \"17:00\"}`.",
                );
            }
            let (hours, closed) = (hours?, closed.unwrap_or_default());
            for date in &closed {
                let day = chrono::Datelike::weekday(date);
                if !hours.iter().any(|h| h.day == day) {
                    cx.report(
                        Severity::Warning,
                        f.pos_of("closed_on"),
                        "closed_on".len(),
                        problem(
                            format!(
                                "{date} is listed under `closed_on`, but it is a {}, when the service is not open anyway",
                                crate::schedule::capitalised(crate::schedule::day_name(day))
                            ),
                            "Check the date: `closed_on` lists days it would open but does not.",
                        ),
                    );
                }
            }
            Availability::OpeningHours { hours, closed }
        }
        Some(AvailabilityKind::ByAppointment) => Availability::ByAppointment,
        Some(AvailabilityKind::Always) => Availability::Always,
        Some(AvailabilityKind::Ongoing) => Availability::Ongoing,
        None if f.has("schedule") => Availability::Sessions,
        None => {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this activity does not say when it is available",
                    "Add `schedule:` if it meets at fixed times, or `availability:` (by_appointment, opening_hours, always or ongoing). Until then its page says to contact the organisation for times.",
                ),
            );
            Availability::Ongoing
        }
    })
}

impl Activity {
    /// The description as plain text, its words one space apart.
    pub fn description_text(&self) -> &str {
        self.plain
            .get_or_init(|| crate::markdown::plain_words(&self.description))
    }

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
        self.status != Status::Ended
            && (self.schedule.is_empty() || !self.schedule.iter().all(|s| s.finished(today)))
    }

    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Activity> {
        let mut f = Fields::of(cx, node, "an activity")?;
        let title = f.read(cx, &TITLE, text);
        let organisation = f.read(cx, &ORGANISATION, reference(&[Kind::Organisation]));
        let status = f.read(cx, &STATUS, one_of(STATUSES));
        let summary = f.read(cx, &SUMMARY, short_text(SUMMARY_LIMIT));
        let description = description(cx, &mut f, &ACTIVITY_DESCRIPTION, body);
        let summary = match summary {
            Some(summary) => Some(summary),
            None if !f.has("summary") => {
                cx.report(
                    Severity::Warning,
                    f.position(),
                    1,
                    problem(
                        "this activity has no summary, so cards show the start of its description",
                        "Add `summary:` with one sentence saying what happens and who it is for.",
                    ),
                );
                let text = crate::markdown::plain_text(description.as_deref().unwrap_or(""));
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                Some(crate::formats::cut_at_word(&text, SUMMARY_LIMIT))
            }
            None => None,
        };
        let categories = f.read(
            cx,
            &CATEGORIES,
            non_empty(list(term(Vocabulary::Categories))),
        );
        if !f.has("categories") {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this activity has no category, so it is listed under Other",
                    "Add `categories:` with ids from the categories list in content/site.yaml, like `categories: [physical-activity]`, so people browsing by category find it.",
                ),
            );
        }
        let pcns = f.read(cx, &PCNS, pcn_scope);
        let pcns = match pcns {
            None if !f.has("pcns") => {
                cx.report(
                    Severity::Warning,
                    f.position(),
                    1,
                    problem(
                        "this activity does not say which PCNs' patients it is for, so it is listed as open to the whole region",
                        "Add `pcns: all` if it is open to everyone in the region, or a list of PCN ids, like `pcns: [daventry-pcn]`.",
                    ),
                );
                Some(PcnScope::All)
            }
            pcns => pcns,
        };
        let area_served = f.read(cx, &AREA_SERVED, area_served);
        let who_for = f.read(cx, &WHO_FOR, who_for);
        let schedule = f.read(cx, &SCHEDULE, non_empty(list(Session::decode)));
        let schedule_notes = f.read(cx, &SCHEDULE_NOTES, text);
        let kind = f.read(cx, &AVAILABILITY, one_of(AVAILABILITIES));
        let hours = f.read(cx, &OPENING_HOURS, non_empty(list(Hours::decode)));
        let closed = f.read(cx, &CLOSED_ON, list(crate::decode::date));
        let availability_notes = f.read(cx, &AVAILABILITY_NOTES, text);
        let availability = availability(cx, &f, kind, hours, closed);
        let venue = f.read(cx, &VENUE_FIELD, venue);
        let venues = f.read(cx, &VENUES_FIELD, non_empty(list(listed_venue)));
        if f.has("venue") && f.has("venues") {
            cx.report(
                Severity::Error,
                f.pos_of("venues"),
                "venues".len(),
                problem(
                    "an activity has one `venue` or a list of `venues`, not both",
                    "Move the venue into the `venues:` list, or delete `venues:`.",
                ),
            );
        }
        let (venue, more_venues) = match venues {
            Some(mut all) if venue.is_none() && !all.is_empty() => {
                let first = all.remove(0);
                (Some(first), all)
            }
            _ => (venue, Vec::new()),
        };
        let online = f.read(cx, &ONLINE_FIELD, online);
        let by_phone = f.read(cx, &BY_PHONE_FIELD, super::common::by_phone);
        let home_visits = f.read(cx, &HOME_VISITS_FIELD, super::common::home_visits);
        let cost = f.read(cx, &COST, cost);
        if !f.has("cost") {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this activity does not say what it costs",
                    "Add `cost: free`, or the price in words, like `cost: £3 per session`. Until then its page says \"Ask the organisation about cost\", and it is not shown as free.",
                ),
            );
        }
        let how_to_join = f.read(cx, &HOW_TO_JOIN, how_to_join);
        if !f.has("how_to_join") {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this activity does not say how to join",
                    "Add `how_to_join:` with `self_referral: true` (people can just come or get in touch), `link_worker_referral: true`, or `details:`. Until then its page says to ask the organisation.",
                ),
            );
        }
        let contact = f.read(cx, &CONTACT_FIELD, contact);
        let accessibility = f.read(cx, &ACCESSIBILITY, accessibility);
        let languages = f.read(cx, &LANGUAGES, list(term(Vocabulary::Languages)));
        // Nobody needs chasing about an activity that has ended.
        let last_reviewed = if status == Some(Status::Ended) {
            f.read(cx, &LAST_REVIEWED, crate::decode::date)
        } else {
            f.read(cx, &LAST_REVIEWED, last_reviewed)
        };
        if !f.has("last_reviewed") && status != Some(Status::Ended) {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this activity does not say when its details were last checked",
                    "Check the details with the organisation, then add `last_reviewed:` with that date, like `last_reviewed: 2026-09-14`. Until then its page says the details have not been checked.",
                ),
            );
        }
        if !["venue", "venues", "online", "by_phone", "home_visits"]
            .iter()
            .any(|k| f.has(k))
        {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this activity does not say where or how it happens",
                    "Add `venue:` (its name, address and postcode), `online:`, `by_phone:` or `home_visits:`. Until then its page says to contact the organisation.",
                ),
            );
        }
        let schedule_at = f.pos_of("schedule");
        let has_schedule = f.has("schedule");
        let source = f.read(cx, &super::common::SOURCE, super::common::source);
        f.finish(cx);
        // Warn about the schedule only when the whole entry decoded, so the
        // warning never stands in for an error.
        let schedule = if has_schedule { schedule? } else { Vec::new() };
        let availability = availability?;
        if status != Some(Status::Ended)
            && !schedule.is_empty()
            && schedule.iter().all(|s| s.finished(cx.known.today))
        {
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
            plain: std::sync::OnceLock::new(),
            id: id.to_string(),
            source,
            title: title?,
            organisation: organisation?,
            status: status.unwrap_or(Status::Running),
            summary: summary?,
            description: description?,
            categories: categories.unwrap_or_default(),
            pcns: pcns?,
            area_served,
            who_for,
            schedule,
            schedule_notes,
            availability,
            availability_notes,
            venue,
            more_venues,
            online,
            by_phone,
            home_visits,
            cost,
            how_to_join,
            contact: contact?,
            accessibility: accessibility.unwrap_or_default(),
            languages: languages.unwrap_or_default(),
            last_reviewed,
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

fn area_served(cx: &mut Cx, node: &Node) -> Option<AreaServed> {
    let mut f = Fields::of(cx, node, "`area_served`")?;
    let districts = f.read(cx, &AREA_DISTRICTS, non_empty(list(district)));
    let description = f.read(cx, &AREA_DESCRIPTION, text);
    let given = f.need_any(
        cx,
        &["districts", "description"],
        problem(
            "`area_served` needs `districts` or a `description`",
            "Add `districts: [NN11, NN12]` (the first part of the postcodes it covers), or `description:` naming the area.",
        ),
    );
    f.finish(cx);
    given.then(|| AreaServed {
        districts: districts.unwrap_or_default(),
        description,
    })
}

/// A postcode district that exists, like `NN11`, in capitals.
fn district(cx: &mut Cx, node: &Node) -> Option<String> {
    let s = text(cx, node)?;
    let code = s.to_ascii_uppercase();
    match crate::postcodes::district(&code) {
        Some(d) if d.code == code => Some(code),
        _ => {
            cx.error(
                node,
                problem(
                    format!("\"{s}\" is not a postcode district"),
                    "Write the first part of a postcode, like NN11 (for NN11 4GH).",
                ),
            );
            None
        }
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
    let age_min = f.read(cx, &AGE_MIN, age()).map(|n| n as u32);
    let age_max = f.read(cx, &AGE_MAX, age()).map(|n| n as u32);
    let audiences = f.read(cx, &AUDIENCES, list(term(Vocabulary::Audiences)));
    let eligibility = f.read(cx, &ELIGIBILITY, text);
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
        audiences: audiences.unwrap_or_default(),
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
        self_referral: f.read(cx, &SELF_REFERRAL, flag).unwrap_or(false),
        link_worker_referral: f.read(cx, &LINK_WORKER_REFERRAL, flag).unwrap_or(false),
        booking_required: f.read(cx, &BOOKING_REQUIRED, flag).unwrap_or(false),
        details: f.read(cx, &JOIN_DETAILS, text),
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

/// One of `venues:`, which may have its own `accessibility`.
fn listed_venue(cx: &mut Cx, node: &Node) -> Option<Venue> {
    let mut f = Fields::of(cx, node, "a venue")?;
    let venue = super::common::venue_fields(cx, &mut f);
    let access = f.read(cx, &ACCESSIBILITY, accessibility);
    f.finish(cx);
    Some(Venue {
        accessibility: access,
        ..venue?
    })
}

fn accessibility(cx: &mut Cx, node: &Node) -> Option<Accessibility> {
    let mut f = Fields::of(cx, node, "`accessibility`")?;
    let features = f.read(cx, &FEATURES, list(term(Vocabulary::Accessibility)));
    let notes = f.read(cx, &ACCESS_NOTES, text);
    f.finish(cx);
    Some(Accessibility {
        features: features.unwrap_or_default(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::Cost;

    #[test]
    fn a_price_is_read_only_when_it_leads() {
        let cost = |free, text: &str| Cost {
            free,
            text: text.into(),
        };
        assert_eq!(cost(true, "Free").pounds(), Some(0.0));
        assert_eq!(cost(false, "£3 per session").pounds(), Some(3.0));
        assert_eq!(cost(false, "£2.50").pounds(), Some(2.5));
        assert_eq!(cost(false, "Donations welcome").pounds(), None);
        assert_eq!(cost(false, "3 pounds").pounds(), None);
    }
}
