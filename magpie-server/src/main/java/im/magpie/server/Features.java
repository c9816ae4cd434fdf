package im.magpie.server;

import im.magpie.server.account.AccountFeature;
import im.magpie.server.file.FileFeature;
import im.magpie.server.group.GroupFeature;
import im.magpie.server.inbox.InboxFeature;
import im.magpie.server.ops.OpsFeature;
import im.magpie.server.message.MessageFeature;
import im.magpie.server.p2p.P2pFeature;
import im.magpie.server.social.SocialFeature;

/** The assembled features of a running server (for the admin tools and tests). */
public record Features(
        OpsFeature ops,
        AccountFeature accounts,
        InboxFeature inbox,
        SocialFeature social,
        GroupFeature groups,
        MessageFeature messages,
        FileFeature files,
        P2pFeature p2p) {}
