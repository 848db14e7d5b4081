//! An activity's `schedule`: one or two sessions, weekly, fortnightly,
//! monthly or on listed dates, some with start and end dates and with
//! exceptions around Christmas.

use chrono::{Datelike, Days, NaiveDate};

use super::markup::field;
use super::rng::Rng;
use super::today;
use signpost::formats::DAYS as DAY_NAMES;

/// Writes `schedule:` and its sessions, then sometimes `schedule_notes`.
pub(super) fn schedule(out: &mut String, rng: &mut Rng) {
    out.push_str("schedule:\n");
    let sessions = if rng.chance(18) { 2 } else { 1 };
    let mut days_used = Vec::new();
    for _ in 0..sessions {
        session(out, rng, &mut days_used);
    }
    if rng.chance(20) {
        field(out, "schedule_notes", rng.pick(SCHEDULE_NOTES));
    }
}

/// Writes one session of a schedule, on a day not used yet.
fn session(out: &mut String, rng: &mut Rng, days_used: &mut Vec<usize>) {
    let mut day = if rng.chance(85) {
        rng.below(5)
    } else {
        rng.range(5, 6)
    };
    while days_used.contains(&day) {
        day = (day + 1) % 7;
    }
    days_used.push(day);
    let day_name = DAY_NAMES[day];
    let start = rng.range(18, 37) * 30; // 09:00 to 18:30, in minutes
    let end = start + rng.range(2, 6) * 30;
    let times = format!(
        "    start: \"{:02}:{:02}\"\n    end: \"{:02}:{:02}\"\n",
        start / 60,
        start % 60,
        end / 60,
        end % 60
    );
    // The first `day` on or after `d`.
    let on_or_after = |d: NaiveDate| {
        let ahead = (7 + day as i64 - d.weekday().num_days_from_monday() as i64) % 7;
        d + Days::new(ahead as u64)
    };
    let christmas_week = date(2026, 12, 21); // a Monday
    match rng.below(100) {
        0..=49 => {
            out.push_str(&format!(
                "  - frequency: weekly\n    day: {day_name}\n{times}"
            ));
            let from = rng
                .chance(30)
                .then(|| on_or_after(date(2025, 9, 1) + Days::new(rng.below(440) as u64)));
            if let Some(from) = from {
                out.push_str(&format!("    from: {from}\n"));
            }
            if rng.chance(15) {
                let until =
                    from.unwrap_or(today()).max(today()) + Days::new(rng.range(30, 300) as u64);
                out.push_str(&format!("    until: {until}\n"));
            }
            if rng.chance(20) {
                let first = christmas_week + Days::new(day as u64);
                if rng.chance(50) {
                    out.push_str(&format!("    except: [{first}]\n"));
                } else {
                    out.push_str(&format!(
                        "    except: [{first}, {}]\n",
                        first + Days::new(7)
                    ));
                }
            }
        }
        50..=64 => {
            let from = on_or_after(date(2026, 1, 5) + Days::new(rng.below(320) as u64));
            out.push_str(&format!(
                "  - frequency: fortnightly\n    day: {day_name}\n{times}    from: {from}\n"
            ));
            if rng.chance(20) {
                let fortnights = (christmas_week - from).num_days() / 14 + 1;
                let skipped = from + Days::new(fortnights as u64 * 14);
                out.push_str(&format!("    except: [{skipped}]\n"));
            }
        }
        65..=84 => {
            let week = rng.pick(&["first", "second", "third", "fourth", "last"]);
            out.push_str(&format!(
                "  - frequency: monthly\n    week: {week}\n    day: {day_name}\n{times}"
            ));
            if rng.chance(10) {
                let until = today() + Days::new(rng.range(60, 400) as u64);
                out.push_str(&format!("    until: {until}\n"));
            }
        }
        _ => {
            let first = on_or_after(date(2026, 9, 1) + Days::new(rng.below(150) as u64));
            let count = rng.range(1, 6);
            let mut dates = Vec::with_capacity(count);
            let mut d = first;
            for _ in 0..count {
                dates.push(d.to_string());
                d = d + Days::new(7 * rng.range(2, 6) as u64);
            }
            out.push_str(&format!(
                "  - frequency: dates\n    dates: [{}]\n{times}",
                dates.join(", ")
            ));
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

const SCHEDULE_NOTES: &[&str] = &[
    "Not on bank holidays.",
    "No sessions in August.",
    "Closed between Christmas and New Year.",
    "Sessions may move if the hall is needed for a funeral; we will let you know.",
    "Please arrive ten minutes early for your first session.",
    "Term time only.",
];
