package im.magpie.client.files.internal;

import im.magpie.protocol.proto.Frame;
import java.util.concurrent.CompletableFuture;

/** Sends one request and completes with its answer of the expected body (a client's or a messenger's). */
@FunctionalInterface
public interface Requester {
    CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected);
}
