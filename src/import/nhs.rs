//! NHS England's Organisation Data Service lists of GP practices
//! (`epraccur.csv`: no header row, 27 columns) and Primary Care Networks
//! (the ePCN workbook's "PCN Details" and "PCN Core Partner Details"
//! sheets, saved as CSV), to PCN and practice entries.
//!
//! A simplified practices extract with a header row (`ods_code,name,
//! address_1,…,pcn_code`) is read too.

use std::collections::{BTreeMap, BTreeSet};

use super::names::{address, proper_case};
use super::{Planned, Summary, Value};
use crate::kind::Kind;

/// epraccur's columns (0-based), from NHS England's ODS documentation.
mod col {
    pub const CODE: usize = 0;
    pub const NAME: usize = 1;
    pub const ADDRESS: std::ops::Range<usize> = 4..9;
    pub const POSTCODE: usize = 9;
    pub const CLOSE_DATE: usize = 11;
    pub const STATUS: usize = 12;
    pub const COMMISSIONER: usize = 14;
    pub const PHONE: usize = 17;
    pub const SETTING: usize = 25;
}

/// Which entries to import.
#[derive(Debug, Default, Clone)]
pub struct Narrow {
    /// The commissioner (ICB, or CCG in older lists) of the practice or PCN.
    pub icb: Option<String>,
    pub pcns: Vec<String>,
    /// Postcode area, like `NN`.
    pub postcode_area: Option<String>,
}

#[derive(Debug, Clone)]
struct Practice {
    row: usize,
    code: String,
    name: String,
    address: String,
    postcode: String,
    phone: String,
    active: bool,
    gp: bool,
    commissioner: String,
    /// From a simplified extract, which names it.
    pcn: Option<String>,
}

#[derive(Debug, Clone)]
struct Pcn {
    row: usize,
    code: String,
    name: String,
    commissioner: String,
    address: String,
    postcode: String,
    open: bool,
}

/// What was read from the files.
#[derive(Debug, Default)]
pub struct Lists {
    practices: Vec<Practice>,
    pcns: Vec<Pcn>,
    /// Practice code → PCN code, current memberships only.
    members: BTreeMap<String, String>,
}

fn records(label: &str, text: &str) -> Result<Vec<csv::StringRecord>, String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{label}: {e}"))
}

impl Lists {
    /// Reads a practices file (`label` names it in messages).
    pub fn add_practices(&mut self, label: &str, text: &str) -> Result<(), String> {
        let rows = records(label, text)?;
        let header = rows
            .first()
            .map(|r| r.get(0).unwrap_or("").trim().to_lowercase());
        if header.as_deref() == Some("ods_code") {
            // The simplified extract: named columns.
            let names: Vec<String> = rows[0].iter().map(|h| h.trim().to_lowercase()).collect();
            let at = |name: &str| {
                names
                    .iter()
                    .position(|n| n == name)
                    .ok_or_else(|| format!("{label}: there is no `{name}` column"))
            };
            let (code, name, postcode, phone) =
                (at("ods_code")?, at("name")?, at("postcode")?, at("phone")?);
            let lines: Vec<usize> = ["address_1", "address_2", "address_3", "county"]
                .iter()
                .filter_map(|n| at(n).ok())
                .collect();
            let (ccg, pcn) = (at("ccg_code").ok(), at("pcn_code").ok());
            for (i, r) in rows.iter().enumerate().skip(1) {
                let get = |c: usize| r.get(c).unwrap_or("").trim().to_string();
                let lines: Vec<String> = lines.iter().map(|c| get(*c)).collect();
                let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                self.practices.push(Practice {
                    row: i + 1,
                    code: get(code),
                    name: proper_case(&get(name)),
                    address: address(&lines),
                    postcode: get(postcode),
                    phone: get(phone),
                    active: true,
                    gp: true,
                    commissioner: ccg.map(get).unwrap_or_default(),
                    pcn: pcn.map(get).filter(|p| !p.is_empty()),
                });
            }
            return Ok(());
        }
        for (i, r) in rows.iter().enumerate() {
            if r.len() < 26 {
                return Err(format!(
                    "{label}, row {}: {} columns, where epraccur.csv has 27. Is this the practices file?",
                    i + 1,
                    r.len()
                ));
            }
            let get = |c: usize| r.get(c).unwrap_or("").trim().to_string();
            let lines: Vec<String> = col::ADDRESS.map(get).collect();
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            self.practices.push(Practice {
                row: i + 1,
                code: get(col::CODE),
                name: proper_case(&get(col::NAME)),
                address: address(&lines),
                postcode: get(col::POSTCODE),
                phone: get(col::PHONE),
                active: get(col::STATUS) == "A" && get(col::CLOSE_DATE).is_empty(),
                gp: get(col::SETTING) == "4",
                commissioner: get(col::COMMISSIONER),
                pcn: None,
            });
        }
        Ok(())
    }

    /// Reads an ePCN sheet: PCN details, or the core partners (which
    /// practice is in which PCN), told apart by their headings.
    pub fn add_pcn_file(&mut self, label: &str, text: &str) -> Result<(), String> {
        let rows = records(label, text)?;
        let Some(head) = rows.first() else {
            return Err(format!("{label} is empty"));
        };
        let names: Vec<String> = head.iter().map(|h| h.trim().to_lowercase()).collect();
        let at = |name: &str| names.iter().position(|n| n.starts_with(name));
        if let (Some(partner), Some(pcn)) = (at("partner organisation code"), at("pcn code")) {
            let end = at("practice to pcn relationship end date");
            for r in rows.iter().skip(1) {
                let get = |c: usize| r.get(c).unwrap_or("").trim().to_string();
                if end.is_some_and(|e| !get(e).is_empty()) {
                    continue;
                }
                self.members.insert(get(partner), get(pcn));
            }
            return Ok(());
        }
        let (Some(code), Some(name)) = (at("pcn code"), at("pcn name")) else {
            return Err(format!(
                "{label}: neither the PCN details (a `PCN Code` and `PCN Name` column) nor the core partners (`Partner Organisation Code`)"
            ));
        };
        let ccg = at("current clinical commissioning group code")
            .or(at("current sub-icb"))
            .or(at("current icb"));
        let close = at("close date");
        let postcode = at("postcode");
        let lines: Vec<usize> = (1..=5)
            .filter_map(|n| at(&format!("address line {n}")))
            .collect();
        for (i, r) in rows.iter().enumerate().skip(1) {
            let get = |c: usize| r.get(c).unwrap_or("").trim().to_string();
            let address_lines: Vec<String> = lines.iter().map(|c| get(*c)).collect();
            let address_lines: Vec<&str> = address_lines.iter().map(String::as_str).collect();
            self.pcns.push(Pcn {
                row: i + 1,
                code: get(code),
                name: proper_case(&get(name)),
                commissioner: ccg.map(get).unwrap_or_default(),
                address: address(&address_lines),
                postcode: postcode.map(get).unwrap_or_default(),
                open: close.is_none_or(|c| get(c).is_empty()),
            });
        }
        Ok(())
    }

    /// The entries to write, each PCN before its practices, in code order
    /// (so the same files give the same entries), and what was left out.
    /// `taken` says whether an id is used by another entry of a kind.
    pub fn plan(
        &self,
        narrow: &Narrow,
        existing_ids: &dyn Fn(Kind, &str) -> Option<String>,
        taken: &dyn Fn(Kind, &str) -> bool,
        summary: &mut Summary,
    ) -> Vec<Planned> {
        let area = |postcode: &str| -> String {
            postcode
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_uppercase()
        };
        let pcn_of = |p: &Practice| p.pcn.clone().or_else(|| self.members.get(&p.code).cloned());
        let mut practices: Vec<&Practice> = Vec::new();
        for p in &self.practices {
            if !p.active {
                summary.skip("closed or inactive practices");
                continue;
            }
            if !p.gp {
                summary.skip("not GP practices (prescribing setting other than 4)");
                continue;
            }
            let pcn = pcn_of(p);
            let wanted = narrow
                .icb
                .as_ref()
                .is_none_or(|c| c.eq_ignore_ascii_case(&p.commissioner))
                && (narrow.pcns.is_empty()
                    || pcn.as_ref().is_some_and(|c| narrow.pcns.contains(c)))
                && narrow
                    .postcode_area
                    .as_ref()
                    .is_none_or(|a| a.eq_ignore_ascii_case(&area(&p.postcode)));
            if !wanted {
                summary.skip("outside the practices asked for");
                continue;
            }
            practices.push(p);
        }
        let in_use: BTreeSet<String> = practices.iter().filter_map(|p| pcn_of(p)).collect();
        let mut pcns: Vec<&Pcn> = self
            .pcns
            .iter()
            .filter(|n| {
                if !n.open {
                    summary.skip("closed PCNs");
                    return false;
                }
                let wanted = in_use.contains(&n.code)
                    || (narrow.pcns.contains(&n.code))
                    || (narrow.pcns.is_empty()
                        && narrow.postcode_area.is_none()
                        && narrow
                            .icb
                            .as_ref()
                            .is_none_or(|c| c.eq_ignore_ascii_case(&n.commissioner)));
                if !wanted {
                    summary.skip("outside the PCNs asked for");
                }
                wanted
            })
            .collect();
        pcns.sort_by(|a, b| a.code.cmp(&b.code));
        practices.sort_by(|a, b| a.code.cmp(&b.code));

        let mut planned = Vec::new();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        let mut used: BTreeSet<(Kind, String)> = BTreeSet::new();
        let mut id_for = |kind: Kind, code: &str, name: &str| -> String {
            if let Some(id) = existing_ids(kind, code) {
                return id;
            }
            let base = slug::slugify(name);
            let mut id = base.clone();
            if taken(kind, &id) || used.contains(&(kind, id.clone())) {
                id = format!("{base}-{}", code.to_lowercase());
            }
            used.insert((kind, id.clone()));
            id
        };
        for n in &pcns {
            let mut fields = vec![
                ("name", Value::Text(n.name.clone())),
                ("code", Value::Plain(n.code.clone())),
            ];
            if !n.address.is_empty() {
                fields.push(("address", Value::Text(n.address.clone())));
            }
            match crate::formats::postcode(&n.postcode) {
                Ok(pc) => fields.push(("postcode", Value::Plain(pc))),
                Err(_) if n.postcode.is_empty() => {}
                Err(e) => {
                    summary
                        .problems
                        .push(format!("PCN {} (row {}): {}", n.code, n.row, e.message));
                    summary.rejected += 1;
                    continue;
                }
            }
            let id = id_for(Kind::Pcn, &n.code, &n.name);
            ids.insert(n.code.clone(), id.clone());
            planned.push(Planned {
                kind: Kind::Pcn,
                code: n.code.clone(),
                id,
                fields,
            });
        }
        for p in practices {
            // A practice in no PCN of the lists is written without one (its
            // page says so), rather than left out.
            let pcn = match pcn_of(p) {
                None => {
                    summary.note(format!(
                        "practice {} ({}) is in no PCN of the PCN files, so its entry has no `pcn`",
                        p.code, p.name
                    ));
                    None
                }
                Some(c) => match ids.get(&c).cloned().or_else(|| existing_ids(Kind::Pcn, &c)) {
                    Some(id) => Some(id),
                    None => {
                        summary.skip("practices whose PCN is not being imported");
                        continue;
                    }
                },
            };
            let checked = crate::formats::postcode(&p.postcode)
                .and_then(|pc| Ok((pc, crate::formats::uk_phone(&p.phone)?)));
            let (postcode, phone) = match checked {
                Ok(both) => both,
                Err(e) => {
                    summary.problems.push(format!(
                        "practice {} (row {}): {}",
                        p.code, p.row, e.message
                    ));
                    summary.rejected += 1;
                    continue;
                }
            };
            let id = id_for(Kind::Practice, &p.code, &p.name);
            planned.push(Planned {
                kind: Kind::Practice,
                code: p.code.clone(),
                id,
                fields: vec![
                    ("name", Value::Text(p.name.clone())),
                    ("ods_code", Value::Plain(p.code.clone())),
                    ("pcn", pcn.map_or(Value::Absent, Value::Plain)),
                    ("address", Value::Text(p.address.clone())),
                    ("postcode", Value::Plain(postcode)),
                    ("phone", Value::Text(phone)),
                ],
            });
        }
        planned
    }
}
