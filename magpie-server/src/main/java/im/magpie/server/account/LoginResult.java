package im.magpie.server.account;

/** A successful register, login or resume: who, which session, and (not for resume) the new token. */
public record LoginResult(User user, SessionRecord session, String resumeToken) {}
