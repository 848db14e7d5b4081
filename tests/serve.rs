//! `signpost serve`, run for real on a free port against a fixture site in
//! a temp dir, spoken to over plain HTTP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::{Site, TODAY, browser, repo, snapshot};

/// A running `signpost serve`, stopped when dropped.
struct Preview {
    child: Child,
    port: u16,
    /// Lines the server prints, after the "Serving" line.
    output: Receiver<String>,
}

impl Preview {
    fn start(site: &Site) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start signpost serve");
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, output) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut port = None;
        while port.is_none() {
            let line = output
                .recv_timeout(Duration::from_secs(30))
                .expect("serve printed where it is serving");
            if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
                port = rest.split('/').next().and_then(|p| p.parse().ok());
            }
        }
        Preview {
            child,
            port: port.unwrap(),
            output,
        }
    }

    /// Sends a raw request line (HTTP/1.0, so replies are never chunked).
    fn request(&self, method: &str, target: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.0\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers end");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Reply {
            status,
            head,
            body: String::from_utf8_lossy(&raw[split + 4..]).to_string(),
        }
    }

    /// Waits until the server prints a line containing `text`, returning
    /// everything printed until then.
    fn printed(&self, text: &str) -> String {
        let mut seen = String::new();
        loop {
            let line = self
                .output
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("serve never printed {text:?}; it printed:\n{seen}"));
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(text) {
                return seen;
            }
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    /// The build version the page at `path` was served from.
    fn version(&self) -> u64 {
        let page = self.get("/").body;
        let at = page.find("data-version=\"").expect("the live script") + 14;
        page[at..].split('"').next().unwrap().parse().unwrap()
    }

    /// Waits for the next build after `since`, as the page's script does.
    fn wait(&self, since: u64) -> serde_json::Value {
        let reply = self.get(&format!("/__signpost/wait?since={since}"));
        serde_json::from_str(&reply.body).unwrap()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

/// Edits the site in a way the watcher sees as one save, then waits for
/// the rebuild that follows.
fn save_and_wait(preview: &Preview, change: impl FnOnce()) -> serde_json::Value {
    let since = preview.version();
    change();
    let change = preview.wait(since);
    assert!(
        change["version"].as_u64().unwrap() > since,
        "no rebuild: {change}"
    );
    change
}

#[test]
fn edits_reload_errors_show_over_the_last_good_site_and_deletions_404() {
    let site = Site::minimal();
    let preview = Preview::start(&site);

    let page = preview.get("/activities/park-walk/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("<h1>Park Walk</h1>"), "{}", page.body);
    assert!(page.body.contains("<script src=\"/__signpost/live.js\""));

    // An edit: the wait returns once the new page is there.
    let change = save_and_wait(&preview, || {
        site.edit(
            "content/activities/park-walk.yaml",
            "title: Park Walk",
            "title: Riverside Walk",
        );
    });
    assert_eq!(change["errors"], false);
    assert!(
        preview
            .get("/activities/park-walk/")
            .body
            .contains("<h1>Riverside Walk</h1>")
    );
    assert!(preview.get("/activities/").body.contains("Riverside Walk"));

    // A mistake: the last good page stays, with the problem over it.
    let change = save_and_wait(&preview, || {
        site.edit("content/activities/park-walk.yaml", "cost: ", "cost: [");
    });
    assert_eq!(change["errors"], true);
    // The terminal shows the same problem, with its place and a fix.
    let printed = preview.printed("Not rebuilt: 1 error to fix");
    assert!(
        printed.contains("content/activities/park-walk.yaml:"),
        "{printed}"
    );
    assert!(printed.contains("help:"), "{printed}");
    let page = preview.get("/activities/park-walk/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Riverside Walk</h1>"));
    assert!(
        page.body.contains("id=\"signpost-problems\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("content&#47;activities&#47;park-walk.yaml"),
        "{}",
        page.body
    );
    // Every page shows it, not only the broken entry's.
    assert!(preview.get("/").body.contains("id=\"signpost-problems\""));

    // Fixed: the overlay goes.
    let change = save_and_wait(&preview, || {
        site.edit("content/activities/park-walk.yaml", "cost: [", "cost: ");
    });
    assert_eq!(change["errors"], false);
    assert!(
        !preview
            .get("/activities/park-walk/")
            .body
            .contains("signpost-problems")
    );

    // A deleted entry's page goes too, answered with the site's 404 page.
    let other = "content/pages/about.md";
    assert_eq!(preview.get("/about/").status, 200);
    save_and_wait(&preview, || {
        site.remove(other);
    });
    let gone = preview.get("/about/");
    assert_eq!(gone.status, 404);
    assert!(gone.body.contains("Page not found"), "{}", gone.body);
}

#[test]
fn editor_temp_files_do_not_rebuild_and_a_stylesheet_change_swaps_styles() {
    let site = Site::minimal();
    site.write(
        "themes/default/static/assets/style.css",
        "body { color: blue; }",
    );
    let preview = Preview::start(&site);
    let since = preview.version();
    site.write("content/activities/.park-walk.yaml.swp", "junk");
    site.write("content/activities/park-walk.yaml~", "junk");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(preview.version(), since, "temp files started a build");
    // Nor does anything beside content/ and themes/, such as a build.
    site.write("notes.txt", "a file beside the site");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        preview.version(),
        since,
        "a file outside content/ started a build"
    );

    let change = save_and_wait(&preview, || {
        site.write(
            "themes/default/static/assets/style.css",
            "body { color: red; }",
        );
    });
    assert_eq!(change["css"], true);
    assert_eq!(
        preview.get("/assets/style.css").body,
        "body { color: red; }"
    );
}

#[test]
fn a_sound_little_web_server() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let get = preview.get("/activities/park-walk/");
    let head = preview.request("HEAD", "/activities/park-walk/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length").map(str::to_string),
        Some(get.body.len().to_string())
    );
    let redirect = preview.get("/activities/park-walk");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/activities/park-walk/"));
    assert_eq!(
        preview.get("/assets/style.css").header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        preview.get("/sitemap.xml").header("Content-Type"),
        Some("application/xml")
    );
    // A file beside the site that a path could try to reach.
    site.write("secret.txt", "do not serve");
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/activities/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/%00",
    ] {
        let reply = preview.get(target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: {}",
            reply.status
        );
        assert!(!reply.body.contains("do not serve"), "{target}");
        assert!(!reply.body.contains("root:"), "{target}");
    }
    assert_eq!(preview.request("DELETE", "/").status, 405);
}

/// Asserts the preview serves exactly what a clean build of the same
/// content writes, file by file (apart from the live-reload script and
/// its own address), and nothing else.
fn assert_matches_a_clean_build(site: &Site, preview: &Preview, when: &str) {
    let out = site.path("full");
    if out.exists() {
        std::fs::remove_dir_all(&out).unwrap();
    }
    let built = site.build(&["--output", out.to_str().unwrap()]);
    assert_eq!(built.code, 0, "{}{}", built.stdout, built.stderr);
    let base = "https://example.org/";
    let local = format!("http://127.0.0.1:{}/", preview.port);
    let files = snapshot(&out);
    assert!(files.len() > 20);
    let mut differ = Vec::new();
    for (rel, bytes) in files {
        if rel == ".signpost-output" {
            continue;
        }
        let served = preview.get(&format!("/{rel}"));
        let mut body = served.body.replace(&local, base);
        if let Some(at) = body.find("<script src=\"/__signpost/live.js\"") {
            let end = body[at..].find("</script>\n").unwrap() + at + "</script>\n".len();
            body.replace_range(at..end, "");
        }
        if served.status != 200 || body != String::from_utf8_lossy(&bytes) {
            differ.push(rel);
        }
    }
    assert!(
        differ.is_empty(),
        "{when}: the preview differs from a clean build in {differ:?}"
    );
}

/// What the preview serves after each kind of edit, re-rendering only what
/// changed, is what a clean build of the same content writes.
#[test]
fn after_edits_the_preview_matches_a_clean_build() {
    let site = Site::sample();
    let preview = Preview::start(&site);
    let knit = "content/activities/knit-and-natter-kettering.yaml";
    // Text only: its page, cards, search.
    save_and_wait(&preview, || {
        site.edit(
            knit,
            "Bring whatever you are working on",
            "Bring any project you are working on",
        );
    });
    // A new title moves it in every A to Z list.
    save_and_wait(&preview, || {
        site.edit(knit, "title: Knit and Natter", "title: Yarn and Natter");
    });
    // Categories, PCNs and place: other listings and "near" pages.
    save_and_wait(&preview, || {
        site.edit(
            knit,
            "categories: [arts-and-crafts, social-and-befriending]",
            "categories: [arts-and-crafts, mental-wellbeing]",
        );
        site.edit(knit, "pcns: [red-kite-healthcare-pcn, ", "pcns: [");
        site.edit(knit, "  latitude: 52.4005\n  longitude: -0.7268\n", "");
    });
    assert_matches_a_clean_build(&site, &preview, "after editing an activity");
    // A mistake and its fix.
    save_and_wait(&preview, || {
        site.edit(knit, "cost: free", "cost: [");
    });
    save_and_wait(&preview, || {
        site.edit(knit, "cost: [", "cost: £2 a session");
    });
    // An organisation's name shows on every card of its activities.
    save_and_wait(&preview, || {
        site.edit(
            "content/organisations/nene-valley-walkers.yaml",
            "name: Nene Valley Walkers",
            "name: Nene Valley Ramblers",
        );
    });
    // An activity ends: off every list.
    save_and_wait(&preview, || {
        site.edit(
            "content/activities/better-breathing-walks-corby.yaml",
            "title: Better Breathing Walks",
            "title: Better Breathing Walks\nstatus: ended",
        );
    });
    // Deleted: its page goes.
    save_and_wait(&preview, || {
        site.remove("content/activities/brackley-health-walk.yaml");
    });
    assert_matches_a_clean_build(&site, &preview, "after all the edits");
    assert_eq!(preview.get("/activities/brackley-health-walk/").status, 404);
}

/// In a real headless Chromium: an open page reloads by itself once the
/// rebuild after a save is done (showing the new page, not a 404), and a
/// stylesheet-only change swaps the styles without a reload.
#[test]
fn open_pages_reload_after_a_save_and_swap_styles_in_place() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let site = Site::minimal();
    let css = "themes/default/static/assets/style.css";
    site.write(css, "body { color: rgb(0, 0, 255); }\n");
    site.write(
        "themes/default/static/live-test.html",
        std::fs::read(repo().join("tests/browser/live.html")).unwrap(),
    );
    let preview = Preview::start(&site);
    let reports_dir = tempfile::tempdir().unwrap();
    let reports = browser::serve(reports_dir.path());
    let url = format!(
        "http://127.0.0.1:{}/live-test.html?report={}report",
        preview.port, reports.url
    );
    let _browser = browser::Browser::open(&chromium, &url);
    let next = || -> serde_json::Value {
        let report = reports
            .reports
            .recv_timeout(Duration::from_secs(60))
            .expect("the test page reported");
        serde_json::from_str(&report).unwrap()
    };
    let first = next();
    assert_eq!(
        (first["event"].as_str(), first["loads"].as_u64()),
        (Some("load"), Some(1))
    );
    assert_eq!(first["h1"], "Park Walk");

    site.edit(
        "content/activities/park-walk.yaml",
        "title: Park Walk",
        "title: Riverside Walk",
    );
    let reloaded = next();
    assert_eq!(reloaded["loads"], 2, "{reloaded}");
    assert_eq!(reloaded["h1"], "Riverside Walk", "{reloaded}");

    site.write(css, "body { color: rgb(255, 0, 0); }\n");
    let swapped = next();
    assert_eq!(swapped["event"], "css", "{swapped}");
    assert_eq!(swapped["loads"], 2, "the page reloaded: {swapped}");
    assert_eq!(swapped["color"], "rgb(255, 0, 0)", "{swapped}");
}
