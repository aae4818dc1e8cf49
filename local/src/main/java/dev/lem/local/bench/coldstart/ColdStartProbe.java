package dev.lem.local.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cold-start harness's child: runs in a fresh JVM on a classpath of one function's shaded jar and this class
 * only (so it uses nothing the jar lacks: the JDK, Jackson and the Lambda interfaces). Constructs the handler with
 * its public no-arg constructor — exactly what the Lambda runtime does, so its config comes from the environment —
 * invokes it once with the event in a JSON file, and prints {@value #MARKER} and a summary of the response.
 * <pre>java -cp &lt;function jar&gt;:&lt;probe dir&gt; dev.lem.local.bench.coldstart.ColdStartProbe HANDLER EVENT.json [--construct-only]</pre>
 * {@code --construct-only} stops after the constructor (a CDS training run that does not prime the handler).
 */
public final class ColdStartProbe {

    public static final String MARKER = "LEM-COLDSTART-RESPONSE ";
    /** How much of a stream handler's answer the summary shows (the bench's events hold no personal data). */
    private static final int SHOWN_OUTPUT = 100;
    /** The class files this probe is made of, for copying onto the child's classpath. */
    static final String[] CLASS_FILES = {"ColdStartProbe.class", "ColdStartProbe$ProbeContext.class",
            "ColdStartProbe$ProbeContext$1.class"};

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ColdStartProbe HANDLER EVENT.json [--construct-only]");
            System.exit(2);
        }
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        if (args.length > 2 && args[2].equals("--construct-only")) {
            System.out.println(MARKER + "constructed");
            System.out.flush();
            System.exit(0);
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        String summary = handler instanceof RequestStreamHandler stream ? invokeStream(stream, event)
                : invokeTyped(handler, event);
        System.out.println(MARKER + summary);
        System.out.flush();
        System.exit(0); // SDK clients and log4j leave threads behind; an AOT cache is written at exit
    }

    private static String invokeStream(RequestStreamHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, new ProbeContext());
        String text = output.toString(StandardCharsets.UTF_8).strip();
        return "stream output " + output.size() + " bytes" + (text.isEmpty() ? ""
                : ": " + (text.length() > SHOWN_OUTPUT ? text.substring(0, SHOWN_OUTPUT) + "…" : text));
    }

    private static String invokeTyped(Object handler, byte[] event) throws Exception {
        Method handle = null;
        for (Method method : handler.getClass().getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == Context.class) {
                handle = method;
            }
        }
        if (handle == null) {
            throw new IllegalArgumentException(handler.getClass().getName() + " has no typed handleRequest");
        }
        Object input = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(event, inputType(handler.getClass(), handle.getParameterTypes()[0]));
        Object response = handle.invoke(handler, input, new ProbeContext());
        return describe(response);
    }

    /**
     * The handler's input class as the Lambda runtime resolves it: a handler that extends a generic base (LEM's
     * metered handlers) has an erased {@code handleRequest(Object, Context)}, so the type argument comes from the
     * first parameterised superclass or interface up the hierarchy.
     */
    private static Class<?> inputType(Class<?> handler, Class<?> erased) {
        if (erased != Object.class) {
            return erased;
        }
        for (Class<?> type = handler; type != null && type != Object.class; type = type.getSuperclass()) {
            java.util.List<java.lang.reflect.Type> generics = new java.util.ArrayList<>(
                    java.util.List.of(type.getGenericInterfaces()));
            generics.add(type.getGenericSuperclass());
            for (java.lang.reflect.Type generic : generics) {
                if (generic instanceof java.lang.reflect.ParameterizedType parameterized
                        && parameterized.getActualTypeArguments().length == 2
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        return erased;
    }

    private static String describe(Object response) throws Exception {
        if (response == null) {
            return "null";
        }
        for (String getter : new String[] {"getStatusCode", "getBatchItemFailures"}) {
            try {
                Object value = response.getClass().getMethod(getter).invoke(response);
                return getter.equals("getStatusCode") ? "status " + value
                        : "batch item failures " + ((java.util.Collection<?>) value).size();
            } catch (NoSuchMethodException e) {
                // try the next shape
            }
        }
        return response.getClass().getSimpleName();
    }

    /** What the Lambda runtime hands a handler, with fixed values. */
    private static final class ProbeContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "cold-start-probe";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/cold-start-probe";
        }

        @Override
        public String getLogStreamName() {
            return "probe";
        }

        @Override
        public String getFunctionName() {
            return "cold-start-probe";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:000000000000:function:cold-start-probe";
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
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
