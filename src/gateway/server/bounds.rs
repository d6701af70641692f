//! Binding checks: glob patterns for names and CIDR lists for addresses.

use std::net::IpAddr;

/// Whole-string glob match where only `*` is special (any run, possibly
/// empty) and matching is case-sensitive. Unlike go-glob, which Vault uses,
/// every literal part must be consumed: `prod*prod` does not match `prod`.
pub fn glob_match(pattern: &str, subject: &str) -> bool {
    let p = pattern.as_bytes();
    let s = subject.as_bytes();
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<usize> = None;
    let mut mark = 0usize;
    while si < s.len() {
        if pi < p.len() && p[pi] != b'*' && p[pi] == s[si] {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// An empty binding list allows everything; otherwise one pattern must match.
pub fn allowed(patterns: &[String], subject: &str) -> bool {
    patterns.is_empty() || patterns.iter().any(|p| glob_match(p, subject))
}

/// A parsed CIDR (or single address).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (a, p) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = a
            .parse()
            .map_err(|_| format!("'{s}' is not an IP address or CIDR such as 10.0.0.0/8"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("'{s}' has an invalid prefix length"))?,
            None => max,
        };
        Ok(Cidr { addr, prefix })
    }
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.prefix)
                };
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.prefix)
                };
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Checks every entry parses; used when storing an auth method.
pub fn parse_cidrs(list: &[String], flag: &str) -> Result<Vec<Cidr>, String> {
    list.iter()
        .map(|c| c.parse::<Cidr>().map_err(|e| format!("{flag}: {e}")))
        .collect()
}

/// An empty list allows every address.
pub fn ip_allowed(list: &[String], ip: IpAddr) -> bool {
    list.is_empty()
        || list
            .iter()
            .filter_map(|c| c.parse::<Cidr>().ok())
            .any(|c| c.contains(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_consumes_every_literal_part() {
        assert!(!glob_match("prod*prod", "prod"));
        assert!(!glob_match("a*a", "a"));
        assert!(glob_match("prod*prod", "prodprod"));
        assert!(glob_match("prod*prod", "prod-x-prod"));
        assert!(glob_match("*", ""));
        assert!(glob_match("my-*", "my-namespace-a"));
        assert!(!glob_match("my-*", "your-namespace"));
        assert!(glob_match("*-a", "my-namespace-a"));
        assert!(!glob_match("mypod1", "mypod10"));
        assert!(!glob_match("MyPod", "mypod"));
        assert!(glob_match("a*b*c", "aXbYc"));
        assert!(!glob_match("a*b*c", "aXcYb"));
    }

    #[test]
    fn empty_bindings_allow_all() {
        assert!(allowed(&[], "anything"));
        assert!(!allowed(&["a".into()], "b"));
    }

    #[test]
    fn cidrs() {
        let c: Cidr = "10.1.0.0/16".parse().unwrap();
        assert!(c.contains("10.1.200.3".parse().unwrap()));
        assert!(!c.contains("10.2.0.1".parse().unwrap()));
        assert!(c.contains("::ffff:10.1.0.9".parse().unwrap()));
        let one: Cidr = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("nope".parse::<Cidr>().is_err());
        assert!(ip_allowed(
            &["2001:db8::/32".into()],
            "2001:db8::1".parse().unwrap()
        ));
    }
}
