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

/// A JSON object: the fields of `head`, then `name` holding `items`,
/// each already JSON text (or a run of them joined by commas). Joined as
/// text rather than embedded as `RawValue`s, which are parsed again to
/// check them: for 10,000 items, that is most of the time a feed takes.
/// Each item is freed as it is copied, so the whole is not held twice.
pub(crate) fn with_list(head: &impl serde::Serialize, name: &str, items: Vec<String>) -> String {
    let head = serde_json::to_string(head).expect("JSON");
    debug_assert!(head.ends_with('}'), "a JSON object");
    let size: usize = items.iter().map(|i| i.len() + 1).sum();
    let mut text = String::with_capacity(head.len() + name.len() + size + 8);
    text.push_str(&head[..head.len() - 1]);
    if head.len() > 2 {
        text.push(',');
    }
    text.push_str(&serde_json::to_string(name).expect("JSON"));
    text.push_str(":[");
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            text.push(',');
        }
        text.push_str(&item);
    }
    text.push_str("]}");
    text
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
