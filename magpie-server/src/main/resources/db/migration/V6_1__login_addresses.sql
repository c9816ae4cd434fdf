-- Addresses each account has logged in from with its password (IPv4, or an IPv6 /64), so the login
-- throttle can keep letting the owner in while strangers' guesses close the account (docs/security.md).
-- At most 50 per user are kept (the least recent are deleted).

CREATE TABLE login_addresses (
    user_id       BIGINT      NOT NULL,
    address       VARCHAR(64) NOT NULL,
    last_login_ms BIGINT      NOT NULL,
    CONSTRAINT pk_login_addresses PRIMARY KEY (user_id, address),
    CONSTRAINT fk_login_addresses_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
)${table_options};
