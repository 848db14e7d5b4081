//! `signpost serve`: a live preview for editors.

use std::net::IpAddr;
use std::process::ExitCode;

use signpost::serve;

use super::SiteArgs;

#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// The port to serve on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,

    /// The address to listen on. Only this computer can see the preview
    /// unless you change it.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Open the preview in a web browser.
    #[arg(long)]
    pub open: bool,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    serve::run(&serve::Options {
        root: args.site.root.clone(),
        bind: args.bind,
        port: args.port,
        today: args.site.today,
        open: args.open,
    })?;
    Ok(ExitCode::SUCCESS)
}
