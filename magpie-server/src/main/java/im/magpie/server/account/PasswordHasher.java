package im.magpie.server.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing with a random per-user salt; the encoded hash (PHC string) carries its
 * own parameters, so costs can be raised later without breaking old hashes. Deliberately slow:
 * only on the login and register paths, never on reconnects (those use resume tokens).
 * Thread-safe.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function function;

    public PasswordHasher(int memoryKib, int iterations) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, 1, HASH_BYTES, Argon2.ID);
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    public boolean verify(String password, String encoded) {
        try {
            return Password.check(password, encoded).with(Argon2Function.getInstanceFromHash(encoded));
        } catch (RuntimeException e) {
            return false; // a malformed stored hash never lets anyone in
        }
    }
}
