package im.magpie.server.message;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ok;
import im.magpie.server.ServerContext;
import im.magpie.server.dispatch.Access;
import im.magpie.server.inbox.InboxFeature;
import im.magpie.server.social.SocialFeature;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-to-one and group messages: send (async route into the group-commit {@link SendWriter}),
 * receipts, typing, recall, history; message contents filled into sync pages; the retention purge.
 * The groups feature plugs in its {@link GroupDirectory} with {@link #useGroups} ({@link
 * GroupDirectory#NONE} until then). {@link #close} must run before the database closes.
 */
public record MessageFeature(MessageService service, SendWriter writer,
                             AtomicReference<GroupDirectory> groups, ScheduledExecutorService timer) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageFeature.class);

    public static MessageFeature install(ServerContext ctx, InboxFeature inbox, SocialFeature social, GroupDirectory directory) {
        AtomicReference<GroupDirectory> groups = new AtomicReference<>(directory);
        MessageStore store = new MessageStore(ctx.database().jdbi(), ctx.database().dialect().lookupsPerQuery());
        SendWriter writer = new SendWriter(store, inbox.inbox(), ctx.ids(), ctx.clock(), groups::get,
                new SendWriter.Limits(ctx.settings().get(MessageSettings.WRITER_THREADS),
                        ctx.settings().get(MessageSettings.SEND_QUEUE_CAPACITY), ctx.settings().get(MessageSettings.SEND_BATCH_MAX),
                        ctx.settings().get(MessageSettings.SEND_BATCH_MAX_DELIVERIES)),
                new SendWriter.Outages(ctx.database().health(), ctx.settings().get(MessageSettings.SEND_HOLD_MILLIS),
                        ctx.settings().get(MessageSettings.SEND_ORDER_WAIT_SECONDS) * 1000L));
        MessageService service = new MessageService(store, writer, inbox.inbox(), social.graph(), ctx.router(), ctx.clock(),
                groups::get, ctx.settings().get(MessageSettings.RECALL_WINDOW_SECONDS),
                ctx.settings().get(MessageSettings.RETENTION_DAYS));
        inbox.inbox().usePageFiller(service::hydrate);

        ctx.routes().async(Frame.BodyCase.SEND_MESSAGE, Access.AUTHENTICATED, call ->
                service.send(call.userId(), call.connection(), call.frame().getSendMessage())
                        .thenApply(ack -> Frame.newBuilder().setSendAck(ack)));
        ctx.routes().blocking(Frame.BodyCase.RECEIPT, Access.AUTHENTICATED, call -> {
            var req = call.frame().getReceipt();
            service.receipt(call.userId(), req.getPeer(), req.getKind(), req.getUpToMessageId());
            return Frame.newBuilder().setOk(Ok.getDefaultInstance());
        });
        ctx.routes().blocking(Frame.BodyCase.TYPING, Access.AUTHENTICATED, call -> {
            service.typing(call.userId(), call.frame().getTyping().getToUserId());
            return Frame.newBuilder().setOk(Ok.getDefaultInstance());
        });
        ctx.routes().blocking(Frame.BodyCase.RECALL, Access.AUTHENTICATED, call -> {
            service.recall(call.userId(), call.frame().getRecall().getMessageId());
            return Frame.newBuilder().setOk(Ok.getDefaultInstance());
        });
        ctx.routes().blocking(Frame.BodyCase.HISTORY, Access.AUTHENTICATED, call -> {
            var req = call.frame().getHistory();
            return Frame.newBuilder().setHistoryPage(
                    service.history(call.userId(), req.getPeer(), req.getBeforeMessageId(), req.getLimit()));
        });

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "magpie-message-purge");
            t.setDaemon(true);
            return t;
        });
        if (ctx.settings().get(MessageSettings.RETENTION_DAYS) > 0) {
            // The timer only hands the purge to a worker; the worker does the database work.
            timer.scheduleWithFixedDelay(() -> ctx.workers().execute(() -> {
                try {
                    int n = service.purgeExpired();
                    if (n > 0) log.info("retention: deleted {} old messages", n);
                } catch (RuntimeException e) {
                    log.warn("retention purge failed", e);
                }
            }), 1, 60, TimeUnit.MINUTES);
        }
        return new MessageFeature(service, writer, groups, timer);
    }

    /** The writer's queue and how often it slowed senders down, for the ops endpoint. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("magpie.send.queued", writer, SendWriter::queued)
                .description("sends waiting for the group-commit writer").register(registry);
        FunctionCounter.builder("magpie.send.read.pauses", writer, SendWriter::readPauses)
                .description("times a sender's connection stopped being read because the writer's queue was half full")
                .register(registry);
        Gauge.builder("magpie.send.order.waiting", writer, SendWriter::conversationsWaiting)
                .description("conversations whose later sends wait for the retry of one refused while the database was down or the writer full")
                .register(registry);
        FunctionCounter.builder("magpie.send.relayed", writer, SendWriter::relayed)
                .description("one-to-one messages pushed to their recipient by the server").register(registry);
        FunctionCounter.builder("magpie.send.direct.reported", writer, SendWriter::reportedDirect)
                .description("one-to-one messages delivered over a direct channel and reported afterwards (stored, not pushed)")
                .register(registry);
    }

    /** One-to-one messages the server pushed to their recipient (carried for the sender). */
    public long relayedOneToOne() {
        return writer.relayed();
    }

    /** One-to-one messages stored after their sender delivered them over a direct channel (not pushed). */
    public long reportedDirect() {
        return writer.reportedDirect();
    }

    /** Installs the groups feature's directory (group sends, mentions, private words, group history). */
    public void useGroups(GroupDirectory directory) {
        groups.set(directory);
    }

    /** Stops the purge timer, writes the sends still queued, stops the writers. */
    @Override
    public void close() {
        timer.shutdownNow();
        writer.close();
    }
}
