package im.magpie.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.AnswerGroupInvitation;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupNotice;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.InviteToGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers for group ITs: ids, creating groups, awaiting notices. */
final class GroupTestSupport {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(300);

    private GroupTestSupport() {}

    static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    static GroupInfo create(RawClient owner, String name, JoinPolicy policy, long... invitees) {
        CreateGroupRequest.Builder req = CreateGroupRequest.newBuilder().setName(name).setJoinPolicy(policy);
        for (long i : invitees) req.addInviteUserIds(i);
        Frame f = owner.request(Frame.newBuilder().setCreateGroup(req));
        assertThat(f.hasGroupInfo()).as("create answered %s", f).isTrue();
        return f.getGroupInfo();
    }

    static Frame invite(RawClient c, long groupId, long userId) {
        return c.request(Frame.newBuilder().setInviteToGroup(InviteToGroupRequest.newBuilder().setGroupId(groupId).setUserId(userId)));
    }

    static Frame accept(RawClient c, long groupId) {
        return c.request(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder().setGroupId(groupId).setAccept(true)));
    }

    /** Creates an INVITE_ONLY group of owner and the others (invited and accepted). */
    static GroupInfo groupOf(RawClient owner, String name, JoinPolicy policy, RawClient... others) {
        GroupInfo g = create(owner, name, policy);
        for (RawClient o : others) {
            assertThat(invite(owner, g.getGroupId(), id(o)).hasOk()).isTrue();
            assertThat(accept(o, g.getGroupId()).hasGroupInfo()).isTrue();
        }
        return g;
    }

    static ErrorCode error(Frame f) {
        assertThat(f.hasError()).as("expected an error, got %s", f).isTrue();
        return f.getError().getCode();
    }

    /** Reads pushes until a group notice of this kind for this group arrives (others are skipped). */
    static GroupNotice awaitNotice(RawClient c, long groupId, GroupNoticeKind kind) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Frame> f = c.nextPush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isEmpty()) break;
            if (f.get().hasEvent() && f.get().getEvent().getEvent().hasGroupNotice()) {
                GroupNotice n = f.get().getEvent().getEvent().getGroupNotice();
                if (n.getGroupId() == groupId && n.getKind() == kind) return n;
            }
        }
        throw new AssertionError("no " + kind + " notice for group " + groupId);
    }

    /** Every push that arrives within a short quiet period. */
    static List<Frame> drain(RawClient c) {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Optional<Frame> f = c.nextPush(QUIET);
            if (f.isEmpty()) return frames;
            frames.add(f.get());
        }
    }

    /** The whole inbox after {@code afterSeq}. */
    static List<InboxEvent> sync(RawClient c, long afterSeq) {
        List<InboxEvent> events = new ArrayList<>();
        while (true) {
            SyncPage page = c.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(afterSeq).setLimit(500))).getSyncPage();
            events.addAll(page.getEventsList());
            if (!page.getHasMore()) return events;
            afterSeq = events.get(events.size() - 1).getSeq();
        }
    }

    static List<GroupNoticeKind> noticeKinds(List<InboxEvent> events, long groupId) {
        return events.stream().filter(InboxEvent::hasGroupNotice).map(InboxEvent::getGroupNotice)
                .filter(n -> n.getGroupId() == groupId).map(GroupNotice::getKind).toList();
    }
}
