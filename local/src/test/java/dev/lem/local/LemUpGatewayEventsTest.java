package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.local.gateway.ApiGatewayEvents;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local gateway's translation between HTTP and API Gateway's payload format 2.0, and its routing. */
class LemUpGatewayEventsTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void toEvent_whenFormPost_carriesRouteHeadersPathParametersAndTextBody() {
        GatewayRequest request = new GatewayRequest("POST", "/f/demo", "", Map.of(
                "content-type", "application/x-www-form-urlencoded", "host", "127.0.0.1:8080", "user-agent", "test",
                "origin", "http://127.0.0.1:8080"),
                "email=a%40b.com&name=%C3%89mile".getBytes(StandardCharsets.UTF_8), "127.0.0.1", "POST /f/{formId}",
                Map.of("formId", "demo"));

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, "req-1", AT);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /f/{formId}");
        assertThat(event.getRawPath()).isEqualTo("/f/demo");
        assertThat(event.getPathParameters()).containsExactly(Map.entry("formId", "demo"));
        assertThat(event.getHeaders()).containsEntry("content-type", "application/x-www-form-urlencoded")
                .containsEntry("origin", "http://127.0.0.1:8080");
        assertThat(event.getBody()).isEqualTo("email=a%40b.com&name=%C3%89mile");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("req-1");
        assertThat(event.getRequestContext().getRouteKey()).isEqualTo("POST /f/{formId}");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(AT.toEpochMilli());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/f/demo");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getHttp().getUserAgent()).isEqualTo("test");
    }

    @Test
    void toEvent_whenQueryRepeatsAndIsEncoded_decodesAndJoinsWithCommas() {
        GatewayRequest request = get("/t/o.gif", "l=abc&m=welcome.1.x&s=a-b_c&tag=one&tag=t%20wo");

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, "req-2", AT);

        assertThat(event.getRawQueryString()).isEqualTo("l=abc&m=welcome.1.x&s=a-b_c&tag=one&tag=t%20wo");
        assertThat(event.getQueryStringParameters()).containsEntry("l", "abc").containsEntry("s", "a-b_c")
                .containsEntry("tag", "one,t wo");
        assertThat(event.getBody()).isNull();
        assertThat(event.getPathParameters()).isNull();
    }

    @Test
    void toEvent_whenBodyIsBinaryOrNotUtf8_sendsItBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        byte[] brokenUtf8 = {'{', (byte) 0xC3, '}'};

        APIGatewayV2HTTPEvent binary = ApiGatewayEvents.toEvent(post("image/png", png), "r", AT);
        APIGatewayV2HTTPEvent broken = ApiGatewayEvents.toEvent(post("application/json", brokenUtf8), "r", AT);

        assertThat(binary.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.getBody())).isEqualTo(png);
        assertThat(broken.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(broken.getBody())).isEqualTo(brokenUtf8);
    }

    @Test
    void toEvent_whenCookieHeaderSent_movesCookiesToTheirOwnField() {
        GatewayRequest request = new GatewayRequest("GET", "/", "", Map.of("cookie", "a=1; b=2"), new byte[0],
                "127.0.0.1", "GET /", Map.of());

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, "r", AT);

        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getHeaders()).doesNotContainKey("cookie");
    }

    @Test
    void toReply_whenBodyBase64Encoded_decodesItAndKeepsHeadersAndCookies() {
        byte[] gif = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "image/gif")).withCookies(List.of("v=1; HttpOnly"))
                .withIsBase64Encoded(true).withBody(Base64.getEncoder().encodeToString(gif)).build();

        GatewayReply reply = ApiGatewayEvents.toReply(response);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Content-Type", "image/gif");
        assertThat(reply.body()).isEqualTo(gif);
        assertThat(reply.cookies()).containsExactly("v=1; HttpOnly");
    }

    @Test
    void toReply_whenTextBody_passesItAsUtf8() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(303)
                .withHeaders(Map.of("Location", "/thanks")).withBody("Grüße").build();

        GatewayReply reply = ApiGatewayEvents.toReply(response);

        assertThat(reply.status()).isEqualTo(303);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("Grüße");
    }

    @Test
    void toReply_whenBase64BodyBrokenOrResponseMissing_failsAsTheHandlersFault() {
        APIGatewayV2HTTPResponse broken = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withIsBase64Encoded(true).withBody("not base64!").build();

        assertThatThrownBy(() -> ApiGatewayEvents.toReply(broken)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ApiGatewayEvents.toReply(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resolve_whenPathMatchesTemplate_findsRouteWithDecodedVariable() {
        Routes routes = Routes.builder().post("/f/{formId}", r -> null).get("/t/o.gif", r -> null).build();

        Routes.Resolution found = routes.resolve("POST", "/f/spring%2Dsale");

        assertThat(found).isInstanceOfSatisfying(Routes.Resolution.Found.class, f -> {
            assertThat(f.route().routeKey()).isEqualTo("POST /f/{formId}");
            assertThat(f.pathParameters()).containsEntry("formId", "spring-sale");
        });
    }

    @Test
    void resolve_whenMethodOrPathDoesNotMatch_says405WithAllowedOr404() {
        Routes routes = Routes.builder().post("/f/{formId}", r -> null).build();

        assertThat(routes.resolve("GET", "/f/demo")).isEqualTo(new Routes.Resolution.MethodNotAllowed(List.of("POST")));
        assertThat(routes.resolve("POST", "/f/")).isEqualTo(new Routes.Resolution.NotFound());
        assertThat(routes.resolve("POST", "/f/demo/extra")).isEqualTo(new Routes.Resolution.NotFound());
        assertThat(routes.resolve("GET", "/")).isEqualTo(new Routes.Resolution.NotFound());
    }

    private static GatewayRequest get(String path, String query) {
        return new GatewayRequest("GET", path, query, Map.of(), new byte[0], "127.0.0.1", "GET " + path, Map.of());
    }

    private static GatewayRequest post(String contentType, byte[] body) {
        return new GatewayRequest("POST", "/f/demo", "", Map.of("content-type", contentType), body, "127.0.0.1",
                "POST /f/{formId}", Map.of("formId", "demo"));
    }
}
