package dev.lem.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lem.cost.EmfRecords;
import dev.lem.cost.InvocationUsage;
import dev.lem.cost.Metering;
import dev.lem.cost.UsageMeter;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Meters one Lambda invocation: opens a {@link UsageMeter} for the SDK interceptor, runs the handler, and at the end
 * (also when it throws: a failed invocation is billed too) writes ONE CloudWatch EMF line ({@link EmfRecords}) with
 * the function, the campaign when the handler named one, the requests per meter, and the billed duration (elapsed
 * time rounded up to 1 ms) with the memory size. The line goes to stdout, which Lambda ships to CloudWatch Logs,
 * where EMF turns it into metrics; {@code lem up} and the bench {@link #sendTo send the lines elsewhere}.
 */
public final class InvocationMetering {

    private static final Consumer<String> STDOUT = line -> System.out.println(line);
    private static volatile Consumer<String> sink = STDOUT;

    private InvocationMetering() {}

    /** A handler body that may throw what the handler may throw. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        T run() throws E;
    }

    /** Where the EMF lines go from now on (stdout by default); {@code null} restores stdout. */
    public static void sendTo(Consumer<String> lines) {
        sink = lines == null ? STDOUT : lines;
    }

    /**
     * Runs one invocation of {@code handler}'s function, metered.
     *
     * @param httpRequest the invocation is an HTTP API request (billed by API Gateway as one request)
     */
    public static <T, E extends Exception> T invoke(Class<?> handler, Context context, boolean httpRequest, Body<T, E> body)
            throws E {
        UsageMeter meter = new UsageMeter();
        if (httpRequest) {
            meter.request("ApiGateway", "HttpRequest", false, 1);
        }
        long start = System.nanoTime();
        try (Metering.Scope scope = Metering.open(meter)) {
            return body.run();
        } finally {
            long billedMs = InvocationUsage.billedMillis(System.nanoTime() - start);
            int memoryMb = context == null ? 0 : Math.max(0, context.getMemoryLimitInMB());
            sink.accept(EmfRecords.toLine(new InvocationUsage(functionOf(handler), meter.campaign(), Clock.systemUTC().instant(),
                    billedMs, memoryMb, meter.meters(), meter.operations(), meter.retries(), meter.throttles())));
        }
    }

    /**
     * The function's metric name, from its handler class: {@code FormCaptureHandler} → {@code form-capture} (the
     * {@code FunctionName} id), {@code FeedbackHandler} → {@code feedback}. One value per handler class, so the
     * {@code function} dimension is bounded by the number of handlers.
     */
    public static String functionOf(Class<?> handler) {
        return FUNCTION_NAMES.get(Objects.requireNonNull(handler, "handler"));
    }

    /** Computed once per handler class, not on every invocation (the pixel path is metered too). */
    private static final ClassValue<String> FUNCTION_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> handler) {
            return nameOf(handler);
        }
    };

    private static String nameOf(Class<?> handler) {
        String name = handler.getSimpleName();
        if (name.endsWith("Handler") && name.length() > "Handler".length()) {
            name = name.substring(0, name.length() - "Handler".length());
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
