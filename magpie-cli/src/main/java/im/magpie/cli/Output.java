package im.magpie.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Where commands print: results on stdout (JSON with {@code --json}, else text for people),
 * notices and errors on stderr (always text, so stdout stays parseable).
 */
public final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final CliEnvironment env;
    private final boolean json;

    public Output(CliEnvironment env, boolean json) {
        this.env = env;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** Prints a result: {@code value} as one line of JSON with {@code --json}, else {@code text}. */
    public void result(Object value, String text) {
        if (json) {
            try {
                env.out().println(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
            }
        } else if (text != null && !text.isEmpty()) {
            env.out().println(text);
        }
        env.out().flush();
    }

    /** A line for the person at the terminal, on stderr. */
    public void notice(String text) {
        env.err().println(text);
        env.err().flush();
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
