-- The Bureau's record (issue 10): roster loads with who, when and what changed; appointments with since-when and by whom.
CREATE TABLE roster_history (
    id         bigserial   NOT NULL PRIMARY KEY,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL,
    source     text        NOT NULL,
    changes    text        NOT NULL,
    roster     text        NOT NULL
);

CREATE TABLE roster_appointments (
    member_id text        NOT NULL,
    kind      text        NOT NULL,
    since     timestamptz NOT NULL,
    by_whom   text        NOT NULL,
    PRIMARY KEY (member_id, kind)
);
