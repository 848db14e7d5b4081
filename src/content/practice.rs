//! GP practices, each a member of one PCN.

use serde::Serialize;

use super::common::{Coordinates, coordinates, postcode};
use crate::decode::{Cx, Fields, checked, reference, text};
use crate::fields::{Field, Ids, Need, Shape};
use crate::formats;
use crate::kind::Kind;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Practice {
    pub id: String,
    /// Where an import found it; never shown.
    pub source: Option<super::common::Source>,
    pub name: String,
    pub ods_code: String,
    pub pcn: Option<String>,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub website: Option<String>,
    pub coordinates: Option<Coordinates>,
}

const NAME: Field =
    Field::new("name", Need::Required, Shape::Text, "").example("Nene Valley Walkers");
const ODS_CODE: Field = Field::new(
    "ods_code",
    Need::Required,
    Shape::Pattern("^[A-Za-z][0-9]{5}$"),
    "NHS ODS code: a letter and five digits (`K83002`)",
)
.example("K83002");
const PCN: Field = Field::new(
    "pcn",
    Need::Optional,
    Shape::Id(Ids::Pcns),
    "the id of its PCN; without it, its page says it is in no PCN of the directory",
)
.example("daventry-pcn");
const ADDRESS: Field = Field::new("address", Need::Required, Shape::Text, "")
    .example("Park Avenue South, Northampton");
const POSTCODE: Field =
    Field::new("postcode", Need::Required, Shape::Postcode, "").example("NN1 5BD");
const PHONE: Field = Field::new("phone", Need::Required, Shape::Phone, "").example("01632 960123");
const WEBSITE: Field = Field::new("website", Need::Optional, Shape::Web, "");

/// The fields of a GP practice.
pub const FIELDS: &[Field] = &[
    NAME,
    ODS_CODE,
    PCN,
    ADDRESS,
    POSTCODE,
    PHONE,
    WEBSITE,
    super::common::LATITUDE,
    super::common::LONGITUDE,
    super::common::SOURCE,
];

impl Practice {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str) -> Option<Practice> {
        let mut f = Fields::of(cx, node, "a practice")?;
        let name = f.read(cx, &NAME, text);
        let ods_code = f.read(cx, &ODS_CODE, checked(formats::ods_code));
        let pcn = f.read(cx, &PCN, reference(&[Kind::Pcn]));
        let address = f.read(cx, &ADDRESS, text);
        let postcode = f.read(cx, &POSTCODE, postcode);
        let phone = f.read(cx, &PHONE, checked(formats::uk_phone));
        let website = f.read(cx, &WEBSITE, checked(formats::web_address));
        let coordinates = coordinates(cx, &mut f);
        let source = f.read(cx, &super::common::SOURCE, super::common::source);
        f.finish(cx);
        Some(Practice {
            id: id.to_string(),
            source,
            name: name?,
            ods_code: ods_code?,
            pcn,
            address: address?,
            postcode: postcode?,
            phone: phone?,
            website,
            coordinates,
        })
    }
}
