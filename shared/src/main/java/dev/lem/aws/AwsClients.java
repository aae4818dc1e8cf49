package dev.lem.aws;

import dev.lem.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds every SDK client the same way (DESIGN §9.2): explicit region, the URL-connection HTTP client
 * (no Apache or Netty in the Lambda jars), api-call timeouts, the {@link MeteringInterceptor} (every request is
 * counted for the cost report), and an endpoint override when configured.
 * Build clients once, at handler init.
 */
public final class AwsClients {

    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration LONG_POLL_TIMEOUT = Duration.ofSeconds(20);
    private static final MeteringInterceptor METERING = new MeteringInterceptor();

    private AwsClients() {}

    public static DynamoDbClient dynamoDb(AwsConfig config) {
        return configure(DynamoDbClient.builder(), config).build();
    }

    /** SQS long polls wait up to 20 s, so its attempts get more time than other calls. */
    public static SqsClient sqs(AwsConfig config) {
        return configure(SqsClient.builder(), config)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(METERING)
                        .apiCallTimeout(LONG_POLL_TIMEOUT.plus(API_CALL_TIMEOUT))
                        .apiCallAttemptTimeout(LONG_POLL_TIMEOUT.plus(ATTEMPT_TIMEOUT))
                        .build())
                .build();
    }

    public static EventBridgeClient eventBridge(AwsConfig config) {
        return configure(EventBridgeClient.builder(), config).build();
    }

    public static SchedulerClient scheduler(AwsConfig config) {
        return configure(SchedulerClient.builder(), config).build();
    }

    public static SesV2Client sesV2(AwsConfig config) {
        return configure(SesV2Client.builder(), config).build();
    }

    public static SnsClient sns(AwsConfig config) {
        return configure(SnsClient.builder(), config).build();
    }

    /** Builds a client of any other service the same way (CloudWatch for the cost report, ...). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, AwsConfig config) {
        return configure(builder, config).build();
    }

    public static SecretsManagerClient secretsManager(AwsConfig config) {
        return configure(SecretsManagerClient.builder(), config).build();
    }

    /** Region, URL-connection HTTP client, timeouts, endpoint override: for clients built outside this class (S3). */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, AwsConfig config) {
        builder.region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(LONG_POLL_TIMEOUT.plus(Duration.ofSeconds(5))))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(METERING)
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .build());
        config.endpoint().map(URI::normalize).ifPresent(builder::endpointOverride);
        if (config.localCredentials()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder;
    }
}
