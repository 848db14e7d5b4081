//! Which templates draw differently after a change to the theme: those
//! whose text changed, and every template that extends or includes one
//! of them, all the way up. `serve` then draws again only the pages of
//! those templates (Hugo and Zola track templates' dependencies the same
//! way for their live reload).

use std::collections::{HashMap, HashSet};

/// The templates (by name) that draw differently in `new` than in `old`,
/// each given as (name, text); `None` when that cannot be told, and so
/// all of them do: a changed template defines a component (which any
/// template may call), or one names a template in a way not read here.
pub fn redrawn(old: &[(String, String)], new: &[(String, String)]) -> Option<HashSet<String>> {
    let before: HashMap<&str, &str> = old.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let after: HashMap<&str, &str> = new.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let mut changed: HashSet<String> = HashSet::new();
    for (name, text) in &after {
        if before.get(name) != Some(text) {
            changed.insert(name.to_string());
        }
    }
    changed.extend(
        before
            .keys()
            .filter(|name| !after.contains_key(*name))
            .map(|name| name.to_string()),
    );
    let mut uses: Vec<(&str, Vec<String>)> = Vec::with_capacity(after.len());
    for (name, text) in &after {
        uses.push((name, used(text)?));
    }
    for name in &changed {
        let defines = |text: &str| tags(text).any(|(word, _)| word == "component");
        if [before.get(name.as_str()), after.get(name.as_str())]
            .into_iter()
            .flatten()
            .any(|text| defines(text))
        {
            return None;
        }
    }
    // Up the chain: a template that uses a redrawn one is redrawn.
    let mut redrawn = changed;
    loop {
        let more: Vec<String> = uses
            .iter()
            .filter(|(name, _)| !redrawn.contains(*name))
            .filter(|(_, names)| names.iter().any(|n| redrawn.contains(n)))
            .map(|(name, _)| name.to_string())
            .collect();
        if more.is_empty() {
            return Some(redrawn);
        }
        redrawn.extend(more);
    }
}

/// The templates a template's text extends, includes or imports; `None`
/// when one is named other than as a quoted name.
fn used(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for (word, rest) in tags(text) {
        if matches!(word, "extends" | "include" | "import") {
            let quote = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'))?;
            let name = rest[1..].split(quote).next()?;
            names.push(name.to_string());
        }
    }
    Some(names)
}

/// Each tag's first word and what follows it (spaces skipped), in order.
/// Text that only looks like a tag (in a comment or a raw block) is read
/// too, which can only redraw more than needed.
fn tags(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.match_indices("{%").map(move |(at, _)| {
        let inner = text[at + 2..].trim_start_matches(['-', '+']).trim_start();
        let end = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        (&inner[..end], inner[end..].trim_start())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(templates: &[(&str, &str)]) -> Vec<(String, String)> {
        templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    fn names(set: Option<HashSet<String>>) -> Vec<String> {
        let mut names: Vec<String> = set.expect("known").into_iter().collect();
        names.sort();
        names
    }

    const BASE: (&str, &str) = ("base.html", "<body>{% block main %}{% endblock %}</body>");
    const CARD: (&str, &str) = ("partials/card.html", "<h2>{{ card.title }}</h2>");
    const LIST: (&str, &str) = (
        "listing.html",
        "{% extends \"base.html\" %}{% block main %}{%- include 'partials/card.html' %}{% endblock %}",
    );
    const PAGE: (&str, &str) = (
        "page.html",
        "{% extends \"base.html\" %}{% block main %}text{% endblock %}",
    );

    #[test]
    fn a_partial_redraws_the_templates_that_include_it() {
        let old = theme(&[BASE, CARD, LIST, PAGE]);
        let new = theme(&[
            BASE,
            ("partials/card.html", "<h3>{{ card.title }}</h3>"),
            LIST,
            PAGE,
        ]);
        assert_eq!(
            names(redrawn(&old, &new)),
            ["listing.html", "partials/card.html"]
        );
    }

    #[test]
    fn the_base_redraws_every_template_that_extends_it() {
        let old = theme(&[BASE, CARD, LIST, PAGE]);
        let new = theme(&[
            (
                "base.html",
                "<body class=x>{% block main %}{% endblock %}</body>",
            ),
            CARD,
            LIST,
            PAGE,
        ]);
        assert_eq!(
            names(redrawn(&old, &new)),
            ["base.html", "listing.html", "page.html"]
        );
    }

    #[test]
    fn an_unchanged_theme_redraws_nothing_and_a_removed_template_counts() {
        let old = theme(&[BASE, CARD, LIST, PAGE]);
        assert!(names(redrawn(&old, &old)).is_empty());
        let new = theme(&[BASE, LIST, PAGE]);
        assert_eq!(
            names(redrawn(&old, &new)),
            ["listing.html", "partials/card.html"]
        );
    }

    #[test]
    fn what_cannot_be_followed_redraws_everything() {
        let old = theme(&[BASE, CARD, LIST, PAGE]);
        // A component may be called from any template.
        let new = theme(&[
            BASE,
            (
                "partials/card.html",
                "{% component Card() %}x{% endcomponent %}",
            ),
            LIST,
            PAGE,
        ]);
        assert_eq!(redrawn(&old, &new), None);
        // A template named by a variable.
        let new = theme(&[BASE, CARD, LIST, ("page.html", "{% include name %}")]);
        assert_eq!(redrawn(&old, &new), None);
    }
}
