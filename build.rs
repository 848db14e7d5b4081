//! Whether this machine has a Chromium for the browser tests. Without one,
//! and not under CI (where a missing browser must fail the run), the
//! browser tests are marked ignored (`cfg(no_browser)`), so a test that
//! cannot run shows as ignored rather than passed. Nothing in the product
//! depends on it.

use std::path::Path;

const CHROMIUMS: [&str; 3] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_browser)");
    println!("cargo::rerun-if-env-changed=SIGNPOST_CHROMIUM");
    println!("cargo::rerun-if-env-changed=CI");
    // Installing a browser changes the folder it goes into.
    if Path::new("/usr/bin").is_dir() {
        println!("cargo::rerun-if-changed=/usr/bin");
    }
    let named = std::env::var_os("SIGNPOST_CHROMIUM");
    let found = named
        .iter()
        .map(Path::new)
        .chain(CHROMIUMS.iter().map(Path::new))
        .any(Path::is_file);
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if !found && !ci {
        println!("cargo::rustc-cfg=no_browser");
        println!(
            "cargo::warning=No Chromium found: the browser tests will show as ignored. Install Debian's `chromium` (apt-get install chromium) or set SIGNPOST_CHROMIUM to run them."
        );
    }
}
