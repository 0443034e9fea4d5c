-- Formal procedure of a Court referral (issue 11): one procedure per 7(a) matter (snapshot JSON with an
-- optimistic version), its durable reminders (one row per reminder and recipient, each sent once), the
-- procedure cards posted (to update them in place), the next Assembly session and the Secretariat's
-- recorded withdrawals, accessions and arrangements. Dates (starts_on, effective_on) are ISO text (yyyy-MM-dd).
CREATE TABLE procedures (
    matter_id  text    NOT NULL PRIMARY KEY,
    version    bigint  NOT NULL,
    snapshot   text        NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE procedure_reminders (
    id            bigserial   NOT NULL PRIMARY KEY,
    matter_id     text        NOT NULL,
    reminder_key  text        NOT NULL,
    recipient_aad text        NOT NULL,
    text          text        NOT NULL,
    due_at        timestamptz NOT NULL,
    state         text    NOT NULL DEFAULT 'pending',
    claimed_by    text    NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (matter_id, reminder_key, recipient_aad)
);

CREATE INDEX ix_procedure_reminders_due ON procedure_reminders (due_at) WHERE state = 'pending';

CREATE TABLE procedure_cards (
    matter_id       text NOT NULL,
    viewer_aad      text NOT NULL,
    conversation_id text NOT NULL,
    service_url     text NOT NULL,
    activity_id     text NOT NULL,
    PRIMARY KEY (matter_id, viewer_aad, conversation_id)
);

CREATE TABLE assembly_session (
    id          integer NOT NULL PRIMARY KEY CHECK (id = 1),
    starts_on   text        NOT NULL,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL
);

CREATE TABLE state_status_changes (
    id           bigserial   NOT NULL PRIMARY KEY,
    state_code   text        NOT NULL,
    kind         text        NOT NULL,
    effective_on text        NOT NULL,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);
