-- Emergency Bureau meetings (issue 9): one row per meeting (its document as JSON, the state and the poll lease
-- as columns), one row per member's vote on a slot.
CREATE TABLE meetings (
    id           text        NOT NULL PRIMARY KEY,
    state        text        NOT NULL,
    next_poll_at timestamptz NULL,
    lease_owner  text        NULL,
    lease_until  timestamptz NULL,
    booked_start timestamptz NULL,
    booked_by    text        NULL,
    document     text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE INDEX meetings_due ON meetings (next_poll_at) WHERE state <> 'Closed';

CREATE TABLE meeting_votes (
    meeting_id text        NOT NULL REFERENCES meetings (id),
    member_id  text        NOT NULL,
    slot_start text        NOT NULL,
    answer     text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, member_id, slot_start)
);
