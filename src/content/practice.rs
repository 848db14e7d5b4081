//! GP practices, each a member of one PCN.

use serde::Serialize;

use super::common::{Coordinates, coordinates, postcode};
use crate::decode::{Cx, Fields, checked, reference, text};
use crate::formats;
use crate::kind::Kind;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Practice {
    pub id: String,
    pub name: String,
    pub ods_code: String,
    pub pcn: String,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub website: Option<String>,
    pub coordinates: Option<Coordinates>,
}

impl Practice {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str) -> Option<Practice> {
        let mut f = Fields::of(cx, node, "a practice")?;
        let name = f.required(cx, "name", text);
        let ods_code = f.required(cx, "ods_code", checked(formats::ods_code));
        let pcn = f.required(cx, "pcn", reference(&[Kind::Pcn]));
        let address = f.required(cx, "address", text);
        let postcode = f.required(cx, "postcode", postcode);
        let phone = f.required(cx, "phone", checked(formats::uk_phone));
        let website = f.optional(cx, "website", checked(formats::web_address));
        let coordinates = coordinates(cx, &mut f);
        f.finish(cx);
        Some(Practice {
            id: id.to_string(),
            name: name?,
            ods_code: ods_code?,
            pcn: pcn?,
            address: address?,
            postcode: postcode?,
            phone: phone?,
            website,
            coordinates,
        })
    }
}
