package im.magpie.desktop.model;

/** A user found by the add-friend search. */
public record UserHit(long userId, String username, String nickname, String signature) {}
