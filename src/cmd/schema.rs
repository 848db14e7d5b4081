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

    /// For Signpost's own docs: write the field tables of this Markdown
    /// file (docs/content-model.md) again from the fields' declarations.
    #[arg(long, value_name = "FILE", hide = true)]
    pub update_docs: Option<PathBuf>,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    if let Some(doc) = &args.update_docs {
        let text =
            std::fs::read_to_string(doc).with_context(|| format!("reading {}", doc.display()))?;
        let updated = signpost::fields::update_doc(&text, &schema::doc_tables())
            .map_err(|e| anyhow::anyhow!("{}: {e}", doc.display()))?;
        std::fs::write(doc, updated).with_context(|| format!("writing {}", doc.display()))?;
        super::say_line(format_args!("Wrote the field tables of {}.", doc.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
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
    write(&directory, &out, false)?;
    super::say_line(format_args!(
        "Wrote {} schemas to {}. Entries made with `signpost new` point to them, so editors such as VS Code (with the YAML extension) check and complete fields as you type.",
        schema::KINDS.len(),
        out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes each kind's schema into `out`; with `keep`, a file already there
/// is left as it is. Returns how many were written.
pub fn write(
    directory: &signpost::content::Directory,
    out: &std::path::Path,
    keep: bool,
) -> anyhow::Result<usize> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut written = 0;
    for (kind, schema) in schema::schemas(directory) {
        let path = out.join(format!("{kind}.schema.json"));
        if keep && std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        let text = serde_json::to_string_pretty(&schema)? + "\n";
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        written += 1;
    }
    Ok(written)
}
