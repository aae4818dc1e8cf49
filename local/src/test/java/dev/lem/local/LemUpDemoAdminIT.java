package dev.lem.local;

import static dev.lem.local.LemUpClient.eventually;
import static dev.lem.local.LemUpClient.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo a marketer clicks through, over HTTP: the /demo page with the embedded form and lem.js, the
 * welcome email's tracked link back to it, and the admin pages showing the lead's activity and score.
 */
class LemUpDemoAdminIT {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36";

    @TempDir
    static Path work;

    private static RunningLem lem;
    private static LemUpClient client;

    @BeforeAll
    static void start() throws Exception {
        lem = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(work).withOut(quiet()));
        client = new LemUpClient(lem);
        client.allowInstantSubmissions();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (lem != null) {
            lem.close();
        }
    }

    @Test
    void demoPage_whenRequested_embedsTheFormTheDocumentedWayWithLemJsUnderAPolicyAllowingOnlyOwnScripts() throws Exception {
        HttpResponse<String> page = client.get("/demo");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"lem-form\"", "action=\"/f/demo\"", "name=\"lem_token\"", "name=\"lem_hp\"",
                "name=\"consent_email\"", "<script src=\"/demo/embed.js\" defer></script>", "<script src=\"/t/lem.js\" defer></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "connect-src 'self'", "default-src 'none'").doesNotContain("unsafe-eval"));
        HttpResponse<String> embed = client.get("/demo/embed.js");
        assertThat(embed.headers().firstValue("Content-Type")).contains("application/javascript; charset=utf-8");
        assertThat(embed.body()).contains("/token", "lem_token");
    }

    @Test
    void welcomeEmail_whenItsLinkIsClicked_recordsTheClickAndTheAdminLeadPageShowsActivityScoreAndMessages() throws Exception {
        String email = "grace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String hostileName = "Grace <script>alert(1)</script>";
        assertThat(client.submitDemoForm(email, hostileName, true).statusCode()).isEqualTo(303);

        JsonNode welcome = eventually(() -> client.outboxEmail(email, "welcome"));
        String tracked = welcome.at("/data/tourUrlTracked").asText();
        assertThat(tracked).startsWith(lem.baseUrl() + "/t/c?");
        assertThat(welcome.at("/data/tourUrl").asText()).isEqualTo(lem.baseUrl() + "/demo");
        String leadId = welcome.get("messageId").asText().substring("welcome.1.".length());
        HttpResponse<String> html = client.get("/outbox/" + welcome.get("id").asLong() + "/html");
        assertThat(html.body()).contains("Take the tour").contains("href=\"" + tracked.replace("&", "&amp;") + "\"");

        HttpResponse<String> click = client.send(HttpRequest.newBuilder(URI.create(tracked)).header("User-Agent", BROWSER).GET().build());
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith(lem.baseUrl() + "/demo?lem_lt=" + leadId + "."));

        HttpResponse<String> anonymous = client.get("/admin/leads/" + leadId);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("name=\"token\"").doesNotContain(email);

        String cookie = login();
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(client.uri("/admin")).header("Cookie", cookie).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(email, "/admin/leads/" + leadId, "Grace &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");

        String page = eventually(() -> adminPage("/admin/leads/" + leadId, cookie).filter(body -> body.contains("email.click")));
        assertThat(page).contains("form.submitted", "email.click", "id=\"score\">", "<code>welcome</code>", "Welcome, Grace &lt;script&gt;")
                .doesNotContain("<script>alert");
        int score = lem.leads().find(new dev.lem.lead.LeadId(leadId)).orElseThrow().score();
        assertThat(score).isPositive();
        assertThat(page).contains("id=\"score\">" + score + "<");
    }

    @Test
    void adminLeadPage_whenLifecycleEventsWereOnTheBus_showsTheStateHistoryOnceEach() throws Exception {
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(client.submitDemoForm(email, "Ada", false).statusCode()).isEqualTo(303);
        String leadId = eventually(() -> client.outboxEmail(email, "welcome")).get("messageId").asText().substring("welcome.1.".length());
        String event = "{\"detail-type\":\"lead.state-changed\",\"source\":\"lem\",\"detail\":{\"eventId\":\"state-" + leadId
                + "-mql\",\"occurredAt\":\"2026-11-23T11:00:00Z\",\"schemaVersion\":1,\"leadId\":\"" + leadId
                + "\",\"from\":\"lead\",\"to\":\"mql\",\"reason\":\"score <b>100</b> reached MQL\",\"slaBreached\":false}}";
        for (int delivery = 0; delivery < 2; delivery++) {
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(client.uri("/admin/events"))
                    .header("Authorization", "Bearer " + lem.adminToken())
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build());
            assertThat(put.statusCode()).isEqualTo(200);
        }

        String page = client.getAsAdmin("/admin/leads/" + leadId).body();

        assertThat(page).contains("lead → mql", "score &lt;b&gt;100&lt;/b&gt; reached MQL", "2026-11-23T11:00:00Z");
        assertThat(page.split("lead → mql", -1)).hasSize(2);
    }

    @Test
    void adminLogin_whenTokenWrong_answers401WithoutACookie() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=wrong")).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.body()).contains("not this run");
    }

    @Test
    void adminLeadPage_whenLeadUnknownOrIdMalformed_answers404() throws Exception {
        assertThat(client.getAsAdmin("/admin/leads/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(client.getAsAdmin("/admin/leads/%3Cscript%3E").statusCode()).isEqualTo(404);
    }

    private static String login() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + LemUpClient.encode(lem.adminToken()))).build());
        assertThat(response.statusCode()).isEqualTo(303);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/admin");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static Optional<String> adminPage(String path, String cookie) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri(path)).header("Cookie", cookie).GET().build());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
