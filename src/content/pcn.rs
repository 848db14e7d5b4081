//! Primary Care Networks: groups of GP practices with their link workers.

use serde::Serialize;

use super::common::{Contact, person, postcode};
use crate::decode::{Cx, Fields, checked, list, text};
use crate::formats;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Pcn {
    pub id: String,
    pub name: String,
    pub code: String,
    pub summary: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub website: Option<String>,
    pub link_workers: Vec<Contact>,
}

impl Pcn {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str) -> Option<Pcn> {
        let mut f = Fields::of(cx, node, "a PCN")?;
        let name = f.required(cx, "name", text);
        let code = f.required(cx, "code", checked(formats::pcn_code));
        let summary = f.required(cx, "summary", text);
        let address = f.optional(cx, "address", text);
        let postcode = f.optional(cx, "postcode", postcode);
        let website = f.optional(cx, "website", checked(formats::web_address));
        let link_workers = f.optional(cx, "link_workers", list(person));
        f.finish(cx);
        Some(Pcn {
            id: id.to_string(),
            name: name?,
            code: code?,
            summary: summary?,
            address,
            postcode,
            website,
            link_workers: link_workers.unwrap_or_default(),
        })
    }
}
