//! `signpost serve`: build the site into memory, serve it, watch the
//! site's files, rebuild on every save and reload the open pages. A build
//! that fails keeps the last good site up, with the problems shown over
//! every page and printed in the terminal.

mod builder;
mod files;
mod hosts;
pub mod http;
mod server;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use notify::Watcher;

use crate::diagnostics::Diagnostic;
use builder::{Builder, Built};
pub use files::{Body, Files};
use http::{Reply, Snapshot};

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Fixed for tests; otherwise the real date, read at every build.
    pub today: Option<NaiveDate>,
    pub open: bool,
}

/// A long wait-for-change request is answered after this long anyway, so
/// no connection hangs forever.
const WAIT_AT_MOST: Duration = Duration::from_secs(25);
/// How many pages may wait for the next build at once: half the
/// connections, so pages still load while many tabs are open. One more is
/// turned away (503, and its script tries again a second later).
const WAITERS: usize = server::CONNECTIONS / 2;
/// How long a client may take to send a request head, or to take an
/// answer, before its connection is closed.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The current snapshot, and a signal for the pages waiting for the next.
struct Shared {
    snapshot: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl Shared {
    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn publish(&self, next: Snapshot) {
        let old = std::mem::replace(
            &mut *self.snapshot.lock().unwrap_or_else(|e| e.into_inner()),
            Arc::new(next),
        );
        self.changed.notify_all();
        // The old files are let go of on another thread: for a large site
        // that is tens of thousands of cold counts to lower, and no page
        // needs to wait for it. (If no thread can be started, they go
        // here, as the refused closure is dropped.)
        let _ = std::thread::Builder::new()
            .name("signpost-drop".into())
            .spawn(move || drop(old));
    }

    /// Blocks until the version is past `since` (or a while has passed).
    fn wait_past(&self, since: u64) -> Arc<Snapshot> {
        let deadline = Instant::now() + WAIT_AT_MOST;
        let mut guard = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        while guard.version <= since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            guard = self
                .changed
                .wait_timeout(guard, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        guard.clone()
    }
}

/// The problems box shown over every page while the site is broken.
fn overlay(problems: &[Diagnostic]) -> String {
    // Markup characters escaped (XML rules, which HTML accepts), spaces left
    // as they are so the overlay stays small and readable.
    let esc = crate::export::escape;
    let mut html = format!(
        "<div id=\"signpost-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.5rem;font:16px/1.4 system-ui,sans-serif;box-shadow:0 -2px 8px rgba(0,0,0,.3)\"><h2 style=\"margin:0 0 .5rem;font-size:1.25rem\">{} to fix before this preview can update</h2><ol style=\"margin:0;padding-left:1.25rem\">",
        if problems.len() == 1 {
            "1 problem".to_string()
        } else {
            format!("{} problems", problems.len())
        }
    );
    for p in problems {
        html.push_str(&format!(
            "<li style=\"margin-bottom:.5rem\"><code>{}:{}:{}</code> {}{}",
            esc(&p.file),
            p.line,
            p.column,
            esc(&p.message),
            p.help.as_deref().map_or(String::new(), |help| format!(
                "<br><span style=\"color:#484949\">{}</span>",
                esc(help)
            ))
        ));
        html.push_str("</li>");
    }
    html.push_str("</ol><p style=\"margin:.5rem 0 0\">You are seeing the last version of the site that built. It updates by itself once these are fixed.</p></div>");
    html
}

/// Whether every changed path is a stylesheet in a theme, so pages can
/// swap stylesheets instead of reloading.
fn css_only(root: &Path, paths: &[PathBuf]) -> bool {
    !paths.is_empty()
        && paths.iter().all(|p| {
            p.starts_with(root.join("themes")) && p.extension().is_some_and(|e| e == "css")
        })
}

pub fn run(options: &Options) -> anyhow::Result<()> {
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("there is no folder {}", options.root.display()))?;
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .with_context(|| format!("could not listen on {}:{}", options.bind, options.port))?;
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let host = match options.bind {
        bind if bind.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    let base_url = format!("http://{host}:{port}/");
    if !options.bind.is_loopback() {
        eprintln!(
            "\nWARNING: serving on {} makes this preview reachable from other computers on the network. It is meant for your own machine; use the default (127.0.0.1) unless you need this.\n",
            options.bind
        );
    }
    let today = || {
        options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    };

    let mut builder = Builder::new(root.clone(), base_url.clone());
    let first = builder.build(None, today());
    let shared = Arc::new(Shared {
        snapshot: Mutex::new(Arc::new(snapshot(first, None, 1, false))),
        changed: Condvar::new(),
    });
    start_server(listener, options.bind, &shared)?;

    let (send, events) = channel();
    let mut watcher = notify::recommended_watcher(send).context("starting the file watcher")?;
    // The root itself only to notice content/ or themes/ appearing or
    // going.
    watcher
        .watch(&root, notify::RecursiveMode::NonRecursive)
        .context("watching the site's folder")?;
    let mut folders = watch::Folders::new(&root);
    folders
        .refresh(&mut watcher, &[])
        .context("watching content/ and themes/")?;
    println!("Serving {base_url} (press Ctrl+C to stop); watching content/ and themes/.");
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&base_url);
    }

    let mut version = 1;
    while let Some(mut paths) = watch::next_burst(&events) {
        // Only the site's own folders count (not site/ or other files
        // beside them); an empty path means the watcher lost track.
        paths.retain(|p| p.as_os_str().is_empty() || folders.contain(p));
        if paths.is_empty() {
            continue;
        }
        match folders.refresh(&mut watcher, &paths) {
            Ok(anew) => {
                for folder in anew {
                    let name = folder.strip_prefix(&root).unwrap_or(&folder);
                    println!("Now watching {}/.", name.display());
                }
            }
            Err(e) => println!(
                "Could not watch content/ and themes/ again ({e}); restart signpost serve to see more changes."
            ),
        }
        version += 1;
        rebuild(&mut builder, &shared, &paths, version, today());
    }
    Ok(())
}

/// Builds after one burst of changed `paths` and publishes the result as
/// `version`.
fn rebuild(
    builder: &mut Builder,
    shared: &Shared,
    paths: &[PathBuf],
    version: u64,
    today: NaiveDate,
) {
    let started = Instant::now();
    let lost_track = paths.iter().any(|p| p.as_os_str().is_empty());
    let built = builder.build((!lost_track).then_some(paths), today);
    let ok = matches!(built, Built::Site(_));
    let css_only = css_only(builder.root(), paths);
    shared.publish(snapshot(built, Some(&shared.current()), version, css_only));
    if ok {
        println!(
            "Updated the preview in {} ms.",
            started.elapsed().as_millis()
        );
    }
    let _ = std::io::stdout().flush();
}

/// Serves the current snapshot on `listener`, on the server's own threads.
fn start_server(listener: TcpListener, bind: IpAddr, shared: &Arc<Shared>) -> anyhow::Result<()> {
    let waiters = server::Slots::new(WAITERS);
    let shared = shared.clone();
    let answer = move |method: &str, target: &str| -> Reply {
        if target.starts_with(http::WAIT) && (method == "GET" || method == "HEAD") {
            answer_wait(&shared, &waiters, target)
        } else {
            http::respond(&shared.current(), method, target)
        }
    };
    server::start(
        listener,
        hosts::Hosts::new(bind),
        timeouts(),
        Arc::new(answer),
    )
    .context("starting the server's threads")
}

/// The server's timeouts: [`TIMEOUT`], or for tests the milliseconds in
/// `SIGNPOST_SERVE_TIMEOUT_MS` (not a documented setting: only serve
/// reads it, so tests of slow clients run in seconds).
fn timeouts() -> server::Timeouts {
    let timeout = std::env::var("SIGNPOST_SERVE_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .filter(|&ms: &u64| ms > 0)
        .map_or(TIMEOUT, Duration::from_millis);
    server::Timeouts {
        head: timeout,
        write: timeout,
    }
}

/// The snapshot after a build: its files, or the previous files with the
/// problems over them.
fn snapshot(built: Built, previous: Option<&Snapshot>, version: u64, css_only: bool) -> Snapshot {
    match built {
        Built::Site(files) => Snapshot {
            files,
            version,
            css_only,
            overlay: None,
        },
        Built::Failed(problems) => Snapshot {
            files: previous.map(|p| p.files.clone()).unwrap_or_default(),
            version,
            css_only: false,
            overlay: Some(overlay(&problems)),
        },
    }
}

/// Answers a page waiting for the next build (`/__signpost/wait?since=V`)
/// once there is one newer than V, or after a while. Each waiting page
/// holds a connection and its thread, so only [`WAITERS`] may wait at once.
fn answer_wait(shared: &Shared, waiters: &server::Slots, target: &str) -> Reply {
    let Some(_waiting) = waiters.take() else {
        return Reply::plain(503, "Too many pages are waiting for changes.");
    };
    let since = target
        .split_once("since=")
        .and_then(|(_, v)| v.split('&').next()?.parse().ok())
        .unwrap_or(0);
    let snapshot = shared.wait_past(since);
    Reply {
        status: 200,
        content_type: "application/json",
        location: None,
        body: http::change_json(&snapshot).into_bytes(),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        println!("Could not open a browser; open {url} yourself.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_escapes_what_entries_say() {
        let d = Diagnostic::file_error(
            "content/activities/<b>.yaml",
            "\"<script>alert(1)</script>\" is not a day",
            "Write 'monday' & so on.",
        );
        let html = overlay(&[d]);
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("Write &apos;monday&apos; &amp; so on."),
            "{html}"
        );
    }
}
