//! Pages printed to PDF by Chromium itself and read back with
//! pdf-extract: what a printer gets, not what the DOM holds.

use std::path::Path;

/// The text of `url` printed to PDF (print media, no header or footer),
/// with all whitespace taken out: the extractor spaces out some glyphs
/// ("0 1 6 3 2"), so check it with `assert_printed`.
pub fn printed_text(chromium: &Path, url: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("page.pdf");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success(), "chromium could not print {url}");
    squeeze(&pdf_extract::extract_text(&pdf).unwrap())
}

/// `text` without whitespace, as `printed_text` gives it.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Asserts that the printed `text` (from `printed_text`) holds each of
/// `printed`, and none of `left_out` (the screen's buttons and links).
pub fn assert_printed(text: &str, printed: &[&str], left_out: &[&str]) {
    for want in printed {
        let want = squeeze(want);
        assert!(text.contains(&want), "{want} not in: {text}");
    }
    for screen in left_out {
        let screen = squeeze(screen);
        assert!(!text.contains(&screen), "{screen} printed: {text}");
    }
}
