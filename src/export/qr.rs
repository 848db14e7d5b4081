//! A QR code of each activity's page, drawn at build time as an SVG file
//! beside it (`activities/<id>/qr.svg`), for its printed page and for a
//! printed plan: someone holding the paper can open the page on a phone.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The file beside an activity's page.
pub const FILE: &str = "qr.svg";

/// The QR code of `url` as SVG: black on white, with the quiet zone the
/// standard asks for, so any phone's camera reads it.
pub fn svg(url: &str) -> String {
    match QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(160, 160)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
        // Only an address too long for any QR code (over 2 KB) fails:
        // the printed page shows the address in words anyway.
        Err(_) => String::new(),
    }
}

/// Writes each activity's QR code, on every core; returns their paths.
pub fn write(
    dir: &crate::content::Directory,
    urls: &crate::routes::urls::Urls,
    sink: &super::openreferral::Write,
) -> anyhow::Result<Vec<String>> {
    use rayon::prelude::*;
    let activities: Vec<_> = dir
        .activities
        .values()
        .filter(|a| !dir.index.hidden.contains(&a.id))
        .collect();
    let written: Vec<Option<String>> = activities
        .par_iter()
        .map(|a| {
            let page = crate::routes::urls::path::activity(&a.id);
            let code = svg(&urls.absolute(&page));
            if code.is_empty() {
                return Ok(None);
            }
            let path = format!("{page}{FILE}");
            sink(&path, code.as_bytes())?;
            Ok(Some(path))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(written.into_iter().flatten().collect())
}
