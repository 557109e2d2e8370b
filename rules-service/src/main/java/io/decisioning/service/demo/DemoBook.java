package io.decisioning.service.demo;

import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.identity.OrganizationCode;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.identity.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic demo book of customers with their policies and claims, without any database: the
 * same size, seed, number prefix and day always give the same rows. Each customer is drawn from its
 * own random streams (one for its identity, one for its policies and claims), so any customer can be
 * regenerated alone and identities do not depend on the day; another stream draws the premium
 * schedules of its policies ({@link PremiumSchedules}), so that they leave the rest of the customer as it
 * is; streams of their own draw its account manager's contacts and its complaints. Policy, claim, instalment,
 * contact and complaint dates are relative to {@code today}, so that the features of sections 4, 11, 12 and 13
 * are meaningful on the day of generation. Times are whole seconds (Connector/J drops fractions
 * against MariaDB 10.x, see NOTES.md).
 */
final class DemoBook {

    /** Birth dates are relative to this fixed day, so identities (and blacklist entries) never change. */
    static final LocalDate BIRTH_ANCHOR = LocalDate.of(2026, 1, 1);

    static final List<String> PRODUCT_LINES = List.of("AUTO", "PROPERTY", "LIFE", "HEALTH", "ACCIDENT", "LIABILITY", "CARGO");
    private static final List<String> TERM_LINES = List.of("AUTO", "PROPERTY", "HEALTH", "ACCIDENT", "LIABILITY", "CARGO");
    private static final List<String> KEY_ACCOUNT_LINES = List.of("PROPERTY", "LIABILITY", "CARGO", "AUTO");
    private static final List<String> CHANNELS = List.of("AGENT", "BANK", "ONLINE", "BROKER", "DIRECT");

    private static final List<Branch> BRANCHES = List.of(
            new Branch("HQ", "北京市", "010", List.of("110105", "110101")),
            new Branch("BJ", "北京市", "010", List.of("110101", "110102", "110108")),
            new Branch("SH", "上海市", "021", List.of("310101", "310104", "310115")),
            new Branch("GD", "广州市", "020", List.of("440103", "440111")),
            new Branch("GD-SZ", "深圳市", "0755", List.of("440303", "440304", "440305", "440306")),
            new Branch("GD-GZ", "广州市", "020", List.of("440104", "440106")),
            new Branch("ZJ", "杭州市", "0571", List.of("330102")),
            new Branch("ZJ-HZ", "杭州市", "0571", List.of("330105", "330106")),
            new Branch("ZJ-NB", "宁波市", "0574", List.of("330203", "330212")),
            new Branch("JS", "南京市", "025", List.of("320102")),
            new Branch("JS-NJ", "南京市", "025", List.of("320104", "320106")),
            new Branch("JS-SZ", "苏州市", "0512", List.of("320505", "320506")),
            new Branch("SC", "成都市", "028", List.of("510104")),
            new Branch("SC-CD", "成都市", "028", List.of("510105", "510107")));

    private static final String[] SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 "
            + "韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 欧阳 司马 上官 诸葛").split(" ");
    private static final String[] GIVEN = ("伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 华 建 国 "
            + "文 辉 玲 婷 宇 浩 鑫 欣 怡 子涵 梓轩 晨 博 佳 雨 思 雪 俊 峰 嘉 琳 悦 一 诺 宏 志 海 燕 红 丹 斌 毅").split(" ");
    private static final String[] PINYIN_SURNAMES = {"WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "WU", "ZHOU"};
    private static final String[] PINYIN_GIVEN = {"WEI", "FANG", "NA", "LEI", "JIE", "TAO", "MING", "JING", "YU", "HAO"};
    private static final String[] BRANDS = ("华信 鼎盛 恒通 瑞丰 金桥 宏达 远航 中联 天成 新元 博睿 汇智 永安 同创 长虹 海川 "
            + "嘉禾 正泰 安顺 盛世 东方 星河 百合 富源").split(" ");
    private static final String[] INDUSTRIES = "科技 物流 贸易 建设 实业 制造 医药 食品 电子 能源 置业 航运".split(" ");
    private static final String[] COMPANY_SUFFIXES = {"有限公司", "股份有限公司", "集团有限公司"};
    private static final String[] MOBILE_PREFIXES = "130 131 135 136 137 138 139 150 151 158 159 177 186 187 188 199".split(" ");

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The root causes of decided complaints by category, each as often as it is listed. */
    private static final Map<String, List<String>> ROOT_CAUSES = Map.of(
            "PRODUCT", List.of("POLICY_TERMS", "POLICY_TERMS", "CLAIM_AMOUNT", "CLAIM_AMOUNT", "PREMIUM_DISPUTE",
                    "SURRENDER_VALUE"),
            "SERVICE", List.of("CLAIM_DELAY", "CLAIM_DELAY", "CLAIM_DELAY", "STAFF_ATTITUDE", "STAFF_ATTITUDE",
                    "DOCUMENTATION", "SYSTEM_ERROR"),
            "COMPLIANCE", List.of("MISSELLING", "MISSELLING", "MISSELLING", "UNSOLICITED_CALLS", "PERSONAL_DATA"));

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MAX_BLACKLISTED = 8;

    private final int size;
    private final long seed;
    private final LocalDate today;
    private final String prefix;
    private final double duplicates;
    private final long identitySeed;
    private final boolean premiumSchedules;
    private final boolean complaints;
    private final Map<Integer, Integer> blacklisted;

    /**
     * @param prefix put in front of every customer, policy and claim number ("" for the demo book:
     *               C00000001, P0000000101, L000000010101), so that tests can add books to a
     *               shared database
     */
    DemoBook(int size, long seed, LocalDate today, String prefix) {
        this(size, seed, today, prefix, 0);
    }

    /**
     * @param duplicates the share of customers that get a second record (0 to 0.5), see {@link #records}
     */
    DemoBook(int size, long seed, LocalDate today, String prefix, double duplicates) {
        this(size, seed, today, prefix, duplicates,
                // books with a prefix (tests that share a database) are other people: two books of one seed would
                // otherwise hold the same persons, who would be linked into parties across the books (DESIGN.md section 10)
                prefix.isEmpty() ? seed : seed ^ (prefix.hashCode() * GOLDEN));
    }

    /** @param identitySeed the seed of who the customers are (names, documents, phones), where the book's seed is not */
    DemoBook(int size, long seed, LocalDate today, String prefix, double duplicates, long identitySeed) {
        this(size, seed, today, prefix, duplicates, identitySeed, true);
    }

    /**
     * @param premiumSchedules whether policies get their premium schedules ({@link PremiumSchedules}); the
     *                         customers, policies and claims are the same either way
     */
    DemoBook(int size, long seed, LocalDate today, String prefix, double duplicates, long identitySeed,
             boolean premiumSchedules) {
        this(size, seed, today, prefix, duplicates, identitySeed, premiumSchedules, false);
    }

    /**
     * @param complaints whether customers have complaints ({@link #complaints}); without, the book is the same but for
     *                   them. Off for books added to a shared database: a CRM with any complaint is one that keeps
     *                   complaints, and every customer's evaluation then runs the complaints pack
     */
    DemoBook(int size, long seed, LocalDate today, String prefix, double duplicates, long identitySeed,
             boolean premiumSchedules, boolean complaints) {
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
        if (duplicates < 0 || duplicates > 0.5) {
            throw new IllegalArgumentException("duplicates must be between 0 and 0.5");
        }
        this.size = size;
        this.seed = seed;
        this.today = today;
        this.prefix = prefix;
        this.duplicates = duplicates;
        this.identitySeed = identitySeed;
        this.premiumSchedules = premiumSchedules;
        this.complaints = complaints;
        this.blacklisted = blacklistedIndexes(size, seed);
    }

    LocalDate today() {
        return today;
    }

    int size() {
        return size;
    }

    /** All customers' records ({@link #records}), in order of their number, generated lazily. */
    Stream<DemoCustomer> customers() {
        return IntStream.rangeClosed(1, size).boxed().flatMap(index -> records(index).stream());
    }

    /**
     * The records of the customers with 1-based indexes {@code from..to} (capped at the size of the book): each
     * customer's record, followed by its second record when it has one ({@link #records}).
     */
    List<DemoCustomer> customers(int from, int to) {
        return IntStream.rangeClosed(from, Math.min(to, size)).boxed().flatMap(index -> records(index).stream()).toList();
    }

    /**
     * The CRM records of one customer: one, or with the share {@code duplicates} (never for a customer the
     * demo blacklist matches) two, as real CRMs hold them (DESIGN.md section 10): the same person or company
     * entered again at another branch, with another account manager, its policies split between the two,
     * and its identity written another way: a resident ID in its old 15 digits or in full-width digits, the
     * same number with the phone written otherwise, no identity number but the same name, birth date and
     * phone, or (three in a hundred) only the same name and birth date, which takes a person's review; an
     * organization's old organization code as an OTHER id; a passport in lower case.
     */
    List<DemoCustomer> records(int index) {
        DemoCustomer first = customer(index);
        SplittableRandom r = new SplittableRandom(mix(seed, index, 3));
        if (duplicates == 0 || r.nextDouble() >= duplicates || blacklisted.containsKey(index)) {
            return List.of(first);
        }
        List<DemoPolicy> kept = new ArrayList<>();
        List<DemoPolicy> moved = new ArrayList<>();
        for (DemoPolicy policy : first.policies()) {
            (r.nextBoolean() ? moved : kept).add(policy);
        }
        if (kept.isEmpty() && !moved.isEmpty()) {
            kept.add(moved.remove(0));
        }
        String idType = first.idType();
        String idNumber = first.idNumber();
        LocalDate birthDate = first.birthDate();
        String phone = first.phone();
        double u = r.nextDouble();
        if (idType.equals("USCC")) {
            String code = first.idNumber().substring(8, 17);
            idType = "OTHER";
            idNumber = u < 0.5 ? code.substring(0, 8) + "-" + code.charAt(8) : code;
        } else if (idType.equals("PASSPORT")) {
            idNumber = idNumber.toLowerCase(Locale.ROOT);
        } else {
            String id = MatchKeys.normalize(idNumber);
            String fifteen = id.startsWith("19", 6) ? id.substring(0, 6) + id.substring(8, 17) : null;
            if (u < 0.30 && fifteen != null) {
                idNumber = fifteen;
            } else if (u < 0.50) {
                idNumber = fullWidth(id);
            } else if (u < 0.70 || phone == null) {
                idNumber = id;
                phone = phone == null ? null : "+86 " + MatchKeys.normalizePhone(phone);
            } else if (u < 0.97) {
                idType = "PASSPORT";
                idNumber = "E" + digits(r, 8);
                String digits = MatchKeys.normalizePhone(phone);
                phone = digits.length() == 11 ? digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7)
                        : "0086" + digits;
            } else {
                idType = "PASSPORT";
                idNumber = "G" + digits(r, 8);
                phone = mobile(r);
            }
        }
        Branch home = BRANCHES.stream().filter(b -> b.code.equals(first.branchCode())).findFirst().orElse(BRANCHES.get(0));
        Branch other = home;
        while (other == home) {
            other = pick(r, BRANCHES);
        }
        DemoCustomer kept1 = new DemoCustomer(first.index(), first.profile(), first.customerNo(), first.customerType(),
                first.name(), first.idType(), first.idNumber(), first.birthDate(), first.phone(), first.branchCode(),
                first.accountManager(), first.createdAt(), List.copyOf(kept), null);
        DemoCustomer second = new DemoCustomer(first.index(), first.profile(), prefix + "D" + "%08d".formatted(index),
                first.customerType(), first.name(), idType, idNumber, birthDate, phone, other.code,
                accountManager(r, other), first.createdAt().plusDays(r.nextInt(30, 900)), List.copyOf(moved),
                first.customerNo());
        return List.of(kept1, second);
    }

    /** Blacklist entries that match a few generated customers (two per kind of match at most). */
    List<BlacklistCandidate> blacklistCandidates() {
        List<BlacklistCandidate> candidates = new ArrayList<>();
        blacklisted.forEach((index, ordinal) -> candidates.add(candidate(customer(index), ordinal)));
        return candidates;
    }

    /** The customer with this 1-based index. */
    DemoCustomer customer(int index) {
        SplittableRandom identity = new SplittableRandom(mix(identitySeed, index, 1));
        SplittableRandom book = new SplittableRandom(mix(seed, index, 2));
        Integer blacklistOrdinal = blacklisted.get(index);
        DemoProfile profile = blacklistOrdinal != null ? DemoProfile.BLACKLIST_MATCH : profile(book.nextDouble());
        boolean organization = blacklistOrdinal != null
                ? blacklistOrdinal % 4 == 3
                : identity.nextDouble() < (profile == DemoProfile.KEY_ACCOUNT ? 0.8 : 0.1);
        Identity who = organization ? organization(identity, index) : person(identity, index, blacklistOrdinal != null);
        List<PolicyDraft> policies = policies(profile, book);
        LocalDate firstDay = policies.stream().map(p -> p.start).min(LocalDate::compareTo)
                .orElse(today.minusDays(book.nextInt(1, 720)));
        LocalDateTime createdAt = firstDay.minusDays(book.nextInt(0, 30)).atStartOfDay()
                .plusSeconds(book.nextInt(8 * 3600, 18 * 3600));
        String number = "%08d".formatted(index);
        List<DemoPolicy> frozen = new ArrayList<>(policies.size());
        for (int j = 0; j < policies.size(); j++) {
            PolicyDraft p = policies.get(j);
            String policyNo = prefix + "P" + number + "%02d".formatted(j + 1);
            List<DemoClaim> claims = new ArrayList<>(p.claims.size());
            for (int k = 0; k < p.claims.size(); k++) {
                ClaimDraft c = p.claims.get(k);
                claims.add(new DemoClaim(prefix + "L" + number + "%02d%02d".formatted(j + 1, k + 1),
                        c.lossDate, c.reportedAt, c.status, c.claimed, c.paid));
            }
            frozen.add(new DemoPolicy(policyNo, p.line, p.channel, p.start, p.end, p.premium, p.status, List.copyOf(claims),
                    List.of()));
        }
        List<DemoPolicy> scheduled = premiumSchedules
                ? PremiumSchedules.attach(frozen, new SplittableRandom(mix(seed, index, 4)), today) : List.copyOf(frozen);
        return new DemoCustomer(index, profile, prefix + "C" + number, organization ? "ORGANIZATION" : "PERSON",
                who.name, who.idType, who.idNumber, who.birthDate, who.phone, who.branch, who.accountManager,
                createdAt, scheduled, null);
    }

    /**
     * The contacts the customer's account manager logged over the year before today (DESIGN.md section 12), none for a
     * customer without a manager: key accounts visited most months, veterans called most quarters, others now and then;
     * some satisfaction surveys and birthday care. Drawn from a stream of their own, so the rest of the book is the same
     * with or without them.
     */
    List<DemoContact> contacts(DemoCustomer c) {
        if (c.accountManager() == null) {
            return List.of();
        }
        SplittableRandom r = new SplittableRandom(mix(seed, c.index(), 5));
        List<DemoContact> contacts = new ArrayList<>();
        LocalDate yearAgo = today.minusYears(1);
        switch (c.profile()) {
            case KEY_ACCOUNT -> {
                for (int month = 12; month >= 1; month--) {
                    if (r.nextDouble() < (month == 1 ? 0.6 : 0.8)) {
                        contacts.add(contact(r, "VISIT", today.minusMonths(month).plusDays(r.nextInt(0, 28)), null, "上门拜访"));
                    }
                }
                for (int half = 0; half < 2; half++) {
                    if (r.nextDouble() < 0.6) {
                        contacts.add(contact(r, "SURVEY", yearAgo.plusDays(r.nextInt(1, 365)), r.nextInt(3, 6), "满意度调查"));
                    }
                }
            }
            case VETERAN -> {
                for (int quarter = 4; quarter >= 1; quarter--) {
                    if (r.nextDouble() < 0.75) {
                        contacts.add(contact(r, "PHONE", today.minusMonths(3L * quarter).plusDays(r.nextInt(0, 60)), null,
                                "电话回访"));
                    }
                }
                if (r.nextDouble() < 0.4) {
                    contacts.add(contact(r, "SURVEY", yearAgo.plusDays(r.nextInt(1, 365)), r.nextInt(2, 6), "满意度调查"));
                }
            }
            default -> {
                if (r.nextDouble() < 0.15) {
                    contacts.add(contact(r, "PHONE", yearAgo.plusDays(r.nextInt(1, 365)), null, "电话回访"));
                }
                if (r.nextDouble() < 0.05) {
                    contacts.add(contact(r, "SURVEY", yearAgo.plusDays(r.nextInt(1, 365)), r.nextInt(1, 6), "满意度调查"));
                }
            }
        }
        if (c.birthDate() != null && c.profile() == DemoProfile.KEY_ACCOUNT && r.nextDouble() < 0.7) {
            LocalDate birthday = java.time.MonthDay.from(c.birthDate()).atYear(today.getYear());
            if (!birthday.isBefore(today)) {
                birthday = birthday.minusYears(1);
            }
            contacts.add(contact(r, "CARE", birthday, null, "生日关怀"));
        }
        contacts.removeIf(contact -> !contact.occurredAt().toLocalDate().isBefore(today));
        return contacts;
    }

    /** A contact on {@code day} at office hours in China (02:00-09:00 UTC), as stored (UTC). */
    private static DemoContact contact(SplittableRandom r, String kind, LocalDate day, @Nullable Integer satisfaction,
                                       String note) {
        return new DemoContact(kind, day.atTime(2, 0).plusMinutes(r.nextInt(0, 7 * 60)), satisfaction, note);
    }

    /**
     * The complaints of a customer over the year before today (DESIGN.md section 13), on its first record, in a book with
     * complaints: about 3.5 customers in 100 complain (key accounts and claimants more often), most of them once, some
     * twice, one in ten 3 to 5 times within 300 days. Each complaint is first given how its time limit (15, 30 or 60
     * calendar days from the day received in China, for SIMPLE, COMPLEX, EXTENDED) stands today, then dates that make it
     * so: most decided within it (some of them closed since), some after it, some still open on track, at risk (3 days
     * or fewer left) or overdue, a few withdrawn; none received before the customer was created. One in a hundred has a
     * complexity, one in a hundred a channel the service does not know; half of the open ones received in the last ten
     * days, and of the withdrawn ones, are not classified. About one customer in a thousand comes with a complaint of
     * someone who is no customer, at any demo branch. Numbered TS, the day received, the customer's index and the
     * complaint's; drawn from a stream of their own, so the rest of the book is the same with or without them.
     */
    List<DemoComplaint> complaints(DemoCustomer c) {
        if (!complaints || c.duplicateOf() != null) {
            return List.of();
        }
        SplittableRandom r = new SplittableRandom(mix(seed, c.index(), 6));
        boolean complains = r.nextDouble() < complainingShare(c.profile());
        boolean stranger = r.nextDouble() < 0.001;
        long sinceCreated = ChronoUnit.DAYS.between(c.createdAt().toLocalDate(), today);
        List<DemoComplaint> drawn = new ArrayList<>();
        if (complains && sinceCreated >= 1) {
            double u = r.nextDouble();
            int count = u < 0.75 ? 1 : u < 0.9 ? 2 : r.nextInt(3, 6);
            int maxAge = (int) Math.min(count >= 3 ? 300 : 365, sinceCreated);
            for (int n = 1; n <= count; n++) {
                drawn.add(complaint(r, c.index(), c, n, maxAge));
            }
        }
        if (stranger) {
            drawn.add(complaint(r, c.index(), null, 9, 365));
        }
        return drawn;
    }

    private static double complainingShare(DemoProfile profile) {
        return switch (profile) {
            case KEY_ACCOUNT -> 0.15;
            case REPEAT_CLAIMANT -> 0.12;
            case HIGH_LOSS_RATIO -> 0.10;
            case EARLY_CLAIM -> 0.08;
            default -> 0.03;
        };
    }

    /** A complaint received at most {@code maxAge} days before today; by {@code customer}, or by no customer when null. */
    private DemoComplaint complaint(SplittableRandom r, int index, @Nullable DemoCustomer customer, int n, int maxAge) {
        double u = r.nextDouble();
        String channel = u < 0.01 ? "WECHAT" : u < 0.39 ? "PHONE" : u < 0.63 ? "ONLINE" : u < 0.77 ? "VISIT"
                : u < 0.88 ? "LETTER" : "REGULATOR";
        u = r.nextDouble();
        String complexity = u < 0.01 ? "URGENT" : u < 0.61 ? "SIMPLE" : u < 0.91 ? "COMPLEX" : "EXTENDED";
        int limit = switch (complexity) {
            case "SIMPLE" -> 15;
            case "EXTENDED" -> 60;
            default -> 30;
        };
        double state = r.nextDouble();
        String status;
        int age;
        int decidedAfter = 0;
        if (state < 0.05 && maxAge >= limit - 3) {
            status = "OPEN"; // at risk
            age = r.nextInt(limit - 3, Math.min(limit, maxAge) + 1);
        } else if (state < 0.11 && maxAge > limit) {
            status = "OPEN"; // overdue
            age = r.nextInt(limit + 1, Math.min(limit + 120, maxAge) + 1);
        } else if (state < 0.15) {
            status = "WITHDRAWN";
            age = r.nextInt(1, maxAge + 1);
        } else if (state < 0.24 && maxAge > limit + 1) {
            status = "DECIDED"; // after the limit
            age = r.nextInt(limit + 2, maxAge + 1);
            decidedAfter = r.nextInt(limit + 1, Math.min(limit + 30, age - 1) + 1);
        } else if (state < 0.88 && maxAge >= 2) {
            status = state < 0.32 ? "CLOSED" : "DECIDED";
            age = r.nextInt(2, maxAge + 1);
            int latest = Math.min(limit, age - 1);
            decidedAfter = 1 + Math.min(r.nextInt(latest), r.nextInt(latest));
        } else {
            status = "OPEN"; // on track
            age = r.nextInt(1, Math.min(limit - 4, maxAge) + 1);
        }
        String category = null;
        if (!(status.equals("OPEN") && age <= 10 || status.equals("WITHDRAWN")) || r.nextDouble() < 0.5) {
            u = r.nextDouble();
            category = u < 0.45 ? "SERVICE" : u < 0.8 ? "PRODUCT" : "COMPLIANCE";
        }
        LocalDate received = today.minusDays(age);
        int minute = channel.equals("ONLINE") ? r.nextInt(24 * 60) : r.nextInt(9 * 60, 18 * 60);
        LocalDateTime receivedAt = inUtc(received.atStartOfDay().plusMinutes(minute).plusSeconds(r.nextInt(60)));
        LocalDateTime decidedAt = null;
        String rootCause = null;
        if (decidedAfter > 0) {
            decidedAt = inUtc(received.plusDays(decidedAfter).atTime(9, 0).plusMinutes(r.nextInt(9 * 60)));
            rootCause = pick(r, ROOT_CAUSES.get(category));
        }
        String policyNo = null;
        if (customer != null) {
            List<DemoPolicy> held = customer.policies().stream().filter(p -> !p.startDate().isAfter(received)).toList();
            if (!held.isEmpty() && r.nextDouble() < 0.8) {
                policyNo = pick(r, held).policyNo();
            }
        }
        return new DemoComplaint(prefix + "TS" + received.format(DateTimeFormatter.BASIC_ISO_DATE)
                + "%08d".formatted(index * 10L + n), customer == null ? null : customer.customerNo(), policyNo, channel,
                category, complexity, customer == null ? pick(r, BRANCHES).code : customer.branchCode(), receivedAt, status,
                decidedAt, rootCause);
    }

    /** A time in China as stored (UTC). */
    private static LocalDateTime inUtc(LocalDateTime china) {
        return china.atZone(CHINA).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** The branches of the demo book. */
    static List<String> branchCodes() {
        return BRANCHES.stream().map(Branch::code).toList();
    }

    private static DemoProfile profile(double u) {
        if (u < 0.005) {
            return DemoProfile.KEY_ACCOUNT;
        } else if (u < 0.085) {
            return DemoProfile.VETERAN;
        } else if (u < 0.105) {
            return DemoProfile.REPEAT_CLAIMANT;
        } else if (u < 0.135) {
            return DemoProfile.HIGH_LOSS_RATIO;
        } else if (u < 0.155) {
            return DemoProfile.EARLY_CLAIM;
        }
        return DemoProfile.STANDARD;
    }

    // ---- identities (independent of the day) ----

    private record Identity(String name, String idType, String idNumber, @Nullable LocalDate birthDate,
                            @Nullable String phone, String branch, @Nullable String accountManager) {
    }

    private record Branch(String code, String city, String areaCode, List<String> divisions) {
    }

    private Identity person(SplittableRandom r, int index, boolean blacklisted) {
        Branch branch = pick(r, BRANCHES);
        r.nextInt(56); // the draws of the birth date before it was unique, so that the draws after it stay as they were
        r.nextInt(365);
        // no two customers of a book share a resident ID: birth date and sequence number come from the index
        long unique = unique(index, PERSON_NUMBERS);
        LocalDate birthDate = BIRTH_ANCHOR.minusYears(20).minusDays(unique / 1000);
        String name = r.nextDouble() < 0.005
                ? fullWidth(pick(r, PINYIN_SURNAMES) + " " + pick(r, PINYIN_GIVEN))
                : pick(r, SURNAMES) + pick(r, GIVEN) + (r.nextDouble() < 0.5 ? pick(r, GIVEN) : "");
        String idType;
        String idNumber;
        if (!blacklisted && r.nextDouble() < 0.03) {
            idType = "PASSPORT";
            idNumber = "E" + digits(r, 8);
        } else {
            idType = "RESIDENT_ID";
            digits(r, 3);
            String first17 = pick(r, branch.divisions) + birthDate.toString().replace("-", "") + "%03d".formatted(unique % 1000);
            idNumber = storedResidentId(r, first17 + ResidentId.checkCharacter(first17));
        }
        String phone = blacklisted || r.nextDouble() < 0.92 ? storedMobile(r, mobile(r)) : null;
        return new Identity(name, idType, idNumber, birthDate, phone, branch.code, accountManager(r, branch));
    }

    private Identity organization(SplittableRandom r, int index) {
        Branch branch = pick(r, BRANCHES);
        String brand = pick(r, BRANDS);
        String industry = pick(r, INDUSTRIES);
        String name = r.nextDouble() < 0.15
                ? brand + industry + "（" + branch.city.replace("市", "") + "）" + pick(r, COMPANY_SUFFIXES)
                : branch.city + brand + industry + pick(r, COMPANY_SUFFIXES);
        digits(r, 8);
        String organizationCode = "%08d".formatted(unique(index, ORGANIZATION_NUMBERS)); // one code per organization
        organizationCode += OrganizationCode.checkCharacter(organizationCode);
        String first17 = "91" + pick(r, branch.divisions) + organizationCode;
        String phone = r.nextDouble() < 0.7 ? branch.areaCode + "-" + (r.nextInt(2, 9)) + digits(r, 7) : null;
        return new Identity(name, "USCC", first17 + UnifiedSocialCreditCode.checkCharacter(first17), null, phone, branch.code,
                accountManager(r, branch));
    }

    /** Mostly the clean form; sometimes a lower-case 'x' or spaces, as CRMs hold them. */
    private static String storedResidentId(SplittableRandom r, String id) {
        double u = r.nextDouble();
        if (id.endsWith("X") && u < 0.3) {
            return id.toLowerCase(Locale.ROOT);
        } else if (u < 0.02) {
            return id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14);
        }
        return id;
    }

    private static String mobile(SplittableRandom r) {
        return pick(r, MOBILE_PREFIXES) + digits(r, 8);
    }

    private static String storedMobile(SplittableRandom r, String mobile) {
        double u = r.nextDouble();
        if (u < 0.08) {
            return "+86 " + mobile;
        } else if (u < 0.13) {
            return mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        } else if (u < 0.18) {
            return mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
        }
        return mobile;
    }

    private static @Nullable String accountManager(SplittableRandom r, Branch branch) {
        return r.nextDouble() < 0.7
                ? "am." + branch.code.toLowerCase(Locale.ROOT).replace("-", "") + "." + "%02d".formatted(r.nextInt(1, 13))
                : null;
    }

    // ---- policies and claims (relative to today) ----

    private static final class PolicyDraft {
        final String line;
        final String channel;
        final LocalDate start;
        final LocalDate end;
        final BigDecimal premium;
        final String status;
        final List<ClaimDraft> claims = new ArrayList<>();

        PolicyDraft(String line, String channel, LocalDate start, LocalDate end, BigDecimal premium, String status) {
            this.line = line;
            this.channel = channel;
            this.start = start;
            this.end = end;
            this.premium = premium;
            this.status = status;
        }

        boolean covers(LocalDate day) {
            return !day.isBefore(start) && day.isBefore(end) && !"CANCELLED".equals(status);
        }
    }

    private record ClaimDraft(LocalDate lossDate, LocalDateTime reportedAt, String status, BigDecimal claimed,
                              BigDecimal paid) {
    }

    private List<PolicyDraft> policies(DemoProfile profile, SplittableRandom r) {
        List<PolicyDraft> policies = new ArrayList<>();
        switch (profile) {
            case STANDARD, BLACKLIST_MATCH -> {
                if (r.nextDouble() < 0.01) {
                    return policies; // a prospect: a customer without policies
                }
                lines(r, policies, today.minusDays(r.nextInt(1, 4 * 365)), 1, true);
                randomClaims(r, policies, 0.28);
            }
            case KEY_ACCOUNT -> {
                LocalDate first = today.minusYears(r.nextInt(1, 9)).minusDays(r.nextInt(0, 365));
                List<String> lines = new ArrayList<>(KEY_ACCOUNT_LINES);
                Collections.shuffle(lines, new Random(r.nextLong()));
                int count = r.nextInt(2, 5);
                for (int i = 0; i < count; i++) {
                    long perLine = 500_000 / count;
                    chain(r, policies, lines.get(i), i == 0 ? first : between(r, first, today),
                            false, perLine * 100 * r.nextInt(115, 201) / 100);
                }
                randomClaims(r, policies, 0.2);
            }
            case VETERAN -> {
                LocalDate first = today.minusYears(3 + r.nextInt(7)).minusDays(r.nextInt(1, 365));
                lines(r, policies, first, 1, false);
                LocalDate claimFreeSince = today.minusYears(3).minusDays(1);
                PolicyDraft firstPolicy = policies.get(0);
                LocalDate from = firstPolicy.start.plusDays(31);
                LocalDate to = min(firstPolicy.end.minusDays(1), claimFreeSince);
                if (r.nextDouble() < 0.3 && !from.isAfter(to)) {
                    firstPolicy.claims.add(claim(r, firstPolicy, between(r, from, to), false));
                }
            }
            case REPEAT_CLAIMANT -> {
                lines(r, policies, today.minusDays(r.nextInt(400, 2000)), 1, false);
                int claims = r.nextInt(3, 7);
                for (int i = 0; i < claims; i++) {
                    LocalDate loss = today.minusDays(r.nextInt(0, 360));
                    PolicyDraft policy = covering(policies, loss);
                    policy.claims.add(claim(r, policy, loss, true));
                }
                if (r.nextDouble() < 0.3) {
                    LocalDate loss = today.minusDays(r.nextInt(0, 360));
                    PolicyDraft policy = covering(policies, loss);
                    policy.claims.add(new ClaimDraft(loss, reportedAt(r, loss), "WITHDRAWN",
                            policy.premium.multiply(BigDecimal.valueOf(r.nextInt(10, 80), 2)).setScale(2, RoundingMode.HALF_UP),
                            BigDecimal.ZERO.setScale(2)));
                }
            }
            case HIGH_LOSS_RATIO -> {
                lines(r, policies, today.minusDays(r.nextInt(200, 1800)), 1, false);
                LocalDate threeYearsAgo = today.minusYears(3);
                BigDecimal premium3y = policies.stream()
                        .filter(p -> !"CANCELLED".equals(p.status) && p.start.isAfter(threeYearsAgo) && !p.start.isAfter(today))
                        .map(p -> p.premium).reduce(BigDecimal.ZERO, BigDecimal::add);
                List<PolicyDraft> recent = policies.stream()
                        .filter(p -> p.line.equals(policies.get(0).line) && p.start.isAfter(threeYearsAgo)).toList();
                long totalCents = premium3y.movePointRight(2).longValueExact() * r.nextInt(100, 251) / 100;
                int claims = r.nextInt(1, 4);
                for (int i = 0; i < claims; i++) {
                    PolicyDraft policy = recent.get(r.nextInt(recent.size()));
                    LocalDate loss = between(r, policy.start, min(policy.end.minusDays(1), today));
                    long cents = i < claims - 1 ? totalCents / claims : totalCents - totalCents / claims * (claims - 1);
                    BigDecimal paid = BigDecimal.valueOf(cents, 2);
                    policy.claims.add(new ClaimDraft(loss, reportedAt(r, loss), "PAID",
                            paid.multiply(BigDecimal.valueOf(11, 1)).setScale(2, RoundingMode.HALF_UP), paid));
                }
            }
            case EARLY_CLAIM -> {
                lines(r, policies, today.minusDays(r.nextInt(0, 1000)), 1, false);
                String line = policies.get(0).line;
                PolicyDraft current = covering(policies.stream().filter(p -> p.line.equals(line)).toList(), today);
                long daysIn = ChronoUnit.DAYS.between(current.start, today);
                LocalDate loss = current.start.plusDays(r.nextLong(0, Math.min(30, daysIn) + 1));
                ClaimDraft claim = claim(r, current, loss, true);
                current.claims.add(claim);
            }
            default -> throw new IllegalStateException("unknown profile " + profile);
        }
        return policies;
    }

    /** One to three product lines; the first starts on {@code first} and is renewed every year up to today. */
    private void lines(SplittableRandom r, List<PolicyDraft> policies, LocalDate first, int minLines, boolean mayLapse) {
        int count = Math.max(minLines, 1 + (r.nextDouble() < 0.3 ? 1 : 0) + (r.nextDouble() < 0.1 ? 1 : 0));
        List<String> lines = new ArrayList<>(TERM_LINES);
        Collections.shuffle(lines, new Random(r.nextLong()));
        for (int i = 0; i < count; i++) {
            String line = i > 0 && r.nextDouble() < 0.15 ? "LIFE" : lines.get(i);
            if (i > 0 && policies.stream().anyMatch(p -> p.line.equals(line))) {
                continue;
            }
            chain(r, policies, line, i == 0 ? first : between(r, first, today), mayLapse || i > 0, basePremiumCents(r, line));
        }
    }

    /** Yearly renewals of one product line (LIFE: one long-term policy) from {@code start} until one is in force. */
    private void chain(SplittableRandom r, List<PolicyDraft> policies, String line, LocalDate start, boolean mayLapse,
                       long premiumCents) {
        String channel = pick(r, CHANNELS);
        LocalDate from = start;
        while (!from.isAfter(today)) {
            LocalDate end = "LIFE".equals(line) ? from.plusYears(r.nextInt(10, 21)) : from.plusYears(1);
            BigDecimal premium = BigDecimal.valueOf(premiumCents * r.nextInt(90, 111) / 100, 2);
            boolean inForce = end.isAfter(today);
            String status;
            if (inForce) {
                status = mayLapse && r.nextDouble() < 0.04 ? "CANCELLED" : "ACTIVE";
            } else if (mayLapse && r.nextDouble() < 0.08) {
                status = "LAPSED";
            } else {
                status = mayLapse && r.nextDouble() < 0.03 ? "CANCELLED" : "EXPIRED";
            }
            policies.add(new PolicyDraft(line, channel, from, end, premium, status));
            if (inForce || "LAPSED".equals(status)) {
                return;
            }
            from = end;
        }
    }

    private static long basePremiumCents(SplittableRandom r, String line) {
        long yuan = switch (line) {
            case "AUTO" -> r.nextLong(2_000, 8_000);
            case "PROPERTY" -> r.nextLong(500, 5_000);
            case "LIFE" -> r.nextLong(3_000, 30_000);
            case "HEALTH" -> r.nextLong(1_000, 8_000);
            case "ACCIDENT" -> r.nextLong(100, 800);
            case "LIABILITY" -> r.nextLong(2_000, 20_000);
            case "CARGO" -> r.nextLong(5_000, 50_000);
            default -> throw new IllegalArgumentException(line);
        };
        return yuan * 100 + r.nextInt(100);
    }

    /** Ordinary claims: on some policies, at least 31 days after the start (so not early claims). */
    private void randomClaims(SplittableRandom r, List<PolicyDraft> policies, double probability) {
        for (PolicyDraft policy : policies) {
            if ("CANCELLED".equals(policy.status) || r.nextDouble() >= probability) {
                continue;
            }
            LocalDate from = policy.start.plusDays(31);
            LocalDate to = min(policy.end.minusDays(1), today);
            if (!from.isAfter(to)) {
                policy.claims.add(claim(r, policy, between(r, from, to), false));
            }
        }
    }

    private ClaimDraft claim(SplittableRandom r, PolicyDraft policy, LocalDate loss, boolean counted) {
        LocalDateTime reported = reportedAt(r, loss);
        BigDecimal claimed = policy.premium.multiply(BigDecimal.valueOf(r.nextInt(10, 121), 2))
                .setScale(2, RoundingMode.HALF_UP);
        String status;
        double u = r.nextDouble();
        if (ChronoUnit.DAYS.between(reported.toLocalDate(), today) < 20 && u < 0.7) {
            status = "OPEN";
        } else if (u < 0.72) {
            status = "PAID";
        } else if (u < 0.88 || counted) {
            status = "DENIED";
        } else {
            status = "WITHDRAWN";
        }
        BigDecimal paid = "PAID".equals(status)
                ? claimed.multiply(BigDecimal.valueOf(r.nextInt(40, 101), 2)).setScale(2, RoundingMode.HALF_UP)
                : BigDecimal.ZERO.setScale(2);
        return new ClaimDraft(loss, reported, status, claimed, paid);
    }

    private LocalDateTime reportedAt(SplittableRandom r, LocalDate loss) {
        LocalDate day = min(loss.plusDays(r.nextInt(0, 15)), today);
        return day.atStartOfDay().plusSeconds(r.nextInt(8 * 3600, 20 * 3600));
    }

    private static PolicyDraft covering(List<PolicyDraft> policies, LocalDate day) {
        return policies.stream().filter(p -> p.covers(day)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no policy covers " + day));
    }

    // ---- blacklist ----

    private static Map<Integer, Integer> blacklistedIndexes(int size, long seed) {
        int count = size == 0 ? 0 : Math.min(size, Math.min(MAX_BLACKLISTED, Math.max(1, size / 250)));
        SplittableRandom r = new SplittableRandom(mix(seed, 0, 3));
        Map<Integer, Integer> indexes = new LinkedHashMap<>();
        while (indexes.size() < count) {
            indexes.putIfAbsent(r.nextInt(1, size + 1), indexes.size());
        }
        return indexes;
    }

    private static BlacklistCandidate candidate(DemoCustomer customer, int ordinal) {
        String normalizedId = customer.idNumber().replace(" ", "").toUpperCase(Locale.ROOT);
        return switch (ordinal % 4) {
            case 0 -> new BlacklistCandidate(customer.customerNo(), "ID_NUMBER", customer.idType(), normalizedId,
                    customer.name(), null, null, "FRAUD");
            case 1 -> new BlacklistCandidate(customer.customerNo(), "NAME_BIRTH_DATE", null, null,
                    " " + customer.name() + " ", customer.birthDate(), null, "MISREPRESENTATION");
            case 2 -> {
                String digits = customer.phone() == null ? "" : customer.phone().replaceAll("\\D", "").replaceFirst("^86", "");
                yield new BlacklistCandidate(customer.customerNo(), "PHONE", null, null, null, null,
                        "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7),
                        "PREMIUM_DEFAULT");
            }
            default -> new BlacklistCandidate(customer.customerNo(), "ID_NUMBER", customer.idType(), normalizedId,
                    customer.name(), null, null, "SANCTIONS");
        };
    }

    // ---- small helpers ----

    /** Birth dates over 56 years times 1000 sequence numbers: the resident IDs of one division and book. */
    private static final long PERSON_NUMBERS = 56L * 365 * 1000;
    private static final long ORGANIZATION_NUMBERS = 100_000_000L;
    /** A prime that divides neither, so that {@link #unique} is a permutation. */
    private static final long SPREAD = 1_000_003L;

    /** A number below {@code range} of its own for each index of this book (a permutation of the indexes). */
    private long unique(int index, long range) {
        return (Math.floorMod(identitySeed, range) + index) % range * SPREAD % range;
    }

    private static long mix(long seed, int index, int stream) {
        long z = seed + GOLDEN * index + 0xBF58476D1CE4E5B9L * stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String digits(SplittableRandom r, int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        return digits.toString();
    }

    private static LocalDate between(SplittableRandom r, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(r.nextLong(0, days + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** ASCII letters and spaces as their full-width forms (U+FF01..U+FF5E, U+3000). */
    private static String fullWidth(String ascii) {
        StringBuilder text = new StringBuilder(ascii.length());
        for (char c : ascii.toCharArray()) {
            text.append(c == ' ' ? '\u3000' : (char) (c - 0x21 + 0xFF01));
        }
        return text.toString();
    }
}
