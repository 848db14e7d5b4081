//! One module per subcommand, plus the arguments they share.

pub mod build;
pub mod check;
pub mod new;
pub mod review;
pub mod schema;
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
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

impl SiteArgs {
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}
