-- The newest receipt each reader has given per conversation and kind ("read up to message X").
-- A receipt that does not move it (a client repeating itself after a reconnect, or looping)
-- appends nothing to anyone's inbox. conversation: the messages table's key ('u<min>_<max>' or
-- 'g<group id>'); kind: the protocol's ReceiptKind number; message ids grow with time.

CREATE TABLE receipt_marks (
    reader_id    BIGINT      NOT NULL,
    conversation VARCHAR(48) NOT NULL,
    kind         SMALLINT    NOT NULL,
    up_to_id     BIGINT      NOT NULL,
    PRIMARY KEY (reader_id, conversation, kind)
)${table_options};
