//! A JSON client of one gateway, as the SDKs talk to it (plain POSTs).

use serde_json::{Value, json};

use super::gateway::Gateway;

pub struct Api {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    pub url: String,
}

impl Api {
    /// Trusts the gateway's certificate (its `tls.crt`).
    pub fn new(gw: &Gateway) -> Api {
        Self::with_ca(&gw.url, &gw.ca_file)
    }

    pub fn with_ca(url: &str, ca_file: &std::path::Path) -> Api {
        let pem = std::fs::read(ca_file).unwrap();
        let certs = reqwest::Certificate::from_pem_bundle(&pem).unwrap();
        let http = reqwest::Client::builder()
            .tls_certs_merge(certs)
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Api {
            rt,
            http,
            url: url.to_owned(),
        }
    }

    /// POST /<command>; (status, JSON body), or the transport error.
    pub fn try_call(&self, command: &str, body: &Value) -> Result<(u16, Value), String> {
        self.rt.block_on(async {
            let resp = self
                .http
                .post(format!("{}/{command}", self.url))
                .json(body)
                .send()
                .await
                .map_err(|e| {
                    // With the causes: "error sending request" alone says nothing.
                    let mut msg = e.to_string();
                    let mut src = std::error::Error::source(&e);
                    while let Some(c) = src {
                        msg = format!("{msg}: {c}");
                        src = c.source();
                    }
                    msg
                })?;
            let status = resp.status().as_u16();
            let v = resp.json::<Value>().await.unwrap_or(Value::Null);
            Ok((status, v))
        })
    }

    pub fn call(&self, command: &str, body: Value) -> (u16, Value) {
        self.try_call(command, &body)
            .unwrap_or_else(|e| panic!("{command}: {e}"))
    }

    /// A call that must succeed (2xx); returns the body.
    pub fn ok(&self, command: &str, body: Value) -> Value {
        let (status, v) = self.call(command, body);
        assert!((200..300).contains(&status), "{command}: {status} {v}");
        v
    }

    /// Logs in with an access key; the `t-` token.
    pub fn login(&self, access_id: &str, access_key: &str) -> String {
        self.ok(
            "auth",
            json!({"access-id": access_id, "access-key": access_key}),
        )["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

/// `body` with `"token": token` added.
pub fn with(token: &str, mut v: Value) -> Value {
    v["token"] = json!(token);
    v
}
