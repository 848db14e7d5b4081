//! Writing YAML fields and Markdown text the way people type them.

use super::rng::Rng;

/// A scalar as a person would write it: plain when YAML reads it back
/// unchanged, in double quotes when it would not (a colon and a space, a
/// leading quote or bracket, and so on).
fn scalar(s: &str) -> String {
    let first = s.chars().next();
    let plain = first.is_some_and(|c| !"-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(' ')
        && !s.contains(['\n', '\t', '\\']);
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `key: value` at the top level.
pub(super) fn field(out: &mut String, key: &str, value: &str) {
    field_in(out, 0, key, value);
}

pub(super) fn field_in(out: &mut String, indent: usize, key: &str, value: &str) {
    out.push_str(&" ".repeat(indent));
    out.push_str(key);
    out.push_str(": ");
    out.push_str(&scalar(value));
    out.push('\n');
}

/// `key: [a, b]`, or one `- item` per line when `block` is set.
pub(super) fn list_field(out: &mut String, key: &str, items: &[&str], block: bool) {
    if block {
        out.push_str(key);
        out.push_str(":\n");
        for item in items {
            out.push_str("  - ");
            out.push_str(item);
            out.push('\n');
        }
    } else {
        list_field_in(out, 0, key, items);
    }
}

pub(super) fn list_field_in(out: &mut String, indent: usize, key: &str, items: &[&str]) {
    out.push_str(&" ".repeat(indent));
    out.push_str(&format!("{key}: [{}]\n", items.join(", ")));
}

/// A literal block scalar (`key: |`) holding Markdown.
pub(super) fn block(out: &mut String, key: &str, text: &str) {
    out.push_str(key);
    out.push_str(": |\n");
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A paragraph wrapped at 76 columns, as people's editors leave them, then
/// a blank line.
pub(super) fn paragraph(out: &mut String, text: &str) {
    let mut width = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if width > 0 && width + 1 + len > 76 {
            out.push('\n');
            width = 0;
        } else if width > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += len;
    }
    out.push_str("\n\n");
}

/// A list, numbered a quarter of the time, then a blank line.
pub(super) fn bullets<S: AsRef<str>>(out: &mut String, rng: &mut Rng, items: &[S]) {
    let numbered = rng.chance(25);
    for (n, item) in items.iter().enumerate() {
        let item = item.as_ref();
        if numbered {
            out.push_str(&format!("{}. {item}\n", n + 1));
        } else {
            out.push_str(&format!("- {item}\n"));
        }
    }
    out.push('\n');
}

/// Ends Markdown text without the blank lines paragraphs leave after them.
pub(super) fn finish(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
