package dev.lem.infra;

import dev.lem.config.FunctionName;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.apigatewayv2.CfnRoute;
import software.constructs.IConstruct;

/**
 * The cdk-nag (AwsSolutions) findings LEM accepts, in one place, each scoped to the resource (and, for
 * IAM5, the exact wildcard) it is about, with the reason. Anything else cdk-nag reports fails the
 * template tests.
 */
final class NagFindings {

    private NagFindings() {}

    static void suppressJustified(LemStack stack) {
        suppress(stack.adminApi().readPolicy(), "AwsSolutions-IAM5",
                "execute-api:Invoke on GET /leads/* of this API only: the lead id is a path parameter.");
        suppress(stack.journeyAdminApi().readPolicy(), "AwsSolutions-IAM5",
                "execute-api:Invoke on GET /admin/journeys/* of this API only: the journey id is a path parameter.");
        suppress(stack.journeyAdminApi().deployPolicy(), "AwsSolutions-IAM5",
                "execute-api:Invoke on GET /admin/journeys/* of this API only: the journey id is a path parameter.");
        functionRoles(stack);
        if (stack.getNode().tryFindChild(NotificationEndpoints.ID) instanceof NotificationEndpoints endpoints) {
            tableFunctionRole(stack, endpoints.preferences().getRole(), false);
            tableFunctionRole(stack, endpoints.erasure().getRole(), true);
        }
        if (stack.getNode().tryFindChild(SesFeedbackConsumer.ID) instanceof SesFeedbackConsumer feedback) {
            tableFunctionRole(stack, feedback.function().getRole(), false);
        }
        cdn(stack);
        if (stack.getNode().tryFindChild(PredictiveTraining.ID) instanceof PredictiveTraining predictive) {
            predictive.suppressJustified(logicalId(stack, (CfnTable) stack.table().table().getNode().getDefaultChild()));
            NagSuppressions.addResourceSuppressions(stack.functions().role(FunctionName.SCORING),
                    List.of(predictive.scoringReadsModels()), true);
        }
        suppress(stack.keys(), "AwsSolutions-SMG4",
                "HMAC keys, not credentials: rotating the identity key orphans every stored identity hash and "
                        + "rotating the tracking key breaks links already sent, so rotation is a planned, "
                        + "versioned operation rather than a scheduled one.");
        stack.captchaSecret().ifPresent(secret -> suppress(secret, "AwsSolutions-SMG4",
                "The Cloudflare Turnstile secret key, issued by Cloudflare: Secrets Manager cannot rotate it; "
                        + "the operator rotates it in the Turnstile dashboard and puts the new value here."));
        stack.webhookSigningKey().ifPresent(secret -> suppress(secret, "AwsSolutions-SMG4",
                "The key that signs webhook calls is shared with their receivers (CRM, call centre): Secrets Manager "
                        + "cannot rotate it on their side, so the operator rotates it with them and puts the new value here."));
        suppress(stack.routing().deadLetterQueue(), "AwsSolutions-SQS3",
                "This queue IS a dead-letter queue: the DeadLetterConfig of the EventBridge rule targets "
                        + "(cdk-nag recognises only SQS redrive and Lambda DLQs).");
        suppress(stack.scheduling().deadLetterQueue(), "AwsSolutions-SQS3",
                "This queue IS a dead-letter queue: the DeadLetterConfig the router sets on each schedule it "
                        + "creates at run time (LEM_SCHEDULER_DLQ_ARN).");
        for (IConstruct child : stack.http().api().getNode().findAll()) {
            if (child instanceof CfnRoute route && !"AWS_IAM".equals(route.getAuthorizationType())) {
                suppress(child, "AwsSolutions-APIG4",
                        "Public by design: web forms on marketers' sites and tracking pixels/links in emails "
                                + "cannot carry credentials. Form posts need the form's token, click links an "
                                + "HMAC signature, and the stage is throttled.");
            }
        }
    }

    private static void functionRoles(LemStack stack) {
        String tableId = logicalId(stack, (CfnTable) stack.table().table().getNode().getDefaultChild());
        for (FunctionName name : FunctionName.values()) {
            List<NagPackSuppression> findings = new ArrayList<>();
            findings.add(iam5("X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and PutTelemetryRecords "
                    + "have no resource-level permissions.", "Resource::*"));
            if (name == FunctionName.TRACKING) {
                NagSuppressions.addResourceSuppressions(stack.functions().role(name), findings, true);
                continue; // no table access, no other wildcard
            }
            findings.add(iam5("The table's global secondary indexes (Query on gsi1), on this table only.",
                    "Resource::<" + tableId + ".Arn>/index/*"));
            findings.add(iam5("KMS actions CDK grants for a table encrypted with a customer-managed key; "
                            + "the resource is that one key.",
                    "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*"));
            switch (name) {
                // notifications: Resource::* also covers sns:Publish to a phone number (SMS), which has no ARN
                case ROUTER, DRIP, SCORING, NOTIFICATIONS -> findings.add(schedulesOfTheGroup(stack));
                case API -> findings.add(iam5("cloudwatch:GetMetricData (GET /reports/cost reads the LEM usage metrics) "
                        + "has no resource-level permissions.", "Resource::*"));
                case FORM_CAPTURE, TRACKING, ACTIVITIES, OUTCOMES, JOURNEYS -> { }
            }
            NagSuppressions.addResourceSuppressions(stack.functions().role(name), findings, true);
        }
    }

    /** The justified findings of a function role outside {@link LemFunctions} (table user; optionally schedules). */
    static void tableFunctionRole(LemStack stack, IConstruct role, boolean managesSchedules) {
        String tableId = logicalId(stack, (CfnTable) stack.table().table().getNode().getDefaultChild());
        List<NagPackSuppression> findings = new ArrayList<>();
        findings.add(iam5("X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and PutTelemetryRecords "
                + "have no resource-level permissions.", "Resource::*"));
        findings.add(iam5("The table's global secondary indexes (Query on gsi1), on this table only.",
                "Resource::<" + tableId + ".Arn>/index/*"));
        findings.add(iam5("KMS actions CDK grants for a table encrypted with a customer-managed key; "
                + "the resource is that one key.", "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*"));
        if (managesSchedules) {
            findings.add(schedulesOfTheGroup(stack));
        }
        NagSuppressions.addResourceSuppressions(role, findings, true);
    }

    private static NagPackSuppression schedulesOfTheGroup(LemStack stack) {
        return iam5("Schedules are created at run time with one name per timer; only this group's schedules.",
                "Resource::arn:<AWS::Partition>:scheduler:" + orPseudo(stack.getRegion(), "AWS::Region") + ":"
                        + orPseudo(stack.getAccount(), "AWS::AccountId") + ":schedule/"
                        + stack.scheduling().group().getName() + "/*");
    }

    /** How cdk-nag writes an environment value: the literal of an environment-specific stack, else the pseudo parameter. */
    private static String orPseudo(String value, String pseudo) {
        return Token.isUnresolved(value) ? "<" + pseudo + ">" : value;
    }

    /** {@code lem:cdn=true}: the distribution and its access-log bucket. */
    private static void cdn(LemStack stack) {
        stack.cdn().ifPresent(cdn -> {
            if (!cdn.hasCustomDomain()) {
                suppress(cdn.distribution(), "AwsSolutions-CFR4",
                        "The distribution uses the default *.cloudfront.net certificate, with which CloudFront "
                                + "cannot enforce a minimum viewer TLS version; set lem:domainName and lem:certificateArn "
                                + "for a custom domain with TLSv1.2_2021 (README, Custom domain). The origin is HTTPS "
                                + "(TLSv1.2) only.");
            }
            suppress(cdn.distribution(), "AwsSolutions-CFR1",
                    "No geo restriction on purpose: forms and tracking links serve leads wherever they are; "
                            + "floods are handled by the WAF rate-based rule.");
            suppress(cdn.logBucket(), "AwsSolutions-S1",
                    "This bucket IS the access-log destination (CloudFront standard logs); logging its own "
                            + "access would need yet another bucket, and it is written only by the log delivery service.");
        });
    }

    private static NagPackSuppression iam5(String reason, String... appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(List.of((Object[]) appliesTo)).build();
    }

    private static void suppress(IConstruct construct, String id, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(id).reason(reason).build()), true);
    }

    private static String logicalId(Stack stack, CfnTable table) {
        return String.valueOf(stack.resolve(stack.getLogicalId(table)));
    }
}
