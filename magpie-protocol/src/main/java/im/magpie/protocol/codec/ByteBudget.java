package im.magpie.protocol.codec;

/**
 * Bytes a {@link FrameDecoder} may hold for frame bodies that are still arriving, shared by many
 * connections (e.g. every connection that has not logged in yet). A body is reserved in full when
 * its length prefix arrives and released when it is parsed or the connection goes. Thread-safe.
 */
public interface ByteBudget {

    /** No limit: nothing is counted. */
    ByteBudget UNLIMITED = new ByteBudget() {
        @Override
        public boolean tryReserve(int bytes) {
            return true;
        }

        @Override
        public void release(int bytes) {}
    };

    /** Takes {@code bytes} from the budget; false (and nothing taken) if that much is not left. */
    boolean tryReserve(int bytes);

    /** Gives back bytes taken by {@link #tryReserve}. */
    void release(int bytes);
}
