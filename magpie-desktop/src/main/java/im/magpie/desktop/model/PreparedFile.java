package im.magpie.desktop.model;

import im.magpie.client.files.OutgoingFile;

/**
 * A local file described for sending (hashed, an image thumbnailed), before any byte moves; made
 * by {@link MessengerGateway#prepare} off the FX thread.
 */
public final class PreparedFile {
    final OutgoingFile outgoing;
    private final ChatKey chat;

    PreparedFile(ChatKey chat, OutgoingFile outgoing) {
        this.chat = chat;
        this.outgoing = outgoing;
    }

    public ChatKey chat() { return chat; }
    public String name() { return outgoing.name(); }
    public long size() { return outgoing.size(); }
    public boolean image() { return outgoing.mimeType().startsWith("image/"); }
    public byte[] thumbnail() { return outgoing.thumbnail(); }
    public java.nio.file.Path path() { return outgoing.path(); }
}
