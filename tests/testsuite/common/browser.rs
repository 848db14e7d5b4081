//! A real headless Chromium, and a small static file server for it to load
//! a built site from (Chromium will not fetch index files from file: URLs).
//! Shared by tests/search.rs and benches/search.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Duration;

/// Debian's Chromium, or the browser named by `SIGNPOST_CHROMIUM`.
///
/// Browser tests are skipped, loudly, where there is none; under CI
/// (`CI=true`) a missing browser fails the run instead, so the browser
/// tests cannot silently stop running.
pub fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("SIGNPOST_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        );
    for path in candidates {
        if path.is_file() {
            return Some(path);
        }
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !ci,
        "CI=true but no Chromium was found: install Debian's `chromium` (as .ci/run does) or set SIGNPOST_CHROMIUM"
    );
    eprintln!(
        "\n\n**** SKIPPING BROWSER TESTS: no Chromium found. Install Debian's `chromium` (apt-get install chromium) or set SIGNPOST_CHROMIUM. ****\n\n"
    );
    None
}

/// A site being served, and what pages have posted back to it.
pub struct Served {
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// Bodies POSTed to `/report` (a test page's results).
    pub reports: Receiver<String>,
}

/// Serves `root` on a free local port until the process ends. Folders
/// serve their index.html; a POST to `/report` is handed to `reports`.
pub fn serve(root: &Path) -> Served {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("local server"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let (send, reports) = channel();
    // A few workers, as a browser fetches several files at once.
    for _ in 0..4 {
        let (server, root, send) = (server.clone(), root.to_path_buf(), send.clone());
        thread::spawn(move || {
            for request in server.incoming_requests() {
                respond(&root, &send, request);
            }
        });
    }
    Served {
        url: format!("http://127.0.0.1:{port}/"),
        reports,
    }
}

fn respond(root: &Path, send: &Sender<String>, mut request: tiny_http::Request) {
    let path = request.url().split('?').next().unwrap_or("/").to_string();
    if request.method() == &tiny_http::Method::Post && path == "/report" {
        let mut body = String::new();
        let _ = request.as_reader().read_to_string(&mut body);
        let _ = send.send(body);
        let _ = request.respond(tiny_http::Response::empty(204));
        return;
    }
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let response = match (path.contains(".."), std::fs::read(&file)) {
        (false, Ok(bytes)) => {
            let kind = signpost::serve::http::content_type(&file.to_string_lossy());
            tiny_http::Response::from_data(bytes)
                .with_header(tiny_http::Header::from_bytes("Content-Type", kind).expect("header"))
        }
        _ => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
    };
    let _ = request.respond(response);
}

/// A headless Chromium showing a page, closed when dropped.
pub struct Browser {
    child: std::process::Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn open(chromium: &Path, url: &str) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let child = Command::new(chromium)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run chromium");
        Browser {
            child,
            _profile: profile,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens `url` in headless Chromium and waits (up to `wait`) for the page
/// to POST its report to `/report`; returns the report. Real time, not
/// virtual time, so the page can measure how long things take.
pub fn report(chromium: &Path, served: &Served, url: &str, wait: Duration) -> String {
    let _browser = Browser::open(chromium, url);
    served
        .reports
        .recv_timeout(wait)
        .unwrap_or_else(|_| panic!("{url} sent no report within {wait:?}"))
}

const FLAGS: [&str; 11] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--window-size=1280,2000",
    "--disable-extensions",
];
