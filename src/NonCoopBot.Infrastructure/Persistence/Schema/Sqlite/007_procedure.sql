-- Formal procedure of a Court referral (issue 11): one procedure per 7(a) matter (snapshot JSON with an
-- optimistic version), its durable reminders (one row per reminder and recipient, each sent once), the
-- procedure cards posted (to update them in place), the next Assembly session and the Secretariat's
-- recorded withdrawals, accessions and arrangements.
CREATE TABLE procedures (
    matter_id  TEXT    NOT NULL PRIMARY KEY,
    version    INTEGER NOT NULL,
    snapshot   TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE procedure_reminders (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    matter_id     TEXT    NOT NULL,
    reminder_key  TEXT    NOT NULL,
    recipient_aad TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    due_at        TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'pending',
    claimed_by    TEXT    NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (matter_id, reminder_key, recipient_aad)
);

CREATE INDEX ix_procedure_reminders_due ON procedure_reminders (due_at) WHERE state = 'pending';

CREATE TABLE procedure_cards (
    matter_id       TEXT NOT NULL,
    viewer_aad      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    service_url     TEXT NOT NULL,
    activity_id     TEXT NOT NULL,
    PRIMARY KEY (matter_id, viewer_aad, conversation_id)
);

CREATE TABLE assembly_session (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    starts_on   TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL
);

CREATE TABLE state_status_changes (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    state_code   TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    effective_on TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL
);
