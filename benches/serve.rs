//! `cargo bench --bench serve`: how fast `signpost serve` shows a save, on
//! a generated site of 10,000 activities (`SIGNPOST_BENCH_SIZES` to
//! change). See docs/benchmarks.md.
//!
//! The real binary serves the site on a free port. For each run, a client
//! asks `/__signpost/wait?since=V` (as an open page's script does, where V
//! is the version the page was built from), then the bench saves a change
//! to one activity's description and times, from the save, when that
//! request returns: the moment an open page would reload, with every file
//! already updated. The server's own report of the build after its
//! debounce is read from its output. The same is done for a change to a
//! template (a card partial every listing uses). Memory is the server's
//! peak RSS (VmHWM) at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const TODAY: &str = signpost_corpus::TODAY;
const RUNS: usize = 7;

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

fn version(port: u16) -> u64 {
    let page = get(port, "/");
    let at = page.find("data-version=\"").expect("live script") + 14;
    page[at..].split('"').next().unwrap().parse().unwrap()
}

/// Saves with `save`, and returns how long until a page waiting for the
/// next build hears of it, and the server's "Updated … in N ms" figure.
fn time_save(port: u16, output: &Receiver<String>, save: impl FnOnce()) -> (f64, f64) {
    let since = version(port);
    let waiter = std::thread::spawn(move || {
        get(port, &format!("/__signpost/wait?since={since}"));
        Instant::now()
    });
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    save();
    let heard = waiter.join().unwrap();
    let reported = loop {
        let line = output
            .recv_timeout(Duration::from_secs(60))
            .expect("server output");
        if let Some(rest) = line.strip_prefix("Updated the preview in ") {
            break rest.trim_end_matches(" ms.").parse().unwrap_or(f64::NAN);
        }
    };
    ((heard - started).as_secs_f64() * 1000.0, reported)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> ExitCode {
    let sizes: Vec<usize> = std::env::var("SIGNPOST_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000]);
    let mut ok = true;
    for size in sizes {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("signpost-serve-{size}-"))
            .tempdir()
            .unwrap();
        let root = tmp.path();
        signpost_corpus::write_corpus(root, size).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (send, output) = channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let started = Instant::now();
        let port: u16 = loop {
            let line = output
                .recv_timeout(Duration::from_secs(120))
                .expect("serving");
            if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        println!(
            "{size} activities: first build and serving after {:.2} s",
            started.elapsed().as_secs_f64()
        );

        let activity = first_activity(root);
        let text = std::fs::read_to_string(&activity).unwrap();
        let (mut heard, mut built) = (Vec::new(), Vec::new());
        for run in 0..RUNS {
            let edited = text.replacen("summary: ", &format!("summary: (edit {run}) "), 1);
            let (h, b) = time_save(port, &output, || {
                std::fs::write(&activity, &edited).unwrap()
            });
            heard.push(h);
            built.push(b);
        }
        let (h, b) = (median(heard), median(built));
        println!(
            "  save one activity → files updated (server, after its 30 ms debounce): median {b:.0} ms (target 100 ms) {}; issue 19's 30 ms {}",
            verdict(b, 100.0, &mut ok),
            verdict(b, 30.0, &mut ok)
        );
        println!(
            "  save one activity → reload event in the page: median {h:.0} ms (target 250 ms) {}; issue 19's 60 ms {}",
            verdict(h, 250.0, &mut ok),
            verdict(h, 60.0, &mut ok)
        );

        let card = root.join("themes/default/templates/partials/activity-card.html");
        std::fs::create_dir_all(card.parent().unwrap()).unwrap();
        let default = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default/templates/partials/activity-card.html"),
        )
        .unwrap();
        let mut template = Vec::new();
        for run in 0..3 {
            let (h, _) = time_save(port, &output, || {
                std::fs::write(&card, format!("{default}<!-- {run} -->\n")).unwrap()
            });
            template.push(h);
        }
        let t = median(template);
        println!(
            "  template change → reload event: median {t:.0} ms (target 2000 ms) {}; issue 19's 200 ms {}",
            verdict(t, 2000.0, &mut ok),
            verdict(t, 200.0, &mut ok)
        );
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
        let peak_kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(f64::NAN);
        let mb = peak_kb / 1024.0;
        println!(
            "  serve peak memory: {mb:.0} MB (target 1024 MB) {}; issue 19's 300 MB {}",
            verdict(mb, 1024.0, &mut ok),
            verdict(mb, 300.0, &mut ok)
        );
        let _ = child.kill();
        let _ = child.wait();
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn verdict(value: f64, limit: f64, ok: &mut bool) -> &'static str {
    if value <= limit {
        "met"
    } else {
        *ok = false;
        "MISSED"
    }
}

/// A listed activity's file to edit: the first YAML file, by name.
fn first_activity(root: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(root.join("content/activities"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.remove(0)
}
