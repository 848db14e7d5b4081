//! `signpost check`: load and validate everything, print every problem.

use std::process::ExitCode;
use std::time::Instant;

use clap::ValueEnum;
use signpost::content;
use signpost::diagnostics::{render_github, render_human, render_json};

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
    match args.format {
        Format::Github => {
            super::say(format_args!("{}", render_github(&loaded.diagnostics)))?;
            return Ok(code);
        }
        Format::Json => {
            super::say(format_args!(
                "{}",
                render_json(&loaded.diagnostics, loaded.entry_count)
            ))?;
            return Ok(code);
        }
        Format::Human => super::say(format_args!(
            "{}",
            render_human(&loaded.diagnostics, &loaded.sources)
        ))?,
    }
    super::say_line(format_args!(
        "Checked {} {} in {} ms: {} {}, {} {}.",
        loaded.entry_count,
        plural(loaded.entry_count, "entry", "entries"),
        started.elapsed().as_millis(),
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
    ))?;
    Ok(code)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
