//! Commented starting points for new entries (`signpost new`). Each fills in
//! ids that exist in the site, so a fresh entry passes `check` at once and
//! its comments say what to change.

use chrono::NaiveDate;

use super::{Directory, Kind};

/// What a template needs from the site.
pub struct Fill {
    pub title: String,
    pub today: NaiveDate,
    pub organisation: String,
    pub pcn: String,
    pub category: String,
    pub feature: String,
    pub postcode: String,
}

impl Fill {
    /// Picks values from the site: its first organisation, PCN, category and
    /// accessibility feature, and a postcode already in use. Says what to
    /// add first when the kind needs something the site lacks.
    pub fn from_site(
        dir: &Directory,
        kind: Kind,
        title: &str,
        today: NaiveDate,
    ) -> Result<Fill, String> {
        let first = |ids: Vec<&String>| ids.first().map(|s| s.to_string()).unwrap_or_default();
        let organisation = first(dir.organisations.keys().collect());
        let pcn = first(dir.pcns.keys().collect());
        if kind == Kind::Activity && organisation.is_empty() {
            return Err("an activity belongs to an organisation, and there are none yet. Add one first: signpost new organisation \"Its name\"".into());
        }
        if matches!(kind, Kind::Job | Kind::Practice) && pcn.is_empty() {
            return Err(format!(
                "{} needs a PCN, and there are none yet. Add one first: signpost new pcn \"Its name\"",
                kind.noun()
            ));
        }
        let postcode = dir
            .example_postcode()
            .unwrap_or_else(|| "SW1A 1AA".to_string());
        Ok(Fill {
            title: title.to_string(),
            today,
            organisation,
            pcn,
            category: first(dir.site.categories.iter().map(|c| &c.id).collect()),
            feature: first(
                dir.site
                    .accessibility_features
                    .iter()
                    .map(|f| &f.id)
                    .collect(),
            ),
            postcode,
        })
    }
}

/// The template for `kind` filled in, or `None` for kinds made another way.
pub fn render(kind: Kind, fill: &Fill) -> Option<String> {
    let template = match kind {
        Kind::Activity => include_str!("templates/activity.yaml"),
        Kind::Organisation => include_str!("templates/organisation.yaml"),
        Kind::Job => include_str!("templates/job.yaml"),
        Kind::Practice => include_str!("templates/practice.yaml"),
        Kind::Pcn => include_str!("templates/pcn.yaml"),
        Kind::Page => return None,
    };
    // A JSON string is a valid YAML double-quoted scalar, so any title (with
    // colons, quotes or #) stays one value.
    let title = serde_json::to_string(&fill.title).unwrap_or_else(|_| "\"\"".into());
    let closes = crate::schedule::days_after(fill.today, 28);
    Some(
        template
            .replace("{{title}}", &title)
            .replace("{{today}}", &fill.today.to_string())
            .replace("{{closes}}", &closes.to_string())
            .replace("{{organisation}}", &fill.organisation)
            .replace("{{pcn}}", &fill.pcn)
            .replace("{{category}}", &fill.category)
            .replace("{{feature}}", &fill.feature)
            .replace("{{postcode}}", &fill.postcode)
            .replace("{{email}}", "hello@example.org"),
    )
}
