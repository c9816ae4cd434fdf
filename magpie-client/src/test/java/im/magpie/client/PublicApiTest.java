package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Finding 9: the API a front end writes against (the messenger, its facets, events and records)
 * names no protobuf type in any public signature.
 */
class PublicApiTest {
    private static final List<Class<?>> API = List.of(Messenger.class, Messenger.Builder.class, Social.class,
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

    @Test
    void every_event_is_a_record() {
        assertThat(MessengerEvent.class.getPermittedSubclasses()).allSatisfy(c ->
                assertThat(c.isRecord() || c.isInterface()).as(c.getName()).isTrue());
    }

    private static boolean isWire(Type t) {
        return t.getTypeName().contains("im.magpie.protocol") || t.getTypeName().contains("com.google.protobuf");
    }
}
