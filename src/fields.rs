//! The fields of each kind of entry, each declared once (ripgrep declares
//! its flags the same way): its name, whether it is needed, what it holds,
//! an example, and the shape of its value. Decoders read a field through
//! its declaration (`decode::Fields::read`), so the name is written once;
//! the JSON Schemas (`signpost schema`), the field tables of
//! docs/content-model.md and the example in a "needs a …" message all come
//! from the same declarations. The tables themselves live beside each
//! kind's decoder in `content/`.

use serde_json::{Value, json};

/// How much a field is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Optional, and this is what leaving it out means (for the docs).
    Default(&'static str),
    /// Needed in some cases, as the docs say (`one of venue or online`).
    When(&'static str),
    /// Needed, but in a `.md` file the text after the front matter gives it.
    Body,
}

/// The shape of a field's value, for its JSON Schema.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Text,
    /// Text of at most this many characters.
    ShortText(usize),
    /// Markdown, or the body of a `.md` file.
    Markdown,
    Date,
    Time,
    Postcode,
    Web,
    Email,
    Phone,
    Number(f64, f64),
    Whole(u32, u32),
    Flag,
    /// Text matching a pattern (an NHS code, a charity number).
    Pattern(&'static str),
    /// One of the names in a decoder's table of choices.
    Choice(fn() -> Vec<&'static str>),
    /// An id of the site's (its categories, PCNs, organisations…).
    Id(Ids),
    /// A list of at least one.
    List(&'static Shape),
    /// A list that may be empty.
    Items(&'static Shape),
    /// A group of fields.
    Group(&'static [Field]),
    /// `all`, or a list of at least one.
    AllOr(&'static Shape),
}

/// Which of the site's ids a field names.
#[derive(Debug, Clone, Copy)]
pub enum Ids {
    Categories,
    Features,
    Pcns,
    Organisations,
    /// Organisations and PCNs.
    Employers,
    Audiences,
    Languages,
}

/// One field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub need: Need,
    /// What it holds, as the docs' field table says it.
    pub doc: &'static str,
    /// A value as written in an entry, shown when a needed field is
    /// missing (`Add a line like title: Tuesday Walk and Talk`); empty for
    /// none.
    pub example: &'static str,
    pub shape: Shape,
    /// The Open Referral UK field it maps to, where there is one.
    pub oruk: &'static str,
}

impl Field {
    pub const fn new(name: &'static str, need: Need, shape: Shape, doc: &'static str) -> Field {
        Field {
            name,
            need,
            doc,
            example: "",
            shape,
            oruk: "",
        }
    }

    pub const fn example(self, example: &'static str) -> Field {
        Field { example, ..self }
    }

    pub const fn oruk(self, oruk: &'static str) -> Field {
        Field { oruk, ..self }
    }

    pub fn required(&self) -> bool {
        self.need == Need::Required
    }
}

/// The site's ids, for the schemas' lists of allowed values.
pub struct SiteIds<'a> {
    pub categories: Vec<&'a str>,
    pub features: Vec<&'a str>,
    pub pcns: Vec<&'a str>,
    pub organisations: Vec<&'a str>,
    pub audiences: Vec<&'a str>,
    pub languages: Vec<&'a str>,
}

/// The JSON Schema of a group of fields: each with its shape and doc, the
/// required ones listed, and no others allowed.
pub fn schema(fields: &[Field], ids: &SiteIds) -> Value {
    let properties: serde_json::Map<String, Value> = fields
        .iter()
        .map(|f| {
            let mut schema = shape_schema(&f.shape, ids);
            if let Some(object) = schema.as_object_mut() {
                object.insert("description".into(), json!(plain(f.doc)));
            }
            (f.name.to_string(), schema)
        })
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required())
        .map(|f| f.name)
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// A doc line as a schema description: Markdown's backticks left out.
fn plain(doc: &str) -> String {
    doc.replace('`', "")
}

fn shape_schema(shape: &Shape, ids: &SiteIds) -> Value {
    match shape {
        Shape::Text | Shape::Markdown => json!({ "type": "string", "minLength": 1 }),
        Shape::ShortText(max) => json!({ "type": "string", "minLength": 1, "maxLength": max }),
        Shape::Date => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Shape::Time => json!({ "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$" }),
        Shape::Postcode => {
            json!({ "type": "string", "pattern": "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$" })
        }
        Shape::Web => json!({ "type": "string", "pattern": "^https?://" }),
        Shape::Email => json!({ "type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" }),
        Shape::Phone => json!({ "type": "string", "pattern": "^[0-9+() -]+$" }),
        Shape::Number(min, max) => json!({ "type": "number", "minimum": min, "maximum": max }),
        Shape::Whole(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Shape::Flag => json!({ "type": "boolean" }),
        Shape::Pattern(pattern) => json!({ "type": "string", "pattern": pattern }),
        Shape::Choice(names) => json!({ "type": "string", "enum": names() }),
        Shape::Id(which) => {
            let values: Vec<&str> = match which {
                Ids::Categories => ids.categories.clone(),
                Ids::Features => ids.features.clone(),
                Ids::Pcns => ids.pcns.clone(),
                Ids::Organisations => ids.organisations.clone(),
                Ids::Audiences => ids.audiences.clone(),
                Ids::Languages => ids.languages.clone(),
                Ids::Employers => {
                    let mut both: Vec<&str> =
                        ids.organisations.iter().chain(&ids.pcns).copied().collect();
                    both.sort_unstable();
                    both
                }
            };
            json!({ "type": "string", "enum": values })
        }
        Shape::List(item) => {
            json!({ "type": "array", "items": shape_schema(item, ids), "minItems": 1 })
        }
        Shape::Items(item) => json!({ "type": "array", "items": shape_schema(item, ids) }),
        Shape::Group(fields) => schema(fields, ids),
        Shape::AllOr(list) => {
            json!({ "oneOf": [ { "const": "all" }, shape_schema(list, ids) ] })
        }
    }
}

/// The Markdown table of a group of fields, as docs/content-model.md shows
/// it: name, whether it is needed, what it holds, and the Open Referral UK
/// field where any field has one.
pub fn doc_table(fields: &[Field]) -> String {
    let oruk = fields.iter().any(|f| !f.oruk.is_empty());
    let mut out = String::from("| field | required | meaning |");
    out.push_str(if oruk {
        " ORUK |\n|---|---|---|---|\n"
    } else {
        "\n|---|---|---|\n"
    });
    for f in fields {
        let need = match f.need {
            Need::Required | Need::Body => "yes".to_string(),
            Need::Optional => "no".to_string(),
            Need::Default(value) => format!("no ({value})"),
            Need::When(when) => when.to_string(),
        };
        // An empty cell is `| |`, as people write them.
        let cell = |text: &str| match text {
            "" => " |".to_string(),
            text => format!(" {text} |"),
        };
        out.push_str(&format!("| `{}` | {need} |{}", f.name, cell(f.doc)));
        if oruk {
            out.push_str(&cell(f.oruk));
        }
        out.push('\n');
    }
    out
}

/// `doc` with each field table between `<!-- fields: NAME -->` and
/// `<!-- /fields -->` made again from `tables` (NAME to fields). Fails on
/// a table name it does not know, or a marker left open.
pub fn update_doc(doc: &str, tables: &[(&str, &[Field])]) -> Result<String, String> {
    const OPEN: &str = "<!-- fields: ";
    const CLOSE: &str = "<!-- /fields -->";
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let Some((name, after)) = after.split_once(" -->") else {
            return Err("a `<!-- fields: … -->` marker is not closed".into());
        };
        let Some(end) = after.find(CLOSE) else {
            return Err(format!("the `{name}` table has no `{CLOSE}` after it"));
        };
        let Some((_, fields)) = tables.iter().find(|(n, _)| *n == name) else {
            return Err(format!("there is no field table called `{name}`"));
        };
        out.push_str(&rest[..at]);
        out.push_str(&format!("{OPEN}{name} -->\n{}{CLOSE}", doc_table(fields)));
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}
