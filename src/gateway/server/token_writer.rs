//! Group commit of session tokens.
//!
//! Every login stores its `t-` token before answering, and a pod start-up
//! storm is thousands of logins at once. One transaction per token costs a
//! commit each (SQLite: a WAL append and lock round; PostgreSQL: a round
//! trip and a WAL flush). Here logins hand their token to one writer task
//! that stores whatever has queued up while the previous batch committed,
//! in one transaction, and answers each login only after its batch is
//! committed: a token is never acknowledged before it is stored, so a crash
//! loses no token a client has seen. Under light load a batch is one token
//! and nothing waits for company.

use std::sync::{Arc, OnceLock};

use tokio::sync::{mpsc, oneshot};

use super::store::{Store, StoreError, StoreResult, TokenRecord};

/// The most tokens stored in one transaction (a bound on the time a batch
/// holds the database and on the memory it holds).
const MAX_BATCH: usize = 256;

/// Tokens waiting for the writer beyond the batch being committed; past it
/// logins wait for room (backpressure) instead of growing memory.
const QUEUE: usize = 4096;

type Pending = (TokenRecord, oneshot::Sender<StoreResult<()>>);

/// The handle logins use. The writer thread starts with the first token.
#[derive(Default)]
pub struct TokenWriter {
    tx: OnceLock<mpsc::Sender<Pending>>,
}

impl TokenWriter {
    /// Stores `t`, batched with other logins' tokens; returns once its
    /// transaction has committed.
    pub async fn insert(&self, store: &Arc<dyn Store>, t: TokenRecord) -> StoreResult<()> {
        let gone = || StoreError::Db("the token writer stopped".into());
        let tx = self.tx.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            let store = store.clone();
            // A thread of its own rather than a `spawn_blocking` per batch:
            // the store calls block, and handing each batch to the blocking
            // pool cost a thread wake-up and a task allocation per commit.
            // If the thread cannot start, the channel is dropped and every
            // insert fails with "the token writer stopped".
            let _ = std::thread::Builder::new()
                .name("akl-token-writer".into())
                .spawn(move || run(store, rx));
            tx
        });
        let (done, wait) = oneshot::channel();
        tx.send((t, done)).await.map_err(|_| gone())?;
        wait.await.map_err(|_| gone())?
    }
}

/// The writer loop: blocks for the first waiting token, takes whatever else
/// has queued, commits it as one transaction, answers each waiter; ends
/// when the last sender is gone.
fn run(store: Arc<dyn Store>, mut rx: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut records = Vec::with_capacity(MAX_BATCH);
    while rx.blocking_recv_many(&mut batch, MAX_BATCH) > 0 {
        records.clear();
        let mut waiters = Vec::with_capacity(batch.len());
        for (r, w) in batch.drain(..) {
            records.push(r);
            waiters.push(w);
        }
        let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store_batch(store.as_ref(), &records)
        }))
        .unwrap_or_else(|_| vec![Err(StoreError::Db("token insert panicked".into()))]);
        for (i, w) in waiters.into_iter().enumerate() {
            let r = results
                .get(i)
                .or(results.last())
                .cloned()
                .unwrap_or_else(|| Err(StoreError::Db("no result".into())));
            let _ = w.send(r);
        }
    }
}

/// One transaction for the batch; if it fails, each token alone, so that
/// one bad record (a duplicate) fails only its own login.
fn store_batch(store: &dyn Store, records: &[TokenRecord]) -> Vec<StoreResult<()>> {
    match store.insert_tokens(records) {
        Ok(()) => vec![Ok(()); records.len()],
        Err(e) if records.len() == 1 => vec![Err(e)],
        Err(_) => records.iter().map(|t| store.insert_token(t)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::store::SqliteStore;

    fn record(i: usize) -> TokenRecord {
        TokenRecord {
            token_sha256: format!("{i:064x}"),
            access_id: "p-x".into(),
            auth_method: "m".into(),
            admin: false,
            expiry: i64::MAX / 2,
            claims: serde_json::json!({}),
        }
    }

    /// Many concurrent logins: every token is stored and readable when its
    /// login returns, and a duplicate fails alone without failing the
    /// tokens batched with it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_inserts_are_all_stored_and_a_bad_one_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(dir.path()).unwrap());
        let writer = Arc::new(TokenWriter::default());
        writer.insert(&store, record(0)).await.unwrap();
        let mut tasks = Vec::new();
        for i in 0..500 {
            let (w, s) = (writer.clone(), store.clone());
            // Token 0 again: a duplicate in the middle of the storm.
            let n = if i == 250 { 0 } else { i + 1 };
            tasks.push(tokio::spawn(async move {
                let r = w.insert(&s, record(n)).await;
                if r.is_ok() {
                    assert!(s.token(&format!("{n:064x}")).unwrap().is_some());
                }
                (n, r.is_ok())
            }));
        }
        for t in tasks {
            let (n, ok) = t.await.unwrap();
            assert_eq!(ok, n != 0, "token {n}");
        }
    }
}
