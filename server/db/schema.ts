/**
 * The tenant database. Replicated collections keep their REST document as
 * JSON in `body`, with `updated_at`/`id` for checkpoints and a few columns
 * for lookups; deleted documents stay as tombstones (`deleted = 1`).
 */
export const schemaVersion = 1;

export const schemaSql = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE IF NOT EXISTS clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS technical_users (
  id TEXT PRIMARY KEY,
  name_key TEXT NOT NULL,
  search TEXT NOT NULL,
  counts_for_plan INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS technical_users_name ON technical_users(name_key) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS technical_users_checkpoint ON technical_users(updated_at, id);

CREATE TABLE IF NOT EXISTS roles (
  id TEXT PRIMARY KEY,
  name_key TEXT NOT NULL,
  parent_id TEXT,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS roles_checkpoint ON roles(updated_at, id);

CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  technical_user_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS tokens_user ON tokens(technical_user_id);
CREATE INDEX IF NOT EXISTS tokens_checkpoint ON tokens(updated_at, id);

CREATE TABLE IF NOT EXISTS session_days (
  id TEXT PRIMARY KEY,
  technical_user_id TEXT NOT NULL,
  date TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS session_days_date ON session_days(date, technical_user_id);
CREATE INDEX IF NOT EXISTS session_days_checkpoint ON session_days(updated_at, id);

CREATE TABLE IF NOT EXISTS session_day_clients (
  technical_user_id TEXT NOT NULL,
  date TEXT NOT NULL,
  client_key TEXT NOT NULL,
  PRIMARY KEY (technical_user_id, date, client_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL,
  technical_user_id TEXT NOT NULL,
  date TEXT NOT NULL,
  client_key TEXT NOT NULL,
  last_call_at TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_open ON sessions(token_id, client_key, last_call_at);
CREATE INDEX IF NOT EXISTS sessions_user_date ON sessions(technical_user_id, date);

CREATE TABLE IF NOT EXISTS audit (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL,
  related_id TEXT,
  at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audit_subject ON audit(subject_id, at);
CREATE INDEX IF NOT EXISTS audit_related ON audit(related_id, at);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at, id);
CREATE INDEX IF NOT EXISTS audit_checkpoint ON audit(updated_at, id);

CREATE TABLE IF NOT EXISTS employees (
  id TEXT PRIMARY KEY,
  search TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS integrations (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS integrations_owner ON integrations(owner_id);

-- Records integrations created or edited through the integration API (the catalog's samples are not stored).
CREATE TABLE IF NOT EXISTS object_records (
  object TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  PRIMARY KEY (object, id)
) STRICT;

-- Notification e-mail to subscribed technical users' addresses, kept until the relay took it.
CREATE TABLE IF NOT EXISTS notifications (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  headers TEXT NOT NULL,
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  sent_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS notifications_due ON notifications(sent_at, next_attempt_at);
`;
