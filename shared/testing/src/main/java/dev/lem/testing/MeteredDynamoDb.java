package dev.lem.testing;

import dev.lem.cost.Metering;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local's embedded client is a Java proxy that never runs the SDK's request pipeline, so execution
 * interceptors ({@code MeteringInterceptor}) never see its calls. This wrapper counts each operation call on the
 * current invocation's meter the way the interceptor does for a real client ({@code DynamoDb.<Operation>}), so
 * {@code lem up}, the ITs and the bench meter DynamoDB like AWS does.
 */
public final class MeteredDynamoDb {

    private MeteredDynamoDb() {}

    public static DynamoDbClient wrap(DynamoDbClient embedded) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (args != null && args.length == 1 && (args[0] instanceof SdkRequest || args[0] instanceof Consumer<?>)) {
                        String name = method.getName();
                        if (name.endsWith("Paginator")) {
                            name = name.substring(0, name.length() - "Paginator".length()); // counted once, not per page
                        }
                        Metering.request("DynamoDb", Character.toUpperCase(name.charAt(0)) + name.substring(1), 1);
                    }
                    try {
                        return method.invoke(embedded, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
