package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Finding 9: the API a front end writes against (the messenger, its facets, events and records)
 * names no protobuf type in any public signature.
 */
class PublicApiTest {
    private static final List<Class<?>> API = List.of(Messenger.class, MessengerBuilder.class, Social.class,
            GroupChats.class, Account.class, MessengerEvent.class, MessengerListener.class, LoginResult.class,
            UserRef.class, GroupRef.class, ChatRef.class, UserProfile.class, FriendRequestRecord.class,
            FriendRequests.class, CategoryRecord.class, GroupDetails.class, GroupMember.class, GroupMembers.class,
            GroupInvitation.class, JoinRequest.class, NamedMessage.class, GroupUpdate.class,
            im.magpie.client.files.FileTransfers.class, im.magpie.client.files.FileTransfers.Settings.class,
            im.magpie.client.files.FileOffer.class, im.magpie.client.files.OutgoingFile.class,
            im.magpie.client.files.FileTransport.class, im.magpie.client.files.PendingUploads.Pending.class,
            im.magpie.client.files.TransferProgress.class);

    @Test
    void no_public_signature_of_the_messenger_api_names_a_protobuf_type() {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> all = new ArrayList<>(API);
        all.addAll(List.of(MessengerEvent.class.getDeclaredClasses()));
        for (Class<?> c : all) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) continue;
                Stream.concat(Stream.of(m.getGenericReturnType()), Stream.of(m.getGenericParameterTypes()))
                        .filter(PublicApiTest::isWire)
                        .forEach(t -> leaks.add(c.getSimpleName() + "." + m.getName() + ": " + t.getTypeName()));
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (isWire(rc.getGenericType())) leaks.add(c.getSimpleName() + "." + rc.getName());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /**
     * Every public type of the API packages (all of {@code im.magpie.client} not under an
     * {@code internal} package): no public or protected member names a protobuf or wire type.
     */
    @Test
    void no_public_type_outside_internal_names_a_protobuf_type() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = apiTypes();
        assertThat(types).contains(Messenger.class, MagpieClientException.class);
        for (Class<?> c : types) {
            List<Type> mentioned = new ArrayList<>();
            if (c.getGenericSuperclass() != null) mentioned.add(c.getGenericSuperclass());
            mentioned.addAll(List.of(c.getGenericInterfaces()));
            mentioned.stream().filter(PublicApiTest::isWire)
                    .forEach(t -> leaks.add(c.getName() + " extends " + t.getTypeName()));
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable m : members) {
                if (!visible(m.getModifiers()) || m.isSynthetic()) continue;
                List<Type> sig = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                sig.addAll(List.of(m.getGenericExceptionTypes()));
                if (m instanceof Method method) sig.add(method.getGenericReturnType());
                sig.stream().filter(PublicApiTest::isWire)
                        .forEach(t -> leaks.add(c.getName() + "." + m.getName() + ": " + t.getTypeName()));
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && isWire(f.getGenericType())) {
                    leaks.add(c.getName() + "." + f.getName() + ": " + f.getGenericType().getTypeName());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** The public (and their public/protected nested) types of the compiled API packages. */
    private static List<Class<?>> apiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Messenger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> apiPackages = Set.of("im.magpie.client", "im.magpie.client.history", "im.magpie.client.files",
                "im.magpie.client.p2p", "im.magpie.client.discovery", "im.magpie.client.profile");
        List<String> names;
        try (Stream<Path> files = Files.walk(root.resolve("im/magpie/client"))) {
            names = files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> apiPackages.contains(n.substring(0, n.lastIndexOf('.'))))
                    .sorted().toList();
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
            if (isExported(c)) types.add(c);
        }
        return types;
    }

    private static boolean isExported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (k.isAnonymousClass() || k.isLocalClass() || !visible(k.getModifiers())) return false;
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    @Test
    void every_event_is_a_record() {
        assertThat(MessengerEvent.class.getPermittedSubclasses()).allSatisfy(c ->
                assertThat(c.isRecord() || c.isInterface()).as(c.getName()).isTrue());
    }

    private static boolean isWire(Type t) {
        return t.getTypeName().contains("im.magpie.protocol") || t.getTypeName().contains("com.google.protobuf");
    }
}
