package im.magpie.desktop.model;

import java.util.List;
import java.util.Set;

/**
 * What the library layer tells the view models, in the desktop's own terms (no library types), so
 * that a change of the client library touches only {@code MessengerGateway} and
 * {@code EventTranslator}.
 */
public sealed interface DesktopEvent {
    /** The connection moved. */
    record Connection(ConnectionState state) implements DesktopEvent {}

    /** Messages of these conversations were added or changed (marks, recalls): re-read them. */
    record ChatsChanged(Set<ChatKey> chats) implements DesktopEvent {}

    /** Messages that arrived from others, for notifications. */
    record Arrived(List<ChatMessage> messages) implements DesktopEvent {}

    /** A queued message could not be sent for good. */
    record SendFailed(ChatMessage message, Failure reason) implements DesktopEvent {}

    /** The friend list (or a friend's presence or profile) changed: re-read it. */
    record FriendsChanged() implements DesktopEvent {}

    /** This account's profile changed (from another device, or the server's answer to an edit here). */
    record SelfChanged(SelfProfile profile) implements DesktopEvent {}

    /** The group list changed: re-read it. */
    record GroupsChanged() implements DesktopEvent {}

    /** A friend request or group invitation arrived. */
    record NoticeArrived(Notice notice) implements DesktopEvent {}

    /** A friend request or invitation was answered elsewhere: drop it from the list. */
    record NoticeGone(String key) implements DesktopEvent {}

    /** Someone joined or left a group. */
    record GroupChanged(GroupActivity activity) implements DesktopEvent {}

    /** A watched group's member came or went. */
    record MemberPresence(long groupId, long userId, PresenceState presence, int onlineCount) implements DesktopEvent {}

    /** A file or image offered to this account. */
    record FileOffered(FileTransfer file) implements DesktopEvent {}

    /** The recipient of a file this account offered answered. */
    record FileAnswered(long fileId, boolean accepted) implements DesktopEvent {}

    /** Bytes of a transfer moved ({@code direct}: over the direct channel). */
    record FileMoved(long fileId, boolean upload, long bytesDone, long totalBytes, boolean direct) implements DesktopEvent {}

    /** A transfer finished: uploaded, or downloaded into {@code file}. */
    record FileDone(long fileId, boolean upload, java.nio.file.Path file) implements DesktopEvent {}

    /** A transfer failed ({@code declined}: the friend said no to a direct file). */
    record FileFailed(long fileId, boolean upload, Failure reason, boolean declined) implements DesktopEvent {}

    /** How a one-to-one chat travels now: over a direct channel, or via the server. */
    record PathChanged(ChatKey chat, boolean direct) implements DesktopEvent {}

    /** Writing the local history failed (disk full, damaged): shown in the status bar. */
    record StorageProblem(String detail) implements DesktopEvent {}
}
