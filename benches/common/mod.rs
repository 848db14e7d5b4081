//! What the benches share: running the real binary as a child and
//! measuring it.

// Each bench uses what it needs of this.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One measured run of a child process.
pub struct Run {
    pub wall: Duration,
    /// Peak RSS of exactly that process (ru_maxrss from wait4), in KB.
    pub max_rss_kb: i64,
    /// Its exit code, when it exited rather than being killed.
    pub code: Option<i32>,
}

/// Runs the binary with stdout and stderr to files; returns the run, and
/// the exit status in words when it was not success.
pub fn run_child(
    bin: &Path,
    args: &[String],
    out: &Path,
    err: &Path,
) -> anyhow::Result<(Run, Option<String>)> {
    let stdout = std::fs::File::create(out)?;
    let stderr = std::fs::File::create(err)?;
    let started = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waits for our own child, writing into two locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(anyhow::anyhow!("wait4 on pid {pid}: {e}"));
        }
    }
    let wall = started.elapsed();
    // Reaped by wait4 above; dropping `child` neither waits nor kills.
    drop(child);
    let run = Run {
        wall,
        max_rss_kb: usage.ru_maxrss, // kilobytes on Linux
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
    };
    let failure = if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 => None,
            code => Some(format!("exit status {code}")),
        }
    } else if libc::WIFSIGNALED(status) {
        Some(format!("killed by signal {}", libc::WTERMSIG(status)))
    } else {
        Some(format!("wait status {status}"))
    };
    Ok((run, failure))
}

/// A copy of the folder `from` at `to`: files and folders only.
pub fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
