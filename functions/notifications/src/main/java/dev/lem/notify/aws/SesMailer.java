package dev.lem.notify.aws;

import dev.lem.json.Json;
import dev.lem.notify.Mailer;
import dev.lem.notify.OutgoingEmail;
import dev.lem.notify.SendFailedException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * SES v2 SendEmail with a stored template. The message id goes out as an email tag so SES's delivery,
 * bounce and open events can be tied back to it, the lead id as another; extra headers (List-Unsubscribe) ride
 * on the template content. Refusals (bad request, rejected, unknown template) are
 * final; throttling, 5xx, paused sending and network faults are retryable.
 */
public final class SesMailer implements Mailer {

    private final SesV2Client ses;
    private final String from;
    private final Optional<String> configurationSet;

    public SesMailer(SesV2Client ses, String from, Optional<String> configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(OutgoingEmail email) {
        try {
            return ses.sendEmail(r -> {
                r.fromEmailAddress(from)
                        .destination(d -> d.toAddresses(email.to().value()))
                        .content(c -> c.template(t -> {
                            t.templateName(email.template()).templateData(Json.write(email.data()));
                            if (!email.headers().isEmpty()) {
                                t.headers(email.headers().entrySet().stream()
                                        .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build())
                                        .toList());
                            }
                        }))
                        .emailTags(tag -> tag.name("lem-message-id").value(email.messageId().replaceAll("[^A-Za-z0-9_-]", "_")));
                configurationSet.ifPresent(r::configurationSetName);
            }).messageId();
        } catch (BadRequestException | MessageRejectedException | NotFoundException
                 | MailFromDomainNotVerifiedException | AccountSuspendedException e) {
            throw new SendFailedException("SES refused: " + e.awsErrorDetails().errorCode(), false, e);
        } catch (SendingPausedException e) {
            throw new SendFailedException("SES sending paused", true, e);
        } catch (SesV2Exception e) {
            throw new SendFailedException("SES failed (" + e.statusCode() + ")", true, e);
        } catch (SdkException e) {
            throw new SendFailedException("SES unreachable", true, e);
        }
    }
}
