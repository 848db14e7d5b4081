//! The example GitHub Actions workflow in `docs/examples/` stays usable: it is
//! YAML that Signpost's own parser reads, it runs on the right events with
//! the right permissions, and every `signpost` command in it is accepted by
//! the real binary and succeeds on a real site. The YAML examples in
//! `docs/contributing.md` are checked too, so volunteers never copy one that
//! fails.

use crate::common;

use std::collections::BTreeMap;

use common::{Site, TODAY, repo};
use signpost::yaml::{self, Node, Value};

const WORKFLOW: &str = "docs/examples/check-and-publish.yml";

/// What the `${{ … }}` expressions in the `env:` of steps running
/// `signpost` stand for in these tests.
const EXPRESSIONS: &[(&str, &str)] = &[(
    "steps.pages.outputs.base_url",
    "https://your-org.github.io/directory",
)];

fn workflow() -> Node {
    let text = std::fs::read_to_string(repo().join(WORKFLOW)).expect("read the workflow");
    yaml::parse(&text).unwrap_or_else(|e| panic!("{WORKFLOW} is not YAML Signpost can read: {e:?}"))
}

fn entries(node: &Node) -> &[(yaml::Key, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        other => panic!(
            "expected a mapping at line {}, got {other:?}",
            node.pos.line
        ),
    }
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    entries(node)
        .iter()
        .find(|(k, _)| k.name == key)
        .map(|(_, v)| v)
}

#[track_caller]
fn field<'a>(node: &'a Node, key: &str) -> &'a Node {
    get(node, key).unwrap_or_else(|| panic!("no `{key}` in the mapping at line {}", node.pos.line))
}

#[track_caller]
fn text(node: &Node) -> &str {
    match &node.value {
        Value::Scalar(s) => s,
        other => panic!("expected text at line {}, got {other:?}", node.pos.line),
    }
}

#[track_caller]
fn items(node: &Node) -> &[Node] {
    match &node.value {
        Value::Seq(items) => items,
        other => panic!("expected a list at line {}, got {other:?}", node.pos.line),
    }
}

fn steps<'a>(workflow: &'a Node, job: &str) -> &'a [Node] {
    items(field(field(field(workflow, "jobs"), job), "steps"))
}

/// The step of `job` whose `run:` has a line starting with `command`.
#[track_caller]
fn step_running<'a>(workflow: &'a Node, job: &str, command: &str) -> &'a Node {
    steps(workflow, job)
        .iter()
        .find(|s| {
            get(s, "run").is_some_and(|r| text(r).lines().any(|l| l.trim().starts_with(command)))
        })
        .unwrap_or_else(|| panic!("no step of job `{job}` runs `{command}`"))
}

/// The step of `job` that uses the action `action` (any version).
#[track_caller]
fn step_using<'a>(workflow: &'a Node, job: &str, action: &str) -> &'a Node {
    steps(workflow, job)
        .iter()
        .find(|s| get(s, "uses").is_some_and(|u| text(u).starts_with(&format!("{action}@"))))
        .unwrap_or_else(|| panic!("no step of job `{job}` uses {action}"))
}

/// Whether a step or job's `if:` keeps it off pull requests.
fn skipped_on_pull_requests(node: &Node) -> bool {
    get(node, "if").is_some_and(|c| text(c).replace(' ', "") == "github.event_name!='pull_request'")
}

/// Every `signpost …` command line in the workflow, in order, with the
/// environment its step runs in (the workflow's `env:` and the step's own).
fn signpost_commands(workflow: &Node) -> Vec<(String, BTreeMap<String, String>)> {
    let mut base = BTreeMap::new();
    if let Some(env) = get(workflow, "env") {
        for (k, v) in entries(env) {
            base.insert(k.name.clone(), text(v).to_string());
        }
    }
    let mut commands = Vec::new();
    for (_, job) in entries(field(workflow, "jobs")) {
        let Some(steps) = get(job, "steps") else {
            continue;
        };
        for step in items(steps) {
            let Some(run) = get(step, "run") else {
                continue;
            };
            let lines: Vec<&str> = text(run)
                .lines()
                .map(str::trim)
                .filter(|l| *l == "signpost" || l.starts_with("signpost "))
                .collect();
            if lines.is_empty() {
                continue;
            }
            let mut env = base.clone();
            if let Some(step_env) = get(step, "env") {
                for (k, v) in entries(step_env) {
                    env.insert(k.name.clone(), substitute(text(v)));
                }
            }
            commands.extend(lines.iter().map(|l| (l.to_string(), env.clone())));
        }
    }
    commands
}

/// `text` with each `${{ expression }}` replaced by its test value.
#[track_caller]
fn substitute(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("}}")
            .unwrap_or_else(|| panic!("unclosed expression in {text:?}"))
            + start;
        let expression = rest[start + 3..end].trim();
        let value = EXPRESSIONS
            .iter()
            .find(|(e, _)| *e == expression)
            .unwrap_or_else(|| panic!("add a test value for `{expression}` to EXPRESSIONS"))
            .1;
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

#[test]
fn runs_on_pull_requests_pushes_to_main_and_every_day() {
    let workflow = workflow();
    let on = field(&workflow, "on");
    assert!(get(on, "pull_request").is_some(), "no pull_request trigger");
    let branches: Vec<&str> = items(field(field(on, "push"), "branches"))
        .iter()
        .map(text)
        .collect();
    assert_eq!(branches, ["main"]);
    let schedule = items(field(on, "schedule"));
    assert_eq!(schedule.len(), 1, "one daily build");
    let cron = text(field(&schedule[0], "cron"));
    let parts: Vec<&str> = cron.split_whitespace().collect();
    assert_eq!(parts.len(), 5, "cron {cron:?} needs five fields");
    assert!(
        parts[0].parse::<u8>().is_ok_and(|m| m < 60)
            && parts[1].parse::<u8>().is_ok_and(|h| h < 24)
            && parts[2..] == ["*", "*", "*"],
        "cron {cron:?} should run once a day"
    );

    // The placeholder people must change is where the top says it is.
    let git = text(field(field(&workflow, "env"), "SIGNPOST_GIT"));
    assert!(git.starts_with("https://"), "{git}");
    assert_eq!(
        text(field(field(&workflow, "permissions"), "contents")),
        "read"
    );
}

#[test]
fn checks_every_change_and_publishes_only_from_main() {
    let workflow = workflow();
    let jobs = field(&workflow, "jobs");
    let names: Vec<&str> = entries(jobs).iter().map(|(k, _)| k.name.as_str()).collect();
    assert_eq!(names, ["check", "deploy"]);

    let install = text(field(
        step_running(&workflow, "check", "cargo install"),
        "run",
    ));
    assert!(
        install.contains("cargo install --locked --git \"$SIGNPOST_GIT\""),
        "{install}"
    );

    // The check runs on every event, so it shows on pull requests.
    let check = step_running(&workflow, "check", "signpost check --format github");
    assert!(get(check, "if").is_none(), "the check must always run");

    // Building, uploading and publishing never happen for a pull request.
    let build = step_running(&workflow, "check", "signpost build");
    assert!(skipped_on_pull_requests(build));
    let pages = step_using(&workflow, "check", "actions/configure-pages");
    assert!(skipped_on_pull_requests(pages));
    assert_eq!(text(field(pages, "id")), "pages");
    let upload = step_using(&workflow, "check", "actions/upload-pages-artifact");
    assert!(skipped_on_pull_requests(upload));
    let build_line = text(field(build, "run"));
    assert!(
        build_line.contains(&format!(
            "--output {}",
            text(field(field(upload, "with"), "path"))
        )),
        "the upload must be the folder the build writes: {build_line}"
    );
    let order: Vec<usize> = [pages, build, upload].iter().map(|s| s.pos.line).collect();
    assert!(
        order.is_sorted(),
        "configure, build, then upload: {order:?}"
    );

    let check_job = field(jobs, "check");
    let pages_access = text(field(field(check_job, "permissions"), "pages"));
    assert!(
        ["read", "write"].contains(&pages_access),
        "configure-pages needs to read the Pages settings, not {pages_access:?}"
    );

    let deploy = field(jobs, "deploy");
    assert!(skipped_on_pull_requests(deploy));
    assert_eq!(text(field(deploy, "needs")), "check");
    let permissions = field(deploy, "permissions");
    assert_eq!(text(field(permissions, "pages")), "write");
    assert_eq!(text(field(permissions, "id-token")), "write");
    assert_eq!(
        text(field(field(deploy, "environment"), "name")),
        "github-pages"
    );
    let publish = step_using(&workflow, "deploy", "actions/deploy-pages");
    assert_eq!(text(field(publish, "id")), "deployment");
}

/// Runs one command line from the workflow the way a runner's shell would,
/// in `site`, with `signpost` being the binary under test.
#[cfg(unix)]
fn run_line(site: &Site, line: &str, env: &BTreeMap<String, String>) -> common::Run {
    // Appending `--today` is only safe on a single simple command.
    assert!(
        !line.contains("${{")
            && !line.contains("$(")
            && !line.contains(['|', '&', ';', '<', '>', '`', '\\']),
        "keep signpost lines simple commands, with expressions in env: {line:?}"
    );
    let script = format!("signpost() {{ \"$SIGNPOST_BIN\" \"$@\"; }}\n{line} --today {TODAY}\n");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(site.root())
        .envs(env)
        .env("SIGNPOST_BIN", env!("CARGO_BIN_EXE_signpost"))
        .output()
        .expect("run sh");
    common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn every_signpost_command_in_the_workflow_succeeds_on_a_real_site() {
    let workflow = workflow();
    let commands = signpost_commands(&workflow);
    let lines: Vec<&str> = commands.iter().map(|(l, _)| l.as_str()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("signpost check --format github"))
            && lines.iter().any(|l| l.starts_with("signpost build")),
        "expected a check and a build, got {lines:?}"
    );

    // In order, in one site, as the job runs them.
    let site = Site::minimal();
    for (line, env) in &commands {
        let run = run_line(&site, line, env);
        for refusal in ["unexpected argument", "invalid value", "unrecognized"] {
            assert!(
                !run.stderr.contains(refusal),
                "`{line}` was refused: {}",
                run.stderr
            );
        }
        assert_eq!(
            run.code, 0,
            "`{line}` failed:\n{}{}",
            run.stdout, run.stderr
        );
    }

    // The build used the Pages address: links carry the repository's path.
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"/directory/activities/\""),
        "links should start /directory/:\n{home}"
    );
    assert!(site.path("public/.signpost-output").is_file());
}

#[cfg(unix)]
#[test]
fn a_broken_entry_fails_the_check_with_an_annotation_on_its_line() {
    let workflow = workflow();
    let site = Site::minimal();
    site.edit(
        "content/activities/park-walk.yaml",
        "postcode: NN1 5BD",
        "postcode: NN1 XYZ",
    );
    let check = step_running(&workflow, "check", "signpost check --format github");
    let (line, env) = signpost_commands(&workflow)
        .into_iter()
        .find(|(l, _)| text(field(check, "run")).contains(l.as_str()))
        .expect("the check line");
    let run = run_line(&site, &line, &env);
    assert_eq!(run.code, 1, "errors must fail the step: {}", run.stdout);
    assert!(
        run.stdout.starts_with(
            "::error file=content/activities/park-walk.yaml,line=19,col=13,title=Signpost%3A venue.postcode::"
        ),
        "{}",
        run.stdout
    );

    // The step after it, only when it failed, spells every problem out.
    let full = steps(&workflow, "check")
        .iter()
        .find(|s| get(s, "run").is_some_and(|r| text(r).trim() == "signpost check"))
        .expect("a step running plain `signpost check`");
    assert_eq!(
        text(field(full, "if")).replace(' ', ""),
        "failure()&&steps.check.outcome=='failure'"
    );
    assert_eq!(text(field(check, "id")), "check");
    let run = run_line(&site, text(field(full, "run")).trim(), &env);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("error: \"NN1 XYZ\" is not a full UK postcode"),
        "{}",
        run.stdout
    );
}

/// The fenced ```yaml blocks of a Markdown file, in order.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_contributing_guides_examples_pass_the_check_in_the_sample_region() {
    let guide = std::fs::read_to_string(repo().join("docs/contributing.md")).unwrap();
    let blocks = yaml_blocks(&guide);
    let starter = blocks
        .iter()
        .find(|b| b.starts_with("title: ") && b.contains("\nlast_reviewed: "))
        .expect("a starter activity in the guide");
    let (before, rest) = starter.split_at(starter.find("schedule:\n").expect("a schedule"));
    let after = &rest[rest.find("\nschedule_notes:").expect("schedule_notes") + 1..];

    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(repo()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let mut written = Vec::new();
    let mut write = |rel: String, text: &str| {
        std::fs::write(dir.path().join(&rel), text).unwrap();
        written.push(rel);
    };
    write("content/activities/guide-starter.yaml".into(), starter);
    let mut schedules = 0;
    for block in &blocks {
        if block.starts_with("schedule:\n") {
            // Each schedule example, in place of the starter's.
            schedules += 1;
            // Each its own service, so none looks like a copy.
            let text = format!("{before}{block}{after}").replacen(
                "title: ",
                &format!("title: Example {schedules}, "),
                1,
            );
            write(
                format!("content/activities/guide-schedule-{schedules}.yaml"),
                &text,
            );
        } else if block.starts_with("name: ") {
            write(
                "content/organisations/guide-organisation.yaml".into(),
                block,
            );
        }
    }
    assert!(
        schedules >= 5,
        "expected the five schedule kinds, found {schedules}"
    );
    assert!(written.iter().any(|w| w.contains("organisations/")));

    let run = common::check(dir.path());
    // The examples are variants of one entry, itself like a sample walk,
    // so they are told they look like copies; nothing else may be said.
    let said: Vec<&str> = run
        .stdout
        .split("\n\n")
        .filter(|block| !block.contains("looks like a copy of"))
        .collect();
    for file in &written {
        assert!(
            !said.iter().any(|b| b.contains(&format!("--> {file}:"))),
            "{file} from docs/contributing.md does not pass the check:\n{}",
            run.stdout
        );
    }
    assert_eq!(run.code, 0, "{}", run.stdout);
}
