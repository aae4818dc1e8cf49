package dev.lem.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    private static String value(String raw) {
        return EmailAddress.parse(raw).map(EmailAddress::value).orElseThrow(() -> new AssertionError("rejected: " + raw));
    }

    @Test
    void parse_whenMixedCase_lowerCasesLocalPartAndDomain() {
        assertThat(value("Lead.Person@Example.COM")).isEqualTo("lead.person@example.com");
    }

    @Test
    void parse_whenSurroundedByWhitespace_strips() {
        assertThat(value("  \t lead@example.com \n")).isEqualTo("lead@example.com");
        assertThat(value("\u2003lead@example.com\u2003")).isEqualTo("lead@example.com");
    }

    @Test
    void parse_whenDecomposedUnicode_composesToNfc() {
        String decomposed = "jo\u0308rg@example.com";
        assertThat(value(decomposed)).isEqualTo("j\u00f6rg@example.com");
    }

    @Test
    void parse_whenInternationalDomain_convertsDomainToPunycodeAndKeepsUnicodeLocalPart() {
        assertThat(value("J\u00f6rg@B\u00fccher.example")).isEqualTo("j\u00f6rg@xn--bcher-kva.example");
    }

    @Test
    void parse_whenDecomposedInternationalDomain_convertsToSamePunycode() {
        assertThat(value("JO\u0308RG@BU\u0308CHER.example")).isEqualTo("j\u00f6rg@xn--bcher-kva.example");
    }

    @Test
    void parse_whenDomainAlreadyPunycode_keepsIt() {
        assertThat(value("j\u00f6rg@XN--BCHER-KVA.example")).isEqualTo("j\u00f6rg@xn--bcher-kva.example");
    }

    @Test
    void parse_whenSpellingsOfOneMailboxDiffer_normaliseToEqualAddresses() {
        assertThat(EmailAddress.parse(" J\u00f6rg@B\u00fccher.EXAMPLE "))
                .isEqualTo(EmailAddress.parse("jo\u0308rg@xn--bcher-kva.example"))
                .isPresent();
    }

    @Test
    void parse_whenDotAtomSpecialCharacters_accepts() {
        assertThat(value("first.last+tag!#$%&'*/=?^_`{|}~-@sub.example.co.uk"))
                .isEqualTo("first.last+tag!#$%&'*/=?^_`{|}~-@sub.example.co.uk");
    }

    @Test
    void parse_whenLocalPartIsExactly64Characters_accepts() {
        String local = "a".repeat(64);
        assertThat(value(local + "@example.com")).isEqualTo(local + "@example.com");
    }

    @Test
    void parse_whenLocalPartIs65Characters_rejects() {
        assertThat(EmailAddress.parse("a".repeat(65) + "@example.com")).isEmpty();
    }

    @Test
    void parse_whenTotalLengthIs254_accepts() {
        String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(address).hasSize(254);
        assertThat(value(address)).isEqualTo(address);
    }

    @Test
    void parse_whenTotalLengthIs255_rejects() {
        String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
        assertThat(address).hasSize(255);
        assertThat(EmailAddress.parse(address)).isEmpty();
    }

    @Test
    void parse_whenHugeInput_rejects() {
        assertThat(EmailAddress.parse("a".repeat(100_000) + "@example.com")).isEmpty();
    }

    @Test
    void parse_whenNull_rejects() {
        assertThat(EmailAddress.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "lead.example.com", "lead", "@example.com", "lead@", "@",
            " @example.com", "lead@ ", "lead@@example.com"})
    void parse_whenAtSignOrPartsMissing_rejects(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "lead@-example.com", "lead@example-.com", "lead@exa_mple.com", "lead@exa mple.com",
            "lead@localhost", "lead@example", "lead@.example.com", "lead@example.com.",
            "lead@example..com", "lead@[127.0.0.1]", "lead@example.c*m", "lead@exam!ple.com"})
    void parse_whenDomainLabelsInvalid_rejects(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @Test
    void parse_whenDomainLabelLongerThan63_rejects() {
        assertThat(EmailAddress.parse("lead@" + "a".repeat(64) + ".com")).isEmpty();
        assertThat(value("lead@" + "a".repeat(63) + ".com")).isEqualTo("lead@" + "a".repeat(63) + ".com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lead@example.123", "lead@1.2.3.4", "lead@example.0"})
    void parse_whenTopLevelDomainNumeric_rejects(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @Test
    void parse_whenNumericLabelIsNotTheTopLevelDomain_accepts() {
        assertThat(value("lead@123.example.com")).isEqualTo("lead@123.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first..last@example.com", ".lead@example.com", "lead.@example.com", "..@example.com"})
    void parse_whenLocalPartDotsMisplaced_rejects(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a@b.com\r\nBcc: x@y.com",
            "a@b.com\nBcc: x@y.com",
            "a@b.com\r\nBcc:x@y.com\r\n",
            "a@b.com%0d%0aBcc:x@y.com",
            "a@b.com,x@y.com",
            "a@b.com;x@y.com",
            "a@b.com x@y.com",
            "\"a b\"@example.com",
            "<a@b.com>",
            "Name <a@b.com>",
            "a\u0000@example.com",
            "a\tb@example.com",
            "a@b.com\u0000",
            "a(comment)@example.com",
            "a\\@b@example.com",
            "a@b.com/../../etc/passwd",
            "a@b.com?subject=x",
            "javascript:alert(1)@example.com",
            "a@example.com\u202e"})
    void parse_whenHostile_rejects(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @Test
    void parse_whenEveryCharacterTriedInLocalPartAndDomain_neverThrows() {
        // every code point up to U+3000 (Latin, Greek, Cyrillic, combining marks, punctuation, controls,
        // bidi), then a sample across the rest of Unicode
        for (int cp = 0; cp < Character.MAX_CODE_POINT; cp += cp < 0x3000 ? 1 : 97) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String ch = Character.toString(cp);
            EmailAddress.parse("a" + ch + "b@example.com")
                    .ifPresent(e -> assertThat(EmailAddress.parse(e.value())).contains(e));
            EmailAddress.parse("a@ex" + ch + "b.com")
                    .ifPresent(e -> assertThat(EmailAddress.parse(e.value())).contains(e));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "p\u0430ypal@example.com",        // Cyrillic а in a Latin local part
            "admin@ex\u0430mple.com",          // Cyrillic а in a Latin domain label
            "admin@xn--exmple-4nf.com",        // the same label, already in punycode
            "\u03bfmega@example.com",          // Greek ο next to Latin letters
            "\uff41\uff44\uff4d\uff49\uff4e@example.com", // fullwidth letters
            "\ufb01nance@example.com"})        // the ﬁ ligature
    void parse_whenConfusable_rejects(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
            "\u5c71\u7530\u305f\u308d\u3046@example.jp", "j\u00f6rg@b\u00fccher.example"})
    void parse_whenOneScriptOrOneLanguagesScripts_accepts(String raw) {
        assertThat(EmailAddress.parse(raw)).isPresent();
    }

    @Test
    void constructor_whenNormalised_accepts() {
        assertThat(new EmailAddress("j\u00f6rg@xn--bcher-kva.example").value()).isEqualTo("j\u00f6rg@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Lead@example.com", "lead@EXAMPLE.com", " lead@example.com", "lead@example.com ",
            "jo\u0308rg@example.com", "j\u00f6rg@b\u00fccher.example", "not-an-address", ""})
    void constructor_whenNotNormalised_throws(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress(value));
    }

    @Test
    void constructor_whenNull_throws() {
        assertThatThrownBy(() -> new EmailAddress(null))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
    }

    @Test
    void toString_whenCalled_redactsTheAddress() {
        EmailAddress email = EmailAddress.parse("secret.person@example.com").orElseThrow();
        assertThat(email.toString()).doesNotContain("secret").doesNotContain("example").doesNotContain("@")
                .isEqualTo("EmailAddress[redacted]");
    }
}
