package dev.lem.infra;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * With context {@value LemStackConfig#WEBHOOKS}: the webhooks notifications may call ({@code LEM_WEBHOOKS} on that
 * function only) and an empty secret for the key that signs them (HMAC-SHA256), which the operator fills in and
 * the notifications function alone may read ({@code LEM_WEBHOOK_SECRET_ARN}, resolved at cold start). Retained,
 * like the HMAC keys: the receivers verify with the same key.
 */
public final class NotificationWebhooks extends Construct {

    public static final String ID = "NotificationWebhooks";

    private final Secret signingKey;

    public NotificationWebhooks(Construct scope, String id, LemStackConfig config, LemFunctions functions) {
        super(scope, id);
        if (config.webhooks().isEmpty()) {
            throw new IllegalArgumentException("NotificationWebhooks needs " + LemStackConfig.WEBHOOKS);
        }
        this.signingKey = Secret.Builder.create(this, "SigningKey")
                .description("LEM notifications: the key that signs webhook calls (HMAC-SHA256, header "
                        + "X-Lem-Signature). Created EMPTY: put a random key of at least 32 bytes, base64, here and give "
                        + "it to the receivers (aws secretsmanager put-secret-value --secret-string \"$(openssl rand "
                        + "-base64 32)\"); until then webhook messages are refused as channel-not-configured")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // no generated value: the receivers must be given the key, so the operator chooses and shares it
        ((CfnSecret) signingKey.getNode().getDefaultChild()).addPropertyDeletionOverride("GenerateSecretString");
        functions.addEnvironment(FunctionName.NOTIFICATIONS, EnvNames.WEBHOOKS, config.webhooksVariable());
        functions.addEnvironment(FunctionName.NOTIFICATIONS, EnvNames.WEBHOOK_SECRET_ARN, signingKey.getSecretArn());
        signingKey.grantRead(functions.role(FunctionName.NOTIFICATIONS));
    }

    public Secret signingKey() {
        return signingKey;
    }
}
