package io.decisioning.service.identity;

import io.decisioning.rules.RecordPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A CRM record as party resolution sees it: its keys, its normalized name and birth date, read fresh
 * from the {@code customer} table.
 *
 * @param name       the normalized name ("" when it has none)
 * @param keysDigest a digest of its keys: a decision to keep two records apart holds while both are unchanged
 */
public record IdentityRecord(long customerId, String customerNo, String customerType, String branchCode, MatchKeys keys,
                             String name, @Nullable LocalDate birthDate, String keysDigest) {

    private static final HexFormat HEX = HexFormat.of();

    public IdentityRecord {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(name, "name");
    }

    /** A record from its CRM columns. */
    public static IdentityRecord of(long customerId, String customerNo, String customerType, String branchCode,
                                    @Nullable String name, @Nullable String idType, @Nullable String idNumber,
                                    @Nullable LocalDate birthDate, @Nullable String phone) {
        MatchKeys keys = MatchKeys.of(idType, idNumber, name, birthDate, phone);
        return new IdentityRecord(customerId, customerNo, customerType, branchCode, keys, MatchKeys.normalize(name),
                birthDate, digest(keys));
    }

    /** 128 bits of SHA-256 over the keys, as hex. */
    static String digest(MatchKeys keys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (KeyType type : KeyType.values()) {
                String key = keys.key(type);
                sha.update((key == null ? "\u0000" : key + "\u0001").getBytes(StandardCharsets.UTF_8));
            }
            return HEX.formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kind of its identity key when it is a resident ID or an organization code, else null. */
    @Nullable String strongIdentityKind() {
        String identity = keys.identity();
        if (identity == null) {
            return null;
        }
        if (identity.startsWith(MatchKeys.RESIDENT_ID_PREFIX)) {
            return MatchKeys.RESIDENT_ID_PREFIX;
        }
        return identity.startsWith(MatchKeys.ORG_CODE_PREFIX) ? MatchKeys.ORG_CODE_PREFIX : null;
    }

    /** The fact the identity pack decides on, for this record and one with a larger CRM id. */
    RecordPair pairWith(IdentityRecord b) {
        String kind = strongIdentityKind();
        boolean conflict = kind != null && kind.equals(b.strongIdentityKind()) && !keys.identity().equals(b.keys.identity());
        return new RecordPair(pairId(customerId, b.customerId), customerNo, b.customerNo, conflict, sameIdentity(b),
                !name.isEmpty() && name.equals(b.name), birthDate != null && birthDate.equals(b.birthDate),
                keys.phone() != null && keys.phone().equals(b.keys.phone()), branchCode.equals(b.branchCode),
                customerType.equals(b.customerType));
    }

    /** What this record and {@code b} have in common, as the party API names it. */
    Set<Evidence> evidenceWith(IdentityRecord b) {
        Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
        if (sameIdentity(b)) {
            String identity = keys.identity();
            evidence.add(identity.startsWith(MatchKeys.RESIDENT_ID_PREFIX) ? Evidence.ID_NUMBER
                    : identity.startsWith(MatchKeys.ORG_CODE_PREFIX) ? Evidence.ORG_CODE : Evidence.PASSPORT);
        }
        if (!name.isEmpty() && name.equals(b.name)) {
            evidence.add(Evidence.NAME);
        }
        if (birthDate != null && birthDate.equals(b.birthDate)) {
            evidence.add(Evidence.BIRTH_DATE);
        }
        if (keys.phone() != null && keys.phone().equals(b.keys.phone())) {
            evidence.add(Evidence.PHONE);
        }
        return evidence;
    }

    private boolean sameIdentity(IdentityRecord b) {
        return keys.identity() != null && keys.identity().equals(b.keys.identity());
    }

    static String pairId(long a, long b) {
        return a + ":" + b;
    }
}
