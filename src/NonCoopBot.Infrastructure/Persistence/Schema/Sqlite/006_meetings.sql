-- Emergency Bureau meetings (issue 9): one row per meeting (its document as JSON, the state and the poll lease
-- as columns), one row per member's vote on a slot.
CREATE TABLE meetings (
    id           TEXT NOT NULL PRIMARY KEY,
    state        TEXT NOT NULL,
    next_poll_at TEXT NULL,
    lease_owner  TEXT NULL,
    lease_until  TEXT NULL,
    booked_start TEXT NULL,
    booked_by    TEXT NULL,
    document     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX meetings_due ON meetings (next_poll_at) WHERE state <> 'Closed';

CREATE TABLE meeting_votes (
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    member_id  TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    answer     TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id, slot_start)
);
