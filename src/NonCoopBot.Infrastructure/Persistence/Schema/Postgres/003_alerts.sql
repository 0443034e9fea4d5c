-- Alerts (issue 4): one row per alert (a domain event to announce), one delivery-ledger row per recipient,
-- one tracker row per President / acting Vice-President, and an audit of refused acknowledgements.
-- Rows are written in the transaction of the matter change that raised the event (outbox).
CREATE TABLE alerts (
    id                 text    NOT NULL PRIMARY KEY,
    matter_id          text    NOT NULL,
    kind               text    NOT NULL,
    scenario           text    NOT NULL,
    payload            text    NOT NULL,
    created_at         timestamptz NOT NULL,
    recipients         integer NOT NULL,
    first_ack_at       timestamptz NULL,
    all_acked_at       timestamptz NULL,
    silent_notified_at timestamptz NULL
);

CREATE TABLE alert_deliveries (
    id               bigserial   NOT NULL PRIMARY KEY,
    alert_id         text    NOT NULL REFERENCES alerts (id),
    member_id        text    NOT NULL,
    member_aad       text    NOT NULL,
    idempotency_key  text    NOT NULL UNIQUE,
    state            text    NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    status_code      integer NULL,
    error_code       text    NULL,
    next_attempt_at  timestamptz NOT NULL,
    claimed_by       text    NULL,
    claim_expires_at timestamptz NULL,
    activity_id      text    NULL,
    conversation_id  text    NULL,
    service_url      text    NULL,
    sent_at          timestamptz NULL,
    acknowledged_at  timestamptz NULL,
    reminders_sent   integer NOT NULL DEFAULT 0,
    next_reminder_at timestamptz NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (alert_id, member_aad)
);

CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'queued';
CREATE INDEX ix_alert_deliveries_sending ON alert_deliveries (claim_expires_at) WHERE state = 'sending';
CREATE INDEX ix_alert_deliveries_reminders ON alert_deliveries (next_reminder_at) WHERE next_reminder_at IS NOT NULL;

CREATE TABLE alert_trackers (
    alert_id         text    NOT NULL REFERENCES alerts (id),
    member_aad       text    NOT NULL,
    member_id        text    NOT NULL,
    state            text    NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    status_code      integer NULL,
    next_attempt_at  timestamptz NOT NULL,
    claimed_by       text    NULL,
    claim_expires_at timestamptz NULL,
    activity_id      text    NULL,
    conversation_id  text    NULL,
    service_url      text    NULL,
    dirty            integer NOT NULL DEFAULT 0,
    updates          integer NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (alert_id, member_aad)
);

CREATE TABLE alert_audit (
    id         bigserial   NOT NULL PRIMARY KEY,
    alert_id   text    NOT NULL,
    sender_aad text    NOT NULL,
    reason     text    NOT NULL,
    at         timestamptz NOT NULL
);
