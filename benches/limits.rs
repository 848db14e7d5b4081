//! `cargo bench --bench limits`: the largest file an entry may be (1 MB) in
//! every shape that once cost minutes, checked by the real `signpost check`
//! binary. Each must finish in under a second with a small report: work
//! grows with the input, never with its square. See docs/benchmarks.md.
//!
//! For each shape, the minimal test site gets one file of just under 1 MB,
//! then `signpost check` runs `SIGNPOST_BENCH_RUNS` times (default 5) with
//! its output going to a file. Reported: median and slowest wall time, peak
//! RSS (ru_maxrss from wait4), and the size of the report. Exits 1 if any
//! shape is over a second or writes more than 64 KB of report.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use common::{copy_dir, run_child};

const LIMIT: usize = 1024 * 1024 - 64;
const TARGET: Duration = Duration::from_secs(1);
const MAX_REPORT: u64 = 64 * 1024;

/// Repeats `unit` (with `{n}` replaced by a counter) after `head` until the
/// text is just under the limit, then adds `tail`.
fn fill(head: &str, unit: &str, tail: &str) -> String {
    let mut text = head.to_string();
    let mut n = 0usize;
    loop {
        let next = unit.replace("{n}", &n.to_string());
        if text.len() + next.len() + tail.len() > LIMIT {
            break;
        }
        text.push_str(&next);
        n += 1;
    }
    text.push_str(tail);
    text
}

/// (name, file, contents)
type Shape = (&'static str, &'static str, String);

fn shapes() -> Vec<Vec<Shape>> {
    let activity = "content/activities/huge.yaml";
    let vocabulary = fill(
        "title: T\nregion: R\nbase_url: https://example.org/\ncategories:\n",
        "  - id: c{n}\n    label: C\n",
        "",
    );
    let mut shapes: Vec<Vec<Shape>> = vec![
        (
            "one-line list (flow)",
            activity,
            fill("title: A\ncategories: [", "a, ", "a]\n"),
        ),
        (
            "one-line list, not ASCII",
            activity,
            fill("title: A\ncategories: [", "é, ", "é]\n"),
        ),
        (
            "block list",
            activity,
            fill("title: A\ncategories:\n", "  - a\n", ""),
        ),
        ("distinct keys", activity, fill("", "k{n}: v\n", "")),
        (
            "distinct keys on one line (flow)",
            activity,
            fill("{", "k{n}: v, ", "z: v}\n"),
        ),
        ("one long value", activity, fill("title: ", "x", "\n")),
        (
            "values cut off by #",
            activity,
            fill("", "k{n}: v #x\n", ""),
        ),
        (
            "many sessions with bad days and times",
            activity,
            fill(
                "title: A\nschedule:\n",
                "  - frequency: weekly\n    day: mañana\n    start: \"1½h\"\n    end: \"9–\"\n",
                "",
            ),
        ),
        (
            "Markdown body",
            "content/activities/huge.md",
            fill(
                "---\ntitle: A\n---\n",
                "Words and *more words* [a](b).\n",
                "",
            ),
        ),
        (
            "site.yaml vocabulary",
            "content/site.yaml",
            vocabulary.clone(),
        ),
        (
            "postcodes.csv with bad rows",
            "content/postcodes.csv",
            fill("postcode,latitude,longitude\n", "NN1 5B{n},x,y\n", ""),
        ),
    ]
    .into_iter()
    .map(|shape| vec![shape])
    .collect();
    // Two files: every unknown id is compared with every term for a
    // did-you-mean, unless only the problems shown get one.
    shapes.push(vec![
        (
            "1 MB vocabulary and 1 MB of unknown ids",
            "content/site.yaml",
            vocabulary,
        ),
        (
            "",
            activity,
            fill("title: A\ncategories: [", "x{n}, ", "y]\n"),
        ),
    ]);
    shapes
}

fn main() -> ExitCode {
    match bench() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("benchmark error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn bench() -> anyhow::Result<bool> {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_signpost"));
    let runs: usize = std::env::var("SIGNPOST_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let mut table = String::new();
    writeln!(
        table,
        "| shape | file size | median | slowest | peak RSS | report |"
    )?;
    writeln!(table, "|---|---:|---:|---:|---:|---:|")?;
    let mut ok = true;
    for files in shapes() {
        let site = tempfile::tempdir()?;
        copy_dir(&fixture, site.path())?;
        let name = files[0].0;
        let mut size = 0;
        for (_, rel, text) in &files {
            std::fs::write(site.path().join(rel), text)?;
            size += text.len();
        }
        let out = site.path().join("report.txt");
        let mut walls = Vec::new();
        let mut rss = 0;
        for _ in 0..runs {
            let (wall, kb) = run(&bin, site.path(), &out)?;
            walls.push(wall);
            rss = rss.max(kb);
        }
        walls.sort();
        let median = walls[walls.len() / 2];
        let slowest = walls[walls.len() - 1];
        let report = std::fs::metadata(&out)?.len();
        let pass = slowest < TARGET && report <= MAX_REPORT;
        ok &= pass;
        writeln!(
            table,
            "| {name} | {:.0} KB | {:.0} ms | {:.0} ms | {:.0} MB | {:.1} KB |{}",
            size as f64 / 1024.0,
            median.as_secs_f64() * 1000.0,
            slowest.as_secs_f64() * 1000.0,
            rss as f64 / 1024.0,
            report as f64 / 1024.0,
            if pass { "" } else { " **over the limit**" }
        )?;
        eprintln!("{name}: {:.0} ms", median.as_secs_f64() * 1000.0);
    }
    println!("{table}");
    println!(
        "`signpost check` on the minimal site plus one file; {runs} runs each; limits: under {} ms and {} KB of report.",
        TARGET.as_millis(),
        MAX_REPORT / 1024
    );
    Ok(ok)
}

/// One `signpost check`: its wall time and peak RSS in KB.
fn run(bin: &Path, root: &Path, out: &Path) -> anyhow::Result<(Duration, i64)> {
    let args: Vec<String> = ["check", "--today", "2026-11-21", "--root"]
        .iter()
        .map(|a| a.to_string())
        .chain([root.display().to_string()])
        .collect();
    let (run, failure) = run_child(bin, &args, out, &root.join("stderr.txt"))?;
    // Exit status 1 is `check` finding errors, which these files have.
    if run.code != Some(1) && run.code != Some(0) {
        anyhow::bail!(
            "signpost check did not finish normally ({}); see {}",
            failure.unwrap_or_default(),
            out.display()
        );
    }
    Ok((run.wall, run.max_rss_kb))
}
