//! `signpost search`: runs a query as the site's search page does, over
//! the index a build would write, and prints the ranked results with their
//! scores, so a maintainer can see why something comes first.

use std::collections::{BTreeMap, HashMap};
use std::process::ExitCode;

use signpost::content;
use signpost::search::{self, query};

use super::SiteArgs;

#[derive(clap::Args, Debug, Clone)]
pub struct SearchArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// What to search for, as typed into the search box. Put a phrase in
    /// quotes to find its words side by side ('"support group"'), and a
    /// minus sign before a word to leave out what has it ("walk -dog").
    #[arg(value_name = "WORDS")]
    pub query: String,

    /// Sort by distance from this postcode or postcode district.
    #[arg(long, value_name = "POSTCODE")]
    pub near: Option<String>,

    /// A filter to tick, as FILTER=VALUE (like day=tuesday or cost=free);
    /// repeat for more.
    #[arg(long, value_name = "FILTER=VALUE")]
    pub filter: Vec<String>,

    /// Show at most this many results.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max: usize,
}

pub fn run(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let today = args.site.today();
    let loaded = content::load(&args.site.root, today)?;
    let Some(directory) = loaded.directory else {
        anyhow::bail!("content/site.yaml could not be read; run `signpost check` to see why");
    };
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &args.filter {
        let Some((id, value)) = f.split_once('=') else {
            anyhow::bail!("--filter {f}: write it as FILTER=VALUE, like --filter day=tuesday");
        };
        filters
            .entry(id.trim().to_string())
            .or_default()
            .push(value.trim().to_string());
    }
    let cards = vec![""; directory.index.listed.len()];
    let index = search::build(&directory, &cards);
    // A filter or value the page does not offer would be ignored there;
    // here it is a mistake to point out.
    for (id, values) in &filters {
        let Some(facet) = index.facets.iter().find(|f| f.id == id) else {
            let ids: Vec<&str> = index.facets.iter().map(|f| f.id).collect();
            anyhow::bail!(
                "there is no filter `{id}`; the filters are {}",
                ids.join(", ")
            );
        };
        for v in values {
            if !facet.values.iter().any(|x| &x.id == v) {
                let known: Vec<&str> = facet.values.iter().map(|x| x.id.as_str()).collect();
                anyhow::bail!(
                    "the filter `{id}` has no value `{v}`; its values are {}",
                    known.join(", ")
                );
            }
        }
    }
    let files: HashMap<String, Vec<u8>> = index.files.into_iter().collect();
    let engine = query::Engine::new(|path: &str| {
        files
            .get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    })
    .ok_or_else(|| anyhow::anyhow!("the search index could not be read"))?;
    let results = engine.search(&query::Query {
        q: args.query.clone(),
        near: args.near.clone(),
        filters,
    });
    let mut out = String::new();
    match &results.near {
        Some(query::Near::Format) => out.push_str(
            "The postcode is not written like a postcode, so results are not sorted by distance.\n",
        ),
        Some(query::Near::Unknown { code }) => out.push_str(&format!(
            "There is no postcode district {code}, so results are not sorted by distance.\n"
        )),
        _ => {}
    }
    let total = results.hits.len();
    out.push_str(&format!(
        "{total} {} found.\n",
        if total == 1 { "activity" } else { "activities" }
    ));
    for (n, hit) in results.hits.iter().take(args.max).enumerate() {
        let id = &directory.index.listed[hit.doc];
        let title = directory
            .activities
            .get(id)
            .map_or("", |a| a.title.as_str());
        let place = match (&hit.covers, hit.miles) {
            (Some(code), _) => format!(", covers {code}"),
            (None, Some(m)) if m.is_finite() => format!(", {m:.1} miles"),
            (None, Some(_)) => ", not at a venue".to_string(),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{:>3}. {title} ({id}): score {}{place}\n",
            n + 1,
            hit.score
        ));
    }
    super::say(format_args!("{out}"))?;
    Ok(ExitCode::SUCCESS)
}
