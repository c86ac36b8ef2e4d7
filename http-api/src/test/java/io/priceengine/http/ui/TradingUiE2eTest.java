package io.priceengine.http.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The trading page in a real headless Chromium against a real engine (embedded PostgreSQL, real
 * HTTP and WebSocket): live quotes, the watchlist, the candle chart and reconnecting after the
 * engine restarts. Runs with {@code mvn -Pe2e verify} (tag "e2e"), as it needs Chromium.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TradingUiE2eTest {
  private static final List<String> DEFAULT_SYMBOLS =
      List.copyOf(SeededMarket.DEFAULT_WATCHLIST.keySet());
  private static final Duration SOON = TradingPage.SOON;
  private static final Path SCREENSHOTS = Path.of("target/e2e");

  private static int port;
  private static TestEngine engine;
  private static HeadlessChromium chromium;
  private static WebDriver driver;
  private static SeededMarket market;
  private static TradingPage page;

  @BeforeAll
  static void start() throws IOException {
    port = freePort();
    engine = TestEngine.start("trading_ui_e2e", settings());
    market = new SeededMarket();
    market.seedHistory(engine.client(), 60);
    // The chart reads candles from the tables the projection writes: wait until it has them.
    waitUntil(
        Duration.ofSeconds(60),
        "projected candles",
        () ->
            engine
                    .client()
                    .get("/api/v1/market-data/prices/AAPL/candles?interval=1m")
                    .json()
                    .path("candles")
                    .size()
                >= 60);
    chromium = HeadlessChromium.start();
    driver = chromium.driver();
    page = new TradingPage(chromium);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
  }

  @Test
  @Order(1)
  void pageLoadsWithTheDefaultWatchlistAndLiveQuotes() {
    page.open(engine.client().baseUrl());
    assertEquals(DEFAULT_SYMBOLS, page.rowSymbols());
    assertEquals("AAPL", page.rowSymbols().get(0));
    page.waitFor("AAPL priced", d -> !page.text("tr[data-symbol='AAPL'] .price").equals("—"));
    assertEquals("Apple Inc.", page.text("tr[data-symbol='AAPL'] .col-company"));
    assertEquals("push", page.text("tr[data-symbol='AAPL'] .col-provider"));
    assertTrue(page.text("tr[data-symbol='AAPL'] .change").endsWith("%"));
    assertFalse(
        page.row("AAPL").findElement(By.cssSelector(".badge")).isDisplayed(),
        "a fresh quote has no stale badge");
    // Every control has an accessible name; the chart describes itself.
    for (WebElement button : driver.findElements(By.tagName("button"))) {
      String label = button.getAttribute("aria-label");
      String name = label != null ? label : button.getDomProperty("textContent");
      assertFalse(name == null || name.isBlank(), "a button without a name: " + button);
    }
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : chromium.console()) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    assertEquals(List.of(), errors, "console errors (a CSP violation, a script error)");
  }

  @Test
  @Order(3)
  void pushedTickAppearsInTheTableWithinOneSecond() {
    page.open(engine.client().baseUrl());
    page.waitFor("AAPL snapshot", d -> page.row("AAPL").getAttribute("data-history-id") != null);
    // The first push after the page loaded warms the path; the next ones are timed.
    page.pushAndAwait(engine.client(), "AAPL", "190.0101", Duration.ofSeconds(10));
    for (String price : List.of("191.1234", "189.4321", "190.5005")) {
      long millis = page.pushAndAwait(engine.client(), "AAPL", price, Duration.ofSeconds(10));
      System.out.println("push to table: " + millis + " ms");
      assertTrue(millis <= 1000, "tick " + price + " took " + millis + " ms from push to table");
    }
    String change = page.row("AAPL").findElement(By.cssSelector(".change")).getAttribute("class");
    assertTrue(change.contains("up"), "190.5005 is above the previous close 189.25: " + change);
  }

  @Test
  @Order(4)
  void addingASymbolSubscribesToItAndKeepsItAcrossReloads() {
    page.open(engine.client().baseUrl());
    awaitSubscriptions(DEFAULT_SYMBOLS.size());
    WebElement input = driver.findElement(By.id("add-symbol"));
    input.sendKeys("1bad", Keys.ENTER);
    page.waitFor("rejected input", d -> page.text("#add-message").contains("not a symbol"));
    input.clear();
    input.sendKeys(" uiadd ", Keys.ENTER);
    page.waitFor("UIADD row", d -> page.rowSymbols().contains("UIADD"));
    awaitSubscriptions(DEFAULT_SYMBOLS.size() + 1);
    assertTrue(page.storedWatchlist().contains("\"UIADD\""));
    page.pushAndAwait(engine.client(), "UIADD", "42.4242", SOON);

    driver.navigate().refresh();
    page.waitFor("connected", d -> "connected".equals(page.connection()));
    assertEquals("UIADD", page.rowSymbols().get(page.rowSymbols().size() - 1));
    page.waitFor(
        "UIADD snapshot", d -> "42.4242".equals(page.text("tr[data-symbol='UIADD'] .price")));

    // Removing it with the keyboard unsubscribes.
    page.row("UIADD").findElement(By.cssSelector(".remove")).sendKeys(Keys.ENTER);
    page.waitFor("UIADD removed", d -> !page.rowSymbols().contains("UIADD"));
    awaitSubscriptions(DEFAULT_SYMBOLS.size());
    assertFalse(page.storedWatchlist().contains("UIADD"));
  }

  @Test
  @Order(5)
  void candleChartRendersTheSelectedSymbolAndFollowsLiveQuotes() {
    page.open(engine.client().baseUrl());
    WebElement chart = driver.findElement(By.id("chart"));
    page.waitFor(
        "AAPL candles",
        d ->
            "AAPL".equals(chart.getAttribute("data-symbol"))
                && Integer.parseInt(chart.getAttribute("data-candles")) >= 60);
    assertTrue(page.paintedCandlePixels() > 500, "the canvas shows candles");
    assertTrue(chart.getAttribute("aria-label").startsWith("AAPL 1m candle chart"));

    page.pushAndAwait(engine.client(), "AAPL", "190.6543", SOON);
    page.waitFor("live candle", d -> "190.6543".equals(chart.getAttribute("data-last-close")));

    // Keyboard: down to MSFT, Enter charts it; a 5m interval reloads.
    WebElement aapl = page.row("AAPL").findElement(By.cssSelector(".symbol"));
    aapl.sendKeys(Keys.ARROW_DOWN);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    page.waitFor(
        "MSFT chart",
        d ->
            "MSFT".equals(chart.getAttribute("data-symbol"))
                && Integer.parseInt(chart.getAttribute("data-candles")) > 0);
    assertEquals("MSFT chart", page.text("#chart-title"));
    assertEquals(
        "true",
        page.row("MSFT").findElement(By.cssSelector(".symbol")).getAttribute("aria-pressed"));
    driver.findElement(By.cssSelector(".intervals [data-interval='5m']")).click();
    page.waitFor(
        "5m candles",
        d ->
            "5m".equals(chart.getAttribute("data-interval"))
                && Integer.parseInt(chart.getAttribute("data-candles")) >= 12);
  }

  @Test
  @Order(6)
  void fitsAPhoneWidthScreen() throws IOException {
    chromium.viewport(390, 844, true);
    try {
      page.open(engine.client().baseUrl());
      page.waitFor("AAPL priced", d -> !page.text("tr[data-symbol='AAPL'] .price").equals("—"));
      Number scrollWidth = (Number) chromium.script("return document.documentElement.scrollWidth");
      assertTrue(scrollWidth.intValue() <= 390, "no sideways scrolling: " + scrollWidth);
      assertTrue(page.row("AAPL").findElement(By.cssSelector(".price")).isDisplayed());
      assertFalse(page.row("AAPL").findElement(By.cssSelector(".col-company")).isDisplayed());
      assertTrue(driver.findElement(By.id("chart")).getSize().getWidth() > 300);
      page.screenshot(SCREENSHOTS.resolve("trading-ui-phone.png"));
    } finally {
      chromium.viewport(1280, 800, false);
    }
  }

  @Test
  @Order(2)
  void screenshotWithLiveData() throws IOException {
    chromium.viewport(1280, 800, false);
    page.open(engine.client().baseUrl());
    WebElement chart = driver.findElement(By.id("chart"));
    page.waitFor("AAPL candles", d -> Integer.parseInt(chart.getAttribute("data-candles")) >= 60);
    for (int round = 0; round < 6; round++) {
      long historyId = Long.parseLong(page.row("JPM").getAttribute("data-history-id"));
      market.tickAll(engine.client());
      page.waitFor(
          "round drawn",
          d -> Long.parseLong(page.row("JPM").getAttribute("data-history-id")) > historyId);
    }
    Path shot = page.screenshot(SCREENSHOTS.resolve("trading-ui.png"));
    String target = System.getProperty("trading-ui.screenshot", "");
    if (!target.isEmpty()) {
      Files.copy(shot, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  @Order(7)
  void reconnectsAndResubscribesAfterTheEngineRestarts() {
    page.open(engine.client().baseUrl());
    page.waitFor("AAPL snapshot", d -> page.row("AAPL").getAttribute("data-history-id") != null);
    TestEngine stopped = engine;
    stopped.close();
    page.waitFor("reconnecting", d -> "reconnecting".equals(page.connection()));
    assertTrue(page.text("#connection-text").startsWith("Connection lost: reconnecting"));

    engine = TestEngine.restartOn(stopped, settings());
    page.waitFor("reconnected", Duration.ofSeconds(60), d -> "connected".equals(page.connection()));
    awaitSubscriptions(DEFAULT_SYMBOLS.size());
    page.pushAndAwait(engine.client(), "AAPL", "177.7777", SOON);
  }

  @Test
  @Order(8)
  void takesTheReadTokenFromItsAddressOrAsksForIt() {
    String token = "e2e-read-token";
    try (TestEngine guarded =
        TestEngine.start(
            "trading_ui_e2e_token",
            Map.of(
                "price-engine.http.read-token", token, "price-engine.symbol.ask-timeout", "20s"))) {
      String base = guarded.client().baseUrl();
      chromium.clearStorage(base);
      driver.get(base + "/?token=" + token);
      page.waitFor("connected, token from the address", d -> "connected".equals(page.connection()));
      assertEquals(base + "/", driver.getCurrentUrl(), "the token left the address bar");

      chromium.script("sessionStorage.clear()");
      driver.get(base + "/");
      page.waitFor("token asked for", d -> "unauthorized".equals(page.connection()));
      WebElement input = driver.findElement(By.id("token-input"));
      assertTrue(input.isDisplayed());
      assertEquals(input, driver.switchTo().activeElement(), "the token field has the focus");
      input.sendKeys(token, Keys.ENTER);
      page.waitFor("connected with the typed token", d -> "connected".equals(page.connection()));
      assertFalse(input.isDisplayed());
      waitUntil(
          SOON,
          "subscribed with the token",
          () ->
              guarded.engine().quoteFeeds().counts().toCompletableFuture().join().subscriptions()
                  == DEFAULT_SYMBOLS.size());
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** The engine's live subscriptions equal {@code expected} (old pages' sockets closed). */
  private static void awaitSubscriptions(int expected) {
    Object[] last = {null};
    try {
      waitUntil(
          SOON,
          expected + " subscriptions",
          () -> {
            var counts = engine.engine().quoteFeeds().counts().toCompletableFuture().join();
            last[0] = counts;
            return counts.subscriptions() == expected;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last counts " + last[0], e);
    }
  }

  /**
   * One port for the engine and its restart (the page reconnects to the address it came from); a
   * generous ask timeout, since this test is about the page, on a machine that may be busy.
   */
  private static Map<String, Object> settings() {
    return Map.of("price-engine.http.port", port, "price-engine.symbol.ask-timeout", "20s");
  }

  private static void waitUntil(Duration timeout, String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not reached within " + timeout);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
