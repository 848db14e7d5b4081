//! The `signpost` command line. Thin: each subcommand lives in `cmd/`.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Signpost builds a fast, accessible social prescribing directory website
/// from a folder of plain YAML and Markdown entries.
#[derive(Parser)]
#[command(name = "signpost", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check everything, then build the website into site/ (or --output).
    ///
    /// The site is written to a staging folder and swapped into place only if
    /// the whole build succeeds: a failed build leaves the previous site as it
    /// was. Exit status: 0 built, 1 content errors (nothing written), 2 could
    /// not run.
    Build(cmd::build::BuildArgs),
    /// Check every entry and report all problems, without writing anything.
    ///
    /// Exit status: 0 when there are no errors (warnings are fine), 1 when
    /// there are errors, 2 when the check could not run.
    Check(cmd::check::CheckArgs),
    /// Bring in entries from lists the region already has: NHS England's
    /// lists of GP practices and PCNs, a spreadsheet of activities, or an
    /// Open Referral UK feed.
    /// Re-running updates what it wrote, never a field a person added, and
    /// never deletes a file.
    Import(cmd::import::ImportArgs),
    /// Start a new directory for a region: settings, the pages every
    /// public-sector directory needs, an example entry, the
    /// check-and-publish workflow, a README and the JSON Schemas. Never
    /// overwrites a file.
    Init(cmd::init::InitArgs),
    /// Start a new entry from a commented template, in the right folder with
    /// the right file name. Never overwrites a file.
    New(cmd::new::NewArgs),
    /// List entries past (or near) their review date, grouped by
    /// organisation with its email, so someone can chase updates.
    Review(cmd::review::ReviewArgs),
    /// Write JSON Schemas for each kind of entry (with this site's category,
    /// feature, PCN and organisation ids), so editors check entries as
    /// people type.
    Schema(cmd::schema::SchemaArgs),
    /// Search the directory as the site's search page does, and print the
    /// ranked results with their scores, to see why one comes first.
    Search(cmd::search::SearchArgs),
    /// Preview the site while you edit: build it, serve it at
    /// http://127.0.0.1:1111/, and rebuild and reload the browser on every
    /// save. Problems show over the page; the last good site stays up.
    Serve(cmd::serve::ServeArgs),
}

fn main() -> ExitCode {
    return_freed_memory();
    let cli = Cli::parse();
    if matches!(cli.command, Command::Serve(_)) {
        reuse_large_blocks();
    }
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Import(args) => cmd::import::run(&args),
        Command::Init(args) => cmd::init::run(&args),
        Command::New(args) => cmd::new::run(&args),
        Command::Review(args) => cmd::review::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
        Command::Search(args) => cmd::search::run(&args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe means the reader has what it wanted (`| head`):
        // stop quietly, as ripgrep does.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// glibc keeps memory that was freed for later, growing that reserve as
/// large blocks come and go; a build frees a lot as it goes (each page's
/// values once it is written). A fixed threshold of 128 KB hands it back:
/// the 10,000-activity build peaks at 248 MB instead of 291 MB, as fast.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a number glibc's allocator reads; called
    // first thing, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}

/// Setting the trim threshold also fixes the size from which glibc maps
/// each block from the system on its own (128 KB), handing it back when
/// freed. A preview's save makes and frees dozens of lists that size (one
/// entry for each activity), and faulting their pages in afresh every time
/// was a tenth of a save. Blocks up to 1 MB are taken from the heap
/// instead, and reused: at 10,000 activities, a save's median 82 → 74 ms
/// for about 7 MB more (4 × 12 saves in turn; 4 MB and 32 MB were no
/// faster, and kept more). Called before any other thread exists.
fn reuse_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: as in `return_freed_memory`: a number glibc's allocator
    // reads, set while there is one thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}
