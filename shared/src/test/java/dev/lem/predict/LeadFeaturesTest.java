package dev.lem.predict;

import dev.lem.lead.Activity;
import dev.lem.lead.Attribution;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.Touch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeadFeaturesTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
    private static final LeadId ID = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");

    private static Activity activity(String id, String type, String at) {
        return new Activity(id, ID, type, Instant.parse(at), Map.of());
    }

    @Test
    void of_whenLeadWithProfileAttributionAndActivity_expectColumnsAsOfTheGivenInstant() {
        Touch first = new Touch("google", "cpc", "winter-sale", null, null, null, null, null, "/pricing", "crm software",
                "f1", CREATED);
        Lead lead = new Lead(ID, "hash", EmailAddress.parse("ada@example.com").orElseThrow(),
                Map.of("company", "Acme", "First Name", "Ada", "phone", "+44 20", "employees", "120"), LeadState.LEAD,
                CREATED, 40, Map.of(Lead.EMAIL_CHANNEL, new Consent(true, "v1", CREATED)), CREATED, CREATED, 3,
                new Attribution(first, first), Map.of());
        List<Activity> timeline = List.of(
                activity("a1", "page.view", "2026-11-02T00:00:00Z"),
                activity("a2", "page.view", "2026-11-05T12:00:00Z"),
                activity("a3", "email.click", "2026-11-04T00:00:00Z"),
                activity("a4", "page.view", "2026-11-20T00:00:00Z")); // after asOf: ignored

        Map<String, String> record = LeadFeatures.of(lead, timeline, Instant.parse("2026-11-06T00:00:00Z"));

        assertThat(record).containsEntry("profile.company", "Acme").containsEntry("profile.employees", "120")
                .doesNotContainKeys("profile.First Name", "profile.phone")
                .containsEntry("first.source", "google").containsEntry("first.keyword", "crm software")
                .containsEntry("last.landingPage", "/pricing")
                .containsEntry("activity.page.view.count", "2").containsEntry("activity.page.view.daysSince", "0.50")
                .containsEntry("activity.email.click.count", "1").containsEntry("activity.email.click.daysSince", "2.00")
                .containsEntry("activity.count", "3").containsEntry("consent.email", "granted")
                .containsEntry("daysSinceCreated", "5.00");
        assertThat(record.values()).doesNotContain("Ada", "+44 20", "ada@example.com");
    }

    @Test
    void of_whenPagesViewed_expectCountAndRecencyPerSiteSectionUpToTheCap() {
        Lead lead = new Lead(ID, "hash", EmailAddress.parse("ada@example.com").orElseThrow(), Map.of(), LeadState.LEAD,
                CREATED, 0, Map.of(), CREATED, CREATED, 1, null, Map.of());
        List<Activity> timeline = new java.util.ArrayList<>(List.of(
                page("p1", "www.example.com/pricing/teams", "2026-11-02T00:00:00Z"),
                page("p2", "www.example.com/Pricing", "2026-11-05T00:00:00Z"),
                page("p3", "www.example.com/", "2026-11-04T00:00:00Z"),
                page("p4", "www.example.com/pricing", "2026-11-09T00:00:00Z"))); // after asOf: ignored
        for (int i = 0; i < LeadFeatures.MAX_PAGE_SECTIONS + 5; i++) {
            timeline.add(page("s" + i, "www.example.com/section" + i + "/x", "2026-11-03T00:00:00Z"));
        }

        Map<String, String> record = LeadFeatures.of(lead, timeline, Instant.parse("2026-11-06T00:00:00Z"));

        assertThat(record).containsEntry("page.pricing.count", "2").containsEntry("page.pricing.daysSince", "1.00")
                .containsEntry("page.home.count", "1").containsEntry("page.home.daysSince", "2.00");
        assertThat(record.keySet().stream().filter(key -> key.startsWith("page.") && key.endsWith(".count")))
                .hasSize(LeadFeatures.MAX_PAGE_SECTIONS);
    }

    @Test
    void section_isTheFirstPathSegmentCleanedAndBounded() {
        assertThat(LeadFeatures.section("www.example.com/docs/api/v2")).isEqualTo("docs");
        assertThat(LeadFeatures.section("www.example.com")).isEqualTo("home");
        assertThat(LeadFeatures.section("www.example.com/%3Cscript%3E")).isEqualTo("3cscript3e");
        assertThat(LeadFeatures.section("www.example.com/" + "a".repeat(100))).hasSize(40);
    }

    private static Activity page(String id, String page, String at) {
        return new Activity(id, ID, "page.view", Instant.parse(at), Map.of("page", page));
    }

    @Test
    void withContext_addsTheDaysContextToTheLeadsRecord_andRefusesAnythingElse() {
        Map<String, String> lead = Map.of("profile.context.logOutcomes7d", "7", "activity.count", "2");
        Map<String, String> context = OutcomeContext.features(java.time.LocalDate.parse("2026-11-23"),
                new java.util.TreeMap<>(Map.of(java.time.LocalDate.parse("2026-11-22"), new OutcomeContext.Day(4, 1))));

        Map<String, String> record = LeadFeatures.withContext(lead, context);

        assertThat(record).containsAllEntriesOf(lead).containsAllEntriesOf(context).hasSize(lead.size() + 3);
        assertThat(context.keySet()).allMatch(k -> k.startsWith(LeadFeatures.CONTEXT_PREFIX));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeadFeatures.withContext(record, context))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeadFeatures.withContext(lead,
                Map.of("activity.count", "9"))).isInstanceOf(IllegalArgumentException.class);
    }
}
