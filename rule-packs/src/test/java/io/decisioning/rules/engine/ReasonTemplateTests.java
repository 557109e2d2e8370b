package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

class ReasonTemplateTests {

    private static ReasonTemplate reasonOf(String rule) throws Exception {
        return ReasonTemplate.of(new DrlParser().parse(false, "package test;\n" + rule).getRules().get(0));
    }

    private static CustomerProfile profile(Double lossRatio, int claims) {
        return new CustomerProfile("C", "PERSON", false, 1234.5, 1000, 800, lossRatio, claims, 0, 0, 4, 0.01234, 85, 2);
    }

    @Test
    void ofAlternativesOnlyThoseThatHeldAreNamed() throws Exception {
        ReasonTemplate reason = reasonOf("""
                rule "GRD-040 Poor" when $p : CustomerProfile(lossRatio3y >= 1.0 || claims12m >= 3) then end
                """);

        assertThat(reason.render(profile(0.5, 4)).en()).isEqualTo("4 claims in the last 12 months >= 3");
        assertThat(reason.render(profile(1.25, 1)).en()).isEqualTo("loss ratio over 3 years 1.25 >= 1.0");
        assertThat(reason.render(profile(null, 3)).en()).isEqualTo("3 claims in the last 12 months >= 3");
        assertThat(reason.render(profile(1.25, 4))).isEqualTo(new Sentence(
                "loss ratio over 3 years 1.25 >= 1.0; 4 claims in the last 12 months >= 3",
                "近3年赔付率 1.25 >= 1.0；近12个月出险次数 4 >= 3"));
    }

    @Test
    void aRuleWritesItsSentenceInBothLanguagesFromTheSameFigures() throws Exception {
        ReasonTemplate both = reasonOf("""
                rule "RET-010 Overdue" @reason("premium {maxDaysOverdue} days overdue") @reasonZh("保费逾期 {maxDaysOverdue} 天")
                when $p : CustomerProfile(claims12m >= 1) then end
                """);
        ReasonTemplate chineseOnly = reasonOf("""
                rule "GRD-011 Claims" @reason("近12个月出险 {claims12m} 次") when $p : CustomerProfile(claims12m >= 1) then end
                """);
        ReasonTemplate generated = reasonOf("""
                rule "VAL-011 Rank" when $p : CustomerProfile(premiumRankPct >= 80, premiumRankPct < 95, lossRatio3y <= 0.5) then end
                """);

        CustomerProfile profile = profile(0.5, 3).withRetention(1, 12, null, 0, 0, 0, null, 0);
        assertThat(both.render(profile)).isEqualTo(new Sentence("premium 12 days overdue", "保费逾期 12 天"));
        assertThat(chineseOnly.render(profile)).isEqualTo(Sentence.of("近12个月出险 3 次"));
        assertThat(generated.render(profile)).isEqualTo(new Sentence(
                "premium rank 85% >= 80 and < 95; loss ratio over 3 years 0.5 <= 0.5",
                "保费排名 85% >= 80% 且 < 95%；近3年赔付率 0.5 <= 0.5"));
        assertThat(both.render(profile).in(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("保费逾期 12 天");
        assertThat(both.render(profile).in(java.util.Locale.forLanguageTag("zh-TW"))).isEqualTo("保费逾期 12 天");
        assertThat(both.render(profile).in(java.util.Locale.ENGLISH)).isEqualTo("premium 12 days overdue");
        assertThat(both.render(profile).in(java.util.Locale.GERMAN)).isEqualTo("premium 12 days overdue");
    }

    @Test
    void whatIsUnderNotIsNotNamedAndTheTitleIsTheLastResort() throws Exception {
        ReasonTemplate reason = reasonOf("""
                rule "GRD-090 Standard otherwise" when $p : CustomerProfile() not CustomerProfile(claims12m >= 3) then end
                """);

        assertThat(reason.render(profile(0.5, 1))).isEqualTo(Sentence.of("Standard otherwise"));
    }

    @Test
    void anExplicitReasonWinsAndFillsInTheCustomersValues() throws Exception {
        ReasonTemplate reason = reasonOf("""
                rule "VAL-010 Share" @reason("premium share of {premiumSharePct}% with {productLines} lines")
                when $p : CustomerProfile(premiumSharePct > 0) then end
                """);

        assertThat(reason.render(profile(0.5, 1)).en()).isEqualTo("premium share of 0.0123% with 2 lines");
    }

    @Test
    void aPlaceholderOfNoFieldStaysAsWrittenAndAnUnknownValueReadsUnknown() throws Exception {
        ReasonTemplate reason = reasonOf("""
                rule "GRD-011 Ratio" @reason("{lossRatio3y}{claims12m}: {noSuchField} of {claims12m}}")
                when $p : CustomerProfile(claims12m >= 1) then end
                """);

        assertThat(reason.render(profile(null, 3))).isEqualTo(new Sentence("unknown3: {noSuchField} of 3}",
                "未知3: {noSuchField} of 3}"));
        assertThat(reason.render(profile(0.5, 1)).en()).isEqualTo("0.51: {noSuchField} of 1}");
    }

    @Test
    void anExplicitSentenceOfOneCountIsKeptPerValueAndOneOfMoreFiguresIsWrittenEachTime() throws Exception {
        ReasonTemplate oneCount = reasonOf("""
                rule "CHN-012 Missed" @reason("{claims12m} claims, {claims12m} in all") when $p : CustomerProfile(claims12m >= 2) then end
                """);
        ReasonTemplate twoFigures = reasonOf("""
                rule "VAL-010 Share" @reason("premium share of {premiumSharePct}% with {productLines} lines")
                when $p : CustomerProfile(premiumSharePct > 0) then end
                """);

        assertThat(oneCount.cacheKey(profile(0.5, 4))).isEqualTo(4);
        assertThat(oneCount.cacheKey(profile(0.5, 3))).isEqualTo(3);
        assertThat(oneCount.render(profile(0.5, 3)).en()).isEqualTo("3 claims, 3 in all");
        assertThat(twoFigures.cacheKey(profile(0.5, 3))).isEqualTo(-1);
    }

    @Test
    void numbersReadAsWrittenWithAtMostFourDecimals() {
        assertThat(ProfileFeature.format(500000.0)).isEqualTo("500000");
        assertThat(ProfileFeature.format(0.85)).isEqualTo("0.85");
        assertThat(ProfileFeature.format(0.00012345)).isEqualTo("0.0001");
        assertThat(ProfileFeature.format(-1.5)).isEqualTo("-1.5");
        assertThat(ProfileFeature.format(7)).isEqualTo("7");
        assertThat(ProfileFeature.format(null)).isEqualTo("unknown");
    }
}
