//! Free pages: about, accessibility statement, data licence.

use serde::Serialize;

use super::decode::{Cx, Fields, number, text};
use super::markdown::description;
use crate::yaml::Node;

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
