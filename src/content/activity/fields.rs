//! The fields of an activity and of its groups, each declared once (see
//! `crate::fields`): the decoder in `mod.rs` reads each through its
//! declaration.

use super::STATUSES;
use crate::content::common::{self, CONTACT, ONLINE, VENUE};
use crate::content::front_matter::DESCRIPTION;
use crate::fields::{Field, Ids, Need, Shape};
use crate::schedule::AVAILABILITIES;

pub(super) const TITLE: Field =
    Field::new("title", Need::Required, Shape::Text, "the activity's name")
        .example("Tuesday Walk and Talk")
        .oruk("service.name");
pub(super) const ORGANISATION: Field = Field::new(
    "organisation",
    Need::Required,
    Shape::Id(Ids::Organisations),
    "id of the organisation that runs it",
)
.example("nene-valley-walkers")
.oruk("service.organization");
pub(super) const STATUS: Field = Field::new(
    "status",
    Need::Default("`running`"),
    Shape::Choice(status_names),
    "`running`, `paused` or `ended`",
)
.oruk("service.status");
pub(super) const SUMMARY: Field = Field::new(
    "summary",
    Need::Optional,
    Shape::Text,
    "one sentence; cards show the first 200 characters; without it, cards show the start of the description (a warning)",
)
.example("A gentle hour-long walk in the park, with a cuppa afterwards.")
.oruk("service.description (short)");
pub(super) const ACTIVITY_DESCRIPTION: Field = DESCRIPTION.oruk("service.description");
pub(super) const CATEGORIES: Field = Field::new(
    "categories",
    Need::Optional,
    Shape::List(&Shape::Id(Ids::Categories)),
    "list of category ids from `site.yaml`; without it, a warning, and it is listed under Other",
)
.example("[physical-activity, social-and-befriending]")
.oruk("taxonomy terms");
pub(super) const PCNS: Field = Field::new(
    "pcns",
    Need::Optional,
    Shape::AllOr(&Shape::List(&Shape::Id(Ids::Pcns))),
    "`all`, or a list of PCN ids it serves; without it, a warning, and it is listed as open to the whole region",
)
.example("all")
.oruk("service_area");
pub(super) const AREA_SERVED: Field = Field::new(
    "area_served",
    Need::Optional,
    Shape::Group(AREA_SERVED_FIELDS),
    "`{districts: [NN11, NN12], description}`: where people must live to use it, when that is narrower than the PCNs",
)
.oruk("service_area");
pub(super) const AREA_DISTRICTS: Field = Field::new(
    "districts",
    Need::Optional,
    Shape::Items(&Shape::Pattern("^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$")),
    "postcode districts (the first part of a postcode, like NN11)",
);
pub(super) const AREA_DESCRIPTION: Field = Field::new(
    "description",
    Need::Optional,
    Shape::Text,
    "the area in words, like \"Daventry and the villages around it\"",
);
pub(super) const AREA_SERVED_FIELDS: &[Field] = &[AREA_DISTRICTS, AREA_DESCRIPTION];
pub(super) const WHO_FOR: Field = Field::new(
    "who_for",
    Need::Optional,
    Shape::Group(WHO_FOR_FIELDS),
    "`{age_min, age_max, audiences, eligibility}`",
)
.oruk("eligibility");
pub(super) const SCHEDULE: Field = Field::new(
    "schedule",
    Need::When("fixed sessions, or `availability`"),
    Shape::List(&Shape::Group(crate::schedule::SESSION)),
    "list of sessions (below)",
)
.oruk("schedule");
pub(super) const AVAILABILITY: Field = Field::new(
    "availability",
    Need::When("no fixed sessions"),
    Shape::Choice(availability_names),
    "`by_appointment`, `opening_hours` (with `opening_hours:`), `always` (24 hours, every day) or `ongoing` (contact for times), instead of a `schedule`; without either, a warning, and the page says to contact the organisation for times",
)
.oruk("schedule.description");
pub(super) const OPENING_HOURS: Field = Field::new(
    "opening_hours",
    Need::When("with `availability: opening_hours`"),
    Shape::List(&Shape::Group(crate::schedule::HOURS)),
    "list of `{day, opens, closes}`",
)
.oruk("schedule (byday, opens_at, closes_at)");
pub(super) const CLOSED_ON: Field = Field::new(
    "closed_on",
    Need::Optional,
    Shape::Items(&Shape::Date),
    "with `opening_hours`: dates it is closed on a day it would open, like bank holidays",
)
.example("[2026-12-25, 2026-12-28]")
.oruk("schedule.notes");
pub(super) const AVAILABILITY_NOTES: Field = Field::new(
    "availability_notes",
    Need::Optional,
    Shape::Text,
    "anything else about when, e.g. \"Call to arrange a time\"",
)
.oruk("schedule.notes");
pub(super) const SCHEDULE_NOTES: Field = Field::new(
    "schedule_notes",
    Need::Optional,
    Shape::Text,
    "free text, e.g. \"Not on bank holidays\"",
)
.oruk("schedule.notes");
pub(super) const VENUES_FIELD: Field = Field::new(
    "venues",
    Need::When("one of venue, online, by_phone or home_visits"),
    Shape::List(&Shape::Group(LISTED_VENUE)),
    "instead of `venue`, for an activity held at several places: a list of venues, each with its own `accessibility` if it differs; distances use the nearest",
)
.oruk("service_at_locations");
pub(super) const VENUE_FIELD: Field = Field::new(
    "venue",
    Need::When("one of venue, online, by_phone or home_visits"),
    Shape::Group(VENUE),
    "`{name, address, postcode, latitude, longitude}`; without a postcode (a warning), it cannot be found by distance unless it has `latitude` and `longitude`",
)
.oruk("location");
pub(super) const ONLINE_FIELD: Field = Field::new(
    "online",
    Need::When("one of venue, online, by_phone or home_visits"),
    Shape::Group(ONLINE),
    "`{url, details}`",
)
.oruk("service.url / attending_type");
pub(super) const BY_PHONE_FIELD: Field = Field::new(
    "by_phone",
    Need::When("one of venue, online, by_phone or home_visits"),
    Shape::Group(crate::content::common::BY_PHONE),
    "`{number, details}`: a service people use by phone (the contact's phone, unless `number` says otherwise)",
)
.oruk("service.attending_type (phone)");
pub(super) const HOME_VISITS_FIELD: Field = Field::new(
    "home_visits",
    Need::When("one of venue, online, by_phone or home_visits"),
    Shape::Group(crate::content::common::HOME_VISITS),
    "`{area, details}`: a service that visits people at home",
)
.oruk("service_area / attending_type (home)");
pub(super) const COST: Field = Field::new(
    "cost",
    Need::Optional,
    Shape::Text,
    "`free`, or a price text like `£3 per session`; without it, pages say to ask the organisation (a warning)",
)
.example("free")
.oruk("cost_option");
pub(super) const HOW_TO_JOIN: Field = Field::new(
    "how_to_join",
    Need::Optional,
    Shape::Group(HOW_TO_JOIN_FIELDS),
    "`{self_referral, link_worker_referral, booking_required, details}` (true/false flags); without it, the page says to ask the organisation (a warning)",
)
.oruk("service.application_process");
pub(super) const CONTACT_FIELD: Field = Field::new(
    "contact",
    Need::Required,
    Shape::Group(CONTACT),
    "`{name, phone, email, website}`; at least one way to get in touch",
)
.oruk("contact / phone");
pub(super) const ACCESSIBILITY: Field = Field::new(
    "accessibility",
    Need::Optional,
    Shape::Group(ACCESSIBILITY_FIELDS),
    "`{features: [ids from site.yaml], notes}`",
)
.oruk("accessibility");
pub(super) const LANGUAGES: Field = Field::new(
    "languages",
    Need::Optional,
    Shape::Items(&Shape::Id(Ids::Languages)),
    "language ids from `site.yaml` it is held in, like `bsl`",
)
.oruk("language");
pub(super) const LAST_REVIEWED: Field = Field::new(
    "last_reviewed",
    Need::Optional,
    Shape::Date,
    "date the entry was last checked; without it, a warning, and the page says the details have not been checked yet",
)
.example("2026-09-14")
.oruk("service.assured_date");

/// The fields of an activity.
pub const FIELDS: &[Field] = &[
    TITLE,
    ORGANISATION,
    STATUS,
    SUMMARY,
    ACTIVITY_DESCRIPTION,
    CATEGORIES,
    PCNS,
    AREA_SERVED,
    WHO_FOR,
    SCHEDULE,
    SCHEDULE_NOTES,
    AVAILABILITY,
    OPENING_HOURS,
    CLOSED_ON,
    AVAILABILITY_NOTES,
    VENUE_FIELD,
    VENUES_FIELD,
    ONLINE_FIELD,
    BY_PHONE_FIELD,
    HOME_VISITS_FIELD,
    COST,
    HOW_TO_JOIN,
    CONTACT_FIELD,
    ACCESSIBILITY,
    LANGUAGES,
    LAST_REVIEWED,
    crate::content::common::SOURCE,
];

pub(super) const AGE_MIN: Field = Field::new(
    "age_min",
    Need::Optional,
    Shape::Whole(0, 120),
    "youngest age, a whole number",
);
pub(super) const AGE_MAX: Field = Field::new(
    "age_max",
    Need::Optional,
    Shape::Whole(0, 120),
    "oldest age, a whole number",
);
pub(super) const ELIGIBILITY: Field = Field::new(
    "eligibility",
    Need::Optional,
    Shape::Text,
    "who it is for, in words",
);
pub(super) const AUDIENCES: Field = Field::new(
    "audiences",
    Need::Optional,
    Shape::Items(&Shape::Id(Ids::Audiences)),
    "audience ids from `site.yaml`, like `carers` or `dementia`",
);
pub(super) const WHO_FOR_FIELDS: &[Field] = &[AGE_MIN, AGE_MAX, AUDIENCES, ELIGIBILITY];

pub(super) const SELF_REFERRAL: Field = Field::new(
    "self_referral",
    Need::Default("`false`"),
    Shape::Flag,
    "`true` if people can just come or get in touch themselves",
);
pub(super) const LINK_WORKER_REFERRAL: Field = Field::new(
    "link_worker_referral",
    Need::Default("`false`"),
    Shape::Flag,
    "`true` if a link worker can refer people",
);
pub(super) const BOOKING_REQUIRED: Field = Field::new(
    "booking_required",
    Need::Default("`false`"),
    Shape::Flag,
    "`true` if people must book first",
);
pub(super) const JOIN_DETAILS: Field = Field::new(
    "details",
    Need::Optional,
    Shape::Text,
    "how to join, in words",
);
pub(super) const HOW_TO_JOIN_FIELDS: &[Field] = &[
    SELF_REFERRAL,
    LINK_WORKER_REFERRAL,
    BOOKING_REQUIRED,
    JOIN_DETAILS,
];

pub(super) const FEATURES: Field = Field::new(
    "features",
    Need::Optional,
    Shape::Items(&Shape::Id(Ids::Features)),
    "accessibility feature ids from `site.yaml`",
);
pub(super) const ACCESS_NOTES: Field = Field::new(
    "notes",
    Need::Optional,
    Shape::Text,
    "anything else about access",
);
/// One of `venues:`: a venue, with its own access.
pub(super) const LISTED_VENUE: &[Field] = &[
    common::VENUE_NAME,
    common::ADDRESS,
    common::POSTCODE,
    common::LATITUDE,
    common::LONGITUDE,
    ACCESSIBILITY,
];
pub(super) const ACCESSIBILITY_FIELDS: &[Field] = &[FEATURES, ACCESS_NOTES];

pub(super) fn availability_names() -> Vec<&'static str> {
    AVAILABILITIES.iter().map(|(name, _)| *name).collect()
}

pub(super) fn status_names() -> Vec<&'static str> {
    STATUSES.iter().map(|(name, _)| *name).collect()
}
