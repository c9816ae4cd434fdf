package im.magpie.server.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every server setting, for loading, validation and {@code magpie server --help}. Each feature
 * keeps its settings as {@code public static final Setting} constants in one class of its own and
 * adds that class to {@link #SOURCES}, so adding a setting never touches another feature's code.
 */
public final class SettingsCatalog {
    private static final List<String> SOURCES = List.of(
            "im.magpie.server.config.CoreSettings",
            "im.magpie.server.transport.TransportSettings",
            "im.magpie.server.ops.OpsSettings",
            "im.magpie.server.account.AccountSettings",
            "im.magpie.server.social.SocialSettings",
            "im.magpie.server.message.MessageSettings",
            "im.magpie.server.group.GroupSettings",
            "im.magpie.server.cluster.ClusterSettings",
            "im.magpie.server.discovery.DiscoverySettings",
            "im.magpie.server.file.FileSettings",
            "im.magpie.server.p2p.P2pSettings");

    private static final List<Setting<?>> ALL = collect();

    private SettingsCatalog() {}

    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Optional<Setting<?>> find(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    private static List<Setting<?>> collect() {
        List<Setting<?>> settings = new ArrayList<>();
        for (String className : SOURCES) {
            Class<?> holder;
            try {
                holder = Class.forName(className);
            } catch (ClassNotFoundException e) {
                continue; // a feature not built yet
            }
            for (Field field : holder.getDeclaredFields()) {
                int mods = field.getModifiers();
                if (Modifier.isStatic(mods) && Modifier.isPublic(mods) && field.getType() == Setting.class) {
                    try {
                        settings.add((Setting<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return List.copyOf(settings);
    }
}
