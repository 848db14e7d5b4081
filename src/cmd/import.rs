//! `signpost import`: entries from lists a region already has.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use signpost::content::{self, Directory};
use signpost::import::{self, Summary, nhs};
use signpost::kind::Kind;

use super::SiteArgs;

#[derive(clap::Subcommand, Debug, Clone)]
pub enum Source {
    /// PCNs and GP practices from NHS England's ODS files: epraccur.csv
    /// (GP practices) and the ePCN workbook's "PCN Details" and "PCN Core
    /// Partner Details" sheets saved as CSV.
    Nhs(NhsArgs),
    /// Activities from a spreadsheet saved as CSV, one row per activity,
    /// through a mapping file that says which column holds what.
    Csv(CsvArgs),
    /// Organisations and activities from an Open Referral UK feed (1.0, or
    /// HSDS / ORUK 3.0): a file, or a web address whose pages are walked to
    /// the end.
    Openreferral(OpenReferralArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct OpenReferralArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// The feed: a JSON file, or the web address of its services list
    /// (like https://example.org/api/services). Give several for full
    /// `/services/{id}` documents saved as files.
    #[arg(value_name = "FILE|URL", required = true)]
    pub sources: Vec<String>,

    /// Which category each of the feed's taxonomy terms becomes (see
    /// docs/maintaining.md). Terms named as a category of site.yaml need
    /// no mapping; the rest are listed.
    #[arg(long, value_name = "MAPPING.yaml")]
    pub taxonomy: Option<PathBuf>,

    /// The name recorded as each entry's `source.system`, by which a
    /// re-import finds the entries it made. Give each feed its own.
    #[arg(long, value_name = "NAME", default_value = import::openreferral::DEFAULT_SYSTEM)]
    pub system: String,

    /// The organisation that runs the services the feed names none for
    /// (often the council that publishes it), by its name: one the
    /// directory has, or a new entry.
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,

    /// How long to wait for the feed to answer, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,

    /// Write the services that could be imported even when some could
    /// not; without it, a problem means nothing is written.
    #[arg(long)]
    pub partial: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CsvArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// The spreadsheet, saved as CSV with a heading row.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The mapping file: which column holds each field (see
    /// docs/maintaining.md).
    #[arg(long = "map", value_name = "MAPPING.yaml")]
    pub map: PathBuf,

    /// Write the rows that could be imported even when some could not;
    /// without it, a problem means nothing is written.
    #[arg(long)]
    pub partial: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(clap::Args, Debug, Clone)]
pub struct NhsArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// The GP practices: epraccur.csv as published (no header row, 27
    /// columns), or an extract with a header row.
    #[arg(long, value_name = "FILE")]
    pub practices: PathBuf,

    /// An ePCN sheet as CSV: the PCN details, and the core partners (which
    /// practice is in which PCN). Give --pcns once for each.
    #[arg(long, value_name = "FILE", required = true)]
    pub pcns: Vec<PathBuf>,

    /// Only the practices and PCNs of this commissioner (an ICB, or a CCG in
    /// older lists), by its code.
    #[arg(long, value_name = "CODE")]
    pub icb: Option<String>,

    /// Only this PCN and its practices, by its code (U followed by five
    /// digits); repeat for more.
    #[arg(long = "pcn", value_name = "CODE")]
    pub pcn: Vec<String>,

    /// Only the practices in this postcode area (the letters, like NN), and
    /// their PCNs.
    #[arg(long, value_name = "AREA")]
    pub postcode_area: Option<String>,

    /// Write the entries that could be imported even when some rows could
    /// not; without it, a problem means nothing is written.
    #[arg(long)]
    pub partial: bool,
}

pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    match &args.source {
        Source::Nhs(nhs) => run_nhs(nhs),
        Source::Csv(csv) => run_csv(csv),
        Source::Openreferral(oruk) => run_openreferral(oruk),
    }
}

/// The directory, when it loads without errors: an import must know every
/// entry there is.
fn directory(site: &SiteArgs) -> anyhow::Result<Directory> {
    let loaded = content::load(&site.root, site.today())?;
    let errors = loaded.error_count();
    let Some(directory) = loaded.directory else {
        anyhow::bail!("content/site.yaml could not be read; run `signpost check` to see why");
    };
    if errors > 0 {
        anyhow::bail!(
            "the directory has {errors} errors, and an import must know every entry there is. Run `signpost check`, fix them, then import again."
        );
    }
    Ok(directory)
}

/// Writes the planned entries, or says why nothing was written.
fn finish(
    root: &std::path::Path,
    planned: &[import::Planned],
    existing: &Files,
    mut summary: Summary,
    kinds: &[(Kind, &str)],
    partial: bool,
    noun: (&str, &str),
) -> anyhow::Result<ExitCode> {
    let writes = import::plan(planned, existing, &mut summary);
    let report = summary.render(kinds);
    if !summary.problems.is_empty() && !partial {
        let n = summary.rejected;
        super::say(format_args!(
            "{report}Nothing was written, as {n} {} could not be imported. Fix the file, or add --partial to write the rest.\n",
            if n == 1 { noun.0 } else { noun.1 }
        ))?;
        return Ok(ExitCode::from(1));
    }
    import::write(root, &writes).context("writing the entries")?;
    super::say(format_args!("{report}"))?;
    Ok(ExitCode::SUCCESS)
}

fn run_csv(args: &CsvArgs) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let directory = directory(&args.site)?;
    let map_text = std::fs::read_to_string(&args.map)
        .with_context(|| format!("reading {}", args.map.display()))?;
    let label = args.map.display().to_string();
    let Some(mapping) = decode_file(&label, &map_text, None, &args.site, |cx, node| {
        import::spreadsheet::Mapping::decode(cx, node)
    }) else {
        return Ok(ExitCode::from(1));
    };
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let mut summary = Summary::default();
    let planned = import::spreadsheet::plan(
        &args.file.display().to_string(),
        &text,
        &mapping,
        &directory,
        &mut summary,
    )
    .map_err(anyhow::Error::msg)?;
    let (existing, _) = existing(
        &directory,
        root,
        import::spreadsheet::codes(&directory, &mapping),
    )?;
    finish(
        root,
        &planned,
        &existing,
        summary,
        ORGANISATIONS_AND_ACTIVITIES,
        args.partial,
        ("row", "rows"),
    )
}

/// How imports of activities count what they wrote.
const ORGANISATIONS_AND_ACTIVITIES: &[(Kind, &str)] = &[
    (Kind::Organisation, "Organisations"),
    (Kind::Activity, "Activities"),
];

/// Decodes a mapping file, or prints its problems (each at its line) and
/// gives `None`.
fn decode_file<T>(
    label: &str,
    text: &str,
    site: Option<&signpost::config::Site>,
    args: &SiteArgs,
    decode: impl FnOnce(&mut signpost::decode::Cx, &signpost::yaml::Node) -> Option<T>,
) -> Option<T> {
    let (value, problems) = content::decode_other(label, text, site, args.today(), decode);
    let errors = problems
        .iter()
        .any(|d| d.severity == signpost::diagnostics::Severity::Error);
    if let (Some(value), false) = (value, errors) {
        return Some(value);
    }
    let sources = [(label.to_string(), text.to_string())]
        .into_iter()
        .collect();
    eprint!(
        "{}",
        signpost::diagnostics::render_human(&problems, &sources)
    );
    None
}

fn run_openreferral(args: &OpenReferralArgs) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let directory = directory(&args.site)?;
    let taxonomy = match &args.taxonomy {
        None => import::openreferral::Taxonomy::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let label = path.display().to_string();
            let Some(t) = decode_file(
                &label,
                &text,
                Some(&directory.site),
                &args.site,
                import::openreferral::Taxonomy::decode,
            ) else {
                return Ok(ExitCode::from(1));
            };
            t
        }
    };
    let fetched = import::feed::read(
        &args.sources,
        std::time::Duration::from_secs(args.timeout.max(1)),
    )
    .map_err(|e| anyhow::anyhow!("{e}\nNothing was written."))?;
    let mut summary = Summary::default();
    let mut findings = import::openreferral::Findings::default();
    let feed = import::openreferral::Feed {
        system: &args.system,
        taxonomy: &taxonomy,
        today: args.site.today(),
        publisher: args.organisation.as_deref(),
    };
    let planned = feed.plan(
        &fetched.services,
        fetched.complete,
        &directory,
        &mut summary,
        &mut findings,
    );
    let hint = match &args.taxonomy {
        Some(p) => format!("Add them to {} to give them one.", p.display()),
        None => {
            "Give them one with a mapping file and --taxonomy (see docs/maintaining.md).".into()
        }
    };
    findings.notes(&mut summary, &hint);
    if fetched.summaries > 0 {
        summary.note(format!(
            "{} {} no schedules, places, contacts or costs. If the feed's list gives only a summary of each service, import it from its web address, or import each full /services/{{id}} document, to bring those in",
            fetched.summaries,
            if fetched.summaries == 1 { "service has" } else { "services have" }
        ));
    }
    let read = format!(
        "Read {} {} from {} {}{}.\n",
        fetched.services.len(),
        if fetched.services.len() == 1 {
            "service"
        } else {
            "services"
        },
        fetched.pages,
        if fetched.pages == 1 { "page" } else { "pages" },
        match fetched.details {
            0 => String::new(),
            n => format!(" and {n} full service documents"),
        }
    );
    super::say(format_args!("{read}"))?;
    let (existing, _) = existing(
        &directory,
        root,
        import::openreferral::codes(&directory, &args.system),
    )?;
    finish(
        root,
        &planned,
        &existing,
        summary,
        ORGANISATIONS_AND_ACTIVITIES,
        args.partial,
        ("service", "services"),
    )
}

fn run_nhs(args: &NhsArgs) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let directory = directory(&args.site)?;
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
    };
    let mut lists = nhs::Lists::default();
    lists
        .add_practices(
            &args.practices.display().to_string(),
            &read(&args.practices)?,
        )
        .map_err(anyhow::Error::msg)?;
    for file in &args.pcns {
        lists
            .add_pcn_file(&file.display().to_string(), &read(file)?)
            .map_err(anyhow::Error::msg)?;
    }
    let narrow = nhs::Narrow {
        icb: args.icb.clone(),
        pcns: args.pcn.iter().map(|c| c.trim().to_uppercase()).collect(),
        postcode_area: args.postcode_area.clone(),
    };
    let codes = directory
        .pcns
        .values()
        .map(|p| (Kind::Pcn, p.code.clone(), p.id.clone()))
        .chain(
            directory
                .practices
                .values()
                .map(|p| (Kind::Practice, p.ods_code.clone(), p.id.clone())),
        );
    let (existing, ids) = existing(&directory, root, codes)?;
    let by_code = |kind: Kind, code: &str| ids.get(&(kind, code.to_string())).cloned();
    let taken = |kind: Kind, id: &str| match kind {
        Kind::Pcn => directory.pcns.contains_key(id),
        Kind::Practice => directory.practices.contains_key(id),
        _ => false,
    };
    let mut summary = Summary::default();
    let planned = lists.plan(&narrow, &by_code, &taken, &mut summary);
    finish(
        root,
        &planned,
        &existing,
        summary,
        &[(Kind::Pcn, "PCNs"), (Kind::Practice, "GP practices")],
        args.partial,
        ("row", "rows"),
    )
}

/// The entries already there that an import matches, given as (kind,
/// code, id): each one's file and text by (kind, code), for `plan` to
/// update, and its id by (kind, code).
type Files = BTreeMap<(Kind, String), (String, String)>;
type Ids = BTreeMap<(Kind, String), String>;

fn existing(
    dir: &Directory,
    root: &std::path::Path,
    codes: impl IntoIterator<Item = (Kind, String, String)>,
) -> anyhow::Result<(Files, Ids)> {
    let (mut files, mut ids) = (BTreeMap::new(), BTreeMap::new());
    for (kind, code, id) in codes {
        if files.contains_key(&(kind, code.clone())) {
            continue;
        }
        let rel = dir.file_of(kind, &id).to_string();
        let text =
            std::fs::read_to_string(root.join(&rel)).with_context(|| format!("reading {rel}"))?;
        files.insert((kind, code.clone()), (rel, text));
        ids.insert((kind, code), id);
    }
    Ok((files, ids))
}
