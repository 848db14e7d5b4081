//! One `Diagnostic` type for every problem Signpost finds in a site's files,
//! and the renderer that shows it to a person: file, line, column, the line
//! itself with a caret, and what to do about it.

use std::collections::BTreeMap;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

use crate::yaml::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; problems with a whole file point at its first line.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// How many characters the problem spans on its line (at least 1).
    pub width: usize,
    /// Where in the entry, e.g. `schedule[1].start`; empty for the whole file.
    pub field: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file rather than one place in it.
    pub fn file_error(file: &str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: 1,
            column: 1,
            width: 1,
            field: String::new(),
            message: message.into(),
            help: Some(help.into()),
        }
    }

    pub fn at(mut self, pos: Pos, width: usize) -> Self {
        self.line = pos.line;
        self.column = pos.column;
        self.width = width.max(1);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Puts diagnostics in the order people read them: by file, line, column.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

pub fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// The text of the files diagnostics point into, so excerpts can be shown.
pub type Sources = BTreeMap<String, String>;

/// Renders diagnostics as plain text with source excerpts, like:
///
/// ```text
/// error: "NN1 XYZ" is not a UK postcode
///   ┌─ content/activities/walk.yaml:12:13
///    │
/// 12 │   postcode: NN1 XYZ
///    │             ^^^^^^^ venue.postcode
///    │
///    = help: Write the full postcode, like NN1 5BD.
/// ```
pub fn render_human(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    for (name, text) in sources {
        ids.insert(name.as_str(), files.add(name.clone(), text.as_str()));
    }
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let mut out = String::new();
    for d in diagnostics {
        let mut report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(&d.message);
        let located = ids.get(d.file.as_str()).and_then(|&id| {
            let text = sources.get(&d.file)?;
            byte_range(text, d.line, d.column, d.width).map(|range| (id, range))
        });
        let Some((id, range)) = located else {
            // No readable text to quote (a file that is not UTF-8, or was
            // never read): the same layout, without the excerpt.
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out.push_str(&format!(
                "{severity}: {}\n   --> {}:{}:{}\n",
                d.message, d.file, d.line, d.column
            ));
            if let Some(help) = &d.help {
                out.push_str(&format!("   = help: {help}\n"));
            }
            out.push('\n');
            continue;
        };
        let label = Label::primary(id, range);
        report = report.with_labels(vec![if d.field.is_empty() {
            label
        } else {
            label.with_message(&d.field)
        }]);
        if let Some(help) = &d.help {
            report = report.with_notes(vec![format!("help: {help}")]);
        }
        match term::emit_into_string(&config, &files, &report) {
            Ok(text) => out.push_str(&text),
            Err(_) => out.push_str(&format!(
                "{:?}: {}:{}:{}: {}\n",
                d.severity, d.file, d.line, d.column, d.message
            )),
        }
    }
    out
}

/// Renders diagnostics as GitHub Actions workflow commands, so each problem
/// shows on its line of a pull request:
/// `::error file=content/a.yaml,line=3,col=9,title=…::message. help`.
pub fn render_github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let title = if d.field.is_empty() {
            "Signpost".to_string()
        } else {
            format!("Signpost: {}", d.field)
        };
        let text = match &d.help {
            Some(help) => format!("{}. {help}", capitalise_first(&d.message)),
            None => capitalise_first(&d.message),
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(&title),
            escape_data(&text)
        ));
    }
    out
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Workflow command data: `%`, CR and LF must be escaped.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command properties: also `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The JSON report of a check, version 1. Documented in docs/check-output.md;
/// fields are only ever added, never renamed or removed, within a version.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    entries: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

pub fn render_json(diagnostics: &[Diagnostic], entries: usize) -> String {
    let errors = count_errors(diagnostics);
    let report = JsonReport {
        version: 1,
        entries,
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The byte range of `width` characters from a 1-based line and column,
/// widened over the quotes of a quoted value so the caret covers it all.
fn byte_range(
    text: &str,
    line: usize,
    column: usize,
    width: usize,
) -> Option<std::ops::Range<usize>> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let mut chars = line_text.char_indices().skip(column.saturating_sub(1));
    let (start, first) = chars.next().unwrap_or((line_text.len(), ' '));
    let width = if first == '"' || first == '\'' {
        width + 2
    } else {
        width
    };
    let end = line_text[start..]
        .char_indices()
        .nth(width)
        .map_or(line_text.len(), |(i, _)| start + i)
        .max(start);
    Some(line_start + start..line_start + end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: "content/a, b.yaml".into(),
            line: 3,
            column: 9,
            width: 4,
            field: "venue.postcode".into(),
            message: "\"NN1\" is not 100% right".into(),
            help: Some("Line one\nline two".into()),
        }
    }

    #[test]
    fn github_annotations_escape_what_they_must() {
        assert_eq!(
            render_github(&[sample()]),
            "::error file=content/a%2C b.yaml,line=3,col=9,title=Signpost%3A venue.postcode::\"NN1\" is not 100%25 right. Line one%0Aline two\n"
        );
    }

    #[test]
    fn json_report_counts_and_lists() {
        let value: serde_json::Value = serde_json::from_str(&render_json(&[sample()], 7)).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["entries"], 7);
        assert_eq!(value["errors"], 1);
        assert_eq!(value["warnings"], 0);
        assert_eq!(value["diagnostics"][0]["severity"], "error");
        assert_eq!(value["diagnostics"][0]["line"], 3);
        assert_eq!(value["diagnostics"][0]["field"], "venue.postcode");
    }

    #[test]
    fn caret_covers_the_value_and_its_quotes() {
        let text = "title: Walk\nstart: \"10am\"\n";
        assert_eq!(byte_range(text, 2, 8, 4), Some(19..25));
        assert_eq!(&text[19..25], "\"10am\"");
        assert_eq!(byte_range(text, 9, 1, 1), None);
    }

    #[test]
    fn human_output_names_file_line_and_help() {
        let mut sources = Sources::new();
        sources.insert("content/a.yaml".into(), "postcode: NN1 XYZ\n".into());
        let d = Diagnostic {
            severity: Severity::Error,
            file: "content/a.yaml".into(),
            line: 1,
            column: 11,
            width: 7,
            field: "postcode".into(),
            message: "bad postcode".into(),
            help: Some("write it like NN1 5BD".into()),
        };
        let text = render_human(&[d], &sources);
        assert!(text.contains("error: bad postcode"), "{text}");
        assert!(text.contains("content/a.yaml:1:11"), "{text}");
        assert!(text.contains("^^^^^^^ postcode"), "{text}");
        assert!(text.contains("help: write it like NN1 5BD"), "{text}");
    }
}
