-- Every user's inbox: an append-only log of events numbered 1, 2, 3, ... per user
-- (messages received and sent, friend requests and answers, receipts, recalls, group notices).
-- inbox_heads holds each user's last sequence; it is created with the account, and every append
-- updates it in the same transaction, which orders concurrent appends to one user's inbox.

CREATE TABLE inbox_heads (
    user_id  BIGINT NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL
)${table_options};

CREATE TABLE inbox_events (
    user_id BIGINT   NOT NULL,
    seq     BIGINT   NOT NULL,
    time_ms BIGINT   NOT NULL,
    event   ${bytes} NOT NULL,      -- a serialized magpie.v1.InboxEvent (its seq field left 0)
    PRIMARY KEY (user_id, seq)
)${table_options};

INSERT INTO inbox_heads (user_id, last_seq) SELECT user_id, 0 FROM users;
