//! iCalendar files (RFC 5545): one for each activity with fixed sessions,
//! one for each PCN holding the activities run especially for its
//! patients, and one of the activities open to everyone in the region.
//!
//! Weekly sessions repeat with `FREQ=WEEKLY`, fortnightly ones with
//! `INTERVAL=2` from their first date, monthly ones on the nth weekday
//! (`BYDAY=2TU`, the last as `-1FR`); dated sessions are events of their
//! own. Times are local to Europe/London, whose rules the file carries, so
//! a 10am walk stays at 10am when the clocks change.

use chrono::{NaiveDate, NaiveTime};
use rayon::prelude::*;

use crate::content::activity::{Activity, PcnScope};
use crate::routes::urls::{Urls, path};
use crate::schedule::{Frequency, rrule_day};

use crate::routes::urls::path::CALENDAR as FILE;

/// Europe/London since 1996: summer time from 01:00 UTC on the last
/// Sunday of March to 01:00 UTC on the last Sunday of October.
const LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Writes every calendar, each as soon as it is made; returns their paths.
pub fn write(run: super::Run) -> anyhow::Result<Vec<String>> {
    let (dir, urls, today, reuse, sink) = (run.dir, run.urls, run.today, run.reuse, run.sink);
    if !dir.site.exports.calendars {
        return Ok(Vec::new());
    }
    let host = url::Url::parse(&dir.site.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "signpost".into());
    let with: Vec<super::Numbered> = dir
        .activities
        .values()
        .enumerate()
        .filter(|(_, a)| dir.has_calendar(a, today))
        .collect();
    // Each activity's events are made once, for its own calendar and for
    // those of the PCNs it is open to.
    let mut kept = reuse.kept("calendar", &with);
    let made: Vec<(String, super::Part)> = with
        .par_iter()
        .zip(kept.par_iter_mut())
        .map(|(&(at, a), kept)| {
            let path = path::beside_activity(&a.id, FILE);
            let events = reuse.part("calendar", (at, a), kept.take(), || {
                let events = events(a, urls, today, &host);
                sink.write(&path, calendar(&a.title, &events).as_bytes())?;
                Ok(events)
            })?;
            Ok((path, events))
        })
        .collect::<anyhow::Result<_>>()?;
    let (mut paths, events): (Vec<String>, Vec<super::Part>) = made.into_iter().unzip();
    // Each PCN's calendar holds the activities run especially for its
    // patients; those open to everyone in the region are in one calendar of
    // their own, as in the listings, rather than repeated in every PCN's.
    let mut groups: Vec<(String, String, Option<&str>)> = dir
        .pcns
        .values()
        .map(|p| {
            (
                format!("{}{FILE}", path::pcn(&p.id)),
                format!("Activities for patients of {}", p.name),
                Some(p.id.as_str()),
            )
        })
        .collect();
    groups.push((
        format!("{}{FILE}", path::region()),
        format!("Activities open to everyone in {}", dir.site.region),
        None,
    ));
    // Which events each group holds, found in one pass over the
    // activities (not one pass for each of a nation's 1,250 PCNs).
    let mut members: foldhash::HashMap<Option<&str>, Vec<usize>> = Default::default();
    for (n, (_, a)) in with.iter().enumerate() {
        match &a.pcns {
            PcnScope::All => members.entry(None).or_default().push(n),
            PcnScope::Listed(ids) => {
                let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                ids.sort_unstable();
                ids.dedup();
                for id in ids {
                    members.entry(Some(id)).or_default().push(n);
                }
            }
        }
    }
    let group_paths: Vec<String> = groups
        .par_iter()
        .map(|(path, name, pcn)| {
            sink.write_pieces(path, &mut |put| {
                put(head(name).as_str().into())?;
                for &n in members.get(pcn).into_iter().flatten() {
                    put(events[n].piece(0..events[n].len()))?;
                }
                put(END.into())
            })?;
            Ok(path.clone())
        })
        .collect::<anyhow::Result<_>>()?;
    paths.extend(group_paths);
    Ok(paths)
}

fn calendar(name: &str, events: &str) -> String {
    let mut out = head(name);
    out.push_str(events);
    out.push_str(END);
    out
}

/// A calendar's lines before its events.
fn head(name: &str) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Signpost//Social prescribing directory//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    out.push_str("X-WR-TIMEZONE:Europe/London\r\n");
    out.push_str(LONDON);
    out
}

/// A calendar's last line.
const END: &str = "END:VCALENDAR\r\n";

/// An activity's events: one for each repeating session, one for each date
/// of a dated session.
fn events(a: &Activity, urls: &Urls, today: NaiveDate, host: &str) -> String {
    let url = urls.absolute(&path::activity(&a.id));
    let description = [
        Some(a.summary.as_str()),
        a.schedule_notes.as_deref(),
        Some(url.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n\n");
    let location = a
        .venue
        .as_ref()
        .map(|v| v.one_line())
        .or_else(|| a.online.as_ref().map(|_| "Online".to_string()));
    let stamp = format!("{}T000000Z", today.format("%Y%m%d"));
    let mut out = String::new();
    for (n, session) in a.schedule.iter().enumerate() {
        let mut event =
            |uid: String, date: NaiveDate, rule: Option<String>, except: &[NaiveDate]| {
                out.push_str("BEGIN:VEVENT\r\n");
                line(&mut out, &format!("UID:{uid}@{host}"));
                line(&mut out, &format!("DTSTAMP:{stamp}"));
                line(
                    &mut out,
                    &format!("DTSTART;TZID=Europe/London:{}", local(date, session.start)),
                );
                line(
                    &mut out,
                    &format!("DTEND;TZID=Europe/London:{}", local(date, session.end)),
                );
                if let Some(rule) = rule {
                    line(&mut out, &format!("RRULE:{rule}"));
                }
                if !except.is_empty() {
                    let dates: Vec<String> =
                        except.iter().map(|d| local(*d, session.start)).collect();
                    line(
                        &mut out,
                        &format!("EXDATE;TZID=Europe/London:{}", dates.join(",")),
                    );
                }
                line(&mut out, &format!("SUMMARY:{}", text(&a.title)));
                line(
                    &mut out,
                    &format!("DESCRIPTION:{}", text(description.trim())),
                );
                if let Some(location) = &location {
                    line(&mut out, &format!("LOCATION:{}", text(location)));
                }
                line(&mut out, &format!("URL:{url}"));
                out.push_str("END:VEVENT\r\n");
            };
        match &session.frequency {
            Frequency::Dates { dates } => {
                for date in dates
                    .iter()
                    .filter(|d| **d >= today && session.occurs_on(**d))
                {
                    event(
                        format!("{}-{}-{}", a.id, n + 1, date.format("%Y%m%d")),
                        *date,
                        None,
                        &[],
                    );
                }
            }
            frequency => {
                let Some(first) = session.first_date(super::anchor(a, session, today)) else {
                    continue;
                };
                let mut rule = match frequency {
                    Frequency::Weekly { day } => format!("FREQ=WEEKLY;BYDAY={}", rrule_day(*day)),
                    Frequency::Fortnightly { day } => {
                        format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={}", rrule_day(*day))
                    }
                    Frequency::Monthly { week, day } => {
                        format!("FREQ=MONTHLY;BYDAY={}{}", week.nth(), rrule_day(*day))
                    }
                    Frequency::Dates { .. } => unreachable!("handled above"),
                };
                if let Some(until) = session.until {
                    // UNTIL is in UTC when the start has a time zone; the
                    // end of the last day takes in that day's session.
                    rule.push_str(&format!(";UNTIL={}T235959Z", until.format("%Y%m%d")));
                }
                let except: Vec<NaiveDate> = session
                    .except
                    .iter()
                    .copied()
                    .filter(|d| *d >= first && session.matches_pattern(*d))
                    .collect();
                event(format!("{}-{}", a.id, n + 1), first, Some(rule), &except);
            }
        }
    }
    out
}

fn local(date: NaiveDate, time: NaiveTime) -> String {
    format!("{}T{}", date.format("%Y%m%d"), time.format("%H%M%S"))
}

/// A TEXT value: backslashes, commas, semicolons and line breaks escaped
/// (so nothing in an entry can start a property of its own), control
/// characters left out.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets as RFC 5545 asks, never
/// inside a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_start_a_property_and_long_lines_fold() {
        assert_eq!(
            text("Tea, cake; chat\nEND:VEVENT\\"),
            "Tea\\, cake\\; chat\\nEND:VEVENT\\\\"
        );
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }
}
