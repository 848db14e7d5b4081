//! The preview's own small HTTP/1.1 server, on `std::net`, built so that
//! nothing a client does makes it grow or stall for others:
//!
//! - at most [`CONNECTIONS`] connections are open at once, each served by
//!   one of as many threads started up front; one more is answered 503 and
//!   closed by the accepting thread, which never waits on a client;
//! - a connection reads one request head (at most [`MAX_HEAD`] bytes, all
//!   of it within the head timeout), answers it, then reads the next, so
//!   pipelined requests are answered in turn and a client that never reads
//!   its answers holds up only itself, until a write times out and its
//!   connection is closed;
//! - only requests whose `Host` names this machine are answered ([`Hosts`]),
//!   so a web page that points its own name at 127.0.0.1 (DNS rebinding)
//!   cannot read the preview.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::hosts::Hosts;
use super::http::Reply;

/// How many connections may be open at once, and so how many threads
/// serve them.
pub const CONNECTIONS: usize = 64;
/// The largest request head read; a larger one is answered 431.
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// How long a closing connection is read (and what it sends thrown away)
/// so our last answer is not lost to a reset.
const LINGER: Duration = Duration::from_millis(500);

#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// For the whole of a request head, counted from when the server is
    /// ready for it (so it is also how long an idle connection stays).
    pub head: Duration,
    /// For the whole of one answer.
    pub write: Duration,
}

/// Answers a request: method and target (path and query) to a reply.
pub type Handler = dyn Fn(&str, &str) -> Reply + Send + Sync;

/// Starts serving `listener` on its own threads and returns.
pub fn start(
    listener: TcpListener,
    hosts: Hosts,
    timeouts: Timeouts,
    handler: Arc<Handler>,
) -> io::Result<()> {
    // Room for every open connection, so handing one over never blocks.
    let (send, receive) = sync_channel::<(TcpStream, Slot)>(CONNECTIONS);
    let receive = Arc::new(Mutex::new(receive));
    let server = Arc::new(Server {
        hosts,
        timeouts,
        handler,
    });
    for i in 0..CONNECTIONS {
        let (receive, server) = (receive.clone(), server.clone());
        thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || {
                loop {
                    let next = receive.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((stream, slot)) = next else { return };
                    // A bug answering one request must not cost the pool a
                    // thread (the panic is still printed).
                    let _ = panic::catch_unwind(AssertUnwindSafe(|| server.serve(stream)));
                    drop(slot);
                }
            })?;
    }
    let slots = Slots::new(CONNECTIONS);
    thread::Builder::new()
        .name("serve-accept".into())
        .spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else {
                    // Out of file descriptors, say: give them time to close.
                    thread::sleep(Duration::from_millis(20));
                    continue;
                };
                match slots.take() {
                    Some(slot) => {
                        if send.send((stream, slot)).is_err() {
                            return;
                        }
                    }
                    None => turn_away(stream),
                }
            }
        })?;
    Ok(())
}

/// A counted share of something limited: connections, or waiting pages.
pub struct Slots {
    taken: Arc<AtomicUsize>,
    most: usize,
}

/// One slot, given back when dropped.
pub struct Slot(Arc<AtomicUsize>);

impl Slots {
    pub fn new(most: usize) -> Slots {
        Slots {
            taken: Arc::new(AtomicUsize::new(0)),
            most,
        }
    }

    /// A slot, or `None` when all are taken.
    pub fn take(&self) -> Option<Slot> {
        self.taken
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.most).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(self.taken.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Says "busy" to a connection over the cap without ever waiting on it:
/// what it already sent is read (so closing does not reset it and lose the
/// answer), the short answer fits the socket's buffer, and it is closed.
fn turn_away(mut stream: TcpStream) {
    if stream.set_nonblocking(true).is_err() {
        return;
    }
    let mut sink = [0; 4096];
    let _ = stream.read(&mut sink);
    let busy = Reply::plain(503, "The preview is busy; try again in a moment.");
    let _ = stream.write_all(&encode(&busy, false, true));
    let _ = stream.shutdown(Shutdown::Write);
}

struct Server {
    hosts: Hosts,
    timeouts: Timeouts,
    handler: Arc<Handler>,
}

/// A request head, read and checked.
struct Head {
    method: String,
    target: String,
    http10: bool,
    host: Option<String>,
    /// The client asked to close after this answer.
    close: bool,
    /// The request has a body, which is not read: close after answering.
    body: bool,
}

/// Why no request head could be read.
enum Unread {
    /// The client closed, failed, or took longer than the head timeout.
    Gone,
    TooLarge,
    Malformed,
}

impl Server {
    /// Answers one connection's requests in turn until it closes, asks to
    /// close, fails, or times out.
    fn serve(&self, mut stream: TcpStream) {
        let _ = stream.set_nodelay(true);
        let mut buffer = Vec::new();
        loop {
            let deadline = Instant::now() + self.timeouts.head;
            let (reply, head_only, keep) = match read_head(&mut stream, &mut buffer, deadline) {
                Ok(head) => {
                    let (reply, keep) = self.answer(&head);
                    let keep = keep && !head.close && !head.body;
                    (reply, head.method == "HEAD", keep)
                }
                Err(Unread::Gone) => return,
                Err(Unread::TooLarge) => (
                    Reply::plain(431, "The request's headers are too large."),
                    false,
                    false,
                ),
                Err(Unread::Malformed) => (Reply::plain(400, "Bad request."), false, false),
            };
            let bytes = encode(&reply, head_only, !keep);
            let sent = write_by(&mut stream, &bytes, Instant::now() + self.timeouts.write);
            if sent.is_err() {
                return;
            }
            if !keep {
                linger(stream);
                return;
            }
        }
    }

    /// The reply to a request, and whether the connection may stay open.
    fn answer(&self, head: &Head) -> (Reply, bool) {
        match &head.host {
            None if !head.http10 => {
                return (
                    Reply::plain(400, "An HTTP/1.1 request needs a Host header."),
                    false,
                );
            }
            Some(host) if !self.hosts.allows(host) => {
                return (
                    Reply::plain(
                        421,
                        "This preview answers only requests for localhost, 127.0.0.1 or [::1] (or the address it was started on). A request naming another host could come from a web page trying to read the preview (DNS rebinding), so it is refused.",
                    ),
                    false,
                );
            }
            _ => {}
        }
        let reply = (self.handler)(&head.method, &head.target);
        // Turned away (busy, say): free the connection for someone else.
        let keep = reply.status < 500;
        (reply, keep)
    }
}

/// Reads the next request head from `stream` into `buffer`, which keeps
/// whatever follows it (the next pipelined request) for the next call.
fn read_head(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    deadline: Instant,
) -> Result<Head, Unread> {
    loop {
        if !buffer.is_empty() {
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut request = httparse::Request::new(&mut headers);
            match request.parse(buffer) {
                Ok(httparse::Status::Complete(length)) => {
                    let head = head(&request)?;
                    buffer.drain(..length.min(buffer.len()));
                    return Ok(head);
                }
                Ok(httparse::Status::Partial) => {}
                Err(httparse::Error::TooManyHeaders) => return Err(Unread::TooLarge),
                Err(_) => return Err(Unread::Malformed),
            }
        }
        let room = MAX_HEAD.saturating_sub(buffer.len());
        if room == 0 {
            return Err(Unread::TooLarge);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(Unread::Gone);
        }
        let mut chunk = [0; 4096];
        let want = room.min(chunk.len());
        match stream.read(&mut chunk[..want]) {
            Ok(0) => return Err(Unread::Gone),
            Ok(n) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Err(Unread::Gone),
        }
    }
}

/// The parts of a parsed head the server needs.
fn head(request: &httparse::Request) -> Result<Head, Unread> {
    let (Some(method), Some(target), Some(version)) =
        (request.method, request.path, request.version)
    else {
        return Err(Unread::Malformed);
    };
    let named = |name: &'static str| {
        request
            .headers
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let mut hosts = named("host");
    let host = hosts.next();
    if hosts.next().is_some() {
        return Err(Unread::Malformed);
    }
    let http10 = version == 0;
    let close = http10
        || named("connection")
            .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")));
    let body =
        named("transfer-encoding").next().is_some() || named("content-length").any(|v| v != "0");
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        http10,
        host,
        close,
        body,
    })
}

/// The bytes of a reply: status line, headers and (unless `head_only`)
/// the body.
fn encode(reply: &Reply, head_only: bool, close: bool) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    // A header value never carries a line break (one would start a header
    // of its own).
    if let Some(location) = reply
        .location
        .as_ref()
        .filter(|l| !l.contains(['\r', '\n']))
    {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    if reply.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    bytes
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes all of `bytes` by `deadline`, however slowly the client reads.
fn write_by(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => bytes = bytes.get(n..).unwrap_or_default(),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Closes a connection after its last answer: stops sending, then reads
/// (for a short while, and a bounded amount) what the client still sends,
/// since closing with unread data would reset the connection and could
/// lose the answer.
fn linger(mut stream: TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let until = Instant::now() + LINGER;
    let mut sink = [0; 4096];
    for _ in 0..64 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_counted_and_given_back() {
        let slots = Slots::new(2);
        let a = slots.take().unwrap();
        let _b = slots.take().unwrap();
        assert!(slots.take().is_none());
        drop(a);
        assert!(slots.take().is_some());
    }

    #[test]
    fn replies_carry_their_length_and_head_replies_no_body() {
        let reply = Reply::plain(404, "Not found.");
        let full = String::from_utf8(encode(&reply, false, false)).unwrap();
        assert!(full.starts_with("HTTP/1.1 404 Not Found\r\n"), "{full}");
        assert!(full.contains("Content-Length: 10\r\nCache-Control: no-store\r\n"));
        assert!(full.ends_with("\r\n\r\nNot found."));
        let head = String::from_utf8(encode(&reply, true, true)).unwrap();
        assert!(head.ends_with("Connection: close\r\n\r\n"), "{head}");
        assert!(head.contains("Content-Length: 10\r\n"));
    }
}
