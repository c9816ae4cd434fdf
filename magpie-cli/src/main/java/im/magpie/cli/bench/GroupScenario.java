package im.magpie.cli.bench;

import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.Peer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code group}: G groups of M members (seeded users {@code g*M .. g*M+M-1}), created through the
 * protocol (the first member creates an open group, the others join), S members of each sending;
 * every message is accounted at each of the other M-1 members. A group lives in one process.
 */
public final class GroupScenario extends MessagingScenario {
    private final int groups;
    private final int members;
    private final int sendersPerGroup;
    private final List<Tokens.User> users;
    private int connections;

    public GroupScenario(LoadOptions load, MessagingOptions msg, int groups, int members, int sendersPerGroup,
                         List<Tokens.User> users, PrintStream progress) {
        super("group", load, msg, progress);
        if ((long) groups * members > users.size()) {
            throw new IllegalArgumentException("group needs " + (long) groups * members + " users but the tokens file has "
                    + users.size());
        }
        this.groups = groups;
        this.members = members;
        this.sendersPerGroup = sendersPerGroup;
        this.users = users;
    }

    @Override
    protected int totalSenders() {
        return groups * sendersPerGroup;
    }

    @Override
    protected int connectionCount() {
        return connections;
    }

    @Override
    public void prepare() throws Exception {
        int[] mine = LoadOptions.slice(groups, procIndex, procCount);
        int loops = driver.loops().size();
        List<SimConnection> connected = connectAll(users.subList(mine[0] * members, mine[1] * members),
                i -> i % loops, this, load.maxSeconds, "members");
        connections = connected.size();
        Map<Integer, SimConnection> byIndex = new HashMap<>();
        for (SimConnection c : connected) byIndex.put(c.user().index(), c);
        for (int g = mine[0]; g < mine[1]; g++) {
            List<SimConnection> group = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                SimConnection c = byIndex.get(g * members + m);
                if (c == null) throw new IllegalStateException("member " + (g * members + m) + " could not log in");
                group.add(c);
            }
            long groupId = createGroup(g, group);
            for (int m = 0; m < members; m++) {
                if (m < sendersPerGroup) {
                    addSender(group.get(m), Peer.newBuilder().setGroupId(groupId).build(), members - 1);
                }
                receivers.add(group.get(m));
            }
        }
    }

    private long createGroup(int g, List<SimConnection> group) throws Exception {
        Frame created = group.get(0).call(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                .setName("bench " + g).setJoinPolicy(JoinPolicy.OPEN))).get(30, TimeUnit.SECONDS);
        if (!created.hasGroupInfo()) {
            throw new IllegalStateException("creating a group failed: " + describe(created)
                    + " (does the server have the groups feature?)");
        }
        long groupId = created.getGroupInfo().getGroupId();
        List<CompletableFuture<Frame>> joins = new ArrayList<>();
        for (int m = 1; m < group.size(); m++) {
            joins.add(group.get(m).call(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(groupId))));
        }
        for (CompletableFuture<Frame> j : joins) {
            Frame f = j.get(60, TimeUnit.SECONDS);
            if (f.hasError()) throw new IllegalStateException("joining group " + groupId + " failed: " + describe(f));
        }
        progress.println(tag + "group " + g + " (" + groupId + "): " + group.size() + " members");
        return groupId;
    }

    private static String describe(Frame f) {
        return f.hasError() ? f.getError().getCode() + " " + f.getError().getMessage() : f.getBodyCase().toString();
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("groups", groups);
        s.put("members", members);
        s.put("sendersPerGroup", sendersPerGroup);
        return s;
    }
}
