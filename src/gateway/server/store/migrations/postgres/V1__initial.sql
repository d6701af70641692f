-- V1: the SQLite V1 schema in PostgreSQL types (BIGINT for every integer
-- the store reads as i64, BOOLEAN for flags), plus the outbox lease column
-- that lets several replicas share the outbox without double deliveries.
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
    expiry BIGINT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_expiry ON tokens(expiry);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    item_type TEXT NOT NULL,
    data TEXT NOT NULL,
    sealed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS expiration_events (
    item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    threshold_days BIGINT NOT NULL,
    emitted BIGINT NOT NULL,
    PRIMARY KEY (item_id, threshold_days)
);
CREATE TABLE IF NOT EXISTS event_outbox (
    id BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL,
    lease_until_ms BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_outbox_due ON event_outbox(next_attempt_ms);
CREATE TABLE IF NOT EXISTS roles (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS role_rules (
    role_id BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    rule_type TEXT NOT NULL,
    path TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (role_id, rule_type, path)
);
CREATE TABLE IF NOT EXISTS role_assocs (
    assoc_id TEXT PRIMARY KEY,
    role_id BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    am_access_id TEXT NOT NULL,
    sub_claims TEXT NOT NULL,
    case_sensitive BOOLEAN NOT NULL,
    UNIQUE (role_id, am_access_id, sub_claims)
);
CREATE INDEX IF NOT EXISTS role_assocs_am ON role_assocs(am_access_id);
CREATE TABLE IF NOT EXISTS secret_versions (
    item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    created BIGINT NOT NULL,
    modified BIGINT NOT NULL,
    sealed TEXT NOT NULL,
    PRIMARY KEY (item_id, version)
);
