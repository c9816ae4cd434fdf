package im.magpie.cli.bench.xmpp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The little XML the bench client sends, as text (writing needs no parser; every value is escaped).
 * Namespaces: RFC 6120 (streams, SASL, binding), XEP-0077 (in-band registration), XEP-0198
 * (stream management, {@code urn:xmpp:sm:3}).
 */
public final class XmppStanzas {
    public static final String NS_STREAMS = "http://etherx.jabber.org/streams";
    public static final String NS_CLIENT = "jabber:client";
    public static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String NS_REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    public static final String NS_REGISTER = "jabber:iq:register";
    public static final String NS_SM = "urn:xmpp:sm:3";

    public static final String BIND_ID = "bind";
    public static final String REGISTER_ID = "reg";

    private XmppStanzas() {}

    public static String openStream(String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + escape(domain) + "' xmlns='" + NS_CLIENT
                + "' xmlns:stream='" + NS_STREAMS + "' version='1.0'>";
    }

    public static String closeStream() {
        return "</stream:stream>";
    }

    /** SASL PLAIN (RFC 4616): authorization identity empty, then the user name and the password. */
    public static String authPlain(String username, String password) {
        byte[] creds = ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
        return "<auth xmlns='" + NS_SASL + "' mechanism='PLAIN'>" + Base64.getEncoder().encodeToString(creds) + "</auth>";
    }

    public static String bind(String resource) {
        return "<iq type='set' id='" + BIND_ID + "'><bind xmlns='" + NS_BIND + "'><resource>" + escape(resource)
                + "</resource></bind></iq>";
    }

    /** Initial presence: without it the server routes nothing addressed to the bare JID to this session. */
    public static String presence() {
        return "<presence/>";
    }

    public static String enableStreamManagement() {
        return "<enable xmlns='" + NS_SM + "'/>";
    }

    public static String register(String username, String password) {
        return "<iq type='set' id='" + REGISTER_ID + "'><query xmlns='" + NS_REGISTER + "'><username>" + escape(username)
                + "</username><password>" + escape(password) + "</password></query></iq>";
    }

    public static String chat(String id, String toJid, String body) {
        return "<message to='" + escape(toJid) + "' id='" + escape(id) + "' type='chat'><body>" + escape(body)
                + "</body></message>";
    }

    public static String requestAck() {
        return "<r xmlns='" + NS_SM + "'/>";
    }

    public static String ack(long handled) {
        return "<a xmlns='" + NS_SM + "' h='" + handled + "'/>";
    }

    /** Whitespace between stanzas keeps an idle connection alive (RFC 6120 4.6.1). */
    public static String whitespacePing() {
        return " ";
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (r == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            b.append(r);
        }
        return b == null ? s : b.toString();
    }
}
