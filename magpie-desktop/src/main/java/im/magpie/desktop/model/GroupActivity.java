package im.magpie.desktop.model;

/**
 * A change in a group told to its members, naming who: shown as a line in the group chat.
 *
 * @param groupId the group
 * @param kind what happened
 * @param actorName who did it
 * @param subjectName whom it concerns (the one who joined, left or was removed)
 * @param timeMs when
 */
public record GroupActivity(long groupId, Kind kind, String actorName, String subjectName, long timeMs) {
    /** The changes shown in the chat. */
    public enum Kind { JOINED, LEFT, REMOVED, DISSOLVED, UPDATED }
}
