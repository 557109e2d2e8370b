package io.decisioning.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.demo.BlacklistCandidate;
import io.decisioning.service.demo.DemoClaim;
import io.decisioning.service.demo.DemoCustomer;
import io.decisioning.service.demo.DemoPolicy;
import io.decisioning.service.demo.DemoProfile;
import io.decisioning.service.identity.OrganizationCode;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.identity.UnifiedSocialCreditCode;
import io.decisioning.service.system.RulesProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The generated demo book without a database: determinism, identities and the mix of customers. */
class DemoBookTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 10);
    private static final List<DemoCustomer> BOOK = new DemoBook(20_000, 20260101L, TODAY, "").customers().toList();

    @Test
    void theSameSeedAndDayGiveTheSameRows() {
        assertThat(digest(new DemoBook(3_000, 42, TODAY, ""))).isEqualTo(digest(new DemoBook(3_000, 42, TODAY, "")));
    }

    @Test
    void anotherSeedGivesOtherRows() {
        assertThat(digest(new DemoBook(3_000, 42, TODAY, ""))).isNotEqualTo(digest(new DemoBook(3_000, 43, TODAY, "")));
    }

    @Test
    void theSameSeedAndDayGiveTheSameSchedulesAndAnotherDayOtherStatuses() {
        List<DemoInstallment> schedules = BOOK.stream().flatMap(c -> c.policies().stream())
                .flatMap(p -> p.installments().stream()).toList();
        assertThat(schedules).hasSizeGreaterThan(BOOK.size() * 8);
        assertThat(new DemoBook(20_000, 20260101L, TODAY, "").customers().flatMap(c -> c.policies().stream())
                .flatMap(p -> p.installments().stream()).toList()).isEqualTo(schedules);
        assertThat(digest(new DemoBook(3_000, 42, TODAY.plusDays(1), ""))).isNotEqualTo(digest(new DemoBook(3_000, 42, TODAY, "")));
    }

    @Test
    void premiumSchedulesLeaveTheCustomersPoliciesAndClaimsOfASeedAsTheyAre() {
        List<DemoCustomer> with = new DemoBook(3_000, 42, TODAY, "T1-", 0.1, 42, true).customers().toList();
        List<DemoCustomer> without = new DemoBook(3_000, 42, TODAY, "T1-", 0.1, 42, false).customers().toList();

        assertThat(with).hasSameSizeAs(without).anyMatch(c -> c.duplicateOf() != null);
        for (int i = 0; i < with.size(); i++) {
            DemoCustomer scheduled = with.get(i);
            assertThat(scheduled).usingRecursiveComparison().ignoringFields("policies").isEqualTo(without.get(i));
            assertThat(scheduled.policies().stream().map(p -> p.withInstallments(List.of())).toList())
                    .isEqualTo(without.get(i).policies());
            assertThat(scheduled.policies()).allSatisfy(p -> assertThat(p.installments()).isNotEmpty());
            assertThat(without.get(i).policies()).allSatisfy(p -> assertThat(p.installments()).isEmpty());
        }
    }

    @Test
    void complaintsLeaveTheRestOfTheBookAsItIsAndAreTheSameForTheSameSeedAndDay() {
        DemoBook with = new DemoBook(3_000, 42, TODAY, "", 0.1, 42, true, true);
        DemoBook without = new DemoBook(3_000, 42, TODAY, "", 0.1, 42, true, false);
        DemoBook again = new DemoBook(3_000, 42, TODAY, "", 0.1, 42, true, true);

        assertThat(digest(with)).isEqualTo(digest(without)).isEqualTo(digest(new DemoBook(3_000, 42, TODAY, "", 0.1)));
        List<DemoComplaint> complaints = with.customers().flatMap(c -> with.complaints(c).stream()).toList();
        assertThat(complaints).hasSizeGreaterThan(100)
                .isEqualTo(again.customers().flatMap(c -> again.complaints(c).stream()).toList());
        assertThat(complaints).extracting(DemoComplaint::complaintNo).doesNotHaveDuplicates()
                .allSatisfy(no -> assertThat(no).matches("TS\\d{16}"));
        assertThat(without.customers().flatMap(c -> without.complaints(c).stream())).isEmpty();
        assertThat(with.customers().filter(c -> c.duplicateOf() != null).flatMap(c -> with.complaints(c).stream())).isEmpty();
    }

    @Test
    void complaintsAreOnByDefaultAndTheSettingTurnsThemOff() {
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("rules", RulesProperties.class)
                .demo().complaints()).isTrue();
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of("rules.demo.complaints", "false")))
                .bindOrCreate("rules", RulesProperties.class).demo().complaints()).isFalse();
    }

    @Test
    void anyCustomerCanBeRegeneratedAloneAndIdentitiesDoNotDependOnTheDay() {
        DemoBook book = new DemoBook(20_000, 20260101L, TODAY, "");
        assertThat(book.customer(1234)).isEqualTo(BOOK.get(1233));
        DemoCustomer later = new DemoBook(20_000, 20260101L, TODAY.plusDays(40), "").customer(1234);
        DemoCustomer now = BOOK.get(1233);
        assertThat(List.of(later.customerNo(), later.name(), later.idType(), later.idNumber(), String.valueOf(later.birthDate()),
                String.valueOf(later.phone()), later.branchCode()))
                .isEqualTo(List.of(now.customerNo(), now.name(), now.idType(), now.idNumber(), String.valueOf(now.birthDate()),
                        String.valueOf(now.phone()), now.branchCode()));
    }

    @Test
    void numbersAreSequentialAndUnique() {
        assertThat(BOOK.get(0).customerNo()).isEqualTo("C00000001");
        assertThat(BOOK.get(19_999).customerNo()).isEqualTo("C00020000");
        assertThat(BOOK.get(0).policies().get(0).policyNo()).isEqualTo("P0000000101");
        List<String> policies = BOOK.stream().flatMap(c -> c.policies().stream()).map(DemoPolicy::policyNo).toList();
        List<String> claims = BOOK.stream().flatMap(c -> c.policies().stream()).flatMap(p -> p.claims().stream())
                .map(DemoClaim::claimNo).toList();
        assertThat(policies).doesNotHaveDuplicates().isSorted();
        assertThat(claims).doesNotHaveDuplicates();
    }

    @Test
    void residentIdsCarryTheBirthDateAndAValidCheckDigit() {
        List<DemoCustomer> residents = BOOK.stream().filter(c -> c.idType().equals("RESIDENT_ID")).toList();
        assertThat(residents).hasSizeGreaterThan(15_000).allSatisfy(c -> {
            String id = c.idNumber().replace(" ", "").toUpperCase(Locale.ROOT);
            assertThat(id).hasSize(18);
            assertThat(id.charAt(17)).isEqualTo(ResidentId.checkCharacter(id.substring(0, 17)));
            assertThat(ResidentId.isValid(id)).isTrue();
            assertThat(id.substring(6, 14)).isEqualTo(c.birthDate().toString().replace("-", ""));
        });
        assertThat(residents).anyMatch(c -> c.idNumber().endsWith("x")).anyMatch(c -> c.idNumber().contains(" "));
    }

    @Test
    void knownIdentityNumbersHaveTheCheckDigitsTheStandardsGive() {
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        // M=22: 22*3 + 1*5 = 71, 11 - 71 mod 11 = 6
        assertThat(OrganizationCode.checkCharacter("M0001000")).isEqualTo('6');
    }

    @Test
    void organizationsHaveValidUnifiedSocialCreditCodes() {
        List<DemoCustomer> organizations = BOOK.stream().filter(c -> c.customerType().equals("ORGANIZATION")).toList();
        assertThat(organizations).allSatisfy(c -> {
            assertThat(c.idType()).isEqualTo("USCC");
            assertThat(c.idNumber().charAt(17)).isEqualTo(UnifiedSocialCreditCode.checkCharacter(c.idNumber().substring(0, 17)));
            assertThat(UnifiedSocialCreditCode.isValid(c.idNumber())).isTrue();
            assertThat(c.birthDate()).isNull();
            assertThat(c.name()).endsWith("公司");
        });
        assertThat(organizations).anyMatch(c -> c.name().contains("（"));
    }

    @Test
    void theMixIsMostlyPeopleWithSomeOrganizationsAndVariedContactData() {
        long people = BOOK.stream().filter(c -> c.customerType().equals("PERSON")).count();
        assertThat(people).isBetween(17_400L, 18_600L);
        assertThat(BOOK).filteredOn(c -> c.phone() != null && c.phone().startsWith("+86 ")).hasSizeGreaterThan(500);
        assertThat(BOOK).filteredOn(c -> c.phone() != null && c.phone().matches("1\\d{2}-\\d{4}-\\d{4}")).hasSizeGreaterThan(300);
        assertThat(BOOK).filteredOn(c -> c.phone() != null && c.phone().matches("1\\d{2} \\d{4} \\d{4}")).hasSizeGreaterThan(300);
        assertThat(BOOK).filteredOn(c -> c.phone() != null && c.phone().matches("1[3-9]\\d{9}")).hasSizeGreaterThan(12_000);
        assertThat(BOOK).filteredOn(c -> c.name().chars().anyMatch(ch -> ch >= 0xFF01 && ch <= 0xFF5E)).hasSizeGreaterThan(20);
        assertThat(BOOK).extracting(DemoCustomer::branchCode).contains("HQ", "GD", "GD-SZ", "GD-GZ", "BJ", "SH", "ZJ", "ZJ-HZ");
        assertThat(BOOK).filteredOn(c -> c.accountManager() != null).hasSizeBetween(13_000, 15_000);
    }

    @Test
    void profilesHaveTheirIntendedShares() {
        Map<DemoProfile, Long> counts = new EnumMap<>(DemoProfile.class);
        BOOK.forEach(c -> counts.merge(c.profile(), 1L, Long::sum));
        assertThat(counts.get(DemoProfile.KEY_ACCOUNT)).isBetween(60L, 140L);          // ~0.5%
        assertThat(counts.get(DemoProfile.VETERAN)).isBetween(1_400L, 1_800L);          // ~8%
        assertThat(counts.get(DemoProfile.REPEAT_CLAIMANT)).isBetween(300L, 500L);      // ~2%
        assertThat(counts.get(DemoProfile.HIGH_LOSS_RATIO)).isBetween(500L, 700L);      // ~3%
        assertThat(counts.get(DemoProfile.EARLY_CLAIM)).isBetween(300L, 500L);          // ~2%
        assertThat(counts.get(DemoProfile.BLACKLIST_MATCH)).isEqualTo(8L);
        assertThat(counts.get(DemoProfile.STANDARD)).isGreaterThan(16_000L);
    }

    @Test
    void everyProductLineChannelAndStatusOccurs() {
        List<DemoPolicy> policies = BOOK.stream().flatMap(c -> c.policies().stream()).toList();
        assertThat(policies).extracting(DemoPolicy::productLine).containsOnly(DemoBook.PRODUCT_LINES.toArray(String[]::new))
                .contains(DemoBook.PRODUCT_LINES.toArray(String[]::new));
        assertThat(policies).extracting(DemoPolicy::channel).containsOnly("AGENT", "BANK", "ONLINE", "BROKER", "DIRECT");
        assertThat(policies).extracting(DemoPolicy::status).contains("ACTIVE", "LAPSED", "CANCELLED", "EXPIRED");
        assertThat(policies).flatExtracting(DemoPolicy::claims).extracting(DemoClaim::status)
                .contains("OPEN", "PAID", "DENIED", "WITHDRAWN");
        assertThat(policies).allSatisfy(p -> assertThat(p.endDate()).isAfter(p.startDate()));
        assertThat(policies).flatExtracting(DemoPolicy::claims).allSatisfy(c -> {
            assertThat(c.lossDate()).isBeforeOrEqualTo(TODAY);
            assertThat(c.reportedAt().toLocalDate()).isAfterOrEqualTo(c.lossDate()).isBeforeOrEqualTo(TODAY);
        });
        double perCustomer = (double) policies.size() / BOOK.size();
        assertThat(perCustomer).isBetween(2.5, 4.5);
    }

    @Test
    void blacklistCandidatesMatchTheirCustomersTheSameWayOnAnyDay() {
        DemoBook book = new DemoBook(20_000, 20260101L, TODAY, "");
        List<BlacklistCandidate> candidates = book.blacklistCandidates();

        assertThat(candidates).hasSize(8).isEqualTo(new DemoBook(20_000, 20260101L, TODAY.plusDays(100), "").blacklistCandidates());
        assertThat(candidates).extracting(BlacklistCandidate::matchedOn).contains("ID_NUMBER", "NAME_BIRTH_DATE", "PHONE");
        for (BlacklistCandidate candidate : candidates) {
            DemoCustomer customer = BOOK.stream().filter(c -> c.customerNo().equals(candidate.customerNo())).findFirst().orElseThrow();
            assertThat(customer.profile()).isEqualTo(DemoProfile.BLACKLIST_MATCH);
            Predicate<BlacklistCandidate> matches = switch (candidate.matchedOn()) {
                case "ID_NUMBER" -> c -> c.idType().equals(customer.idType())
                        && c.idNumber().equals(customer.idNumber().replace(" ", "").toUpperCase(Locale.ROOT));
                case "NAME_BIRTH_DATE" -> c -> c.name().strip().equals(customer.name()) && c.birthDate().equals(customer.birthDate());
                default -> c -> digits(c.phone()).equals(digits(customer.phone()));
            };
            assertThat(candidate).matches(matches);
        }
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "").replaceFirst("^86", "");
    }

    static String digest(DemoBook book) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            book.customers().forEach(c -> sha.update(c.toString().getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoAccountManagerManagesCustomersOfTheirBranchInTheDefaultDemoBook() {
        List<DemoCustomer> book = new DemoBook(10_000, 20260101L, TODAY, "").customers().toList();

        assertThat(book).filteredOn(c -> DemoUsers.ACCOUNT_MANAGER_USER.equals(c.accountManager()))
                .hasSizeGreaterThan(20)
                .allSatisfy(c -> assertThat(c.branchCode()).isEqualTo(DemoUsers.ACCOUNT_MANAGER_BRANCH));
    }

    @Test
    void secondRecordsShareAKeyWithTheirFirstAndDifferentCustomersNeverShareAnIdentityOrNameBirthDateAndPhone() {
        for (String prefix : List.of("", "T1-", "T2-", "T3-")) {
            Map<String, String> customerOf = new java.util.HashMap<>();
            Map<String, String> firstOf = new java.util.HashMap<>();
            List<DemoCustomer> records = new DemoBook(20_000, 20260101L, TODAY, prefix, 0.03).customers().toList();
            for (DemoCustomer record : records) {
                String customer = record.duplicateOf() == null ? record.customerNo() : record.duplicateOf();
                io.decisioning.service.identity.MatchKeys keys = io.decisioning.service.identity.MatchKeys.of(record.idType(),
                        record.idNumber(), record.name(), record.birthDate(), record.phone());
                for (String key : new String[] {keys.identity(),
                        keys.nameBirthDate() == null || keys.phone() == null ? null : keys.nameBirthDate() + "|" + keys.phone()}) {
                    if (key == null) {
                        continue;
                    }
                    String other = customerOf.putIfAbsent(key, customer);
                    assertThat(other == null || other.equals(customer))
                            .as("%s: %s of %s is also %s's", prefix, key, customer, other).isTrue();
                }
                if (record.duplicateOf() != null) {
                    firstOf.put(record.customerNo(), record.duplicateOf());
                }
            }
            assertThat(firstOf).hasSizeBetween(450, 750);
        }
    }
}
