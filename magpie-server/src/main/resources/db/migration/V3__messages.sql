-- Messages (one row per message, whatever the number of recipients). Inbox events of kind
-- "message" hold only the envelope (ids, sender, peer, time); the content lives here alone, so a
-- recall or the retention purge removes the text everywhere, and sync fills it in from this table.
-- peer_kind: 1 = a user (one-to-one), 2 = a group. conversation: 'u<min>_<max>' or 'g<group id>',
-- the key of history pages. sender_seq: the sender's inbox sequence, for repeating the ack of a retry.

CREATE TABLE messages (
    message_id    BIGINT      NOT NULL PRIMARY KEY,
    sender_id     BIGINT      NOT NULL,
    peer_kind     SMALLINT    NOT NULL,
    peer_id       BIGINT      NOT NULL,
    conversation  VARCHAR(48) NOT NULL,
    client_msg_id VARCHAR(64) NOT NULL,
    via_group_id  BIGINT      NOT NULL DEFAULT 0,
    content       ${bytes},                -- serialized magpie.v1.Content; NULL once recalled or purged
    time_ms       BIGINT      NOT NULL,
    sender_seq    BIGINT      NOT NULL,
    recalled      BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_messages_client UNIQUE (sender_id, client_msg_id)
)${table_options};

CREATE INDEX ix_messages_conversation ON messages (conversation, message_id);
CREATE INDEX ix_messages_time ON messages (time_ms);
