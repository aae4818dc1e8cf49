package dev.lem.testing.fakes;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/** SQS trigger events as Lambda's event source mapping delivers them, for handler tests. */
public final class SqsEvents {
    private SqsEvents() {}

    public static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    public static SQSEvent.SQSMessage message(String messageId, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        return message;
    }
}
