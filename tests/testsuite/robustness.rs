//! No input makes Signpost panic: random, truncated and hostile files all
//! become diagnostics that point inside the file.

use crate::common;

use chrono::NaiveDate;
use common::{Site, repo};
use signpost::content::load;
use signpost::diagnostics::render_human;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// Loads the site with `bytes` as one entry file, renders the diagnostics,
/// and checks each one points at a real line of its file.
/// The file is removed afterwards, so no round sees another's file (a
/// `fuzz.md` left behind would make the next `fuzz.yaml` a duplicate id,
/// refused without being parsed).
fn survive(site: &Site, rel: &str, bytes: &[u8]) {
    site.write(rel, bytes);
    let loaded = load(site.root(), today()).expect("load runs");
    site.remove(rel);
    let _ = render_human(&loaded.diagnostics, &loaded.sources);
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(|d| d.file == rel && d.message.contains("is already used by")),
        "{rel} was not parsed: its id is taken"
    );
    let lines = String::from_utf8_lossy(bytes).lines().count().max(1);
    for d in loaded.diagnostics.iter().filter(|d| d.file == rel) {
        assert!(
            d.line >= 1 && d.line <= lines + 1 && d.column >= 1,
            "{rel}: diagnostic outside the file ({}:{}): {}\ninput: {:?}",
            d.line,
            d.column,
            d.message,
            String::from_utf8_lossy(bytes)
        );
    }
}

fn sample_texts() -> Vec<Vec<u8>> {
    let mut texts = Vec::new();
    for folder in ["activities", "jobs", "organisations", "pcns"] {
        let mut paths: Vec<_> = std::fs::read_dir(repo().join("content").join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        texts.extend(paths.iter().take(6).map(|p| std::fs::read(p).unwrap()));
    }
    texts.push(std::fs::read(repo().join("content/site.yaml")).unwrap());
    texts
}

const SPICE: &[&[u8]] = &[
    b":",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"!!str ",
    b"\"",
    b"'",
    b"\t",
    b"\n",
    b"#",
    b"|",
    b">",
    b"---\n",
    b"\xff",
    b"\0",
    b"\xe2\x82",
    b"   ",
    b"? ",
    b"%YAML 1.2\n",
];

fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 => out.truncate(at),
            1 => {
                let spice = SPICE[rng.below(SPICE.len())];
                out.splice(at..at, spice.iter().copied());
            }
            2 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] = rng.next() as u8;
            }
            3 => {
                let end = (at + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                let end = (at + rng.below(60)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
        }
    }
    out
}

#[test]
fn mutated_and_truncated_entries_never_panic() {
    let site = Site::minimal();
    let texts = sample_texts();
    let mut rng = Rng(0x5157_0057);
    for round in 0..400 {
        let text = &texts[round % texts.len()];
        let input = mutate(&mut rng, text);
        let rel = match round % 4 {
            0 => "content/activities/fuzz.yaml",
            1 => "content/activities/fuzz.md",
            2 => "content/jobs/fuzz.md",
            _ => "content/organisations/fuzz.yaml",
        };
        survive(&site, rel, &input);
    }
    // Every prefix of one real entry, byte by byte.
    let text = &texts[0];
    for cut in (0..text.len()).step_by(7) {
        survive(&site, "content/activities/fuzz.yaml", &text[..cut]);
    }
}

#[test]
fn mutated_site_yaml_never_panics() {
    let site = Site::minimal();
    let original = site.read("content/site.yaml").into_bytes();
    let mut rng = Rng(0xC0FF_EE11);
    for _ in 0..150 {
        survive(&site, "content/site.yaml", &mutate(&mut rng, &original));
    }
}

#[test]
fn random_bytes_never_panic() {
    let site = Site::minimal();
    let mut rng = Rng(42);
    for _ in 0..100 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        survive(&site, "content/activities/noise.yaml", &bytes);
    }
}

#[test]
fn hostile_inputs_are_refused_calmly() {
    let site = Site::minimal();
    let laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n\
                  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
                  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
                  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
                  e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";
    let mut deep_block = String::new();
    for depth in 0..1000 {
        deep_block.push_str(&" ".repeat(depth));
        deep_block.push_str("a:\n");
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("billion laughs", laughs.into()),
        (
            "deep flow nesting",
            "a: "
                .bytes()
                .chain(std::iter::repeat_n(b'[', 100_000))
                .collect(),
        ),
        ("deep block nesting", deep_block.into_bytes()),
        ("huge", vec![b'a'; 3 * 1024 * 1024]),
        (
            "long line",
            format!("title: {}\n", "x".repeat(900_000)).into_bytes(),
        ),
        ("nul bytes", b"title: a\0b\n\0\0".to_vec()),
        (
            "bom and crlf",
            b"\xef\xbb\xbftitle: Walk\r\nsummary: x\r\n".to_vec(),
        ),
        ("only dashes", b"---\n".to_vec()),
        ("two documents", b"title: a\n---\ntitle: b\n".to_vec()),
        ("tag", b"title: !!binary aGVsbG8=\n".to_vec()),
        ("complex key", b"? [a, b]\n: c\n".to_vec()),
        ("number key", b"1: a\n2: b\n".to_vec()),
        ("list top level", b"- a\n- b\n".to_vec()),
        ("scalar top level", b"just words\n".to_vec()),
    ];
    for (what, bytes) in &cases {
        for rel in [
            "content/activities/hostile.yaml",
            "content/activities/hostile.md",
        ] {
            site.write(rel, bytes);
            let loaded = load(site.root(), today()).expect("load runs");
            assert!(
                loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.file == rel && d.is_error()),
                "{what} in {rel} should be an error"
            );
            let _ = render_human(&loaded.diagnostics, &loaded.sources);
            site.remove(rel);
        }
    }
    // And the real binary says so with exit status 1, not a crash.
    site.write("content/activities/hostile.yaml", laughs);
    let run = site.check();
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("YAML anchors and aliases (& and *) are not supported")
    );
}
