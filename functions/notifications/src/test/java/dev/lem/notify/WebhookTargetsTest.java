package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    @ParameterizedTest(name = "{0} internal={1}")
    @CsvSource({
            "127.0.0.1, true", "127.8.9.10, true", "10.1.2.3, true", "172.16.0.1, true", "172.31.255.255, true",
            "192.168.1.1, true", "169.254.169.254, true", "0.0.0.0, true", "100.64.0.1, true", "100.127.255.254, true",
            "224.0.0.1, true", "255.255.255.255, true", "192.0.0.8, true", "198.18.0.1, true",
            "::1, true", "::, true", "fe80::1, true", "fc00::1, true", "fd12:3456::1, true", "::ffff:10.0.0.1, true",
            "::ffff:169.254.169.254, true", "ff02::1, true",
            "93.184.216.34, false", "8.8.8.8, false", "172.32.0.1, false", "100.128.0.1, false", "2606:4700::1111, false",
            "::ffff:8.8.8.8, false"})
    void isInternal_table(String address, boolean internal) throws UnknownHostException {
        assertThat(WebhookTargets.isInternal(InetAddress.getByName(address))).isEqualTo(internal);
    }

    @Test
    void check_whenAnyResolvedAddressIsInternal_refusesForGood() {
        WebhookTargets targets = new WebhookTargets(Map.of(), host -> List.of(InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.0.0.5")));

        assertThatThrownBy(() -> targets.check(URI.create("https://rebind.example.com/hook")))
                .isInstanceOfSatisfying(SendFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("webhook-target-refused");
                });
    }

    @Test
    void check_whenHostDoesNotResolve_failsRetryably() {
        WebhookTargets targets = new WebhookTargets(Map.of(), host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> targets.check(URI.create("https://gone.example.com/hook")))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void check_whenAllAddressesPublic_passes() {
        new WebhookTargets(Map.of(), host -> List.of(InetAddress.getByName("93.184.216.34")))
                .check(URI.create("https://crm.example.com/hook"));
    }

    @Test
    void parse_whenWellFormed_readsNamesAndHttpsUrls() {
        assertThat(WebhookTargets.parse(" crm=https://crm.example.com/hooks/lem , slack=https://hooks.slack.com/services/T/B/x "))
                .containsExactly(Map.entry("crm", URI.create("https://crm.example.com/hooks/lem")),
                        Map.entry("slack", URI.create("https://hooks.slack.com/services/T/B/x")));
        assertThat(WebhookTargets.parse("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm", "crm=http://crm.example.com/", "CRM=https://crm.example.com/", "crm=https://u:p@crm.example.com/",
            "crm=ftp://x", "crm=https:// bad"})
    void parse_whenMalformed_refuses(String text) {
        assertThatThrownBy(() -> WebhookTargets.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
