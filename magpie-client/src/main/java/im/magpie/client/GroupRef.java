package im.magpie.client;

import java.util.Objects;

/**
 * A group as events and queries name it.
 *
 * @param groupId the group id, positive
 * @param name the group's name, {@code "group <id>"} when this account has not heard it yet
 */
public record GroupRef(long groupId, String name) {
    public GroupRef {
        name = Objects.requireNonNullElse(name, "");
        if (name.isBlank()) {
            name = "group " + groupId;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
