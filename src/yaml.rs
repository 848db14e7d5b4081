//! The one module that knows which YAML library Signpost uses.
//!
//! Entries need a line and column for every field, and every problem in a
//! file at once, which serde_yaml (deprecated upstream) cannot give: it has
//! no spans and stops at the first error. So YAML is parsed here, from the
//! events of saphyr-parser (the maintained successor of yaml-rust), into a
//! small spanned tree that the rest of Signpost decodes. Swapping the parser
//! touches only this file.
//!
//! All scalars stay strings: types are decided by the decoder, so `no` never
//! turns into `false` and `10:00` never turns into a number. Anchors,
//! aliases and tags are refused, which also rules out "billion laughs"
//! expansion, and the tree is built with an explicit stack and a depth
//! limit, so no input can exhaust the call stack.

use foldhash::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

/// A place in a source file: 1-based line and column, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
    /// For an unquoted value followed on its line by `#` and text with no
    /// space between (`title: Walk #2`): that text. YAML reads it as a
    /// comment and drops it, which is rarely what the writer meant.
    pub cut_off: Option<String>,
    /// An unquoted scalar, which YAML (and editors) may read as a number,
    /// true/false or null; quoted ones are always text.
    pub plain: bool,
}

#[derive(Debug, Clone)]
pub enum Value {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

/// Why a file is not YAML that Signpost can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    Tab(Pos),
    ColonInValue(Pos),
    Indentation(Pos),
    /// A quote mark ends a quoted value early: `'Jan's walk'`.
    QuoteEndsEarly(Pos),
    /// A value starts with a character YAML reserves, like `@` or `` ` ``.
    ReservedStart(Pos),
    DuplicateKey {
        key: String,
        first: Pos,
        again: Pos,
    },
    Anchor(Pos),
    Tag(Pos),
    NotAMapping(Pos),
    TooDeep(Pos),
    Other {
        pos: Pos,
        detail: String,
    },
}

impl SyntaxError {
    pub fn pos(&self) -> Pos {
        match self {
            SyntaxError::Tab(p)
            | SyntaxError::ColonInValue(p)
            | SyntaxError::Indentation(p)
            | SyntaxError::QuoteEndsEarly(p)
            | SyntaxError::ReservedStart(p)
            | SyntaxError::Anchor(p)
            | SyntaxError::Tag(p)
            | SyntaxError::NotAMapping(p)
            | SyntaxError::TooDeep(p) => *p,
            SyntaxError::DuplicateKey { again, .. } => *again,
            SyntaxError::Other { pos, .. } => *pos,
        }
    }
}

/// Entries are never this deeply nested; refusing deeper input keeps every
/// walk over the tree shallow whatever a file contains.
const MAX_DEPTH: usize = 16;

/// A collection being built: a list, or a mapping with the key (if any)
/// waiting for its value.
enum Open {
    Seq(Pos, Vec<Node>),
    /// Past [`SCAN_KEYS`] keys, also where each key was first seen, so a
    /// repeated key is found in constant time rather than by scanning
    /// every earlier key.
    Map(
        Pos,
        Vec<(Key, Node)>,
        Option<Key>,
        Option<HashMap<String, Pos>>,
    ),
}

/// Up to this many keys, a mapping's earlier keys are scanned for a repeat:
/// entries' mappings are small, and a map of their keys (a copy of each)
/// cost more than the scan.
const SCAN_KEYS: usize = 32;

/// Where `name` was first seen among a mapping's keys, if it was.
fn seen_before(
    entries: &[(Key, Node)],
    seen: &mut Option<HashMap<String, Pos>>,
    name: &str,
) -> Option<Pos> {
    if seen.is_none() && entries.len() >= SCAN_KEYS {
        *seen = Some(
            entries
                .iter()
                .map(|(k, _)| (k.name.clone(), k.pos))
                .collect(),
        );
    }
    match seen {
        Some(seen) => seen.get(name).copied(),
        None => entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(k, _)| k.pos),
    }
}

/// Parses one YAML document whose top level must be a mapping.
/// An empty document is an empty mapping.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut open: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let offsets = CharOffsets::new(text);
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| scan_error(&e, text))?;
        let pos = pos_of(&span.start);
        let node = match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Alias(_) => return Err(SyntaxError::Anchor(pos)),
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _)
                if anchor > 0 =>
            {
                return Err(SyntaxError::Anchor(pos));
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::SequenceStart(_, Some(_))
            | Event::MappingStart(_, Some(_)) => return Err(SyntaxError::Tag(pos)),
            Event::Scalar(value, style, ..) => Node {
                pos,
                plain: style == ScalarStyle::Plain,
                value: Value::Scalar(value.into_owned()),
                cut_off: if style == ScalarStyle::Plain {
                    cut_off_comment(text, &offsets, &span.end)
                } else {
                    None
                },
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if open.len() >= MAX_DEPTH {
                    return Err(SyntaxError::TooDeep(pos));
                }
                open.push(match event {
                    Event::SequenceStart(..) => Open::Seq(pos, Vec::new()),
                    _ => Open::Map(pos, Vec::new(), None, None),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                Some(Open::Seq(pos, items)) => Node {
                    pos,
                    value: Value::Seq(items),
                    cut_off: None,
                    plain: false,
                },
                Some(Open::Map(pos, entries, ..)) => Node {
                    pos,
                    value: Value::Map(entries),
                    cut_off: None,
                    plain: false,
                },
                None => continue,
            },
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => continue,
        };
        match open.last_mut() {
            None => {
                root = Some(node);
                // Only the first document counts.
                break;
            }
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, waiting, seen)) => match waiting.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    let Value::Scalar(name) = node.value else {
                        return Err(SyntaxError::Other {
                            pos: node.pos,
                            detail: "a field name must be plain text".into(),
                        });
                    };
                    if let Some(first) = seen_before(entries, seen, &name) {
                        return Err(SyntaxError::DuplicateKey {
                            key: name,
                            first,
                            again: node.pos,
                        });
                    }
                    if let Some(seen) = seen {
                        seen.insert(name.clone(), node.pos);
                    }
                    *waiting = Some(Key {
                        name,
                        pos: node.pos,
                    });
                }
            },
        }
    }
    match root {
        None => Ok(Node {
            pos: Pos { line: 1, column: 1 },
            value: Value::Map(Vec::new()),
            cut_off: None,
            plain: false,
        }),
        Some(
            node @ Node {
                value: Value::Map(_),
                ..
            },
        ) => Ok(node),
        Some(node) => Err(SyntaxError::NotAMapping(node.pos)),
    }
}

/// Byte offsets of the parser's character indices. The parser counts in
/// characters; for ASCII text (most entries) the two are the same, and
/// otherwise a cursor walks forward from the last lookup, since values are
/// asked for in the order they come: the text is walked once in all,
/// rather than a table of every character made (a twentieth of `check`'s
/// time at 10,000 entries) or a long line walked once per value.
struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    /// The last lookup: (character index, byte offset).
    at: std::cell::Cell<(usize, usize)>,
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            at: std::cell::Cell::new((0, 0)),
        }
    }

    fn byte(&self, char_index: usize) -> Option<usize> {
        if self.ascii {
            return (char_index <= self.text.len()).then_some(char_index);
        }
        let (mut chars, mut bytes) = self.at.get();
        if char_index < chars {
            (chars, bytes) = (0, 0);
        }
        let mut rest = self.text[bytes..].chars();
        while chars < char_index {
            bytes += rest.next()?.len_utf8();
            chars += 1;
        }
        self.at.set((chars, bytes));
        Some(bytes)
    }
}

/// The `#text` after a plain value's end on the same line, if the `#` is
/// followed directly by text (a real comment has a space: `# note`).
/// Reads only the blanks after the value unless a `#` follows them, and a
/// line has at most one comment, so the whole file is read at most once.
fn cut_off_comment(text: &str, offsets: &CharOffsets, end: &Marker) -> Option<String> {
    let rest = text.get(offsets.byte(end.index())?..)?;
    let comment = rest.trim_start_matches([' ', '\t']);
    if comment.len() == rest.len() {
        return None;
    }
    let after_hash = comment.strip_prefix('#')?;
    let starts_with_text = after_hash
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '#');
    if !starts_with_text {
        return None;
    }
    let line = comment.split(['\n', '\r']).next().unwrap_or(comment);
    Some(line.trim_end().to_string())
}

fn pos_of(marker: &Marker) -> Pos {
    Pos {
        line: marker.line().max(1),
        column: marker.col() + 1,
    }
}

fn scan_error(err: &ScanError, text: &str) -> SyntaxError {
    classify_scan(pos_of(err.marker()), err.info().to_string(), text)
}

/// The parser describes problems in its own terms; map the common ones onto
/// the mistakes people actually make.
fn classify_scan(pos: Pos, detail: String, text: &str) -> SyntaxError {
    let line_text = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or("");
    if detail.contains("tab") {
        let column = line_text.find('\t').map_or(pos.column, |i| i + 1);
        return SyntaxError::Tab(Pos {
            line: pos.line,
            column,
        });
    }
    if detail.contains("trailing content after") && detail.contains("quoted scalar") {
        return SyntaxError::QuoteEndsEarly(pos);
    }
    if detail.contains("unexpected character") {
        return SyntaxError::ReservedStart(pos);
    }
    if detail.contains("unknown anchor") || detail.contains("anchor or alias") {
        return SyntaxError::Anchor(pos);
    }
    if detail.contains("recursion limit") {
        return SyntaxError::TooDeep(pos);
    }
    if detail.contains("mapping values are not allowed") {
        // `title: Walk: and talk` — a second ": " after the value started.
        let value_start = line_text.find(": ").map(|i| i + 2);
        if let Some(start) = value_start {
            let rest = &line_text[start..];
            let quoted = rest.starts_with('"') || rest.starts_with('\'');
            let colon = rest
                .find(": ")
                .or_else(|| rest.ends_with(':').then(|| rest.len() - 1));
            if let Some(colon) = colon.filter(|_| !quoted) {
                let column = line_text[..start + colon].chars().count() + 1;
                return SyntaxError::ColonInValue(Pos {
                    line: pos.line,
                    column,
                });
            }
        }
        return indentation(pos, line_text);
    }
    if detail.contains("did not find expected key")
        || detail.contains("did not find expected '-'")
        || detail.contains("block mapping")
    {
        return indentation(pos, line_text);
    }
    SyntaxError::Other { pos, detail }
}

/// Points at where the misindented line's text starts.
fn indentation(pos: Pos, line_text: &str) -> SyntaxError {
    let indent = line_text.chars().take_while(|c| *c == ' ').count();
    SyntaxError::Indentation(Pos {
        line: pos.line,
        column: indent + 1,
    })
}

/// The document as JSON, reading unquoted scalars as the YAML 1.2 core
/// schema does (as editors' YAML tools do): `true`, `18`, `52.4` and `null`
/// become a boolean, numbers and null; everything else is text. Used to
/// check entries against the JSON Schemas `signpost schema` writes.
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Scalar(s) if node.plain => match s.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => J::Null,
            "true" | "True" | "TRUE" => J::Bool(true),
            "false" | "False" | "FALSE" => J::Bool(false),
            _ if is_core_int(s) => s
                .parse::<i64>()
                .map(J::from)
                .unwrap_or_else(|_| J::String(s.clone())),
            _ if is_core_float(s) => s
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(|| J::String(s.clone()), J::Number),
            _ => J::String(s.clone()),
        },
        Value::Scalar(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}

fn is_core_int(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_core_float(s: &str) -> bool {
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let rest = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(whole)
        && digits(fraction)
        && (!whole.is_empty() || !fraction.is_empty())
        && (mantissa.contains('.') || exponent.is_some());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_reads_unquoted_values_as_editors_do() {
        let node = parse(
            "a: true\nb: 18\nc: 52.4\nd: \"18\"\ne: 10:00\nf: 2026-01-02\ng: ~\nh: [1, x]\ni: 1e3\nj: 01632 960004\n",
        )
        .unwrap();
        assert_eq!(
            to_json(&node),
            serde_json::json!({
                "a": true, "b": 18, "c": 52.4, "d": "18", "e": "10:00",
                "f": "2026-01-02", "g": null, "h": [1, "x"], "i": 1000.0,
                "j": "01632 960004"
            })
        );
    }

    fn err(text: &str) -> SyntaxError {
        parse(text).unwrap_err()
    }

    #[test]
    fn fields_keep_their_positions() {
        let node = parse("title: Walk\nvenue:\n  postcode: NN1 5BD\n").unwrap();
        let Value::Map(fields) = node.value else {
            panic!("not a map")
        };
        assert_eq!(fields[1].0.pos, Pos { line: 2, column: 1 });
        let Value::Map(venue) = &fields[1].1.value else {
            panic!("venue not a map")
        };
        assert_eq!(
            venue[0].1.pos,
            Pos {
                line: 3,
                column: 13
            }
        );
    }

    #[test]
    fn text_cut_off_by_a_hash_is_noticed() {
        let node = parse("title: Walk #2 in the park\ncost: free # donations welcome\nurl: https://x.example/#top\nq: \"a #b\"\n").unwrap();
        let Value::Map(fields) = node.value else {
            panic!()
        };
        let cut: Vec<Option<&str>> = fields.iter().map(|(_, v)| v.cut_off.as_deref()).collect();
        assert_eq!(cut, [Some("#2 in the park"), None, None, None]);
    }

    #[test]
    fn cut_off_text_is_found_after_letters_that_are_not_ascii() {
        let node = parse("é: ü\ntitle: Café walk #2\r\nnext: a\n#x\n").unwrap();
        let Value::Map(fields) = node.value else {
            panic!()
        };
        let cut: Vec<Option<&str>> = fields.iter().map(|(_, v)| v.cut_off.as_deref()).collect();
        assert_eq!(cut, [None, Some("#2"), None]);
    }

    #[test]
    fn a_repeated_key_names_its_first_line_among_many() {
        let mut text: String = (0..2000).map(|i| format!("k{i}: v\n")).collect();
        text.push_str("k7: again\n");
        assert_eq!(
            parse(&text).unwrap_err(),
            SyntaxError::DuplicateKey {
                key: "k7".into(),
                first: Pos { line: 8, column: 1 },
                again: Pos {
                    line: 2001,
                    column: 1
                },
            }
        );
    }

    #[test]
    fn a_repeated_key_is_found_however_many_keys_come_before_it() {
        // Around the size where scanning gives way to a map of the keys.
        for keys in [SCAN_KEYS - 1, SCAN_KEYS, SCAN_KEYS + 1, 3 * SCAN_KEYS] {
            for repeated in [0, keys / 2, keys - 1] {
                let mut text: String = (0..keys).map(|i| format!("k{i}: v\n")).collect();
                text.push_str(&format!("k{repeated}: again\n"));
                match parse(&text) {
                    Err(SyntaxError::DuplicateKey { key, first, again }) => {
                        assert_eq!(key, format!("k{repeated}"));
                        assert_eq!(first.line, repeated + 1);
                        assert_eq!(again.line, keys + 1);
                    }
                    other => panic!("{keys} keys, k{repeated} again: {other:?}"),
                }
            }
            let distinct: String = (0..=keys).map(|i| format!("k{i}: v\n")).collect();
            assert!(parse(&distinct).is_ok(), "{keys} distinct keys");
        }
    }

    #[test]
    fn scalars_stay_text() {
        let node = parse("a: no\nb: 10:00\nc: 012\n").unwrap();
        let Value::Map(fields) = node.value else {
            panic!()
        };
        let texts: Vec<_> = fields
            .iter()
            .map(|(_, v)| match &v.value {
                Value::Scalar(s) => s.clone(),
                _ => panic!(),
            })
            .collect();
        assert_eq!(texts, ["no", "10:00", "012"]);
    }

    #[test]
    fn common_mistakes_are_named() {
        assert!(matches!(err("a:\n\tb: 1\n"), SyntaxError::Tab(p) if p.line == 2));
        assert!(matches!(
            err("title: Walk: and talk\n"),
            SyntaxError::ColonInValue(_)
        ));
        assert!(matches!(
            err("a: 1\na: 2\n"),
            SyntaxError::DuplicateKey { first, .. } if first.line == 1
        ));
        assert!(matches!(err("a: &x [1]\nb: *x\n"), SyntaxError::Anchor(_)));
        assert!(matches!(err("- 1\n- 2\n"), SyntaxError::NotAMapping(_)));
        assert!(matches!(err(&"[".repeat(300)), SyntaxError::TooDeep(_)));
        assert!(matches!(
            err("venue:\n  name: Hall\n postcode: NN1 5BD\n"),
            SyntaxError::Indentation(_)
        ));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut text = String::new();
        for depth in 0..40 {
            text.push_str(&" ".repeat(depth));
            text.push_str("a:\n");
        }
        assert!(matches!(err(&text), SyntaxError::TooDeep(_)));
    }
}
