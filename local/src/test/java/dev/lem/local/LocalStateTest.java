package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.local.outbox.EmailTemplates;
import dev.lem.local.outbox.OutboxMailer;
import dev.lem.lead.EmailAddress;
import dev.lem.notify.OutgoingEmail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .lem/} folder: private files, one run at a time, {@code --fresh}, keys and outbox kept across runs. */
class LocalStateTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path work;

    @Test
    void open_whenFolderNew_createsItPrivateWithAnEmptyPrivateDatabaseFile() throws Exception {
        try (LocalState state = LocalState.open(work, false)) {
            assertThat(Files.getPosixFilePermissions(state.dir())).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
            assertThat(Files.getPosixFilePermissions(state.dynamoDb())).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThat(state.wiped()).isFalse();
        }
    }

    @Test
    void open_whenAnotherRunHoldsTheFolder_refusesNamingIt() throws Exception {
        try (LocalState first = LocalState.open(work, false)) {
            assertThatThrownBy(() -> LocalState.open(work, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another lem up is running");
        }
        LocalState.open(work, false).close();
    }

    @Test
    void open_whenFresh_deletesDataKeysOutboxAndSchedulesOfEarlierRuns() throws Exception {
        Path dir;
        try (LocalState state = LocalState.open(work, false)) {
            dir = state.dir();
            LocalKeys.loadOrCreate(state.keys(), new SecureRandom());
            Files.writeString(state.schedules(), "[]");
            Files.writeString(state.outbox(), "{}\n");
            Files.writeString(state.stateHistory(), "{}\n");
            Files.writeString(state.dynamoDb(), "x");
        }

        try (LocalState state = LocalState.open(work, true)) {
            assertThat(state.wiped()).isTrue();
            assertThat(dir.resolve("keys.json")).doesNotExist();
            assertThat(dir.resolve("schedules.json")).doesNotExist();
            assertThat(dir.resolve("outbox.jsonl")).doesNotExist();
            assertThat(dir.resolve("state-history.jsonl")).doesNotExist();
            assertThat(state.dynamoDb()).isEmptyFile();
        }
    }

    @Test
    void loadOrCreate_whenRunAgain_returnsTheSameThreeKeysAndAddsAFormTokenKeyToAnOlderFile() throws Exception {
        Path file = work.resolve("keys.json");
        LocalKeys first = LocalKeys.loadOrCreate(file, new SecureRandom());
        LocalKeys second = LocalKeys.loadOrCreate(file, new SecureRandom());

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.formTokenKey()).isEqualTo(first.formTokenKey()).hasSize(32);
        assertThat(second.identityKey()).isEqualTo(first.identityKey());
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        String older = Files.readString(file).replaceAll(",\\s*\"formTokenKey\"\\s*:\\s*\"[^\"]*\"", "");
        Files.writeString(file, older);
        LocalKeys upgraded = LocalKeys.loadOrCreate(file, new SecureRandom());
        assertThat(upgraded.identityKey()).isEqualTo(first.identityKey());
        assertThat(upgraded.formTokenKey()).hasSize(32);
        assertThat(LocalKeys.loadOrCreate(file, new SecureRandom()).formTokenKey()).isEqualTo(upgraded.formTokenKey());
    }

    @Test
    void stateHistory_whenReopened_keepsEachChangeOnceAndIgnoresOtherEvents() throws Exception {
        Path file = work.resolve("state-history.jsonl");
        String lead = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
        dev.lem.local.admin.StateHistory first = dev.lem.local.admin.StateHistory.open(file);
        var mql = new dev.lem.events.LeadStateChanged("s-1", Instant.parse("2026-11-23T11:00:00Z"), lead, "lead", "mql", "score", false);
        first.record(mql);
        first.record(mql);
        first.record(new dev.lem.events.LeadStateChanged("s-0", Instant.parse("2026-11-23T10:00:00Z"), lead, "subscriber", "lead",
                "form", false));
        first.record(new dev.lem.events.MessageSent("m-1", Instant.parse("2026-11-23T10:00:00Z"), "welcome.1." + lead, lead,
                "email", "welcome", "outbox-1"));

        dev.lem.local.admin.StateHistory second = dev.lem.local.admin.StateHistory.open(file);
        second.record(mql);

        assertThat(second.of(lead)).extracting(dev.lem.local.admin.StateHistory.Change::to).containsExactly("lead", "mql");
        assertThat(second.of("other")).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void outbox_whenPersistent_isReadBackByTheNextRunAndSkipsATornLine() throws Exception {
        Path file = work.resolve("outbox.jsonl");
        OutboxMailer first = OutboxMailer.persistent(EmailTemplates.builtIn(), CLOCK, file);
        first.send(new OutgoingEmail("welcome.1.x", new EmailAddress("ada@example.com"), "welcome", Map.of("name", "Ada")));
        Files.writeString(file, "{\"number\":2,\"messageId\":", java.nio.file.StandardOpenOption.APPEND);

        OutboxMailer second = OutboxMailer.persistent(EmailTemplates.builtIn(), CLOCK, file);

        assertThat(second.newestFirst()).hasSize(1);
        assertThat(second.find(1)).hasValueSatisfying(email -> {
            assertThat(email.subject()).contains("Ada");
            assertThat(email.to()).isEqualTo("ada@example.com");
        });
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        second.send(new OutgoingEmail("welcome.1.y", new EmailAddress("bob@example.com"), "welcome", Map.of()));
        assertThat(OutboxMailer.persistent(EmailTemplates.builtIn(), CLOCK, file).newestFirst())
                .extracting(email -> email.to()).containsExactly("bob@example.com", "ada@example.com");
    }
}
