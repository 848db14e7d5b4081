//! One build of the preview: re-reading only the changed files and
//! re-rendering only the pages that show them, or the problems that stop
//! it, told with paths inside the site.

use std::path::{MAIN_SEPARATOR, Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;

use super::Files;
use super::files::Fresh;
use crate::content;
use crate::diagnostics::{Diagnostic, render_human};
use crate::render;

/// What one build produced: the site's files, or its problems.
pub enum Built {
    Site(Arc<Files>),
    Failed(Vec<Diagnostic>),
}

/// Keeps what the last build read and rendered, so the next one re-reads
/// only the files that changed and re-renders only the pages that show
/// them.
pub struct Builder {
    /// The site's folder, canonical.
    root: PathBuf,
    base_url: String,
    reader: Option<content::Reader>,
    rendering: Option<(render::theme::Theme, render::Renderer)>,
    /// The last good site.
    files: Arc<Files>,
    /// Its paths, summed up.
    paths: u64,
}

impl Builder {
    pub fn new(root: PathBuf, base_url: String) -> Builder {
        Builder {
            root,
            base_url,
            reader: None,
            rendering: None,
            files: Arc::new(Files::default()),
            paths: 0,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Builds after `changed` paths changed (`None`: the first build).
    pub fn build(&mut self, changed: Option<&[PathBuf]>, today: NaiveDate) -> Built {
        let started = Instant::now();
        if !self.root.join("content").is_dir() {
            return self.content_missing();
        }
        let themes = self.root.join("themes");
        let theme_changed = changed.is_none_or(|paths| {
            paths
                .iter()
                .any(|p| p.as_os_str().is_empty() || p.starts_with(&themes))
        });
        let entries: Option<Vec<PathBuf>> = changed.map(|paths| {
            paths
                .iter()
                .filter(|p| !p.starts_with(&themes))
                .cloned()
                .collect()
        });
        let update = match self.read(entries.as_deref(), today) {
            Ok(update) => update,
            Err(failed) => return failed,
        };
        if let Err(failed) = self.report(&update) {
            return failed;
        }
        let everything = matches!(update, content::Update::Everything);
        self.render(theme_changed, everything, today, started)
    }

    /// content/ was moved away or deleted (or never made): nothing can be
    /// read, and everything is read again once it is back.
    fn content_missing(&mut self) -> Built {
        self.reader = None;
        println!(
            "{}",
            if self.files.is_empty() {
                "Not built: there is no content/ folder. The preview builds by itself once there is."
            } else {
                "Not rebuilt: content/ is missing (moved away or deleted?). Still serving the last good site; it updates by itself once content/ is back."
            }
        );
        Built::Failed(vec![Diagnostic::file_error(
            "content/",
            "the content/ folder is missing: it was moved away or deleted",
            "Put content/ back (or undo the move); the preview picks it up again by itself.",
        )])
    }

    /// Brings the content up to date: only `entries` re-read when that is
    /// enough, or everything (`None`, or no earlier read).
    fn read(
        &mut self,
        entries: Option<&[PathBuf]>,
        today: NaiveDate,
    ) -> Result<content::Update, Built> {
        let update = match (&mut self.reader, entries) {
            (Some(reader), Some(entries)) => reader.update(entries, today),
            _ => content::Reader::open(&self.root, today).map(|s| {
                self.reader = Some(s);
                content::Update::Everything
            }),
        };
        let mut update = update.map_err(|e| {
            self.reader = None;
            let problem = self.in_site(Diagnostic::file_error(
                "content/",
                format!("{e:#}"),
                "Fix the problem; the last good site is still being served.",
            ));
            println!("Not rebuilt: {}", problem.message);
            Built::Failed(vec![problem])
        })?;
        if let (Some((_, renderer)), content::Update::Entries(keys, before)) =
            (&mut self.rendering, &mut update)
        {
            renderer.changed(keys, std::mem::take(before));
        }
        Ok(update)
    }

    /// Prints the problems this update is about, and fails when the
    /// content has errors.
    fn report(&self, update: &content::Update) -> Result<(), Built> {
        let reader = self.reader.as_ref().expect("read before");
        let diagnostics = reader.diagnostics();
        // After the first build, the terminal shows what this save is about:
        // the changed files' warnings, and every error.
        let shown: Vec<Diagnostic> = match (update, reader.directory()) {
            (content::Update::Entries(keys, _), Some(dir)) => {
                let files: Vec<&str> = keys.iter().map(|(k, id)| dir.file_of(*k, id)).collect();
                diagnostics
                    .iter()
                    .filter(|d| d.is_error() || files.contains(&d.file.as_str()))
                    .cloned()
                    .collect()
            }
            _ => diagnostics.clone(),
        };
        let shown: Vec<Diagnostic> = shown.into_iter().map(|d| self.in_site(d)).collect();
        print!("{}", render_human(&shown, &reader.sources(&shown)));
        let errors = crate::diagnostics::count_errors(&diagnostics);
        if errors == 0 && reader.directory().is_some() {
            return Ok(());
        }
        println!(
            "Not rebuilt: {errors} {} to fix. Still serving the last good site.",
            if errors == 1 { "error" } else { "errors" }
        );
        Err(Built::Failed(
            diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .map(|d| self.in_site(d))
                .collect(),
        ))
    }

    /// Renders the pages that changed into the last good site's files:
    /// with the theme read again after a change to it, and from scratch
    /// after a change to `everything` (site.yaml, the set of files).
    fn render(
        &mut self,
        theme_changed: bool,
        everything: bool,
        today: NaiveDate,
        started: Instant,
    ) -> Built {
        let Some(directory) = self.reader.as_ref().and_then(|s| s.directory()) else {
            return Built::Failed(Vec::new());
        };
        if theme_changed || everything || self.rendering.is_none() {
            let theme = match render::theme::load(&self.root, &directory.site.theme) {
                Ok(theme) => theme,
                Err(e) => return self.theme_failed(&directory.site.theme, e),
            };
            match &mut self.rendering {
                // Only the theme changed: what it does not draw is kept.
                Some((old, renderer)) if !everything => {
                    let redrawn = render::redrawn::redrawn(&old.templates, &theme.templates);
                    *old = theme;
                    renderer.theme_changed(redrawn.as_ref());
                }
                _ => self.rendering = Some((theme, render::Renderer::new(&self.base_url, today))),
            }
        }
        let (theme, renderer) = self.rendering.as_mut().expect("made above");
        let fresh = Fresh::default();
        let result = renderer.render(directory, theme, &fresh);
        let rendered = match result {
            Ok(rendered) => rendered,
            Err(e) => {
                // A template error: render everything again once it is fixed.
                let theme = directory.site.theme.clone();
                self.rendering = None;
                return self.theme_failed(&theme, e);
            }
        };
        let mut files = (*self.files).clone();
        files.extend(fresh.into_files());
        // Pages that are no longer part of the site go: looked for only
        // when the set of paths changed (summed up in any order).
        let hasher = foldhash::fast::FixedState::default();
        let paths = {
            use rayon::prelude::*;
            rendered
                .paths
                .par_iter()
                .map(|p| std::hash::BuildHasher::hash_one(&hasher, p))
                .reduce(|| 0, u64::wrapping_add)
        };
        if std::mem::replace(&mut self.paths, paths) != paths || files.len() != rendered.paths.len()
        {
            let keep: std::collections::HashSet<&str> =
                rendered.paths.iter().map(String::as_str).collect();
            files.retain(|path| keep.contains(path));
        }
        self.files = Arc::new(files);
        println!(
            "Built {} pages ({} rendered) in {} ms.",
            rendered.pages,
            rendered.changed,
            started.elapsed().as_millis()
        );
        Built::Site(self.files.clone())
    }

    fn theme_failed(&self, theme: &str, e: anyhow::Error) -> Built {
        // At the template's line and column when Tera says where.
        let problem = render::theme::template_problem(theme, &e).unwrap_or_else(|| {
            Diagnostic::file_error(
                &format!("themes/{theme}/"),
                format!("{e:#}"),
                "Fix the template; the last good site is still being served.",
            )
        });
        let problem = self.in_site(problem);
        println!("Not rebuilt: {}", problem.message);
        Built::Failed(vec![problem])
    }

    /// A problem as it is shown: files and messages name paths inside the
    /// site (`themes/x/…`), never the machine's folders, which the overlay
    /// would show to anyone shown the preview (or a screenshot of it).
    fn in_site(&self, mut problem: Diagnostic) -> Diagnostic {
        if self.root.parent().is_none() {
            return problem; // A site at / has no machine's folders to hide.
        }
        let root = self.root.to_string_lossy();
        let inside = format!("{root}{MAIN_SEPARATOR}");
        let relative = |text: &str| text.replace(&inside, "").replace(&*root, ".");
        problem.file = relative(&problem.file);
        problem.message = relative(&problem.message);
        problem.help = problem.help.as_deref().map(relative);
        problem
    }
}
