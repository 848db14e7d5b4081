//! Files for other services and machines, each a pure function of the
//! directory: sitemaps, job structured data and feeds; calendars and Open
//! Referral UK later.

pub mod calendar;
pub mod feed;
pub mod jobposting;
pub mod openreferral;
pub mod qr;
pub mod sitemap;
pub mod spreadsheet;
pub mod structured;

/// Where a session's repetition starts in a calendar or a feed: its
/// `from`, else the activity's review date (which stays put between
/// builds), else today.
pub fn anchor(
    a: &crate::content::activity::Activity,
    session: &crate::schedule::Session,
    today: chrono::NaiveDate,
) -> chrono::NaiveDate {
    session
        .from
        .or(a.last_reviewed.map(|d| d.min(today)))
        .unwrap_or(today)
}

/// Text for XML: markup characters escaped, and characters XML 1.0 does not
/// allow (most control characters) left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
