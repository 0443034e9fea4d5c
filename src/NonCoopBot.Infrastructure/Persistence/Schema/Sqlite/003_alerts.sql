-- Alerts (issue 4): one row per alert (a domain event to announce), one delivery-ledger row per recipient,
-- one tracker row per President / acting Vice-President, and an audit of refused acknowledgements.
-- Rows are written in the transaction of the matter change that raised the event (outbox).
CREATE TABLE alerts (
    id                 TEXT    NOT NULL PRIMARY KEY,
    matter_id          TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    scenario           TEXT    NOT NULL,
    payload            TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    recipients         INTEGER NOT NULL,
    first_ack_at       TEXT    NULL,
    all_acked_at       TEXT    NULL,
    silent_notified_at TEXT    NULL
);

CREATE TABLE alert_deliveries (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    alert_id         TEXT    NOT NULL REFERENCES alerts (id),
    member_id        TEXT    NOT NULL,
    member_aad       TEXT    NOT NULL,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    status_code      INTEGER NULL,
    error_code       TEXT    NULL,
    next_attempt_at  TEXT    NOT NULL,
    claimed_by       TEXT    NULL,
    claim_expires_at TEXT    NULL,
    activity_id      TEXT    NULL,
    conversation_id  TEXT    NULL,
    service_url      TEXT    NULL,
    sent_at          TEXT    NULL,
    acknowledged_at  TEXT    NULL,
    reminders_sent   INTEGER NOT NULL DEFAULT 0,
    next_reminder_at TEXT    NULL,
    updated_at       TEXT    NOT NULL,
    UNIQUE (alert_id, member_aad)
);

CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'queued';
CREATE INDEX ix_alert_deliveries_sending ON alert_deliveries (claim_expires_at) WHERE state = 'sending';
CREATE INDEX ix_alert_deliveries_reminders ON alert_deliveries (next_reminder_at) WHERE next_reminder_at IS NOT NULL;

CREATE TABLE alert_trackers (
    alert_id         TEXT    NOT NULL REFERENCES alerts (id),
    member_aad       TEXT    NOT NULL,
    member_id        TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    status_code      INTEGER NULL,
    next_attempt_at  TEXT    NOT NULL,
    claimed_by       TEXT    NULL,
    claim_expires_at TEXT    NULL,
    activity_id      TEXT    NULL,
    conversation_id  TEXT    NULL,
    service_url      TEXT    NULL,
    dirty            INTEGER NOT NULL DEFAULT 0,
    updates          INTEGER NOT NULL DEFAULT 0,
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (alert_id, member_aad)
);

CREATE TABLE alert_audit (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    alert_id   TEXT    NOT NULL,
    sender_aad TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    at         TEXT    NOT NULL
);
