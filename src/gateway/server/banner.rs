//! What `gateway serve` says when it starts. Every fact goes through the
//! logger (one event each, fields for machines); with `--log-format text`
//! the familiar lines are also printed on stdout for the person who started
//! it. With `--log-format json` stdout stays silent, so every line the
//! process writes is JSON. The admin access key is never logged: in text
//! mode it is printed once on stdout, in json mode it goes to a 0600 file.

use std::io::Write;
use std::path::PathBuf;

use super::admin_key::KeyChange;
use super::tls::Identity;

/// Where the admin credential of this start came from.
pub enum Admin {
    /// Created now with a generated key, to be shown once.
    Generated { access_id: String, key: String },
    /// Created now with a generated key written to this file (json mode).
    GeneratedToFile { access_id: String, file: PathBuf },
    /// Taken from `--admin-access-key-file`.
    FromFile {
        access_id: String,
        file: PathBuf,
        change: KeyChange,
    },
    /// Made on an earlier start.
    Existing { access_id: Option<String> },
}

pub struct Banner<'a> {
    pub url: &'a str,
    pub id: &'a Identity,
    pub data_dir: &'a std::path::Path,
    pub admin: &'a Admin,
    /// Print the human lines on stdout (text log format).
    pub human: bool,
}

impl Banner<'_> {
    pub fn announce(&self) {
        let id = self.id;
        tracing::info!(
            url = %self.url,
            tls_cert = %id.cert.display(),
            tls_fingerprint = %id.fingerprint,
            tls_self_signed_created = id.generated,
            data_dir = %self.data_dir.display(),
            "akl gateway listening"
        );
        match self.admin {
            Admin::Generated { access_id, .. } => tracing::info!(
                admin_access_id = %access_id,
                "first start: created the admin access_key auth method; its key is printed once on stdout"
            ),
            Admin::GeneratedToFile { access_id, file } => tracing::info!(
                admin_access_id = %access_id,
                admin_access_key_file = %file.display(),
                "first start: created the admin access_key auth method; its key is in the file (mode 0600)"
            ),
            Admin::FromFile {
                access_id,
                file,
                change,
            } => tracing::info!(
                admin_access_id = %access_id,
                admin_access_key_file = %file.display(),
                key = match change {
                    KeyChange::Created => "created",
                    KeyChange::Replaced => "replaced",
                    KeyChange::Unchanged => "unchanged",
                },
                "admin access key taken from the file"
            ),
            Admin::Existing { access_id } => tracing::info!(
                admin_access_id = %access_id.as_deref().unwrap_or(""),
                "admin auth method exists (lost its key? `akl gateway admin reset-key`)"
            ),
        }
        if self.human {
            self.print_human();
        }
    }

    fn print_human(&self) {
        // A closed stdout (a supervisor that stopped reading) must not take
        // the gateway down, so write errors are ignored rather than
        // panicking as println! would.
        let mut out = std::io::stdout().lock();
        macro_rules! say {
            ($($arg:tt)*) => {{ let _ = writeln!(out, $($arg)*); }};
        }
        let id = self.id;
        let url = self.url;
        say!("akl gateway listening on {url}");
        say!(
            "TLS certificate: {}{} (SHA-256 fingerprint {})",
            id.cert.display(),
            if id.generated {
                ", self-signed, created now"
            } else {
                ""
            },
            id.fingerprint
        );
        say!("Data dir: {}", self.data_dir.display());
        let configure = |access_id: &str, out: &mut std::io::StdoutLock<'_>| {
            let _ = writeln!(
                out,
                "  akl configure --profile default --access-id {access_id} --gateway-url {url}"
            );
            let _ = writeln!(
                out,
                "  export AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE={}",
                id.cert.display()
            );
        };
        match self.admin {
            Admin::Generated { access_id, key } => {
                say!(
                    "First start: created the admin access_key auth method (shown once, store it now):"
                );
                say!("Admin access ID: {access_id}");
                say!("Admin access key: {key}");
                say!(
                    "To configure a profile without putting the key on a command line, paste it at the prompt of:"
                );
                say!("  read -rs AKEYLESS_ACCESS_KEY && export AKEYLESS_ACCESS_KEY");
                configure(access_id, &mut out);
            }
            Admin::GeneratedToFile { access_id, file } => {
                say!("First start: created the admin access_key auth method");
                say!("Admin access ID: {access_id}");
                say!("Admin access key file: {}", file.display());
            }
            Admin::FromFile {
                access_id, file, ..
            } => {
                say!("Admin access ID: {access_id}");
                say!("Admin access key file: {}", file.display());
            }
            Admin::Existing { .. } => {}
        }
        let _ = out.flush();
    }
}
