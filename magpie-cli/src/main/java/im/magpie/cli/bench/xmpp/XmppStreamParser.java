package im.magpie.cli.bench.xmpp;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Turns the bytes of an XMPP stream, in whatever pieces they arrive, into {@link XmppEvent}s, with
 * Aalto's non-blocking parser: the stream root's start tag, each complete depth-1 element, the
 * root's end. An XMPP stream is one XML document that never ends while the session lives, and
 * after SASL success both sides start a new one on the same connection: {@link #restart()} (called
 * when the client sends its new stream header, so before any byte of the server's new stream).
 * Not thread-safe: one connection's event loop.
 */
public final class XmppStreamParser {
    /** Bounds per stanza: characters of text and attribute values, and element depth. */
    public static final int MAX_STANZA_CHARS = 256 * 1024;
    public static final int MAX_DEPTH = 32;

    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final ArrayDeque<Builder> open = new ArrayDeque<>();
    private int depth;
    private int stanzaChars;
    private boolean broken;

    public XmppStreamParser() {
        restart();
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false); // XMPP forbids DTDs (RFC 6120 11.1)
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** Starts a new document: what the old one had not finished is dropped. */
    public void restart() {
        reader = FACTORY.createAsyncForByteArray();
        open.clear();
        depth = 0;
        stanzaChars = 0;
    }

    /**
     * Parses {@code len} more bytes; events go to {@code sink} as they complete. The array must not
     * change until this returns. A sink that calls {@link #restart()} ends this call: the rest of
     * these bytes belonged to the old document.
     */
    public void feed(byte[] bytes, int off, int len, Consumer<XmppEvent> sink) {
        if (broken) return;
        AsyncXMLStreamReader<AsyncByteArrayFeeder> r = reader;
        try {
            r.getInputFeeder().feedInput(bytes, off, len);
            while (reader == r) {
                int event = r.next();
                if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) break;
                on(r, event, sink);
            }
        } catch (XMLStreamException | LimitExceeded e) {
            broken = true;
            sink.accept(new XmppEvent.Malformed(e.getMessage()));
        }
    }

    private void on(AsyncXMLStreamReader<?> r, int event, Consumer<XmppEvent> sink) {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> {
                depth++;
                if (depth > MAX_DEPTH) throw new LimitExceeded("elements nested deeper than " + MAX_DEPTH);
                Map<String, String> attributes = attributes(r);
                if (depth == 1) {
                    sink.accept(new XmppEvent.StreamOpened(attributes));
                } else {
                    if (depth == 2) stanzaChars = 0;
                    open.push(new Builder(r.getLocalName(), nullToEmpty(r.getNamespaceURI()), attributes));
                }
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                if (depth >= 2) {
                    String text = r.getText();
                    count(text.length());
                    open.peek().text.append(text);
                }
            }
            case XMLStreamConstants.END_ELEMENT -> {
                int ended = depth--; // before the sink, which may restart the parser
                if (ended >= 2) {
                    XmlElement element = open.pop().build();
                    if (open.isEmpty()) sink.accept(new XmppEvent.Stanza(element));
                    else open.peek().children.add(element);
                } else if (ended == 1) {
                    sink.accept(new XmppEvent.StreamClosed());
                }
            }
            default -> { } // the XML declaration, comments, processing instructions: nothing to XMPP
        }
    }

    private Map<String, String> attributes(AsyncXMLStreamReader<?> r) {
        int n = r.getAttributeCount();
        Map<String, String> attributes = new HashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String prefix = r.getAttributePrefix(i);
            String key = prefix == null || prefix.isEmpty() ? r.getAttributeLocalName(i) : prefix + ':' + r.getAttributeLocalName(i);
            String value = r.getAttributeValue(i);
            count(value.length());
            attributes.put(key, value);
        }
        return attributes;
    }

    private void count(int chars) {
        stanzaChars += chars;
        if (stanzaChars > MAX_STANZA_CHARS) throw new LimitExceeded("a stanza over " + MAX_STANZA_CHARS + " characters");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class Builder {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final List<XmlElement> children = new ArrayList<>(2);
        final StringBuilder text = new StringBuilder();

        Builder(String name, String namespace, Map<String, String> attributes) {
            this.name = name;
            this.namespace = namespace;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, namespace, attributes, children, text.toString());
        }
    }

    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
