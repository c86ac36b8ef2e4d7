package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

  private static final List<Options.Option> KNOWN =
      List.of(
          new Options.Option("baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine URL"),
          new Options.Option("token", "TOKEN_VARIABLE", null, "ingest token"),
          new Options.Option("count", "BENCH_COUNT", "10", "how many"),
          new Options.Option("output", null, null, "report"));

  private static Options parse(Map<String, String> environment, String... args) {
    return Options.parse("Test", KNOWN, args, environment);
  }

  @Test
  void argumentsWinOverTheEnvironmentWhichWinsOverDefaults() {
    Options options = parse(Map.of("BENCH_COUNT", "20", "TOKEN_VARIABLE", "env"), "--count=30");
    assertEquals(30, options.wholeNumber("count", 1, 100));
    assertEquals("env", options.required("token"));
    assertEquals(URI.create("http://127.0.0.1:8080"), options.httpUrl("baseUrl"));
    assertEquals(20, parse(Map.of("BENCH_COUNT", "20")).wholeNumber("count", 1, 100));
    assertEquals(10, parse(Map.of()).wholeNumber("count", 1, 100));
  }

  @Test
  void stripsTrailingSlashesAndRefusesWhatIsNotAnHttpUrl() {
    assertEquals(
        URI.create("http://localhost:9000"),
        parse(Map.of(), "--baseUrl=http://localhost:9000//").httpUrl("baseUrl"));
    assertThrows(
        IllegalArgumentException.class,
        () -> parse(Map.of(), "--baseUrl=ftp://x").httpUrl("baseUrl"));
  }

  @Test
  void namesTheOptionThatIsMissingOrMalformed() {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of()).required("token"));
    assertTrue(missing.getMessage().contains("TOKEN_VARIABLE"), missing.getMessage());
    IllegalArgumentException notANumber =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of(), "--count=ten").wholeNumber("count", 1, 100));
    assertTrue(notANumber.getMessage().startsWith("count"), notANumber.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> parse(Map.of(), "--count=0").wholeNumber("count", 1, 100));
  }

  @Test
  void refusesUnknownOrBadlyFormedArguments() {
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--nope=1"));
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "count=1"));
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--count"));
  }

  @Test
  void blankIsUnsetAndReportsGoToTheBenchDirectoryByDefault() {
    Options options = parse(Map.of("TOKEN_VARIABLE", "  "));
    assertNull(options.text("token"));
    assertEquals(Path.of("x.json"), options.reportPath("output", "x.json").getFileName());
    assertEquals(
        Path.of("/tmp/r.json"), parse(Map.of(), "--output=/tmp/r.json").reportPath("output", "x"));
  }

  @Test
  void usageListsEveryOptionWithItsVariableAndDefault() {
    String usage = parse(Map.of()).usage();
    assertTrue(usage.contains("--count"), usage);
    assertTrue(usage.contains("BENCH_COUNT"), usage);
    assertTrue(usage.contains("[10]"), usage);
  }
}
