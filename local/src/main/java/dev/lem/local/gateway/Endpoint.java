package dev.lem.local.gateway;

/** Answers a routed request: a page of {@code lem up}, an admin action, or a Lambda handler behind it. */
@FunctionalInterface
public interface Endpoint {

    /** Exceptions are the endpoint's bug, never the client's: the gateway answers 502 and logs the type. */
    GatewayReply handle(GatewayRequest request) throws Exception;
}
