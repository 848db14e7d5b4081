//! `cargo bench --bench build`: how long `signpost build` and `signpost check`
//! take on generated sites of 1,000, 10,000 and 50,000 activities, and how
//! much memory they use. See docs/benchmarks.md.
//!
//! For each size, a site is generated once with `signpost_corpus` (crates/corpus) into a
//! temp dir (timed, but not part of the measurement; the site has only
//! `content/`, so it builds with the default theme compiled into the
//! binary), then the real `signpost` binary is run several times as a child
//! process:
//!
//!     signpost build --root DIR --output DIR/site --today 2026-11-21
//!     signpost check --root DIR --today 2026-11-21
//!
//! Up to 10,000 activities, the build also runs on a copy of the site
//! whose site.yaml turns every export off (the Open Referral feed,
//! calendars, spreadsheets, structured data), for issue 16's target: the
//! exports add no more than 15% to the build. The runs take turns (a
//! build, a build without exports, a check, then again), so a machine
//! that drifts as the bench goes on weighs on each alike.
//!
//! Each run's wall time is measured around spawn-to-exit, and its peak RSS
//! comes from `wait4` on that child's pid (`ru_maxrss` of exactly that
//! process, not the max over all children as `RUSAGE_CHILDREN` would be).
//! `DIR/site` is deleted before every build run, so each is a clean build,
//! and `sync()` is called (untimed) before every run, so writeback left over
//! from generating the site, earlier runs or that deletion is not charged
//! to the run being measured. The run's own writes are timed as a user
//! sees them: until the process exits, not until they reach the disk.
//! The child's stdout and stderr go to files, not pipes, so its output
//! costs what writing a file costs and can never block it.
//!
//! Environment:
//! - `SIGNPOST_BENCH_SIZES=1000,10000`: sizes (activities) to run;
//!   `SIGNPOST_BENCH_SIZES=100000` runs the national size (1,250 PCNs,
//!   about 7,500 practices), left out of a default run to keep it to a few
//!   minutes
//! - `SIGNPOST_BENCH_RUNS=3`: runs per command (default 5, or 3 from 50,000)
//! - `SIGNPOST_BENCH_COMMANDS=check`: which of build, build-without-exports,
//!   check to run
//! - `SIGNPOST_BENCH_KEEP=1`: keep the generated sites and print where
//! - `TMPDIR=/dev/shm`: where the sites go (a RAM disk takes the disk out)
//!
//! A command that exits non-zero is reported with its output, the other
//! measurements go on, and the bench exits with status 1 at the end.

mod common;

use common::{Run, copy_dir, run_child};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const TODAY: &str = signpost_corpus::TODAY;
const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 50_000];

/// The largest size the build also runs without its exports.
const EXPORTS_COMPARED_UP_TO: usize = 10_000;

/// Issue 16's target: the exports add at most this to the build.
const EXPORTS_AT_MOST: f64 = 0.15;

/// What site.yaml gets to turn every export off.
const EXPORTS_OFF: &str = "\nexports:\n  calendars: false\n  spreadsheets: false\n  structured_data: false\nopen_referral:\n  publish: false\n";

/// Issue 19's targets: (activities, command, at most seconds, at most MB).
const TARGETS: &[(usize, Cmd, f64, Option<f64>)] = &[
    (10_000, Cmd::Build, 1.0, Some(200.0)),
    (10_000, Cmd::Check, 0.25, None),
    (50_000, Cmd::Build, 5.0, Some(600.0)),
    (100_000, Cmd::Build, 10.0, Some(1200.0)),
];

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Build,
    /// The build of the copy with every export turned off.
    BuildWithoutExports,
    Check,
}

impl Cmd {
    fn name(self) -> &'static str {
        match self {
            Cmd::Build => "build",
            Cmd::BuildWithoutExports => "build-without-exports",
            Cmd::Check => "check",
        }
    }

    fn is_build(self) -> bool {
        self != Cmd::Check
    }

    /// The site it runs on: the copy without exports, or the site.
    fn root(self, root: &Path, without: &Path) -> PathBuf {
        match self {
            Cmd::BuildWithoutExports => without.to_path_buf(),
            _ => root.to_path_buf(),
        }
    }

    fn args(self, root: &Path) -> Vec<String> {
        let root_s = root.display().to_string();
        match self {
            Cmd::Build | Cmd::BuildWithoutExports => vec![
                "build".into(),
                "--root".into(),
                root_s,
                "--output".into(),
                root.join("site").display().to_string(),
                "--today".into(),
                TODAY.into(),
            ],
            Cmd::Check => vec![
                "check".into(),
                "--root".into(),
                root_s,
                "--today".into(),
                TODAY.into(),
            ],
        }
    }
}

/// One finished (or failed) set of runs.
struct Row {
    size: usize,
    cmd: Cmd,
    runs: Vec<Run>,
    /// Files and bytes under `site/` after the last build.
    written: Option<(usize, u64)>,
    failed: bool,
}

fn bench() -> anyhow::Result<bool> {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_signpost"));
    let sizes = match std::env::var("SIGNPOST_BENCH_SIZES") {
        Ok(s) => parse_list(&s)?,
        Err(_) => DEFAULT_SIZES.to_vec(),
    };
    let runs_override = match std::env::var("SIGNPOST_BENCH_RUNS") {
        Ok(s) => Some(
            s.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    anyhow::anyhow!("SIGNPOST_BENCH_RUNS={s} is not a number above 0")
                })?,
        ),
        Err(_) => None,
    };
    let commands = match std::env::var("SIGNPOST_BENCH_COMMANDS") {
        Ok(s) => s
            .split(',')
            .map(|c| match c.trim() {
                "build" => Ok(Cmd::Build),
                "build-without-exports" => Ok(Cmd::BuildWithoutExports),
                "check" => Ok(Cmd::Check),
                other => Err(anyhow::anyhow!(
                    "SIGNPOST_BENCH_COMMANDS: unknown command `{other}` (use build, build-without-exports, check)"
                )),
            })
            .collect::<anyhow::Result<Vec<_>>>()?,
        Err(_) => vec![Cmd::Build, Cmd::BuildWithoutExports, Cmd::Check],
    };
    let keep = std::env::var_os("SIGNPOST_BENCH_KEEP").is_some_and(|v| !v.is_empty() && v != "0");

    println!("Signpost build benchmark");
    println!("machine: {}", machine());
    println!("binary:  {}", bin.display());
    println!("sites in {}", std::env::temp_dir().display());
    println!();

    let mut all = Vec::new();
    let mut ok = true;
    for &size in &sizes {
        let runs = runs_override.unwrap_or(if size >= 50_000 { 3 } else { 5 });
        let tmp = tempfile::Builder::new()
            .prefix(&format!("signpost-bench-{size}-"))
            .tempdir()?;
        let root = tmp.path().to_path_buf();
        let logs = tempfile::tempdir()?;

        let started = Instant::now();
        signpost_corpus::write_corpus(&root, size)?;
        let generated = started.elapsed();
        let (files, bytes) = count_files(&root.join("content"));
        println!(
            "{size} activities: generated {files} files ({:.1} MB) in {:.2} s",
            bytes as f64 / 1e6,
            generated.as_secs_f64()
        );

        let without = root.join("without-exports");
        let here: Vec<Cmd> = commands
            .iter()
            .copied()
            .filter(|&c| c != Cmd::BuildWithoutExports || size <= EXPORTS_COMPARED_UP_TO)
            .collect();
        if here.contains(&Cmd::BuildWithoutExports) {
            copy_dir(&root.join("content"), &without.join("content"))?;
            let site_yaml = without.join("content/site.yaml");
            let mut text = std::fs::read_to_string(&site_yaml)?;
            text.push_str(EXPORTS_OFF);
            std::fs::write(&site_yaml, text)?;
        }
        let mut rows: Vec<Row> = here
            .iter()
            .map(|&cmd| Row {
                size,
                cmd,
                runs: Vec::new(),
                written: None,
                failed: false,
            })
            .collect();
        // The commands take turns, run by run.
        for i in 0..runs {
            for row in rows.iter_mut().filter(|r| !r.failed) {
                let cmd = row.cmd;
                let at = cmd.root(&root, &without);
                if cmd.is_build() {
                    let site = at.join("site");
                    if site.exists() {
                        std::fs::remove_dir_all(&site)?;
                    }
                }
                // Flush what earlier runs (and the deletion above) left for
                // the disk to do, so it is not charged to this run.
                // SAFETY: sync(2) takes no arguments and cannot fail.
                unsafe { libc::sync() };
                let out = logs.path().join(format!("{}-{i}.out", cmd.name()));
                let err = logs.path().join(format!("{}-{i}.err", cmd.name()));
                let args = cmd.args(&at);
                match run_child(&bin, &args, &out, &err)? {
                    (run, None) => {
                        println!(
                            "  {} run {}/{runs}: {:.3} s, {:.0} MB",
                            cmd.name(),
                            i + 1,
                            run.wall.as_secs_f64(),
                            run.max_rss_kb as f64 / 1024.0
                        );
                        row.runs.push(run);
                    }
                    (_, Some(status)) => {
                        report_failure(&bin, &args, &status, &out, &err);
                        row.failed = true;
                        ok = false;
                    }
                }
            }
        }
        for row in &mut rows {
            let cmd = row.cmd;
            if !row.failed && !row.runs.is_empty() {
                // What the command says about itself (its own step timings).
                let last = logs.path().join(format!("{}-{}.out", cmd.name(), runs - 1));
                let text = std::fs::read_to_string(last).unwrap_or_default();
                if let Some(line) = text.lines().rev().find(|l| !l.trim().is_empty()) {
                    println!("  {} last said: {line}", cmd.name());
                }
            }
            if cmd.is_build() && !row.failed {
                row.written = Some(count_files(&cmd.root(&root, &without).join("site")));
            }
        }
        all.extend(rows);
        if keep {
            let kept = tmp.keep();
            println!("  kept the site in {}", kept.display());
        }
        println!();
    }

    print_table(&all);
    Ok(print_exports(&all) && ok)
}

/// How much the exports add to each build measured both ways, against
/// issue 16's target; false when one misses it.
fn print_exports(rows: &[Row]) -> bool {
    let mut met = true;
    for with in rows.iter().filter(|r| r.cmd == Cmd::Build && !r.failed) {
        let Some(without) = rows
            .iter()
            .find(|r| r.size == with.size && r.cmd == Cmd::BuildWithoutExports && !r.failed)
        else {
            continue;
        };
        let (a, b) = (median_secs(with), median_secs(without));
        let added = a / b - 1.0;
        let verdict = if added <= EXPORTS_AT_MOST {
            "met"
        } else {
            "MISSED"
        };
        met &= added <= EXPORTS_AT_MOST;
        println!(
            "{} activities: the exports add {:.1}% to the build ({a:.3} s against {b:.3} s, medians of runs taken in turn); target ≤ {:.0}%: {verdict}",
            thousands(with.size),
            added * 100.0,
            EXPORTS_AT_MOST * 100.0
        );
    }
    met
}

fn median_secs(row: &Row) -> f64 {
    let mut secs: Vec<f64> = row.runs.iter().map(|r| r.wall.as_secs_f64()).collect();
    secs.sort_by(f64::total_cmp);
    median(&secs)
}

fn parse_list(s: &str) -> anyhow::Result<Vec<usize>> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.trim()
                .replace('_', "")
                .parse::<usize>()
                .map_err(|_| anyhow::anyhow!("SIGNPOST_BENCH_SIZES: `{p}` is not a number"))
        })
        .collect()
}

fn report_failure(bin: &Path, args: &[String], status: &str, out: &Path, err: &Path) {
    eprintln!();
    eprintln!(
        "FAILED: `{} {}` ended with {status}",
        bin.display(),
        args.join(" ")
    );
    if args.first().is_some_and(|a| a == "build") {
        eprintln!(
            "(If the build subcommand does not exist yet, this is expected: the benchmark runs it exactly as above.)"
        );
    }
    for (name, path) in [("stderr", err), ("stdout", out)] {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.trim().is_empty() {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(40);
        eprintln!(
            "--- its {name}{} ---",
            if from > 0 {
                format!(" (last 40 of {} lines)", lines.len())
            } else {
                String::new()
            }
        );
        for line in &lines[from..] {
            eprintln!("{line}");
        }
    }
    eprintln!("--- end ---");
    eprintln!();
}

fn print_table(rows: &[Row]) {
    println!(
        "| activities | command | runs | median s | min s | max s | µs per activity | peak RSS MB | files written | target |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for row in rows {
        let goal = TARGETS
            .iter()
            .find(|(size, cmd, _, _)| *size == row.size && *cmd == row.cmd);
        let target = match goal {
            Some((_, _, secs, Some(mb))) => format!("≤ {secs} s and ≤ {mb} MB"),
            Some((_, _, secs, None)) => format!("≤ {secs} s"),
            None => String::new(),
        };
        if row.failed {
            println!(
                "| {} | {} | {} | FAILED | | | | | | {target} |",
                thousands(row.size),
                row.cmd.name(),
                row.runs.len()
            );
            continue;
        }
        let mut secs: Vec<f64> = row.runs.iter().map(|r| r.wall.as_secs_f64()).collect();
        secs.sort_by(f64::total_cmp);
        let median = median_secs(row);
        let peak_mb = row.runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0;
        let written = match row.written {
            Some((files, bytes)) => format!("{} ({:.0} MB)", thousands(files), bytes as f64 / 1e6),
            None => "-".into(),
        };
        let verdict = match goal {
            None => String::new(),
            Some((_, _, secs, mb)) if median <= *secs && mb.is_none_or(|mb| peak_mb <= mb) => {
                format!("{target}: met")
            }
            Some(_) => format!("{target}: MISSED"),
        };
        // The cost per activity, which should stay flat as the site grows.
        let per = median * 1e6 / row.size as f64;
        println!(
            "| {} | {} | {} | {median:.3} | {:.3} | {:.3} | {per:.0} | {peak_mb:.0} | {written} | {verdict} |",
            thousands(row.size),
            row.cmd.name(),
            row.runs.len(),
            secs.first().copied().unwrap_or(0.0),
            secs.last().copied().unwrap_or(0.0),
        );
    }
    println!();
    println!(
        "Peak RSS is ru_maxrss of each child from wait4 (MB = 1024 x 1024 bytes), the highest over its runs."
    );
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if !n.is_multiple_of(2) => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Files (not folders) under `dir`, and their total size.
fn count_files(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, bytes), e| {
            (n + 1, bytes + e.metadata().map_or(0, |m| m.len()))
        })
}

/// `nproc 2, CPU AMD EPYC, 23.4 GB RAM, Linux …`: what the numbers were measured on.
fn machine() -> String {
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            let (key, value) = l.split_once(':')?;
            (key.trim() == "model name").then(|| value.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem_gb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or_else(
            || "unknown".into(),
            |kb| format!("{:.1}", kb / 1024.0 / 1024.0),
        );
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_or_else(|_| "unknown".into(), |k| k.trim().to_string());
    format!("nproc {nproc}, CPU {model}, {mem_gb} GB RAM, Linux {kernel}")
}
