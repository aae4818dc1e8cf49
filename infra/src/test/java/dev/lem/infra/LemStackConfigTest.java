package dev.lem.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LemStackConfigTest {

    @TempDir
    Path repo;

    @Test
    void repositoryRoot_whenStartedInInfra_isTheFolderAbove() throws IOException {
        givenRepository();

        assertThat(LemStackConfig.repositoryRoot(repo.resolve("infra"))).isEqualTo(repo);
    }

    @Test
    void repositoryRoot_whenStartedInTheRoot_isTheRoot() throws IOException {
        givenRepository();

        assertThat(LemStackConfig.repositoryRoot(repo)).isEqualTo(repo);
    }

    @Test
    void repositoryRoot_whenNoRepositoryIsAbove_failsNamingTheContextKey() {
        assertThatThrownBy(() -> LemStackConfig.repositoryRoot(repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LemStackConfig.ASSET_ROOT);
    }

    @Test
    void name_whenPrefixed_prependsThePrefix() {
        LemStackConfig config = new LemStackConfig(repo, "dev-", "a@b.example", Optional.empty(), List.of());

        assertThat(config.name("lem")).isEqualTo("dev-lem");
        assertThat(config.allowedOrigins()).containsExactly("*");
        assertThat(config.mailFromDomain()).isEqualTo("b.example");
    }

    @Test
    void constructor_whenPrefixIsNotANamePart_fails() {
        assertThatThrownBy(() -> new LemStackConfig(repo, "1 bad", "a@b.example", Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.PREFIX);
    }

    @Test
    void constructor_whenMailFromIsNotAnAddress_fails() {
        assertThatThrownBy(() -> new LemStackConfig(repo, "", "no-reply", Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.MAIL_FROM);
    }

    @Test
    void withAssetRoot_whenUsed_takesTheDefaults() {
        LemStackConfig config = LemStackConfig.withAssetRoot(repo);

        assertThat(config.prefix()).isEmpty();
        assertThat(config.mailFrom()).isEqualTo(LemStackConfig.DEFAULT_MAIL_FROM);
        assertThat(config.publicBaseUrl()).isEmpty();
    }

    private void givenRepository() throws IOException {
        Files.createDirectories(repo.resolve("infra"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.writeString(repo.resolve("infra/pom.xml"), "<project/>");
    }
}
