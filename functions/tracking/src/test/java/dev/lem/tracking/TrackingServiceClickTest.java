package dev.lem.tracking;

import static dev.lem.tracking.TrackingServiceTest.HUMAN;
import static dev.lem.tracking.TrackingServiceTest.LEAD;
import static dev.lem.tracking.TrackingServiceTest.MESSAGE;
import static dev.lem.tracking.TrackingServiceTest.OTHER_LEAD;
import static dev.lem.tracking.TrackingServiceTest.TRACKING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.links.LeadTokens;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.tracking.TrackingService.ClickOutcome;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingServiceClickTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final LinkSigner SIGNER = new LinkSigner(TRACKING_KEY);
    private static final String TARGET = "https://shop.example.com/offers/winter?email=ann%40example.com&utm_source=lem#top";

    private final RecordingQueue activities = new RecordingQueue();
    private final TrackingService service = new TrackingService(SIGNER, activities);

    @Test
    void recordClick_whenSignedByTheLinksNotificationsPutsInEmails_redirectsToTheTargetWithTheLeadToken() {
        Map<String, String> query = queryOf(new TrackingLinks(SIGNER, URI.create("https://t.lem.example"))
                .clickUrl(new LeadId(LEAD), MESSAGE, TARGET));

        ClickOutcome outcome = service.recordClick(query.get("u"), query.get("l"), query.get("m"), query.get("s"), HUMAN, NOW);

        String token = new LeadTokens(SIGNER).issue(new LeadId(LEAD));
        assertThat(outcome).isEqualTo(new ClickOutcome.Redirect(
                "https://shop.example.com/offers/winter?email=ann%40example.com&utm_source=lem&lem_lt=" + token + "#top", false));
    }

    @Test
    void recordClick_whenValid_queuesAnEmailClickWithHostAndPathButNoQueryString() {
        service.recordClick(TARGET, LEAD, MESSAGE, sign(TARGET, LEAD, MESSAGE), HUMAN, NOW);

        Activity click = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(click.type()).isEqualTo("email.click");
        assertThat(click.leadId().value()).isEqualTo(LEAD);
        assertThat(click.occurredAt()).isEqualTo(NOW);
        assertThat(click.attributes()).isEqualTo(Map.of("messageId", MESSAGE, "url", "shop.example.com/offers/winter"));
        assertThat(activities.bodies().getFirst()).doesNotContain("ann").doesNotContain("utm_source");
    }

    @Test
    void recordClick_whenTargetHasNoQuery_appendsTheLeadTokenAsTheOnlyParameter() {
        String target = "http://example.com";

        ClickOutcome outcome = service.recordClick(target, LEAD, MESSAGE, sign(target, LEAD, MESSAGE), HUMAN, NOW);

        assertThat(((ClickOutcome.Redirect) outcome).location()).startsWith("http://example.com?lem_lt=" + LEAD + ".");
        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).attributes()).containsEntry("url", "example.com/");
    }

    @Test
    void recordClick_whenALinkScannerFollowsIt_redirectsAndQueuesAnAutomatedClick() {
        ClickOutcome outcome = service.recordClick(TARGET, LEAD, MESSAGE, sign(TARGET, LEAD, MESSAGE), "Barracuda Sentinel", NOW);

        assertThat(outcome).isInstanceOfSatisfying(ClickOutcome.Redirect.class, r -> assertThat(r.automated()).isTrue());
        Activity click = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(click.type()).isEqualTo("email.click.automated");
        assertThat(click.attributes()).containsEntry("automated", "link-scanner");
    }

    static Stream<Arguments> refusedClicks() {
        String signature = sign(TARGET, LEAD, MESSAGE);
        return Stream.of(
                Arguments.of("unsigned", TARGET, LEAD, MESSAGE, null),
                Arguments.of("target swapped", "https://evil.example.net/", LEAD, MESSAGE, signature),
                Arguments.of("target with a query appended", TARGET + "&x=1", LEAD, MESSAGE, signature),
                Arguments.of("lead swapped", TARGET, OTHER_LEAD, MESSAGE, signature),
                Arguments.of("message swapped", TARGET, LEAD, "welcome.2." + LEAD, signature),
                Arguments.of("signature of the open pixel", TARGET, LEAD, MESSAGE, SIGNER.sign(TrackingLinks.OPEN, LEAD, MESSAGE)),
                Arguments.of("target missing", null, LEAD, MESSAGE, sign(null, LEAD, MESSAGE)),
                Arguments.of("lead missing", TARGET, null, MESSAGE, sign(TARGET, null, MESSAGE)),
                Arguments.of("javascript: target, signed", "javascript:alert(1)", LEAD, MESSAGE, sign("javascript:alert(1)", LEAD, MESSAGE)),
                Arguments.of("data: target, signed", "data:text/html,<b>x</b>", LEAD, MESSAGE, sign("data:text/html,<b>x</b>", LEAD, MESSAGE)),
                Arguments.of("ftp target, signed", "ftp://example.com/f", LEAD, MESSAGE, sign("ftp://example.com/f", LEAD, MESSAGE)),
                Arguments.of("scheme-relative target, signed", "//evil.example.net/", LEAD, MESSAGE, sign("//evil.example.net/", LEAD, MESSAGE)),
                Arguments.of("relative target, signed", "/account", LEAD, MESSAGE, sign("/account", LEAD, MESSAGE)),
                Arguments.of("target with user info, signed", "https://shop.example.com@evil.example.net/", LEAD, MESSAGE,
                        sign("https://shop.example.com@evil.example.net/", LEAD, MESSAGE)),
                Arguments.of("target with a header injection, signed", "https://a.example/\r\nSet-Cookie:x=1", LEAD, MESSAGE,
                        sign("https://a.example/\r\nSet-Cookie:x=1", LEAD, MESSAGE)),
                Arguments.of("target with a backslash, signed", "https://a.example\\@evil.example.net/", LEAD, MESSAGE,
                        sign("https://a.example\\@evil.example.net/", LEAD, MESSAGE)),
                Arguments.of("target too long, signed", "https://a.example/" + "p".repeat(2048), LEAD, MESSAGE,
                        sign("https://a.example/" + "p".repeat(2048), LEAD, MESSAGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedClicks")
    void recordClick_whenUnsignedTamperedOrNotHttp_isRefusedAndQueuesNothing(String what, String target, String lead,
                                                                             String message, String signature) {
        assertThat(service.recordClick(target, lead, message, signature, HUMAN, NOW)).isEqualTo(new ClickOutcome.Refused());
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void verifiedRedirect_whenValid_redirectsWithoutQueueing() {
        assertThat(service.verifiedRedirect(TARGET, LEAD, MESSAGE, sign(TARGET, LEAD, MESSAGE)))
                .isInstanceOf(ClickOutcome.Redirect.class);
        assertThat(activities.bodies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "mailto:a@example.com", "/relative", "https://"})
    void clickUrl_whenTargetIsNotAnAbsoluteHttpUrl_refusesToSignIt(String target) {
        TrackingLinks links = new TrackingLinks(SIGNER, URI.create("https://t.lem.example/"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> links.clickUrl(new LeadId(LEAD), MESSAGE, target))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String sign(String target, String lead, String message) {
        return SIGNER.sign(TrackingLinks.CLICK, target, lead, message);
    }

    /** Decodes a URL's query like API Gateway does for queryStringParameters. */
    static Map<String, String> queryOf(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
