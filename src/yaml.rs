//! The one module that knows which YAML library Signpost uses.
//!
//! Entries need a line and column for every field, and every problem in a
//! file at once, which serde_yaml (deprecated upstream) cannot give: it has
//! no spans and stops at the first error. So YAML is parsed here, with
//! marked-yaml (on the maintained yaml-rust2), into a small spanned tree that
//! the rest of Signpost decodes. Swapping the parser touches only this file.
//!
//! All scalars stay strings: types are decided by the decoder, so `no` never
//! turns into `false` and `10:00` never turns into a number.

use marked_yaml::{LoadError, LoaderOptions, Node as YamlNode};

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
    DuplicateKey { key: String, first: Pos, again: Pos },
    Anchor(Pos),
    Tag(Pos),
    NotAMapping(Pos),
    TooDeep(Pos),
    Other { pos: Pos, detail: String },
}

impl SyntaxError {
    pub fn pos(&self) -> Pos {
        match self {
            SyntaxError::Tab(p)
            | SyntaxError::ColonInValue(p)
            | SyntaxError::Indentation(p)
            | SyntaxError::Anchor(p)
            | SyntaxError::Tag(p)
            | SyntaxError::NotAMapping(p)
            | SyntaxError::TooDeep(p) => *p,
            SyntaxError::DuplicateKey { again, .. } => *again,
            SyntaxError::Other { pos, .. } => *pos,
        }
    }
}

/// Entries are never this deeply nested; refusing deeper input keeps the
/// decoder's recursion bounded whatever a file contains.
const MAX_DEPTH: usize = 16;

/// Parses one YAML document whose top level must be a mapping.
/// An empty document is an empty mapping.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let options = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .prevent_coercion(true);
    match marked_yaml::parse_yaml_with_options(0, text, options) {
        Ok(node) => convert(&node, 0),
        Err(err) => Err(classify(err, text)),
    }
}

fn pos_of(marker: Option<&marked_yaml::Marker>) -> Pos {
    marker
        .map(|m| Pos {
            line: m.line(),
            column: m.column(),
        })
        .unwrap_or(Pos { line: 1, column: 1 })
}

fn convert(node: &YamlNode, depth: usize) -> Result<Node, SyntaxError> {
    let pos = pos_of(node.span().start());
    if depth > MAX_DEPTH {
        return Err(SyntaxError::TooDeep(pos));
    }
    let value = match node {
        YamlNode::Scalar(s) => Value::Scalar(s.as_str().to_string()),
        YamlNode::Sequence(items) => Value::Seq(
            items
                .iter()
                .map(|n| convert(n, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        YamlNode::Mapping(map) => Value::Map(
            map.iter()
                .map(|(k, v)| {
                    let key = Key {
                        name: k.as_str().to_string(),
                        pos: pos_of(k.span().start()),
                    };
                    Ok((key, convert(v, depth + 1)?))
                })
                .collect::<Result<_, _>>()?,
        ),
    };
    Ok(Node { pos, value })
}

fn classify(err: LoadError, text: &str) -> SyntaxError {
    match err {
        LoadError::TopLevelMustBeMapping(m) | LoadError::TopLevelMustBeSequence(m) => {
            SyntaxError::NotAMapping(pos_of(Some(&m)))
        }
        LoadError::UnexpectedAnchor(m) => SyntaxError::Anchor(pos_of(Some(&m))),
        LoadError::UnexpectedTag(m) => SyntaxError::Tag(pos_of(Some(&m))),
        LoadError::MappingKeyMustBeScalar(m) => SyntaxError::Other {
            pos: pos_of(Some(&m)),
            detail: "a field name must be plain text".into(),
        },
        LoadError::DuplicateKey(inner) => SyntaxError::DuplicateKey {
            key: inner.key.as_str().to_string(),
            first: pos_of(inner.prev_key.span().start()),
            again: pos_of(inner.key.span().start()),
        },
        LoadError::ScanError(m, scan) => {
            let pos = pos_of(Some(&m));
            let detail = scan.info().to_string();
            classify_scan(pos, detail, text)
        }
    }
}

/// yaml-rust2 describes problems in parser terms; map the common ones onto
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
    if detail.contains("unknown anchor") {
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

#[cfg(test)]
mod tests {
    use super::*;

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
