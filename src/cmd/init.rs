//! `signpost init`: starts a new directory.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use signpost::{content, init};

#[derive(clap::Args, Debug, Clone)]
pub struct InitArgs {
    /// The folder to start the directory in (made if it does not exist).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// The region the directory covers, as people say it, like
    /// "North Somerset".
    #[arg(long, value_name = "NAME")]
    pub region: String,

    /// Add the files that are missing to a folder that is not empty. No
    /// file is ever overwritten.
    #[arg(long)]
    pub force: bool,

    /// The date to treat as today (YYYY-MM-DD), for the example entries'
    /// review dates; defaults to the real date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_today)]
    pub today: Option<chrono::NaiveDate>,
}

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("making the folder {}", args.dir.display()))?;
    let created = match init::init(&args.dir, &args.region, today, args.force) {
        Ok(created) => created,
        Err(refused) => {
            eprintln!("error: {refused}");
            return Ok(ExitCode::from(2));
        }
    };
    // The schemas carry the new site's own ids, so they come from it.
    let loaded = content::load(&args.dir, today)?;
    let schemas = match &loaded.directory {
        Some(directory) => super::schema::write(directory, &args.dir.join("schemas"), true)?,
        None => 0,
    };
    let mut out = format!(
        "Started the {} Social Prescribing Directory in {}: {} and {schemas} schemas.\n",
        args.region.trim(),
        args.dir.display(),
        files(created.written.len()),
    );
    if !created.kept.is_empty() {
        out.push_str(&format!(
            "Kept {} that {} already there: {}.\n",
            files(created.kept.len()),
            if created.kept.len() == 1 {
                "was"
            } else {
                "were"
            },
            created
                .kept
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let errors = loaded.error_count();
    if errors > 0 {
        out.push_str(&format!(
            "The folder's files have {errors} problems: run `signpost check --root {}` to see them.\n",
            args.dir.display()
        ));
    }
    out.push_str(
        "Next: set base_url and contact_email in content/site.yaml, complete the parts in [square brackets] in content/pages/, replace the example organisation and activity, then run `signpost serve` to see the site. README.md says how organisations edit their entries.\n",
    );
    super::say(format_args!("{out}"))?;
    Ok(ExitCode::SUCCESS)
}

fn files(n: usize) -> String {
    format!("{n} {}", if n == 1 { "file" } else { "files" })
}
