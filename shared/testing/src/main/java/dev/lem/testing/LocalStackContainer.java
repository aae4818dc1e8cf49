package dev.lem.testing;

import dev.lem.config.AwsConfig;
import java.net.URI;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** LocalStack through Testcontainers, started once per JVM and only when Docker is available. */
final class LocalStackContainer {
    private static LocalStackContainer shared;

    private final GenericContainer<?> container;

    private LocalStackContainer() {
        container = new GenericContainer<>("localstack/localstack:4.4")
                .withExposedPorts(4566)
                .withEnv("SERVICES", "dynamodb,sqs,events,scheduler,ses,sns")
                .waitingFor(Wait.forHttp("/_localstack/health").forPort(4566));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    }

    static synchronized LocalStackContainer shared() {
        if (shared == null) {
            shared = new LocalStackContainer();
        }
        return shared;
    }

    AwsConfig awsConfig() {
        return AwsConfig.local(AwsEngines.REGION,
                URI.create("http://" + container.getHost() + ":" + container.getMappedPort(4566)));
    }
}
