-- IStorage items (dialog state, conversation references, ...). Times are UTC ISO-8601 text
-- (yyyy-MM-ddTHH:mm:ss.fffffffZ, fixed width), so text comparison is chronological.
CREATE TABLE storage_items (
    key        TEXT    NOT NULL PRIMARY KEY,
    json       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    expires_at TEXT    NULL,
    updated_at TEXT    NOT NULL
);

CREATE INDEX ix_storage_items_expires_at ON storage_items (expires_at) WHERE expires_at IS NOT NULL;
