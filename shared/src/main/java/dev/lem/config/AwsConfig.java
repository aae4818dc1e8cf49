package dev.lem.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the AWS clients point: the region, and optionally one endpoint for every service (an emulator,
 * {@code lem up}'s engines, or a test's wire capture). With an endpoint and no AWS credentials in the
 * environment, clients use fixed local credentials, since emulators accept any.
 */
public record AwsConfig(String region, Optional<URI> endpoint, boolean localCredentials) {

    public static AwsConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        String region = e.optional(EnvNames.REGION).or(() -> e.optional("AWS_REGION")).orElse("eu-west-1");
        Optional<URI> endpoint = e.optionalUri(EnvNames.AWS_ENDPOINT);
        return new AwsConfig(region, endpoint, endpoint.isPresent() && e.optional("AWS_ACCESS_KEY_ID").isEmpty());
    }

    public static AwsConfig local(String region, URI endpoint) {
        return new AwsConfig(region, Optional.of(endpoint), true);
    }
}
