//! What the preview server answers, as a pure function of the request and
//! the current site, so it is tested without sockets. The site is held in
//! memory: a request can only ever name a file the build produced, so no
//! path (`..`, `%2e%2e`, absolute, symlinks) can reach anything else.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// What a path in a `Location` header must have encoded: besides controls
/// (a line break would start a header of its own) and everything that is
/// not ASCII, what would end or change the path.
const IN_LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where the live-reload script and the wait-for-change endpoint live.
pub const LIVE_JS: &str = "/__signpost/live.js";
pub const WAIT: &str = "/__signpost/wait";

/// The script every HTML page gets: it waits for the next build, then
/// reloads (or, for a stylesheet-only change, swaps the stylesheets).
const LIVE_SCRIPT: &str = r#"(function () {
  var me = document.currentScript, version = +me.dataset.version, errors = me.dataset.errors === '1';
  function wait() {
    fetch('/__signpost/wait?since=' + version, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (m) {
        if (m.version === version) return wait();
        if (m.css && !m.errors && !errors) {
          version = m.version;
          document.querySelectorAll('link[rel=stylesheet]').forEach(function (l) {
            var u = new URL(l.href); u.searchParams.set('v', m.version); l.href = u.href;
          });
          return wait();
        }
        location.reload();
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"#;

/// The site as last built, and what the preview shows over it.
pub struct Snapshot {
    /// Site-relative path (`activities/walk/index.html`) to contents.
    pub files: std::sync::Arc<super::Files>,
    /// Counts up with every build, good or bad.
    pub version: u64,
    /// Whether the latest change touched only stylesheets.
    pub css_only: bool,
    /// The problems of the latest build, as HTML for the overlay; `None`
    /// when it succeeded.
    pub overlay: Option<String>,
}

pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn plain(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: text.as_bytes().to_vec(),
        }
    }
}

/// Answers a GET or HEAD (the caller drops the body for HEAD) for `url`.
pub fn respond(site: &Snapshot, method: &str, url: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::plain(405, "Only GET and HEAD are supported.");
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Ok(path) = percent_decode_str(path).decode_utf8() else {
        return Reply::plain(400, "Bad request: the address is not valid UTF-8.");
    };
    if path == LIVE_JS {
        return Reply {
            status: 200,
            content_type: "text/javascript; charset=utf-8",
            location: None,
            body: LIVE_SCRIPT.as_bytes().to_vec(),
        };
    }
    let Some(key) = site_path(&path) else {
        return Reply::plain(
            400,
            "Bad request: that address cannot name a file of the site.",
        );
    };
    if site.files.is_empty() {
        // No build has worked yet: a page to carry the problems overlay.
        return Reply {
            status: 503,
            content_type: "text/html; charset=utf-8",
            location: None,
            body: inject(
                b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signpost preview</title></head><body><h1>The site could not be built yet</h1></body></html>",
                site,
            ),
        };
    }
    let folder = key.is_empty() || key.ends_with('/');
    let (status, key) = if folder && site.files.contains_key(format!("{key}index.html").as_str()) {
        (200, format!("{key}index.html"))
    } else if site.files.contains_key(key.as_str()) {
        (200, key)
    } else if !folder
        && site
            .files
            .contains_key(format!("{key}/index.html").as_str())
    {
        // Like static hosts: a folder named without its slash redirects.
        return Reply {
            status: 301,
            content_type: "text/plain; charset=utf-8",
            // Built from the decoded path, so encoded again: always a
            // valid header, whatever the request said.
            location: Some(format!("/{}/", utf8_percent_encode(&key, IN_LOCATION))),
            body: Vec::new(),
        };
    } else {
        (404, "404.html".to_string())
    };
    let Some(bytes) = site.files.get(key.as_str()) else {
        return Reply::plain(404, "Not found.");
    };
    let content_type = content_type(&key);
    let body = if content_type.starts_with("text/html") {
        inject(&bytes.bytes(), site)
    } else {
        bytes.bytes().into_owned()
    };
    Reply {
        status,
        content_type,
        location: None,
        body,
    }
}

/// The site-relative path a decoded URL path names, or `None` when it
/// tries to leave the site or is not a plain path.
fn site_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    if rest.contains(['\\', '\0']) || rest.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    Some(rest.to_string())
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script, and the problems overlay when the latest
/// build failed, before `</body>`.
fn inject(html: &[u8], site: &Snapshot) -> Vec<u8> {
    let script = format!(
        "{}<script src=\"{LIVE_JS}\" data-version=\"{}\" data-errors=\"{}\"></script>\n",
        site.overlay.as_deref().unwrap_or(""),
        site.version,
        u8::from(site.overlay.is_some())
    );
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The answer to a wait-for-change request: the version and what changed.
pub fn change_json(site: &Snapshot) -> String {
    format!(
        "{{\"version\":{},\"css\":{},\"errors\":{}}}",
        site.version,
        site.css_only,
        site.overlay.is_some()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Snapshot {
        let mut files = super::super::Files::default();
        for (path, body) in [
            ("index.html", "<html><body>home</body></html>"),
            (
                "activities/walk/index.html",
                "<html><body>walk</body></html>",
            ),
            ("404.html", "<html><body>not here</body></html>"),
            ("assets/style.css", "body{}"),
            ("café menu/index.html", "<html><body>menu</body></html>"),
        ] {
            files.insert(path.into(), body.as_bytes().into());
        }
        Snapshot {
            files: files.into(),
            version: 3,
            css_only: false,
            overlay: None,
        }
    }

    #[test]
    fn serves_files_index_pages_and_the_404_page() {
        let site = site();
        let home = respond(&site, "GET", "/");
        assert_eq!(
            (home.status, home.content_type),
            (200, "text/html; charset=utf-8")
        );
        let body = String::from_utf8(home.body).unwrap();
        assert!(
            body.starts_with(
                "<html><body>home<script src=\"/__signpost/live.js\" data-version=\"3\""
            )
        );
        assert!(body.ends_with("</body></html>"));
        assert_eq!(respond(&site, "GET", "/activities/walk/?x=1").status, 200);
        let redirect = respond(&site, "GET", "/activities/walk");
        assert_eq!(
            (redirect.status, redirect.location.as_deref()),
            (301, Some("/activities/walk/"))
        );
        // A folder whose name needs encoding is redirected to a valid,
        // encoded address (the path was decoded to find it).
        let redirect = respond(&site, "GET", "/caf%C3%A9%20menu");
        assert_eq!(
            (redirect.status, redirect.location.as_deref()),
            (301, Some("/caf%C3%A9%20menu/"))
        );
        assert_eq!(respond(&site, "GET", "/caf%C3%A9%20menu/").status, 200);
        assert_eq!(
            respond(&site, "GET", "/assets/style.css").content_type,
            "text/css; charset=utf-8"
        );
        let missing = respond(&site, "GET", "/nothing/");
        assert_eq!(missing.status, 404);
        assert!(
            String::from_utf8(missing.body)
                .unwrap()
                .contains("not here")
        );
        assert_eq!(respond(&site, "POST", "/").status, 405);
    }

    #[test]
    fn nothing_outside_the_site_can_be_named() {
        let site = site();
        for url in [
            "/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/activities/%2E%2E/%2E%2E/secret",
            "/..%2fetc/passwd",
            "//etc/passwd",
            "/assets\\..\\..\\secret",
            "/%00",
            "/%ff",
            "etc/passwd",
        ] {
            let status = respond(&site, "GET", url).status;
            assert!(status == 400 || status == 404, "{url}: {status}");
        }
        // An absolute path is just a path in the site, which has no such file.
        assert_eq!(respond(&site, "GET", "/etc/passwd").status, 404);
    }

    #[test]
    fn the_overlay_shows_on_every_page_while_the_build_is_broken() {
        let mut site = site();
        site.overlay = Some("<div id=\"signpost-problems\">1 problem</div>".into());
        let body = String::from_utf8(respond(&site, "GET", "/activities/walk/").body).unwrap();
        assert!(body.contains("walk<div id=\"signpost-problems\">1 problem</div><script"));
        assert!(body.contains("data-errors=\"1\""));
        assert_eq!(
            change_json(&site),
            "{\"version\":3,\"css\":false,\"errors\":true}"
        );
    }
}
