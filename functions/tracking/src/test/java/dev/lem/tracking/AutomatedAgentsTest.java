package dev.lem.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AutomatedAgentsTest {

    private final AutomatedAgents agents = AutomatedAgents.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0|apple-mpp",
            "  mozilla/5.0 |apple-mpp",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)|gmail-proxy",
            "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html|yahoo-proxy",
            "Mozilla/4.0 (compatible; ms-office; MSOffice 16)|outlook-prefetch",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)|bot",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)|bot",
            "curl/8.5.0|bot",
            "python-requests/2.31.0|bot",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36|bot",
            "Barracuda Sentinel (EE)|link-scanner"})
    void reasonFor_whenUserAgentIsAProxyScannerOrBot_namesTheMarkersReason(String userAgent, String reason) {
        assertThat(agents.reasonFor(userAgent)).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 Thunderbird/125.0",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"})
    void reasonFor_whenUserAgentIsAPersonsMailClientOrBrowser_isEmpty(String userAgent) {
        assertThat(agents.reasonFor(userAgent)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void reasonFor_whenUserAgentMissingOrBlank_isNoUserAgent(String userAgent) {
        assertThat(agents.reasonFor(userAgent)).contains(AutomatedAgents.NO_USER_AGENT);
    }

    @Test
    void builtIn_whenLoaded_hasTheDocumentedProxiesAmongItsMarkers() {
        assertThat(agents.markers()).extracting(AutomatedAgents.Marker::reason)
                .contains("apple-mpp", "gmail-proxy", "yahoo-proxy", "outlook-prefetch", "link-scanner", "bot");
    }

    @Test
    void parse_whenTokenHasSpaces_keepsTheRestOfTheLineAndSkipsComments() {
        List<AutomatedAgents.Marker> markers = AutomatedAgents.parse(List.of(
                "# comment", "", "outlook-prefetch contains Microsoft Outlook"));

        assertThat(markers).containsExactly(
                new AutomatedAgents.Marker("outlook-prefetch", AutomatedAgents.Match.CONTAINS, "microsoft outlook"));
        assertThat(new AutomatedAgents(markers).reasonFor("Microsoft Outlook 16.0.1")).isEqualTo(Optional.of("outlook-prefetch"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bot contains|line 1: expected <reason> <match> <token>",
            "bot startswith Foo|line 1: match must be equals or contains"})
    void parse_whenLineIsNotAMarker_throwsNamingTheLine(String line, String message) {
        assertThatThrownBy(() -> AutomatedAgents.parse(List.of(line)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void parse_whenReasonIsNotLowerCaseWords_isRefused() {
        assertThatThrownBy(() -> AutomatedAgents.parse(List.of("Bad_Reason contains x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
