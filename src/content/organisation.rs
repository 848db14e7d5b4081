//! Voluntary, community and social enterprise organisations (ORUK organization).

use chrono::NaiveDate;
use serde::Serialize;

use super::common::last_reviewed;
use super::front_matter::description;
use crate::decode::{Cx, Fields, checked, text};
use crate::formats;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub charity_number: Option<String>,
    pub company_number: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Markdown.
    pub description: String,
    pub last_reviewed: Option<NaiveDate>,
}

impl Organisation {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Organisation> {
        let mut f = Fields::of(cx, node, "an organisation")?;
        let name = f.required(cx, "name", text);
        let charity_number = f.optional(cx, "charity_number", checked(formats::charity_number));
        let company_number = f.optional(cx, "company_number", checked(formats::company_number));
        let website = f.optional(cx, "website", checked(formats::web_address));
        let email = f.optional(cx, "email", checked(formats::email));
        let phone = f.optional(cx, "phone", checked(formats::uk_phone));
        let description = description(cx, &mut f, body);
        let last_reviewed = f.optional(cx, "last_reviewed", last_reviewed);
        f.finish(cx);
        Some(Organisation {
            id: id.to_string(),
            name: name?,
            charity_number,
            company_number,
            website,
            email,
            phone,
            description: description?,
            last_reviewed,
        })
    }
}
