//! `content/postcodes.csv`: a site's own postcode locations, finer than the
//! embedded district centres. Where a venue has no coordinates, its
//! postcode's row here places it; and the search page looks a visitor's
//! full postcode up here before falling back to its district.
//!
//! ```text
//! postcode,latitude,longitude
//! NN1 5BD,52.2371,-0.8947
//! ```

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::formats::postcode;
use crate::yaml::Pos;

pub const FILE: &str = "postcodes.csv";

/// Full postcodes, compact and upper case (`NN15BD`), with their latitude
/// and longitude.
pub type Postcodes = BTreeMap<String, (f64, f64)>;

pub fn compact(postcode: &str) -> String {
    postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Reads the file's rows, reporting each bad row with its line.
pub fn parse(rel: &str, text: &str) -> (Postcodes, Vec<Diagnostic>) {
    let mut rows = Postcodes::new();
    let mut diagnostics = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || (line_no == 1 && trimmed.to_ascii_lowercase().starts_with("postcode"))
        {
            continue;
        }
        let report = |message: String, help: &str| {
            Diagnostic::file_error(rel, message, help).at(
                Pos {
                    line: line_no,
                    column: 1,
                },
                line.chars().count(),
            )
        };
        let fields: Vec<&str> = trimmed.split(',').map(str::trim).collect();
        let [code, lat, lon] = fields[..] else {
            diagnostics.push(report(
                format!("this row has {} values, not 3", fields.len()),
                "Each row is a postcode, a latitude and a longitude, separated by commas: NN1 5BD,52.2371,-0.8947",
            ));
            continue;
        };
        let code = match postcode(code) {
            Ok(code) => compact(&code),
            Err(p) => {
                diagnostics.push(report(p.message, &p.help));
                continue;
            }
        };
        let number = |text: &str, range: std::ops::RangeInclusive<f64>| {
            text.parse::<f64>().ok().filter(|n| range.contains(n))
        };
        match (number(lat, 49.0..=61.0), number(lon, -9.0..=2.5)) {
            (Some(lat), Some(lon)) => {
                if rows.insert(code.clone(), (lat, lon)).is_some() {
                    diagnostics.push(report(
                        format!("{code} is listed more than once"),
                        "Keep one row per postcode; the last one is used.",
                    ));
                }
            }
            _ => diagnostics.push(report(
                format!("\"{lat},{lon}\" is not a latitude and longitude in the UK"),
                "Write decimal degrees, latitude first: 52.2371,-0.8947.",
            )),
        }
    }
    (rows, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_reports_bad_ones_by_line() {
        let (rows, problems) = parse(
            "content/postcodes.csv",
            "postcode,latitude,longitude\nnn1 5bd, 52.2371,-0.8947\n\nNN1 XYZ,52,-1\nNN2 6AA,52.1\nNN3 6AA,90,-1\n",
        );
        assert_eq!(rows.get("NN15BD"), Some(&(52.2371, -0.8947)));
        assert_eq!(rows.len(), 1);
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (4, "\"NN1 XYZ\" is not a full UK postcode"),
                (5, "this row has 2 values, not 3"),
                (6, "\"90,-1\" is not a latitude and longitude in the UK"),
            ]
        );
    }
}
