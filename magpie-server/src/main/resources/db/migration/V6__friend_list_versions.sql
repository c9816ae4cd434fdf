-- One number per user that changes whenever their friend list does (friends, categories, remarks,
-- blocks, a friend's nickname, signature or avatar), so a reconnecting device that holds the list
-- of that version is not sent it again. A new user's row is made at registration (their first
-- login answer); the users already here get theirs now, their id as a first version (any value a
-- device cannot already hold will do).

CREATE TABLE friend_list_versions (
    user_id BIGINT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL,
    CONSTRAINT fk_friend_list_versions_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
)${table_options};

INSERT INTO friend_list_versions (user_id, version) SELECT user_id, user_id FROM users;
