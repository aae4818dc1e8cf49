package dev.lem.notify.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.aws.AwsClients;
import dev.lem.messaging.PhoneNumber;
import dev.lem.notify.OutgoingSms;
import dev.lem.notify.SendFailedException;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SNS Publish to a phone number on the wire, and how SNS's errors are translated. */
@ExtendWith(AwsEnginesExtension.class)
class SnsSmsSenderIT {

    private static final OutgoingSms CODE = new OutgoingSms("code.1.x", new PhoneNumber("+353861234567"), "Your code is 42", false);

    private final WireCapture wire;

    SnsSmsSenderIT(WireCapture wire) {
        this.wire = wire;
    }

    @BeforeEach
    void reset() {
        wire.reset();
    }

    @Test
    void send_whenTransactional_publishesToThePhoneNumberWithTypeAndSenderId() {
        String id = new SnsSmsSender(AwsClients.sns(wire.awsConfig()), Optional.of("LEM")).send(CODE);

        assertThat(id).isEqualTo("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
        Map<String, String> form = form(wire.requests(Service.SNS).getFirst());
        assertThat(form).containsEntry("Action", "Publish").containsEntry("PhoneNumber", "+353861234567")
                .containsEntry("Message", "Your code is 42").doesNotContainKey("TopicArn");
        assertThat(attributes(form)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "AWS.SNS.SMS.SMSType", "Transactional", "AWS.SNS.SMS.SenderID", "LEM"));
    }

    @Test
    void send_whenPromotionalWithoutSenderId_marksItPromotionalOnly() {
        new SnsSmsSender(AwsClients.sns(wire.awsConfig()), Optional.empty())
                .send(new OutgoingSms("news.1.x", new PhoneNumber("+353861234567"), "Sale", true));

        assertThat(attributes(form(wire.requests(Service.SNS).getFirst())))
                .containsExactlyEntriesOf(Map.of("AWS.SNS.SMS.SMSType", "Promotional"));
    }

    @ParameterizedTest
    @CsvSource({"400, InvalidParameter, false", "400, InvalidParameterValue, false", "403, AuthorizationError, false",
            "400, Throttling, true", "500, InternalError, true"})
    void send_whenSnsAnswersAnError_translatesIt(int status, String code, boolean retryable) {
        wire.answerWithError(Service.SNS, status, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>x</Message></Error>"
                + "<RequestId>r</RequestId></ErrorResponse>");

        assertThatThrownBy(() -> new SnsSmsSender(AwsClients.sns(wire.awsConfig()), Optional.empty()).send(CODE))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isEqualTo(retryable));
    }

    @Test
    void constructor_whenSenderIdInvalid_refusesIt() {
        assertThat(SnsSmsSender.isValidSenderId("LEM2026")).isTrue();
        assertThat(SnsSmsSender.isValidSenderId("123456")).isFalse();
        assertThat(SnsSmsSender.isValidSenderId("TOO-LONG-SENDER")).isFalse();
    }

    private static Map<String, String> form(CapturedRequest request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            attributes.put(form.get("MessageAttributes.entry." + i + ".Name"),
                    form.get("MessageAttributes.entry." + i + ".Value.StringValue"));
        }
        return attributes;
    }
}
