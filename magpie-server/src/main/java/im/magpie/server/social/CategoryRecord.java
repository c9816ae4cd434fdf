package im.magpie.server.social;

/** One of a user's friend categories; id 0 is the default "My Friends", never stored. */
public record CategoryRecord(long categoryId, String name, int sortOrder) {
    public static final long DEFAULT_ID = 0;
    public static final String DEFAULT_NAME = "My Friends";

    public boolean isDefault() {
        return categoryId == DEFAULT_ID;
    }
}
