package dev.lem.notify;

import dev.lem.testing.fakes.ScriptedFailures;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what it was asked to send, failed calls included (SES may have taken a mail it then failed to confirm);
 * answers scripted failures ({@link ScriptedFailures}), else provider ids {@code ses-<call number>}.
 */
public final class RecordingMailer extends ScriptedFailures implements Mailer {

    private final List<OutgoingEmail> sent = new ArrayList<>();

    /** Every call, failed ones included. */
    public List<OutgoingEmail> calls() {
        return List.copyOf(sent);
    }

    @Override
    public String send(OutgoingEmail email) {
        sent.add(email);
        throwScriptedFailure();
        return "ses-" + sent.size();
    }
}
