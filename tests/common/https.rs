//! HTTPS helpers for tests that talk to a real gateway: a client trusting
//! its self-signed certificate, GET/POST, admin login, metric samples.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use super::gateway::Gateway;

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// An HTTPS client trusting `ca` (PEM file).
pub fn client(ca: &Path) -> reqwest::Client {
    let pem = std::fs::read(ca).unwrap();
    reqwest::Client::builder()
        .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&pem).unwrap())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

pub fn get(gw: &Gateway, path: &str) -> (u16, String, String) {
    rt().block_on(async {
        let r = client(&gw.ca_file)
            .get(format!("{}{path}", gw.url))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let ctype = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, ctype, r.text().await.unwrap())
    })
}

pub fn post(gw: &Gateway, path: &str, body: Value) -> (u16, Value) {
    rt().block_on(async {
        let r = client(&gw.ca_file)
            .post(format!("{}{path}", gw.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    })
}

pub fn admin_token(gw: &Gateway, id: &str, key: &str) -> String {
    let (status, v) = post(gw, "/auth", json!({"access-id": id, "access-key": key}));
    assert_eq!(status, 200, "{v}");
    v["token"].as_str().unwrap().to_owned()
}

/// The value of the sample `name{labels}` (labels as printed), if present.
pub fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

/// GET on 127.0.0.1:`port` trusting `ca`.
pub fn get_with_ca(port: u16, ca: &Path, path: &str) -> (u16, String, String) {
    rt().block_on(async {
        let r = client(ca)
            .get(format!("https://127.0.0.1:{port}{path}"))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), String::new(), r.text().await.unwrap())
    })
}
