//! `cargo bench --bench fuzz`: a mutational fuzzer that runs on stable Rust
//! (cargo-fuzz needs nightly). It mutates the sample region's entries,
//! `site.yaml` and `postcodes.csv`, checks each result in memory exactly as
//! `check` does (decoding, cross-checks, a directory assembled from the
//! entry, and the human, GitHub and JSON reports), and counts panics and
//! inputs slower than a second. Inputs that fail are written to
//! `target/fuzz-failures/` so they can be replayed.
//!
//! Environment:
//! - `SIGNPOST_FUZZ_INPUTS=1000000`: how many inputs (default 1,000,000)
//! - `SIGNPOST_FUZZ_SEED=1`: the first seed; input n uses seed + n, so any
//!   input can be made again alone
//!
//! Exits 1 if any input panicked or took over a second.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use signpost::content::Kind;
use signpost::content::probe::{Checked, Probe};
use signpost::diagnostics::{render_github, render_human, render_json};

const SLOW: Duration = Duration::from_secs(1);

/// A small deterministic generator (xorshift), so every input reproduces
/// from its seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread nearby seeds apart (splitmix64), and never zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

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

/// Fragments that YAML, Markdown and Signpost's own formats treat
/// specially, and text that is not ASCII.
const SPICE: &[&str] = &[
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "\"",
    "'",
    "\t",
    "\n",
    "\r\n",
    "#",
    " #x",
    "|",
    ">",
    "---\n",
    "...\n",
    "? ",
    "%YAML 1.2\n",
    "\\",
    "\0",
    "\u{feff}",
    "ñ",
    "mañana",
    "mié",
    "–",
    "½",
    "🚶",
    "e\u{301}",
    "\u{202e}",
    "\u{200b}",
    "ß",
    "İ",
    "ﬁ",
    "10am",
    "9–",
    "1½h",
    "24:00",
    "23:59",
    "00:00",
    "monday",
    "weekly",
    "fortnightly",
    "monthly",
    "free",
    "true",
    "no",
    "null",
    "~",
    "2026-02-30",
    "+262142-12-20",
    "9999-12-31",
    "0000-01-01",
    "NN1 5BD",
    "nn15bd",
    "EC1A 1BB",
    "01632 960000",
    "+44",
    "https://",
    "javascript:alert(1)",
    "<script>",
    "</textarea>",
    "]]>",
    "&amp;",
    "{{ x }}",
    "{% raw %}",
    "-1",
    "999999999999",
    "1e309",
    "NaN",
    "all",
    "pcns",
    "categories",
    "schedule",
    "venue",
    "online",
    "postcode",
    "latitude",
    "longitude",
    "age_min",
    "age_max",
    "from",
    "until",
    "except",
    "week",
    "day",
];

fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(9) {
            0 => out.truncate(at),
            1 | 2 => {
                let spice = SPICE[rng.below(SPICE.len())].as_bytes();
                out.splice(at..at, spice.iter().copied());
            }
            3 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] = rng.next() as u8;
            }
            4 => {
                let end = (at + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            5 => {
                // Copy a stretch elsewhere: repeated fields and list items.
                let end = (at + rng.below(80)).min(out.len());
                let copy = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, copy);
            }
            6 => {
                // Repeat a stretch many times: the inputs that once took
                // minutes were long runs of one small thing.
                let end = (at + 1 + rng.below(12)).min(out.len());
                let copy = out[at..end].to_vec();
                let times = 1 + rng.below(4000);
                let repeated: Vec<u8> = copy
                    .iter()
                    .copied()
                    .cycle()
                    .take(copy.len() * times)
                    .collect();
                out.splice(at..at, repeated);
            }
            7 => {
                // Swap two lines.
                let lines: Vec<&[u8]> = out.split(|b| *b == b'\n').collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    let mut lines: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
                    lines.swap(a, b);
                    out = lines.join(&b'\n');
                }
            }
            _ => {
                // Change the indentation of the line `at` is on.
                let start = out[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    out.splice(start..start, *b"  ");
                } else if out[start..].starts_with(b"  ") {
                    out.drain(start..start + 2);
                }
            }
        }
    }
    out
}

/// One seed file of the sample region: what it is checked as, and its bytes.
struct Sample {
    what: What,
    bytes: Vec<u8>,
}

#[derive(Clone, Copy)]
enum What {
    Entry(Kind, bool),
    Site,
    Postcodes,
}

fn samples(content: &Path) -> anyhow::Result<Vec<Sample>> {
    let mut out = vec![
        Sample {
            what: What::Site,
            bytes: std::fs::read(content.join("site.yaml"))?,
        },
        // The sample region has no postcodes.csv of its own.
        Sample {
            what: What::Postcodes,
            bytes: b"postcode,latitude,longitude\nNN1 5BD,52.2371,-0.8947\nNN16 0AP,52.3986,-0.7259\nEC1A 1BB,51.5201,-0.0977\n".to_vec(),
        },
    ];
    for kind in Kind::ALL {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(content.join(kind.folder()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        paths.sort();
        for path in paths {
            let markdown = path.extension().is_some_and(|e| e == "md");
            out.push(Sample {
                what: What::Entry(kind, markdown),
                bytes: std::fs::read(&path)?,
            });
        }
    }
    Ok(out)
}

fn check(probe: &Probe, what: What, bytes: Vec<u8>) -> usize {
    let Checked {
        diagnostics,
        sources,
    } = match what {
        What::Entry(kind, markdown) => probe.entry(kind, "fuzz", markdown, bytes),
        What::Site => probe.site_yaml(bytes),
        What::Postcodes => probe.postcodes(bytes),
    };
    render_human(&diagnostics, &sources).len()
        + render_github(&diagnostics).len()
        + render_json(&diagnostics, 1).len()
}

fn main() -> ExitCode {
    match fuzz() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("fuzz error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn fuzz() -> anyhow::Result<bool> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = env_number("SIGNPOST_FUZZ_INPUTS", 1_000_000);
    let seed = env_number("SIGNPOST_FUZZ_SEED", 1);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date");
    let probe = Probe::open(repo, today)?;
    let samples = samples(&repo.join("content"))?;
    let failures = repo.join("target/fuzz-failures");

    // Panics are counted, not printed as they happen.
    let last_panic = std::sync::Arc::new(Mutex::new(String::new()));
    let hook_panic = last_panic.clone();
    std::panic::set_hook(Box::new(move |info| {
        *hook_panic.lock().unwrap_or_else(|e| e.into_inner()) = info.to_string();
    }));

    let panics = AtomicUsize::new(0);
    let slow = AtomicUsize::new(0);
    let slowest = Mutex::new((Duration::ZERO, 0u64));
    let done = AtomicUsize::new(0);
    let started = Instant::now();
    (0..inputs).into_par_iter().for_each(|n| {
        let mut rng = Rng::new(seed + n);
        let sample = &samples[rng.below(samples.len())];
        let input = mutate(&mut rng, &sample.bytes);
        let t = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check(&probe, sample.what, input.clone())
        }));
        let took = t.elapsed();
        let mut failed = None;
        if result.is_err() {
            panics.fetch_add(1, Ordering::Relaxed);
            failed = Some("panic");
        }
        if took > SLOW {
            slow.fetch_add(1, Ordering::Relaxed);
            failed = failed.or(Some("slow"));
        }
        {
            let mut s = slowest.lock().unwrap_or_else(|e| e.into_inner());
            if took > s.0 {
                *s = (took, seed + n);
            }
        }
        if let Some(why) = failed {
            let _ = std::fs::create_dir_all(&failures);
            let _ = std::fs::write(failures.join(format!("{why}-{}", seed + n)), &input);
            eprintln!(
                "{why} on seed {} ({} ms): {}",
                seed + n,
                took.as_millis(),
                last_panic.lock().unwrap_or_else(|e| e.into_inner())
            );
        }
        let count = done.fetch_add(1, Ordering::Relaxed) + 1;
        if count.is_multiple_of(100_000) {
            eprintln!("{count} inputs, {:.0} s", started.elapsed().as_secs_f64());
        }
    });
    let elapsed = started.elapsed();
    let (slowest_time, slowest_seed) = *slowest.lock().unwrap_or_else(|e| e.into_inner());
    let (panics, slow) = (panics.into_inner(), slow.into_inner());
    println!(
        "{inputs} inputs from {} sample files (seeds {seed}..{}) in {:.1} s ({:.0} a second): {panics} panics, {slow} over {} s; slowest {:.1} ms (seed {slowest_seed}).",
        samples.len(),
        seed + inputs,
        elapsed.as_secs_f64(),
        inputs as f64 / elapsed.as_secs_f64(),
        SLOW.as_secs(),
        slowest_time.as_secs_f64() * 1000.0,
    );
    if panics + slow > 0 {
        println!("Failing inputs are in {}.", failures.display());
    }
    Ok(panics + slow == 0)
}
