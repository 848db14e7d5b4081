//! The library's modules form layers that only point down (see
//! docs/architecture.md): each may use only the modules before it in
//! `ORDER`. This reads the source, so a new import that reaches up fails
//! here, naming the file.

use crate::common::repo;

/// Bottom to top. Text and decoding; the domain; the build's steps; the
/// output folder; the preview server. The commands (`src/cmd/`, in the
/// binary) sit on top of all of them.
const ORDER: &[&str] = &[
    // text and decoding
    "yaml",
    "suggest",
    "diagnostics",
    "formats",
    "kind",
    "fields",
    "markdown",
    "site_fs",
    "packed",
    "decode",
    // domain
    "schedule",
    "config",
    "postcodes",
    "content",
    // steps, in the order a build runs them
    "places",
    "routes",
    "present",
    "search",
    "export",
    "render",
    "review",
    "schema",
    "init",
    "import",
    // output and the preview
    "output",
    "serve",
];

/// The crate's top-level modules that `text` names (`crate::x`, or
/// `use crate::{x, …}`), leaving out comments and test modules.
fn used(text: &str) -> Vec<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out.retain(|n| !n.is_empty() && n != "self");
    out
}

#[test]
fn no_module_uses_one_above_it() {
    let src = repo().join("src");
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path.strip_prefix(&src).unwrap();
        let Some(first) = rel.components().next() else {
            continue;
        };
        let module = first.as_os_str().to_string_lossy().replace(".rs", "");
        if !entry.file_type().is_file()
            || path.extension().is_none_or(|e| e != "rs")
            || ["main", "lib", "cmd"].contains(&module.as_str())
        {
            continue;
        }
        seen.insert(module.clone());
        let Some(me) = ORDER.iter().position(|m| *m == module) else {
            problems.push(format!(
                "src/{}: module `{module}` is not in ORDER",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in used(&text) {
            if used == module {
                continue;
            }
            match ORDER.iter().position(|m| *m == used) {
                Some(it) if it < me => {}
                Some(_) => problems.push(format!(
                    "src/{} uses `{used}`, which is above `{module}`",
                    rel.display()
                )),
                None => problems.push(format!(
                    "src/{} uses `{used}`, which is not in ORDER",
                    rel.display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every layer named is a real module, so the list cannot go stale.
    for module in ORDER {
        assert!(
            seen.contains(*module),
            "ORDER names `{module}`, not in src/"
        );
    }
}

#[test]
fn the_reader_of_imports_finds_them() {
    let text = "use crate::content::Directory;\nuse crate::{formats, yaml::Pos};\n// crate::render in a comment\nfn f() { crate::schedule::days_after(); }\n#[cfg(test)]\nmod tests { use crate::serve; }\n";
    assert_eq!(used(text), ["content", "formats", "yaml", "schedule"]);
}
