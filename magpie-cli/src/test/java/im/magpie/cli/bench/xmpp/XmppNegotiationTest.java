package im.magpie.cli.bench.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmppNegotiationTest {
    static final String FEATURES_BEFORE_AUTH = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>PLAIN</mechanism></mechanisms><register xmlns='http://jabber.org/features/iq-register'/></stream:features>";
    static final String FEATURES_AFTER_AUTH = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            + "<sm xmlns='urn:xmpp:sm:3'/></stream:features>";
    static final String BIND_RESULT = "<iq type='result' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            + "<jid>alice@localhost/bench</jid></bind></iq>";

    /** Records what the negotiation does; parses server text with the real parser. */
    private static final class Recorder implements XmppNegotiation.Out {
        final List<String> sent = new ArrayList<>();
        final XmppStreamParser parser = new XmppStreamParser();
        int restarts;
        String done;
        String failed;
        XmppNegotiation negotiation;

        void server(String xml) {
            byte[] b = xml.getBytes(StandardCharsets.UTF_8);
            parser.feed(b, 0, b.length, negotiation::on);
        }

        @Override public void send(String xml) { sent.add(xml); }
        @Override public void restartParser() { restarts++; parser.restart(); }
        @Override public void done(String fullJid) { done = fullJid; }
        @Override public void failed(String reason) { failed = reason; }
    }

    private static Recorder start(XmppNegotiation.Goal goal) {
        Recorder r = new Recorder();
        r.negotiation = new XmppNegotiation(goal, "localhost", "alice", "secret", "bench", r);
        r.negotiation.start();
        r.server(XmppStreamParserTest.SERVER_HEADER);
        return r;
    }

    @Test
    void a_login_authenticates_with_plain_restarts_binds_announces_presence_and_enables_stream_management() {
        Recorder r = start(XmppNegotiation.Goal.LOGIN);
        r.server(FEATURES_BEFORE_AUTH);
        assertThat(r.sent.get(1)).isEqualTo(XmppStanzas.authPlain("alice", "secret"))
                .contains("AGFsaWNlAHNlY3JldA=="); // base64 of "\0alice\0secret"

        r.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(r.restarts).isEqualTo(1);
        assertThat(r.sent.get(2)).startsWith("<?xml version='1.0'?><stream:stream to='localhost'");

        r.server(XmppStreamParserTest.SERVER_HEADER + FEATURES_AFTER_AUTH);
        assertThat(r.sent.get(3)).isEqualTo(XmppStanzas.bind("bench"));
        r.server(BIND_RESULT);
        assertThat(r.sent.get(4)).isEqualTo("<presence/><enable xmlns='urn:xmpp:sm:3'/>");
        assertThat(r.done).isNull();

        r.server("<enabled xmlns='urn:xmpp:sm:3'/>");
        assertThat(r.done).isEqualTo("alice@localhost/bench");
        assertThat(r.failed).isNull();
        assertThat(r.negotiation.state()).isEqualTo(XmppNegotiation.State.DONE);
    }

    @Test
    void a_wrong_password_fails_with_the_sasl_condition() {
        Recorder r = start(XmppNegotiation.Goal.LOGIN);
        r.server(FEATURES_BEFORE_AUTH);
        r.server("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");

        assertThat(r.failed).contains("authentication of alice failed: not-authorized");
        assertThat(r.done).isNull();
        assertThat(r.negotiation.state()).isEqualTo(XmppNegotiation.State.FAILED);
    }

    @Test
    void a_server_without_plain_or_without_stream_management_is_refused_with_the_reason() {
        Recorder noPlain = start(XmppNegotiation.Goal.LOGIN);
        noPlain.server("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
                + "</mechanisms></stream:features>");
        assertThat(noPlain.failed).contains("SASL PLAIN");

        Recorder noSm = start(XmppNegotiation.Goal.LOGIN);
        noSm.server(FEATURES_BEFORE_AUTH + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        noSm.server(XmppStreamParserTest.SERVER_HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        assertThat(noSm.failed).contains("stream management");
        assertThat(noSm.sent).hasSize(3); // header, auth, header: no bind
    }

    @Test
    void a_stream_error_or_the_end_of_the_stream_fails_exactly_once() {
        Recorder r = start(XmppNegotiation.Goal.LOGIN);
        r.server("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");

        assertThat(r.failed).isEqualTo("stream error: host-unknown");
    }

    @Test
    void registration_sends_the_account_and_closes_the_stream_when_the_server_agrees() {
        Recorder r = start(XmppNegotiation.Goal.REGISTER);
        r.server(FEATURES_BEFORE_AUTH);
        assertThat(r.sent.get(1)).isEqualTo(XmppStanzas.register("alice", "secret"));

        r.server("<iq type='result' id='reg'/>");
        assertThat(r.sent.get(2)).isEqualTo("</stream:stream>");
        assertThat(r.negotiation.state()).isEqualTo(XmppNegotiation.State.DONE);
        assertThat(r.failed).isNull();
    }

    @Test
    void registering_a_name_that_exists_fails_with_conflict() {
        Recorder r = start(XmppNegotiation.Goal.REGISTER);
        r.server(FEATURES_BEFORE_AUTH);
        r.server("<iq type='error' id='reg'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

        assertThat(r.failed).isEqualTo("registering alice failed: conflict");
    }

    @Test
    void values_written_into_xml_are_escaped() {
        assertThat(XmppStanzas.chat("1", "a@b", "<x & 'y'>")).contains("<body>&lt;x &amp; &apos;y&apos;&gt;</body>");
    }
}
