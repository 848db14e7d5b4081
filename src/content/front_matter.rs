//! Markdown entries: YAML front matter between `---` lines, then a body that
//! is the entry's description (or a page's text).

use crate::decode::{Cx, Fields, text};
use crate::diagnostics::Severity;
use crate::fields::{Field, Need, Shape};
use crate::formats::{Problem, problem};

/// Splits a Markdown file into its front matter (with the opening `---` kept,
/// so YAML line numbers match the file's) and its body.
pub fn split_front_matter(text: &str) -> Result<(&str, &str), Problem> {
    let missing = || {
        problem(
            "this Markdown file does not start with front matter",
            "Start the file with a line of three dashes (---), then the fields (title: …), then another --- line, then the description.",
        )
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(missing());
    }
    let mut offset = first_line_end + 1;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok((&text[..offset], &text[body_start..]));
        }
        offset = end + 1;
    }
    Err(problem(
        "the front matter is not closed",
        "Add a line of three dashes (---) after the last field, before the description.",
    ))
}

/// The Markdown description: the body of a `.md` file, or a `description`
/// field in a YAML file, but not both.
/// A kind's `description`: Markdown, or the body of a `.md` file.
pub const DESCRIPTION: Field = Field::new(
    "description",
    Need::Body,
    Shape::Markdown,
    "Markdown (or the body of a `.md` file)",
);

pub fn description(
    cx: &mut Cx,
    f: &mut Fields,
    field: &Field,
    body: Option<&str>,
) -> Option<String> {
    let body = body.map(str::trim).filter(|b| !b.is_empty());
    let at = if body.is_some() {
        f.position()
    } else {
        f.pos_of("description")
    };
    let text = match body {
        None => f.require(cx, field, text),
        Some(body) => {
            if f.optional(cx, field, text).is_some() {
                cx.report(
                    Severity::Error,
                    f.pos_of("description"),
                    "description".len(),
                    problem(
                        "the description is given twice: as a field and as the text below the front matter",
                        "Keep one: delete the `description:` field, or the text after the closing ---.",
                    ),
                );
            }
            Some(body.to_string())
        }
    }?;
    let removed = crate::markdown::removed_tags(&text);
    if !removed.is_empty() {
        cx.report(
            Severity::Warning,
            at,
            1,
            problem(
                format!(
                    "the description has HTML that the site will not show: {} (the words inside stay, but not a script's or a style's)",
                    removed.join(", ")
                ),
                "Take those tags out, or write the formatting in Markdown: **bold**, *italic*, [a link](https://example.org), a blank line between paragraphs.",
            ),
        );
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_keeping_line_numbers() {
        let (yaml, body) = split_front_matter("---\ntitle: A\n---\nHello\n").unwrap();
        assert_eq!(yaml, "---\ntitle: A\n");
        assert_eq!(body, "Hello\n");
        let (yaml, body) = split_front_matter("---\r\ntitle: A\r\n---\r\n").unwrap();
        assert_eq!(yaml, "---\r\ntitle: A\r\n");
        assert_eq!(body, "");
    }

    #[test]
    fn refuses_missing_or_unclosed_front_matter() {
        assert!(split_front_matter("# Just text\n").is_err());
        assert!(split_front_matter("---\ntitle: A\n").is_err());
        assert!(split_front_matter("").is_err());
    }
}
