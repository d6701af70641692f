-- V1: the schema as it was before versioned migrations (gateway.db made by
-- akl up to the release that introduced `schema_version`). Every statement
-- is IF NOT EXISTS, so an unversioned gateway.db that already has these
-- tables is recognised and recorded as V1 without being changed.
CREATE TABLE IF NOT EXISTS auth_methods (
    name TEXT PRIMARY KEY,
    access_id TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS k8s_configs (
    name TEXT PRIMARY KEY,
    sealed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 TEXT PRIMARY KEY,
    expiry INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_expiry ON tokens(expiry);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    item_type TEXT NOT NULL,
    data TEXT NOT NULL,
    sealed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS expiration_events (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    threshold_days INTEGER NOT NULL,
    emitted INTEGER NOT NULL,
    PRIMARY KEY (item_id, threshold_days)
);
CREATE TABLE IF NOT EXISTS event_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS event_outbox_due ON event_outbox(next_attempt_ms);

CREATE TABLE IF NOT EXISTS roles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS role_rules (
    role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    rule_type TEXT NOT NULL,
    path TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (role_id, rule_type, path)
);
CREATE TABLE IF NOT EXISTS role_assocs (
    assoc_id TEXT PRIMARY KEY,
    role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    am_access_id TEXT NOT NULL,
    sub_claims TEXT NOT NULL,
    case_sensitive INTEGER NOT NULL,
    UNIQUE (role_id, am_access_id, sub_claims)
);
CREATE INDEX IF NOT EXISTS role_assocs_am ON role_assocs(am_access_id);

CREATE TABLE IF NOT EXISTS secret_versions (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    sealed TEXT NOT NULL,
    PRIMARY KEY (item_id, version)
);
