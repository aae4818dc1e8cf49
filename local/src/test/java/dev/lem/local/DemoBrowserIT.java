package dev.lem.local;

import static dev.lem.local.LemUpClient.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.LeadId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser (headless Chromium driven by Debian's chromedriver): open /demo, submit the
 * embedded form, see the thank-you page, find the welcome email in the outbox and open it (its pixel loads),
 * click its link (through /t/c back to /demo, where lem.js runs), then sign in to /admin and see the lead's
 * activity and score, and the reports dashboard's non-zero funnel. Screenshots of every step go to {@code target/browser-e2e/}. Without Chromium or
 * chromedriver the test is skipped, saying what to install.
 */
class DemoBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("lem.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("lem.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "browser-e2e");
    /** A desktop browser's user agent: HeadlessChrome's own is (rightly) counted as an automated fetch. */
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private RunningLem lem;
    private WebDriver browser;
    private WebDriverWait waitFor;

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: no headless browser here (need " + CHROMIUM + " and " + CHROMEDRIVER
                        + "; install them with: apt-get install chromium chromium-driver — .ci/run does)");
        lem = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(work).withOut(quiet()));
        new LemUpClient(lem).allowInstantSubmissions();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--user-agent=" + USER_AGENT, "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        waitFor = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (lem != null) {
            lem.close();
        }
    }

    @Test
    void demo_whenAVisitorSubmitsOpensAndClicks_theAdminShowsTheLeadsActivityAndScore() throws Exception {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        browser.get(lem.baseUrl() + "/demo");
        waitFor.until(ExpectedConditions.attributeToBe(By.id("lem-form"), "data-lem-ready", "true"));
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("name")).sendKeys("Barbara");
        browser.findElement(By.name("company")).sendKeys("Liskov Labs");
        browser.findElement(By.name("consent_email")).click();
        screenshot("01-demo-form");
        browser.findElement(By.cssSelector("#lem-form button[type=submit]")).click();

        waitFor.until(ExpectedConditions.urlToBe(lem.baseUrl() + "/thanks"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you!");
        screenshot("02-thank-you");

        browser.get(lem.baseUrl() + "/outbox");
        WebElement subject = waitFor.until(driver -> {
            driver.navigate().refresh();
            List<WebElement> rows = driver.findElements(By.xpath("//tr[td[text()='" + email + "']]//a"));
            return rows.isEmpty() ? null : rows.getFirst();
        });
        assertThat(subject.getText()).startsWith("Welcome, Barbara");
        subject.click();
        WebElement frame = waitFor.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[title=Email]")));
        screenshot("03-welcome-email");

        browser.switchTo().frame(frame);
        waitFor.until(ExpectedConditions.elementToBeClickable(By.linkText("Take the tour"))).click();
        browser.switchTo().defaultContent();
        waitFor.until(ExpectedConditions.urlContains("/demo"));
        // lem.js takes the signed lead token out of the address bar once it has read it
        waitFor.until(driver -> !driver.getCurrentUrl().contains("lem_lt="));
        screenshot("04-demo-after-click");

        browser.get(lem.baseUrl() + "/admin");
        browser.findElement(By.id("token")).sendKeys(lem.adminToken());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor.until(ExpectedConditions.presenceOfElementLocated(By.id("leads")));
        screenshot("05-admin-leads");
        browser.findElement(By.linkText(email)).click();

        String leadUrl = browser.getCurrentUrl();
        String leadId = leadUrl.substring(leadUrl.lastIndexOf('/') + 1);
        // activity arrives through the queue (leaving /demo also sends its time on page): wait until the page
        // shows every step and the score the store holds
        waitFor.until(driver -> {
            driver.navigate().refresh();
            String text = driver.findElement(By.tagName("main")).getText();
            int stored = lem.leads().find(new LeadId(leadId)).orElseThrow().score();
            return text.contains("email.open") && text.contains("email.click") && text.contains("page.view")
                    && driver.findElement(By.id("score")).getText().equals(Integer.toString(stored));
        });
        String timeline = browser.findElement(By.id("activity")).getText();
        assertThat(timeline).contains("form.submitted", "email.open", "email.click", "page.view")
                .doesNotContain("automated");
        assertThat(Integer.parseInt(browser.findElement(By.id("score")).getText())).isPositive();
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Welcome, Barbara");
        screenshot("06-admin-lead");

        // the reports dashboard, signed in by the same admin session: the capture reaches the funnel through the bus,
        // the reporting queue and the reporting function
        browser.get(lem.baseUrl() + "/admin");
        browser.findElement(By.linkText("Reports")).click();
        waitFor.until(driver -> {
            driver.navigate().refresh();
            String newLeads = driver.findElement(By.id("funnel-new-leads")).getText();
            String journeys = driver.findElement(By.id("journeys-table")).getText();
            return newLeads.matches("[1-9][0-9]*") && journeys.contains("welcome");
        });
        assertThat(browser.findElements(By.cssSelector("#funnel-chart rect"))).hasSize(5);
        assertThat(browser.findElements(By.cssSelector("#funnel-chart rect")))
                .as("the new lead entered a stage").anySatisfy(bar -> assertThat(bar.getAttribute("data-value")).isNotEqualTo("0"));
        waitFor.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cost-status"), "per lead"));
        assertThat(browser.findElement(By.id("cost-status")).getText()).as("the demo's lead was priced").doesNotContain("per lead –");
        assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
        screenshot("07-reports-dashboard");
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
