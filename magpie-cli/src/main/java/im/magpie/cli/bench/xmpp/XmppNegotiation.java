package im.magpie.cli.bench.xmpp;

import static im.magpie.cli.bench.xmpp.XmppStanzas.NS_BIND;
import static im.magpie.cli.bench.xmpp.XmppStanzas.NS_REGISTER_FEATURE;
import static im.magpie.cli.bench.xmpp.XmppStanzas.NS_SASL;
import static im.magpie.cli.bench.xmpp.XmppStanzas.NS_SM;
import static im.magpie.cli.bench.xmpp.XmppStanzas.NS_STREAMS;

/**
 * Stream negotiation of a plain-TCP client (RFC 6120 without STARTTLS) as a state machine, for one
 * of two goals: log in (SASL PLAIN, restart, bind a resource, initial presence, enable XEP-0198
 * stream management) or register an account in band (XEP-0077) and close. It sends through
 * {@link Out} and ends in exactly one of {@link Out#done} or {@link Out#failed}. No Netty here: the
 * unit test drives it with parsed events.
 */
public final class XmppNegotiation {
    public enum Goal { LOGIN, REGISTER }

    /** Where the negotiation is: each state names what it waits for. */
    public enum State {
        NEW, AWAIT_STREAM, AWAIT_FEATURES, AWAIT_SASL_RESULT, AWAIT_RESTARTED_STREAM, AWAIT_BIND_FEATURES,
        AWAIT_BIND_RESULT, AWAIT_ENABLED, AWAIT_REGISTERED, DONE, FAILED
    }

    /** What the negotiation does to its connection. */
    public interface Out {
        void send(String xml);

        /** The client is about to open a new stream: parse what follows as a new document. */
        void restartParser();

        /** Logged in as {@code fullJid} (for LOGIN), or registered (REGISTER, {@code fullJid} null). */
        void done(String fullJid);

        void failed(String reason);
    }

    private final Goal goal;
    private final String domain;
    private final String username;
    private final String password;
    private final String resource;
    private final Out out;
    private State state = State.NEW;
    private String jid;

    public XmppNegotiation(Goal goal, String domain, String username, String password, String resource, Out out) {
        this.goal = goal;
        this.domain = domain;
        this.username = username;
        this.password = password;
        this.resource = resource;
        this.out = out;
    }

    public State state() {
        return state;
    }

    public boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    public void start() {
        if (state != State.NEW) throw new IllegalStateException("already started: " + state);
        state = State.AWAIT_STREAM;
        out.send(XmppStanzas.openStream(domain));
    }

    public void on(XmppEvent event) {
        if (finished()) return;
        if (event instanceof XmppEvent.StreamOpened) {
            if (state == State.AWAIT_STREAM) state = State.AWAIT_FEATURES;
            else if (state == State.AWAIT_RESTARTED_STREAM) state = State.AWAIT_BIND_FEATURES;
            else fail("a stream header while " + state);
        } else if (event instanceof XmppEvent.Stanza stanza) {
            on(stanza.element());
        } else if (event instanceof XmppEvent.StreamClosed) {
            fail("the server closed the stream while " + state);
        } else if (event instanceof XmppEvent.Malformed malformed) {
            fail("bad XML from the server: " + malformed.reason());
        }
    }

    private void on(XmlElement e) {
        if (e.is("error", NS_STREAMS)) {
            fail("stream error: " + e.firstChildName());
            return;
        }
        switch (state) {
            case AWAIT_FEATURES -> onFeatures(e);
            case AWAIT_SASL_RESULT -> {
                if (e.is("success", NS_SASL)) {
                    state = State.AWAIT_RESTARTED_STREAM;
                    out.restartParser();
                    out.send(XmppStanzas.openStream(domain));
                } else if (e.is("failure", NS_SASL)) {
                    fail("authentication of " + username + " failed: " + e.firstChildName());
                } else {
                    fail("expected the SASL result, got <" + e.name() + ">");
                }
            }
            case AWAIT_BIND_FEATURES -> {
                if (!e.is("features", NS_STREAMS)) {
                    fail("expected stream features after authentication, got <" + e.name() + ">");
                } else if (e.child("bind", NS_BIND) == null) {
                    fail("the server offers no resource binding");
                } else if (e.child("sm", NS_SM) == null) {
                    fail("the server offers no stream management (XEP-0198 " + NS_SM + "), which the bench needs for acknowledgements");
                } else {
                    state = State.AWAIT_BIND_RESULT;
                    out.send(XmppStanzas.bind(resource));
                }
            }
            case AWAIT_BIND_RESULT -> {
                if (!isIqAnswer(e, XmppStanzas.BIND_ID)) return; // nothing else is expected, nothing else matters
                XmlElement bound = e.child("bind", NS_BIND);
                if (!"result".equals(e.attribute("type")) || bound == null || bound.child("jid") == null) {
                    fail("binding a resource failed: " + conditionOf(e));
                    return;
                }
                jid = bound.child("jid").text();
                state = State.AWAIT_ENABLED;
                out.send(XmppStanzas.presence() + XmppStanzas.enableStreamManagement());
            }
            case AWAIT_ENABLED -> {
                if (e.is("enabled", NS_SM)) {
                    state = State.DONE;
                    out.done(jid);
                } else if (e.is("failed", NS_SM)) {
                    fail("the server refused stream management: " + e.firstChildName());
                }
                // anything else before <enabled/> (our own presence, say) is outside stream management's count
            }
            case AWAIT_REGISTERED -> {
                if (!isIqAnswer(e, XmppStanzas.REGISTER_ID)) return;
                if ("result".equals(e.attribute("type"))) {
                    state = State.DONE;
                    out.send(XmppStanzas.closeStream());
                    out.done(null);
                } else {
                    fail("registering " + username + " failed: " + conditionOf(e));
                }
            }
            default -> fail("<" + e.name() + "> while " + state);
        }
    }

    private void onFeatures(XmlElement features) {
        if (!features.is("features", NS_STREAMS)) {
            fail("expected stream features, got <" + features.name() + ">");
            return;
        }
        if (goal == Goal.REGISTER) {
            if (features.child("register", NS_REGISTER_FEATURE) == null) {
                fail("the server offers no in-band registration (XEP-0077) on this stream");
                return;
            }
            state = State.AWAIT_REGISTERED;
            out.send(XmppStanzas.register(username, password));
            return;
        }
        XmlElement mechanisms = features.child("mechanisms", NS_SASL);
        boolean plain = false;
        if (mechanisms != null) {
            for (XmlElement m : mechanisms.children()) plain |= m.name().equals("mechanism") && m.text().trim().equals("PLAIN");
        }
        if (!plain) {
            fail("the server does not offer SASL PLAIN without TLS (the bench's XMPP driver speaks plain TCP)");
            return;
        }
        state = State.AWAIT_SASL_RESULT;
        out.send(XmppStanzas.authPlain(username, password));
    }

    private static boolean isIqAnswer(XmlElement e, String id) {
        return e.name().equals("iq") && id.equals(e.attribute("id"));
    }

    /** The defined condition of an {@code <error/>} child (conflict, not-acceptable, ...). */
    static String conditionOf(XmlElement stanza) {
        XmlElement error = stanza.child("error");
        return error == null ? "type " + stanza.attribute("type") : error.firstChildName();
    }

    private void fail(String reason) {
        if (finished()) return;
        state = State.FAILED;
        out.failed(reason);
    }
}
