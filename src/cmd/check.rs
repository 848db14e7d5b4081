//! `signpost check`: load and validate everything, print every problem.

use std::process::ExitCode;
use std::time::Instant;

use signpost::content;
use signpost::diagnostics::render_human;

use super::SiteArgs;

pub fn run(args: &SiteArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let loaded = content::load(&args.root, args.today())?;
    print!("{}", render_human(&loaded.diagnostics, &loaded.sources));
    let errors = loaded.error_count();
    let warnings = loaded.diagnostics.len() - errors;
    println!(
        "Checked {} {} in {} ms: {} {}, {} {}.",
        loaded.entry_count,
        plural(loaded.entry_count, "entry", "entries"),
        started.elapsed().as_millis(),
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
