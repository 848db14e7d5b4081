//! When an activity happens: weekly, fortnightly, monthly on the nth weekday,
//! or on listed dates, with dates when it does not run. Pages, search,
//! calendars and structured data all ask this module, so they agree.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike, Weekday};
use serde::Serialize;

use crate::decode::{Cx, Fields, checked, date, list, one_of};
use crate::diagnostics::Severity;
use crate::fields::{Field, Need, Shape};
use crate::formats::{self, DAYS, problem};
use crate::yaml::Node;

/// The days of the week, Monday first: the order every list of days uses.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The date `days` after `date`, or the calendar's last day if that is past
/// it: date sums never overflow, whatever date a command is given.
pub fn days_after(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// When an activity is available: at the sessions of its `schedule`, or
/// in one of the ways real services are (a helpline, an advice centre, an
/// appointment). Pages, cards and the day and time filters read this.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub enum Availability {
    /// At the sessions of its `schedule`.
    Sessions,
    ByAppointment,
    /// Open 24 hours, every day.
    Always,
    /// Going on, with times to ask about; also what an activity that does
    /// not say gets.
    Ongoing,
    /// Open at these hours each week, except on the `closed` dates (bank
    /// holidays, say).
    OpeningHours {
        hours: Vec<Hours>,
        closed: Vec<NaiveDate>,
    },
}

/// One day's opening hours.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Hours {
    pub day: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// The ways of `availability:`, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvailabilityKind {
    ByAppointment,
    OpeningHours,
    Always,
    Ongoing,
}

pub(crate) const AVAILABILITIES: &[(&str, AvailabilityKind)] = &[
    ("by_appointment", AvailabilityKind::ByAppointment),
    ("opening_hours", AvailabilityKind::OpeningHours),
    ("always", AvailabilityKind::Always),
    ("ongoing", AvailabilityKind::Ongoing),
];

impl Availability {
    /// The days it can be found on, Monday first.
    pub fn days(&self) -> Vec<Weekday> {
        match self {
            Availability::Always => WEEK.to_vec(),
            Availability::OpeningHours { hours, .. } => {
                let mut days: Vec<Weekday> = hours.iter().map(|h| h.day).collect();
                days.sort_by_key(|d| d.num_days_from_monday());
                days.dedup();
                days
            }
            _ => Vec::new(),
        }
    }

    /// The dates from `today` on when it is closed though it would open.
    pub fn closures(&self, today: NaiveDate) -> Vec<NaiveDate> {
        match self {
            Availability::OpeningHours { closed, .. } => {
                closed.iter().copied().filter(|d| *d >= today).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The times of day it is open, as (from, to).
    pub fn times(&self) -> Vec<(NaiveTime, NaiveTime)> {
        match self {
            Availability::Always => vec![(
                NaiveTime::MIN,
                NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN),
            )],
            Availability::OpeningHours { hours, .. } => {
                hours.iter().map(|h| (h.opens, h.closes)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// In words, a line each; nothing for sessions, which describe
    /// themselves.
    pub fn describe(&self) -> Vec<String> {
        match self {
            Availability::Sessions => Vec::new(),
            Availability::ByAppointment => vec!["By appointment".into()],
            Availability::Always => vec!["Open 24 hours, every day".into()],
            Availability::Ongoing => vec!["Contact the organisation for times".into()],
            Availability::OpeningHours { hours, .. } => hours
                .iter()
                .map(|h| {
                    format!(
                        "{}, {} to {}",
                        capitalised(day_name(h.day)),
                        clock(h.opens),
                        clock(h.closes)
                    )
                })
                .collect(),
        }
    }
}

const HOURS_DAY: Field = Field::new(
    "day",
    Need::Required,
    Shape::Choice(day_names),
    "`monday` … `sunday`",
)
.example("monday");
const OPENS: Field =
    Field::new("opens", Need::Required, Shape::Time, "24-hour opening time").example("\"09:00\"");
const CLOSES: Field = Field::new(
    "closes",
    Need::Required,
    Shape::Time,
    "24-hour closing time",
)
.example("\"17:00\"");

/// The fields of one day's opening hours.
pub const HOURS: &[Field] = &[HOURS_DAY, OPENS, CLOSES];

impl Hours {
    pub fn decode(cx: &mut Cx, node: &Node) -> Option<Hours> {
        let mut f = Fields::of(cx, node, "a day's opening hours")?;
        let day = f.read(cx, &HOURS_DAY, checked(formats::weekday));
        let opens = f.read(cx, &OPENS, checked(formats::time));
        let closes = f.read(cx, &CLOSES, checked(formats::time));
        if let (Some(opens), Some(closes)) = (opens, closes)
            && closes <= opens
        {
            cx.report(
                Severity::Error,
                f.pos_of("closes"),
                "closes".len(),
                problem(
                    "it closes before it opens",
                    "Check the times: `opens` comes first, in the 24-hour clock. For hours past midnight, give the next day its own line.",
                ),
            );
            return None;
        }
        f.finish(cx);
        Some(Hours {
            day: day?,
            opens: opens?,
            closes: closes?,
        })
    }
}

/// One recurring or dated session (ORUK schedule).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Session {
    #[serde(flatten)]
    pub frequency: Frequency,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub except: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
#[serde(tag = "frequency", rename_all = "lowercase")]
pub enum Frequency {
    Weekly {
        day: Weekday,
    },
    /// Every other week, counting from the session's `from` date.
    Fortnightly {
        day: Weekday,
    },
    Monthly {
        week: WeekOfMonth,
        day: Weekday,
    },
    Dates {
        dates: Vec<NaiveDate>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum WeekOfMonth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum FrequencyKind {
    Weekly,
    Fortnightly,
    Monthly,
    Dates,
}

pub(crate) const FREQUENCIES: &[(&str, FrequencyKind)] = &[
    ("weekly", FrequencyKind::Weekly),
    ("fortnightly", FrequencyKind::Fortnightly),
    ("monthly", FrequencyKind::Monthly),
    ("dates", FrequencyKind::Dates),
];

pub(crate) const WEEKS: &[(&str, WeekOfMonth)] = &[
    ("first", WeekOfMonth::First),
    ("second", WeekOfMonth::Second),
    ("third", WeekOfMonth::Third),
    ("fourth", WeekOfMonth::Fourth),
    ("last", WeekOfMonth::Last),
];

pub fn day_name(day: Weekday) -> &'static str {
    DAYS[day.num_days_from_monday() as usize]
}

const FREQUENCY: Field = Field::new(
    "frequency",
    Need::Required,
    Shape::Choice(frequency_names),
    "`weekly`, `fortnightly`, `monthly` or `dates`",
)
.example("weekly");
const DAY: Field = Field::new(
    "day",
    Need::When("not for `dates`"),
    Shape::Choice(day_names),
    "`monday` … `sunday`",
)
.example("tuesday");
const WEEK_OF_MONTH: Field = Field::new(
    "week",
    Need::When("for `monthly`"),
    Shape::Choice(week_names),
    "`first`, `second`, `third`, `fourth` or `last`",
)
.example("first");
const DATES: Field = Field::new(
    "dates",
    Need::When("for `dates`"),
    Shape::List(&Shape::Date),
    "the dates of one-off or irregular sessions",
)
.example("[2026-12-05, 2027-01-09]");
const START: Field =
    Field::new("start", Need::Required, Shape::Time, "24-hour start time").example("\"10:00\"");
const END: Field =
    Field::new("end", Need::Required, Shape::Time, "24-hour end time").example("\"11:30\"");
const FROM: Field = Field::new(
    "from",
    Need::When("for `fortnightly`"),
    Shape::Date,
    "the first date",
);
const UNTIL: Field = Field::new("until", Need::Optional, Shape::Date, "the last date");
const EXCEPT: Field = Field::new(
    "except",
    Need::Optional,
    Shape::Items(&Shape::Date),
    "dates when it does not run",
);

/// The fields of one session (an item of an activity's `schedule`).
pub const SESSION: &[Field] = &[
    FREQUENCY,
    DAY,
    WEEK_OF_MONTH,
    DATES,
    START,
    END,
    FROM,
    UNTIL,
    EXCEPT,
];

fn frequency_names() -> Vec<&'static str> {
    FREQUENCIES.iter().map(|(name, _)| *name).collect()
}

fn week_names() -> Vec<&'static str> {
    WEEKS.iter().map(|(name, _)| *name).collect()
}

fn day_names() -> Vec<&'static str> {
    DAYS.to_vec()
}

impl Session {
    pub fn decode(cx: &mut Cx, node: &Node) -> Option<Session> {
        let mut f = Fields::of(cx, node, "a session")?;
        let kind = f.read(cx, &FREQUENCY, one_of(FREQUENCIES));
        let needs_day = !matches!(kind, Some(FrequencyKind::Dates));
        let day = if needs_day {
            f.require(cx, &DAY, checked(formats::weekday))
        } else {
            f.optional(cx, &DAY, checked(formats::weekday))
        };
        let week = match kind {
            Some(FrequencyKind::Monthly) => f.require(cx, &WEEK_OF_MONTH, one_of(WEEKS)),
            _ => f.optional(cx, &WEEK_OF_MONTH, one_of(WEEKS)),
        };
        let dates = match kind {
            Some(FrequencyKind::Dates) => f.require(cx, &DATES, list(date)),
            _ => f.optional(cx, &DATES, list(date)),
        };
        let start = f.read(cx, &START, checked(formats::time));
        let end = f.read(cx, &END, checked(formats::time));
        let from = match kind {
            Some(FrequencyKind::Fortnightly) => f.require(cx, &FROM, date),
            _ => f.optional(cx, &FROM, date),
        };
        let until = f.read(cx, &UNTIL, date);
        let except = f.read(cx, &EXCEPT, list(date)).unwrap_or_default();

        if let Some(kind) = kind {
            check_fields_fit(cx, &f, kind);
        }
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            cx.report(
                    Severity::Error,
                    f.pos_of("end"),
                    3,
                    problem(
                        format!(
                            "the session ends at {} but starts at {}",
                            end.format("%H:%M"),
                            start.format("%H:%M")
                        ),
                        "The end time must be after the start time. Use the 24-hour clock: 2pm is \"14:00\".",
                    ),
                );
        }
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            cx.report(
                Severity::Error,
                f.pos_of("until"),
                5,
                problem(
                    format!("`until` ({until}) is before `from` ({from})"),
                    "Check the two dates: `from` is the first session, `until` the last.",
                ),
            );
        }
        if let (Some(from), Some(day), Some(FrequencyKind::Weekly | FrequencyKind::Fortnightly)) =
            (from, day, kind)
            && from.weekday() != day
        {
            cx.report(
                Severity::Error,
                f.pos_of("from"),
                4,
                problem(
                    format!(
                        "`from` is {from}, a {}, but the session is on {}s",
                        day_name(from.weekday()),
                        day_name(day)
                    ),
                    "Make `from` the date of the first session, which falls on the session's day.",
                ),
            );
        }
        let except_at = f.pos_of("except");
        f.finish(cx);

        let frequency = match kind? {
            FrequencyKind::Weekly => Frequency::Weekly { day: day? },
            FrequencyKind::Fortnightly => Frequency::Fortnightly { day: day? },
            FrequencyKind::Monthly => Frequency::Monthly {
                week: week?,
                day: day?,
            },
            FrequencyKind::Dates => Frequency::Dates { dates: dates? },
        };
        let session = Session {
            frequency,
            start: start?,
            end: end?,
            from,
            until,
            except,
        };
        for skipped in &session.except {
            if !session.matches_pattern(*skipped) {
                cx.report(
                    Severity::Warning,
                    except_at,
                    6,
                    problem(
                        format!("{skipped} is listed under `except`, but the session does not run that day"),
                        "Check the date: `except` lists dates of sessions that are cancelled.",
                    ),
                );
            }
        }
        Some(session)
    }

    /// Whether the pattern alone (ignoring from/until/except) falls on `date`.
    pub(crate) fn matches_pattern(&self, date: NaiveDate) -> bool {
        match &self.frequency {
            Frequency::Weekly { day } => date.weekday() == *day,
            Frequency::Fortnightly { day } => {
                date.weekday() == *day
                    && self
                        .from
                        .is_none_or(|from| (date - from).num_days().rem_euclid(14) == 0)
            }
            Frequency::Monthly { week, day } => {
                date.weekday() == *day && week_of_month_matches(date, *week)
            }
            Frequency::Dates { dates } => dates.contains(&date),
        }
    }

    /// Whether every date of this session is before `today`: past its
    /// `until`, or (for dated sessions) past its last date.
    pub fn finished(&self, today: NaiveDate) -> bool {
        let past_until = self.until.is_some_and(|until| until < today);
        let dates_over = match &self.frequency {
            Frequency::Dates { dates } => dates.iter().all(|d| *d < today),
            _ => false,
        };
        past_until || dates_over
    }

    /// The first date on or after `from` that the session's pattern falls
    /// on, within its `from` and `until`: where an iCalendar or ORUK
    /// repetition of it starts (an `except` date may be that first date).
    pub fn first_date(&self, from: NaiveDate) -> Option<NaiveDate> {
        let first = from
            .iter_days()
            .take(400)
            .find(|d| self.matches_pattern(*d) && self.from.is_none_or(|f| *d >= f))?;
        self.until.is_none_or(|u| first <= u).then_some(first)
    }

    /// Whether a session takes place on `date`.
    pub fn occurs_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from)
            && self.until.is_none_or(|until| date <= until)
            && !self.except.contains(&date)
            && self.matches_pattern(date)
    }

    /// The next `count` dates on or after `today` (looking at most two years ahead).
    pub fn next_dates(&self, today: NaiveDate, count: usize) -> Vec<NaiveDate> {
        if let Frequency::Dates { dates } = &self.frequency {
            let mut upcoming: Vec<_> = dates
                .iter()
                .copied()
                .filter(|d| *d >= today && self.occurs_on(*d))
                .collect();
            upcoming.sort();
            upcoming.truncate(count);
            return upcoming;
        }
        today
            .iter_days()
            .take(731)
            .filter(|d| self.occurs_on(*d))
            .take(count)
            .collect()
    }

    /// Plain English as of `today`, like "Every Tuesday, 10am to 11:30am".
    /// Dated sessions list only the dates still to come.
    pub fn describe(&self, today: NaiveDate) -> String {
        let when = match &self.frequency {
            Frequency::Weekly { day } => format!("Every {}", capitalised(day_name(*day))),
            Frequency::Fortnightly { day } => {
                format!("Every other {}", capitalised(day_name(*day)))
            }
            Frequency::Monthly { week, day } => format!(
                "{} {} of the month",
                capitalised(WEEKS.iter().find(|(_, w)| w == week).map_or("", |(n, _)| n)),
                capitalised(day_name(*day))
            ),
            Frequency::Dates { .. } => {
                let upcoming = self.next_dates(today, usize::MAX);
                if upcoming.is_empty() {
                    "No dates to come".to_string()
                } else {
                    let listed: Vec<String> = upcoming
                        .iter()
                        .map(|d| d.format("%-d %B %Y").to_string())
                        .collect();
                    listed.join(", ")
                }
            }
        };
        let when = match self.until {
            Some(until) if until < today => format!("{when}, until {}", until.format("%-d %B %Y")),
            _ => when,
        };
        format!("{when}, {} to {}", clock(self.start), clock(self.end))
    }
}

fn check_fields_fit(cx: &mut Cx, f: &Fields, kind: FrequencyKind) {
    let misplaced: &[(&str, &str)] = match kind {
        FrequencyKind::Dates => &[
            (
                "day",
                "a session with `frequency: dates` runs on its listed dates",
            ),
            (
                "week",
                "a session with `frequency: dates` runs on its listed dates",
            ),
        ],
        FrequencyKind::Monthly => &[("dates", "a monthly session repeats by `week` and `day`")],
        FrequencyKind::Weekly | FrequencyKind::Fortnightly => &[
            ("week", "`week` is only for monthly sessions"),
            (
                "dates",
                "`dates` is only for sessions with `frequency: dates`",
            ),
        ],
    };
    for (key, why) in misplaced {
        if f.has(key) {
            cx.report(
                Severity::Error,
                f.pos_of(key),
                key.len(),
                problem(
                    format!("`{key}` does not fit this session's frequency"),
                    format!("Remove `{key}`: {why}."),
                ),
            );
        }
    }
}

impl WeekOfMonth {
    /// The week as iCalendar's BYDAY counts it: 1 to 4, and -1 for the last.
    pub fn nth(self) -> i8 {
        match self {
            WeekOfMonth::First => 1,
            WeekOfMonth::Second => 2,
            WeekOfMonth::Third => 3,
            WeekOfMonth::Fourth => 4,
            WeekOfMonth::Last => -1,
        }
    }
}

/// A day as iCalendar (and ORUK's `byday`) writes it: `MO` … `SU`.
pub fn rrule_day(day: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.num_days_from_monday() as usize]
}

fn week_of_month_matches(date: NaiveDate, week: WeekOfMonth) -> bool {
    let nth = (date.day() - 1) / 7;
    match week {
        WeekOfMonth::First => nth == 0,
        WeekOfMonth::Second => nth == 1,
        WeekOfMonth::Third => nth == 2,
        WeekOfMonth::Fourth => nth == 3,
        WeekOfMonth::Last => date
            .checked_add_days(Days::new(7))
            .is_some_and(|later| later.month() != date.month()),
    }
}

/// A time as NHS.UK writes it: the 12-hour clock, `9am`, `10:30am`,
/// `2pm`, with `midday` and `midnight`.
pub fn clock(t: NaiveTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    match (h, m) {
        (0, 0) => "midnight".into(),
        (12, 0) => "midday".into(),
        _ => {
            let (hour, half) = match h {
                0 => (12, "am"),
                1..=11 => (h, "am"),
                12 => (12, "pm"),
                _ => (h - 12, "pm"),
            };
            if m == 0 {
                format!("{hour}{half}")
            } else {
                format!("{hour}:{m:02}{half}")
            }
        }
    }
}

/// `tuesday` → `Tuesday`.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn session(frequency: Frequency) -> Session {
        Session {
            frequency,
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(11, 30, 0).unwrap(),
            from: None,
            until: None,
            except: vec![],
        }
    }

    #[test]
    fn times_are_written_as_nhs_uk_writes_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(clock(t(9, 0)), "9am");
        assert_eq!(clock(t(10, 30)), "10:30am");
        assert_eq!(clock(t(12, 0)), "midday");
        assert_eq!(clock(t(12, 15)), "12:15pm");
        assert_eq!(clock(t(14, 0)), "2pm");
        assert_eq!(clock(t(0, 0)), "midnight");
        assert_eq!(clock(t(0, 30)), "12:30am");
        assert_eq!(clock(t(23, 59)), "11:59pm");
    }

    #[test]
    fn weekly_skips_exceptions_and_stops() {
        let mut s = session(Frequency::Weekly { day: Weekday::Tue });
        s.except = vec![d("2026-12-22")];
        s.until = Some(d("2027-01-05"));
        assert_eq!(
            s.next_dates(d("2026-12-10"), 5),
            [d("2026-12-15"), d("2026-12-29"), d("2027-01-05")]
        );
        assert_eq!(
            s.describe(d("2026-12-10")),
            "Every Tuesday, 10am to 11:30am"
        );
    }

    #[test]
    fn fortnightly_counts_from_its_first_date() {
        let mut s = session(Frequency::Fortnightly { day: Weekday::Thu });
        s.from = Some(d("2026-11-05"));
        assert_eq!(
            s.next_dates(d("2026-11-01"), 3),
            [d("2026-11-05"), d("2026-11-19"), d("2026-12-03")]
        );
    }

    #[test]
    fn monthly_nth_and_last_weekday() {
        let first = session(Frequency::Monthly {
            week: WeekOfMonth::First,
            day: Weekday::Sat,
        });
        assert_eq!(
            first.next_dates(d("2026-11-21"), 2),
            [d("2026-12-05"), d("2027-01-02")]
        );
        let last = session(Frequency::Monthly {
            week: WeekOfMonth::Last,
            day: Weekday::Fri,
        });
        assert_eq!(
            last.next_dates(d("2026-11-01"), 2),
            [d("2026-11-27"), d("2026-12-25")]
        );
        assert_eq!(
            last.describe(d("2026-11-01")),
            "Last Friday of the month, 10am to 11:30am"
        );
    }

    #[test]
    fn dated_sessions_in_order() {
        let s = session(Frequency::Dates {
            dates: vec![d("2027-01-09"), d("2026-12-05"), d("2026-10-01")],
        });
        assert_eq!(
            s.next_dates(d("2026-11-21"), 5),
            [d("2026-12-05"), d("2027-01-09")]
        );
    }
}
