package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.ManagerStatus;
import io.decisioning.rules.MatchField;
import io.decisioning.rules.MatchStrength;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Customers for tests and the benchmark: plain ones by hand, varied ones generated from a seed. */
final class ProfileFixtures {

    private ProfileFixtures() {
    }

    /** An unremarkable customer: STANDARD, no warnings. Change one field with the record's wither-style copies below. */
    static CustomerProfile standard(String customerNo) {
        return new CustomerProfile(customerNo, "PERSON", false, 2_000, 5_000, 1_000, 0.2, 0, 0, 1, 1, 0.001, 40, 1);
    }

    /** A key account (premium 900,000): PLATINUM by the default packs. */
    static CustomerProfile keyAccount(String customerNo) {
        return new CustomerProfile(customerNo, "PERSON", false, 900_000, 2_700_000, 270_000, 0.1, 0, 0, 5, 10, 0.5, 100, 3);
    }

    /** A high-quality customer in the top premium ranks: GOLD by the default packs. */
    static CustomerProfile gold(String customerNo) {
        return new CustomerProfile(customerNo, "PERSON", false, 20_000, 60_000, 1_000, 0.02, 0, 0, 4, 6, 0.01, 90, 2);
    }

    static CustomerProfile withClaims(CustomerProfile p, int claims12m, int earlyClaims12m) {
        return new CustomerProfile(p.customerNo(), p.customerType(), p.applicant(), p.annualPremium(), p.premium3y(),
                p.paid3y(), p.lossRatio3y(), claims12m, earlyClaims12m, claims12m > 0 ? 0 : p.claimFreeYears(),
                p.tenureYears(), p.premiumSharePct(), p.premiumRankPct(), p.productLines());
    }

    static CustomerProfile withYears(CustomerProfile p, int tenureYears, int claimFreeYears) {
        return new CustomerProfile(p.customerNo(), p.customerType(), p.applicant(), p.annualPremium(), p.premium3y(),
                p.paid3y(), p.lossRatio3y(), p.claims12m(), p.earlyClaims12m(), claimFreeYears, tenureYears,
                p.premiumSharePct(), p.premiumRankPct(), p.productLines());
    }

    static CustomerProfile withLossRatio(CustomerProfile p, Double lossRatio3y) {
        return new CustomerProfile(p.customerNo(), p.customerType(), p.applicant(), p.annualPremium(), p.premium3y(),
                p.paid3y(), lossRatio3y, p.claims12m(), p.earlyClaims12m(), p.claimFreeYears(), p.tenureYears(),
                p.premiumSharePct(), p.premiumRankPct(), p.productLines());
    }

    static CustomerProfile withRank(CustomerProfile p, double premiumRankPct) {
        return new CustomerProfile(p.customerNo(), p.customerType(), p.applicant(), p.annualPremium(), p.premium3y(),
                p.paid3y(), p.lossRatio3y(), p.claims12m(), p.earlyClaims12m(), p.claimFreeYears(), p.tenureYears(),
                p.premiumSharePct(), premiumRankPct, p.productLines());
    }

    static EvaluationInput input(CustomerProfile profile, MatchStrength... hits) {
        List<BlacklistHit> list = new ArrayList<>();
        for (MatchStrength strength : hits) {
            list.add(new BlacklistHit(profile.customerNo(), list.size() + 1, strength, List.of(MatchField.ID_NUMBER), "FRAUD"));
        }
        return new EvaluationInput(profile, list);
    }

    /**
     * Customers spread over every rule and threshold of the default packs: the same index and seed
     * give the same customer.
     */
    static EvaluationInput varied(Random random, long index) {
        String customerNo = "C" + index;
        List<BlacklistHit> hits = new ArrayList<>();
        int hitDraw = random.nextInt(100);
        if (hitDraw == 0) {
            hits.add(new BlacklistHit(customerNo, index, MatchStrength.STRONG, List.of(MatchField.ID_NUMBER), "FRAUD"));
        } else if (hitDraw == 1) {
            hits.add(new BlacklistHit(customerNo, index, MatchStrength.WEAK, List.of(MatchField.PHONE), "OTHER"));
        }
        if (random.nextInt(40) == 0) {
            return new EvaluationInput(CustomerProfile.newApplicant(customerNo, "PERSON"), hits);
        }
        int tenure = random.nextInt(15);
        int claimDraw = random.nextInt(100);
        int claims = claimDraw < 60 ? 0 : claimDraw < 85 ? 1 + random.nextInt(2) : claimDraw < 95 ? 3 + random.nextInt(2) : 5 + random.nextInt(3);
        int early = claims == 0 || random.nextInt(5) > 0 ? 0 : 1 + random.nextInt(claims);
        int claimFree = claims > 0 ? 0 : random.nextInt(tenure + 1);
        double premiumDraw = random.nextDouble();
        double annualPremium = Math.round(300 + premiumDraw * premiumDraw * premiumDraw * premiumDraw * 900_000);
        double premium3y = random.nextInt(20) == 0 ? 0 : annualPremium * Math.min(3, tenure + 1);
        Double lossRatio = premium3y == 0 ? null : Math.round(random.nextDouble() * random.nextDouble() * 250) / 100.0;
        double paid3y = lossRatio == null ? 0 : lossRatio * premium3y;
        double share = Math.round(annualPremium * 100 / 4_000_000.0 * 10_000) / 10_000.0;
        double rank = Math.round(random.nextDouble() * 10_000) / 100.0;
        CustomerProfile profile = new CustomerProfile(customerNo, random.nextBoolean() ? "PERSON" : "ORGANIZATION", false,
                annualPremium, premium3y, paid3y, lossRatio, claims, early, claimFree, tenure, share, rank, random.nextInt(6));
        return new EvaluationInput(withManager(profile, random), hits);
    }

    /**
     * Account-manager figures as a book spreads them (DESIGN.md section 12): most customers have an active manager,
     * some none, a few one who left, is on leave or is not in the register; contacts from days to a year ago or
     * never; a birthday known for most persons; now and then records of one party with two managers.
     */
    static CustomerProfile withManager(CustomerProfile profile, Random random) {
        ManagerStatus[] statuses = ManagerStatus.values();
        int draw = random.nextInt(100);
        ManagerStatus status = draw < 70 ? ManagerStatus.ACTIVE : draw < 85 ? ManagerStatus.NONE : statuses[random.nextInt(statuses.length)];
        Integer level = status == ManagerStatus.ACTIVE ? 1 + random.nextInt(5) : null;
        Integer visit = random.nextInt(4) == 0 ? null : random.nextInt(120);
        Integer contact = visit != null && random.nextBoolean() ? visit : random.nextInt(5) == 0 ? null : random.nextInt(200);
        Integer birthday = profile.customerType().equals("PERSON") && random.nextInt(5) > 0 ? random.nextInt(366) : null;
        int managers = status == ManagerStatus.NONE ? 0 : random.nextInt(20) == 0 ? 2 : 1;
        return profile.withManager(status, level, visit, contact, birthday, managers);
    }

    /** Retention figures as a book's spread them: most customers pay on time, some are late, a few lapse. */
    static CustomerProfile withRetention(CustomerProfile profile, Random random) {
        int draw = random.nextInt(100);
        int overdue = draw < 85 ? 0 : draw < 95 ? 1 : 2 + random.nextInt(3);
        int maxDays = overdue == 0 ? 0 : 1 + random.nextInt(draw < 95 ? 60 : 300);
        Integer nextDue = random.nextInt(10) == 0 ? null : random.nextInt(370);
        int missed = random.nextInt(100) < 80 ? 0 : 1 + random.nextInt(3);
        int renewals = random.nextInt(100) < 15 ? 1 : 0;
        int lapsed = random.nextInt(100) < 5 ? 1 : 0;
        Double change = random.nextInt(10) == 0 ? null : Math.round((random.nextDouble() * 80 - 50) * 10) / 10.0;
        int denied = random.nextInt(100) < 3 ? 1 : 0;
        return profile.withRetention(overdue, maxDays, nextDue, missed, renewals, lapsed, change, denied);
    }

    /**
     * The input with the complaint figures of a CRM that keeps complaints and 0 to 3 complaints of every kind: any
     * complexity (or one the service does not know), channel, status, from the day received to 400 days ago, decided
     * on any day up to today (a few DECIDED without a date, as a CRM may have them).
     */
    static EvaluationInput withComplaints(EvaluationInput input, Random random) {
        String customerNo = input.profile().customerNo();
        java.util.List<io.decisioning.rules.Complaint> complaints = new java.util.ArrayList<>();
        int count = random.nextInt(4);
        java.time.LocalDate d = Scenario.DAY;
        for (int i = 0; i < count; i++) {
            io.decisioning.rules.ComplaintComplexity[] complexities = io.decisioning.rules.ComplaintComplexity.values();
            io.decisioning.rules.ComplaintChannel[] channels = io.decisioning.rules.ComplaintChannel.values();
            io.decisioning.rules.ComplaintStatus[] statuses = io.decisioning.rules.ComplaintStatus.values();
            int roll = random.nextInt(10);
            // most open ones recent, so that every state turns up
            int day = roll < 5 ? random.nextInt(70) : random.nextInt(401);
            io.decisioning.rules.ComplaintStatus status = roll < 5 ? io.decisioning.rules.ComplaintStatus.OPEN
                    : statuses[random.nextInt(statuses.length)];
            boolean decided = (status == io.decisioning.rules.ComplaintStatus.DECIDED
                    || status == io.decisioning.rules.ComplaintStatus.CLOSED) && random.nextInt(20) > 0;
            java.time.LocalDate received = d.minusDays(day);
            complaints.add(io.decisioning.rules.Complaint.of(customerNo, customerNo + "-K" + i,
                    random.nextInt(10) == 0 ? null : channels[random.nextInt(channels.length)],
                    random.nextInt(4) == 0 ? null : io.decisioning.rules.ComplaintCategory.values()[random.nextInt(3)],
                    random.nextInt(10) == 0 ? null : complexities[random.nextInt(complexities.length)], received, status,
                    decided ? received.plusDays(random.nextInt(day + 1)) : null, d));
        }
        CustomerProfile profile = input.profile().withComplaints(
                (int) complaints.stream().filter(io.decisioning.rules.Complaint::open).count(),
                (int) complaints.stream().filter(c -> c.daysSinceReceived() <= 365).count());
        return new EvaluationInput(profile, input.blacklistHits(), complaints);
    }
}
