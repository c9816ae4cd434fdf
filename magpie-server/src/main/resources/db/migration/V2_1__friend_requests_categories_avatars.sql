-- Friend requests, friend categories (QQ's 分组) and avatars.

-- A friend request from from_id to to_id. req_state is the FriendRequestState number
-- (1 pending, 2 accepted, 3 rejected, 4 cancelled, 5 expired). A pending request whose
-- expires_ms has passed counts as expired; it is marked so when next touched.
-- open_pair is "lower_id:higher_id" while the request is pending and NULL afterwards, so the unique
-- constraint allows at most one open request per pair of users, in either direction.
-- silenced = 1: the target blocks the requester. The requester sees the request as pending (the block
-- is not revealed); the target never sees it.
CREATE TABLE friend_requests (
    request_id  BIGINT       NOT NULL PRIMARY KEY,
    from_id     BIGINT       NOT NULL,
    to_id       BIGINT       NOT NULL,
    note        VARCHAR(800) NOT NULL DEFAULT '',
    req_state   SMALLINT     NOT NULL,
    silenced    SMALLINT     NOT NULL DEFAULT 0,
    open_pair   VARCHAR(48),
    created_ms  BIGINT       NOT NULL,
    expires_ms  BIGINT       NOT NULL,
    answered_ms BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_friend_requests_open UNIQUE (open_pair)
)${table_options};

CREATE INDEX ix_friend_requests_to ON friend_requests (to_id, req_state);
CREATE INDEX ix_friend_requests_from ON friend_requests (from_id, req_state);

-- A user's own friend categories. The default category "My Friends" is id 0 and not stored.
CREATE TABLE friend_categories (
    category_id BIGINT       NOT NULL PRIMARY KEY,
    owner_id    BIGINT       NOT NULL,
    name        VARCHAR(128) NOT NULL,
    sort_order  INT          NOT NULL,
    created_ms  BIGINT       NOT NULL,
    CONSTRAINT uq_friend_categories_name UNIQUE (owner_id, name)
)${table_options};

-- Normalised avatars (128x128 PNG), addressed by the hex SHA-256 of their bytes, shared by every
-- user who uploads the same picture.
CREATE TABLE avatars (
    avatar_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    image       ${bytes}    NOT NULL,
    created_ms  BIGINT      NOT NULL
)${table_options};

CREATE INDEX ix_users_avatar ON users (avatar_hash);
CREATE INDEX ix_blocks_blocked ON blocks (blocked_id);
