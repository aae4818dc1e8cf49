package dev.lem.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension handing out {@link AwsEngines} (and {@link WireCapture}) as test parameters. Engines
 * start once per JVM, on first use, and stop when the JUnit run ends (root-store resources are closed
 * by JUnit), so no server outlives the tests.
 *
 * <pre>{@code @ExtendWith(AwsEnginesExtension.class)
 * class LeadStoreIT { LeadStoreIT(AwsEngines engines) { ... } } }</pre>
 */
public final class AwsEnginesExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsEngines.class || type == WireCapture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        if (parameter.getParameter().getType() == WireCapture.class) {
            return store.getOrComputeIfAbsent(WireCapture.class, k -> new Closing<>(WireCapture.start()), Closing.class)
                    .resource();
        }
        return store.getOrComputeIfAbsent(AwsEngines.class, k -> new Closing<>(AwsEngines.start()), Closing.class)
                .resource();
    }

    /** Lets JUnit close a resource when the root context (the whole run) ends. */
    record Closing<T extends AutoCloseable>(T resource) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
