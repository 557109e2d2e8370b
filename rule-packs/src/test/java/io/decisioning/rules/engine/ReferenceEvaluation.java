package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Entitlement;
import io.decisioning.rules.Grade;
import io.decisioning.rules.ManagerStatus;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * DESIGN.md section 4 and the default scorecards written by hand in plain Java: the reference the
 * default packs are checked against, and the floor the benchmark compares the engine with.
 */
final class ReferenceEvaluation {

    record Outcome(Grade grade, Tier tier, Decision decision, Map<WarningType, Severity> warnings,
                   int valueScore, int riskScore, Set<Entitlement> entitlements) {
    }

    private ReferenceEvaluation() {
    }

    static Outcome evaluate(EvaluationInput input) {
        CustomerProfile p = input.profile();
        Double lossRatio = p.lossRatio3y();
        boolean strong = input.blacklistHits().stream().anyMatch(h -> h.strength() == MatchStrength.STRONG);
        boolean weak = input.blacklistHits().stream().anyMatch(h -> h.strength() == MatchStrength.WEAK);
        Grade grade;
        if (p.applicant()) {
            grade = Grade.NEW;
        } else if (p.premiumSharePct() >= 0.1 || p.annualPremium() >= 500_000) {
            grade = Grade.KEY_ACCOUNT;
        } else if ((lossRatio != null && lossRatio >= 1.0) || p.claims12m() >= 3) {
            grade = Grade.POOR_QUALITY;
        } else if (p.tenureYears() >= 3 && (p.claimFreeYears() >= 3 || (lossRatio != null && lossRatio <= 0.1))) {
            grade = Grade.HIGH_QUALITY;
        } else {
            grade = Grade.STANDARD;
        }
        Map<WarningType, Severity> warnings = new EnumMap<>(WarningType.class);
        if (p.claims12m() >= 5) {
            warnings.put(WarningType.REPEAT_CLAIMANT, Severity.HIGH);
        } else if (p.claims12m() >= 3) {
            warnings.put(WarningType.REPEAT_CLAIMANT, Severity.MEDIUM);
        }
        if (lossRatio != null && lossRatio >= 1.5) {
            warnings.put(WarningType.HIGH_LOSS_RATIO, Severity.HIGH);
        } else if (lossRatio != null && lossRatio >= 0.8) {
            warnings.put(WarningType.HIGH_LOSS_RATIO, Severity.MEDIUM);
        }
        if (p.earlyClaims12m() >= 1) {
            warnings.put(WarningType.EARLY_CLAIM, Severity.MEDIUM);
        }
        if (strong || weak) {
            warnings.put(WarningType.BLACKLISTED, Severity.HIGH);
        }
        // only RISK warnings restrict, refer and add risk points (DESIGN.md section 9)
        boolean highWarning = warnings.entrySet().stream()
                .anyMatch(w -> w.getKey().category() == WarningCategory.RISK && w.getValue() == Severity.HIGH);
        Tier tier;
        if (strong || weak || grade == Grade.POOR_QUALITY || highWarning) {
            tier = Tier.RESTRICTED;
        } else if (grade == Grade.KEY_ACCOUNT) {
            tier = Tier.PLATINUM;
        } else if (grade == Grade.HIGH_QUALITY && p.premiumRankPct() >= 80) {
            tier = Tier.GOLD;
        } else if (grade == Grade.HIGH_QUALITY) {
            tier = Tier.SILVER;
        } else {
            tier = Tier.STANDARD;
        }
        Decision decision = strong ? Decision.DECLINE
                : weak || tier == Tier.RESTRICTED || highWarning ? Decision.REFER : Decision.ACCEPT;
        int riskScore = riskScore(p, warnings);
        serviceWarnings(p, tier, warnings);
        return new Outcome(grade, tier, decision, warnings, valueScore(p), riskScore, entitlements(tier));
    }

    /** The tier x service table of DESIGN.md section 12. */
    static Set<Entitlement> entitlements(Tier tier) {
        return switch (tier) {
            case PLATINUM -> EnumSet.of(Entitlement.DEDICATED_MANAGER, Entitlement.FAST_ONSITE_SURVEY,
                    Entitlement.GREEN_CHANNEL_CLAIMS, Entitlement.RENEWAL_REMINDER, Entitlement.ANNUAL_RISK_REVIEW);
            case GOLD -> EnumSet.of(Entitlement.DEDICATED_MANAGER, Entitlement.GREEN_CHANNEL_CLAIMS,
                    Entitlement.RENEWAL_REMINDER);
            case SILVER -> EnumSet.of(Entitlement.RENEWAL_REMINDER, Entitlement.FAST_SMALL_CLAIMS);
            case STANDARD -> EnumSet.of(Entitlement.RENEWAL_REMINDER);
            case RESTRICTED -> EnumSet.of(Entitlement.MANUAL_REVIEW);
        };
    }

    /** The SERVICE warnings of DESIGN.md section 12. */
    private static void serviceWarnings(CustomerProfile p, Tier tier, Map<WarningType, Severity> warnings) {
        if (tier.vip() && p.managerStatus() != ManagerStatus.ACTIVE) {
            warnings.put(WarningType.NO_ACCOUNT_MANAGER, Severity.MEDIUM);
        }
        Integer visit = p.daysSinceLastVisit();
        Integer contact = p.daysSinceLastContact();
        if (tier == Tier.PLATINUM && (visit == null || visit > 31) || tier == Tier.GOLD && (contact == null || contact > 92)) {
            warnings.put(WarningType.VISIT_OVERDUE, Severity.MEDIUM);
        }
        if (tier.vip() && p.customerType().equals("PERSON") && p.daysToBirthday() != null && p.daysToBirthday() <= 7) {
            warnings.put(WarningType.CARE_DUE, Severity.LOW);
        }
        if (p.partyAccountManagers() >= 2) {
            warnings.put(WarningType.OWNERSHIP_CONFLICT, Severity.LOW);
        }
    }

    private static int valueScore(CustomerProfile p) {
        double rank = p.premiumRankPct();
        int points = rank >= 95 ? 45 : rank >= 80 ? 35 : rank >= 50 ? 25 : rank >= 20 ? 10 : 0;
        int tenure = p.tenureYears();
        points += tenure >= 10 ? 30 : tenure >= 5 ? 20 : tenure >= 3 ? 15 : tenure >= 1 ? 5 : 0;
        int lines = p.productLines();
        points += lines >= 3 ? 25 : lines == 2 ? 15 : lines == 1 ? 5 : 0;
        return Math.min(100, points);
    }

    private static int riskScore(CustomerProfile p, Map<WarningType, Severity> warnings) {
        int points = 0;
        Double lossRatio = p.lossRatio3y();
        if (lossRatio != null) {
            points += lossRatio >= 1.5 ? 35 : lossRatio >= 0.8 ? 25 : lossRatio >= 0.3 ? 10 : 0;
        }
        int claims = p.claims12m();
        points += claims >= 5 ? 30 : claims >= 3 ? 20 : claims >= 1 ? 10 : 0;
        points += p.earlyClaims12m() >= 1 ? 15 : 0;
        for (Map.Entry<WarningType, Severity> warning : warnings.entrySet()) {
            if (warning.getKey().category() == WarningCategory.RISK) {
                points += warning.getValue() == Severity.HIGH ? 10 : warning.getValue() == Severity.MEDIUM ? 5 : 0;
            }
        }
        return Math.min(100, points);
    }
}
