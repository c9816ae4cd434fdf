package im.magpie.server.group;

import im.magpie.protocol.proto.GroupNotice;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.social.SocialGraph;
import im.magpie.server.store.IdGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups: create, join (invitation, approved request, open), leave, remove, roles, ownership,
 * dissolve, settings, and the lobby. Blocking; call from worker threads. Thread-safe.
 *
 * <p>Every change is one transaction that first locks the group's row, so changes to one group
 * are serialised and each check sees the state it changes (a failed request changes nothing).
 * The notices a change causes ({@code InboxEvent.group_notice}) are appended to the inboxes of
 * the members in the same transaction and pushed after commit: a member who was offline finds them
 * on sync. A member who leaves or is removed gets that one notice and nothing of the group after.
 *
 * <p>Visibility: an INVITE_ONLY group is private; to a user who is neither a member nor invited it
 * does not exist (NOT_FOUND for every request). For other groups a non-member sees the public facts
 * and the member list, and gets FORBIDDEN for what needs membership.
 */
public final class GroupService {
    private static final Logger log = LoggerFactory.getLogger(GroupService.class);
    public static final int JOIN_NOTE_MAX_CHARS = 200;

    /** Told when a user stops being a member (left, removed, group dissolved), after commit. */
    @FunctionalInterface
    public interface MembershipEnded {
        void ended(long groupId, long userId);
    }

    private final Jdbi jdbi;
    private final GroupStore store;
    private final Inbox inbox;
    private final SocialGraph social;
    private final IdGenerator ids;
    private final Clock clock;
    private final LongPredicate online;
    private final int maxMembers;
    private final int maxGroupsPerUser;
    private volatile MembershipEnded membershipEnded = (g, u) -> {};

    GroupService(Jdbi jdbi, GroupStore store, Inbox inbox, SocialGraph social, IdGenerator ids, Clock clock,
                 LongPredicate online, int maxMembers, int maxGroupsPerUser) {
        this.jdbi = jdbi;
        this.store = store;
        this.inbox = inbox;
        this.social = social;
        this.ids = ids;
        this.clock = clock;
        this.online = online;
        this.maxMembers = maxMembers;
        this.maxGroupsPerUser = maxGroupsPerUser;
    }

    void onMembershipEnded(MembershipEnded listener) {
        this.membershipEnded = listener;
    }

    public int maxMembers() {
        return maxMembers;
    }

    /** What a transaction returns: its result, the events to publish after commit, who stopped being a member. */
    private record Outcome<T>(T result, List<StoredEvent> events, List<Long> ended) {}

    private <T> T run(long groupIdForEnded, TxBody<T> body) {
        Outcome<T> outcome = jdbi.inTransaction(tx -> {
            Changes changes = new Changes();
            T result = body.apply(tx, changes);
            return new Outcome<>(result, inbox.append(tx, changes.deliveries), changes.ended);
        });
        inbox.publish(outcome.events());
        for (long user : outcome.ended()) membershipEnded.ended(groupIdForEnded, user);
        return outcome.result();
    }

    @FunctionalInterface
    private interface TxBody<T> {
        T apply(Handle tx, Changes changes);
    }

    private static final class Changes {
        final List<Delivery> deliveries = new ArrayList<>();
        final List<Long> ended = new ArrayList<>();

        void notify(Collection<Long> users, GroupNotice notice) {
            InboxEvent event = InboxEvent.newBuilder().setGroupNotice(notice).build();
            for (long u : users) deliveries.add(new Delivery(u, event));
        }
    }

    private static GroupNotice notice(Group g, GroupNoticeKind kind, long actor, long subject, String text) {
        return GroupNotice.newBuilder().setGroupId(g.groupId()).setKind(kind).setActorId(actor).setSubjectId(subject)
                .setGroupName(g.name()).setText(text == null ? "" : text).build();
    }

    // --- reading ------------------------------------------------------------------------------

    /** The caller's groups, with their role and the online count. */
    public List<GroupView> list(long caller) {
        return jdbi.withHandle(h -> {
            var coMembers = store.coMembers(h, caller);
            List<GroupView> views = new ArrayList<>();
            for (Group g : store.groupsOf(h, caller)) {
                GroupRole role = store.member(h, g.groupId(), caller).map(Member::role).orElse(GroupRole.MEMBER);
                views.add(new GroupView(g, role, false, countOnline(coMembers.getOrDefault(g.groupId(), List.of()))));
            }
            return views;
        });
    }

    /** One group as the caller may see it (public facts only for a non-member). */
    public GroupView get(long caller, long groupId) {
        return jdbi.withHandle(h -> {
            Group g = visible(h, groupId, caller);
            Optional<Member> me = store.member(h, groupId, caller);
            if (me.isEmpty()) return new GroupView(g, null, true, 0);
            return new GroupView(g, me.get().role(), false, countOnline(store.memberIds(h, groupId)));
        });
    }

    /** The members, owner first; members only for a private group. */
    public List<MemberView> members(long caller, long groupId) {
        return jdbi.withHandle(h -> {
            visible(h, groupId, caller);
            return store.memberViews(h, groupId);
        });
    }

    /** Member ids; throws like {@link #members} if the caller may not see them. */
    public List<Long> memberIdsVisibleTo(long caller, long groupId) {
        return jdbi.withHandle(h -> {
            visible(h, groupId, caller);
            return store.memberIds(h, groupId);
        });
    }

    /** Member ids of a group (empty if none or no such group); no permission check. */
    public List<Long> memberIds(long groupId) {
        return jdbi.withHandle(h -> store.memberIds(h, groupId));
    }

    /** The groups a user is in, with every member id of each (for presence fan-out). */
    public java.util.Map<Long, List<Long>> coMembers(long userId) {
        return jdbi.withHandle(h -> store.coMembers(h, userId));
    }

    /** True if {@code viewer} may see the picture {@code hash} as some group's avatar. */
    public boolean groupAvatarVisibleTo(long viewer, String hash) {
        return jdbi.withHandle(h -> store.avatarVisibleTo(h, hash, viewer));
    }

    int countOnline(Collection<Long> userIds) {
        int n = 0;
        for (long u : userIds) if (online.test(u)) n++;
        return n;
    }

    // --- create and settings ------------------------------------------------------------------

    public GroupView create(long caller, String rawName, String rawAnnouncement, JoinPolicy policy,
                            boolean privateChatAllowed, List<Long> inviteIds) {
        return create(caller, rawName, rawAnnouncement, policy, privateChatAllowed, inviteIds, "");
    }

    /** Creates a group; {@code avatarHash} names a picture already checked and stored ("" = none). */
    public GroupView create(long caller, String rawName, String rawAnnouncement, JoinPolicy policy,
                            boolean privateChatAllowed, List<Long> inviteIds, String avatarHash) {
        String name = GroupRules.name(rawName);
        String announcement = GroupRules.announcement(rawAnnouncement);
        Set<Long> invitees = new LinkedHashSet<>(inviteIds);
        invitees.remove(caller);
        if (invitees.size() > maxMembers - 1) throw MagpieException.badRequest("group.invite.too_many", maxMembers - 1);
        long now = clock.millis();
        Group group = new Group(ids.next(), name, announcement, avatarHash, caller, policy == null ? JoinPolicy.APPROVAL : policy,
                privateChatAllowed, false, 1, now);
        GroupView view = run(group.groupId(), (tx, changes) -> {
            requireRoomForAnotherGroup(tx, caller);
            for (long invitee : invitees) checkInvitable(tx, caller, invitee);
            store.insertGroup(tx, group);
            store.insertMember(tx, new Member(group.groupId(), caller, GroupRole.OWNER, now));
            changes.notify(List.of(caller), notice(group, GroupNoticeKind.GROUP_CREATED, caller, caller, ""));
            for (long invitee : invitees) {
                store.insertInvitation(tx, group.groupId(), invitee, caller, now);
                changes.notify(List.of(invitee), notice(group, GroupNoticeKind.INVITED, caller, invitee, ""));
            }
            return new GroupView(group, GroupRole.OWNER, false, countOnline(List.of(caller)));
        });
        log.debug("group {} created by {} with {} invitations", group.groupId(), caller, invitees.size());
        return view;
    }

    /** Changes what is given (null = unchanged); admins and the owner only. */
    public GroupView update(long caller, long groupId, String rawName, String rawAnnouncement, JoinPolicy policy,
                            Boolean privateChatAllowed) {
        return update(caller, groupId, rawName, rawAnnouncement, policy, privateChatAllowed, null);
    }

    /** Like the other {@code update}; {@code avatarHash} names a picture already checked and stored (null = unchanged). */
    public GroupView update(long caller, long groupId, String rawName, String rawAnnouncement, JoinPolicy policy,
                            Boolean privateChatAllowed, String avatarHash) {
        String name = rawName == null ? null : GroupRules.name(rawName);
        String announcement = rawAnnouncement == null ? null : GroupRules.announcement(rawAnnouncement);
        return run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            Member me = requireAdmin(tx, g, caller);
            Group changed = new Group(g.groupId(), name == null ? g.name() : name,
                    announcement == null ? g.announcement() : announcement,
                    avatarHash == null ? g.avatarHash() : avatarHash, g.ownerId(),
                    policy == null ? g.joinPolicy() : policy,
                    privateChatAllowed == null ? g.privateChatAllowed() : privateChatAllowed,
                    g.lobby(), g.memberCount(), g.createdMs());
            store.updateSettings(tx, changed);
            if (avatarHash != null) store.setAvatar(tx, groupId, avatarHash);
            List<Long> members = store.memberIds(tx, groupId);
            changes.notify(members, notice(changed, GroupNoticeKind.GROUP_UPDATED, caller, 0, ""));
            return new GroupView(changed, me.role(), false, countOnline(members));
        });
    }

    // --- joining ------------------------------------------------------------------------------

    /** Invites {@code invitee}; any member may invite. Inviting someone already invited changes nothing. */
    public void invite(long caller, long groupId, long invitee) {
        if (invitee == caller) throw MagpieException.badRequest("group.invite.self");
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            requireMember(tx, g, caller);
            if (store.member(tx, groupId, invitee).isPresent()) throw MagpieException.conflict("group.invite.already_member");
            checkInvitable(tx, caller, invitee);
            if (g.memberCount() >= maxMembers) throw MagpieException.conflict("group.full", maxMembers);
            if (!store.hasInvitation(tx, groupId, invitee)) {
                store.insertInvitation(tx, groupId, invitee, caller, clock.millis());
                changes.notify(List.of(invitee), notice(g, GroupNoticeKind.INVITED, caller, invitee, ""));
            }
            return null;
        });
    }

    /** Accepts (joins; returns the group) or declines (returns null) a pending invitation. */
    public GroupView answerInvitation(long caller, long groupId, boolean accept) {
        return run(groupId, (tx, changes) -> {
            Group g = store.lock(tx, groupId).orElseThrow(GroupService::groupNotFound);
            if (!store.deleteInvitation(tx, groupId, caller)) throw MagpieException.notFound("group.invitation.not_found");
            if (!accept) return null;
            if (store.member(tx, groupId, caller).isPresent()) throw MagpieException.conflict("group.join.already_member");
            return join(tx, changes, g, caller, caller);
        });
    }

    /**
     * Asks to join: an OPEN group (or one that invited the caller) is joined at once; an APPROVAL
     * group gets a request its admins answer (the returned view then has no role).
     */
    public GroupView requestToJoin(long caller, long groupId, String rawNote) {
        String note = rawNote == null ? "" : rawNote.strip();
        if (note.codePointCount(0, note.length()) > JOIN_NOTE_MAX_CHARS || GroupRules.hasControl(note)) {
            throw MagpieException.badRequest("group.join.note_invalid", JOIN_NOTE_MAX_CHARS);
        }
        return run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            if (store.member(tx, groupId, caller).isPresent()) throw MagpieException.conflict("group.join.already_member");
            if (store.deleteInvitation(tx, groupId, caller) || g.joinPolicy() == JoinPolicy.OPEN) {
                return join(tx, changes, g, caller, caller);
            }
            if (g.joinPolicy() != JoinPolicy.APPROVAL) throw groupNotFound(); // private: unreachable via visible()
            if (store.hasJoinRequest(tx, groupId, caller)) throw MagpieException.conflict("group.join.pending");
            if (g.memberCount() >= maxMembers) throw MagpieException.conflict("group.full", maxMembers);
            store.insertJoinRequest(tx, groupId, caller, note, clock.millis());
            changes.notify(store.adminIds(tx, groupId), notice(g, GroupNoticeKind.JOIN_REQUESTED, caller, caller, note));
            return new GroupView(g, null, true, 0);
        });
    }

    /** An admin approves (the requester joins) or rejects (the requester is told) a join request. */
    public void answerJoinRequest(long caller, long groupId, long requester, boolean approve) {
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            requireAdmin(tx, g, caller);
            if (!store.deleteJoinRequest(tx, groupId, requester)) throw MagpieException.notFound("group.request.not_found");
            if (approve) {
                if (store.member(tx, groupId, requester).isPresent()) return null; // joined meanwhile (e.g. invited)
                join(tx, changes, g, requester, caller);
            } else {
                changes.notify(List.of(requester), notice(g, GroupNoticeKind.JOIN_REJECTED, caller, requester, ""));
            }
            return null;
        });
    }

    /** Adds {@code user} as a member within {@code tx} (group row locked) and tells every member. */
    private GroupView join(Handle tx, Changes changes, Group g, long user, long actor) {
        requireRoomForAnotherGroup(tx, user);
        if (!store.incrementIfRoom(tx, g.groupId(), maxMembers)) throw MagpieException.conflict("group.full", maxMembers);
        store.insertMember(tx, new Member(g.groupId(), user, GroupRole.MEMBER, clock.millis()));
        store.deleteInvitation(tx, g.groupId(), user);
        store.deleteJoinRequest(tx, g.groupId(), user);
        List<Long> members = store.memberIds(tx, g.groupId());
        changes.notify(members, notice(g, GroupNoticeKind.MEMBER_JOINED, actor, user, ""));
        Group joined = store.find(tx, g.groupId()).orElseThrow();
        return new GroupView(joined, GroupRole.MEMBER, false, countOnline(members));
    }

    // --- leaving ------------------------------------------------------------------------------

    /** Leaves the group. The owner cannot (CONFLICT): they transfer ownership or dissolve it first. */
    public void leave(long caller, long groupId) {
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            Member me = requireMember(tx, g, caller);
            if (me.role() == GroupRole.OWNER) throw MagpieException.conflict("group.leave.owner");
            List<Long> before = store.memberIds(tx, groupId);
            store.deleteMember(tx, groupId, caller);
            store.decrement(tx, groupId);
            changes.notify(before, notice(g, GroupNoticeKind.MEMBER_LEFT, caller, caller, ""));
            changes.ended.add(caller);
            return null;
        });
    }

    /**
     * Removes a member: admins remove members, the owner also admins; nobody removes the owner
     * (FORBIDDEN). The removed member gets the notice, then nothing more of the group.
     */
    public void remove(long caller, long groupId, long target) {
        if (target == caller) throw MagpieException.badRequest("group.remove.self");
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            Member me = requireAdmin(tx, g, caller);
            Member victim = store.member(tx, groupId, target).orElseThrow(() -> MagpieException.notFound("group.member.not_found"));
            if (victim.role() == GroupRole.OWNER) throw MagpieException.forbidden("group.remove.owner");
            if (victim.role() == GroupRole.ADMIN && me.role() != GroupRole.OWNER) {
                throw MagpieException.forbidden("group.remove.admin");
            }
            List<Long> before = store.memberIds(tx, groupId);
            store.deleteMember(tx, groupId, target);
            store.decrement(tx, groupId);
            changes.notify(before, notice(g, GroupNoticeKind.MEMBER_REMOVED, caller, target, ""));
            changes.ended.add(target);
            return null;
        });
    }

    // --- roles and ownership -------------------------------------------------------------------

    /** The owner makes a member an admin or an admin a member again; no change, no notice. */
    public void setAdmin(long caller, long groupId, long target, boolean admin) {
        if (target == caller) throw MagpieException.badRequest("group.admin.self");
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            requireOwner(tx, g, caller);
            Member m = store.member(tx, groupId, target).orElseThrow(() -> MagpieException.notFound("group.member.not_found"));
            GroupRole wanted = admin ? GroupRole.ADMIN : GroupRole.MEMBER;
            if (m.role() == wanted) return null;
            store.setRole(tx, groupId, target, wanted);
            changes.notify(store.memberIds(tx, groupId),
                    notice(g, admin ? GroupNoticeKind.ADMIN_GRANTED : GroupNoticeKind.ADMIN_REVOKED, caller, target, ""));
            return null;
        });
    }

    /** The owner hands the group to another member and becomes an admin. */
    public void transfer(long caller, long groupId, long target) {
        if (target == caller) throw MagpieException.badRequest("group.transfer.self");
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            requireOwner(tx, g, caller);
            store.member(tx, groupId, target).orElseThrow(() -> MagpieException.notFound("group.member.not_found"));
            store.setRole(tx, groupId, target, GroupRole.OWNER);
            store.setRole(tx, groupId, caller, GroupRole.ADMIN);
            store.setOwner(tx, groupId, target);
            changes.notify(store.memberIds(tx, groupId), notice(g, GroupNoticeKind.OWNER_CHANGED, caller, target, ""));
            return null;
        });
    }

    /** The owner ends the group: every member is told, then everything of it is deleted. */
    public void dissolve(long caller, long groupId) {
        run(groupId, (tx, changes) -> {
            Group g = lockVisible(tx, groupId, caller);
            requireOwner(tx, g, caller);
            List<Long> members = store.memberIds(tx, groupId);
            store.deleteGroup(tx, groupId);
            changes.notify(members, notice(g, GroupNoticeKind.GROUP_DISSOLVED, caller, 0, ""));
            changes.ended.addAll(members);
            return null;
        });
    }

    // --- lobby --------------------------------------------------------------------------------

    /**
     * Creates the lobby if there is none: an OPEN group owned by the server (owner id 0) that every
     * existing account joins at once (up to the size limit, oldest accounts first, without notices).
     * Nobody manages the lobby, so whether its members may send each other private words (without
     * being friends) is the operator's setting, applied to an existing lobby too.
     */
    public Group ensureLobby(String name, boolean privateWords) {
        return jdbi.inTransaction(tx -> {
            Optional<Group> existing = store.findLobby(tx);
            if (existing.isPresent()) {
                Group g = existing.get();
                if (g.privateChatAllowed() == privateWords) return g;
                Group updated = new Group(g.groupId(), g.name(), g.announcement(), g.avatarHash(), g.ownerId(),
                        g.joinPolicy(), privateWords, g.lobby(), g.memberCount(), g.createdMs());
                store.updateSettings(tx, updated);
                log.info("lobby {}: private words between members who are not friends {}", g.groupId(),
                        privateWords ? "allowed" : "refused");
                return updated;
            }
            long now = clock.millis();
            List<Long> users = store.allUserIds(tx, maxMembers);
            Group lobby = new Group(ids.next(), name, "", "", 0, JoinPolicy.OPEN, privateWords, true, users.size(), now);
            store.insertGroup(tx, lobby);
            for (long u : users) store.insertMember(tx, new Member(lobby.groupId(), u, GroupRole.MEMBER, now));
            log.info("created the lobby {} with {} members", lobby.groupId(), users.size());
            return lobby;
        });
    }

    /** A new account joins the lobby (if there is room); members are told as for any join. */
    public void joinLobby(long userId) {
        Optional<Group> lobby = jdbi.withHandle(store::findLobby);
        if (lobby.isEmpty()) return;
        long groupId = lobby.get().groupId();
        try {
            run(groupId, (tx, changes) -> {
                Group g = store.lock(tx, groupId).orElseThrow(GroupService::groupNotFound);
                if (store.member(tx, groupId, userId).isPresent()) return null;
                return join(tx, changes, g, userId, userId);
            });
        } catch (MagpieException e) {
            log.info("user {} not added to the lobby: {}", userId, e.key());
        }
    }

    // --- checks -------------------------------------------------------------------------------

    static MagpieException groupNotFound() {
        return MagpieException.notFound("group.not_found");
    }

    /** The group if the caller may know it exists: a member, an invitee, or any group that is not private. */
    private Group visible(Handle h, long groupId, long caller) {
        Group g = store.find(h, groupId).orElseThrow(GroupService::groupNotFound);
        checkVisible(h, g, caller);
        return g;
    }

    private Group lockVisible(Handle h, long groupId, long caller) {
        Group g = store.lock(h, groupId).orElseThrow(GroupService::groupNotFound);
        checkVisible(h, g, caller);
        return g;
    }

    private void checkVisible(Handle h, Group g, long caller) {
        if (g.isPrivate() && store.member(h, g.groupId(), caller).isEmpty()
                && !store.hasInvitation(h, g.groupId(), caller)) {
            throw groupNotFound();
        }
    }

    private Member requireMember(Handle h, Group g, long caller) {
        return store.member(h, g.groupId(), caller).orElseThrow(() -> MagpieException.forbidden("group.not_member"));
    }

    private Member requireAdmin(Handle h, Group g, long caller) {
        Member me = requireMember(h, g, caller);
        if (!me.role().isAdmin()) throw MagpieException.forbidden("group.admin_only");
        return me;
    }

    private Member requireOwner(Handle h, Group g, long caller) {
        Member me = requireMember(h, g, caller);
        if (me.role() != GroupRole.OWNER) throw MagpieException.forbidden("group.owner_only");
        return me;
    }

    private void checkInvitable(Handle h, long inviter, long invitee) {
        if (!store.userExists(h, invitee)) throw MagpieException.notFound("group.user.not_found");
        if (social.eitherBlocks(inviter, invitee)) throw MagpieException.forbidden("group.invite.blocked");
    }

    private void requireRoomForAnotherGroup(Handle h, long user) {
        if (store.groupCountOf(h, user) >= maxGroupsPerUser) {
            throw MagpieException.conflict("group.too_many_groups", maxGroupsPerUser);
        }
    }
}
