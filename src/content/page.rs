//! The site's own pages: about, accessibility statement, data licence.

use serde::Serialize;

use super::front_matter::{DESCRIPTION, description};
use crate::decode::{Cx, Fields, number, text};
use crate::diagnostics::Severity;
use crate::fields::{Field, Need, Shape};
use crate::formats::problem;
use crate::yaml::Node;

/// Pages are published at `/<id>/`, beside the site's own sections, so
/// they may not take these names.
pub const RESERVED_IDS: &[&str] = &[
    "activities",
    "assets",
    "categories",
    "days",
    "jobs",
    "near",
    "organisations",
    "page",
    "pcns",
    "practices",
    "region",
    "search",
];

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub id: String,
    /// Where an import found it; never shown.
    pub source: Option<super::common::Source>,
    pub title: String,
    pub summary: Option<String>,
    /// Pages with a nav order are linked from every page's footer, lowest first.
    pub nav_order: Option<u32>,
    /// Markdown.
    pub body: String,
}

const TITLE: Field = Field::new("title", Need::Required, Shape::Text, "the page's title")
    .example("Tuesday Walk and Talk");
const SUMMARY: Field = Field::new(
    "summary",
    Need::Optional,
    Shape::Text,
    "a sentence for search engines and link previews",
);
const NAV_ORDER: Field = Field::new(
    "nav_order",
    Need::Optional,
    Shape::Whole(0, 1000),
    "a whole number; pages with one are linked from every page's footer, lowest first",
);

/// The fields of a page; its text is the body of the `.md` file.
pub const FIELDS: &[Field] = &[
    TITLE,
    SUMMARY,
    NAV_ORDER,
    DESCRIPTION,
    super::common::SOURCE,
];

impl Page {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Page> {
        let mut f = Fields::of(cx, node, "a page")?;
        let title = f.read(cx, &TITLE, text);
        let summary = f.read(cx, &SUMMARY, text);
        let nav_order = f.read(cx, &NAV_ORDER, number(0.0..=1000.0, true));
        let body = description(cx, &mut f, &DESCRIPTION, body);
        if RESERVED_IDS.contains(&id) {
            cx.report(
                Severity::Error,
                f.position(),
                1,
                problem(
                    format!(
                        "a page cannot be called `{id}`: the site uses /{id}/ for its own pages"
                    ),
                    format!("Rename the file, for example to about-{id}.md."),
                ),
            );
        }
        let source = f.read(cx, &super::common::SOURCE, super::common::source);
        f.finish(cx);
        Some(Page {
            id: id.to_string(),
            source,
            title: title?,
            summary,
            nav_order: nav_order.map(|n| n as u32),
            body: body?,
        })
    }
}
