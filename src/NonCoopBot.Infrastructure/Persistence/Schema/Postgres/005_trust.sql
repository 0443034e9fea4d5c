-- Issue 7. Completed commands: the id of a confirmed draft (good offices, oral report) is written in the
-- transaction of the matter change it made, so a repeated "yes" or a re-delivery finds it and changes nothing.
CREATE TABLE matter_commands (
    id           text        NOT NULL PRIMARY KEY,
    matter_id    text        NOT NULL,
    completed_at timestamptz NOT NULL
);

-- The roster's version, bumped by every change: each instance compares it to its cached copy within seconds.
ALTER TABLE roster ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Refusals are capped per sender per day: the count reads this index.
CREATE INDEX ix_alert_audit_sender ON alert_audit (sender_aad, at);
