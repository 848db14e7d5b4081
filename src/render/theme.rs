//! Themes: Tera templates and static files. The default theme is built into
//! the binary (so any site builds without copying it); a site can override
//! any single template or static file by putting its own copy under
//! `themes/<theme>/templates/` or `themes/<theme>/static/`.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use anyhow::{Context as _, bail};

/// The default theme, compiled in from `themes/default/`.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "activity.html",
        include_str!("../../themes/default/templates/activity.html"),
    ),
    (
        "listing.html",
        include_str!("../../themes/default/templates/listing.html"),
    ),
    (
        "pcn.html",
        include_str!("../../themes/default/templates/pcn.html"),
    ),
    (
        "pcns.html",
        include_str!("../../themes/default/templates/pcns.html"),
    ),
    (
        "practice.html",
        include_str!("../../themes/default/templates/practice.html"),
    ),
    (
        "practices.html",
        include_str!("../../themes/default/templates/practices.html"),
    ),
    (
        "organisation.html",
        include_str!("../../themes/default/templates/organisation.html"),
    ),
    (
        "organisations.html",
        include_str!("../../themes/default/templates/organisations.html"),
    ),
    (
        "categories.html",
        include_str!("../../themes/default/templates/categories.html"),
    ),
    (
        "jobs.html",
        include_str!("../../themes/default/templates/jobs.html"),
    ),
    (
        "job.html",
        include_str!("../../themes/default/templates/job.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "near.html",
        include_str!("../../themes/default/templates/near.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "my-list.html",
        include_str!("../../themes/default/templates/my-list.html"),
    ),
    (
        "data.html",
        include_str!("../../themes/default/templates/data.html"),
    ),
    (
        "sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
    (
        "atom.xml",
        include_str!("../../themes/default/templates/atom.xml"),
    ),
    (
        "partials/feedback.html",
        include_str!("../../themes/default/templates/partials/feedback.html"),
    ),
    (
        "partials/activity-card.html",
        include_str!("../../themes/default/templates/partials/activity-card.html"),
    ),
    (
        "partials/job-card.html",
        include_str!("../../themes/default/templates/partials/job-card.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../themes/default/templates/partials/pagination.html"),
    ),
    (
        "partials/breadcrumbs.html",
        include_str!("../../themes/default/templates/partials/breadcrumbs.html"),
    ),
    (
        "partials/venue.html",
        include_str!("../../themes/default/templates/partials/venue.html"),
    ),
    (
        "partials/review.html",
        include_str!("../../themes/default/templates/partials/review.html"),
    ),
    (
        "sitemap-index.xml",
        include_str!("../../themes/default/templates/sitemap-index.xml"),
    ),
    (
        "partials/urgent-help.html",
        include_str!("../../themes/default/templates/partials/urgent-help.html"),
    ),
];

const STATIC: &[(&str, &str)] = &[
    (
        "assets/style.css",
        include_str!("../../themes/default/static/assets/style.css"),
    ),
    (
        "assets/search.js",
        include_str!("../../themes/default/static/assets/search.js"),
    ),
    (
        "assets/directions.js",
        include_str!("../../themes/default/static/assets/directions.js"),
    ),
    (
        "assets/favicon.svg",
        include_str!("../../themes/default/static/assets/favicon.svg"),
    ),
    (
        "assets/list.js",
        include_str!("../../themes/default/static/assets/list.js"),
    ),
];

pub struct Theme {
    pub tera: tera::Tera,
    /// Static files to copy into the site: (site-relative path, contents).
    pub assets: Vec<(String, Vec<u8>)>,
    /// Each template's name and text, to tell what a change to the theme
    /// changes (`super::redrawn`).
    pub templates: Vec<(String, String)>,
}

/// Loads the named theme for the site at `root`: the built-in templates,
/// with the site's own files laid over them.
pub fn load(root: &Path, name: &str) -> anyhow::Result<Theme> {
    let root = &crate::site_fs::canonical_root(root)
        .with_context(|| format!("there is no folder {}", root.display()))?;
    let dir = root.join("themes").join(name);
    if name != "default" && !dir.is_dir() {
        bail!(
            "the theme `{name}` (set in content/site.yaml) has no folder at {}. Create it, or set `theme: default`.",
            dir.display()
        );
    }
    let mut templates: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (rel, bytes) in files_under(root, &dir.join("templates"))? {
        let text = String::from_utf8(bytes)
            .with_context(|| format!("themes/{name}/templates/{rel} is not UTF-8 text"))?;
        match templates.iter_mut().find(|(n, _)| *n == rel) {
            Some(slot) => slot.1 = text,
            None => templates.push((rel, text)),
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html"]);
    // XML templates escape each value with `| xml` (XML's rules: `&apos;`,
    // and no characters XML 1.0 forbids), not with HTML's.
    tera.register_filter("xml", |text: &str, _: tera::Kwargs, _: &tera::State| {
        crate::export::escape(text)
    });
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        // Kept as the error's cause, so `template_problem` can find its place.
        .map_err(|e| {
            anyhow::Error::new(e).context(format!("a template of the `{name}` theme has an error"))
        })?;

    let mut assets: Vec<(String, Vec<u8>)> = STATIC
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    for (rel, bytes) in files_under(root, &dir.join("static"))? {
        match assets.iter_mut().find(|(n, _)| *n == rel) {
            Some(slot) => slot.1 = bytes,
            None => assets.push((rel, bytes)),
        }
    }
    assets.sort();
    Ok(Theme {
        tera,
        assets,
        templates,
    })
}

/// Every file below `dir` as (path relative to `dir` with `/`, contents);
/// nothing when `dir` does not exist. Links are read only when they stay
/// inside the site's folder `root` (canonical) and end at a regular file;
/// any other link or special file fails the build, naming it.
fn files_under(root: &Path, dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(Vec::new());
    }
    let shown = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let refuse = |path: &Path, refused: crate::site_fs::Refused| {
        let (message, help) = refused.explain();
        anyhow::anyhow!("{}: {message}. {help}", shown(path))
    };
    if !dir.canonicalize()?.starts_with(root) {
        return Err(refuse(dir, crate::site_fs::Refused::Outside));
    }
    let mut out = Vec::new();
    let beneath = crate::site_fs::Root::new(root);
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_dir() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let (mut file, _) = beneath
            .open(entry.path())
            .map_err(|r| refuse(entry.path(), r))?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes)
            .with_context(|| format!("reading {}", shown(entry.path())))?;
        out.push((rel, bytes));
    }
    Ok(out)
}

/// A template error as a problem at its place in the template, when Tera
/// gives one (a syntax error, or an error while rendering): the theme's
/// file, line and column, and Tera's message.
pub fn template_problem(theme: &str, err: &anyhow::Error) -> Option<Diagnostic> {
    let report =
        err.chain()
            .find_map(|cause| match cause.downcast_ref::<tera::Error>()?.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    Some(report)
                }
                _ => None,
            })?;
    let span = report.span();
    let file = format!("themes/{theme}/templates/{}", report.filename());
    let width = if span.start_line == span.end_line {
        span.end_col.saturating_sub(span.start_col)
    } else {
        1
    };
    let problem = Diagnostic::file_error(
        &file,
        report.message(),
        "Fix the template; see the Tera documentation (keats.github.io/tera) for its syntax.",
    )
    .at(
        crate::yaml::Pos {
            line: span.start_line.max(1),
            column: span.start_col + 1,
        },
        width,
    );
    Some(problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_mistake_is_placed_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(
            templates.join("page.html"),
            "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title }</p>\n{% endblock %}\n",
        )
        .unwrap();
        let err = load(dir.path(), "default").err().expect("a syntax error");
        let problem = template_problem("default", &err).expect("a placed problem");
        assert_eq!(problem.file, "themes/default/templates/page.html");
        assert_eq!((problem.line, problem.column), (3, 18), "{problem:?}");
        assert!(!problem.message.is_empty());
    }

    #[test]
    fn a_rendering_mistake_is_placed_too() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(
            templates.join("extra.html"),
            "line one\n  {{ 1 / nothing }}\n",
        )
        .unwrap();
        let theme = load(dir.path(), "default").unwrap();
        let err = theme
            .tera
            .render("extra.html", &tera::Context::new())
            .map_err(|e| anyhow::Error::new(e).context("rendering"))
            .unwrap_err();
        let problem = template_problem("default", &err).expect("a placed problem");
        assert_eq!(problem.file, "themes/default/templates/extra.html");
        assert_eq!(problem.line, 2, "{problem:?}");
    }
}
