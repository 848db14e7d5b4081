//! Reading an Open Referral feed from files or over HTTP(S): a paginated
//! `/services` list walked to its last page, with each service's full
//! `/services/{id}` document fetched when the list gives only a summary.

use std::time::Duration;

use serde_json::Value as Json;

use super::openreferral::{Document, document, is_summary};

/// The services read, and what reading them took.
#[derive(Debug, Default)]
pub struct Fetched {
    pub services: Vec<Json>,
    /// Whether the services are a whole feed (every source was a list),
    /// so that one missing from it has been removed upstream.
    pub complete: bool,
    pub pages: usize,
    /// Full service documents fetched for list items that were summaries.
    pub details: usize,
    /// List items left as summaries (read from a file, so not fetched).
    pub summaries: usize,
}

/// The most pages a feed is walked to, so a feed whose pages never end
/// cannot keep an import running.
const MAX_PAGES: u64 = 10_000;

/// Largest response read: a whole feed on one page can be large.
const MAX_BYTES: u64 = 512 * 1024 * 1024;

pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Reads every source (files or web addresses) into one list of services.
pub fn read(sources: &[String], timeout: Duration) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut out = Fetched {
        complete: true,
        ..Fetched::default()
    };
    for source in sources {
        if is_url(source) {
            walk(&agent, source, timeout, &mut out)?;
        } else {
            let text = std::fs::read_to_string(source)
                .map_err(|e| format!("could not read {source}: {e}"))?;
            let doc = parse(source, &text, None)?;
            let read = document(&doc).map_err(|e| format!("{source}: {e}"))?;
            out.pages += 1;
            out.complete &= read.list;
            out.summaries += read.services.iter().filter(|s| is_summary(s)).count();
            out.services.extend(read.services);
        }
    }
    Ok(out)
}

/// Walks a feed's pages from `url`, fetching full documents for summaries.
fn walk(
    agent: &ureq::Agent,
    url: &str,
    timeout: Duration,
    out: &mut Fetched,
) -> Result<(), String> {
    let first = get_document(agent, url, timeout)?;
    out.complete &= first.list;
    let mut services = Vec::new();
    services.extend(first.services);
    out.pages += 1;
    // Pages count from 1 in ORUK 3.0, and from 0 in some 1.0 feeds.
    if let Some((start, total)) = first.page {
        let last = if start == 0 {
            total.saturating_sub(1)
        } else {
            total
        };
        let mut n = start;
        while n < last && n - start < MAX_PAGES {
            let next = with_page(url, n + 1)?;
            let doc = get_document(agent, &next, timeout)?;
            match doc.page {
                Some((m, _)) if m == n + 1 => {}
                Some((m, _)) => {
                    return Err(format!(
                        "{next} answered with page {m}, not page {}, so the feed cannot be walked page by page",
                        n + 1
                    ));
                }
                None => {
                    return Err(format!(
                        "{next} is not a page of the feed (it has no page number)"
                    ));
                }
            }
            services.extend(doc.services);
            out.pages += 1;
            n += 1;
        }
    }
    for service in services {
        if is_summary(&service)
            && let Some(id) = service.get("id").and_then(Json::as_str)
            && let Some(detail) = detail_url(url, id)
        {
            let doc = get_document(agent, &detail, timeout)?;
            match doc.services.into_iter().next() {
                Some(full) if !doc.list => {
                    out.details += 1;
                    out.services.push(full);
                }
                _ => {
                    return Err(format!(
                        "{detail} is not one service's document, so the service {id} cannot be read in full"
                    ));
                }
            }
        } else {
            out.summaries += usize::from(is_summary(&service));
            out.services.push(service);
        }
    }
    Ok(())
}

/// `url` with its `page` query parameter set to `n`.
fn with_page(url: &str, n: u64) -> Result<String, String> {
    let mut parsed =
        url::Url::parse(url).map_err(|e| format!("{url} is not a web address: {e}"))?;
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    parsed
        .query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("page", &n.to_string());
    Ok(parsed.to_string())
}

/// Where the full document of service `id` is: `/services/{id}` beside
/// the `/services` list.
fn detail_url(list: &str, id: &str) -> Option<String> {
    let mut parsed = url::Url::parse(list).ok()?;
    if !parsed.path().trim_end_matches('/').ends_with("/services") {
        return None;
    }
    parsed.set_query(None);
    parsed.path_segments_mut().ok()?.pop_if_empty().push(id);
    Some(parsed.to_string())
}

fn get_document(agent: &ureq::Agent, url: &str, timeout: Duration) -> Result<Document, String> {
    let mut response = agent
        .get(url)
        .header("Accept", "application/json")
        .call()
        .map_err(|e| match e {
            ureq::Error::Timeout(_) => format!(
                "{url} did not answer within {}. Try again later, or give a longer --timeout.",
                seconds(timeout)
            ),
            e => format!("could not read {url}: {e}"),
        })?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "{url} answered \"{status}\" instead of the feed. Check the address."
        ));
    }
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_lowercase);
    let text = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_string()
        .map_err(|e| match e {
            ureq::Error::Timeout(_) => format!(
                "{url} did not finish sending within {}. Try again later, or give a longer --timeout.",
                seconds(timeout)
            ),
            e => format!("could not read {url}: {e}"),
        })?;
    let doc = parse(url, &text, kind.as_deref())?;
    document(&doc).map_err(|e| format!("{url}: {e}"))
}

fn seconds(d: Duration) -> String {
    match d.as_secs() {
        1 => "1 second".into(),
        n => format!("{n} seconds"),
    }
}

/// The JSON of a document, or an error that says what came instead.
fn parse(source: &str, text: &str, content_type: Option<&str>) -> Result<Json, String> {
    let looks_html =
        content_type.is_some_and(|t| t.contains("html")) || text.trim_start().starts_with('<');
    if looks_html {
        return Err(format!(
            "{source} is a web page (HTML), not an Open Referral feed (JSON). Give the address of the feed's services list, like https://example.org/api/services."
        ));
    }
    serde_json::from_str(text)
        .map_err(|e| format!("{source} is not JSON, so it is not an Open Referral feed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_details_are_found_beside_the_list() {
        assert_eq!(
            with_page("https://x.org/api/services?per_page=50&page=1", 2).unwrap(),
            "https://x.org/api/services?per_page=50&page=2"
        );
        assert_eq!(
            detail_url("https://x.org/api/services?page=3", "a b").as_deref(),
            Some("https://x.org/api/services/a%20b")
        );
        assert_eq!(detail_url("https://x.org/feed.json", "a"), None);
    }
}
