-- Groups (chat rooms): the group, its members with their role, pending invitations and join
-- requests. Roles and join policies are small integers (see im.magpie.server.group.GroupRole and
-- JoinPolicy); booleans are SMALLINT 0/1 for portability. member_count is kept in step with
-- group_members in the same transaction; "UPDATE ... SET member_count = member_count + 1 WHERE
-- member_count < :max" both enforces the size limit and serialises concurrent joins on the group row.
-- lobby_slot is 1 for the server's single lobby and NULL for every other group (a unique column
-- admits many NULLs on H2, PostgreSQL and MariaDB), so two nodes starting at once cannot make two.

CREATE TABLE chat_groups (
    group_id         BIGINT       NOT NULL PRIMARY KEY,
    name             VARCHAR(160) NOT NULL,
    announcement     VARCHAR(2000) NOT NULL DEFAULT '',
    avatar_hash      VARCHAR(64)  NOT NULL DEFAULT '',
    owner_id         BIGINT       NOT NULL,       -- 0 for the lobby (owned by the server)
    join_policy      SMALLINT     NOT NULL,
    private_chat     SMALLINT     NOT NULL,
    lobby_slot       SMALLINT     NULL,
    member_count     INT          NOT NULL,
    created_ms       BIGINT       NOT NULL,
    CONSTRAINT uq_chat_groups_lobby UNIQUE (lobby_slot)
)${table_options};

CREATE TABLE group_members (
    group_id  BIGINT   NOT NULL,
    user_id   BIGINT   NOT NULL,
    member_role SMALLINT NOT NULL,
    joined_ms BIGINT   NOT NULL,
    PRIMARY KEY (group_id, user_id)
)${table_options};

CREATE INDEX ix_group_members_user ON group_members (user_id);

CREATE TABLE group_invitations (
    group_id   BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,      -- the invitee
    inviter_id BIGINT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
)${table_options};

CREATE INDEX ix_group_invitations_user ON group_invitations (user_id);

CREATE TABLE group_join_requests (
    group_id   BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    note       VARCHAR(800) NOT NULL DEFAULT '',
    created_ms BIGINT       NOT NULL,
    PRIMARY KEY (group_id, user_id)
)${table_options};
