//! `--listen` values as operators write them: `HOST:PORT`, `[v6]:PORT`,
//! `:PORT` (every IPv4 interface, as in Go's `net.Listen`), `localhost:PORT`.

use std::net::{Ipv4Addr, SocketAddr};

use anyhow::{Result, anyhow};

/// Parses a `--listen` address.
pub fn parse_listen(v: &str) -> Result<SocketAddr> {
    let v = v.trim();
    let bad = || {
        anyhow!(
            "--listen '{v}' is not an address such as 127.0.0.1:8000, 0.0.0.0:8000, [::]:8000 or :8000"
        )
    };
    if let Some(port) = v.strip_prefix(':') {
        let port: u16 = port.parse().map_err(|_| bad())?;
        // `:PORT` binds IPv4's any-address rather than `[::]`: pods and
        // hosts with IPv6 disabled cannot bind `[::]` at all.
        return Ok(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)));
    }
    if let Some(port) = v.strip_prefix("localhost:") {
        let port: u16 = port.parse().map_err(|_| bad())?;
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    v.parse().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_forms() {
        assert_eq!(parse_listen(":8000").unwrap().to_string(), "0.0.0.0:8000");
        assert_eq!(
            parse_listen("0.0.0.0:8000").unwrap().to_string(),
            "0.0.0.0:8000"
        );
        assert_eq!(parse_listen("[::]:8000").unwrap().to_string(), "[::]:8000");
        assert_eq!(
            parse_listen("localhost:9").unwrap().to_string(),
            "127.0.0.1:9"
        );
        assert_eq!(
            parse_listen("[::1]:8000").unwrap().to_string(),
            "[::1]:8000"
        );
        for bad in ["8000", ":", ":99999", "host:8000", "", "::8000"] {
            let e = parse_listen(bad).unwrap_err().to_string();
            assert!(e.contains("--listen"), "{bad}: {e}");
        }
    }
}
