-- The Bureau's roster (one document), matters (snapshot JSON with an optimistic version), the matter
-- number sequence, and the domain-event outbox written in the same transaction as each matter change.
CREATE TABLE roster (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    json       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE matter_sequence (
    year  INTEGER NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE matters (
    id            TEXT    NOT NULL PRIMARY KEY,
    version       INTEGER NOT NULL,
    scenario      TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    state_code    TEXT    NOT NULL,
    snapshot      TEXT    NOT NULL,
    opened_at     TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX ix_matters_status ON matters (status);

CREATE TABLE domain_events (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    matter_id    TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL,
    processed_at TEXT    NULL
);

CREATE INDEX ix_domain_events_pending ON domain_events (id) WHERE processed_at IS NULL;
