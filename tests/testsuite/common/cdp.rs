//! A headless Chromium driven over the DevTools protocol, through the pipe
//! Chromium offers (`--remote-debugging-pipe`: JSON messages ended by a
//! NUL byte on file descriptors 3 and 4), for what a page cannot do to
//! itself: render with print media, and take a screenshot of that.

use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Cdp {
    child: Child,
    to: std::fs::File,
    from: std::io::BufReader<std::fs::File>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

fn pipe() -> (i32, i32) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    (fds[0], fds[1])
}

impl Cdp {
    /// Starts Chromium with a page of `width` CSS pixels open.
    pub fn start(chromium: &Path, width: u32, height: u32) -> Cdp {
        let profile = tempfile::tempdir().unwrap();
        // Chromium reads commands on fd 3 and writes replies on fd 4.
        let (their_in, our_out) = pipe();
        let (our_in, their_out) = pipe();
        let mut command = Command::new(chromium);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--remote-debugging-pipe",
                "--no-first-run",
                "--disable-extensions",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        unsafe {
            command.pre_exec(move || {
                if libc::dup2(their_in, 3) < 0 || libc::dup2(their_out, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("run chromium");
        unsafe {
            libc::close(their_in);
            libc::close(their_out);
        }
        let (to, from) = unsafe {
            (
                std::fs::File::from_raw_fd(our_out),
                std::io::BufReader::new(std::fs::File::from_raw_fd(our_in)),
            )
        };
        let mut cdp = Cdp {
            child,
            to,
            from,
            next: 0,
            session: String::new(),
            _profile: profile,
        };
        let target = cdp.call("Target.createTarget", json!({"url": "about:blank"}));
        let attached = cdp.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        cdp.session = attached["sessionId"].as_str().unwrap().to_string();
        cdp.call("Page.enable", json!({}));
        cdp.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 2, "mobile": false}),
        );
        cdp
    }

    fn send(&mut self, method: &str, params: Value) -> u64 {
        self.next += 1;
        let mut message = json!({"id": self.next, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        self.next
    }

    fn receive(&mut self) -> Value {
        let mut bytes = Vec::new();
        let mut byte = [0u8];
        loop {
            self.from.read_exact(&mut byte).expect("Chromium answers");
            if byte[0] == 0 {
                break;
            }
            bytes.push(byte[0]);
        }
        serde_json::from_slice(&bytes).unwrap()
    }

    /// Calls `method` and returns its result (events meanwhile are dropped).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params);
        loop {
            let message = self.receive();
            if message["id"] == id {
                assert!(message["error"].is_null(), "{method}: {message}");
                return message["result"].clone();
            }
        }
    }

    /// Opens `url`, and waits for `ready` (a script's expression) to be true.
    pub fn open(&mut self, url: &str, ready: &str) {
        self.call("Page.navigate", json!({"url": url}));
        let start = Instant::now();
        while !self.evaluate(ready).as_bool().unwrap_or(false) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{url}: never {ready}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The value of a script's expression (awaited when it is a promise).
    pub fn evaluate(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        result["result"]["value"].clone()
    }

    /// Renders as a printer would (print media rules apply).
    pub fn print_media(&mut self) {
        self.call("Emulation.setEmulatedMedia", json!({"media": "print"}));
    }

    /// A PNG of the whole page.
    pub fn screenshot(&mut self) -> Vec<u8> {
        use base64::Engine as _;
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }
}

impl Drop for Cdp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The contents of every QR code in a PNG picture, read with the
/// independent `rqrr` decoder, in order.
pub fn qr_codes(png: &[u8]) -> Vec<String> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[(y * w + x) * channels]);
    let mut codes: Vec<String> = image
        .detect_grids()
        .iter()
        .map(|g| g.decode().expect("a QR code decodes").1)
        .collect();
    codes.sort();
    codes
}
