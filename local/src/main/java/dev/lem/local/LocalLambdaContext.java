package dev.lem.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lem.config.FunctionName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Lambda context of one local invocation: the function's name, a fresh request id, a deadline. */
public final class LocalLambdaContext implements Context {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLambdaContext.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final FunctionName function;
    private final String requestId;
    private final Instant deadline;
    private final Clock clock;

    private LocalLambdaContext(FunctionName function, String requestId, Clock clock) {
        this.function = function;
        this.requestId = requestId;
        this.clock = clock;
        this.deadline = clock.instant().plus(TIMEOUT);
    }

    public static LocalLambdaContext invoke(FunctionName function) {
        return invoke(function, UUID.randomUUID().toString());
    }

    public static LocalLambdaContext invoke(FunctionName function, String requestId) {
        return new LocalLambdaContext(function, requestId, Clock.systemUTC());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/lem-" + function.id();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return "lem-" + function.id();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:lem-" + function.id();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                LOG.info("function={} {}", function.id(), message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
