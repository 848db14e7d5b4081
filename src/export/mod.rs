//! Files for other services and machines, each a pure function of the
//! directory: sitemaps, job structured data and feeds; calendars and Open
//! Referral UK later.

pub mod calendar;
pub mod feed;
pub mod jobposting;
pub mod openreferral;
pub mod qr;
pub mod sitemap;
pub mod spreadsheet;
pub mod structured;

use foldhash::HashMap;
use std::borrow::Cow;
use std::sync::{Arc, RwLock};

/// Where a session's repetition starts in a calendar or a feed: its
/// `from`, else the activity's review date (which stays put between
/// builds), else today.
pub fn anchor(
    a: &crate::content::activity::Activity,
    session: &crate::schedule::Session,
    today: chrono::NaiveDate,
) -> chrono::NaiveDate {
    session
        .from
        .or(a.last_reviewed.map(|d| d.min(today)))
        .unwrap_or(today)
}

/// Where rendered files go: called (from many threads at once) with each
/// file's path relative to the output folder. Files are handed over as
/// soon as they are made, so a build never holds the whole site.
pub trait Sink: Sync {
    /// Writes one file.
    fn write(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()>;

    /// Writes one file from the pieces `fill` hands to `put`, in order,
    /// so that a large export (the spreadsheets, the feed's list of
    /// services) is never held whole where the sink is a folder.
    fn write_pieces(&self, path: &str, fill: &mut Fill) -> anyhow::Result<()> {
        let mut whole = Vec::new();
        fill(&mut |piece| {
            whole.extend_from_slice(&piece.bytes());
            Ok(())
        })?;
        self.write(path, &whole)
    }
}

/// Makes a file's pieces, handing each to the function it is given.
pub type Fill<'a> = dyn FnMut(&mut Put) -> anyhow::Result<()> + 'a;
/// Takes the next piece of a file.
pub type Put<'a> = dyn FnMut(Piece) -> anyhow::Result<()> + 'a;

/// A piece of a file: bytes, or a range of an activity's part as kept
/// (`serve`'s sink keeps a list of those, rather than copying them into
/// the joined file on every save).
#[derive(Clone, Copy)]
pub enum Piece<'a> {
    Bytes(&'a [u8]),
    Kept(&'a Arc<KeptText>, usize, usize),
}

impl<'a> Piece<'a> {
    pub fn bytes(&self) -> Cow<'a, [u8]> {
        match *self {
            Piece::Bytes(bytes) => Cow::Borrowed(bytes),
            Piece::Kept(part, from, to) => part.range(from, to),
        }
    }
}

/// An activity's part of an export as `serve` keeps it: its first line
/// (which the export reads on every save: a file's id, a length) as it
/// is, and the rest deflated, since it is read only when someone asks for
/// a file joined from it. At 10,000 activities the preview holds about
/// 27 MB less so.
pub struct KeptText {
    head: Box<str>,
    rest: Rest,
    len: usize,
}

enum Rest {
    Plain(Box<str>),
    Packed(Box<[u8]>),
}

/// Where `text`'s first line ends, after its line break (at the end, if
/// it has none).
fn after_first_line(text: &str) -> usize {
    text.find('\n').map_or(text.len(), |i| i + 1)
}

impl KeptText {
    pub fn new(text: &str) -> KeptText {
        let (head, rest) = text.split_at(after_first_line(text));
        let rest = match crate::packed::deflate(rest.as_bytes()) {
            Some(packed) => Rest::Packed(packed.into()),
            None => Rest::Plain(rest.into()),
        };
        KeptText {
            head: head.into(),
            rest,
            len: text.len(),
        }
    }

    /// The bytes `from..to` of the text.
    pub fn range(&self, from: usize, to: usize) -> Cow<'_, [u8]> {
        let head = self.head.len();
        if to <= head {
            return Cow::Borrowed(&self.head.as_bytes()[from..to]);
        }
        let rest = match &self.rest {
            Rest::Plain(rest) => Cow::Borrowed(rest.as_bytes()),
            Rest::Packed(packed) => Cow::Owned(crate::packed::inflate(packed, self.len - head)),
        };
        if from < head {
            let mut whole = self.head.as_bytes()[from..].to_vec();
            whole.extend_from_slice(&rest[..to - head]);
            return Cow::Owned(whole);
        }
        match rest {
            Cow::Borrowed(rest) => Cow::Borrowed(&rest[from - head..to - head]),
            Cow::Owned(mut rest) => {
                rest.truncate(to - head);
                rest.drain(..from - head);
                Cow::Owned(rest)
            }
        }
    }
}

impl<'a> From<&'a [u8]> for Piece<'a> {
    fn from(bytes: &'a [u8]) -> Piece<'a> {
        Piece::Bytes(bytes)
    }
}

impl<'a> From<&'a str> for Piece<'a> {
    fn from(text: &'a str) -> Piece<'a> {
        Piece::Bytes(text.as_bytes())
    }
}

/// Each activity's part of each export, as made the last time, with the
/// fingerprint of what it showed: `serve` makes (and writes) again only
/// the parts of activities that changed, and joins the lists and the
/// shared calendars from the parts. A build keeps nothing.
#[derive(Default)]
pub struct Memo {
    /// By export, then by the activity's place among the directory's
    /// activities (`Numbered`).
    parts: RwLock<HashMap<&'static str, Vec<Option<Kept>>>>,
}

/// An activity's part of an export, kept.
struct Kept {
    /// The activity's id, hashed: if the directory's activities are no
    /// longer the same, the place holds another one's part, and this says
    /// so without reading the id kept (comparing ids by text, each read
    /// from scattered memory, was most of what a save's exports cost).
    id: u64,
    /// The activity's fingerprint when the part was made.
    print: u64,
    part: Arc<KeptText>,
}

/// An activity with its place among all the directory's activities (in
/// their order), which names its parts in the memo.
pub type Numbered<'a> = (usize, &'a crate::content::activity::Activity);

/// The activities with a page, numbered.
pub fn with_pages(dir: &crate::content::Directory) -> Vec<Numbered<'_>> {
    dir.activities
        .values()
        .enumerate()
        .filter(|(_, a)| !dir.index.hidden.contains(&a.id))
        .collect()
}

fn id_hash(id: &str) -> u64 {
    std::hash::BuildHasher::hash_one(&foldhash::quality::FixedState::default(), id)
}

/// Each of the directory's activities (by its place among them) as the
/// memo checks it: its id hashed, and its fingerprint. Worked out once
/// for a render, not once for each export: reading 10,000 ids scattered
/// over memory four times was a tenth of a save.
pub fn keys(dir: &crate::content::Directory, print: &(dyn Fn(&str) -> u64 + Sync)) -> Vec<Key> {
    use rayon::prelude::*;
    let activities: Vec<&crate::content::activity::Activity> = dir.activities.values().collect();
    activities
        .par_iter()
        .map(|a| Key {
            id: id_hash(&a.id),
            print: print(&a.id),
        })
        .collect()
}

/// An activity as the memo checks it (see `keys`).
#[derive(Clone, Copy)]
pub struct Key {
    id: u64,
    print: u64,
}

/// One run of the exports: what they are made from, what they may
/// reuse, and where their files go.
#[derive(Clone, Copy)]
pub struct Run<'a> {
    pub dir: &'a crate::content::Directory,
    pub urls: &'a crate::routes::urls::Urls,
    pub today: chrono::NaiveDate,
    pub reuse: Reuse<'a>,
    pub sink: &'a dyn Sink,
}

/// What exports need to reuse parts: the memo and each activity's key
/// (none for a build).
#[derive(Clone, Copy)]
pub struct Reuse<'a> {
    pub memo: Option<(&'a Memo, &'a [Key])>,
}

/// One activity's part of an export: made now (for a build), or kept
/// (by `serve`, made now or last time).
pub enum Part {
    Made(String),
    Kept(Arc<KeptText>),
}

impl Part {
    /// The bytes `range` of the part, as a piece of a file.
    pub fn piece(&self, range: std::ops::Range<usize>) -> Piece<'_> {
        match self {
            Part::Made(s) => Piece::Bytes(s[range].as_bytes()),
            Part::Kept(s) => Piece::Kept(s, range.start, range.end),
        }
    }

    /// The part's first line, without its line break (`None` if it has
    /// none): what an export reads of a kept part on every save.
    pub fn first_line(&self) -> Option<&str> {
        let head = match self {
            Part::Made(s) => &s[..after_first_line(s)],
            Part::Kept(s) => &s.head,
        };
        head.strip_suffix('\n')
    }

    pub fn len(&self) -> usize {
        match self {
            Part::Made(s) => s.len(),
            Part::Kept(s) => s.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Reuse<'_> {
    /// Each activity's part of `export` as kept from last time, for those
    /// whose fingerprint is the same (none for a build), looked up under
    /// one lock rather than one for each activity from every core.
    pub fn kept(&self, export: &'static str, activities: &[Numbered]) -> Vec<Option<Part>> {
        let none = || activities.iter().map(|_| None).collect();
        let Some((memo, keys)) = self.memo else {
            return none();
        };
        let parts = memo.parts.read().unwrap_or_else(|e| e.into_inner());
        let Some(parts) = parts.get(export) else {
            return none();
        };
        activities
            .iter()
            .map(|&(at, _)| {
                let key = keys.get(at)?;
                parts
                    .get(at)?
                    .as_ref()
                    .filter(|k| k.print == key.print && k.id == key.id)
                    .map(|k| Part::Kept(k.part.clone()))
            })
            .collect()
    }

    /// An activity's part of `export`, made by `make` (which writes
    /// the activity's own files, so they are not written again when
    /// kept), and kept while serving.
    pub fn make(
        &self,
        export: &'static str,
        (at, _): Numbered,
        make: impl FnOnce() -> anyhow::Result<String>,
    ) -> anyhow::Result<Part> {
        let Some((memo, keys)) = self.memo else {
            return make().map(Part::Made);
        };
        let made = Arc::new(KeptText::new(&make()?));
        let Some(key) = keys.get(at) else {
            // Not among the activities the keys were worked out for: made,
            // not kept.
            return Ok(Part::Kept(made));
        };
        let kept = Kept {
            id: key.id,
            print: key.print,
            part: made.clone(),
        };
        let mut parts = memo.parts.write().unwrap_or_else(|e| e.into_inner());
        let parts = parts.entry(export).or_default();
        if parts.len() <= at {
            parts.resize_with(at + 1, || None);
        }
        parts[at] = Some(kept);
        Ok(Part::Kept(made))
    }

    /// An activity's part of `export`: `kept` (as `Reuse::kept` found
    /// it), else made.
    pub fn part(
        &self,
        export: &'static str,
        activity: Numbered,
        kept: Option<Part>,
        make: impl FnOnce() -> anyhow::Result<String>,
    ) -> anyhow::Result<Part> {
        match kept {
            Some(part) => Ok(part),
            None => self.make(export, activity, make),
        }
    }
}

/// A JSON object written as pieces: the fields of `head`, then `name`
/// holding the items of `runs`, each item a range of a part, JSON text.
/// Joined as text rather than embedded as `RawValue`s, which are parsed
/// again to check them: for 10,000 items, that is most of the time a feed
/// takes.
pub(crate) fn write_list(
    sink: &dyn Sink,
    path: &str,
    head: &impl serde::Serialize,
    name: &str,
    runs: impl Iterator<Item = anyhow::Result<Vec<Item>>>,
) -> anyhow::Result<()> {
    let head = serde_json::to_string(head).expect("JSON");
    debug_assert!(head.ends_with('}'), "a JSON object");
    let mut open = head[..head.len() - 1].to_string();
    if head.len() > 2 {
        open.push(',');
    }
    open.push_str(&serde_json::to_string(name).expect("JSON"));
    open.push_str(":[");
    let mut runs = Some(runs);
    sink.write_pieces(path, &mut |put| {
        put(open.as_str().into())?;
        let mut first = true;
        for run in runs.take().into_iter().flatten() {
            for (part, range) in run? {
                if range.is_empty() {
                    continue;
                }
                if !first {
                    put(",".into())?;
                }
                first = false;
                put(part.piece(range))?;
            }
        }
        put("]}\n".into())
    })
}

/// An item of a list: a range of a part.
pub(crate) type Item = (Part, std::ops::Range<usize>);

/// Text for XML: markup characters escaped, and characters XML 1.0 does not
/// allow (most control characters) left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept part gives back every range of its text as it was, on either
    /// side of its first line, whether the rest was deflated or not.
    #[test]
    fn a_kept_part_gives_back_what_it_was_made_from() {
        let long = format!(
            "id-1\n{}",
            "{\"name\":\"Walk\",\"cost\":\"free\"},".repeat(40)
        );
        for text in [
            long.as_str(),
            "42\n{}a,b\r\n",
            "qr.svg",
            "",
            "\n",
            "one line\n",
        ] {
            let kept = KeptText::new(text);
            let part = Part::Kept(Arc::new(kept));
            assert_eq!(part.len(), text.len());
            assert_eq!(part.first_line(), Part::Made(text.to_string()).first_line());
            assert_eq!(part.first_line(), text.split_once('\n').map(|(l, _)| l));
            let Part::Kept(kept) = &part else {
                unreachable!()
            };
            for from in 0..=text.len().min(12) {
                for to in [from, text.len().min(from + 3), text.len()] {
                    assert_eq!(
                        &kept.range(from, to)[..],
                        &text.as_bytes()[from..to],
                        "{text:?} {from}..{to}"
                    );
                }
            }
        }
        let Rest::Packed(packed) = &KeptText::new(&long).rest else {
            panic!("a long part is kept deflated");
        };
        assert!(packed.len() * 4 < long.len());
    }
}
