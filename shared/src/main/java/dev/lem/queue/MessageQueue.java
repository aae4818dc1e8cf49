package dev.lem.queue;

/** Puts a message on one work queue. */
public interface MessageQueue {

    /** @throws QueueUnavailableException when the queue did not take the message (retryable) */
    void send(String body);
}
