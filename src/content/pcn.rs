//! Primary Care Networks: groups of GP practices with their link workers.

use serde::Serialize;

use super::common::{Contact, person, postcode};
use crate::decode::{Cx, Fields, checked, list, text};
use crate::fields::{Field, Need, Shape};
use crate::formats;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Pcn {
    pub id: String,
    /// Where an import found it; never shown.
    pub source: Option<super::common::Source>,
    pub name: String,
    pub code: String,
    pub summary: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub website: Option<String>,
    pub link_workers: Vec<Contact>,
}

const NAME: Field = Field::new("name", Need::Required, Shape::Text, "`Daventry PCN`")
    .example("Nene Valley Walkers");
const CODE: Field = Field::new(
    "code",
    Need::Required,
    Shape::Pattern("^U[0-9]{5}$"),
    "NHS PCN code: `U` and five digits (`U79464`)",
)
.example("U79464");
const SUMMARY: Field = Field::new(
    "summary",
    Need::Optional,
    Shape::Text,
    "one or two sentences about the area it covers; without it, its page lists its practices",
)
.example("A gentle hour-long walk in the park, with a cuppa afterwards.");
const ADDRESS: Field = Field::new("address", Need::Optional, Shape::Text, "the PCN's base");
const POSTCODE: Field = Field::new("postcode", Need::Optional, Shape::Postcode, "");
const WEBSITE: Field = Field::new("website", Need::Optional, Shape::Web, "");
const LINK_WORKERS: Field = Field::new(
    "link_workers",
    Need::Optional,
    Shape::List(&Shape::Group(super::common::PERSON)),
    "list of contacts: `{name, role, email, phone}`; `name` required, at least one of `email`/`phone`",
);

/// The fields of a PCN.
pub const FIELDS: &[Field] = &[
    NAME,
    CODE,
    SUMMARY,
    ADDRESS,
    POSTCODE,
    WEBSITE,
    LINK_WORKERS,
    super::common::SOURCE,
];

impl Pcn {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str) -> Option<Pcn> {
        let mut f = Fields::of(cx, node, "a PCN")?;
        let name = f.read(cx, &NAME, text);
        let code = f.read(cx, &CODE, checked(formats::pcn_code));
        let summary = f.read(cx, &SUMMARY, text);
        let address = f.read(cx, &ADDRESS, text);
        let postcode = f.read(cx, &POSTCODE, postcode);
        let website = f.read(cx, &WEBSITE, checked(formats::web_address));
        let link_workers = f.read(cx, &LINK_WORKERS, list(person));
        let source = f.read(cx, &super::common::SOURCE, super::common::source);
        f.finish(cx);
        Some(Pcn {
            id: id.to_string(),
            source,
            name: name?,
            code: code?,
            summary,
            address,
            postcode,
            website,
            link_workers: link_workers.unwrap_or_default(),
        })
    }
}
