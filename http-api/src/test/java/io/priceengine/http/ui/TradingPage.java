package io.priceengine.http.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The trading page as the browser tests see it: rows, chart and connection state. */
final class TradingPage {
  static final Duration SOON = Duration.ofSeconds(15);

  private final HeadlessChromium chromium;
  private final WebDriver driver;

  TradingPage(HeadlessChromium chromium) {
    this.chromium = chromium;
    this.driver = chromium.driver();
  }

  /** The page as a first-time visitor sees it (no watchlist stored), once connected. */
  void open(String baseUrl) {
    chromium.clearStorage(baseUrl);
    driver.get(baseUrl + "/");
    waitFor("connected", d -> "connected".equals(connection()));
  }

  /**
   * Pushes a tick over HTTP and waits for the table to show it; returns the milliseconds from
   * sending the tick to the cell's text changing, timed in the page.
   */
  long pushAndAwait(ApiClient api, String symbol, String price, Duration timeout) {
    chromium.script(
        "const [symbol, expected] = arguments; window.shownAt = null;"
            + "const cell = document.querySelector(`tr[data-symbol=\"${symbol}\"] .price`);"
            + "new MutationObserver((changes, observer) => {"
            + "  if (cell.textContent === expected) {"
            + "    window.shownAt = performance.timeOrigin + performance.now();"
            + "    observer.disconnect();"
            + "  }"
            + "}).observe(cell, {childList: true, characterData: true, subtree: true});",
        symbol,
        price);
    long sentAt = System.currentTimeMillis();
    ApiClient.Response response =
        api.post(
            "/api/v1/market-data/ticks",
            TestEngine.INGEST_TOKEN,
            "{\"symbol\":\"%s\",\"price\":%s,\"volume\":1,\"previousClose\":%s}"
                .formatted(symbol, price, symbol.equals("AAPL") ? "189.25" : price));
    assertEquals(1, response.json().path("accepted").asInt(), response.body());
    Number shownAt =
        new WebDriverWait(driver, timeout, Duration.ofMillis(20))
            .until(d -> (Number) chromium.script("return window.shownAt"));
    return Math.max(0, Math.round(shownAt.doubleValue()) - sentAt);
  }

  /** Canvas pixels in the candle colours (green or red). */
  long paintedCandlePixels() {
    Number painted =
        (Number)
            chromium.script(
                "const canvas = document.getElementById('chart');"
                    + "const data = canvas.getContext('2d')"
                    + "  .getImageData(0, 0, canvas.width, canvas.height).data;"
                    + "let n = 0;"
                    + "for (let i = 0; i < data.length; i += 4) {"
                    + "  const [r, g, b] = [data[i], data[i + 1], data[i + 2]];"
                    + "  if ((g > 150 && r < 100) || (r > 200 && g < 130)) n++;"
                    + "}"
                    + "return n;");
    return painted.longValue();
  }

  String storedWatchlist() {
    return String.valueOf(chromium.script("return localStorage.getItem('price-engine.watchlist')"));
  }

  Path screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, chromium.driver().getScreenshotAs(OutputType.BYTES));
    return file;
  }

  WebElement row(String symbol) {
    return driver.findElement(By.cssSelector("tr[data-symbol='" + symbol + "']"));
  }

  List<String> rowSymbols() {
    return driver.findElements(By.cssSelector("#watchlist tbody tr")).stream()
        .map(tr -> tr.getAttribute("data-symbol"))
        .toList();
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** connecting, connected, reconnecting, offline or unauthorized. */
  String connection() {
    return String.valueOf(chromium.script("return document.body.dataset.connection"));
  }

  void waitFor(String what, Function<WebDriver, Boolean> condition) {
    waitFor(what, SOON, condition);
  }

  void waitFor(String what, Duration timeout, Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, timeout, Duration.ofMillis(50))
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(condition::apply);
  }
}
