package dev.lem.notify.aws;

import dev.lem.notify.OutgoingSms;
import dev.lem.notify.SendFailedException;
import dev.lem.notify.SmsSender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * SNS Publish straight to a phone number: {@code AWS.SNS.SMS.SMSType} Transactional for operational messages,
 * Promotional for marketing, and the sender id where configured. Invalid numbers or parameters and missing
 * permissions are refusals; throttling, 5xx and network faults are retryable.
 */
public final class SnsSmsSender implements SmsSender {

    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    private static final Pattern VALID_SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");

    private final SnsClient sns;
    private final Optional<String> senderId;

    public SnsSmsSender(SnsClient sns, Optional<String> senderId) {
        senderId.ifPresent(id -> {
            if (!VALID_SENDER_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("SMS sender id must be 1-11 letters and digits, a letter among them");
            }
        });
        this.sns = sns;
        this.senderId = senderId;
    }

    public static boolean isValidSenderId(String id) {
        return id != null && VALID_SENDER_ID.matcher(id).matches();
    }

    @Override
    public String send(OutgoingSms sms) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(SMS_TYPE, text(sms.promotional() ? "Promotional" : "Transactional"));
        senderId.ifPresent(id -> attributes.put(SENDER_ID, text(id)));
        try {
            return sns.publish(r -> r.phoneNumber(sms.to().value()).message(sms.text()).messageAttributes(attributes))
                    .messageId();
        } catch (InvalidParameterException | InvalidParameterValueException | AuthorizationErrorException e) {
            throw new SendFailedException("SNS refused: " + e.awsErrorDetails().errorCode(), false, e);
        } catch (SnsException e) {
            throw new SendFailedException("SNS failed (" + e.statusCode() + ")", e.statusCode() >= 500
                    || e.isThrottlingException() || e.statusCode() == 429, e);
        } catch (SdkException e) {
            throw new SendFailedException("SNS unreachable", true, e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
