//! The preview's files, in memory: pages deflated, and the joined exports
//! as pieces that share the activities' kept parts.

use std::sync::{Arc, Mutex};

use crate::export::{Fill, Piece, Sink};

/// The site's files: shared between snapshots, so a rebuild copies only
/// what it changed. Split by their paths' hashes into parts each shared
/// on its own: a save changes a few dozen files, and copies only the
/// parts that hold them (at 10,000 activities, copying the map of all
/// 46,000 took 3-5 ms of every save, and letting the old one go as long
/// again on another core).
#[derive(Clone)]
pub struct Files {
    parts: Vec<Arc<Part>>,
}

type Part = foldhash::HashMap<Arc<str>, Body>;

/// How many parts: enough that a save's few dozen files fall in few.
const PARTS: usize = 1024;

impl Default for Files {
    fn default() -> Files {
        let empty = Arc::new(Part::default());
        Files {
            parts: vec![empty; PARTS],
        }
    }
}

impl Files {
    fn part(path: &str) -> usize {
        let hash = std::hash::BuildHasher::hash_one(
            &foldhash::fast::FixedState::with_seed(PARTS as u64),
            path,
        );
        (hash % PARTS as u64) as usize
    }

    pub fn get(&self, path: &str) -> Option<&Body> {
        self.parts[Files::part(path)].get(path)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|p| p.is_empty())
    }

    pub fn insert(&mut self, path: Arc<str>, body: Body) {
        Arc::make_mut(&mut self.parts[Files::part(&path)]).insert(path, body);
    }

    /// Keeps only the files `keep` says to; copies only the parts it
    /// takes a file from.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        for part in &mut self.parts {
            if part.keys().any(|path| !keep(path)) {
                Arc::make_mut(part).retain(|path, _| keep(path));
            }
        }
    }
}

impl Extend<(Arc<str>, Body)> for Files {
    fn extend<I: IntoIterator<Item = (Arc<str>, Body)>>(&mut self, files: I) {
        for (path, body) in files {
            self.insert(path, body);
        }
    }
}

/// A file of the preview: whole, or the pieces it is joined from when
/// asked for. The lists and shared calendars are mostly activities' kept
/// parts, so a save changes a few pieces rather than copying them all.
#[derive(Clone)]
pub enum Body {
    Whole(Arc<[u8]>),
    /// Deflated: pages are a fifth of their size so.
    Packed(Arc<[u8]>),
    Joined(Arc<[Chunk]>),
}

/// Files at least this large are kept deflated (when that makes them
/// smaller). The activities' calendars and QR codes are mostly under 2 KB,
/// and deflate to a seventh and a third.
const PACK_FROM: usize = 512;

/// A piece of a joined file.
pub enum Chunk {
    Bytes(Box<[u8]>),
    Kept(Arc<crate::export::KeptText>, usize, usize),
}

impl Body {
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match self {
            Body::Whole(bytes) => std::borrow::Cow::Borrowed(bytes),
            Body::Packed(packed) => {
                std::borrow::Cow::Owned(crate::packed::inflate(packed, packed.len() * 6))
            }
            Body::Joined(chunks) => {
                let mut whole = Vec::new();
                for chunk in chunks.iter() {
                    match chunk {
                        Chunk::Bytes(bytes) => whole.extend_from_slice(bytes),
                        Chunk::Kept(part, from, to) => {
                            whole.extend_from_slice(&part.range(*from, *to));
                        }
                    }
                }
                std::borrow::Cow::Owned(whole)
            }
        }
    }
}

impl From<&[u8]> for Body {
    fn from(bytes: &[u8]) -> Body {
        if bytes.len() < PACK_FROM {
            return Body::Whole(bytes.into());
        }
        match crate::packed::deflate(bytes) {
            Some(packed) => Body::Packed(packed.into()),
            None => Body::Whole(bytes.into()),
        }
    }
}

/// The files a render made, in memory: joined files as their pieces.
#[derive(Default)]
pub struct Fresh(Mutex<Vec<(Arc<str>, Body)>>);

impl Fresh {
    pub fn into_files(self) -> Vec<(Arc<str>, Body)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn add(&self, path: &str, body: Body) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.into(), body));
    }
}

impl Sink for Fresh {
    fn write(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.add(path, bytes.into());
        Ok(())
    }

    fn write_pieces(&self, path: &str, fill: &mut Fill) -> anyhow::Result<()> {
        let mut chunks = Vec::new();
        // Bytes between kept parts (commas, heads) are gathered into one.
        let mut bytes = Vec::new();
        fill(&mut |piece| {
            match piece {
                Piece::Bytes(b) => bytes.extend_from_slice(b),
                Piece::Kept(part, from, to) => {
                    if !bytes.is_empty() {
                        chunks.push(Chunk::Bytes(std::mem::take(&mut bytes).into()));
                    }
                    chunks.push(Chunk::Kept(part.clone(), from, to));
                }
            }
            Ok(())
        })?;
        if !bytes.is_empty() {
            chunks.push(Chunk::Bytes(bytes.into()));
        }
        self.add(path, Body::Joined(chunks.into()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the files is the files; changing it leaves the original
    /// as it was, and shares every part the change did not touch.
    #[test]
    fn a_copy_changes_apart_from_the_files_it_was_copied_from() {
        let mut files = Files::default();
        assert!(files.is_empty());
        for n in 0..3000 {
            files.insert(format!("p{n}/index.html").into(), Body::from(&b"x"[..]));
        }
        let before = files.clone();
        files.insert("p7/index.html".into(), Body::from(&b"changed"[..]));
        files.insert("new.html".into(), Body::from(&b"new"[..]));
        files.retain(|path| path != "p8/index.html");
        assert_eq!((before.len(), files.len()), (3000, 3000));
        assert_eq!(&*before.get("p7/index.html").unwrap().bytes(), b"x");
        assert_eq!(&*files.get("p7/index.html").unwrap().bytes(), b"changed");
        assert!(before.contains_key("p8/index.html") && !files.contains_key("p8/index.html"));
        assert!(files.contains_key("new.html") && !before.contains_key("new.html"));
        let shared = (before.parts.iter().zip(&files.parts))
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        assert!(shared >= PARTS - 3, "{shared} of {PARTS} parts shared");
    }

    /// A page is kept deflated, and served as it was made.
    #[test]
    fn a_large_file_is_kept_packed_and_given_back_whole() {
        let page: Vec<u8> = (0..400)
            .flat_map(|n| {
                format!("<li><a href=\"/activities/walk-{n}/\">Walk {n}</a></li>\n").into_bytes()
            })
            .collect();
        let body = Body::from(&page[..]);
        let Body::Packed(packed) = &body else {
            panic!("not packed");
        };
        assert!(
            packed.len() * 4 < page.len(),
            "{} of {}",
            packed.len(),
            page.len()
        );
        assert_eq!(body.bytes(), page);
        // Twice, as the compressor is kept for the next file.
        assert_eq!(Body::from(&page[..]).bytes(), page);
        assert!(matches!(Body::from(&b"small"[..]), Body::Whole(_)));
    }

    /// A calendar of an activity's few sessions is small, but is kept
    /// deflated too; bytes deflate cannot shrink are kept as they are.
    #[test]
    fn a_small_file_is_packed_only_when_that_makes_it_smaller() {
        let calendar =
            "BEGIN:VEVENT\r\nUID:walk@example.org\r\nRRULE:FREQ=WEEKLY;BYDAY=TU\r\nEND:VEVENT\r\n"
                .repeat(8);
        let body = Body::from(calendar.as_bytes());
        assert!(matches!(body, Body::Packed(_)), "{} bytes", calendar.len());
        assert_eq!(body.bytes(), calendar.as_bytes());
        // A byte sequence with nothing repeated in it.
        let mut x: u32 = 1;
        let noise: Vec<u8> = (0..700)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        let body = Body::from(&noise[..]);
        assert!(matches!(body, Body::Whole(_)));
        assert_eq!(body.bytes(), noise);
    }
}
