-- The Bureau's roster (one document), matters (snapshot JSON with an optimistic version), the matter
-- number sequence, and the domain-event outbox written in the same transaction as each matter change.
CREATE TABLE roster (
    id         integer     NOT NULL PRIMARY KEY CHECK (id = 1),
    json       text        NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE matter_sequence (
    year  integer NOT NULL PRIMARY KEY,
    value bigint  NOT NULL
);

CREATE TABLE matters (
    id         text        NOT NULL PRIMARY KEY,
    version    bigint      NOT NULL,
    scenario   text        NOT NULL,
    status     text        NOT NULL,
    state_code text        NOT NULL,
    snapshot   text        NOT NULL,
    opened_at  timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX ix_matters_status ON matters (status);

CREATE TABLE domain_events (
    id           bigserial   NOT NULL PRIMARY KEY,
    matter_id    text        NOT NULL,
    kind         text        NOT NULL,
    payload      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    processed_at timestamptz NULL
);

CREATE INDEX ix_domain_events_pending ON domain_events (id) WHERE processed_at IS NULL;
