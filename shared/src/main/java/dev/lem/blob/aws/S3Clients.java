package dev.lem.blob.aws;

import dev.lem.aws.AwsClients;
import dev.lem.config.AwsConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 client like every other client ({@link AwsClients#configure}); path-style addressing when an endpoint
 * override is set (emulators). Apart from {@link AwsClients} because s3 is on the classpath of scoring and training only.
 */
public final class S3Clients {

    private S3Clients() {}

    public static S3Client create(AwsConfig config) {
        return AwsClients.configure(S3Client.builder(), config)
                .forcePathStyle(config.endpoint().isPresent())
                .build();
    }
}
