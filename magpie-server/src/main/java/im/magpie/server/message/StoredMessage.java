package im.magpie.server.message;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;

/** A row of {@code messages}. {@code content} is null once recalled or purged. */
record StoredMessage(long messageId, long senderId, Conversation to, String clientMsgId, long viaGroupId,
                     Content content, long timeMs, long senderSeq, boolean recalled) {

    /** The message as {@code viewerId} sees it in history (mentions_me from the stored mentions). */
    ChatMessage toProto(long viewerId) {
        ChatMessage.Builder b = ChatMessage.newBuilder()
                .setMessageId(messageId).setClientMsgId(clientMsgId).setSenderId(senderId)
                .setTo(to.toPeer()).setTimeMs(timeMs).setRecalled(recalled).setViaGroupId(viaGroupId);
        if (!recalled && content != null) {
            b.setContent(content);
            b.setMentionsMe(content.getMentionUserIdsList().contains(viewerId) || (content.getMentionAll() && viewerId != senderId));
        }
        return b.build();
    }
}
