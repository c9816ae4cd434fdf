package im.magpie.cli.bench.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmppStreamParserTest {
    static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream id='1' version='1.0' xml:lang='en' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='localhost' xmlns='jabber:client'>";

    private final XmppStreamParser parser = new XmppStreamParser();
    private final List<XmppEvent> events = new ArrayList<>();

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        parser.feed(b, 0, b.length, events::add);
    }

    @Test
    void the_stream_header_then_each_depth_one_element_with_its_children_namespaces_and_text() {
        feed(SERVER_HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                + "</mechanisms></stream:features><message from='a@localhost/x' type='chat' id='7'><body>hi &amp; bye</body></message>");

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(XmppEvent.StreamOpened.class);
        assertThat(((XmppEvent.StreamOpened) events.get(0)).attributes()).containsEntry("from", "localhost").containsEntry("xml:lang", "en");
        XmlElement features = ((XmppEvent.Stanza) events.get(1)).element();
        assertThat(features.is("features", XmppStanzas.NS_STREAMS)).isTrue();
        assertThat(features.child("mechanisms", XmppStanzas.NS_SASL).child("mechanism").text()).isEqualTo("PLAIN");
        XmlElement message = ((XmppEvent.Stanza) events.get(2)).element();
        assertThat(message.is("message", XmppStanzas.NS_CLIENT)).isTrue();
        assertThat(message.attribute("id")).isEqualTo("7");
        assertThat(message.child("body").text()).isEqualTo("hi & bye");
    }

    @Test
    void bytes_arriving_one_at_a_time_even_inside_a_multibyte_character_give_the_same_elements() {
        byte[] all = (SERVER_HEADER + "<message id='1'><body>喜鹊 magpie</body></message><a xmlns='urn:xmpp:sm:3' h='5'/>")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < all.length; i++) parser.feed(all, i, 1, events::add);

        assertThat(events).hasSize(3);
        assertThat(((XmppEvent.Stanza) events.get(1)).element().child("body").text()).isEqualTo("喜鹊 magpie");
        assertThat(((XmppEvent.Stanza) events.get(2)).element().attribute("h")).isEqualTo("5");
    }

    @Test
    void after_a_restart_the_servers_new_stream_is_a_new_document() {
        feed(SERVER_HEADER + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        parser.restart();
        feed(SERVER_HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StreamOpened", "Stanza", "StreamOpened", "Stanza");
        assertThat(((XmppEvent.Stanza) events.get(3)).element().child("bind", XmppStanzas.NS_BIND)).isNotNull();
    }

    @Test
    void a_restart_from_inside_the_sink_ends_the_feed_of_the_old_document() {
        byte[] b = (SERVER_HEADER + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>").getBytes(StandardCharsets.UTF_8);
        parser.feed(b, 0, b.length, e -> {
            events.add(e);
            if (e instanceof XmppEvent.Stanza) parser.restart();
        });
        feed(SERVER_HEADER);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("StreamOpened", "Stanza", "StreamOpened");
    }

    @Test
    void the_end_of_the_stream_is_reported() {
        feed(SERVER_HEADER + "</stream:stream>");
        assertThat(events.get(1)).isInstanceOf(XmppEvent.StreamClosed.class);
    }

    @Test
    void bad_xml_is_reported_once_and_nothing_after_it_is_parsed() {
        feed(SERVER_HEADER + "<message><body></message>");
        feed("<message id='2'/>");

        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOf(XmppEvent.Malformed.class);
    }

    @Test
    void a_stanza_over_the_size_limit_is_malformed() {
        feed(SERVER_HEADER + "<message><body>" + "x".repeat(XmppStreamParser.MAX_STANZA_CHARS + 1) + "</body></message>");
        assertThat(events.get(events.size() - 1)).isInstanceOf(XmppEvent.Malformed.class);
        assertThat(((XmppEvent.Malformed) events.get(events.size() - 1)).reason()).contains("characters");
    }
}
