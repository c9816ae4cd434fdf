/**
 * The client's local store: one SQLite database per account and server, the single source of
 * truth for what a client UI shows (contacts, groups, conversations, messages, the outbox of
 * messages not yet acknowledged, the last synced inbox sequence, and a full-text index).
 *
 * <p>Entry point: {@link im.magpie.client.history.HistoryStore}. The domain is expressed as records
 * ({@link im.magpie.client.history.MessageRecord}, {@link im.magpie.client.history.ConversationRecord},
 * ...); protobuf classes stay at the edge and are converted by
 * {@link im.magpie.client.internal.HistoryMappers}. Failures are reported as
 * {@link im.magpie.client.history.HistoryStoreException} with a
 * {@link im.magpie.client.history.HistoryStoreException.Kind}.
 *
 * <p>File layout ({@link im.magpie.client.history.HistoryPaths}):
 * {@code <profileDir>/accounts/<host_port>/<username>/history.db}, with SQLite's {@code -wal} and
 * {@code -shm} files beside it and {@code history.db.bak-v<N>} backups written before a schema
 * migration.
 */
package im.magpie.client.history;
