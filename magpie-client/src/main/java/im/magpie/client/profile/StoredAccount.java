package im.magpie.client.profile;

/** An account logged in on one server, as kept in the profile. The token is a secret. */
public record StoredAccount(String server, long userId, String username, String resumeToken,
                            long resumeTokenExpiresMs) {
    @Override
    public String toString() {
        return "StoredAccount[" + username + "@" + server + ", id " + userId + "]"; // never the token
    }
}
