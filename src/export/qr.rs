//! A QR code of each activity's page, drawn at build time as an SVG file
//! beside it (`activities/<id>/qr.svg`), for its printed page and for a
//! printed plan: someone holding the paper can open the page on a phone.

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

/// The file beside an activity's page.
pub const FILE: &str = "qr.svg";

/// The quiet zone around the code, in modules, as the standard asks.
const QUIET: i32 = 4;

/// The QR code of `url` as SVG: black squares on white, with its quiet
/// zone, so any phone's camera reads it. `None` only for an address too
/// long for any QR code (the printed page shows it in words anyway).
///
/// The mask is fixed rather than chosen by scoring all eight: every mask
/// is valid and reads the same, and scoring them takes 25 times as long
/// (120 µs a code, a quarter of a second at 10,000 activities).
pub fn svg(url: &str) -> Option<String> {
    let segments = QrSegment::make_segments(url);
    let code = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        Some(Mask::new(0)),
        true,
    )
    .ok()?;
    let size = code.size();
    let side = size + 2 * QUIET;
    // Each row's runs of dark modules, as strokes one module wide along
    // the row's middle: `M` to the first run, `m` from one run's end to
    // the next's start, `h` along it. Half the bytes of drawing each run
    // as a box, and as many dark squares. Written digit by digit: `write!`
    // made this the slowest part of a build's exports.
    let mut path = String::with_capacity((size * size) as usize);
    let mut row = Vec::with_capacity(size as usize);
    for y in 0..size {
        row.clear();
        row.extend((0..size).map(|x| code.get_module(x, y)));
        let mut x = 0;
        let mut end = None;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            match end {
                None => {
                    path.push('M');
                    number(&mut path, start + QUIET as usize);
                    path.push(' ');
                    number(&mut path, (y + QUIET) as usize);
                    path.push_str(".5h");
                }
                Some(end) => {
                    path.push('m');
                    number(&mut path, start - end);
                    path.push_str(" 0h");
                }
            }
            number(&mut path, x - start);
            end = Some(x);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{w}\" height=\"{w}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"{path}\"/></svg>\n",
        w = side * 4
    ))
}

/// `n` in decimal, pushed onto `out` (a QR code is at most 185 modules a side).
fn number(out: &mut String, n: usize) {
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Writes each activity's QR code, on every core; returns their paths.
pub fn write(run: super::Run) -> anyhow::Result<Vec<String>> {
    let (dir, urls, reuse, sink) = (run.dir, run.urls, run.reuse, run.sink);
    use rayon::prelude::*;
    let activities = super::with_pages(dir);
    let mut kept = reuse.kept("qr", &activities);
    let written: Vec<Option<String>> = activities
        .par_iter()
        .zip(kept.par_iter_mut())
        .map(|(&(at, a), kept)| {
            let path = crate::routes::urls::path::beside_activity(&a.id, FILE);
            // The part is whether there is a code (an address too long for
            // one has none).
            let drawn = reuse.part("qr", (at, a), kept.take(), || {
                let page = crate::routes::urls::path::activity(&a.id);
                let Some(code) = svg(&urls.absolute(&page)) else {
                    return Ok(String::new());
                };
                sink.write(&path, code.as_bytes())?;
                Ok(FILE.to_string())
            })?;
            Ok((!drawn.is_empty()).then_some(path))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(written.into_iter().flatten().collect())
}
