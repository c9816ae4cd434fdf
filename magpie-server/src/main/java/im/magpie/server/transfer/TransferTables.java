package im.magpie.server.transfer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every table of the server's schema (the Flyway migrations in {@code db/migration}) in the order
 * an import fills them (parents before the tables whose foreign keys point at them). A migration
 * that adds a table adds one line here; an export or import that meets a table missing from this
 * list fails with its name rather than leaving its rows behind. Columns are not listed: they are
 * read from the database, so a column added by a migration travels without a change here.
 */
public final class TransferTables {
    /**
     * One table. {@code orderBy}: its primary key, so a dump lists rows in a stable order.
     * {@code idColumn}: the column holding ids made by the server's {@code IdGenerator}, or null.
     * {@code mayBeAbsent}: skipped while a database does not have it (none today: export and import
     * require the same schema version on both sides).
     * {@code optionalGroup}: rows an operator may leave behind ({@code sessions}), or null.
     */
    public record Table(String name, String orderBy, String idColumn, boolean mayBeAbsent, String optionalGroup) {}

    /** Rows an export may leave out: the logged-in devices (they log in again with their password). */
    public static final String SESSIONS = "sessions";

    private static final List<Table> ALL = List.of(
            new Table("users", "user_id", "user_id", false, null),
            new Table("user_sessions", "session_id", null, false, SESSIONS),
            new Table("friend_list_versions", "user_id", null, false, null),
            new Table("login_addresses", "user_id, address", null, false, null),
            new Table("inbox_heads", "user_id", null, false, null),
            new Table("inbox_events", "user_id, seq", null, false, null),
            new Table("friendships", "owner_id, friend_id", null, false, null),
            new Table("blocks", "owner_id, blocked_id", null, false, null),
            new Table("friend_requests", "request_id", "request_id", false, null),
            new Table("friend_categories", "category_id", "category_id", false, null),
            new Table("avatars", "avatar_hash", null, false, null),
            new Table("messages", "message_id", "message_id", false, null),
            new Table("receipt_marks", "reader_id, conversation, kind", null, false, null),
            new Table("chat_groups", "group_id", "group_id", false, null),
            new Table("group_members", "group_id, user_id", null, false, null),
            new Table("group_invitations", "group_id, user_id", null, false, null),
            new Table("group_join_requests", "group_id, user_id", null, false, null),
            new Table("files", "file_id", "file_id", false, null),
            new Table("file_recipients", "file_id, user_id", null, false, null));

    /** Tables that are not data: Flyway's own history (the target is migrated by the importing server). */
    private static final Set<String> NOT_DATA = Set.of("flyway_schema_history");

    private TransferTables() {}

    /** All tables, in import order. */
    public static List<Table> all() {
        return ALL;
    }

    public static Optional<Table> named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.name().equals(n)).findFirst();
    }

    static boolean isData(String name) {
        return !NOT_DATA.contains(name.toLowerCase(Locale.ROOT));
    }
}
