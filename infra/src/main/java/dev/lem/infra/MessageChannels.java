package dev.lem.infra;

import dev.lem.messaging.EmailTemplateCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ses.CfnTemplate;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetEventDestinationOptions;
import software.amazon.awscdk.services.ses.EmailSendingEvent;
import software.amazon.awscdk.services.ses.EventDestination;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Outbound messaging: the SES configuration set LEM sends email through (reputation metrics on, every
 * bounce, complaint, delivery, open and click published to the SES feedback topic), and the permissions
 * to send email from the configured sender and SMS through SNS; and one SES email template per entry of
 * {@link EmailTemplateCatalog} (the files {@code lem up} renders too). The sender identity (address or
 * domain) is verified in SES outside this stack.
 *
 * <p>Template names are the catalog's bare names ({@code welcome}, {@code confirm}…), which notifications
 * sends by: SES template names are unique per account and region, so one LEM stack per account and region
 * (a second stage in the same account and region fails to create them).
 */
public final class MessageChannels extends Construct {

    /** What SES publishes to the feedback topic. */
    static final List<EmailSendingEvent> FEEDBACK_EVENTS = List.of(EmailSendingEvent.BOUNCE,
            EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY, EmailSendingEvent.OPEN, EmailSendingEvent.CLICK);

    private final ConfigurationSet configurationSet;
    private final Map<String, CfnTemplate> templates = new LinkedHashMap<>();
    private final String mailFrom;
    private final String mailDomain;

    public MessageChannels(Construct scope, String id, String mailFrom, String mailDomain, Topic feedback) {
        super(scope, id);
        this.mailFrom = mailFrom;
        this.mailDomain = mailDomain;
        this.configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet")
                .reputationMetrics(true)
                .sendingEnabled(true)
                .build();
        configurationSet.addEventDestination("Feedback", ConfigurationSetEventDestinationOptions.builder()
                .destination(EventDestination.snsTopic(feedback))
                .events(FEEDBACK_EVENTS)
                .enabled(true)
                .build());
        // The SNS destination adds the topic policy itself: ses.amazonaws.com may publish for this
        // account's configuration set only (AWS:SourceAccount, AWS:SourceArn).
        for (EmailTemplateCatalog.EmailTemplate template : EmailTemplateCatalog.load().all()) {
            templates.put(template.name(), CfnTemplate.Builder.create(this, Ids.pascal(template.name()) + "Template")
                    .template(CfnTemplate.TemplateProperty.builder()
                            .templateName(template.name())
                            .subjectPart(template.subject())
                            .htmlPart(template.html())
                            .textPart(template.text())
                            .build())
                    .build());
        }
    }

    /** The SES templates, by catalog name. */
    public Map<String, CfnTemplate> templates() {
        return Map.copyOf(templates);
    }

    public String configurationSetName() {
        return configurationSet.getConfigurationSetName();
    }

    public ConfigurationSet configurationSet() {
        return configurationSet;
    }

    /**
     * Email: {@code ses:SendEmail}/{@code ses:SendTemplatedEmail} on the sender's identity (address and
     * domain) and this configuration set only. SMS: {@code sns:Publish}, which has no resource to scope to
     * when publishing to a phone number.
     */
    public void grantSend(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ses:SendEmail", "ses:SendTemplatedEmail"))
                .resources(List.of(sesArn("identity", mailFrom), sesArn("identity", mailDomain),
                        sesArn("configuration-set", configurationSet.getConfigurationSetName())))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sns:Publish"))
                .resources(List.of("*"))
                .build());
    }

    private String sesArn(String resource, String name) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("ses").resource(resource).resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }
}
