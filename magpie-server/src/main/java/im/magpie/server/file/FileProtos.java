package im.magpie.server.file;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.FileInfo;
import im.magpie.protocol.proto.FileState;
import im.magpie.protocol.proto.Peer;
import java.util.HexFormat;

/** Stored files to their wire form. */
final class FileProtos {
    private FileProtos() {}

    static FileInfo info(StoredFile f, long uploadedBytes, int answer) {
        FileInfo.Builder b = FileInfo.newBuilder()
                .setFileId(f.fileId())
                .setSenderId(f.senderId())
                .setTo(f.toGroupId() != 0 ? Peer.newBuilder().setGroupId(f.toGroupId()) : Peer.newBuilder().setUserId(f.toUserId()))
                .setName(f.name())
                .setSize(f.size())
                .setMimeType(f.mimeType())
                .setSha256(ByteString.copyFrom(HexFormat.of().parseHex(f.sha256())))
                .setState(FileState.forNumber(f.state()))
                .setUploadedBytes(uploadedBytes)
                .setCreatedMs(f.createdMs())
                .setExpiresMs(f.expiresMs())
                .setAccepted(answer == FileStore.ANSWER_ACCEPTED)
                .setDeclined(answer == FileStore.ANSWER_DECLINED);
        if (f.thumbnail() != null) b.setThumbnail(ByteString.copyFrom(f.thumbnail()));
        return b.build();
    }
}
