package dev.lem.testing;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Optional;

/**
 * The optional tier: the same ITs against real AWS APIs — an endpoint named by {@code LEM_AWS_ENDPOINT}
 * (LocalStack, Floci, or a real account when set to {@code aws}), or, with a Docker engine, LocalStack
 * started through Testcontainers. Absent both, tests using it are skipped with the reason, never failed.
 */
public final class ExternalAws {
    private ExternalAws() {}

    /** Why the tier cannot run here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (Env.of(Env.system()).optional(EnvNames.AWS_ENDPOINT).isPresent()) {
            return Optional.empty();
        }
        if (dockerAvailable()) {
            return Optional.empty();
        }
        return Optional.of("external AWS tier skipped: set " + EnvNames.AWS_ENDPOINT
                + " (an emulator URL, or 'aws' for the account in your AWS profile) or run a Docker engine");
    }

    /** Client configuration for the tier; call only when {@link #unavailableReason()} is empty. */
    public static AwsConfig awsConfig() {
        Optional<String> endpoint = Env.of(Env.system()).optional(EnvNames.AWS_ENDPOINT);
        if (endpoint.isPresent()) {
            return endpoint.get().equals("aws")
                    ? new AwsConfig(Env.of(Env.system()).optional("AWS_REGION", AwsEngines.REGION), Optional.empty(), false)
                    : AwsConfig.fromEnv(Env.system());
        }
        return LocalStackContainer.shared().awsConfig();
    }

    static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
