//! Which activities are near each postcode district: the static "Activities
//! near NN1" pages that let people without JavaScript (or with a slow phone)
//! browse by distance.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::content::Directory;
use crate::content::activity::Activity;
use crate::content::postcodes_file::compact;
use crate::postcodes::{District, all, district, miles_between};

/// Districts get a page when an in-person activity is within this distance.
pub const RADIUS_MILES: f64 = 10.0;

/// The furthest a point is from its location rounded to 0.1° of latitude
/// and longitude, in Britain (half a diagonal, with room to spare).
const ROUNDING_MILES: f64 = 5.0;

/// Each district's page lists at most this many of the nearest activities,
/// so the number of pages and their size do not grow with the directory.
pub const NEAREST: usize = 30;

/// One district's page: the nearest activities, closest first.
#[derive(Debug, Clone)]
pub struct Near {
    pub district: &'static District,
    /// (activity id, miles), closest first, then by title order.
    pub activities: Vec<(String, f64)>,
    /// Activities whose `area_served` names this district (such as home
    /// visits), in title order, wherever they are based; never also in
    /// `activities`.
    pub covering: Vec<String>,
}

/// Where an in-person activity is: its venue's coordinates, else its
/// postcode's row in the site's `postcodes.csv`, else the centre of its
/// postcode district.
pub fn location(dir: &Directory, a: &Activity) -> Option<(f64, f64)> {
    venue_location(dir, a.venue.as_ref()?)
}

/// Where each of an activity's venues is, the first first.
pub fn locations(dir: &Directory, a: &Activity) -> Vec<(f64, f64)> {
    a.venue
        .iter()
        .chain(&a.more_venues)
        .filter_map(|v| venue_location(dir, v))
        .collect()
}

/// The activity's venue nearest `from`, for a district page to name the
/// place its distance is measured to.
pub fn nearest_venue<'a>(
    dir: &Directory,
    a: &'a Activity,
    from: (f64, f64),
) -> Option<&'a crate::content::common::Venue> {
    a.venue
        .iter()
        .chain(&a.more_venues)
        .filter_map(|v| Some((v, miles_between(from, venue_location(dir, v)?))))
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(v, _)| v)
}

fn venue_location(dir: &Directory, venue: &crate::content::common::Venue) -> Option<(f64, f64)> {
    if let Some(c) = venue.coordinates {
        return Some((c.latitude, c.longitude));
    }
    let postcode = venue.postcode.as_deref()?;
    if let Some(at) = dir.postcodes.get(&compact(postcode)) {
        return Some(*at);
    }
    district(postcode).map(|d| (d.latitude, d.longitude))
}

/// The districts near any listed in-person activity, each with its nearest
/// activities, in district order. `places` holds each listed activity's
/// `locations`, in listed order.
pub fn nearby(dir: &Directory, places: &[Vec<(f64, f64)>]) -> Vec<Near> {
    // Listed order is A to Z, which breaks ties in distance.
    // Every venue of each activity; its distance is to the nearest.
    let located: Vec<(&str, &[(f64, f64)])> = dir
        .index
        .listed
        .iter()
        .zip(places)
        .filter(|(_, at)| !at.is_empty())
        .map(|(id, at)| (id.as_str(), at.as_slice()))
        .collect();
    // Only districts close to where activities are can have anything near.
    // Test each district against the distinct activity locations rounded to
    // a tenth of a degree (a few dozen spots in a county), with a margin for
    // the rounding, rather than against every activity.
    let spots: BTreeSet<(i64, i64)> = located
        .iter()
        .flat_map(|(_, at)| at.iter())
        .map(|(lat, lon)| ((lat * 10.0).round() as i64, (lon * 10.0).round() as i64))
        .collect();
    // District code -> the activities whose `area_served` names it, A to Z.
    let mut covering: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for id in &dir.index.listed {
        if let Some(area) = dir.activities.get(id).and_then(|a| a.area_served.as_ref()) {
            for code in &area.districts {
                covering.entry(code.as_str()).or_default().push(id.as_str());
            }
        }
    }
    let mut districts: Vec<&'static District> = all()
        .filter(|d| d.is_a_place())
        .filter(|d| {
            covering.contains_key(d.code)
                || spots.iter().any(|(lat, lon)| {
                    let spot = (*lat as f64 / 10.0, *lon as f64 / 10.0);
                    miles_between((d.latitude, d.longitude), spot) <= RADIUS_MILES + ROUNDING_MILES
                })
        })
        .collect();
    districts.sort_by_key(|d| district_order(d.code));
    districts
        .into_par_iter()
        .filter_map(|d| {
            let here = (d.latitude, d.longitude);
            // (miles, position in A-to-Z order) for those in range; the
            // position breaks ties so the result does not depend on sorting.
            // Those covering the district are listed as such, not by distance.
            let covers = covering.get(d.code).map_or(&[][..], Vec::as_slice);
            let mut near: Vec<(f64, usize)> = located
                .iter()
                .enumerate()
                .filter(|(_, (id, _))| !covers.contains(id))
                .map(|(i, (_, at))| {
                    let nearest = at
                        .iter()
                        .filter(|p| !too_far_north_or_south(here, **p))
                        .map(|p| miles_between(here, *p))
                        .fold(f64::INFINITY, f64::min);
                    (nearest, i)
                })
                .filter(|(miles, _)| *miles <= RADIUS_MILES)
                .collect();
            let by_distance =
                |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
            if near.len() > NEAREST {
                near.select_nth_unstable_by(NEAREST, by_distance);
                near.truncate(NEAREST);
            }
            near.sort_by(by_distance);
            (!near.is_empty() || !covers.is_empty()).then(|| Near {
                district: d,
                covering: covers.iter().map(|id| id.to_string()).collect(),
                activities: near
                    .into_iter()
                    .map(|(miles, i)| (located[i].0.to_string(), miles))
                    .collect(),
            })
        })
        .collect()
}

/// Whether two points are further apart in latitude alone than
/// [`RADIUS_MILES`]: no path between them is shorter than the one along a
/// meridian, so they are out of range whatever their longitudes, which is
/// told without the trigonometry of a distance. The margin covers
/// rounding.
fn too_far_north_or_south(a: (f64, f64), b: (f64, f64)) -> bool {
    const MILES_PER_DEGREE: f64 = 3958.8 * std::f64::consts::PI / 180.0;
    (a.0 - b.0).abs() * MILES_PER_DEGREE > RADIUS_MILES * 1.001
}

/// Orders districts as people expect: NN2 before NN10.
pub fn district_order(code: &str) -> (String, u32, String) {
    let letters: String = code
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let rest = &code[letters.len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let suffix = rest[digits.len()..].to_string();
    (letters, digits.parse().unwrap_or(0), suffix)
}

/// "0.4 miles", "12 miles".
pub fn distance_text(miles: f64) -> String {
    if miles < 0.1 {
        "less than 0.1 miles".to_string()
    } else if miles < 9.95 {
        format!("{miles:.1} miles")
    } else {
        format!("{} miles", miles.round() as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_points_out_of_range_are_passed_over_by_latitude() {
        let here = (52.24, -0.90);
        for step in 0..400 {
            let lat = 51.9 + f64::from(step) * 0.002;
            for lon in [-0.9, -0.75, -1.2, -3.0] {
                let there = (lat, lon);
                if too_far_north_or_south(here, there) {
                    assert!(miles_between(here, there) > RADIUS_MILES, "{there:?}");
                }
            }
        }
        // Directly north, just inside and just outside the radius.
        assert!(!too_far_north_or_south(here, (here.0 + 0.144, here.1)));
        assert!(too_far_north_or_south(here, (here.0 + 0.146, here.1)));
    }

    #[test]
    fn districts_sort_by_number() {
        let mut codes = vec!["NN10", "NN2", "EC1A", "NN1", "EC1"];
        codes.sort_by_key(|c| district_order(c));
        assert_eq!(codes, ["EC1", "EC1A", "NN1", "NN2", "NN10"]);
    }

    #[test]
    fn distances_read_naturally() {
        assert_eq!(distance_text(0.04), "less than 0.1 miles");
        assert_eq!(distance_text(2.34), "2.3 miles");
        assert_eq!(distance_text(12.6), "13 miles");
        // Not "10.0 miles".
        assert_eq!(distance_text(9.96), "10 miles");
    }
}
