package dev.lem.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The two SNS topics operations rely on, both encrypted with one customer-managed KMS key (SNS's
 * AWS-managed key cannot be used by SES, CloudWatch or Budgets) and reachable over TLS only:
 * <ul>
 *   <li>{@link #sesFeedback()}: SES configuration-set events (bounces, complaints, deliveries, opens, clicks);</li>
 *   <li>{@link #alarms()}: CloudWatch alarms and the optional budget alarm.</li>
 * </ul>
 * Each service may publish only on behalf of this account.
 */
public final class OpsTopics extends Construct {

    /** The services that publish to the topics: each needs the key to encrypt what it publishes. */
    static final List<String> PUBLISHERS = List.of("ses.amazonaws.com", "cloudwatch.amazonaws.com", "budgets.amazonaws.com");

    private final Key key;
    private final Topic sesFeedback;
    private final Topic alarms;

    public OpsTopics(Construct scope, String id) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description("LEM SNS topics (SES feedback, alarms)")
                .enableKeyRotation(true)
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ServicesPublishToLemTopics")
                .principals(PUBLISHERS.stream().map(p -> (software.amazon.awscdk.services.iam.IPrincipal) new ServicePrincipal(p)).toList())
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        this.sesFeedback = Topic.Builder.create(this, "SesFeedback")
                .displayName("LEM SES feedback")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        this.alarms = Topic.Builder.create(this, "Alarms")
                .displayName("LEM alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        allowPublish(alarms, "cloudwatch.amazonaws.com");
        allowPublish(alarms, "budgets.amazonaws.com");
    }

    /** Lets {@code service} publish to {@code topic} for this account only (confused-deputy guard). */
    static void allowPublish(Topic topic, String service) {
        allowPublish(topic, service, Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)));
    }

    static void allowPublish(Topic topic, String service, Map<String, ?> conditions) {
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("PublishFrom" + Ids.pascal(service.substring(0, service.indexOf('.'))))
                .principals(List.of(new ServicePrincipal(service)))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(conditions)
                .build());
    }

    public Key key() {
        return key;
    }

    public Topic sesFeedback() {
        return sesFeedback;
    }

    public Topic alarms() {
        return alarms;
    }
}
