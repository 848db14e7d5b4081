//! axe-core (vendored in tests/browser/vendor) in the built site, and
//! what its harness page reports.

use std::path::Path;

/// Puts the axe-core harness page (`/test-axe.html`) and the vendored
/// axe-core (`/test-axe.min.js`) into a built site.
pub fn with_axe(site: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [
        ("tests/browser/axe.html", "test-axe.html"),
        (
            "tests/browser/vendor/axe-core/axe.min.js",
            "test-axe.min.js",
        ),
    ] {
        std::fs::copy(repo.join(from), site.join(to)).unwrap();
    }
}

/// The axe harness's report, each state with no violations and axe having
/// really run (more than 10 rules passed); returns the states.
pub fn axe_clean(report: &str) -> serde_json::Map<String, serde_json::Value> {
    let out: serde_json::Map<String, serde_json::Value> = serde_json::from_str(report).unwrap();
    assert!(!out.contains_key("error"), "{report}");
    let failing: Vec<String> = out
        .iter()
        .filter(|(_, r)| r["violations"] != serde_json::json!([]))
        .map(|(state, r)| format!("{state}: {}", r["violations"]))
        .collect();
    assert!(failing.is_empty(), "{}", failing.join("\n"));
    for (state, r) in &out {
        assert!(r["passes"].as_u64().unwrap() > 10, "{state}: {r}");
    }
    out
}
