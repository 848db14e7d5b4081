//! The site's own pages: about, accessibility statement, data licence.

use serde::Serialize;

use super::front_matter::description;
use crate::decode::{Cx, Fields, number, text};
use crate::diagnostics::Severity;
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
    pub title: String,
    pub summary: Option<String>,
    /// Pages with a nav order appear in the site navigation, lowest first.
    pub nav_order: Option<u32>,
    /// Markdown.
    pub body: String,
}

impl Page {
    pub fn decode(cx: &mut Cx, node: &Node, id: &str, body: Option<&str>) -> Option<Page> {
        let mut f = Fields::of(cx, node, "a page")?;
        let title = f.required(cx, "title", text);
        let summary = f.optional(cx, "summary", text);
        let nav_order = f.optional(cx, "nav_order", number(0.0..=1000.0, true));
        let body = description(cx, &mut f, body);
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
        f.finish(cx);
        Some(Page {
            id: id.to_string(),
            title: title?,
            summary,
            nav_order: nav_order.map(|n| n as u32),
            body: body?,
        })
    }
}
