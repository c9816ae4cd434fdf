package im.magpie.server.file;

import im.magpie.protocol.proto.FileList;
import im.magpie.protocol.proto.Frame;
import im.magpie.server.ServerContext;
import im.magpie.server.dispatch.Access;
import im.magpie.server.dispatch.Responses;
import im.magpie.server.inbox.InboxFeature;
import im.magpie.server.message.GroupDirectory;
import im.magpie.server.social.SocialFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and images relayed through the server: the routes (all blocking: disk and database), the
 * content store under {@code <data-dir>/files}, and an hourly purge of expired files.
 */
public record FileFeature(FileService service, ScheduledExecutorService timer) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileFeature.class);

    public static FileFeature install(ServerContext ctx, InboxFeature inbox, SocialFeature social, GroupDirectory groups) {
        BlobStore blobs;
        try {
            blobs = new BlobStore(ctx.dataDir().resolve("files"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file store in " + ctx.dataDir(), e);
        }
        FileService service = new FileService(new FileStore(ctx.database().jdbi()), blobs, inbox.inbox(), social.graph(),
                () -> groups, ctx.ids(), ctx.clock(), new FileService.Limits(ctx.settings().get(FileSettings.MAX_BYTES),
                ctx.settings().get(FileSettings.QUOTA_BYTES), Duration.ofDays(ctx.settings().get(FileSettings.EXPIRY_DAYS))));
        Access auth = Access.AUTHENTICATED;
        ctx.routes()
                .blocking(Frame.BodyCase.FILE_OFFER, auth, call ->
                        Frame.newBuilder().setFileInfo(service.offer(call.userId(), call.frame().getFileOffer())))
                .blocking(Frame.BodyCase.FILE_UPLOAD, auth, call -> {
                    var req = call.frame().getFileUpload();
                    return Frame.newBuilder().setFileInfo(service.upload(call.userId(), req.getFileId(), req.getOffset(), req.getData()));
                })
                .blocking(Frame.BodyCase.FILE_DOWNLOAD, auth, call -> {
                    var req = call.frame().getFileDownload();
                    return Frame.newBuilder().setFileChunk(service.download(call.userId(), req.getFileId(), req.getOffset(), req.getMaxBytes()));
                })
                .blocking(Frame.BodyCase.FILE_ANSWER, auth, call -> {
                    var req = call.frame().getFileAnswer();
                    service.answer(call.userId(), req.getFileId(), req.getAccept());
                    return Responses.ok();
                })
                .blocking(Frame.BodyCase.FILE_STATUS, auth, call ->
                        Frame.newBuilder().setFileInfo(service.status(call.userId(), call.frame().getFileStatus().getFileId())))
                .blocking(Frame.BodyCase.LIST_FILES, auth, call ->
                        Frame.newBuilder().setFileList(FileList.newBuilder().addAllFiles(service.list(call.userId()))));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "magpie-file-purge");
            t.setDaemon(true);
            return t;
        });
        // The timer only hands the purge to a worker; the worker does the disk and database work.
        timer.scheduleWithFixedDelay(() -> ctx.workers().execute(() -> {
            try {
                int n = service.purgeExpired();
                if (n > 0) log.info("files: deleted {} expired", n);
            } catch (RuntimeException e) {
                log.warn("file purge failed", e);
            }
        }), 1, 60, TimeUnit.MINUTES);
        return new FileFeature(service, timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
