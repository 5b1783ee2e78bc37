package io.mcpgateway.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The review page in a real headless Chromium: a real MCP client calls a tool that needs
 * approval; the reviewer signs in, sees the request appear without reloading, opens it and
 * decides; the held call returns. Saves the screenshots of the list and detail views to
 * {@code target/screenshots/}; {@code -Dgateway.screenshots=../docs/screenshots} refreshes the
 * README's copies.
 *
 * <p>Uses the system's {@code chromium} and {@code chromedriver}. Without them the test skips,
 * unless {@code gateway.require.browser=true} (CI), where their absence fails.
 */
@Timeout(180)
class ApprovalsBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("gateway.screenshots", "target/screenshots"))
            .toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DemoFixture fixture;
    private static Gateway gateway;
    private static GatewayServer server;
    private static ApprovalHarness harness;
    private static Path profile;
    private static WebDriver browser;
    private static String alice;
    private static String bob;
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is not installed: "
                    + "apt-get install -y chromium chromium-driver";
            if (Boolean.getBoolean("gateway.require.browser")) {
                fail(why + " (required: gateway.require.browser=true)");
            }
            Assumptions.abort(why + "; skipping the browser test");
        }
        fixture = DemoFixture.create().withApprovalWait("45s");
        gateway = fixture.gateway();
        server = GatewayServer.start(gateway, "127.0.0.1", 0);
        harness = new ApprovalHarness(server);
        alice = gateway.issuer().mint("alice@example.com", "alice@example.com", Set.of("support", "engineering"),
                Duration.ofMinutes(30));
        bob = gateway.issuer().mint("bob@example.com", "bob@example.com", Set.of("dba"), Duration.ofMinutes(30));

        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // this machine's closed network refuses Chromium's background connections: switch them off
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        signIn();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        THREADS.shutdownNow();
        if (server != null) {
            server.close();
            gateway.close();
            fixture.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static void signIn() {
        browser.get(server.approvalsUrl());
        assertEquals("Sign in to review approvals", browser.findElement(By.tagName("h1")).getText());
        browser.findElement(By.id("token")).sendKeys(bob);
        browser.findElement(By.cssSelector("form[action='/approvals/sign-in'] button")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Approval requests"));
    }

    /** Opens the pending list and waits until its live stream is connected. */
    private static void openLiveList() {
        browser.get(server.approvalsUrl());
        waiting().until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
    }

    private static CompletableFuture<McpSchema.CallToolResult> call(String tool, Map<String, Object> args) {
        return CompletableFuture.supplyAsync(() -> {
            try (var client = harness.client(alice, p -> { })) {
                return client.callTool(new McpSchema.CallToolRequest(tool, args));
            }
        }, THREADS);
    }

    /** Waits for the request's row to appear in the open list, without the page reloading. */
    private static WebElement rowAppears(String tool) {
        WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tbody[@id='rows']/tr[td[3][starts-with(normalize-space(.), '" + tool + "')]]")));
        assertEquals(true, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"),
                "the request appeared through the live stream, not a reload");
        return row;
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return JSON.convertValue(r.structuredContent(), new TypeReference<>() {
        });
    }

    @Test
    void reviewerApprovesAHeldCallAndTheCallReturnsItsResult() throws Exception {
        openLiveList();
        CompletableFuture<McpSchema.CallToolResult> held = call("update_order_status",
                Map.of("order_id", 4, "status", "shipped"));
        WebElement row = rowAppears("update_order_status");
        assertEquals("Your review", row.findElement(By.cssSelector(".turn")).getText());
        screenshot("approvals-list.png");

        row.findElement(By.cssSelector("td.id a")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.statement")));
        // exactly as the runbook wrote it (its block scalar ends with a newline), then the bound values
        assertEquals("UPDATE orders\nSET status = ?, updated_at = CURRENT_TIMESTAMP\nWHERE id = ?\n-- binds: [shipped, 4]",
                browser.findElement(By.cssSelector("pre.statement")).getText());
        browser.findElement(By.id("comment")).sendKeys("Customer confirmed the delivery address.");
        browser.manage().window().setSize(new Dimension(1280, 1280));
        screenshot("approvals-detail.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.findElement(By.cssSelector("button.approve")).click();

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.success"),
                "You approved this request."));
        McpSchema.CallToolResult result = held.get(30, TimeUnit.SECONDS);
        assertFalse(result.isError(), result.toString());
        assertEquals(1, ((Number) structured(result).get("affectedRows")).intValue());
    }

    @Test
    void reviewerDeniesWithTheKeyboardAndTheReasonReachesTheClient() throws Exception {
        openLiveList();
        CompletableFuture<McpSchema.CallToolResult> held = call("purge_cancelled_orders",
                Map.of("before", "2021-01-01"));
        rowAppears("purge_cancelled_orders");

        Actions keys = new Actions(browser);
        keys.sendKeys("j").sendKeys(Keys.ENTER).perform();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("comment")));
        assertEquals("purge_cancelled_orders", browser.findElement(By.cssSelector("h1 code")).getText());

        // c: to the comment; Tab, Tab: past Approve to Deny. A denial without a reason is stopped
        // in the page before anything is sent, and the focus returns to the comment.
        keys.sendKeys("c").perform();
        assertEquals("comment", browser.switchTo().activeElement().getAttribute("id"));
        keys.sendKeys(Keys.TAB).sendKeys(Keys.TAB).perform();
        assertEquals("Deny", browser.switchTo().activeElement().getText());
        keys.sendKeys(Keys.ENTER).perform();
        assertEquals("A denial needs a reason: the requester and the agent see it.",
                browser.findElement(By.id("comment-hint")).getText());
        assertEquals("comment", browser.switchTo().activeElement().getAttribute("id"));

        keys.sendKeys("Purges wait for the quarter close.").sendKeys(Keys.TAB).sendKeys(Keys.TAB)
                .sendKeys(Keys.ENTER).perform();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.success"),
                "You denied this request"));

        McpSchema.CallToolResult result = held.get(30, TimeUnit.SECONDS);
        assertEquals(true, result.isError());
        Map<String, Object> s = structured(result);
        assertEquals("denied_by_reviewer", s.get("outcome"));
        assertEquals(List.of("bob@example.com denied this call (approval request " + s.get("approvalId") + "): Purges "
                + "wait for the quarter close. Nothing ran; do not retry the same call, change what the reviewer "
                + "objected to."), List.of(s.get("message")));
    }
}
