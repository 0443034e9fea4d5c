-- IStorage items (dialog state, conversation references, ...). json is text (not jsonb) so a value
-- reads back exactly as written, as on SQLite and in memory.
CREATE TABLE storage_items (
    key        text        NOT NULL PRIMARY KEY,
    json       text        NOT NULL,
    version    bigint      NOT NULL,
    expires_at timestamptz NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX ix_storage_items_expires_at ON storage_items (expires_at) WHERE expires_at IS NOT NULL;
