package dev.lem.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentityHasherTest {

    /** Bytes 0x00..0x1f. */
    private static final byte[] KEY = key(0);

    private static byte[] key(int first) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }

    private static EmailAddress email(String raw) {
        return EmailAddress.parse(raw).orElseThrow();
    }

    @Test
    void hash_whenKnownKeyAndAddress_matchesHmacSha256Vector() {
        // python3: hmac.new(bytes(range(32)), 'jörg@xn--bcher-kva.example'.encode(), hashlib.sha256).hexdigest()
        assertThat(new IdentityHasher(KEY).hash(email("J\u00f6rg@B\u00fccher.example")))
                .isEqualTo("7741d3f46a1e09b76783240dff6b4b8a5dc1ed1bc57c21a778503840b8a4a053");
        // python3: hmac.new(bytes(range(32)), b'lead@example.com', hashlib.sha256).hexdigest()
        assertThat(new IdentityHasher(KEY).hash(email("lead@example.com")))
                .isEqualTo("949a3b94d359fa22184fb8ee599de79a66f77bda559aaac153123cdfec167634");
    }

    @Test
    void hash_whenComputed_equalsJavaxCryptoHmacOfTheNormalisedUtf8Text() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("j\u00f6rg@xn--bcher-kva.example".getBytes(StandardCharsets.UTF_8)));

        assertThat(new IdentityHasher(KEY).hash(email("jo\u0308rg@b\u00fccher.example"))).isEqualTo(expected);
    }

    @Test
    void hash_whenSameMailboxSpelledDifferently_returnsSameHash() {
        IdentityHasher hasher = new IdentityHasher(KEY);
        String canonical = hasher.hash(email("j\u00f6rg@xn--bcher-kva.example"));

        assertThat(hasher.hash(email("  J\u00d6RG@B\u00dcCHER.EXAMPLE "))).isEqualTo(canonical);
        assertThat(hasher.hash(email("jo\u0308rg@bu\u0308cher.example"))).isEqualTo(canonical);
        assertThat(hasher.hash(email("J\u00f6rg@xn--bcher-kva.Example"))).isEqualTo(canonical);
    }

    @Test
    void hash_whenDifferentMailbox_returnsDifferentHash() {
        IdentityHasher hasher = new IdentityHasher(KEY);
        assertThat(hasher.hash(email("lead@example.com"))).isNotEqualTo(hasher.hash(email("lead2@example.com")));
    }

    @Test
    void hash_whenDifferentKey_returnsDifferentHash() {
        EmailAddress email = email("lead@example.com");
        assertThat(new IdentityHasher(key(1)).hash(email)).isNotEqualTo(new IdentityHasher(KEY).hash(email));
    }

    @Test
    void hash_whenComputed_isLowerCaseHexOf32Bytes() {
        assertThat(new IdentityHasher(KEY).hash(email("lead@example.com"))).matches("[0-9a-f]{64}");
    }

    @Test
    void hash_whenCallerMutatesKeyArrayAfterConstruction_isUnaffected() {
        byte[] key = key(0);
        IdentityHasher hasher = new IdentityHasher(key);
        String before = hasher.hash(email("lead@example.com"));
        Arrays.fill(key, (byte) 0);

        assertThat(hasher.hash(email("lead@example.com"))).isEqualTo(before);
    }

    @Test
    void constructor_whenKeyShorterThan32Bytes_throws() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentityHasher(new byte[31]))
                .withMessageContaining("32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentityHasher(new byte[0]));
    }

    @Test
    void constructor_whenKeyIs32BytesOrLonger_accepts() {
        assertThat(new IdentityHasher(new byte[32]).hash(email("lead@example.com"))).hasSize(64);
        assertThat(new IdentityHasher(new byte[64]).hash(email("lead@example.com"))).hasSize(64);
    }
}
