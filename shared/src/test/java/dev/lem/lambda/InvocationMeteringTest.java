package dev.lem.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lem.cost.EmfRecords;
import dev.lem.cost.InvocationUsage;
import dev.lem.cost.Metering;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvocationMeteringTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    static final class SampleFormHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, String> {
        @Override
        protected String handle(APIGatewayV2HTTPEvent input, Context context) {
            Metering.request("DynamoDb", "PutItem", 1);
            Metering.campaign("spring");
            if ("boom".equals(input.getRawPath())) {
                throw new IllegalStateException("boom");
            }
            return "ok";
        }
    }

    static final class TimerHandler extends MeteredStreamHandler {
        @Override
        protected void handle(InputStream input, OutputStream output, Context context) {
            Metering.request("Scheduler", "CreateSchedule", 1);
        }
    }

    @BeforeEach
    void collect() {
        InvocationMetering.sendTo(lines::add);
    }

    @AfterEach
    void restore() {
        InvocationMetering.sendTo(null);
    }

    @Test
    void handleRequest_whenHttpInvocation_writesOneEmfLineWithItsRequestsDurationAndMemory() {
        String reply = new SampleFormHandler().handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/f/x").build(),
                context(1024));

        assertThat(reply).isEqualTo("ok");
        assertThat(lines).hasSize(1);
        InvocationUsage usage = EmfRecords.fromLine(lines.get(0)).orElseThrow();
        assertThat(usage.function()).isEqualTo("sample-form");
        assertThat(usage.campaign()).contains("spring");
        assertThat(usage.meters()).containsEntry("dynamodb.write", 1L).containsEntry("apigateway", 1L);
        assertThat(usage.billedMs()).isPositive();
        assertThat(usage.memoryMb()).isEqualTo(1024);
        assertThat(Metering.current()).isEmpty();
    }

    @Test
    void handleRequest_whenTheHandlerThrows_stillWritesTheLine() {
        assertThatThrownBy(() -> new SampleFormHandler().handleRequest(
                APIGatewayV2HTTPEvent.builder().withRawPath("boom").build(), null)).hasMessage("boom");

        assertThat(lines).hasSize(1);
        assertThat(EmfRecords.fromLine(lines.get(0)).orElseThrow().meters()).containsEntry("dynamodb.write", 1L);
    }

    @Test
    void streamHandler_whenInvoked_isMeteredWithoutAnHttpRequest() throws Exception {
        new TimerHandler().handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), context(256));

        InvocationUsage usage = EmfRecords.fromLine(lines.get(0)).orElseThrow();
        assertThat(usage.function()).isEqualTo("timer");
        assertThat(usage.meters()).containsOnly(java.util.Map.entry("scheduler", 1L));
    }

    @Test
    void functionOf_whenAHandlerClass_isTheFunctionId() {
        assertThat(InvocationMetering.functionOf(SampleFormHandler.class)).isEqualTo("sample-form");
        assertThat(InvocationMetering.functionOf(String.class)).isEqualTo("string");
    }

    private static Context context(int memoryMb) {
        return new Context() {
            public String getAwsRequestId() { return "r"; }
            public String getLogGroupName() { return "g"; }
            public String getLogStreamName() { return "s"; }
            public String getFunctionName() { return "f"; }
            public String getFunctionVersion() { return "1"; }
            public String getInvokedFunctionArn() { return "arn"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return 1000; }
            public int getMemoryLimitInMB() { return memoryMb; }
            public LambdaLogger getLogger() { return null; }
        };
    }
}
