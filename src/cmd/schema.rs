//! `signpost schema`: JSON Schemas for editors.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use signpost::{content, schema};

use super::SiteArgs;

#[derive(clap::Args, Debug, Clone)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// Where to write the schemas. [default: ROOT/schemas]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let loaded = content::load(&args.site.root, args.site.today())?;
    let errors = loaded.error_count();
    let Some(directory) = loaded.directory else {
        anyhow::bail!(
            "content/site.yaml could not be read, so the site's categories and features are unknown. Run `signpost check` to see why."
        );
    };
    if errors > 0 {
        super::say_line(format_args!(
            "Note: some entries have errors (see `signpost check`); their ids are left out of the schemas until they are fixed."
        ))?;
    }
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.site.root.join("schemas"));
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    for (kind, schema) in schema::schemas(&directory) {
        let path = out.join(format!("{kind}.schema.json"));
        let text = serde_json::to_string_pretty(&schema)? + "\n";
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    super::say_line(format_args!(
        "Wrote {} schemas to {}. Entries made with `signpost new` point to them, so editors such as VS Code (with the YAML extension) check and complete fields as you type.",
        schema::KINDS.len(),
        out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
