package io.priceengine.http.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trading page's files over real HTTP: types, caching, revalidation, and that serving them
 * leaves the API's routes and its 404/405 error bodies as they were. The engine has a read token,
 * which the page itself must not need.
 */
class TradingUiRoutesTest {
  private static final String READ_TOKEN = "ui-read-token";
  private static final Path UI_FOLDER = Path.of("src/main/resources/web/ui");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestEngine engine;
  private static String base;

  @BeforeAll
  static void start() {
    engine =
        TestEngine.start("trading_ui_routes", Map.of("price-engine.http.read-token", READ_TOKEN));
    base = engine.client().baseUrl();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void servesThePageAtRootWithoutAReadToken() throws Exception {
    HttpResponse<String> page = get("/", Map.of());
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=UTF-8", header(page, "Content-Type"));
    assertEquals("no-cache", header(page, "Cache-Control"));
    assertEquals("nosniff", header(page, "X-Content-Type-Options"));
    assertEquals("no-referrer", header(page, "Referrer-Policy"));
    assertTrue(header(page, "Content-Security-Policy").contains("script-src 'self'"));
    assertTrue(header(page, "ETag").startsWith("\""), header(page, "ETag"));
    assertTrue(page.body().contains("<script type=\"module\" src=\"/ui/main.js\">"));
    // The API itself still wants the token.
    assertEquals(401, get("/api/v1/market-data/prices/AAPL", Map.of()).statusCode());
  }

  @Test
  void revalidationWithTheEtagIsNotModified() throws Exception {
    for (String path : new String[] {"/", "/ui/main.js"}) {
      String etag = header(get(path, Map.of()), "ETag");
      HttpResponse<String> again = get(path, Map.of("If-None-Match", etag));
      assertEquals(304, again.statusCode(), path);
      assertEquals("", again.body());
      assertEquals(200, get(path, Map.of("If-None-Match", "\"other\"")).statusCode(), path);
    }
  }

  @Test
  void servesEveryFileOfTheUiFolderWithItsContentType() throws Exception {
    Set<String> onDisk;
    try (Stream<Path> files = Files.list(UI_FOLDER)) {
      onDisk = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }
    assertEquals(onDisk, Set.copyOf(UiAssets.FILES), "UiAssets.FILES must list web/ui/");
    Map<String, String> types =
        Map.of(
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml");
    for (String name : onDisk) {
      HttpResponse<byte[]> file =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/ui/" + name)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, file.statusCode(), name);
      String extension = name.substring(name.lastIndexOf('.') + 1);
      assertEquals(
          types.get(extension), file.headers().firstValue("Content-Type").orElse(""), name);
      assertEquals("no-cache", file.headers().firstValue("Cache-Control").orElse(""), name);
      assertArrayEquals(Files.readAllBytes(UI_FOLDER.resolve(name)), file.body(), name);
    }
  }

  @Test
  void unknownPathsKeepTheApiNotFoundBody() throws Exception {
    for (String path :
        new String[] {
          "/ui/nope.js",
          "/ui/",
          "/ui",
          "/ui/..%2Fpom.xml",
          "/index.html",
          "/ui/main.js/x",
          "/nothing-here",
          "/api/v1/nothing-here"
        }) {
      HttpResponse<String> response = get(path, Map.of("Authorization", "Bearer " + READ_TOKEN));
      assertEquals(404, response.statusCode(), path);
      assertError(response, "invalid_request");
    }
    // A POST to an unknown path stays a 404 (the page's GET-only routes add no 405 to it) ...
    HttpResponse<String> post = post("/api/v1/nothing-here");
    assertEquals(404, post.statusCode());
    assertError(post, "invalid_request");
    // ... and one to the page is a 405 with the API's body.
    HttpResponse<String> postPage = post("/");
    assertEquals(405, postPage.statusCode());
    assertError(postPage, "invalid_request");
  }

  @Test
  void theApiStillAnswersBesideThePage() throws Exception {
    assertEquals(200, get("/health/live", Map.of()).statusCode());
    HttpResponse<String> symbols =
        get("/api/v1/symbols", Map.of("Authorization", "Bearer " + READ_TOKEN));
    assertEquals(200, symbols.statusCode());
    assertTrue(MAPPER.readTree(symbols.body()).has("symbols"));
  }

  private static void assertError(HttpResponse<String> response, String code) throws IOException {
    assertEquals("application/json", header(response, "Content-Type"));
    JsonNode body = MAPPER.readTree(response.body());
    assertEquals(code, body.path("error").path("code").asText(), response.body());
    assertTrue(body.path("error").has("message"), response.body());
  }

  private static HttpResponse<String> get(String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TestEngine.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }
}
