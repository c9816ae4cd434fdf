package im.magpie.desktop.model;

/** A group this account belongs to. */
public record GroupSummary(long groupId, String name, int memberCount) {}
