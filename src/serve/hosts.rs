//! Which `Host` a request may name. A web page can point a name of its
//! own at 127.0.0.1 (DNS rebinding) and then read whatever answers there
//! as if it were its own site; such a request still names the page's host,
//! so answering only this machine's names keeps the preview (and the
//! problems over it) to the person running it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The host names a request may give: this machine's, never a name a web
/// page chose.
pub struct Hosts {
    bind: IpAddr,
}

impl Hosts {
    pub fn new(bind: IpAddr) -> Hosts {
        Hosts { bind }
    }

    /// Whether a `Host` value (`localhost:1111`, `[::1]:1111`, …) names
    /// this machine: `localhost`, 127.0.0.1, [::1] or the bind address, on
    /// any port. Bound to every address (0.0.0.0 or ::), any IP address is
    /// taken: rebinding needs a name, and the machine's own addresses are
    /// not known here.
    pub fn allows(&self, host: &str) -> bool {
        let name = without_port(host);
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
            Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
            None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
        };
        ip.is_some_and(|ip| {
            ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                || ip == self.bind
                || self.bind.is_unspecified()
        })
    }
}

/// `localhost:1111` → `localhost`, `[::1]:1111` → `[::1]`, `[::1]` as is.
fn without_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((name, port))
            if port.bytes().all(|b| b.is_ascii_digit())
                && (!name.contains(':') || name.ends_with(']')) =>
        {
            name
        }
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_names_are_hosts() {
        let loopback = Hosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST));
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:8080",
            "[::1]",
            "[::1]:1111",
            "localhost:",
        ] {
            assert!(loopback.allows(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.2:1111",
            "::1",
            "[::1",
            "",
            "localhost:80:80",
        ] {
            assert!(!loopback.allows(host), "{host}");
        }
        let lan = Hosts::new("192.168.1.2".parse().unwrap());
        assert!(lan.allows("192.168.1.2:1111"));
        assert!(!lan.allows("192.168.1.3:1111"));
        let everywhere = Hosts::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
        assert!(everywhere.allows("10.0.0.7:1111"));
        assert!(everywhere.allows("[fe80::1]:1111"));
        assert!(!everywhere.allows("evil.example:1111"));
    }
}
