package dev.lem.infra;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.constructs.Construct;

/**
 * Outbound messaging: the SES configuration set LEM sends email through, and the permissions to send
 * email from the configured sender and SMS through SNS. The sender identity (address or domain) is
 * verified in SES outside this stack.
 */
public final class MessageChannels extends Construct {

    private final ConfigurationSet configurationSet;
    private final String mailFrom;

    public MessageChannels(Construct scope, String id, String mailFrom) {
        super(scope, id);
        this.mailFrom = mailFrom;
        this.configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet").build();
    }

    public String configurationSetName() {
        return configurationSet.getConfigurationSetName();
    }

    /**
     * Email: {@code ses:SendEmail}/{@code ses:SendTemplatedEmail} on the sender's identity (address and
     * domain) and this configuration set only. SMS: {@code sns:Publish}, which has no resource to scope to
     * when publishing to a phone number.
     */
    public void grantSend(IGrantable grantee) {
        String domain = mailFrom.substring(mailFrom.indexOf('@') + 1);
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ses:SendEmail", "ses:SendTemplatedEmail"))
                .resources(List.of(sesArn("identity", mailFrom), sesArn("identity", domain),
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
