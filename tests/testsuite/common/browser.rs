//! A real headless Chromium, and a small static file server for it to load
//! a built site from (Chromium will not fetch index files from file: URLs).
//! Shared by tests/search.rs and benches/search.rs.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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
///
/// A thread per connection and one request per connection, closed after
/// the answer: nothing a browser does at once can leave a request unread.
/// (tiny_http 0.12, used before, could give two connections opened at the
/// same moment one idle thread, leaving a request unread until Chromium
/// closed another connection, minutes later.)
pub fn serve(root: &Path) -> Served {
    let listener = TcpListener::bind("127.0.0.1:0").expect("local server");
    let port = listener.local_addr().expect("an address").port();
    let (send, reports) = channel();
    let root = root.to_path_buf();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, send) = (root.clone(), send.clone());
            thread::spawn(move || answer(&root, &send, stream));
        }
    });
    Served {
        url: format!("http://127.0.0.1:{port}/"),
        reports,
    }
}

/// Reads one request from `stream` and answers it.
fn answer(root: &Path, send: &Sender<String>, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut data = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let mut words = head.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let path = target.split('?').next().unwrap_or("/");
    if method == "POST" && path == "/report" {
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .unwrap_or(0);
        let mut body = data[head_end..].to_vec();
        while body.len() < length {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => body.extend_from_slice(&buf[..n]),
            }
        }
        let _ = send.send(String::from_utf8_lossy(&body).into_owned());
        reply(&mut stream, "204 No Content", "text/plain", b"");
        return;
    }
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    match (path.contains(".."), std::fs::read(&file)) {
        (false, Ok(bytes)) => {
            let kind = signpost::serve::http::content_type(&file.to_string_lossy());
            reply(&mut stream, "200 OK", kind, &bytes);
        }
        _ => reply(&mut stream, "404 Not Found", "text/plain", b"not found"),
    }
}

fn reply(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    // Read what the browser still sends, so closing does not reset the
    // connection before it has read the answer.
    let mut rest = [0u8; 1024];
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    while matches!(stream.read(&mut rest), Ok(n) if n > 0) {}
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
