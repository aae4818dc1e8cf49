package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.Touch;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAttributionTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    private static Touch touch(Map<String, String> fields) {
        return SourceAttribution.touch(fields, "demo", AT);
    }

    @Test
    void touch_whenUtmFieldsSent_takesThemAsGiven() {
        Touch touch = touch(Map.of("lem_utm_source", "newsletter", "lem_utm_medium", "email", "lem_utm_campaign", "spring-26",
                "lem_utm_term", "crm software", "lem_utm_content", "hero-cta"));

        assertThat(touch).isEqualTo(new Touch("newsletter", "email", "spring-26", "crm software", "hero-cta", null, null,
                null, null, "crm software", "demo", AT));
    }

    @Test
    void touch_whenOnlyTheLandingPageSent_readsUtmAndClickIdsFromItsQuery() {
        Touch touch = touch(Map.of("lem_landing",
                "https://www.example.com/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand%20q4&gclid=Cj0KCQ"));

        assertThat(touch.source()).isEqualTo("google");
        assertThat(touch.medium()).isEqualTo("cpc");
        assertThat(touch.campaign()).isEqualTo("brand q4");
        assertThat(touch.gclid()).isEqualTo("Cj0KCQ");
        assertThat(touch.landingPage()).startsWith("https://www.example.com/pricing?");
    }

    @Test
    void touch_whenFieldAndLandingQueryDisagree_prefersTheField() {
        Touch touch = touch(Map.of("lem_utm_source", "linkedin", "lem_landing", "https://www.example.com/?utm_source=google"));

        assertThat(touch.source()).isEqualTo("linkedin");
    }

    @Test
    void touch_whenOnlyAGclid_derivesGoogleCpc() {
        Touch touch = touch(Map.of("lem_gclid", "abc"));

        assertThat(touch.source()).isEqualTo("google");
        assertThat(touch.medium()).isEqualTo("cpc");
    }

    @Test
    void touch_whenOnlyAnFbclid_derivesFacebookPaidSocial() {
        Touch touch = touch(Map.of("lem_fbclid", "IwAR0"));

        assertThat(touch.source()).isEqualTo("facebook");
        assertThat(touch.medium()).isEqualTo("paid-social");
    }

    @Test
    void touch_whenReferredBySearchEngine_derivesOrganicAndTheKeyword() {
        Touch touch = touch(Map.of("lem_referrer", "https://www.bing.com/search?q=lead+management&form=QBLH"));

        assertThat(touch.source()).isEqualTo("bing");
        assertThat(touch.medium()).isEqualTo("organic");
        assertThat(touch.keyword()).isEqualTo("lead management");
    }

    @Test
    void touch_whenReferredByAnotherSite_derivesReferralFromItsHost() {
        Touch touch = touch(Map.of("lem_referrer", "https://www.partner.example/blog/post"));

        assertThat(touch.source()).isEqualTo("partner.example");
        assertThat(touch.medium()).isEqualTo("referral");
        assertThat(touch.keyword()).isNull();
    }

    @Test
    void touch_whenNothingSent_isUnknown() {
        assertThat(touch(Map.of("email", "a@example.com")).isKnown()).isFalse();
    }

    @Test
    void touch_whenValuesHostile_dropsThemInsteadOfFailing() {
        Map<String, String> fields = new HashMap<>();
        fields.put("lem_utm_source", "x".repeat(257));
        fields.put("lem_utm_medium", "email\r\nX-Injected: 1");
        fields.put("lem_utm_campaign", "\u202eevil");
        fields.put("lem_referrer", "javascript:alert(1)");
        fields.put("lem_landing", "https://user:pass@www.example.com/?utm_source=%E0%A4%A&gclid=ok");

        Touch touch = touch(fields);

        assertThat(touch).isEqualTo(new Touch(null, null, null, null, null, null, null, null, null, null, "demo", AT));
    }

    @Test
    void touch_whenLandingUrlIsMalformed_dropsItButKeepsTheOtherValues() {
        Touch touch = touch(Map.of("lem_landing", "https://www.example.com/?utm_source=%E0%A4%A", "lem_utm_medium", "social"));

        assertThat(touch.landingPage()).isNull();
        assertThat(touch.source()).isNull();
        assertThat(touch.medium()).isEqualTo("social");
    }
}
