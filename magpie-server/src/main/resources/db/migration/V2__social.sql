-- The social graph. A friendship is two rows, one per side, because each side keeps its own
-- category and remark (QQ's 分组 and 备注). Category 0 is the default "My Friends".

CREATE TABLE friendships (
    owner_id    BIGINT       NOT NULL,
    friend_id   BIGINT       NOT NULL,
    category_id BIGINT       NOT NULL DEFAULT 0,
    remark      VARCHAR(128) NOT NULL DEFAULT '',
    since_ms    BIGINT       NOT NULL,
    PRIMARY KEY (owner_id, friend_id)
)${table_options};

CREATE INDEX ix_friendships_friend ON friendships (friend_id);

CREATE TABLE blocks (
    owner_id   BIGINT NOT NULL,
    blocked_id BIGINT NOT NULL,
    since_ms   BIGINT NOT NULL,
    PRIMARY KEY (owner_id, blocked_id)
)${table_options};
