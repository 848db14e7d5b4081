//! What templates show, computed in Rust: every value ready to print, so
//! templates hold layout, not logic.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Site;
use crate::content::Directory;
use crate::content::activity::{Activity, PcnScope, Status};
use crate::content::common::{Contact, Venue};
use crate::content::job::{Contract, Job, Period};
use crate::markdown;
pub use crate::routes::Link;
use crate::routes::urls::{Urls, path};
use crate::schedule::{capitalised, day_name};

/// How much a word found in a part of an activity counts in search, best
/// last. Stored as 2 bits with each hit; `search.js` weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Weight {
    Description = 0,
    SummaryOrOrganisation = 1,
    Category = 2,
    Title = 3,
}

/// The text of an activity that search finds, with what each part counts
/// for: the parts its page and card show. A field shown on the page is
/// made searchable here, beside its view.
pub fn activity_words<'a>(
    dir: &'a Directory,
    a: &'a Activity,
) -> Vec<(std::borrow::Cow<'a, str>, Weight)> {
    use std::borrow::Cow::Borrowed;
    let mut words = vec![(Borrowed(a.title.as_str()), Weight::Title)];
    for id in &a.categories {
        if let Some(c) = dir.site.categories.iter().find(|c| &c.id == id) {
            words.push((Borrowed(c.label.as_str()), Weight::Category));
        }
    }
    // Who it is for counts like a category: "autism" should find the
    // services for autistic people first.
    for (ids, terms) in [
        (
            a.who_for
                .iter()
                .flat_map(|w| &w.audiences)
                .collect::<Vec<_>>(),
            &dir.site.audiences,
        ),
        (a.languages.iter().collect(), &dir.site.languages),
    ] {
        for id in ids {
            if let Some(t) = terms.iter().find(|t| &t.id == id) {
                words.push((Borrowed(t.label.as_str()), Weight::Category));
            }
        }
    }
    words.push((Borrowed(a.summary.as_str()), Weight::SummaryOrOrganisation));
    if let Some(o) = dir.organisations.get(&a.organisation) {
        words.push((Borrowed(o.name.as_str()), Weight::SummaryOrOrganisation));
    }
    words.push((Borrowed(a.description_text()), Weight::Description));
    words
}

/// A vocabulary term's label, or its id if the site has no such term.
pub fn term_label(terms: &[crate::config::Feature], id: &str) -> String {
    terms
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_string(), |t| t.label.clone())
}

/// What an activity costs, in words; when nobody has said, what to do.
pub fn cost_text(a: &Activity) -> String {
    a.cost.as_ref().map_or_else(
        || "Ask the organisation about cost".to_string(),
        |c| c.text.clone(),
    )
}

/// When an activity happens, a line each: its sessions, or how it is
/// available (by appointment, opening hours, 24 hours, ask for times).
pub fn when_lines(a: &Activity, today: NaiveDate) -> Vec<String> {
    let mut lines: Vec<String> = a
        .schedule
        .iter()
        .map(|s| s.describe(today))
        .chain(a.availability.describe())
        .collect();
    let closures: Vec<String> = a
        .availability
        .closures(today)
        .into_iter()
        .map(day_and_date)
        .collect();
    if !closures.is_empty() {
        lines.push(format!("Closed on {}", and_list(&closures)));
    }
    lines
}

/// Where an activity happens, for its card: the venue, and the other ways
/// it reaches people.
pub fn place(a: &Activity) -> String {
    place_led_by(a, a.venue.as_ref())
}

/// [`place`], naming `lead` (one of the activity's venues) first: the
/// nearest one, on a page of activities near a district.
pub fn place_led_by(a: &Activity, lead: Option<&Venue>) -> String {
    let mut ways: Vec<String> = Vec::new();
    if let Some(v) = lead {
        // The town, which UK addresses end with ("Park Road, Testtown"),
        // unless the venue's name already says it.
        let town = v
            .address
            .rsplit_once(',')
            .map(|(_, t)| t.trim())
            .filter(|t| !t.is_empty() && !v.name.contains(*t));
        let named = [Some(v.name.as_str()), town, v.postcode.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        ways.push(match a.more_venues.len() {
            0 => named,
            n => format!(
                "{named}, and {n} more {}",
                if n == 1 { "place" } else { "places" }
            ),
        });
    }
    if a.online.is_some() {
        ways.push("online".into());
    }
    if a.by_phone.is_some() {
        ways.push("by phone".into());
    }
    if let Some(h) = &a.home_visits {
        ways.push(format!("home visits in {}", h.area));
    }
    let text = match ways.as_slice() {
        [] => "Contact the organisation to ask where".to_string(),
        [only] if only == "online" => "Online or by phone".to_string(),
        _ => and_list(&ways),
    };
    capitalised(&text)
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The area an activity covers, in words, naming each district's towns
/// unless the entry describes the area itself.
fn area_served(area: &crate::content::activity::AreaServed) -> String {
    let districts = match area.districts.len() {
        0 => None,
        1 => Some(format!("postcode district {}", area.districts[0])),
        _ => Some(format!("postcode districts {}", and_list(&area.districts))),
    };
    match (&area.description, districts) {
        (Some(d), Some(ds)) => format!("{d} ({ds})"),
        (Some(d), None) => d.clone(),
        (None, _) => {
            let named: Vec<String> = area
                .districts
                .iter()
                .map(|code| match crate::postcodes::district(code) {
                    Some(d) => format!("{code} ({})", d.area),
                    None => code.clone(),
                })
                .collect();
            format!(
                "Postcode {} {}",
                if named.len() == 1 {
                    "district"
                } else {
                    "districts"
                },
                and_list(&named)
            )
        }
    }
}

pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "Friday 25 December 2026".
pub fn day_and_date(date: NaiveDate) -> String {
    format!(
        "{} {}",
        capitalised(day_name(chrono::Datelike::weekday(&date))),
        long_date(date)
    )
}

/// A phone number as a `tel:` link target.
pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .replace("(0)", "")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub phone_href: Option<String>,
    pub email: Option<String>,
    pub email_href: Option<String>,
    pub website: Option<String>,
}

pub fn contact(c: &Contact) -> ContactView {
    ContactView {
        name: c.name.clone(),
        role: c.role.clone(),
        phone: c.phone.clone(),
        phone_href: c.phone.as_deref().map(tel),
        email: c.email.clone(),
        email_href: c.email.as_ref().map(|e| format!("mailto:{e}")),
        website: c.website.clone(),
    }
}

/// "Page last reviewed / Next review due", and whether it is overdue.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub last_reviewed: String,
    pub next_due: String,
    pub overdue: bool,
}

pub fn review(site: &Site, last: NaiveDate, today: NaiveDate) -> Review {
    let due = site.review_due(last);
    Review {
        last_reviewed: long_date(last),
        next_due: long_date(due),
        overdue: due < today,
    }
}

/// An activity as a card in listings. Rendered once per activity and reused
/// by every listing that shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub organisation: String,
    pub when: String,
    pub place: String,
    pub cost: String,
    pub free: bool,
    /// For free activities, what the cost text says besides "free"
    /// ("Free, donations welcome" gives "Donations welcome").
    pub free_note: Option<String>,
    pub paused: bool,
    /// How far away, on "Activities near …" pages.
    pub distance: Option<String>,
    /// On a district's page, for a service that covers the district
    /// rather than being near it: "Covers NN11".
    pub coverage: Option<String>,
}

pub fn activity_card(dir: &Directory, a: &Activity, urls: &Urls, today: NaiveDate) -> ActivityCard {
    let lines = when_lines(a, today);
    let when = match lines.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, rest @ ..] => format!(
            "{first} (and {} more {})",
            rest.len(),
            if rest.len() == 1 { "time" } else { "times" }
        ),
    };
    let place = place(a);
    ActivityCard {
        title: a.title.clone(),
        url: urls.link(&path::activity(&a.id)),
        summary: crate::formats::cut_at_word(&a.summary, crate::content::activity::SUMMARY_LIMIT),
        organisation: dir
            .organisations
            .get(&a.organisation)
            .map_or_else(|| a.organisation.clone(), |o| o.name.clone()),
        when,
        place,
        cost: cost_text(a),
        free: a.cost.as_ref().is_some_and(|c| c.free),
        free_note: a
            .cost
            .as_ref()
            .filter(|c| c.free)
            .map(|c| {
                c.text
                    .get(4..)
                    .unwrap_or("")
                    .trim_start_matches([',', ';', ':', '-', '–', '.', ' '])
            })
            .filter(|note| !note.is_empty())
            .map(capitalised),
        paused: a.status == Status::Paused,
        distance: None,
        coverage: None,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityPage {
    pub id: String,
    pub title: String,
    /// "Report a problem with this page", and "Update this listing".
    pub feedback: Feedback,
    /// Its calendar file, when it meets at fixed sessions.
    pub calendar_url: Option<String>,
    /// Its page's full address, and the QR code of it, for print.
    pub address: String,
    pub qr_url: String,
    pub summary: String,
    pub description_html: String,
    pub status: &'static str,
    pub organisation: Link,
    pub categories: Vec<Link>,
    pub all_pcns: bool,
    /// Where people must live, in words: "Daventry (postcode districts NN11
    /// and NN12)".
    pub area_served: Option<String>,
    pub region_url: String,
    /// The PCNs it is open to, each with the names of its GP practices:
    /// a patient knows their practice, rarely its PCN.
    pub pcns: Vec<PcnPractices>,
    pub sessions: Vec<String>,
    pub next_dates: Vec<String>,
    pub schedule_notes: Option<String>,
    pub venue: Option<VenueView>,
    /// Its other venues, for an activity held at several places.
    pub more_venues: Vec<VenueView>,
    pub online: Option<OnlineView>,
    pub by_phone: Option<ByPhoneView>,
    pub home_visits: Option<crate::content::common::HomeVisits>,
    pub cost: String,
    pub who_for: Option<String>,
    /// Who it is for, from site.yaml's `audiences`.
    pub audiences: Vec<String>,
    /// The languages it is held in.
    pub languages: Vec<String>,
    pub how_to_join: Vec<String>,
    pub how_to_join_details: Option<String>,
    /// The one thing to do next, as NHS.UK's action link: call, email or
    /// go to the website.
    pub join_action: Option<Link>,
    pub contact: ContactView,
    pub accessibility: Vec<String>,
    pub accessibility_notes: Option<String>,
    /// `None` when nobody has checked the details yet.
    pub review: Option<Review>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VenueView {
    pub name: String,
    pub address: String,
    pub postcode: Option<String>,
    /// A `geo:` link, which a phone opens in its own maps app, and the
    /// Apple Maps link that Apple's phones open in theirs (`directions.js`
    /// picks it there). Neither loads anything into the page.
    pub directions: String,
    pub apple_maps: String,
    /// This venue's own access features and notes, when it lists them.
    pub accessibility: Vec<String>,
    pub accessibility_notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PcnPractices {
    pub label: String,
    pub url: String,
    pub practices: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ByPhoneView {
    pub number: Option<String>,
    pub number_href: Option<String>,
    pub details: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OnlineView {
    pub url: Option<String>,
    pub details: Option<String>,
}

pub fn activity_page(dir: &Directory, a: &Activity, urls: &Urls, today: NaiveDate) -> ActivityPage {
    let site = &dir.site;
    let venue_view = |v: &Venue| VenueView {
        name: v.name.clone(),
        address: v.address.clone(),
        postcode: v.postcode.clone(),
        directions: directions(v),
        apple_maps: apple_maps(v),
        accessibility: v
            .accessibility
            .iter()
            .flat_map(|x| &x.features)
            .map(|f| term_label(&site.accessibility_features, f))
            .collect(),
        accessibility_notes: v.accessibility.as_ref().and_then(|x| x.notes.clone()),
    };
    let pcns = match &a.pcns {
        PcnScope::All => Vec::new(),
        PcnScope::Listed(ids) => ids
            .iter()
            .filter_map(|id| dir.pcns.get(id))
            .map(|p| PcnPractices {
                label: p.name.clone(),
                url: urls.link(&path::pcn(&p.id)),
                practices: dir
                    .index
                    .practices_in(&p.id)
                    .iter()
                    .filter_map(|id| dir.practices.get(id))
                    .map(|practice| practice.name.clone())
                    .collect(),
            })
            .collect(),
    };
    let next = next_dates(a, today, 4);
    let how = how_to_join_lines(a);
    ActivityPage {
        id: a.id.clone(),
        feedback: feedback(
            dir,
            crate::kind::Kind::Activity,
            &a.id,
            &a.title,
            urls,
            &path::activity(&a.id),
        ),
        address: urls.absolute(&path::activity(&a.id)),
        qr_url: urls.link(&format!("{}qr.svg", path::activity(&a.id))),
        calendar_url: dir
            .has_calendar(a, today)
            .then(|| urls.link(&format!("{}{}", path::activity(&a.id), path::CALENDAR))),
        title: a.title.clone(),
        summary: a.summary.clone(),
        description_html: markdown::to_html(&a.description, 3),
        // An activity whose sessions have all finished reads as ended.
        status: match a.status {
            _ if !a.is_current(today) => "ended",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Ended => "ended",
        },
        organisation: Link {
            label: dir
                .organisations
                .get(&a.organisation)
                .map_or_else(|| a.organisation.clone(), |o| o.name.clone()),
            url: urls.link(&path::organisation(&a.organisation)),
        },
        categories: if a.categories.is_empty() {
            // Listed under "Other", so its page links there too.
            vec![Link {
                label: "Other".into(),
                url: urls.link(&path::other_category()),
            }]
        } else {
            a.categories
                .iter()
                .map(|c| Link {
                    label: site
                        .categories
                        .iter()
                        .find(|t| t.id == *c)
                        .map_or_else(|| c.clone(), |t| t.label.clone()),
                    url: urls.link(&path::category(c)),
                })
                .collect()
        },
        all_pcns: a.pcns == PcnScope::All,
        area_served: a.area_served.as_ref().map(area_served),
        region_url: urls.link(&path::region()),
        pcns,
        sessions: when_lines(a, today),
        next_dates: next.iter().map(|d| day_and_date(*d)).collect(),
        schedule_notes: match (&a.schedule_notes, &a.availability_notes) {
            (Some(s), Some(n)) => Some(format!("{s} {n}")),
            (s, n) => s.clone().or_else(|| n.clone()),
        },
        venue: a.venue.as_ref().map(venue_view),
        more_venues: a.more_venues.iter().map(venue_view).collect(),
        online: a.online.as_ref().map(|o| OnlineView {
            url: o.url.clone(),
            details: o.details.clone(),
        }),
        by_phone: a.by_phone.as_ref().map(|p| {
            // The contact's number, unless the service gives its own.
            let number = p.number.clone().or_else(|| a.contact.phone.clone());
            ByPhoneView {
                number_href: number.as_deref().map(tel),
                number,
                details: p.details.clone(),
            }
        }),
        home_visits: a.home_visits.clone(),
        cost: cost_text(a),
        who_for: who_for_text(a),
        audiences: a
            .who_for
            .iter()
            .flat_map(|w| &w.audiences)
            .map(|id| term_label(&site.audiences, id))
            .collect(),
        languages: a
            .languages
            .iter()
            .map(|id| term_label(&site.languages, id))
            .collect(),
        how_to_join: how,
        how_to_join_details: a.how_to_join.as_ref().and_then(|j| j.details.clone()),
        join_action: join_action(a),
        contact: contact(&a.contact),
        accessibility: a
            .accessibility
            .features
            .iter()
            .map(|f| term_label(&site.accessibility_features, f))
            .collect(),
        accessibility_notes: a.accessibility.notes.clone(),
        review: a.last_reviewed.map(|last| review(site, last, today)),
    }
}

/// How the public tells the directory about a page: a new issue in the
/// content's repository, or an email to the site's contact; and, with a
/// repository, a link to edit the entry's file in the forge's web editor.
#[derive(Debug, Clone, Serialize)]
pub struct Feedback {
    pub report: String,
    pub edit: Option<String>,
}

pub fn feedback(
    dir: &Directory,
    kind: crate::kind::Kind,
    id: &str,
    title: &str,
    urls: &Urls,
    page: &str,
) -> Feedback {
    let file = dir.file_of(kind, id).to_string();
    let address = urls.absolute(page);
    let subject = format!("Problem with \"{title}\"");
    let body = format!("Page: {address}\n\nWhat is wrong, and what should it say?\n\n");
    match &dir.site.repository {
        Some(repo) => Feedback {
            report: repo.new_issue_link(&subject, &format!("{body}File: {file}\n")),
            edit: Some(repo.edit_link(&file)),
        },
        None => Feedback {
            report: format!(
                "mailto:{}?subject={}&body={}",
                dir.site.contact_email,
                crate::config::query(&subject),
                crate::config::query(&body)
            ),
            edit: None,
        },
    }
}

/// The next `count` dates of an activity's sessions, soonest first.
pub fn next_dates(a: &Activity, today: NaiveDate, count: usize) -> Vec<NaiveDate> {
    let mut next: Vec<NaiveDate> = a
        .schedule
        .iter()
        .flat_map(|s| s.next_dates(today, count))
        .collect();
    next.sort();
    next.dedup();
    next.truncate(count);
    next
}

/// Who an activity is for, in words: its ages and who may come.
pub fn who_for_text(a: &Activity) -> Option<String> {
    a.who_for.as_ref().and_then(|w| {
        let ages = match (w.age_min, w.age_max) {
            (Some(min), Some(max)) => Some(format!("Ages {min} to {max}.")),
            (Some(min), None) => Some(format!("Ages {min} and over.")),
            (None, Some(max)) => Some(format!("Ages up to {max}.")),
            (None, None) => None,
        };
        let parts: Vec<String> = ages.into_iter().chain(w.eligibility.clone()).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    })
}

/// What to do to join, as one link: to book when booking is needed, else
/// to ask. The phone first (what most people reach for), then email, then
/// the website. `None` when there is no way to get in touch, or when a
/// link worker's referral is the only way in (the page says so).
fn join_action(a: &Activity) -> Option<Link> {
    let join = a.how_to_join.as_ref();
    if join.is_some_and(|j| j.link_worker_referral && !j.self_referral && !j.booking_required) {
        return None;
    }
    let book = join.is_some_and(|j| j.booking_required);
    let why = if book {
        "to book a place"
    } else {
        "to ask about joining"
    };
    let c = &a.contact;
    if let Some(phone) = &c.phone {
        return Some(Link {
            label: format!("Call {phone} {why}"),
            url: tel(phone),
        });
    }
    if let Some(email) = &c.email {
        return Some(Link {
            label: format!("Email {email} {why}"),
            url: format!("mailto:{email}"),
        });
    }
    c.website.as_ref().map(|web| Link {
        label: if book {
            "Book on their website".into()
        } else {
            "Find out more on their website".into()
        },
        url: web.clone(),
    })
}

/// Where a venue is, as maps apps search for it: its name, address and
/// postcode (the links below use its coordinates instead when known).
fn map_query(v: &Venue) -> String {
    crate::config::query(&v.one_line())
}

/// A `geo:` URI (RFC 5870, with the `q` search Android's maps apps read).
fn directions(v: &Venue) -> String {
    match &v.coordinates {
        Some(c) => format!(
            "geo:{lat},{lon}?q={lat},{lon}({name})",
            lat = c.latitude,
            lon = c.longitude,
            name = crate::config::query(&v.name)
        ),
        None => format!("geo:0,0?q={}", map_query(v)),
    }
}

/// Apple Maps' link, which Apple's phones open in their maps app.
fn apple_maps(v: &Venue) -> String {
    match &v.coordinates {
        Some(c) => format!(
            "https://maps.apple.com/?ll={},{}&q={}",
            c.latitude,
            c.longitude,
            crate::config::query(&v.name)
        ),
        None => format!("https://maps.apple.com/?q={}", map_query(v)),
    }
}

/// How to join, a sentence each (without the details in the entry's words).
pub fn how_to_join_lines(a: &Activity) -> Vec<String> {
    let mut how = Vec::new();
    match &a.how_to_join {
        None => how.push("Contact the organisation to ask how to join.".to_string()),
        Some(join) => {
            if join.self_referral {
                how.push("You can go along or get in touch yourself.".to_string());
            }
            if join.link_worker_referral {
                how.push("A social prescribing link worker can refer you.".to_string());
            }
            if join.booking_required {
                how.push("You need to book a place first.".to_string());
            }
        }
    }
    how
}

/// A job as a card in lists.
#[derive(Debug, Clone, Serialize)]
pub struct JobCard {
    pub title: String,
    pub url: String,
    pub employer: String,
    pub location: String,
    pub salary: String,
    pub closes: String,
}

pub fn employer_link(dir: &Directory, job: &Job, urls: &Urls) -> Link {
    use crate::content::Kind;
    match job.employer_kind {
        Kind::Pcn => Link {
            label: dir
                .pcns
                .get(&job.employer)
                .map_or_else(|| job.employer.clone(), |p| p.name.clone()),
            url: urls.link(&path::pcn(&job.employer)),
        },
        _ => Link {
            label: dir
                .organisations
                .get(&job.employer)
                .map_or_else(|| job.employer.clone(), |o| o.name.clone()),
            url: urls.link(&path::organisation(&job.employer)),
        },
    }
}

fn money(amount: f64) -> String {
    let pounds = amount.trunc() as u64;
    let pence = ((amount.fract() * 100.0).round()) as u64;
    let mut digits = pounds.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let whole = format!("£{digits}{grouped}");
    if pence > 0 {
        format!("{whole}.{pence:02}")
    } else {
        whole
    }
}

pub fn salary_text(job: &Job) -> String {
    salary_words(&job.salary)
}

fn salary_words(s: &crate::content::job::Salary) -> String {
    let period = s.period.map(|p| match p {
        Period::Year => "a year",
        Period::Month => "a month",
        Period::Week => "a week",
        Period::Hour => "an hour",
    });
    let range = match (s.min, s.max) {
        (Some(min), Some(max)) if min == max => Some(money(min)),
        (Some(min), Some(max)) => Some(format!("{} to {}", money(min), money(max))),
        (Some(min), None) => Some(format!("From {}", money(min))),
        (None, Some(max)) => Some(format!("Up to {}", money(max))),
        (None, None) => None,
    };
    let range = range.map(|r| match period {
        Some(p) => format!("{r} {p}"),
        None => r,
    });
    // A note that gives the range itself ("£25,674 to £27,485 pro rata")
    // says it all: the range is not shown twice.
    let mentions = |t: &str, v: Option<f64>| {
        v.is_none_or(|v| {
            t.replace(',', "")
                .contains(&money(v).replace(['£', ','], ""))
        })
    };
    match (range, &s.text) {
        (Some(_), Some(t)) if mentions(t, s.min) && mentions(t, s.max) => t.clone(),
        (Some(r), Some(t)) => format!("{r} ({t})"),
        (Some(r), None) => r,
        (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
    }
}

pub fn job_card(dir: &Directory, job: &Job, urls: &Urls) -> JobCard {
    JobCard {
        title: job.title.clone(),
        url: urls.link(&path::job(&job.id)),
        employer: employer_link(dir, job, urls).label,
        location: job.location.clone(),
        salary: salary_text(job),
        closes: long_date(job.closes),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct JobPage {
    pub title: String,
    pub employer: Link,
    pub pcns: Vec<Link>,
    pub location: String,
    pub postcode: Option<String>,
    pub salary: String,
    pub band: Option<String>,
    pub hours: String,
    pub contract: String,
    pub working_pattern: Option<String>,
    pub posted: String,
    pub closes: String,
    pub days_left: Option<String>,
    pub closed: bool,
    pub interview: Option<String>,
    pub apply_url: Option<String>,
    pub apply_email: Option<String>,
    pub apply_details: Option<String>,
    pub reference: Option<String>,
    pub enquiries: Option<ContactView>,
    pub description_html: String,
}

pub fn job_page(dir: &Directory, job: &Job, urls: &Urls, today: NaiveDate) -> JobPage {
    let closed = !job.is_open(today);
    let left = (job.closes - today).num_days();
    JobPage {
        title: job.title.clone(),
        employer: employer_link(dir, job, urls),
        pcns: job
            .pcns
            .iter()
            .filter_map(|id| dir.pcns.get(id))
            .map(|p| Link {
                label: p.name.clone(),
                url: urls.link(&path::pcn(&p.id)),
            })
            .collect(),
        location: job.location.clone(),
        postcode: job.postcode.clone(),
        salary: salary_text(job),
        band: job.band.clone(),
        hours: format!("{} hours a week", trim_number(job.hours_per_week)),
        contract: match (job.contract, job.contract_months) {
            (Contract::Permanent, _) => "Permanent".to_string(),
            (Contract::FixedTerm, Some(m)) => format!("Fixed term, {m} months"),
            (Contract::FixedTerm, None) => "Fixed term".to_string(),
        },
        working_pattern: job.working_pattern.clone(),
        posted: long_date(job.posted),
        closes: long_date(job.closes),
        days_left: (!closed).then(|| match left {
            0 => "Closes today".to_string(),
            1 => "1 day left to apply".to_string(),
            n => format!("{n} days left to apply"),
        }),
        closed,
        interview: job.interview.map(long_date),
        apply_url: job.how_to_apply.url.clone(),
        apply_email: job.how_to_apply.email.clone(),
        apply_details: job.how_to_apply.details.clone(),
        reference: job.reference.clone(),
        enquiries: job.enquiries.as_ref().map(contact),
        description_html: markdown::to_html(&job.description, 3),
    }
}

fn trim_number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_salary_is_not_shown_twice() {
        let mut salary = crate::content::job::Salary {
            min: Some(25674.0),
            max: Some(27485.0),
            period: Some(Period::Year),
            text: Some("£25,674 to £27,485 pro rata".into()),
        };
        assert_eq!(salary_words(&salary), "£25,674 to £27,485 pro rata");
        salary.text = Some("plus travel expenses".into());
        assert_eq!(
            salary_words(&salary),
            "£25,674 to £27,485 a year (plus travel expenses)"
        );
    }

    #[test]
    fn money_reads_like_an_advert() {
        assert_eq!(money(25674.0), "£25,674");
        assert_eq!(money(1234567.5), "£1,234,567.50");
        assert_eq!(money(12.0), "£12");
    }

    #[test]
    fn phone_links_keep_only_digits() {
        assert_eq!(tel("01632 960 123"), "tel:01632960123");
        assert_eq!(tel("+44 (0)1632 960123"), "tel:+441632960123");
    }
}
