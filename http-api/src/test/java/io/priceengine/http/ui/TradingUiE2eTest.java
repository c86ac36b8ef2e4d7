package io.priceengine.http.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

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
  private static final Duration SOON = Duration.ofSeconds(15);
  private static final Path SCREENSHOTS = Path.of("target/e2e");

  private static int port;
  private static TestEngine engine;
  private static HeadlessChromium chromium;
  private static WebDriver driver;
  private static SeededMarket market;

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
    Files.createDirectories(SCREENSHOTS);
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
    openFresh();
    assertEquals(DEFAULT_SYMBOLS, rowSymbols());
    assertEquals("AAPL", rowSymbols().get(0));
    waitFor("AAPL priced", d -> !text("tr[data-symbol='AAPL'] .price").equals("—"));
    assertEquals("Apple Inc.", text("tr[data-symbol='AAPL'] .col-company"));
    assertEquals("push", text("tr[data-symbol='AAPL'] .col-provider"));
    assertTrue(text("tr[data-symbol='AAPL'] .change").endsWith("%"));
    assertTrue(driver.findElement(By.cssSelector("tr[data-symbol='AAPL'] .badge")).getAttribute("hidden") != null,
        "a fresh quote has no stale badge");
    // Every control has an accessible name; the chart describes itself.
    for (WebElement button : driver.findElements(By.tagName("button"))) {
      String label = button.getAttribute("aria-label");
      String name = label != null ? label : button.getDomProperty("textContent");
      assertFalse(name == null || name.isBlank(), "a button without a name: " + button);
    }
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : chromium.console()) {
      if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    assertEquals(List.of(), errors, "console errors (a CSP violation, a script error)");
  }

  @Test
  @Order(3)
  void pushedTickAppearsInTheTableWithinOneSecond() {
    openFresh();
    waitFor("AAPL snapshot", d -> row("AAPL").getAttribute("data-history-id") != null);
    // The first push after the page loaded warms the path; the next ones are timed.
    pushAndAwait("AAPL", "190.0101", Duration.ofSeconds(10));
    for (String price : List.of("191.1234", "189.4321", "190.5005")) {
      long millis = pushAndAwait("AAPL", price, Duration.ofSeconds(10));
      System.out.println("push to table: " + millis + " ms");
      assertTrue(millis <= 1000, "tick " + price + " took " + millis + " ms from push to table");
    }
    String change = row("AAPL").findElement(By.cssSelector(".change")).getAttribute("class");
    assertTrue(change.contains("up"), "190.5005 is above the previous close 189.25: " + change);
  }

  @Test
  @Order(4)
  void addingASymbolSubscribesToItAndKeepsItAcrossReloads() {
    openFresh();
    awaitSubscriptions(DEFAULT_SYMBOLS.size());
    WebElement input = driver.findElement(By.id("add-symbol"));
    input.sendKeys("1bad", Keys.ENTER);
    waitFor("rejected input", d -> text("#add-message").contains("not a symbol"));
    input.clear();
    input.sendKeys(" uiadd ", Keys.ENTER);
    waitFor("UIADD row", d -> rowSymbols().contains("UIADD"));
    awaitSubscriptions(DEFAULT_SYMBOLS.size() + 1);
    assertTrue(
        String.valueOf(chromium.script("return localStorage.getItem('price-engine.watchlist')"))
            .contains("\"UIADD\""));
    pushAndAwait("UIADD", "42.4242", SOON);

    driver.navigate().refresh();
    waitFor("connected", d -> "connected".equals(connection()));
    assertEquals("UIADD", rowSymbols().get(rowSymbols().size() - 1));
    waitFor("UIADD snapshot", d -> text("tr[data-symbol='UIADD'] .price").equals("42.4242"));

    // Removing it with the keyboard unsubscribes.
    row("UIADD").findElement(By.cssSelector(".remove")).sendKeys(Keys.ENTER);
    waitFor("UIADD removed", d -> !rowSymbols().contains("UIADD"));
    awaitSubscriptions(DEFAULT_SYMBOLS.size());
    assertFalse(
        String.valueOf(chromium.script("return localStorage.getItem('price-engine.watchlist')"))
            .contains("UIADD"));
  }

  @Test
  @Order(5)
  void candleChartRendersTheSelectedSymbolAndFollowsLiveQuotes() {
    openFresh();
    WebElement chart = driver.findElement(By.id("chart"));
    waitFor("AAPL candles", d -> "AAPL".equals(chart.getAttribute("data-symbol"))
        && Integer.parseInt(chart.getAttribute("data-candles")) >= 60);
    assertTrue(paintedCandlePixels() > 500, "the canvas shows candles");
    assertTrue(chart.getAttribute("aria-label").startsWith("AAPL 1m candle chart"));

    pushAndAwait("AAPL", "190.6543", SOON);
    waitFor("live candle", d -> "190.6543".equals(chart.getAttribute("data-last-close")));

    // Keyboard: down to MSFT, Enter charts it; a 5m interval reloads.
    WebElement aapl = row("AAPL").findElement(By.cssSelector(".symbol"));
    aapl.sendKeys(Keys.ARROW_DOWN);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    waitFor("MSFT chart", d -> "MSFT".equals(chart.getAttribute("data-symbol"))
        && Integer.parseInt(chart.getAttribute("data-candles")) > 0);
    assertEquals("MSFT chart", text("#chart-title"));
    assertEquals("true", row("MSFT").findElement(By.cssSelector(".symbol")).getAttribute("aria-pressed"));
    driver.findElement(By.cssSelector(".intervals [data-interval='5m']")).click();
    waitFor("5m candles", d -> "5m".equals(chart.getAttribute("data-interval"))
        && Integer.parseInt(chart.getAttribute("data-candles")) >= 12);
  }

  @Test
  @Order(6)
  void fitsAPhoneWidthScreen() throws IOException {
    chromium.viewport(390, 844, true);
    try {
      openFresh();
      waitFor("AAPL priced", d -> !text("tr[data-symbol='AAPL'] .price").equals("—"));
      Number scrollWidth = (Number) chromium.script("return document.documentElement.scrollWidth");
      assertTrue(scrollWidth.intValue() <= 390, "no sideways scrolling: " + scrollWidth);
      assertTrue(row("AAPL").findElement(By.cssSelector(".price")).isDisplayed());
      assertFalse(row("AAPL").findElement(By.cssSelector(".col-company")).isDisplayed());
      assertTrue(driver.findElement(By.id("chart")).getSize().getWidth() > 300);
      screenshot("trading-ui-phone.png");
    } finally {
      chromium.viewport(1280, 800, false);
    }
  }

  @Test
  @Order(2)
  void screenshotWithLiveData() throws IOException {
    chromium.viewport(1280, 800, false);
    openFresh();
    WebElement chart = driver.findElement(By.id("chart"));
    waitFor("AAPL candles", d -> Integer.parseInt(chart.getAttribute("data-candles")) >= 60);
    for (int round = 0; round < 6; round++) {
      long historyId = Long.parseLong(row("JPM").getAttribute("data-history-id"));
      market.tickAll(engine.client());
      waitFor("round drawn", d -> Long.parseLong(row("JPM").getAttribute("data-history-id")) > historyId);
    }
    Path shot = screenshot("trading-ui.png");
    String target = System.getProperty("trading-ui.screenshot", "");
    if (!target.isEmpty()) {
      Files.copy(shot, Path.of(target), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  @Order(7)
  void reconnectsAndResubscribesAfterTheEngineRestarts() {
    openFresh();
    waitFor("AAPL snapshot", d -> row("AAPL").getAttribute("data-history-id") != null);
    TestEngine stopped = engine;
    stopped.close();
    waitFor("reconnecting", d -> "reconnecting".equals(connection()));
    assertTrue(text("#connection-text").startsWith("Connection lost: reconnecting"));

    engine = TestEngine.restartOn(stopped, settings());
    new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100))
        .until(d -> "connected".equals(connection()));
    awaitSubscriptions(DEFAULT_SYMBOLS.size());
    pushAndAwait("AAPL", "177.7777", SOON);
  }

  @Test
  @Order(8)
  void takesTheReadTokenFromItsAddressOrAsksForIt() {
    String token = "e2e-read-token";
    try (TestEngine guarded =
        TestEngine.start(
            "trading_ui_e2e_token",
            Map.of("price-engine.http.read-token", token, "price-engine.symbol.ask-timeout", "20s"))) {
      String base = guarded.client().baseUrl();
      chromium.clearStorage(base);
      driver.get(base + "/?token=" + token);
      waitFor("connected with the token of the address", d -> "connected".equals(connection()));
      assertEquals(base + "/", driver.getCurrentUrl(), "the token left the address bar");

      chromium.script("sessionStorage.clear()");
      driver.get(base + "/");
      waitFor("token asked for", d -> "unauthorized".equals(connection()));
      WebElement input = driver.findElement(By.id("token-input"));
      assertTrue(input.isDisplayed());
      assertEquals(input, driver.switchTo().activeElement(), "the token field has the focus");
      input.sendKeys(token, Keys.ENTER);
      waitFor("connected with the typed token", d -> "connected".equals(connection()));
      assertFalse(input.isDisplayed());
      waitUntil(
          SOON,
          "subscribed with the token",
          () ->
              guarded.engine().quoteFeeds().counts().toCompletableFuture().join().subscriptions()
                  == DEFAULT_SYMBOLS.size());
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  /** The page as a first-time visitor sees it: no watchlist stored. */
  private static void openFresh() {
    chromium.clearStorage(engine.client().baseUrl());
    driver.get(engine.client().baseUrl() + "/");
    waitFor("connected", d -> "connected".equals(connection()));
  }

  /** Pushes a tick; returns the milliseconds from sending it to the table showing it. */
  private static long pushAndAwait(String symbol, String price, Duration timeout) {
    chromium.script(
        "const [symbol, expected] = arguments; window.shownAt = null;"
            + "const cell = document.querySelector(`tr[data-symbol=\"${symbol}\"] .price`);"
            + "new MutationObserver((changes, observer) => {"
            + "  if (cell.textContent === expected) {"
            + "    window.shownAt = performance.timeOrigin + performance.now(); observer.disconnect();"
            + "  }"
            + "}).observe(cell, {childList: true, characterData: true, subtree: true});",
        symbol,
        price);
    long sentAt = System.currentTimeMillis();
    ApiClient.Response response =
        engine
            .client()
            .post(
                "/api/v1/market-data/ticks",
                TestEngine.INGEST_TOKEN,
                "{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"volume\":1,\"previousClose\":"
                    + (symbol.equals("AAPL") ? "189.25" : price) + "}");
    assertEquals(1, response.json().path("accepted").asInt(), response.body());
    Number shownAt =
        new WebDriverWait(driver, timeout, Duration.ofMillis(20))
            .until(d -> (Number) chromium.script("return window.shownAt"));
    return Math.max(0, Math.round(shownAt.doubleValue()) - sentAt);
  }

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

  private static long paintedCandlePixels() {
    Number painted =
        (Number)
            chromium.script(
                "const canvas = document.getElementById('chart');"
                    + "const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
                    + "let n = 0;"
                    + "for (let i = 0; i < data.length; i += 4) {"
                    + "  const [r, g, b] = [data[i], data[i + 1], data[i + 2]];"
                    + "  if ((g > 150 && r < 100) || (r > 200 && g < 130)) n++;"
                    + "}"
                    + "return n;");
    return painted.longValue();
  }

  private static Path screenshot(String name) throws IOException {
    Path file = SCREENSHOTS.resolve(name);
    Files.write(file, chromium.driver().getScreenshotAs(OutputType.BYTES));
    return file;
  }

  private static WebElement row(String symbol) {
    return driver.findElement(By.cssSelector("tr[data-symbol='" + symbol + "']"));
  }

  private static List<String> rowSymbols() {
    return driver.findElements(By.cssSelector("#watchlist tbody tr")).stream()
        .map(tr -> tr.getAttribute("data-symbol"))
        .toList();
  }

  private static String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  private static String connection() {
    return String.valueOf(chromium.script("return document.body.dataset.connection"));
  }

  private static void waitFor(String what, Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, SOON, Duration.ofMillis(50))
        .withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition::apply);
  }

  private static void waitUntil(Duration timeout, String what, java.util.function.BooleanSupplier done) {
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

  /**
   * One port for the engine and its restart (the page reconnects to the address it came from);
   * a generous ask timeout, since this test is about the page, on a machine that may be busy.
   */
  private static Map<String, Object> settings() {
    return Map.of("price-engine.http.port", port, "price-engine.symbol.ask-timeout", "20s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
