package dev.lem.notify;

import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.messaging.NotifyMessage;
import dev.lem.schedule.StepScheduler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Puts a held message back on the notify queue at a later time: a one-shot {@code at()} timer whose target is the
 * notify queue and whose payload is the message itself. The timer is remembered with the lead first, so erasing the
 * lead cancels it. Names are deterministic per message and time, so holding the same message again is a no-op.
 */
public final class HeldMessages {

    /** Where timers scheduled for a lead are remembered ({@link dev.lem.lead.LeadErasure#rememberTimer}). */
    @FunctionalInterface
    public interface TimerLog {
        void remember(LeadId leadId, String scheduleName, Instant firesAt);
    }

    private final StepScheduler scheduler;
    private final TimerLog log;

    public HeldMessages(StepScheduler scheduler, TimerLog log) {
        this.scheduler = scheduler;
        this.log = log;
    }

    public void holdUntil(NotifyMessage message, Instant until) {
        String name = scheduleName(message.messageId(), until);
        log.remember(message.leadId(), name, until);
        scheduler.scheduleOnce(name, until, Json.write(message));
    }

    /** {@code notify-} and 40 hex of SHA-256(message id, epoch second): 47 of Scheduler's 64 characters. */
    static String scheduleName(String messageId, Instant until) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((messageId + "@" + until.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
            return "notify-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
