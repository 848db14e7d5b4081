//! Turning spanned YAML into typed entries while collecting every problem.
//!
//! serde stops at the first error; volunteers need them all at once, each at
//! its own line. So entries are decoded field by field: `Fields` hands out
//! fields by name (remembering which names exist, for "did you mean"), each
//! value goes through a small decoder `fn(&mut Cx, &Node) -> Option<T>`, and
//! every problem becomes a `Diagnostic` in `Cx`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, FirstFew, Severity};
use crate::fields::Field;
use crate::formats::{self, Problem};
use crate::kind::Kind;
use crate::suggest::closest;
use crate::yaml::{Key, Node, Pos, Value};

/// What is known before any entry is decoded: the vocabularies from
/// `site.yaml`, every entry id (from file names), and the date. Knowing ids
/// up front lets each entry check its references while it is decoded.
#[derive(Debug, Clone)]
pub struct Known {
    pub categories: BTreeSet<String>,
    pub accessibility: BTreeSet<String>,
    pub audiences: BTreeSet<String>,
    pub languages: BTreeSet<String>,
    /// False when `site.yaml` could not be read: vocabulary checks are then
    /// skipped, rather than reporting every term of every entry.
    pub vocabularies: bool,
    pub ids: BTreeMap<Kind, BTreeSet<String>>,
    pub today: NaiveDate,
    pub review_interval_days: u32,
    pub hide_overdue_after_days: Option<u32>,
}

impl Known {
    pub fn ids(&self, kind: Kind) -> impl Iterator<Item = &str> + Clone {
        self.ids
            .get(&kind)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    pub fn has(&self, kind: Kind, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|ids| ids.contains(id))
    }
}

/// The decoding context of one file.
pub struct Cx<'a> {
    pub file: &'a str,
    pub known: &'a Known,
    /// A file's first problems by place (and a count of the rest).
    pub diagnostics: FirstFew,
    /// The field being read, part by part: mostly field names, which are
    /// not copied (one copy for every field read was a tenth of decoding).
    path: Vec<std::borrow::Cow<'static, str>>,
}

impl<'a> Cx<'a> {
    pub fn new(file: &'a str, known: &'a Known) -> Self {
        Cx {
            file,
            known,
            diagnostics: FirstFew::default(),
            path: Vec::new(),
        }
    }

    fn field_path(&self) -> String {
        let mut out = String::new();
        for part in &self.path {
            if !out.is_empty() && !part.starts_with('[') {
                out.push('.');
            }
            out.push_str(part);
        }
        out
    }

    pub fn report(&mut self, severity: Severity, pos: Pos, width: usize, problem: Problem) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.to_string(),
            line: pos.line,
            column: pos.column,
            width: width.max(1),
            field: self.field_path(),
            message: problem.message,
            help: Some(problem.help),
        });
    }

    /// Whether a problem at `pos` would be reported; a caller with a costly
    /// message (a did-you-mean) checks first, and reports `unreported()`
    /// when not, so it is still counted.
    pub fn keeps(&self, pos: Pos) -> bool {
        self.diagnostics.would_keep(pos)
    }

    /// An error about a value: the caret covers the value.
    pub fn error(&mut self, node: &Node, problem: Problem) {
        self.report(Severity::Error, node.pos, width(node), problem);
    }

    pub fn warning(&mut self, node: &Node, problem: Problem) {
        self.report(Severity::Warning, node.pos, width(node), problem);
    }

    /// Runs `f` with `part` appended to the field path used in messages.
    pub fn within<T>(
        &mut self,
        part: impl Into<std::borrow::Cow<'static, str>>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.path.push(part.into());
        let out = f(self);
        self.path.pop();
        out
    }
}

fn width(node: &Node) -> usize {
    match &node.value {
        Value::Scalar(s) => s.lines().next().map_or(1, |l| l.chars().count()),
        _ => 1,
    }
}

/// "a" or "an" before a field's name, as it is read aloud: an
/// `organisation`, a `title`.
fn article(name: &str) -> &'static str {
    match name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

fn is_empty(node: &Node) -> bool {
    matches!(&node.value, Value::Scalar(s) if matches!(s.trim(), "" | "~" | "null"))
}

fn what(node: &Node) -> &'static str {
    match node.value {
        Value::Scalar(_) => "a single value",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a group of fields",
    }
}

/// Hands out a mapping's fields by name and reports the ones nobody asked for.
pub struct Fields<'n> {
    entries: &'n [(Key, Node)],
    pos: Pos,
    used: Vec<bool>,
    expected: Vec<&'static str>,
    noun: &'static str,
}

impl<'n> Fields<'n> {
    /// `noun` names the thing in messages: "an activity", "a session".
    pub fn of(cx: &mut Cx, node: &'n Node, noun: &'static str) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                entries,
                // The parser's start of a block mapping can sit past its
                // first key; the first key is where a person looks.
                pos: entries.first().map_or(node.pos, |(k, _)| k.pos),
                used: vec![false; entries.len()],
                expected: Vec::new(),
                noun,
            }),
            _ => {
                cx.error(
                    node,
                    formats::problem(
                        format!("expected the fields of {noun} here, but found {}", what(node)),
                        "Write each field on its own line as `name: value`, indented under this one.",
                    ),
                );
                None
            }
        }
    }

    fn find(&mut self, key: &'static str) -> Option<&'n Node> {
        self.expected.push(key);
        let i = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.used[i] = true;
        Some(&self.entries[i].1).filter(|n| !is_empty(n))
    }

    /// Reads a declared field: a required one is reported when it is
    /// missing (with the field's example of what to write); any other is
    /// just absent.
    pub fn read<T>(
        &mut self,
        cx: &mut Cx,
        field: &Field,
        decode: impl FnOnce(&mut Cx, &Node) -> Option<T>,
    ) -> Option<T> {
        if field.required() {
            self.require(cx, field, decode)
        } else {
            self.optional(cx, field, decode)
        }
    }

    /// Reads a field that is needed here, whatever its declaration says
    /// (a `.md` file's description when it has no body).
    pub fn require<T>(
        &mut self,
        cx: &mut Cx,
        field: &Field,
        decode: impl FnOnce(&mut Cx, &Node) -> Option<T>,
    ) -> Option<T> {
        let key = field.name;
        match self.find(key) {
            Some(node) => cx.within(key, |cx| decode(cx, node)),
            None => {
                let pos = self.pos;
                let noun = self.noun;
                let line = match field.example {
                    "" => format!("`{key}:` followed by its value"),
                    e => format!("`{key}: {e}`"),
                };
                cx.within(key, |cx| {
                    cx.report(
                        Severity::Error,
                        pos,
                        1,
                        formats::problem(
                            format!(
                                "{noun} needs {} `{key}`, and this one has none",
                                article(key)
                            ),
                            format!("Add a line like {line}."),
                        ),
                    )
                });
                None
            }
        }
    }

    /// Reads a field as optional; left empty (`website:`) counts as absent.
    pub fn optional<T>(
        &mut self,
        cx: &mut Cx,
        field: &Field,
        decode: impl FnOnce(&mut Cx, &Node) -> Option<T>,
    ) -> Option<T> {
        let key = field.name;
        let node = self.find(key)?;
        cx.within(key, |cx| decode(cx, node))
    }

    /// Where a field's key is (or the mapping, when it is absent).
    pub fn pos_of(&self, key: &str) -> Pos {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map_or(self.pos, |(k, _)| k.pos)
    }

    /// Whether a field is present with a value.
    pub fn has(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|(k, v)| k.name == key && !is_empty(v))
    }

    /// The node of a field that is present, without decoding it.
    pub fn node(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    pub fn position(&self) -> Pos {
        self.pos
    }

    /// Reports `problem` at the start of the block unless at least one of
    /// `keys` is present; returns whether one is.
    pub fn need_any(&self, cx: &mut Cx, keys: &[&str], problem: Problem) -> bool {
        let given = keys.iter().any(|k| self.has(k));
        if !given {
            cx.report(Severity::Error, self.pos, 1, problem);
        }
        given
    }

    /// Reports every field that no decoder asked for.
    pub fn finish(self, cx: &mut Cx) {
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            if !cx.keeps(key.pos) {
                cx.report(Severity::Error, key.pos, 1, unreported());
                continue;
            }
            let known = self.expected.iter().copied();
            let help = match closest(&key.name, known) {
                Some(guess) => format!(
                    "Did you mean `{guess}`? Field names are lowercase, with _ between words."
                ),
                None => format!(
                    "Remove this line, or check its spelling. The fields of {} are: {}.",
                    self.noun,
                    self.expected.join(", ")
                ),
            };
            cx.within(key.name.clone(), |cx| {
                cx.report(
                    Severity::Error,
                    key.pos,
                    key.name.chars().count(),
                    formats::problem(
                        format!("`{}` is not a field of {}", key.name, self.noun),
                        help,
                    ),
                )
            });
        }
    }
}

/// The problem reported for one that will only be counted, never shown.
fn unreported() -> Problem {
    formats::problem(String::new(), String::new())
}

// ---- value decoders -------------------------------------------------------

/// The text of a single value, or an error naming what was found instead.
pub fn scalar<'n>(cx: &mut Cx, node: &'n Node) -> Option<&'n str> {
    match &node.value {
        Value::Scalar(s) => {
            if let Some(cut) = &node.cut_off {
                cx.warning(
                    node,
                    formats::problem(
                        format!("the text \"{cut}\" after the value is left out, because # starts a comment"),
                        format!("If it belongs to the value, put the whole value in double quotes, like: \"{s} {cut}\""),
                    ),
                );
            }
            if let Some((at, c)) = s.char_indices().find(|&(i, c)| hidden(s, i, c)) {
                let before: String = {
                    let start = s[..at].char_indices().rev().nth(19).map_or(0, |(i, _)| i);
                    s[start..at].to_string()
                };
                let column = s[..at].chars().count();
                // On the value's own line, point at the character itself.
                let pos = if s[..at].contains('\n') || !node.plain {
                    node.pos
                } else {
                    Pos {
                        line: node.pos.line,
                        column: node.pos.column + column,
                    }
                };
                let place = if before.trim().is_empty() {
                    "at the start".to_string()
                } else {
                    format!("after \"{}\"", before.trim_start())
                };
                cx.report(
                    Severity::Error,
                    pos,
                    1,
                    formats::problem(
                        format!("this value contains {}, which cannot be seen, {place}", char_name(c)),
                        "Delete it: retype the text around it, or copy the value again from plain text. It often comes with text pasted from a web page or a document.",
                    ),
                );
                return None;
            }
            Some(s.as_str())
        }
        _ => {
            cx.error(
                node,
                formats::problem(
                    format!("expected a single value here, but found {}", what(node)),
                    "Write the value on the same line as the field name, like `title: Tuesday Walk`.",
                ),
            );
            None
        }
    }
}

/// Whether the character at byte `i` of `s` is one that cannot be seen
/// and does not belong in an entry: control characters (but tabs and line
/// breaks), zero-width spaces and joiners, direction overrides. A zero-width
/// joiner inside an emoji (🏳️‍🌈) is allowed.
fn hidden(s: &str, i: usize, c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{200d}' => s[..i]
            .chars()
            .next_back()
            .is_none_or(|p| p.is_alphanumeric() && p.is_ascii()),
        c if c.is_control() => true,
        '\u{200b}' | '\u{200c}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{180e}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// A hidden character's code and name, for a message.
fn char_name(c: char) -> String {
    let name = match c {
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{00ad}' => "SOFT HYPHEN",
        '\u{180e}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "a text direction control",
        _ => "a control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

pub fn text(cx: &mut Cx, node: &Node) -> Option<String> {
    let s = scalar(cx, node)?.trim();
    Some(s.to_string())
}

/// Text that cards show at most `max` characters of: longer is a warning
/// showing where cards cut it (at a word), not an error.
pub fn short_text(max: usize) -> impl Fn(&mut Cx, &Node) -> Option<String> {
    move |cx, node| {
        let s = text(cx, node)?;
        let len = s.chars().count();
        if len > max {
            let shown = formats::cut_at_word(&s, max);
            cx.warning(
                node,
                formats::problem(
                    format!("this is {len} characters long, and cards show only the first {max}: \"{shown}\""),
                    "Shorten it to one plain sentence, so cards show all of it. Put the details in the description.",
                ),
            );
        }
        Some(s)
    }
}

/// A value in a format checked by one of `formats`.
pub fn checked<T>(
    check: impl Fn(&str) -> Result<T, Problem>,
) -> impl Fn(&mut Cx, &Node) -> Option<T> {
    move |cx, node| {
        let s = scalar(cx, node)?;
        check(s).map_err(|p| cx.error(node, p)).ok()
    }
}

pub fn date(cx: &mut Cx, node: &Node) -> Option<NaiveDate> {
    checked(formats::date)(cx, node)
}

pub fn flag(cx: &mut Cx, node: &Node) -> Option<bool> {
    let s = scalar(cx, node)?;
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => {
            cx.error(
                node,
                formats::problem(
                    format!("\"{s}\" should be true or false"),
                    "Write true or false (without quotes).",
                ),
            );
            None
        }
    }
}

/// A number within `range`; `whole` refuses fractions.
pub fn number(
    range: std::ops::RangeInclusive<f64>,
    whole: bool,
) -> impl Fn(&mut Cx, &Node) -> Option<f64> {
    move |cx, node| {
        let s = scalar(cx, node)?;
        let cleaned = s.trim().replace([',', '£'], "");
        let parsed = cleaned.parse::<f64>().ok().filter(|n| n.is_finite());
        match parsed {
            Some(n) if range.contains(&n) && (!whole || n.fract() == 0.0) => Some(n),
            _ => {
                let kind = if whole { "a whole number" } else { "a number" };
                cx.error(
                    node,
                    formats::problem(
                        format!(
                            "\"{s}\" should be {kind} from {} to {}",
                            range.start(),
                            range.end()
                        ),
                        format!("Write just {kind}, with no words or units."),
                    ),
                );
                None
            }
        }
    }
}

/// A list of values, each decoded by `item`. Items that fail are left out.
pub fn list<T>(
    item: impl Fn(&mut Cx, &Node) -> Option<T>,
) -> impl Fn(&mut Cx, &Node) -> Option<Vec<T>> {
    move |cx, node| match &node.value {
        Value::Seq(items) => Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| cx.within(format!("[{i}]"), |cx| item(cx, n)))
                .collect(),
        ),
        Value::Scalar(s) => {
            let s = s.clone();
            cx.error(
                node,
                formats::problem(
                    "expected a list here, but found a single value",
                    format!("Write it as a list in square brackets, like [{s}], or one `- item` per line underneath."),
                ),
            );
            None
        }
        Value::Map(_) => {
            cx.error(
                node,
                formats::problem(
                    "expected a list here, but found a group of fields",
                    "Start each item of the list with `- ` (a dash and a space).",
                ),
            );
            None
        }
    }
}

/// One of a fixed set of words, like `running`, `paused`, `ended`.
pub fn one_of<T: Copy>(
    choices: &'static [(&'static str, T)],
) -> impl Fn(&mut Cx, &Node) -> Option<T> {
    move |cx, node| {
        let s = scalar(cx, node)?;
        let lower = s.trim().to_ascii_lowercase();
        if let Some((_, v)) = choices.iter().find(|(name, _)| *name == lower) {
            return Some(*v);
        }
        if !cx.keeps(node.pos) {
            cx.error(node, unreported());
            return None;
        }
        let names = choices.iter().map(|(n, _)| *n);
        let all = names.clone().collect::<Vec<_>>().join(", ");
        let help = match closest(&lower, names) {
            Some(guess) => format!("Did you mean {guess}? The choices are: {all}."),
            None => format!("Use one of: {all}."),
        };
        cx.error(
            node,
            formats::problem(format!("\"{s}\" is not one of the choices"), help),
        );
        None
    }
}

/// The id of another entry, which must exist. `kinds` lists where it may be
/// (a job's employer may be an organisation or a PCN).
pub fn reference(kinds: &'static [Kind]) -> impl Fn(&mut Cx, &Node) -> Option<String> {
    move |cx, node| {
        let id = scalar(cx, node)?.trim().to_string();
        if kinds.iter().any(|k| cx.known.has(*k, &id)) {
            return Some(id);
        }
        if !cx.keeps(node.pos) {
            cx.error(node, unreported());
            return None;
        }
        let names = kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" or ");
        let nouns = kinds
            .iter()
            .map(|k| k.noun())
            .collect::<Vec<_>>()
            .join(" or ");
        let folders = kinds
            .iter()
            .map(|k| format!("content/{}/", k.folder()))
            .collect::<Vec<_>>()
            .join(" or ");
        let candidates = kinds.iter().flat_map(|k| cx.known.ids(*k));
        let help = match closest(&id, candidates) {
            Some(guess) => format!(
                "Did you mean `{guess}`? Ids are the file names in {folders}, without the extension."
            ),
            None => {
                format!("Use the id of {nouns}: its file name in {folders}, without the extension.")
            }
        };
        cx.error(
            node,
            formats::problem(format!("there is no {names} with the id `{id}`"), help),
        );
        None
    }
}

/// Which `site.yaml` vocabulary a term comes from.
#[derive(Debug, Clone, Copy)]
pub enum Vocabulary {
    Categories,
    Accessibility,
    Audiences,
    Languages,
}

pub fn term(vocabulary: Vocabulary) -> impl Fn(&mut Cx, &Node) -> Option<String> {
    move |cx, node| {
        let id = scalar(cx, node)?.trim().to_string();
        let (terms, noun, field) = match vocabulary {
            Vocabulary::Categories => (&cx.known.categories, "category", "categories"),
            Vocabulary::Accessibility => (
                &cx.known.accessibility,
                "accessibility feature",
                "accessibility_features",
            ),
            Vocabulary::Audiences => (&cx.known.audiences, "audience", "audiences"),
            Vocabulary::Languages => (&cx.known.languages, "language", "languages"),
        };
        if terms.contains(&id) || !cx.known.vocabularies {
            return Some(id);
        }
        if !cx.keeps(node.pos) {
            cx.error(node, unreported());
            return None;
        }
        let help = match closest(&id, terms.iter().map(String::as_str)) {
            Some(guess) => format!(
                "Did you mean `{guess}`? The {field} list in content/site.yaml has the ids you can use."
            ),
            None if terms.is_empty() => format!(
                "The {field} list in content/site.yaml has no ids yet: add this one there, or fix the list's problems first."
            ),
            None => format!(
                "Use one of the ids from the {field} list in content/site.yaml: {}.",
                terms.iter().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        cx.error(
            node,
            formats::problem(format!("there is no {noun} with the id `{id}`"), help),
        );
        None
    }
}
