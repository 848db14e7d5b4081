//! One module per subcommand, plus the arguments they share.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod review;
pub mod schema;
pub mod search;
pub mod serve;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

/// Which site to work on, and as of when.
#[derive(Args, Debug, Clone)]
pub struct SiteArgs {
    /// The site's folder: the one holding content/ (and themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// The date to treat as today (YYYY-MM-DD), for review dates and job
    /// closing dates; defaults to the real date. Fixing it makes results
    /// reproducible.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<NaiveDate>,
}

impl SiteArgs {
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// A date of the years entries can hold (four digits), so every date
/// worked out from it stays inside the calendar.
pub(crate) fn parse_today(text: &str) -> Result<NaiveDate, String> {
    signpost::formats::date(text).map_err(|p| format!("{}. {}", p.message, p.help))
}

/// Leaves `value` for the operating system to take back when the command
/// exits, rather than freeing it piece by piece: a directory of 10,000
/// activities and its pages take tens of milliseconds to free, after the
/// command's work is done. For the one-shot commands only, never `serve`.
pub fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// Writes to standard output, returning the error instead of panicking
/// when it is closed (`signpost check | head`), so `main` can stop quietly.
pub fn say(text: std::fmt::Arguments) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_fmt(text)?;
    out.flush()
}

/// `say`, then a new line.
pub fn say_line(text: std::fmt::Arguments) -> std::io::Result<()> {
    say(format_args!("{text}\n"))
}
