//! NHS lists write names and addresses in capitals ("ABBEY HOUSE SURGERY,
//! GOLDING CLOSE"); people read them in proper case ("Abbey House Surgery,
//! Golding Close").

/// Written in capitals wherever they are: initialisms.
const CAPITALS: &[&str] = &["PCN", "NHS", "GP", "CCG", "ICB", "UK", "MC", "HC", "LLP"];
/// Abbreviations with no vowels that are still words, written "Dr", "Rd".
const WORDS: &[&str] = &[
    "DR", "ST", "RD", "CTR", "CNTR", "CNT", "NTH", "STH", "MR", "MRS", "MS", "LN", "CL", "SQ",
    "PL", "MT", "CT",
];
/// Written in lower case but at the start.
const SMALL: &[&str] = &["AND", "OF", "IN", "ON", "AT", "FOR"];

/// "DR KUMAR & PARTNER STUDFALL MEDICAL CTR" → "Dr Kumar & Partner Studfall
/// Medical Ctr"; "MMWF PCN" and "M-WEB PCN" keep their capitals.
pub fn proper_case(text: &str) -> String {
    text.split_whitespace()
        .enumerate()
        .map(|(i, w)| word(w, i == 0))
        .collect::<Vec<_>>()
        .join(" ")
}

fn word(w: &str, first: bool) -> String {
    // A letter joined to a word by a hyphen is a name's initial: M-WEB.
    if w.contains('-') && w.split('-').any(|p| p.chars().count() == 1) {
        return w.to_uppercase();
    }
    if !first && SMALL.contains(&w.to_uppercase().as_str()) {
        return w.to_lowercase();
    }
    let mut out = String::new();
    let mut part = String::new();
    for c in w.chars() {
        if c == '/' || c == '-' {
            out.push_str(&part_case(&part));
            out.push(c);
            part.clear();
        } else {
            part.push(c);
        }
    }
    out.push_str(&part_case(&part));
    out
}

fn part_case(p: &str) -> String {
    if p.chars().any(|c| c.is_ascii_digit()) {
        return p.to_uppercase();
    }
    let core: String = p
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_uppercase();
    let vowels = core.chars().any(|c| "AEIOUY".contains(c));
    if CAPITALS.contains(&core.as_str())
        || (core.chars().count() >= 2 && !vowels && !WORDS.contains(&core.as_str()))
    {
        return p.to_uppercase();
    }
    let mut chars = p.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// England's ceremonial and postal counties: an address's last part when
/// it is one of these is left out, as the postcode says where it is.
const COUNTIES: &[&str] = &[
    "AVON",
    "BEDFORDSHIRE",
    "BERKSHIRE",
    "BRISTOL",
    "BUCKINGHAMSHIRE",
    "CAMBRIDGESHIRE",
    "CHESHIRE",
    "CLEVELAND",
    "CORNWALL",
    "CUMBRIA",
    "DERBYSHIRE",
    "DEVON",
    "DORSET",
    "DURHAM",
    "COUNTY DURHAM",
    "EAST SUSSEX",
    "EAST YORKSHIRE",
    "ESSEX",
    "GLOUCESTERSHIRE",
    "GREATER LONDON",
    "GREATER MANCHESTER",
    "HAMPSHIRE",
    "HEREFORDSHIRE",
    "HERTFORDSHIRE",
    "ISLE OF WIGHT",
    "KENT",
    "LANCASHIRE",
    "LEICESTERSHIRE",
    "LINCOLNSHIRE",
    "MERSEYSIDE",
    "MIDDLESEX",
    "NORFOLK",
    "NORTH YORKSHIRE",
    "NORTHAMPTONSHIRE",
    "NORTHUMBERLAND",
    "NOTTINGHAMSHIRE",
    "OXFORDSHIRE",
    "RUTLAND",
    "SHROPSHIRE",
    "SOMERSET",
    "SOUTH YORKSHIRE",
    "STAFFORDSHIRE",
    "SUFFOLK",
    "SURREY",
    "TYNE AND WEAR",
    "WARWICKSHIRE",
    "WEST MIDLANDS",
    "WEST SUSSEX",
    "WEST YORKSHIRE",
    "WILTSHIRE",
    "WORCESTERSHIRE",
];

/// Address lines as the NHS lists give them (some blank, some "0", some
/// holding two parts: "TONMEAD RD,LUMBERTUBS"), as one line in proper
/// case without the county.
pub fn address(lines: &[&str]) -> String {
    let mut parts: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "0")
        .collect();
    if parts
        .last()
        .is_some_and(|p| COUNTIES.contains(&p.to_uppercase().as_str()))
    {
        parts.pop();
    }
    parts
        .iter()
        .map(|p| proper_case(p))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_people_write_them() {
        for (nhs, read) in [
            (
                "ST LUKES PRIMARY CARE CENTRE",
                "St Lukes Primary Care Centre",
            ),
            (
                "WOLLASTON AND BOZEAT SURGERIES",
                "Wollaston and Bozeat Surgeries",
            ),
            ("LEICESTER TCE H/CARE CTR.", "Leicester Tce H/Care Ctr."),
            (
                "MAPLE ACCESS PARTNERSHIP LLP",
                "Maple Access Partnership LLP",
            ),
            ("DR OLIVER DK", "Dr Oliver DK"),
            ("M-WEB PCN", "M-WEB PCN"),
            ("MMWF PCN", "MMWF PCN"),
            ("51A BEECH AVENUE", "51A Beech Avenue"),
        ] {
            assert_eq!(proper_case(nhs), read);
        }
        assert_eq!(
            address(&[
                "WOODSEND MEDICAL CENTRE",
                "SCHOOL PLACE",
                "",
                "CORBY, NORTHAMPTONSHIRE",
                ""
            ]),
            "Woodsend Medical Centre, School Place, Corby"
        );
        assert_eq!(
            address(&["TIMKEN WAY SOUTH", "DUSTON", "", "NORTHAMPTON", "0"]),
            "Timken Way South, Duston, Northampton"
        );
    }
}
