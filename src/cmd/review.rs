//! `signpost review`: entries past (or close to) their review date, grouped
//! by organisation with the email to chase.

use std::process::ExitCode;

use clap::ValueEnum;
use signpost::content;
use signpost::review::{self, Group};

use super::SiteArgs;

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// A list to read, grouped by organisation.
    #[default]
    Table,
    /// One row per entry, for a spreadsheet or mail merge.
    Csv,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// Also list entries whose review falls due within this many days.
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    pub within: u32,

    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let today = args.site.today();
    let loaded = content::load(&args.site.root, today)?;
    let Some(directory) = loaded.directory else {
        anyhow::bail!("content/site.yaml could not be read; run `signpost check` to see why");
    };
    let groups = review::due(&directory, today, args.within);
    match args.format {
        Format::Csv => super::say(format_args!("{}", review::csv(&groups)))?,
        Format::Table => super::say(format_args!("{}", table(&groups, today, args.within)))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn table(groups: &[Group], today: chrono::NaiveDate, within: u32) -> String {
    let count: usize = groups.iter().map(|g| g.entries.len()).sum();
    let horizon = if within == 0 {
        format!("as of {today}")
    } else {
        format!("as of {today}, or due within {within} days")
    };
    if count == 0 {
        return format!("No entries need reviewing {horizon}.\n");
    }
    let mut out = format!(
        "{count} {} to review {horizon}, from {} {}:\n",
        if count == 1 { "entry" } else { "entries" },
        groups.len(),
        if groups.len() == 1 {
            "organisation"
        } else {
            "organisations"
        },
    );
    for g in groups {
        out.push('\n');
        out.push_str(&g.organisation);
        if let Some(email) = &g.email {
            out.push_str(&format!(" <{email}>"));
        }
        out.push('\n');
        for e in &g.entries {
            out.push_str(&format!(
                "  {:<20} {}  (last reviewed {}, due {})\n    {}\n",
                review::status(e.days_overdue),
                e.title,
                e.last_reviewed,
                e.due,
                e.file
            ));
        }
    }
    out
}
