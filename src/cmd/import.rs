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
) -> anyhow::Result<ExitCode> {
    let writes = import::plan(planned, existing, &mut summary);
    let report = summary.render(kinds);
    if !summary.problems.is_empty() && !partial {
        let n = summary.rejected;
        super::say(format_args!(
            "{report}Nothing was written, as {n} {} could not be imported. Fix the file, or add --partial to write the rest.\n",
            if n == 1 { "row" } else { "rows" }
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
    let (mapping, problems) =
        content::decode_other(&label, &map_text, args.site.today(), |cx, node| {
            import::spreadsheet::Mapping::decode(cx, node)
        });
    let errors = problems
        .iter()
        .any(|d| d.severity == signpost::diagnostics::Severity::Error);
    let (Some(mapping), false) = (mapping, errors) else {
        let sources = [(label.clone(), map_text.clone())].into_iter().collect();
        eprint!(
            "{}",
            signpost::diagnostics::render_human(&problems, &sources)
        );
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
        &[
            (Kind::Organisation, "Organisations"),
            (Kind::Activity, "Activities"),
        ],
        args.partial,
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
