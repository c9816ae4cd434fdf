-- Accounts and their logged-in devices. Times are epoch milliseconds (portable across databases);
-- ids come from the server's IdGenerator (no database-specific auto-increment).
-- Migration numbers per feature: V1 accounts, V2 social, V3 messaging, V4 groups (V2_1 etc. for later changes).

CREATE TABLE users (
    user_id       BIGINT       NOT NULL PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,   -- canonical: lower case
    nickname      VARCHAR(128) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,   -- Argon2id PHC string
    signature     VARCHAR(320) NOT NULL DEFAULT '',
    avatar_hash   VARCHAR(64)  NOT NULL DEFAULT '',
    created_ms    BIGINT       NOT NULL,
    CONSTRAINT uq_users_username UNIQUE (username)
)${table_options};

CREATE TABLE user_sessions (
    session_id  VARCHAR(40)  NOT NULL PRIMARY KEY,
    user_id     BIGINT       NOT NULL,
    token_hash  VARCHAR(64)  NOT NULL,     -- hex SHA-256 of the resume token; the token itself is never stored
    device_name VARCHAR(256) NOT NULL,
    created_ms  BIGINT       NOT NULL,
    expires_ms  BIGINT       NOT NULL,
    CONSTRAINT uq_user_sessions_token UNIQUE (token_hash),
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
)${table_options};

CREATE INDEX ix_user_sessions_user ON user_sessions (user_id);
