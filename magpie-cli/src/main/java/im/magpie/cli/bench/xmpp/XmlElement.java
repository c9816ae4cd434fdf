package im.magpie.cli.bench.xmpp;

import java.util.List;
import java.util.Map;

/**
 * One element of an XMPP stream below the stream root (a stanza or a stream-level element such as
 * {@code <stream:features/>}), with its children and its text. Attribute keys are local names,
 * or {@code prefix:local} for prefixed ones ({@code xml:lang}).
 */
public record XmlElement(String name, String namespace, Map<String, String> attributes, List<XmlElement> children,
                        String text) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }

    /** The first child with this local name (any namespace), or null. */
    public XmlElement child(String localName) {
        for (XmlElement c : children) if (c.name.equals(localName)) return c;
        return null;
    }

    public XmlElement child(String localName, String ns) {
        for (XmlElement c : children) if (c.is(localName, ns)) return c;
        return null;
    }

    /** The first child's local name (an error condition, a SASL failure), or "none". */
    public String firstChildName() {
        return children.isEmpty() ? "none" : children.get(0).name;
    }
}
