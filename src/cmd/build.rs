//! `signpost build`: check everything, render the site into a staging
//! folder, and swap it into place only if every step succeeded.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use signpost::content;
use signpost::diagnostics::render_human;
use signpost::formats;
use signpost::render::Steps;
use signpost::{output, render};

use super::SiteArgs;

#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// Where to write the site. It must be empty, new, or a folder an
    /// earlier build made: Signpost never replaces a folder of other files.
    /// [default: ROOT/site]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// The address the site will be published at, overriding `base_url` in
    /// content/site.yaml; may include a path, like https://example.org/directory/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut steps = Steps::default();

    let base_url = match &args.base_url {
        Some(url) => Some(
            formats::web_address(url)
                .map_err(|p| anyhow::anyhow!("--base-url: {}. {}", p.message, p.help))?,
        ),
        None => None,
    };
    let today = args.site.today();
    let loaded = steps.time("load and check", || content::load(&args.site.root, today))?;
    super::say(format_args!(
        "{}",
        render_human(&loaded.diagnostics, &loaded.sources)
    ))?;
    let errors = loaded.error_count();
    // The source texts were only kept for excerpts; free them before rendering.
    drop(loaded.sources);
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| args.site.root.join("site"));
    let directory = match loaded.directory {
        Some(directory) if errors == 0 => directory,
        _ => {
            super::say_line(format_args!(
                "Build stopped: {errors} {} to fix first. Nothing in {} was changed.",
                if errors == 1 { "error" } else { "errors" },
                target.display()
            ))?;
            return Ok(ExitCode::from(1));
        }
    };

    let staging = output::prepare(&target)?;
    let mut theme = steps.time("theme", || {
        render::theme::load(&args.site.root, &directory.site.theme)
    })?;
    let base_url = base_url.unwrap_or_else(|| directory.site.base_url.clone());
    let mut renderer = render::Renderer::once(&base_url, today);
    let rendered = renderer
        .render(&directory, &mut theme, &staging)
        .context("building the site")?;
    steps.0.extend(rendered.steps.0.iter().copied());
    steps.time("swap into place", || staging.commit())?;

    super::say_line(format_args!(
        "Built {} {}, {} pages and {} files in all into {} in {} ms ({}).",
        directory.activities.len(),
        if directory.activities.len() == 1 {
            "activity"
        } else {
            "activities"
        },
        rendered.pages,
        rendered.files,
        target.display(),
        started.elapsed().as_millis(),
        steps.summary(),
    ))?;
    super::leave((directory, theme, renderer));
    Ok(ExitCode::SUCCESS)
}
