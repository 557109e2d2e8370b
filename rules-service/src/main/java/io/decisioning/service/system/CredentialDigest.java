package io.decisioning.service.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key under which a sign-in cache remembers a pair of strings that hold a secret (a user name and
 * password, a stored hash and a password): a SHA-256 of both, never the secret itself.
 */
public final class CredentialDigest {

    /** One digest per thread: looking SHA-256 up among the security providers costs more than the digest. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    private CredentialDigest() {
    }

    /** The SHA-256 of {@code first}, a zero byte and {@code second} (UTF-8), as hex. */
    static String of(String first, CharSequence second) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        sha.update(first.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(second.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A short name for a secret (a refused bearer token in the audit trail): the first 16 hex digits of its SHA-256. */
    public static String shortName(String secret) {
        return of("", secret).substring(0, 16);
    }
}
