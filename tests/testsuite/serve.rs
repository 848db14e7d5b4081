//! `signpost serve`, run for real on a free port against a fixture site in
//! a temp dir, spoken to over plain HTTP.

use crate::common;

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

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
        Preview::start_with(site, &[])
    }

    /// Starts serve with extra environment variables, such as
    /// `SIGNPOST_SERVE_TIMEOUT_MS` for short socket timeouts.
    fn start_with(site: &Site, env: &[(&str, &str)]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(site.root())
            .envs(env.iter().copied())
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
        let head = format!("{method} {target} HTTP/1.0\r\nHost: localhost\r\n\r\n");
        self.send(&head, Duration::from_secs(60))
    }

    /// A connection whose reads and writes give up after `timeout`, so a
    /// test cannot hang on a server that does not answer.
    fn connect(&self, timeout: Duration) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(timeout)).unwrap();
        stream.set_write_timeout(Some(timeout)).unwrap();
        stream
    }

    /// Sends `head` as it is and reads the reply until the server closes
    /// the connection, within `timeout` for each read.
    fn send(&self, head: &str, timeout: Duration) -> Reply {
        let mut stream = self.connect(timeout);
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap_or_else(|e| {
            let start: String = head.chars().take(80).collect();
            panic!("no whole reply to {start:?}… within {timeout:?}: {e}")
        });
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

    /// Like `wait`, but fails the test unless a build after `since` is
    /// published within `timeout`.
    fn rebuilt_within(&self, since: u64, timeout: Duration) -> serde_json::Value {
        let head =
            format!("GET /__signpost/wait?since={since} HTTP/1.0\r\nHost: localhost\r\n\r\n");
        let reply = self.send(&head, timeout);
        let change: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert!(
            change["version"].as_u64().unwrap() > since,
            "no rebuild within {timeout:?}: {change}"
        );
        change
    }

    /// How many threads the server process has now.
    fn threads(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a Threads: line")
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
        page.body.contains("content/activities/park-walk.yaml"),
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
    // Editor leftovers, and a file beside content/ and themes/, then a
    // stylesheet change. Had the first ones counted, the rebuild that
    // follows would not be the next one, or not a stylesheet-only change.
    let change = save_and_wait(&preview, || {
        site.write("content/activities/.park-walk.yaml.swp", "junk");
        site.write("content/activities/park-walk.yaml~", "junk");
        site.write("notes.txt", "a file beside the site");
        site.write(
            "themes/default/static/assets/style.css",
            "body { color: red; }",
        );
    });
    assert_eq!(change["version"], since + 1, "{change}");
    assert_eq!(
        change["css"], true,
        "temp files counted as a change: {change}"
    );
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
        // A QR code holds the page's full address, which is the preview's
        // own here: it need only be there.
        if rel.ends_with("qr.svg") {
            assert_eq!(served.status, 200, "{rel}");
            continue;
        }
        // Addresses appear as they are, and encoded in "Report a problem"
        // links.
        let mut body = served.body.replace(&local, base).replace(
            &signpost::config::query(&local),
            &signpost::config::query(base),
        );
        if let Some(at) = body.find("<script src=\"/__signpost/live.js\"") {
            let end = body[at..].find("</script>\n").unwrap() + at + "</script>\n".len();
            body.replace_range(at..end, "");
        }
        let mut built = String::from_utf8_lossy(&bytes).into_owned();
        // Calendar lines fold at 75 octets, so a longer local address
        // folds them elsewhere: compared unfolded.
        if rel.ends_with(".ics") {
            body = served.body.replace("\r\n ", "").replace(&local, base);
            built = built.replace("\r\n ", "");
        }
        if served.status != 200 || body != built {
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
    // A word that two others joined make ("coffee morning" is in another
    // activity): that activity's search terms change too. Then it goes.
    save_and_wait(&preview, || {
        site.edit(
            knit,
            "Bring any project",
            "Like a coffeemorning, bring any project",
        );
    });
    assert_matches_a_clean_build(&site, &preview, "after adding a joined word");
    save_and_wait(&preview, || {
        site.edit(
            knit,
            "Like a coffeemorning, bring any project",
            "Bring any project",
        );
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
    // The card's template: every card, result row and page that shows
    // cards is drawn again, while the exports, which no template draws,
    // are kept; then an edit after it.
    const CARD: &str = "themes/default/templates/partials/activity-card.html";
    let card = std::fs::read_to_string(crate::common::repo().join(CARD)).unwrap();
    save_and_wait(&preview, || {
        site.write(
            CARD,
            card.replace("<h2 class", "<h2 data-changed=\"yes\" class"),
        );
    });
    assert!(
        preview
            .get("/activities/")
            .body
            .contains("data-changed=\"yes\""),
        "the changed card is drawn"
    );
    save_and_wait(&preview, || {
        site.edit(knit, "title: Yarn and Natter", "title: Yarn and Chat");
    });
    assert_matches_a_clean_build(&site, &preview, "after a template change and an edit");
}

/// How many pages the build after a save drew, of how many: from serve's
/// "Built 276 pages (12 rendered)" line.
fn drawn(preview: &Preview) -> (usize, usize) {
    let printed = preview.printed("Built ");
    let line = printed.lines().last().unwrap();
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[1], numbers[0])
}

/// A change to one template draws again only the pages that template
/// draws, besides the few drawn every time (the home page, the indexes,
/// search); a stylesheet draws none. What is served is still what a
/// clean build writes.
#[test]
fn a_template_change_draws_again_only_the_pages_that_use_it() {
    let site = Site::sample();
    let preview = Preview::start(&site);
    let theme = |name: &str| {
        let rel = format!("themes/default/{name}");
        let text = std::fs::read_to_string(crate::common::repo().join(&rel)).unwrap();
        (rel, text)
    };
    let (css, style) = theme("static/assets/style.css");
    save_and_wait(&preview, || {
        site.write(&css, format!("{style}\n.x {{ color: red }}\n"));
    });
    let (always, pages) = drawn(&preview);
    assert!(
        always < pages / 4,
        "{always} of {pages} drawn after a stylesheet change"
    );
    let (job, text) = theme("templates/job.html");
    save_and_wait(&preview, || {
        site.write(
            &job,
            text.replace(
                "<article class=\"job\"",
                "<article data-changed=\"yes\" class=\"job\"",
            ),
        );
    });
    let jobs = std::fs::read_dir(site.path("content/jobs"))
        .unwrap()
        .count();
    assert_eq!(
        drawn(&preview),
        (always + jobs, pages),
        "the job pages, and those drawn every time"
    );
    let page = preview.get("/jobs/link-worker-east-northants-pcn/").body;
    assert!(page.contains("data-changed=\"yes\""), "{page}");
    assert_matches_a_clean_build(&site, &preview, "after a change to the job template");
    let (base, text) = theme("templates/base.html");
    save_and_wait(&preview, || {
        site.write(
            &base,
            text.replace("<main id", "<main data-changed=\"base\" id"),
        );
    });
    assert_eq!(
        drawn(&preview),
        (pages, pages),
        "every page extends the base"
    );
    assert_matches_a_clean_build(&site, &preview, "after a change to the base template");
}

/// In a real headless Chromium: an open page reloads by itself once the
/// rebuild after a save is done (showing the new page, not a 404), and a
/// stylesheet-only change swaps the styles without a reload.
#[test]
#[cfg_attr(no_browser, ignore = "no Chromium on this machine")]
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

/// Whether the server has closed `stream`: reading to its end finds the
/// end (or a reset) within `timeout`, rather than timing out.
fn closed_within(stream: &mut TcpStream, timeout: Duration) -> bool {
    stream.set_read_timeout(Some(timeout)).unwrap();
    let mut sink = Vec::new();
    match stream.read_to_end(&mut sink) {
        Ok(_) => true,
        Err(e) => matches!(
            e.kind(),
            ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe
        ),
    }
}

/// Clients that pipeline requests and never read the answers only block
/// themselves: pages load for everyone else meanwhile, and each of them is
/// dropped once a write has waited out the write timeout.
#[test]
fn clients_that_never_read_their_answers_block_only_themselves() {
    let site = Site::minimal();
    let preview = Preview::start_with(&site, &[("SIGNPOST_SERVE_TIMEOUT_MS", "2000")]);
    // A 25 KB file, so 200 answers are more than the socket buffers hold
    // and the server's writes really stall.
    let requests = format!(
        "GET /assets/search.js HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        preview.port
    )
    .repeat(200);
    let mut stuck: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut stream = preview.connect(Duration::from_secs(5));
            stream.write_all(requests.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut slowest = Duration::ZERO;
    for _ in 0..6 {
        let started = Instant::now();
        let page = preview.send(
            "GET /activities/park-walk/ HTTP/1.0\r\nHost: localhost\r\n\r\n",
            Duration::from_secs(3),
        );
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<h1>Park Walk</h1>"));
        slowest = slowest.max(started.elapsed());
    }
    eprintln!("slowest page while 8 clients never read: {slowest:?}");
    assert!(slowest < Duration::from_secs(2), "{slowest:?}");
    // Each stuck client holds its connection only until a write times out.
    std::thread::sleep(Duration::from_millis(2500));
    for stream in &mut stuck {
        assert!(closed_within(stream, Duration::from_secs(5)));
    }
}

/// Every open page waits for the next build on a connection of its own;
/// hundreds of them neither add threads nor stop pages loading, and the
/// ones let in are still told of the next build.
#[test]
fn many_waiting_pages_add_no_threads_and_pages_still_load() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let since = preview.version();
    let before = preview.threads();
    let wait = format!(
        "GET /__signpost/wait?since={since} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        preview.port
    );
    let mut waiters: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut stream = preview.connect(Duration::from_secs(5));
            stream.write_all(wait.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let during = preview.threads();
    eprintln!("threads: {before} before, {during} with 300 waiting pages");
    assert!(
        during <= before + 4,
        "{before} threads before, {during} after"
    );
    let page = preview.send(
        "GET /activities/park-walk/ HTTP/1.0\r\nHost: localhost\r\n\r\n",
        Duration::from_secs(3),
    );
    assert_eq!(page.status, 200);

    site.edit(
        "content/activities/park-walk.yaml",
        "title: Park Walk",
        "title: Riverside Walk",
    );
    // Waiters turned away were told so at once (503, closed); those let in
    // hear of the new build.
    let deadline = Instant::now() + Duration::from_secs(8);
    let (mut told, mut busy, mut reset) = (0, 0, 0);
    for stream in &mut waiters {
        let left = deadline.saturating_duration_since(Instant::now());
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(10))))
            .unwrap();
        let mut buf = [0; 512];
        let n = stream.read(&mut buf).unwrap_or(0);
        let reply = String::from_utf8_lossy(&buf[..n]);
        if reply.is_empty() {
            // Over the connection cap: closed at once, perhaps with a reset.
            reset += 1;
            continue;
        }
        if reply.starts_with("HTTP/1.1 200") {
            assert!(!reply.contains(&format!("\"version\":{since},")), "{reply}");
            told += 1;
        } else {
            assert!(reply.starts_with("HTTP/1.1 503"), "{reply:?}");
            busy += 1;
        }
    }
    eprintln!("{told} waiting pages told of the build, {busy} turned away, {reset} closed");
    assert!(told > 0, "no waiting page heard of the build");
}

/// A client that sends part of a request head and stalls, or trickles it
/// a byte at a time, is dropped after the header timeout and holds up
/// nobody meanwhile.
#[test]
fn a_stalled_request_head_is_dropped_after_the_header_timeout() {
    let site = Site::minimal();
    let preview = Preview::start_with(&site, &[("SIGNPOST_SERVE_TIMEOUT_MS", "1000")]);
    let started = Instant::now();
    let mut stalled = preview.connect(Duration::from_secs(5));
    stalled.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
    let mut trickle = preview.connect(Duration::from_secs(5));
    trickle.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    assert_eq!(preview.get("/").status, 200);
    // One byte of a header every 100 ms: never a whole head.
    let mut trickled = 0;
    while started.elapsed() < Duration::from_secs(5) && trickle.write_all(b"X").is_ok() {
        trickled += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(closed_within(&mut trickle, Duration::from_secs(1)));
    assert!(closed_within(&mut stalled, Duration::from_secs(1)));
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(4),
        "{trickled} bytes, {elapsed:?}"
    );
}

/// Pipelined requests on one connection are answered in turn; a request
/// head too large, or a method other than GET and HEAD, is refused.
#[test]
fn requests_are_answered_in_turn_and_heads_are_capped() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let host = format!("Host: 127.0.0.1:{}", preview.port);
    let pipelined = format!(
        "GET /about/ HTTP/1.1\r\n{host}\r\n\r\nHEAD / HTTP/1.1\r\n{host}\r\n\r\nGET /activities/park-walk/ HTTP/1.1\r\n{host}\r\nConnection: close\r\n\r\n"
    );
    let reply = preview.send(&pipelined, Duration::from_secs(5));
    let all = format!("{}\r\n\r\n{}", reply.head, reply.body);
    assert_eq!(all.matches("HTTP/1.1 200 OK\r\n").count(), 3, "{all}");
    assert!(all.find("<h1>About").unwrap() < all.find("<h1>Park Walk</h1>").unwrap());

    let huge = format!(
        "GET / HTTP/1.1\r\n{host}\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    let reply = preview.send(&huge, Duration::from_secs(5));
    assert_eq!(reply.status, 431);
    let post = format!("POST / HTTP/1.1\r\n{host}\r\nContent-Length: 5\r\n\r\nhello");
    assert_eq!(preview.send(&post, Duration::from_secs(5)).status, 405);
}

/// A web page can point its own host name at 127.0.0.1 (DNS rebinding);
/// the preview answers only requests naming this machine, so such a page
/// can never read the site or its problems.
#[test]
fn only_requests_naming_this_machine_are_answered() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let ask = |target: &str, host: &str| {
        preview.send(
            &format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            Duration::from_secs(5),
        )
    };
    for target in ["/", "/activities/park-walk/", "/__signpost/wait?since=0"] {
        for host in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example",
        ] {
            let reply = ask(target, host);
            assert!(
                reply.status == 421 || reply.status == 403,
                "{host} {target}: {}",
                reply.status
            );
            assert!(!reply.body.contains("Park Walk"), "{host}");
            assert!(!reply.body.contains("version"), "{host}");
        }
    }
    let port = preview.port;
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(ask("/activities/park-walk/", &host).status, 200, "{host}");
    }
    // HTTP/1.0 may leave the host out.
    let bare = preview.send("GET / HTTP/1.0\r\n\r\n", Duration::from_secs(5));
    assert_eq!(bare.status, 200);
}

/// The problems over the page and in the terminal name files from the
/// site's folder (`themes/…`, `content/…`), never the machine's paths.
#[test]
fn problems_name_files_relative_to_the_site() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let roots = [
        site.root().to_string_lossy().into_owned(),
        site.root()
            .canonicalize()
            .unwrap()
            .to_string_lossy()
            .into_owned(),
    ];
    let since = preview.version();
    site.edit("content/site.yaml", "theme: default", "theme: nowhere");
    assert_eq!(
        preview.rebuilt_within(since, Duration::from_secs(10))["errors"],
        true
    );
    let printed = preview.printed("Not rebuilt");
    let page = preview.get("/").body;
    assert!(page.contains("id=\"signpost-problems\""), "{page}");
    assert!(page.contains("themes/nowhere"), "{page}");
    assert!(printed.contains("themes/nowhere"), "{printed}");
    for root in &roots {
        assert!(!page.contains(root.as_str()), "{page}");
        assert!(!printed.contains(root), "{printed}");
    }

    let since = preview.version();
    site.edit("content/site.yaml", "theme: nowhere", "theme: default");
    site.edit("content/activities/park-walk.yaml", "cost: ", "cost: [");
    assert_eq!(
        preview.rebuilt_within(since, Duration::from_secs(10))["errors"],
        true
    );
    let page = preview.get("/").body;
    assert!(page.contains("content/activities/park-walk.yaml"), "{page}");
    for root in &roots {
        assert!(!page.contains(root.as_str()), "{page}");
    }
}

/// content/ moved away (or deleted) while serving: the terminal and every
/// page say so, the last good site stays up, and once content/ is back it
/// is watched again and edits show as before.
#[test]
fn content_moved_away_is_reported_and_picked_up_again() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let within = Duration::from_secs(10);
    let since = preview.version();
    std::fs::rename(site.path("content"), site.path("content-away")).unwrap();
    assert_eq!(preview.rebuilt_within(since, within)["errors"], true);
    let printed = preview.printed("content/");
    assert!(printed.contains("missing"), "{printed}");
    let page = preview.get("/activities/park-walk/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Park Walk</h1>"));
    assert!(
        page.body.contains("id=\"signpost-problems\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("content/"), "{}", page.body);

    let since = preview.version();
    std::fs::rename(site.path("content-away"), site.path("content")).unwrap();
    assert_eq!(preview.rebuilt_within(since, within)["errors"], false);
    assert!(!preview.get("/").body.contains("signpost-problems"));

    let since = preview.version();
    site.edit(
        "content/activities/park-walk.yaml",
        "title: Park Walk",
        "title: Riverside Walk",
    );
    assert_eq!(preview.rebuilt_within(since, within)["errors"], false);
    assert!(
        preview
            .get("/activities/park-walk/")
            .body
            .contains("<h1>Riverside Walk</h1>")
    );
}

/// A 20 KB entry of one repeated mistake once made every page 6.1 MB (the
/// overlay listed all of it) and the rebuild take 4.9 s: the overlay now
/// lists a file's first problems and says how many more there are.
#[test]
fn an_entry_full_of_mistakes_gives_a_small_overlay() {
    let site = Site::minimal();
    let preview = Preview::start(&site);
    let plain = preview.get("/").body.len();
    let since = preview.version();
    let list = vec!["nope"; 4_000].join(", ");
    site.edit(
        "content/activities/park-walk.yaml",
        "categories: [physical-activity]",
        &format!("categories: [{list}]"),
    );
    assert_eq!(
        preview.rebuilt_within(since, Duration::from_secs(10))["errors"],
        true
    );
    let page = preview.get("/").body;
    assert!(page.contains("3980 more problems in this file"), "{page}");
    assert!(
        page.len() < plain + 16 * 1024,
        "{} bytes with the overlay, {plain} without",
        page.len()
    );
}

/// A template mistake is shown at its place in the template, not at 1:1.
#[test]
fn a_template_mistake_shows_its_line_and_column() {
    let site = Site::minimal();
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n",
    );
    let preview = Preview::start(&site);
    let since = preview.version();
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title }</p>\n{% endblock %}\n",
    );
    assert_eq!(
        preview.rebuilt_within(since, Duration::from_secs(10))["errors"],
        true
    );
    let page = preview.get("/").body;
    assert!(
        page.contains("themes/default/templates/page.html:3:18"),
        "{page}"
    );
}
