//! Checks for the small formats entries are written in: postcodes, phone
//! numbers, NHS codes, dates, times, web addresses. Each returns the value in
//! its canonical form, or a `Problem` that says what is wrong and how to fix
//! it in words a volunteer can follow.

use chrono::{NaiveDate, NaiveTime, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: String,
}

pub fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        help: help.into(),
    }
}

pub type Checked<T> = Result<T, Problem>;

/// A full UK postcode, normalised to capitals with one space: `NN1 5BD`.
pub fn postcode(text: &str) -> Checked<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let fail = || {
        problem(
            format!("\"{text}\" is not a full UK postcode"),
            "Write the whole postcode, like NN1 5BD: two to four letters and numbers, a space, then a number and two letters. You can look it up on the Royal Mail postcode finder.",
        )
    };
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return Err(fail());
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    if inward_ok && postcode_district(outward).is_some() {
        Ok(format!("{outward} {inward}"))
    } else {
        Err(fail())
    }
}

/// The outward code (district) of a postcode, like `NN1` or `EC1A`, if it has
/// the shape of one: one or two letters, a digit, then an optional letter or digit.
pub fn postcode_district(outward: &str) -> Option<String> {
    let upper = outward.trim().to_ascii_uppercase();
    let b = upper.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &b[letters..];
    let ok = (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest.len() <= 2
        && rest[0].is_ascii_digit()
        && rest[1..].iter().all(|c| c.is_ascii_alphanumeric());
    ok.then_some(upper)
}

/// A UK phone number: 10 or 11 digits starting with 0, or +44 and the rest.
/// Kept as written (people format numbers for reading), once checked.
pub fn uk_phone(text: &str) -> Checked<String> {
    let trimmed = text.trim();
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    let allowed = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || " -()+".contains(c));
    let national = if let Some(rest) = digits
        .strip_prefix("44")
        .filter(|_| trimmed.starts_with('+'))
    {
        format!("0{}", rest.trim_start_matches('0'))
    } else {
        digits
    };
    let valid = allowed
        && national.starts_with('0')
        && (10..=11).contains(&national.len())
        && !national.starts_with("00");
    if valid {
        Ok(trimmed.to_string())
    } else {
        Err(problem(
            format!("\"{text}\" is not a UK phone number"),
            "Write the number with its area code, like 01604 123456 or 07700 900123 (10 or 11 digits starting with 0). Put any extension or opening hours in the notes instead.",
        ))
    }
}

/// An email address.
pub fn email(text: &str) -> Checked<String> {
    let trimmed = text.trim().trim_start_matches("mailto:");
    let looks_right = trimmed.contains('@')
        && trimmed
            .rsplit('@')
            .next()
            .is_some_and(|domain| domain.contains('.') && !domain.ends_with('.'));
    if looks_right && email_address::EmailAddress::is_valid(trimmed) {
        Ok(trimmed.to_string())
    } else {
        Err(problem(
            format!("\"{text}\" is not an email address"),
            "Write the full address, like hello@example.org, with no spaces.",
        ))
    }
}

/// A web page address: `http://` or `https://` only.
pub fn web_address(text: &str) -> Checked<String> {
    address(text, &["https", "http"])
}

/// A link that may also be `mailto:` or `tel:` (never `javascript:` or `data:`).
pub fn link(text: &str) -> Checked<String> {
    address(text, &["https", "http", "mailto", "tel"])
}

fn address(text: &str, schemes: &[&str]) -> Checked<String> {
    let trimmed = text.trim();
    // Characters a browser's address bar would encode, and which would
    // break the page's HTML or the feeds if written as they are.
    if let Some(c) = trimmed.chars().find(|c| {
        matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')
            || c.is_whitespace()
            || c.is_control()
    }) {
        let encoded: String = trimmed
            .chars()
            .map(|c| match c {
                '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^' | ' ' => {
                    format!("%{:02X}", c as u32)
                }
                c => c.to_string(),
            })
            .collect();
        let shown = if c.is_whitespace() {
            "a space".to_string()
        } else {
            format!("`{c}`")
        };
        return Err(problem(
            format!("\"{text}\" has {shown} in it, which a web address cannot have"),
            if encoded.chars().any(|c| c.is_whitespace() || c.is_control()) {
                "Copy the address again from the browser's address bar.".to_string()
            } else {
                format!("Copy the address from the browser's address bar; it would be {encoded}")
            },
        ));
    }
    let allowed = schemes
        .iter()
        .map(|s| format!("{s}:"))
        .collect::<Vec<_>>()
        .join(", ");
    match url::Url::parse(trimmed) {
        Ok(url) if schemes.contains(&url.scheme()) => {
            let needs_host = matches!(url.scheme(), "http" | "https");
            // Browsers read `http:www.example.org` as a link relative to
            // the page, though the URL standard would repair it: the `//`
            // must be written.
            let after_scheme = trimmed.get(url.scheme().len() + 1..).unwrap_or("");
            if needs_host && !after_scheme.starts_with("//") {
                let fixed = format!(
                    "{}://{}",
                    url.scheme(),
                    after_scheme.trim_start_matches(['/', '\\'])
                );
                return Err(problem(
                    format!("\"{text}\" is missing the // after {}:", url.scheme()),
                    format!("Write it as {fixed}"),
                ));
            }
            if needs_host
                && !url
                    .host_str()
                    .is_some_and(|h| h.contains('.') || h == "localhost")
            {
                return Err(problem(
                    format!("\"{text}\" is not a complete web address"),
                    "Write the whole address as it appears in the browser, like https://www.example.org/walks.",
                ));
            }
            Ok(trimmed.to_string())
        }
        Ok(url) => Err(problem(
            format!("links starting \"{}:\" are not allowed", url.scheme()),
            format!("Use a web address starting https:// (links may start with {allowed})."),
        )),
        Err(_) if !trimmed.contains("://") && trimmed.contains('.') && !trimmed.contains(' ') => {
            Err(problem(
                format!("\"{text}\" needs https:// at the start"),
                format!(
                    "Write the full address, like https://{}.",
                    trimmed.trim_start_matches('/')
                ),
            ))
        }
        Err(_) => Err(problem(
            format!("\"{text}\" is not a web address"),
            "Write the whole address as it appears in the browser, like https://www.example.org/walks.",
        )),
    }
}

/// The first `max` characters of `text`, cut after the last whole word
/// and ended with `…`; `text` itself when it fits.
pub fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    // Leave room for the ellipsis.
    let end = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let cut = match head.rfind(char::is_whitespace) {
        Some(at) if at > 0 => &head[..at],
        _ => head,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-']))
}

/// An ISO date, `2026-09-14`.
pub fn date(text: &str) -> Checked<NaiveDate> {
    let trimmed = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
        && trimmed.len() == 10
    {
        return Ok(d);
    }
    // 21/07/2019 or 21-07-2019: the UK way of writing dates.
    let parts: Vec<&str> = trimmed.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts[..]
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>())
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(|_| y >= 1000)
    {
        return Err(problem(
            format!("the date \"{text}\" is written day first"),
            format!(
                "Write dates as year-month-day: {}.",
                date.format("%Y-%m-%d")
            ),
        ));
    }
    Err(problem(
        format!("\"{text}\" is not a date"),
        "Write dates as year-month-day with dashes, like 2026-09-14.",
    ))
}

/// A 24-hour time, `09:30` or `14:00`.
pub fn time(text: &str) -> Checked<NaiveTime> {
    let trimmed = text.trim();
    let shape_ok = trimmed.len() == 5 && trimmed.as_bytes()[2] == b':';
    if shape_ok && let Ok(t) = NaiveTime::parse_from_str(trimmed, "%H:%M") {
        return Ok(t);
    }
    Err(problem(
        format!("\"{text}\" is not a time in HH:MM form"),
        match suggest_time(trimmed) {
            Some(TimeGuess::Certain(s)) => format!("Use the 24-hour clock with a colon: \"{s}\"."),
            // Without am or pm, 1.30 may be 01:30 or 13:30: ask, never guess.
            Some(TimeGuess::Either(morning, later)) => format!(
                "Is that \"{morning}\" or \"{later}\"? Write the one you mean in the 24-hour clock, with a colon."
            ),
            None => "Use the 24-hour clock with a colon, like \"09:30\" or \"14:00\".".into(),
        },
    ))
}

/// What a time written another way could mean.
/// A time as people write it in a spreadsheet ("10am", "2.30pm", "14:00"),
/// when it can be read for certain; `None` when it cannot ("1.30", which
/// may be morning or afternoon).
pub fn clock(text: &str) -> Option<NaiveTime> {
    if let Ok(t) = time(text) {
        return Some(t);
    }
    match suggest_time(text.trim())? {
        TimeGuess::Certain(s) => time(&s).ok(),
        TimeGuess::Either(..) => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum TimeGuess {
    Certain(String),
    /// An hour from 1 to 12 with no am or pm, and no leading zero.
    Either(String, String),
}

/// Reads the ways people write times (`10am`, `2.30pm`, `9:30`, `1400`) to
/// suggest the right spelling.
fn suggest_time(text: &str) -> Option<TimeGuess> {
    let lower = text.to_ascii_lowercase().replace(' ', "");
    let (body, offset) = if let Some(b) = lower.strip_suffix("pm") {
        (b, Some(12))
    } else if let Some(b) = lower.strip_suffix("am") {
        (b, Some(0))
    } else {
        (lower.as_str(), None)
    };
    let (h, m) = match body.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        // `get`, not `[..2]`: the text may not be ASCII (`1½h`).
        None if body.len() == 4 => (body.get(..2)?.parse().ok()?, body.get(2..)?.parse().ok()?),
        None => (body.parse::<u32>().ok()?, 0),
    };
    if m >= 60 {
        return None;
    }
    let at = |h: u32| format!("{h:02}:{m:02}");
    match offset {
        Some(_) if h == 0 || h > 12 => None,
        Some(12) => Some(TimeGuess::Certain(at(if h == 12 { 12 } else { h + 12 }))),
        Some(_) => Some(TimeGuess::Certain(at(if h == 12 { 0 } else { h }))),
        None if h >= 24 => None,
        None if h == 0 || h > 12 || body.starts_with('0') => Some(TimeGuess::Certain(at(h))),
        None if h == 12 => Some(TimeGuess::Either(at(12), at(0))),
        None => Some(TimeGuess::Either(at(h), at(h + 12))),
    }
}

pub const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub fn weekday(text: &str) -> Checked<Weekday> {
    let lower = text.trim().to_ascii_lowercase();
    if let Some(i) = DAYS.iter().position(|d| *d == lower) {
        return Ok(Weekday::try_from(i as u8).unwrap_or(Weekday::Mon));
    }
    let guess = DAYS
        .iter()
        .find(|d| lower.len() >= 2 && (d.starts_with(&lower) || lower.starts_with(*d)))
        .or_else(|| {
            // `get`, not `[..3]`: the text may not be ASCII (`mié`).
            let prefix = lower.get(..3)?;
            DAYS.iter().find(|d| d.starts_with(prefix))
        });
    Err(problem(
        format!("\"{text}\" is not a day of the week"),
        match guess {
            Some(d) => format!("Write the day in full, in lowercase: {d}."),
            None => "Write the day in full, in lowercase: monday, tuesday, … sunday.".into(),
        },
    ))
}

/// An NHS ODS code for a GP practice: a letter and five digits (`K83002`).
pub fn ods_code(text: &str) -> Checked<String> {
    code(text, |c| c.is_ascii_alphabetic()).ok_or_else(|| {
        problem(
            format!("\"{text}\" is not a GP practice ODS code"),
            "A practice code is a letter followed by five digits, like K83002. You can find it on the NHS Organisation Data Service (ODS) portal.",
        )
    })
}

/// An NHS PCN code: `U` and five digits (`U79464`).
pub fn pcn_code(text: &str) -> Checked<String> {
    code(text, |c| c.eq_ignore_ascii_case(&'U')).ok_or_else(|| {
        problem(
            format!("\"{text}\" is not a PCN code"),
            "A PCN code is the letter U followed by five digits, like U79464.",
        )
    })
}

fn code(text: &str, first: impl Fn(&char) -> bool) -> Option<String> {
    let trimmed = text.trim();
    let mut chars = trimmed.chars();
    let ok = chars.next().is_some_and(|c| first(&c))
        && trimmed.len() == 6
        && chars.all(|c| c.is_ascii_digit());
    ok.then(|| trimmed.to_ascii_uppercase())
}

/// A Charity Commission number (6–8 digits, maybe `-1` for a linked charity)
/// or a Scottish / Northern Irish one (`SC012345`, `NIC100000`).
pub fn charity_number(text: &str) -> Checked<String> {
    let t = text.trim().to_ascii_uppercase();
    let (main, suffix) = t.split_once('-').unwrap_or((&t, "0"));
    let digits_ok = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
    };
    let ok = (digits_ok(main, 6..=8)
        || main.strip_prefix("SC").is_some_and(|r| digits_ok(r, 6..=6))
        || main
            .strip_prefix("NIC")
            .is_some_and(|r| digits_ok(r, 6..=6)))
        && digits_ok(suffix, 1..=2);
    if ok {
        Ok(t)
    } else {
        Err(problem(
            format!("\"{text}\" is not a registered charity number"),
            "Write the number from the charity register, like 1123456 (or SC012345 in Scotland). Leave the field out if the group is not a registered charity.",
        ))
    }
}

/// A Companies House number: 8 characters, digits or two letters then six digits.
pub fn company_number(text: &str) -> Checked<String> {
    let t = text.trim().to_ascii_uppercase();
    let ok = t.len() == 8
        && t.is_ascii()
        && t[2..].chars().all(|c| c.is_ascii_digit())
        && t[..2].chars().all(|c| c.is_ascii_alphanumeric());
    if ok {
        Ok(t)
    } else {
        Err(problem(
            format!("\"{text}\" is not a Companies House number"),
            "A company number has 8 characters, like 01234567 or SC123456; keep any leading zeros and put the value in quotes.",
        ))
    }
}

/// An entry id: the file name, a lowercase slug.
pub fn id(stem: &str) -> Checked<()> {
    let suggested = slug::slugify(stem);
    if suggested == stem && !stem.is_empty() {
        Ok(())
    } else {
        let help = if suggested.is_empty() {
            "Rename the file using lowercase letters, digits and hyphens, like tuesday-walk.yaml."
                .to_string()
        } else {
            format!(
                "Rename the file to \"{suggested}\" (lowercase letters, digits and hyphens only), keeping its extension."
            )
        };
        Err(problem(
            format!("the file name \"{stem}\" is not a valid id"),
            help,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_with_characters_html_cannot_hold_is_refused() {
        let err = web_address("https://example.org/a\"b").unwrap_err();
        assert!(err.message.contains("has `\"` in it"), "{}", err.message);
        assert!(
            err.help.contains("https://example.org/a%22b"),
            "{}",
            err.help
        );
        assert!(
            web_address("https://example.org/a b")
                .unwrap_err()
                .message
                .contains("has a space")
        );
        assert!(web_address("https://example.org/walks?day=tue").is_ok());
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(cut_at_word("A short one.", 20), "A short one.");
        assert_eq!(
            cut_at_word("Walk and talk in the park, then tea", 20),
            "Walk and talk in…"
        );
        assert_eq!(cut_at_word("Supercalifragilistic", 10), "Supercali…");
        assert!(cut_at_word(&"word ".repeat(100), 200).chars().count() <= 200);
    }

    #[test]
    fn web_addresses_need_their_slashes() {
        for (bad, fixed) in [
            ("http:www.example.org", "http://www.example.org"),
            (
                "https:/www.example.org/walks",
                "https://www.example.org/walks",
            ),
            ("HTTPS:www.example.org", "https://www.example.org"),
        ] {
            let p = web_address(bad).unwrap_err();
            assert_eq!(p.help, format!("Write it as {fixed}"), "{bad}");
        }
        assert!(web_address("https://www.example.org/walks").is_ok());
    }

    #[test]
    fn postcodes_normalise_and_reject() {
        assert_eq!(postcode("nn1 5bd").unwrap(), "NN1 5BD");
        assert_eq!(postcode("NN15BD").unwrap(), "NN1 5BD");
        assert_eq!(postcode("EC1A 1BB").unwrap(), "EC1A 1BB");
        assert_eq!(postcode("NN16 0AP").unwrap(), "NN16 0AP");
        for bad in [
            "NN1", "NN1 XYZ", "12345", "N 5BD", "NNN1 5BD", "ÑN1 5BD", "",
        ] {
            assert!(postcode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for good in [
            "01632 960123",
            "07700 900123",
            "+44 1632 960123",
            "(01604) 123456",
            "0300 123 4567",
        ] {
            assert!(uk_phone(good).is_ok(), "{good}");
        }
        for bad in [
            "123",
            "01632 96012345",
            "call us",
            "1632 960123",
            "+1 555 1234567",
        ] {
            assert!(uk_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(email("hello@example.org").is_ok());
        for bad in ["hello", "hello@", "hello@example", "he llo@example.org"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn addresses_allow_only_safe_schemes() {
        assert!(web_address("https://example.org/walks").is_ok());
        assert!(link("mailto:hello@example.org").is_ok());
        assert!(link("tel:01632960123").is_ok());
        let js = link("javascript:alert(1)").unwrap_err();
        assert_eq!(js.message, "links starting \"javascript:\" are not allowed");
        assert!(link("data:text/html,hi").is_err());
        assert!(web_address("mailto:a@example.org").is_err());
        let bare = web_address("www.example.org").unwrap_err();
        assert_eq!(
            bare.message,
            "\"www.example.org\" needs https:// at the start"
        );
        assert!(bare.help.contains("https://www.example.org"));
        assert!(web_address("https://nodot").is_err());
    }

    #[test]
    fn dates_and_uk_dates() {
        assert_eq!(
            date("2026-09-14").unwrap(),
            NaiveDate::from_ymd_opt(2026, 9, 14).unwrap()
        );
        let uk = date("21/07/2019").unwrap_err();
        assert_eq!(uk.help, "Write dates as year-month-day: 2019-07-21.");
        assert!(date("2026-02-30").is_err());
        assert!(date("soon").is_err());
    }

    #[test]
    fn times_and_suggestions() {
        assert_eq!(
            time("09:30").unwrap(),
            NaiveTime::from_hms_opt(9, 30, 0).unwrap()
        );
        // No am or pm, and no leading zero: a question, never a guess.
        assert_eq!(
            time("9:30").unwrap_err().help,
            "Is that \"09:30\" or \"21:30\"? Write the one you mean in the 24-hour clock, with a colon."
        );
        assert!(
            time("1.30")
                .unwrap_err()
                .help
                .contains("\"01:30\" or \"13:30\"")
        );
        assert!(time("0930").unwrap_err().help.contains("colon: \"09:30\""));
        assert!(time("1400").unwrap_err().help.contains("colon: \"14:00\""));
        assert!(time("12am").unwrap_err().help.contains("colon: \"00:00\""));
        assert!(time("10am").unwrap_err().help.contains("\"10:00\""));
        assert!(time("2.30pm").unwrap_err().help.contains("\"14:30\""));
        assert!(time("12pm").unwrap_err().help.contains("\"12:00\""));
        assert!(time("25:00").is_err());
    }

    #[test]
    fn weekdays_and_suggestions() {
        assert_eq!(weekday("Tuesday").unwrap(), Weekday::Tue);
        assert_eq!(weekday("sunday").unwrap(), Weekday::Sun);
        assert!(weekday("Mondays").unwrap_err().help.ends_with("monday."));
        assert!(weekday("mon").unwrap_err().help.ends_with("monday."));
        assert!(weekday("thurs").unwrap_err().help.ends_with("thursday."));
    }

    #[test]
    fn nhs_and_register_codes() {
        assert_eq!(ods_code("k83002").unwrap(), "K83002");
        assert!(ods_code("K8300").is_err());
        assert!(ods_code("183002").is_err());
        assert_eq!(pcn_code("U79464").unwrap(), "U79464");
        assert!(pcn_code("K79464").is_err());
        assert!(charity_number("1123456").is_ok());
        assert!(charity_number("1123456-1").is_ok());
        assert!(charity_number("SC012345").is_ok());
        assert!(charity_number("12").is_err());
        assert!(company_number("01234567").is_ok());
        assert!(company_number("SC123456").is_ok());
        assert!(company_number("1234567").is_err());
    }

    #[test]
    fn ids_suggest_a_slug() {
        assert!(id("tuesday-walk").is_ok());
        assert!(
            id("Tuesday Walk")
                .unwrap_err()
                .help
                .contains("\"tuesday-walk\"")
        );
        assert!(id("").is_err());
    }
}
