//! `signpost check`: load and validate everything, print every problem.

use std::process::ExitCode;
use std::time::Instant;

use clap::ValueEnum;
use signpost::content;
use signpost::diagnostics::{
    limit_per_kind, render_github, render_human, render_json, render_summary,
};

use super::SiteArgs;

/// How `check` reports problems.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// Each problem with the line it is on and what to do (for people).
    #[default]
    Human,
    /// GitHub Actions annotations, shown on the line of a pull request.
    Github,
    /// A JSON report for other tools (see docs/check-output.md).
    Json,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// How to report problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Instead of every problem, how many there are of each kind, with
    /// three examples of each: for a directory with thousands.
    #[arg(long)]
    pub summary: bool,

    /// Show at most N problems of each kind (the totals still count all).
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let loaded = content::load(&args.site.root, args.site.today())?;
    let errors = loaded.error_count();
    let warnings = loaded.diagnostics.len() - errors;
    let code = if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let totals = format!(
        "{} {}: {} {}, {} {}.",
        loaded.entry_count,
        plural(loaded.entry_count, "entry", "entries"),
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
    );
    if args.summary {
        super::say(format_args!("{}", render_summary(&loaded.diagnostics)))?;
        super::say_line(format_args!("Checked {totals}"))?;
        super::leave(loaded);
        return Ok(code);
    }
    let (shown, left_out) = match args.max {
        Some(max) => limit_per_kind(loaded.diagnostics.clone(), max),
        None => (loaded.diagnostics.clone(), 0),
    };
    let more = if left_out > 0 {
        format!(
            " {left_out} more {} not shown (--max {}).",
            plural(left_out, "problem is", "problems are"),
            args.max.unwrap_or(0)
        )
    } else {
        String::new()
    };
    match args.format {
        Format::Github => {
            super::say(format_args!("{}", render_github(&shown)))?;
            // A plain line, not an annotation: the log's last word.
            super::say_line(format_args!("Checked {totals}{more}"))?;
        }
        Format::Json => {
            super::say(format_args!("{}", render_json(&shown, loaded.entry_count)))?;
        }
        Format::Human => {
            super::say(format_args!("{}", render_human(&shown, &loaded.sources)))?;
            super::say_line(format_args!(
                "Checked {} in {} ms: {}{more}",
                totals.split_once(": ").map_or(totals.as_str(), |(e, _)| e),
                started.elapsed().as_millis(),
                totals.split_once(": ").map_or("", |(_, c)| c),
            ))?;
        }
    }
    super::leave(loaded);
    Ok(code)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
