//! `content/site.yaml`: the region, where the site is published, and the
//! vocabularies (categories, accessibility features) entries pick from.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::decode::{Cx, Fields, checked, list, number, scalar, text};
use crate::diagnostics::Severity;
use crate::formats::{self, problem};
use crate::yaml::{Node, Pos};

pub const DEFAULT_REVIEW_INTERVAL_DAYS: u32 = 180;

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub region: String,
    pub base_url: String,
    pub language: String,
    pub contact_email: String,
    pub review_interval_days: u32,
    /// When set, activities overdue for review by more than this many days
    /// are left out of the built site until someone checks them.
    pub hide_overdue_after_days: Option<u32>,
    pub theme: String,
    pub categories: Vec<Category>,
    pub accessibility_features: Vec<Feature>,
}

/// A category term (ORUK taxonomy_term).
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub description: String,
}

/// An accessibility feature term (ORUK accessibility).
#[derive(Debug, Clone, Serialize)]
pub struct Feature {
    pub id: String,
    pub label: String,
}

impl Site {
    pub fn decode(cx: &mut Cx, node: &Node) -> Option<Site> {
        let mut f = Fields::of(cx, node, "site.yaml")?;
        let title = f.required(cx, "title", text);
        let region = f.required(cx, "region", text);
        let base_url = f.required(cx, "base_url", checked(formats::web_address));
        let language = f.optional(cx, "language", checked(language_tag));
        let contact_email = f.required(cx, "contact_email", checked(formats::email));
        let review = f.optional(cx, "review_interval_days", number(1.0..=3650.0, true));
        let hide = f.optional(cx, "hide_overdue_after_days", number(0.0..=3650.0, true));
        let theme = f.optional(cx, "theme", checked(theme_name));
        let categories = f.required(cx, "categories", list(category));
        let features = f.required(cx, "accessibility_features", list(feature));
        let (categories_at, features_at) =
            (f.pos_of("categories"), f.pos_of("accessibility_features"));
        f.finish(cx);
        if let Some(categories) = &categories {
            unique_ids(
                cx,
                categories_at,
                "categories",
                categories.iter().map(|c| &c.id),
            );
        }
        if let Some(features) = &features {
            unique_ids(
                cx,
                features_at,
                "accessibility_features",
                features.iter().map(|c| &c.id),
            );
        }
        Some(Site {
            title: title?,
            region: region?,
            base_url: base_url?,
            language: language.unwrap_or_else(|| "en-GB".into()),
            contact_email: contact_email?,
            review_interval_days: review.map_or(DEFAULT_REVIEW_INTERVAL_DAYS, |n| n as u32),
            hide_overdue_after_days: hide.map(|n| n as u32),
            theme: theme.unwrap_or_else(|| "default".into()),
            categories: categories?,
            accessibility_features: features?,
        })
    }

    /// When an entry last reviewed on `last` is next due for review.
    pub fn review_due(&self, last: chrono::NaiveDate) -> chrono::NaiveDate {
        crate::schedule::days_after(last, self.review_interval_days)
    }

    pub fn category_ids(&self) -> BTreeSet<String> {
        self.categories.iter().map(|c| c.id.clone()).collect()
    }

    pub fn feature_ids(&self) -> BTreeSet<String> {
        self.accessibility_features
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }
}

fn vocabulary_id(cx: &mut Cx, node: &Node) -> Option<String> {
    let s = scalar(cx, node)?.trim();
    let slug = slug::slugify(s);
    if slug == s && !s.is_empty() {
        return Some(slug);
    }
    cx.error(
        node,
        problem(
            format!("\"{s}\" is not a valid id"),
            format!("Ids are lowercase words joined by hyphens, like \"{slug}\"."),
        ),
    );
    None
}

fn category(cx: &mut Cx, node: &Node) -> Option<Category> {
    let mut f = Fields::of(cx, node, "a category")?;
    let id = f.required(cx, "id", vocabulary_id);
    let label = f.required(cx, "label", text);
    let description = f.required(cx, "description", text);
    f.finish(cx);
    Some(Category {
        id: id?,
        label: label?,
        description: description?,
    })
}

fn feature(cx: &mut Cx, node: &Node) -> Option<Feature> {
    let mut f = Fields::of(cx, node, "an accessibility feature")?;
    let id = f.required(cx, "id", vocabulary_id);
    let label = f.required(cx, "label", text);
    f.finish(cx);
    Some(Feature {
        id: id?,
        label: label?,
    })
}

fn unique_ids<'a>(cx: &mut Cx, at: Pos, field: &str, ids: impl Iterator<Item = &'a String>) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            cx.report(
                Severity::Error,
                at,
                field.len(),
                problem(
                    format!("the id `{id}` appears twice in {field}"),
                    "Give every term its own id, or remove the repeated one.",
                ),
            );
        }
    }
}

fn language_tag(text: &str) -> Result<String, formats::Problem> {
    let ok = !text.is_empty()
        && text.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(text.to_string())
    } else {
        Err(problem(
            format!("\"{text}\" is not a language tag"),
            "Use a language tag like en-GB (English) or cy (Welsh).",
        ))
    }
}

fn theme_name(text: &str) -> Result<String, formats::Problem> {
    formats::id(text).map(|()| text.to_string()).map_err(|_| {
        problem(
            format!("\"{text}\" is not a theme name"),
            "Use the name of a folder in themes/, like default.",
        )
    })
}
