//! Voluntary, community and social enterprise organisations (ORUK organization).

use chrono::NaiveDate;
use serde::Serialize;

use super::common::last_reviewed;
use super::front_matter::DESCRIPTION;
use super::front_matter::description;
use crate::decode::{Cx, Fields, checked, text};
use crate::diagnostics::Severity;
use crate::fields::{Field, Need, Shape};
use crate::formats;
use crate::formats::problem;
use crate::yaml::Node;

#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: String,
    /// Where an import found it; never shown.
    pub source: Option<super::common::Source>,
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

const NAME: Field =
    Field::new("name", Need::Required, Shape::Text, "").example("Nene Valley Walkers");
const CHARITY_NUMBER: Field = Field::new(
    "charity_number",
    Need::Optional,
    Shape::Pattern("^([0-9]{6,8}|SC[0-9]{6})$"),
    "Charity Commission number, 6–8 digits (`1123456`) or Scottish `SC012345`",
);
const COMPANY_NUMBER: Field = Field::new(
    "company_number",
    Need::Optional,
    Shape::Pattern("^[A-Z0-9]{8}$"),
    "Companies House number, 8 characters (`01234567`, `SC123456`)",
);
const WEBSITE: Field = Field::new("website", Need::Optional, Shape::Web, "");
const EMAIL: Field = Field::new("email", Need::Optional, Shape::Email, "");
const PHONE: Field = Field::new("phone", Need::Optional, Shape::Phone, "");
const ORG_DESCRIPTION: Field = Field {
    need: Need::Optional,
    doc: "Markdown (or the body of a `.md` file); without it, a warning",
    ..DESCRIPTION
};
const LAST_REVIEWED: Field = Field::new(
    "last_reviewed",
    Need::Optional,
    Shape::Date,
    "date the details were last checked",
);

/// The fields of an organisation.
pub const FIELDS: &[Field] = &[
    NAME,
    CHARITY_NUMBER,
    COMPANY_NUMBER,
    WEBSITE,
    EMAIL,
    PHONE,
    ORG_DESCRIPTION,
    LAST_REVIEWED,
    super::common::SOURCE,
];

impl Organisation {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Organisation> {
        let mut f = Fields::of(cx, node, "an organisation")?;
        let name = f.read(cx, &NAME, text);
        let charity_number = f.read(cx, &CHARITY_NUMBER, checked(formats::charity_number));
        let company_number = f.read(cx, &COMPANY_NUMBER, checked(formats::company_number));
        let website = f.read(cx, &WEBSITE, checked(formats::web_address));
        let email = f.read(cx, &EMAIL, checked(formats::email));
        let phone = f.read(cx, &PHONE, checked(formats::uk_phone));
        let has_body = body.is_some_and(|b| !b.trim().is_empty());
        let description = if has_body || f.has("description") {
            description(cx, &mut f, &ORG_DESCRIPTION, body)
        } else {
            cx.report(
                Severity::Warning,
                f.position(),
                1,
                problem(
                    "this organisation has no description",
                    "Add a few sentences about what the organisation does: `description:`, or the text after the front matter in a .md file. Until then its page shows only its contact details and activities.",
                ),
            );
            Some(String::new())
        };
        let last_reviewed = f.read(cx, &LAST_REVIEWED, last_reviewed);
        let source = f.read(cx, &super::common::SOURCE, super::common::source);
        f.finish(cx);
        Some(Organisation {
            id: id.to_string(),
            source,
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
