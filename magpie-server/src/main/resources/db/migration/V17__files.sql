-- Files offered through the server (issue 17). The content lives in the data directory, named by
-- its SHA-256 (files/blobs/ab/ab12...), so two offers of the same bytes share one copy; a row's
-- sha256 is its link. to_user_id / to_group_id: one of them is 0. state: the protocol's FileState.
-- Times are epoch milliseconds.

CREATE TABLE files (
    file_id     BIGINT       NOT NULL PRIMARY KEY,
    sender_id   BIGINT       NOT NULL,
    to_user_id  BIGINT       NOT NULL,
    to_group_id BIGINT       NOT NULL,
    name        VARCHAR(255) NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    mime_type   VARCHAR(127) NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    thumbnail   ${bytes},
    state       SMALLINT     NOT NULL,
    created_ms  BIGINT       NOT NULL,
    expires_ms  BIGINT       NOT NULL
)${table_options};

CREATE INDEX files_sender ON files (sender_id, expires_ms);
CREATE INDEX files_expiry ON files (expires_ms);
CREATE INDEX files_sha ON files (sha256);

-- Who may fetch a file besides its sender, and their answer (0 none, 1 accepted, 2 declined).
CREATE TABLE file_recipients (
    file_id BIGINT   NOT NULL,
    user_id BIGINT   NOT NULL,
    answer  SMALLINT NOT NULL,
    PRIMARY KEY (file_id, user_id)
)${table_options};

CREATE INDEX file_recipients_user ON file_recipients (user_id);
