//! One `Diagnostic` type for every problem Signpost finds in a site's files,
//! and the renderer that shows it to a person: file, line, column, the line
//! itself with a caret, and what to do about it.

use std::collections::BTreeMap;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::Error as FilesError;
use codespan_reporting::term;
use serde::Serialize;

use crate::yaml::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
///
/// An excerpt is the problem's line, or on a long line the stretch around
/// the problem, so a report stays small whatever a file holds.
pub fn render_human(diagnostics: &[Diagnostic], sources: &Sources) -> String {
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
        let located = sources
            .get(&d.file)
            .and_then(|text| excerpt(text, d.line, d.column, d.width));
        let Some((text, range)) = located else {
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
        let file = Excerpt { d, text };
        let label = Label::primary((), range);
        report = report.with_labels(vec![if d.field.is_empty() {
            label
        } else {
            label.with_message(&d.field)
        }]);
        if let Some(help) = &d.help {
            report = report.with_notes(vec![format!("help: {help}")]);
        }
        match term::emit_into_string(&config, &file, &report) {
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

/// The most problems one file reports; past it, one line says how many
/// more there are. A file that repeats one mistake 40,000 times needs the
/// first few messages, not all of them.
pub const MAX_PER_FILE: usize = 20;

/// What kind of problem a diagnostic is: its message with the parts that
/// name the particular value (in quotes or backticks, and numbers and
/// dates) left out, so that 40,000 unknown ids are one kind.
pub fn kind_of(d: &Diagnostic) -> String {
    let mut out = String::with_capacity(d.message.len());
    let mut open: Option<char> = None;
    let mut in_number = false;
    for c in d.message.chars() {
        if open.is_none() {
            if c.is_ascii_digit() || (in_number && matches!(c, '-' | '/' | ':' | '.')) {
                if !in_number {
                    out.push('…');
                }
                in_number = true;
                continue;
            }
            in_number = false;
        }
        match open {
            Some(close) if c == close => {
                out.push('…');
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None if c == '"' || c == '`' => {
                out.push(c);
                open = Some(c);
            }
            None => out.push(c),
        }
    }
    if open.is_some() {
        out.push('…');
    }
    out
}

/// At most `max` diagnostics of each kind (`kind_of`), in order; and how
/// many were left out.
pub fn limit_per_kind(diagnostics: Vec<Diagnostic>, max: usize) -> (Vec<Diagnostic>, usize) {
    let mut seen: std::collections::HashMap<(Severity, String), usize> = Default::default();
    let mut left_out = 0;
    let kept = diagnostics
        .into_iter()
        .filter(|d| {
            let n = seen.entry((d.severity, kind_of(d))).or_default();
            *n += 1;
            let keep = *n <= max;
            left_out += usize::from(!keep);
            keep
        })
        .collect();
    (kept, left_out)
}

/// How many problems there are of each kind, most first, with the first
/// three of each as examples: the report for a directory with thousands.
pub fn render_summary(diagnostics: &[Diagnostic]) -> String {
    let mut kinds: Vec<((Severity, String), Vec<&Diagnostic>)> = Vec::new();
    let mut at: std::collections::HashMap<(Severity, String), usize> = Default::default();
    for d in diagnostics {
        let key = (d.severity, kind_of(d));
        match at.get(&key) {
            Some(&i) => kinds[i].1.push(d),
            None => {
                at.insert(key.clone(), kinds.len());
                kinds.push((key, vec![d]));
            }
        }
    }
    kinds.sort_by(|a, b| (a.0.0, b.1.len()).cmp(&(b.0.0, a.1.len())));
    let mut out = String::new();
    for ((severity, kind), ds) in &kinds {
        let severity = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{:>6} × {severity}: {kind}\n", ds.len()));
        for d in ds.iter().take(3) {
            out.push_str(&format!(
                "         {}:{}:{}: {}\n",
                d.file, d.line, d.column, d.message
            ));
        }
    }
    out
}

/// Problems of one file left out of a report: how many, how many of them
/// are errors, and where the first of them is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct More {
    pub count: usize,
    pub errors: usize,
    pub first: Pos,
}

impl More {
    pub fn add(&mut self, other: More) {
        self.count += other.count;
        self.errors += other.errors;
        self.first = self.first.min(other.first);
    }

    fn of(d: &Diagnostic) -> More {
        More {
            count: 1,
            errors: usize::from(d.is_error()),
            first: Pos {
                line: d.line,
                column: d.column,
            },
        }
    }

    /// The line standing for them in a report.
    pub fn line(&self, file: &str) -> Diagnostic {
        let (n, errors) = (self.count, self.errors);
        let warnings = n - errors;
        Diagnostic {
            severity: if errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!(
                "…and {n} more {} in this file ({errors} {}, {warnings} {})",
                if n == 1 { "problem" } else { "problems" },
                if errors == 1 { "error" } else { "errors" },
                if warnings == 1 { "warning" } else { "warnings" },
            ),
            ..Diagnostic::file_error(
                file,
                "",
                format!(
                    "Only the first {MAX_PER_FILE} problems of a file are shown. Fix those and check again; often one mistake, repeated, causes the rest."
                ),
            )
            .at(self.first, 1)
        }
    }
}

/// The first `MAX_PER_FILE` problems of one file by place, found without
/// keeping the rest: a file with 40,000 mistakes costs 20 messages of
/// memory, not 40,000.
#[derive(Debug, Default)]
pub struct FirstFew {
    kept: Vec<Diagnostic>,
    more: Option<More>,
}

impl FirstFew {
    pub fn push(&mut self, d: Diagnostic) {
        let place = |d: &Diagnostic| (d.line, d.column);
        let out = if self.kept.len() < MAX_PER_FILE {
            self.kept.push(d);
            return;
        } else {
            // Keep the earliest: the new one replaces the latest kept if it
            // comes before it.
            let latest = (0..self.kept.len())
                .max_by_key(|&i| place(&self.kept[i]))
                .unwrap_or(0);
            if place(&d) < place(&self.kept[latest]) {
                std::mem::replace(&mut self.kept[latest], d)
            } else {
                d
            }
        };
        let out = More::of(&out);
        match &mut self.more {
            Some(more) => more.add(out),
            None => self.more = Some(out),
        }
    }

    /// Whether a problem at `pos` would be kept: when not, there is no need
    /// to work out its message (a did-you-mean can be costly).
    pub fn would_keep(&self, pos: Pos) -> bool {
        self.kept.len() < MAX_PER_FILE
            || self
                .kept
                .iter()
                .any(|d| (pos.line, pos.column) < (d.line, d.column))
    }

    /// The kept problems in reading order, and what was left out.
    pub fn finish(mut self) -> (Vec<Diagnostic>, Option<More>) {
        sort(&mut self.kept);
        (self.kept, self.more)
    }
}

/// Keeps the first `MAX_PER_FILE` diagnostics of each file (`sorted` by
/// file first) and puts after them a line saying how many more there are,
/// counting those already left out (`more`, by file).
pub fn cap_per_file(sorted: Vec<Diagnostic>, more: &BTreeMap<String, More>) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(sorted.len().min(4096));
    let mut rest = sorted.into_iter().peekable();
    while let Some(first) = rest.next() {
        let file = first.file.clone();
        let mut kept = vec![first];
        let mut left_out = more.get(&file).copied();
        while let Some(d) = rest.next_if(|d| d.file == file) {
            if kept.len() < MAX_PER_FILE {
                kept.push(d);
                continue;
            }
            match &mut left_out {
                Some(m) => m.add(More::of(&d)),
                None => left_out = Some(More::of(&d)),
            }
        }
        out.append(&mut kept);
        out.extend(left_out.map(|m| m.line(&file)));
    }
    out
}

/// One diagnostic's excerpt, as the source codespan renders: it quotes
/// only `text` but numbers it with the real line and column.
struct Excerpt<'a> {
    d: &'a Diagnostic,
    text: String,
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.d.file)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line: usize) -> Result<usize, FilesError> {
        Ok(self.d.line)
    }

    fn column_number(&'a self, (): (), _line: usize, _byte: usize) -> Result<usize, FilesError> {
        Ok(self.d.column)
    }

    fn line_range(&'a self, (): (), _line: usize) -> Result<std::ops::Range<usize>, FilesError> {
        Ok(0..self.text.len())
    }
}

/// Characters of a line an excerpt shows at most, and how many of them
/// come before the problem.
const EXCERPT_CHARS: usize = 100;
const EXCERPT_BEFORE: usize = 30;

/// The text to quote for a problem at a 1-based line and column spanning
/// `width` characters (widened over the quotes of a quoted value, so the
/// caret covers it all), and the caret's byte range in it. A long line is
/// cut to the stretch around the problem, with `…` where it was cut.
fn excerpt(
    text: &str,
    line: usize,
    column: usize,
    width: usize,
) -> Option<(String, std::ops::Range<usize>)> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let line_text = text.get(line_start..)?.lines().next().unwrap_or("");
    let count = line_text.chars().count();
    let at = column.saturating_sub(1).min(count);
    let width = match line_text.chars().nth(at) {
        Some('"' | '\'') => width + 2,
        _ => width,
    };
    let from = if count <= EXCERPT_CHARS {
        0
    } else {
        at.saturating_sub(EXCERPT_BEFORE)
    };
    let to = count.min(from + EXCERPT_CHARS);
    let caret = at.min(to)..at.saturating_add(width).min(to);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    let (mut start, mut end) = (None, None);
    for (n, c) in line_text.chars().enumerate().skip(from).take(to - from) {
        if n == caret.start {
            start = Some(shown.len());
        }
        if n == caret.end {
            end = Some(shown.len());
        }
        shown.push(c);
    }
    let line_end = shown.len();
    if to < count {
        shown.push('…');
    }
    let start = start.unwrap_or(line_end);
    let end = end.unwrap_or(line_end).max(start);
    Some((shown, start..end))
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
        let (line, caret) = excerpt(text, 2, 8, 4).unwrap();
        assert_eq!(&line[caret], "\"10am\"");
        assert_eq!(excerpt(text, 9, 1, 1), None);
    }

    #[test]
    fn a_long_line_is_quoted_around_the_problem_only() {
        let text = format!("a: [{}zz{}]\n", "x, ".repeat(20_000), ", y".repeat(20_000));
        let column = 5 + 3 * 20_000;
        let (line, caret) = excerpt(&text, 1, column, 2).unwrap();
        assert_eq!(&line[caret], "zz");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert_eq!(line.chars().count(), EXCERPT_CHARS + 2);
        let d = Diagnostic {
            field: "a[20000]".into(),
            ..Diagnostic::file_error("content/a.yaml", "bad", "fix").at(Pos { line: 1, column }, 2)
        };
        let sources = Sources::from([("content/a.yaml".to_string(), text)]);
        let out = render_human(&[d], &sources);
        assert!(out.contains(&format!("content/a.yaml:1:{column}")), "{out}");
        assert!(out.len() < 1000, "{out}");
    }

    #[test]
    fn problems_of_one_kind_are_counted_together() {
        let d = |message: &str| Diagnostic::file_error("content/a.yaml", message, "fix");
        assert_eq!(
            kind_of(&d("there is no category with the id `nope`")),
            "there is no category with the id `…`"
        );
        assert_eq!(
            kind_of(&d("this entry was due for review on 2026-08-09")),
            "this entry was due for review on …"
        );
        let all: Vec<Diagnostic> = (0..10)
            .map(|i| d(&format!("there is no category with the id `c{i}`")))
            .chain([d("\"NN1\" is not a full UK postcode")])
            .collect();
        let (kept, left_out) = limit_per_kind(all.clone(), 2);
        assert_eq!((kept.len(), left_out), (3, 8));
        let summary = render_summary(&all);
        assert!(
            summary.starts_with("    10 × error: there is no category with the id `…`\n"),
            "{summary}"
        );
        assert_eq!(summary.lines().count(), 1 + 3 + 1 + 1, "{summary}");
    }

    #[test]
    fn the_first_few_are_the_earliest_whatever_order_they_come_in() {
        let mut few = FirstFew::default();
        for line in (1..=1000).rev() {
            let severity = if line % 2 == 0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            few.push(Diagnostic {
                severity,
                ..Diagnostic::file_error("a.yaml", "x", "y").at(Pos { line, column: 1 }, 1)
            });
        }
        let (kept, more) = few.finish();
        let lines: Vec<usize> = kept.iter().map(|d| d.line).collect();
        assert_eq!(lines, (1..=MAX_PER_FILE).collect::<Vec<_>>());
        assert_eq!(
            more,
            Some(More {
                count: 1000 - MAX_PER_FILE,
                errors: (1000 - MAX_PER_FILE) / 2,
                first: Pos {
                    line: MAX_PER_FILE + 1,
                    column: 1
                }
            })
        );
    }

    #[test]
    fn a_file_reports_at_most_its_first_problems_then_a_count() {
        let many = |file: &'static str, n: usize| {
            (1..=n).map(move |line| {
                Diagnostic::file_error(file, format!("problem {line}"), "fix")
                    .at(Pos { line, column: 1 }, 1)
            })
        };
        let all: Vec<Diagnostic> = many("content/a.yaml", 40_000)
            .chain(many("content/b.yaml", 3))
            .collect();
        let capped = cap_per_file(all, &BTreeMap::new());
        assert_eq!(capped.len(), MAX_PER_FILE + 1 + 3);
        let more = &capped[MAX_PER_FILE];
        assert_eq!(more.file, "content/a.yaml");
        assert_eq!(more.line, MAX_PER_FILE + 1);
        assert_eq!(
            more.message,
            format!(
                "…and {} more problems in this file ({} errors, 0 warnings)",
                40_000 - MAX_PER_FILE,
                40_000 - MAX_PER_FILE
            )
        );
        assert!(more.is_error());
        assert_eq!(capped[MAX_PER_FILE + 1].file, "content/b.yaml");
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
