-- The Bureau's record (issue 10): roster loads with who, when and what changed; appointments with since-when and by whom.
CREATE TABLE roster_history (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    changes    TEXT    NOT NULL,
    roster     TEXT    NOT NULL
);

CREATE TABLE roster_appointments (
    member_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    since     TEXT NOT NULL,
    by_whom   TEXT NOT NULL,
    PRIMARY KEY (member_id, kind)
);
