//! Markdown from entries to HTML that is safe to publish, whatever the entry
//! contains: entries come from outside organisations.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The words of a Markdown text without its markup, for the search index.
/// Raw HTML is left out, as the page shows only its text.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            // Descriptions imported from other systems are often HTML:
            // their words are searched like any others.
            Event::Html(html) | Event::InlineHtml(html) => {
                out.push_str(&html_text(&html));
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// [`plain_text`] with its words one space apart, as feeds and
/// spreadsheets carry a description.
pub fn plain_words(markdown: &str) -> String {
    plain_text(markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of an HTML fragment: its tags (and scripts and styles) gone,
/// as ammonia leaves it when no tag is allowed, with words kept apart
/// where tags were and its entities read back.
fn html_text(html: &str) -> String {
    let spaced = html.replace('<', " <");
    let text = ammonia::Builder::empty().clean(&spaced).to_string();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Renders Markdown to sanitised HTML. Headings are shifted so the
/// document's biggest heading becomes `<h{top}>` and the page's outline has
/// no gaps: a page's `## Section` sits under the page's `<h1>` as an
/// `<h2>` (`top` 2), an activity description's as an `<h3>` under "About
/// this activity" (`top` 3), whichever level the author started at.
///
/// pulldown-cmark escapes all text and writes only its own tags, so the
/// dangers are raw HTML and link targets. Links to anything but web, email
/// and phone addresses lose their link (keeping their text), images become
/// their description (they would load from another site), and when the
/// Markdown holds raw HTML the result goes through ammonia. Most
/// descriptions have none, which spares rendering an HTML parse per page.
pub fn to_html(markdown: &str, top: usize) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Parsed once: the headings' levels are read from the same events that
    // are then written (parsing twice was half of rendering a page's
    // description).
    let parsed: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let biggest = parsed
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(top);
    let shift = |level: HeadingLevel| heading((level as usize + top).saturating_sub(biggest));
    let mut raw_html = false;
    let mut dropped_links = Vec::new();
    let events = parsed.into_iter().filter_map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = safe_link(dest_url);
            dropped_links.push(!safe);
            safe.then_some(event)
        }
        Event::End(TagEnd::Link) => match dropped_links.pop() {
            Some(true) => None,
            _ => Some(event),
        },
        // The image's description, between these two, stays as text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Html(_) | Event::InlineHtml(_) => {
            raw_html = true;
            Some(event)
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html {
        cleaner().clean(&html).to_string()
    } else {
        html
    }
}

/// The raw HTML tags in `markdown` that the sanitiser takes out (the
/// tag goes, its text stays, except a script's or a style's), in order,
/// each once: so `check` can say so rather than let them vanish.
pub fn removed_tags(markdown: &str) -> Vec<String> {
    // Most descriptions hold no HTML at all: no parse for them.
    if !markdown.contains('<') {
        return Vec::new();
    }
    let allowed = allowed_tags();
    let mut out: Vec<String> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        let mut rest: &str = &html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || allowed.contains(name.as_str()) {
                continue;
            }
            let tag = format!("<{name}>");
            if !out.contains(&tag) {
                out.push(tag);
            }
        }
    }
    out
}

/// Link targets an entry may use: web pages, email and phone.
fn safe_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

fn heading(level: usize) -> HeadingLevel {
    match level {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// What may survive: text structure and links. No images (they would load
/// from other sites, which the directory never does), no scripts, styles,
/// frames, forms or event handlers; links only to web, email and phone.
fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(allowed_tags().clone())
            .add_tag_attributes("a", ["href", "title"])
            .add_tag_attributes("abbr", ["title"])
            .add_tag_attributes("th", ["align"])
            .add_tag_attributes("td", ["align"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

/// The HTML tags a description may hold.
fn allowed_tags() -> &'static HashSet<&'static str> {
    static TAGS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TAGS.get_or_init(|| {
        [
            "a",
            "p",
            "br",
            "hr",
            "strong",
            "em",
            "b",
            "i",
            "del",
            "s",
            "ul",
            "ol",
            "li",
            "blockquote",
            "code",
            "pre",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "abbr",
        ]
        .into_iter()
        .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn html_the_sanitiser_takes_out_is_named() {
        assert_eq!(
            super::removed_tags(
                "<p>Tea <span style=\"x\">and</span> cake</p>\n\n<script>alert(1)</script>\n\n<b>ok</b> <SPAN>again</SPAN>"
            ),
            ["<span>", "<script>"]
        );
        assert!(super::removed_tags("Plain *Markdown* with a < b").is_empty());
        assert!(
            super::removed_tags(
                "<p><strong>Allowed</strong> <a href=\"https://x.org\">tags</a></p>"
            )
            .is_empty()
        );
    }

    #[test]
    fn the_words_of_an_html_description_are_kept() {
        let text = super::plain_text(
            "<p>Support for people living with <b>dementia</b>&amp;their carers.</p><script>alert('x')</script><p>Tea</p>",
        );
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Support", "for", "people", "living", "with", "dementia", "&their", "carers.",
                "Tea"
            ]
        );
    }

    #[test]
    fn markdown_becomes_html() {
        let html = to_html(
            "# Welcome\n\nSome **bold** text and a [link](https://example.org).\n\n- one\n- two\n",
            2,
        );
        assert!(html.contains("<h2>Welcome</h2>"), "{html}");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">link</a>"),
            "{html}"
        );
        assert!(html.contains("<li>one</li>"), "{html}");
    }

    #[test]
    fn headings_start_where_the_page_needs_them() {
        let html = to_html("## Section\n\n### Part\n", 2);
        assert!(
            html.contains("<h2>Section</h2>") && html.contains("<h3>Part</h3>"),
            "{html}"
        );
        let html = to_html("# Big\n\n## Smaller\n", 3);
        assert!(
            html.contains("<h3>Big</h3>") && html.contains("<h4>Smaller</h4>"),
            "{html}"
        );
        let html = to_html("#### Deep\n\n###### Deepest\n", 3);
        assert!(
            html.contains("<h3>Deep</h3>") && html.contains("<h5>Deepest</h5>"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_and_images_go_without_raw_html_too() {
        let html = to_html(
            "[click](javascript:alert(3)) and ![tracker](https://evil.example/p.png) and [ok](https://example.org) and [me](mailto:a@example.org)\n",
            2,
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("evil.example"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("click"), "{html}");
        assert!(
            html.contains("tracker"),
            "the image's description stays: {html}"
        );
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("href=\"mailto:a@example.org\""), "{html}");
        assert!(
            !to_html(
                "[x](//evil.example/a) [y](/local) [z](data:text/html,hi)",
                2
            )
            .contains("href")
        );
    }

    #[test]
    fn dangerous_markup_is_removed() {
        let nasty = concat!(
            "<script>alert(1)</script>\n\n",
            "<img src=x onerror=alert(2)>\n\n",
            "[click](javascript:alert(3))\n\n",
            "<a href=\"data:text/html,hi\">data</a>\n\n",
            "<iframe src=\"https://evil.example\"></iframe>\n\n",
            "<style>body{display:none}</style>\n\n",
            "<p onclick=\"alert(4)\">para</p>\n\n",
            "![tracker](https://evil.example/pixel.png)\n\n",
            "<a href=\"JaVaScRiPt:alert(5)\">mixed case</a>\n",
        );
        let html = to_html(nasty, 2).to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "<iframe",
            "<style",
            "onclick",
            "<img",
            "evil.example",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert!(html.contains("para"));
    }
}
