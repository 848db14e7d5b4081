//! Parts shared by several entry kinds: contacts, venues, coordinates.
//! Names follow Open Referral UK (contact, location) so exports map directly.

use serde::Serialize;

use crate::decode::{Cx, Fields, checked, number, text};
use crate::diagnostics::Severity;
use crate::fields::{Field, Need, Shape};
use crate::formats::{self, problem};
use crate::yaml::Node;

/// A person or desk to contact (ORUK contact + phone).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Contact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

impl Contact {
    fn has_a_way_in(&self) -> bool {
        self.phone.is_some() || self.email.is_some() || self.website.is_some()
    }
}

const NAME: Field = Field::new("name", Need::Optional, Shape::Text, "a person or team");
const PHONE: Field = Field::new(
    "phone",
    Need::Optional,
    Shape::Phone,
    "a UK phone number with its area code",
);
const EMAIL: Field = Field::new("email", Need::Optional, Shape::Email, "an email address");
const WEBSITE: Field = Field::new(
    "website",
    Need::Optional,
    Shape::Web,
    "a web page, starting `https://`",
);

/// An activity's `contact:`, with at least one way to get in touch.
pub const CONTACT: &[Field] = &[NAME, PHONE, EMAIL, WEBSITE];

const PERSON_NAME: Field =
    Field::new("name", Need::Required, Shape::Text, "their name").example("Nene Valley Walkers");
const ROLE: Field = Field::new("role", Need::Optional, Shape::Text, "their role");

/// A named person: a PCN's link worker, a job's enquiries contact.
pub const PERSON: &[Field] = &[PERSON_NAME, ROLE, PHONE, EMAIL];

/// `contact:` of an activity: any of name, phone, email, website, with at
/// least one way to get in touch.
pub fn contact(cx: &mut Cx, node: &Node) -> Option<Contact> {
    contact_with(cx, node, "a contact", false)
}

/// A PCN's link worker or a job's enquiries contact: a named person with a
/// phone or email.
pub fn person(cx: &mut Cx, node: &Node) -> Option<Contact> {
    contact_with(cx, node, "a contact person", true)
}

fn contact_with(cx: &mut Cx, node: &Node, noun: &'static str, person: bool) -> Option<Contact> {
    let mut f = Fields::of(cx, node, noun)?;
    let name = if person {
        f.read(cx, &PERSON_NAME, text)
    } else {
        f.read(cx, &NAME, text)
    };
    let role = if person {
        f.read(cx, &ROLE, text)
    } else {
        None
    };
    let contact = Contact {
        name,
        role,
        phone: f.read(cx, &PHONE, checked(formats::uk_phone)),
        email: f.read(cx, &EMAIL, checked(formats::email)),
        website: if person {
            None
        } else {
            f.read(cx, &WEBSITE, checked(formats::web_address))
        },
    };
    f.need_any(
        cx,
        &["phone", "email", "website"],
        problem(
            format!("{noun} needs a way to get in touch"),
            "Add at least a `phone:` or an `email:` (or a `website:`).",
        ),
    );
    f.finish(cx);
    if person && contact.name.is_none() {
        return None;
    }
    Some(contact).filter(Contact::has_a_way_in)
}

/// A full UK postcode. A district that does not exist (a typo such as
/// `NN61 1AA`) is a warning rather than an error, since new districts are
/// created after the embedded table was made.
pub fn postcode(cx: &mut Cx, node: &Node) -> Option<String> {
    let postcode = checked(formats::postcode)(cx, node)?;
    if crate::postcodes::district(&postcode).is_none() {
        let outward = postcode.split(' ').next().unwrap_or(&postcode).to_string();
        cx.warning(
            node,
            problem(
                format!("there is no postcode district {outward}, so \"{postcode}\" looks mistyped"),
                "Check the postcode with the Royal Mail postcode finder. The first part (like NN1) must be a real district.",
            ),
        );
    }
    Some(postcode)
}

/// Latitude and longitude in decimal degrees (WGS84).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Coordinates {
    pub latitude: f64,
    pub longitude: f64,
}

pub const LATITUDE: Field = Field::new(
    "latitude",
    Need::Optional,
    Shape::Number(49.0, 61.0),
    "the exact map position, in decimal degrees, with `longitude`",
);
pub const LONGITUDE: Field = Field::new(
    "longitude",
    Need::Optional,
    Shape::Number(-9.0, 2.5),
    "the exact map position, in decimal degrees, with `latitude`",
);

/// Reads optional `latitude` and `longitude` fields, which come as a pair and
/// must lie in or near the UK.
pub fn coordinates(cx: &mut Cx, f: &mut Fields) -> Option<Coordinates> {
    let latitude = f.read(cx, &LATITUDE, number(49.0..=61.0, false));
    let longitude = f.read(cx, &LONGITUDE, number(-9.0..=2.5, false));
    match (f.has("latitude"), f.has("longitude")) {
        (true, false) | (false, true) => {
            let (given, missing) = if f.has("latitude") {
                ("latitude", "longitude")
            } else {
                ("longitude", "latitude")
            };
            cx.report(
                Severity::Error,
                f.pos_of(given),
                given.len(),
                problem(
                    format!("`{given}` is given without `{missing}`"),
                    format!("Add `{missing}:` too, or remove `{given}:`; the postcode is used when neither is given."),
                ),
            );
            None
        }
        _ => Some(Coordinates {
            latitude: latitude?,
            longitude: longitude?,
        }),
    }
}

/// Where an activity happens in person (ORUK location).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Venue {
    pub name: String,
    pub address: String,
    /// Without one, the venue is shown but cannot be found by distance
    /// (unless it has coordinates): some feeds do not record it.
    pub postcode: Option<String>,
    pub coordinates: Option<Coordinates>,
    /// This venue's own access, for one of an activity's several venues.
    pub accessibility: Option<Accessibility>,
}

impl Venue {
    /// Its name, address and postcode on one line, as calendars and maps
    /// apps take a place.
    pub fn one_line(&self) -> String {
        [
            Some(self.name.as_str()),
            Some(self.address.as_str()),
            self.postcode.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// Step-free access, hearing loops and the like: feature ids from
/// `site.yaml`, and anything else in words.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Accessibility {
    pub features: Vec<String>,
    pub notes: Option<String>,
}

pub const VENUE_NAME: Field =
    Field::new("name", Need::Required, Shape::Text, "the name of the place")
        .example("Nene Valley Walkers");
pub const ADDRESS: Field = Field::new(
    "address",
    Need::Required,
    Shape::Text,
    "the address, without the postcode",
)
.example("Park Avenue South, Northampton");
pub const POSTCODE: Field = Field::new(
    "postcode",
    Need::Optional,
    Shape::Postcode,
    "the full postcode; without it, a warning, and the venue cannot be found by distance unless it has `latitude` and `longitude`",
)
.example("NN1 5BD");

/// `venue:`: where an activity happens in person.
pub const VENUE: &[Field] = &[VENUE_NAME, ADDRESS, POSTCODE, LATITUDE, LONGITUDE];

pub fn venue(cx: &mut Cx, node: &Node) -> Option<Venue> {
    let mut f = Fields::of(cx, node, "a venue")?;
    let venue = venue_fields(cx, &mut f);
    f.finish(cx);
    venue
}

/// A venue's own fields, for decoders that allow more beside them.
pub fn venue_fields(cx: &mut Cx, f: &mut Fields) -> Option<Venue> {
    let name = f.read(cx, &VENUE_NAME, text);
    let address = f.read(cx, &ADDRESS, text);
    let postcode = f.read(cx, &POSTCODE, postcode);
    let coordinates = coordinates(cx, f);
    if !f.has("postcode") {
        cx.report(
            Severity::Warning,
            f.position(),
            1,
            problem(
                "this venue has no postcode, so it cannot be found by distance and its page shows only the address",
                "Add `postcode:` with the venue's full postcode, like NN1 5BD.",
            ),
        );
    }
    Some(Venue {
        name: name?,
        address: address?,
        postcode,
        coordinates,
        accessibility: None,
    })
}

/// How to join an activity online.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Online {
    pub url: Option<String>,
    pub details: Option<String>,
}

const ONLINE_URL: Field = Field::new(
    "url",
    Need::Optional,
    Shape::Web,
    "the web address to join or find out more",
);
const ONLINE_DETAILS: Field =
    Field::new("details", Need::Optional, Shape::Text, "how joining works");

/// `online:`: how to join an activity online, with at least one of them.
pub const ONLINE: &[Field] = &[ONLINE_URL, ONLINE_DETAILS];

pub fn online(cx: &mut Cx, node: &Node) -> Option<Online> {
    let mut f = Fields::of(cx, node, "online joining details")?;
    let url = f.read(cx, &ONLINE_URL, checked(formats::web_address));
    let details = f.read(cx, &ONLINE_DETAILS, text);
    let given = f.need_any(
        cx,
        &["url", "details"],
        problem(
            "online joining details need a `url` or `details`",
            "Add `url:` with the joining link, or `details:` saying how people get the link.",
        ),
    );
    f.finish(cx);
    if !given {
        return None;
    }
    Some(Online { url, details })
}

/// `last_reviewed:`: a date not in the future; a warning once it is older
/// than the site's review interval, so stale entries get chased.
pub fn last_reviewed(cx: &mut Cx, node: &Node) -> Option<chrono::NaiveDate> {
    let reviewed = crate::decode::date(cx, node)?;
    let today = cx.known.today;
    if reviewed > today {
        cx.error(
            node,
            problem(
                format!("`last_reviewed` ({reviewed}) is in the future"),
                format!(
                    "Use the date the details were actually checked, today ({today}) at the latest."
                ),
            ),
        );
        return None;
    }
    let due = crate::schedule::days_after(reviewed, cx.known.review_interval_days);
    if due < today {
        let hidden = cx
            .known
            .hide_overdue_after_days
            .is_some_and(|grace| crate::schedule::days_after(due, grace) < today);
        cx.warning(
            node,
            problem(
                if hidden {
                    format!("this entry was due for review on {due}, so it is left out of the site")
                } else {
                    format!("this entry was due for review on {due}")
                },
                format!("Check the details are still right with the organisation, then set `last_reviewed` to the date you checked (today is {today})."),
            ),
        );
    }
    Some(reviewed)
}

/// Where an entry came from, when an import made it: kept so the import
/// can find its entries again, and never shown to patients.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    pub system: String,
    pub id: String,
    pub url: Option<String>,
    pub synced: Option<chrono::NaiveDate>,
}

const SOURCE_SYSTEM: Field = Field::new(
    "system",
    Need::Required,
    Shape::Text,
    "the system it came from, like `Open Referral UK: Anytown Council`",
)
.example("Open Referral UK: Anytown Council");
const SOURCE_ID: Field =
    Field::new("id", Need::Required, Shape::Text, "its id in that system").example("a1b2c3");
const SOURCE_URL: Field = Field::new("url", Need::Optional, Shape::Web, "its address there");
const SOURCE_SYNCED: Field = Field::new(
    "synced",
    Need::Optional,
    Shape::Date,
    "when it was last brought up to date from there",
);

/// `source:`, optional on any entry.
pub const SOURCE: Field = Field::new(
    "source",
    Need::Optional,
    Shape::Group(&[SOURCE_SYSTEM, SOURCE_ID, SOURCE_URL, SOURCE_SYNCED]),
    "where an import found it: `{system, id, url, synced}`; never shown on the site",
);

pub fn source(cx: &mut Cx, node: &Node) -> Option<Source> {
    let mut f = Fields::of(cx, node, "a source")?;
    let system = f.read(cx, &SOURCE_SYSTEM, text);
    let id = f.read(cx, &SOURCE_ID, text);
    let url = f.read(cx, &SOURCE_URL, checked(formats::web_address));
    let synced = f.read(cx, &SOURCE_SYNCED, crate::decode::date);
    f.finish(cx);
    Some(Source {
        system: system?,
        id: id?,
        url,
        synced,
    })
}

/// A service by phone: the number to call and how it works.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ByPhone {
    pub number: Option<String>,
    pub details: Option<String>,
}

const PHONE_NUMBER: Field = Field::new(
    "number",
    Need::Optional,
    Shape::Phone,
    "the number to call, if not the contact's",
);
const PHONE_DETAILS: Field = Field::new("details", Need::Optional, Shape::Text, "how it works");

/// `by_phone:`: a service people use by phone.
pub const BY_PHONE: &[Field] = &[PHONE_NUMBER, PHONE_DETAILS];

pub fn by_phone(cx: &mut Cx, node: &Node) -> Option<ByPhone> {
    let mut f = Fields::of(cx, node, "a phone service")?;
    let number = f.read(cx, &PHONE_NUMBER, checked(formats::uk_phone));
    let details = f.read(cx, &PHONE_DETAILS, text);
    f.finish(cx);
    Some(ByPhone { number, details })
}

/// Home visits: where they are made.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HomeVisits {
    pub area: String,
    pub details: Option<String>,
}

const VISIT_AREA: Field = Field::new(
    "area",
    Need::Required,
    Shape::Text,
    "where visits are made, in words",
)
.example("Daventry and the villages around it");
const VISIT_DETAILS: Field = Field::new("details", Need::Optional, Shape::Text, "how visits work");

/// `home_visits:`: a service that comes to people's homes.
pub const HOME_VISITS: &[Field] = &[VISIT_AREA, VISIT_DETAILS];

pub fn home_visits(cx: &mut Cx, node: &Node) -> Option<HomeVisits> {
    let mut f = Fields::of(cx, node, "home visits")?;
    let area = f.read(cx, &VISIT_AREA, text);
    let details = f.read(cx, &VISIT_DETAILS, text);
    f.finish(cx);
    Some(HomeVisits {
        area: area?,
        details,
    })
}
