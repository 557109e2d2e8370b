package io.decisioning.service.blacklist;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.export.Rows;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.PersonalData;
import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding and lifting blacklist entries. Each change is audited and announces, as a
 * {@link BlacklistChanged} event in the same transaction, the customers the entry matches, so
 * they are re-evaluated at once.
 */
@Service
public class BlacklistService {

    private final BlacklistRepository entries;
    private final BlacklistMatchRepository matches;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RulesProperties properties;
    private final Clock clock;

    BlacklistService(BlacklistRepository entries, BlacklistMatchRepository matches, AuditTrail audit,
                     ApplicationEventPublisher events, RulesProperties properties, Clock clock) {
        this.clock = clock;
        this.entries = entries;
        this.matches = matches;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
    }

    /** @throws io.decisioning.service.system.InvalidInputException if the entry breaks a rule; nothing is stored then */
    @Transactional
    public BlacklistEntry add(NewBlacklistEntry request, String actor) {
        NewBlacklistEntry entry = request.validated(LocalDate.now(properties.zone()));
        long id = entries.add(entry, actor, now());
        List<Long> customers = customersMatching(entry.idType(), entry.idNumber(), entry.name(), entry.birthDate(),
                entry.phone());
        Map<String, @Nullable Object> detail = details(entry.idType(), entry.idNumber(), entry.name(), entry.birthDate(),
                entry.phone());
        detail.put("reasonCode", entry.reasonCode());
        detail.put("note", entry.note());
        detail.put("expiresAt", entry.expiresAt());
        detail.put("matchingCustomers", customers.size());
        audit.record(actor, "BLACKLIST_ADD", "BLACKLIST_ENTRY", Long.toString(id), detail);
        events.publishEvent(new BlacklistChanged(customers, id));
        return entries.find(id).orElseThrow();
    }

    /**
     * @throws NotFoundException if there is no such entry
     * @throws ConflictException if it is lifted already
     */
    @Transactional
    BlacklistEntry lift(long id, String reason, String actor) {
        BlacklistEntry entry = find(id);
        if (!entries.lift(id, actor, now(), reason)) {
            throw new ConflictException(new Sentence("Blacklist entry " + id + " is already lifted.",
                    "黑名单条目 " + id + " 已解除。"));
        }
        List<Long> customers = customersMatching(entry.idType(), entry.idNumber(), entry.name(), entry.birthDate(),
                entry.phone());
        Map<String, @Nullable Object> detail = details(entry.idType(), entry.idNumber(), entry.name(), entry.birthDate(),
                entry.phone());
        detail.put("reason", reason);
        detail.put("matchingCustomers", customers.size());
        audit.record(actor, "BLACKLIST_LIFT", "BLACKLIST_ENTRY", Long.toString(id), detail);
        events.publishEvent(new BlacklistChanged(customers, id));
        return find(id);
    }

    BlacklistEntry find(long id) {
        return entries.find(id).orElseThrow(() -> new NotFoundException(new Sentence("There is no blacklist entry " + id + ".",
                "黑名单条目 " + id + " 不存在。")));
    }

    BlacklistPage search(String query, @Nullable EntryStatus status, int page, int size) {
        return entries.search(query, status, page, size);
    }

    /** The entries of {@link #search}, all of them, to export. */
    Rows<BlacklistEntry> rows(String query, @Nullable EntryStatus status) {
        return Rows.of(() -> entries.count(query, status), each -> entries.forEach(query, status, each));
    }

    private List<Long> customersMatching(@Nullable IdType idType, @Nullable String idNumber, @Nullable String name,
                                         @Nullable LocalDate birthDate, @Nullable String phone) {
        return matches.customersMatching(idType == null ? null : idType.name(), idNumber, name, birthDate, phone);
    }

    private static Map<String, @Nullable Object> details(@Nullable IdType idType, @Nullable String idNumber,
                                                         @Nullable String name, @Nullable LocalDate birthDate,
                                                         @Nullable String phone) {
        Map<String, @Nullable Object> detail = new LinkedHashMap<>();
        detail.put("idType", idType);
        detail.put("idNumber", PersonalData.mask(idNumber)); // the entry keeps the whole number; the trail names it

        detail.put("name", name);
        detail.put("birthDate", birthDate);
        detail.put("phone", PersonalData.mask(phone));
        return detail;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
