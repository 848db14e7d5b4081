//! `signpost serve`: build the site into memory, serve it, watch the
//! site's files, rebuild on every save and reload the open pages. A build
//! that fails keeps the last good site up, with the problems shown over
//! every page and printed in the terminal.

pub mod http;
pub mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use notify::Watcher;

use crate::content;
use crate::diagnostics::{Diagnostic, render_human};
use crate::render;
use http::Snapshot;

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
        *self.snapshot.lock().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
        self.changed.notify_all();
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

/// The site's files: shared between snapshots, so a rebuild copies only
/// what it changed.
pub type Files = HashMap<Arc<str>, Arc<[u8]>>;

/// What one build produced: the site's files, or its problems.
enum Built {
    Site(Arc<Files>),
    Failed(Vec<Diagnostic>),
}

/// Keeps what the last build read and rendered, so the next one re-reads
/// only the files that changed and re-renders only the pages that show
/// them.
struct Builder {
    root: PathBuf,
    base_url: String,
    session: Option<content::Session>,
    rendering: Option<(render::theme::Theme, render::Renderer)>,
    /// The last good site.
    files: Arc<Files>,
}

impl Builder {
    /// Builds after `changed` paths changed (`None`: the first build).
    fn build(&mut self, changed: Option<&[PathBuf]>, today: NaiveDate) -> Built {
        let started = Instant::now();
        let themes = self.root.join("themes");
        let theme_changed = changed.is_none_or(|paths| {
            paths
                .iter()
                .any(|p| p.as_os_str().is_empty() || p.starts_with(&themes))
        });
        let entries: Vec<PathBuf> = changed
            .unwrap_or_default()
            .iter()
            .filter(|p| !p.starts_with(&themes))
            .cloned()
            .collect();
        let update = match (&mut self.session, changed) {
            (Some(session), Some(_)) => session.update(&entries, today),
            _ => content::Session::open(&self.root, today).map(|s| {
                self.session = Some(s);
                content::Update::Everything
            }),
        };
        let update = match update {
            Ok(update) => update,
            Err(e) => {
                self.session = None;
                return Built::Failed(vec![Diagnostic::file_error(
                    "content/",
                    format!("{e:#}"),
                    "",
                )]);
            }
        };
        if let (Some((_, renderer)), content::Update::Entries(keys)) =
            (&mut self.rendering, &update)
        {
            renderer.changed(keys);
        }
        let session = self.session.as_ref().expect("opened above");
        let diagnostics = session.diagnostics();
        // After the first build, the terminal shows what this save is about:
        // the changed files' warnings, and every error.
        let shown: Vec<Diagnostic> = match (&update, session.directory()) {
            (content::Update::Entries(keys), Some(dir)) => {
                let files: Vec<&str> = keys.iter().map(|(k, id)| dir.file_of(*k, id)).collect();
                diagnostics
                    .iter()
                    .filter(|d| d.is_error() || files.contains(&d.file.as_str()))
                    .cloned()
                    .collect()
            }
            _ => diagnostics.clone(),
        };
        print!("{}", render_human(&shown, &session.sources(&shown)));
        let errors = crate::diagnostics::count_errors(&diagnostics);
        let directory = match session.directory() {
            Some(directory) if errors == 0 => directory,
            _ => {
                let mut problems = diagnostics;
                problems.retain(Diagnostic::is_error);
                println!(
                    "Not rebuilt: {errors} {} to fix. Still serving the last good site.",
                    if errors == 1 { "error" } else { "errors" }
                );
                return Built::Failed(problems);
            }
        };
        if theme_changed
            || matches!(update, content::Update::Everything)
            || self.rendering.is_none()
        {
            let theme = match render::theme::load(&self.root, &directory.site.theme) {
                Ok(theme) => theme,
                Err(e) => return Self::theme_failed(&directory.site.theme, e),
            };
            self.rendering = Some((theme, render::Renderer::new(&self.base_url, today)));
        }
        let (theme, renderer) = self.rendering.as_mut().expect("made above");
        let fresh = Mutex::new(Vec::new());
        let result = renderer.render(directory, theme, &|path, bytes| {
            fresh
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((Arc::<str>::from(path), Arc::<[u8]>::from(bytes)));
            Ok(())
        });
        match result {
            Ok(rendered) => {
                let mut files = (*self.files).clone();
                files.extend(fresh.into_inner().unwrap_or_else(|e| e.into_inner()));
                // Pages that are no longer part of the site go.
                if files.len() != rendered.paths.len()
                    || !rendered
                        .paths
                        .iter()
                        .all(|p| files.contains_key(p.as_str()))
                {
                    let keep: std::collections::HashSet<&str> =
                        rendered.paths.iter().map(String::as_str).collect();
                    files.retain(|path, _| keep.contains(&**path));
                }
                self.files = Arc::new(files);
                println!(
                    "Built {} pages ({} rendered) in {} ms.",
                    rendered.pages,
                    rendered.changed,
                    started.elapsed().as_millis()
                );
                Built::Site(self.files.clone())
            }
            Err(e) => {
                // A template error: render everything again once it is fixed.
                let theme = directory.site.theme.clone();
                self.rendering = None;
                Self::theme_failed(&theme, e)
            }
        }
    }

    fn theme_failed(theme: &str, e: anyhow::Error) -> Built {
        println!("Not rebuilt: {e:#}");
        Built::Failed(vec![Diagnostic::file_error(
            &format!("themes/{theme}/"),
            format!("{e:#}"),
            "Fix the template; the last good site is still being served.",
        )])
    }
}

/// The problems box shown over every page while the site is broken.
fn overlay(problems: &[Diagnostic]) -> String {
    let esc = ammonia::clean_text;
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
    let server =
        tiny_http::Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| {
            anyhow::anyhow!("could not listen on {}:{}: {e}", options.bind, options.port)
        })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(options.port);
    let host = if options.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        match options.bind {
            IpAddr::V6(v6) => format!("[{v6}]"),
            IpAddr::V4(v4) => v4.to_string(),
        }
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

    let mut builder = Builder {
        root: root.clone(),
        base_url: base_url.clone(),
        session: None,
        rendering: None,
        files: Arc::new(Files::new()),
    };
    let first = builder.build(None, today());
    let shared = Arc::new(Shared {
        snapshot: Mutex::new(Arc::new(snapshot(first, None, 1, false))),
        changed: Condvar::new(),
    });

    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, shared) = (server.clone(), shared.clone());
        thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = shared.clone();
                if request.url().starts_with(http::WAIT) {
                    // Each waiting page holds its own thread, not a worker.
                    thread::spawn(move || answer_wait(&shared, request));
                } else {
                    answer(&shared.current(), request);
                }
            }
        });
    }

    let (send, events) = channel();
    let mut watcher = notify::recommended_watcher(send).context("starting the file watcher")?;
    // The root itself only to notice content/ or themes/ appearing.
    watcher
        .watch(&root, notify::RecursiveMode::NonRecursive)
        .with_context(|| format!("watching {}", root.display()))?;
    let watched = [root.join("content"), root.join("themes")];
    let mut watching = [false, false];
    let mut watch_folders = |watcher: &mut notify::RecommendedWatcher| -> anyhow::Result<()> {
        for (folder, on) in watched.iter().zip(watching.iter_mut()) {
            if !*on && folder.is_dir() {
                watcher
                    .watch(folder, notify::RecursiveMode::Recursive)
                    .with_context(|| format!("watching {}", folder.display()))?;
                *on = true;
            }
        }
        Ok(())
    };
    watch_folders(&mut watcher)?;
    println!("Serving {base_url} (press Ctrl+C to stop); watching content/ and themes/.");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&base_url);
    }

    let mut version = 1;
    while let Some(mut paths) = watch::next_burst(&events) {
        let started = Instant::now();
        // Only the site's own folders count (not site/ or other files
        // beside them); an empty path means the watcher lost track.
        paths.retain(|p| p.as_os_str().is_empty() || watched.iter().any(|w| p.starts_with(w)));
        if paths.is_empty() {
            continue;
        }
        watch_folders(&mut watcher)?;
        version += 1;
        let lost_track = paths.iter().any(|p| p.as_os_str().is_empty());
        let built = if lost_track {
            builder.build(None, today())
        } else {
            builder.build(Some(&paths), today())
        };
        let ok = matches!(built, Built::Site(_));
        let previous = shared.current();
        let next = snapshot(built, Some(&previous), version, css_only(&root, &paths));
        shared.publish(next);
        if ok {
            println!(
                "Updated the preview in {} ms.",
                started.elapsed().as_millis()
            );
        }
        let _ = std::io::stdout().flush();
    }
    Ok(())
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

fn answer(site: &Snapshot, request: tiny_http::Request) {
    let method = request.method().as_str().to_string();
    let reply = http::respond(site, &method, request.url());
    // tiny_http sends a HEAD reply's headers (with its length) but no body.
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_header(header("Content-Type", reply.content_type))
        .with_header(header("Cache-Control", "no-store"));
    if let Some(location) = &reply.location {
        response = response.with_header(header("Location", location));
    }
    let _ = request.respond(response);
}

fn answer_wait(shared: &Shared, request: tiny_http::Request) {
    let since = request
        .url()
        .split_once("since=")
        .and_then(|(_, v)| v.split('&').next()?.parse().ok())
        .unwrap_or(0);
    let snapshot = shared.wait_past(since);
    let response = tiny_http::Response::from_string(http::change_json(&snapshot))
        .with_header(header("Content-Type", "application/json"))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
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
