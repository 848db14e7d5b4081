//! UK postcode districts (outward codes such as `NN1`) with their centroids,
//! embedded so that every region works out of the box: checks use them to
//! catch postcodes in districts that do not exist, and search will use them
//! for "near a postcode".
//!
//! Data: derived from the ONS Postcode Directory. Contains public sector
//! information licensed under the Open Government Licence v3.0. Contains OS
//! data © Crown copyright and database right. Contains Royal Mail data ©
//! Royal Mail copyright and database right. Source: Office for National
//! Statistics.

use std::collections::HashMap;
use std::sync::OnceLock;

const CSV: &str = include_str!("districts.csv");

#[derive(Debug, Clone, PartialEq)]
pub struct District {
    pub code: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    /// The towns it covers, like "Northampton".
    pub area: String,
}

impl District {
    /// Whether people live in it: not a district of PO boxes, business
    /// reply or one large organisation's mail ("MK77 Morgan Stanley
    /// Processing Centre", "LE94 Non-geographic"), which no one looks for
    /// activities near.
    pub fn is_a_place(&self) -> bool {
        let area = self.area.to_lowercase();
        ![
            "non-geographic",
            "po box",
            "processing centre",
            "business reply",
            "large user",
        ]
        .iter()
        .any(|mark| area.contains(mark))
    }
}

fn table() -> &'static HashMap<&'static str, District> {
    static TABLE: OnceLock<HashMap<&'static str, District>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // district,latitude,longitude,area — only the area is ever quoted.
        CSV.lines()
            .skip(1)
            .filter_map(|line| {
                let mut fields = line.splitn(4, ',');
                let code = fields.next()?;
                let latitude = fields.next()?.parse().ok()?;
                let longitude = fields.next()?.parse().ok()?;
                let area = fields.next().unwrap_or("");
                let area = match area.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
                    Some(quoted) => quoted.replace("\"\"", "\""),
                    None => area.to_string(),
                };
                Some((
                    code,
                    District {
                        code,
                        latitude,
                        longitude,
                        area,
                    },
                ))
            })
            .collect()
    })
}

/// The district of a postcode written in any case or spacing (`nn1 5bd`,
/// `NN15BD`), or of a district on its own (`NN1`).
pub fn district(postcode: &str) -> Option<&'static District> {
    let compact: String = postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let table = table();
    if let Some(d) = table.get(compact.as_str()) {
        return Some(d);
    }
    // A full postcode: the inward code is always the last three characters.
    let outward = compact.get(..compact.len().checked_sub(3)?)?;
    table.get(outward)
}

/// Every district in the table.
pub fn all() -> impl Iterator<Item = &'static District> {
    table().values()
}

/// Great-circle distance in miles between two points in decimal degrees.
pub fn miles_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_MILES: f64 = 3958.8;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_MILES * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_of_mail_alone_are_not_places() {
        assert!(!district("MK77").unwrap().is_a_place());
        assert!(!district("AB99").unwrap().is_a_place());
        assert!(!district("M60").unwrap().is_a_place());
        assert!(district("NN11").unwrap().is_a_place());
        assert!(district("CF15").unwrap().is_a_place());
    }

    #[test]
    fn finds_districts_however_written() {
        let nn1 = district("nn1 5bd").unwrap();
        assert_eq!(nn1.code, "NN1");
        assert_eq!(nn1.area, "Northampton");
        assert!((nn1.latitude - 52.2416).abs() < 1e-6);
        assert_eq!(district("NN15BD").unwrap().code, "NN1");
        assert_eq!(district("NN1").unwrap().code, "NN1");
        assert_eq!(district(" NN16 0AP ").unwrap().code, "NN16");
        assert!(district("ZZ9 9ZZ").is_none());
        assert!(district("").is_none());
    }

    #[test]
    fn distances_in_miles() {
        let (nn1, nn16) = (district("NN1").unwrap(), district("NN16").unwrap());
        let miles = miles_between(
            (nn1.latitude, nn1.longitude),
            (nn16.latitude, nn16.longitude),
        );
        // Northampton to Kettering is about 13 miles as the crow flies.
        assert!((12.0..15.0).contains(&miles), "{miles}");
        assert_eq!(miles_between((52.0, -1.0), (52.0, -1.0)), 0.0);
    }

    #[test]
    fn reads_quoted_areas_and_the_whole_table() {
        assert_eq!(
            district("AB4").unwrap().area,
            "Fraserburgh, Peterhead, Macduff"
        );
        assert_eq!(table().len(), 3096);
    }
}
