package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.local.admin.AdminToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Command line of {@code lem up} and its admin token check. */
class LemUpOptionsTest {

    @Test
    void parse_whenPortAndDirGiven_usesThem() {
        LemUp.Options options = LemUp.Options.parse(new String[] {"--port", "0", "--dir", "/tmp/lem-x"},
                LemUp.Options.defaults());

        assertThat(options.port()).isZero();
        assertThat(options.workDir()).isEqualTo(Path.of("/tmp/lem-x"));
    }

    @Test
    void parse_whenNothingGiven_listensOn8080InTheWorkingDirectory() {
        LemUp.Options options = LemUp.Options.parse(new String[0], LemUp.Options.defaults());

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.workDir()).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void parse_whenArgumentsWrong_saysWhatIsWrong() {
        assertThatThrownBy(() -> parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> parse("--port", "eighty")).hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> parse("--verbose")).hasMessageContaining("unknown argument: --verbose");
    }

    @Test
    void parse_whenFreshAndDripWaitGiven_usesThem() {
        LemUp.Options options = parse("--fresh", "--drip-wait", "5");

        assertThat(options.fresh()).isTrue();
        assertThat(options.dripWait()).contains(java.time.Duration.ofSeconds(5));
        assertThat(parse("--drip-wait", "journey").dripWait()).isEmpty();
        assertThat(parse().fresh()).isFalse();
        assertThat(parse().dripWait()).contains(LemUp.DEFAULT_DRIP_WAIT);
    }

    @Test
    void parse_whenDripWaitWrong_saysWhatIsWrong() {
        assertThatThrownBy(() -> parse("--drip-wait", "soon")).hasMessageContaining("--drip-wait must be a number of seconds");
        assertThatThrownBy(() -> parse("--drip-wait", "-1")).hasMessageContaining("0-86400");
        assertThatThrownBy(() -> parse("--drip-wait")).hasMessageContaining("--drip-wait needs a value");
    }

    @Test
    void authorizesCookie_whenAdminCookieCarriesTheToken_onlyThen() {
        AdminToken token = AdminToken.random(new SecureRandom());

        assertThat(token.authorizesCookie(Optional.of("lem_vid=abc; lem_admin=" + token.value()))).isTrue();
        assertThat(token.authorizesCookie(Optional.of("lem_admin=" + token.value() + "x"))).isFalse();
        assertThat(token.authorizesCookie(Optional.of("other_lem_admin=" + token.value()))).isFalse();
        assertThat(token.authorizesCookie(Optional.empty())).isFalse();
        assertThat(token.sessionCookie()).contains("HttpOnly", "SameSite=Strict", "Path=/admin");
    }

    @Test
    void authorizes_whenBearerTokenMatches_onlyThen() {
        AdminToken token = AdminToken.random(new SecureRandom());

        assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(token.authorizes(Optional.of("Bearer " + token.value()))).isTrue();
        assertThat(token.authorizes(Optional.of("bearer " + token.value()))).isTrue();
        assertThat(token.authorizes(Optional.of("Bearer " + token.value() + "x"))).isFalse();
        assertThat(token.authorizes(Optional.of(token.value()))).isFalse();
        assertThat(token.authorizes(Optional.of("Basic " + token.value()))).isFalse();
        assertThat(token.authorizes(Optional.empty())).isFalse();
        assertThat(token).hasToString("AdminToken[redacted]");
    }

    private static LemUp.Options parse(String... args) {
        return LemUp.Options.parse(args, LemUp.Options.defaults());
    }
}
