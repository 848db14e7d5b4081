//! `signpost new KIND "Name"`: a commented template in the right folder,
//! with the right file name and today's review date. Never overwrites.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;
use signpost::content::template::{Fill, render};
use signpost::content::{self, Kind};

use super::SiteArgs;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    Activity,
    Organisation,
    Job,
    Practice,
    Pcn,
}

impl NewKind {
    fn kind(self) -> Kind {
        match self {
            NewKind::Activity => Kind::Activity,
            NewKind::Organisation => Kind::Organisation,
            NewKind::Job => Kind::Job,
            NewKind::Practice => Kind::Practice,
            NewKind::Pcn => Kind::Pcn,
        }
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct NewArgs {
    /// What to add.
    #[arg(value_enum)]
    pub kind: NewKind,

    /// Its name or title, like "Tuesday Walk and Talk". The file name is
    /// made from it.
    pub name: String,

    #[command(flatten)]
    pub site: SiteArgs,
}

pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let kind = args.kind.kind();
    let id = slug::slugify(&args.name);
    if id.is_empty() {
        bail!(
            "\"{}\" has no letters or digits to make a file name from; give it a name",
            args.name
        );
    }
    let today = args.site.today();
    let loaded = content::load(&args.site.root, today)?;
    let Some(directory) = loaded.directory else {
        bail!("content/site.yaml could not be read; run `signpost check` to see why");
    };
    if let Some(existing) = directory.files.get(&(kind, id.clone())) {
        bail!(
            "there is already {} with the id `{id}`, in {existing}. Edit that file, or choose another name.",
            kind.noun()
        );
    }
    let fill = Fill::from_site(&directory, kind, &args.name, today).map_err(anyhow::Error::msg)?;
    let text = render(kind, &fill).context("no template for this kind")?;
    let rel = format!("content/{}/{id}.yaml", kind.folder());
    let path = args.site.root.join(&rel);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating {}", folder.display()))?;
    }
    // create_new: never replace a file, even one made a moment ago.
    let mut file = std::fs::File::create_new(&path)
        .with_context(|| format!("{rel} already exists; edit it, or choose another name"))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {rel}"))?;
    super::say_line(format_args!(
        "Created {rel}. Fill it in, then run `signpost check`."
    ))?;
    Ok(ExitCode::SUCCESS)
}
