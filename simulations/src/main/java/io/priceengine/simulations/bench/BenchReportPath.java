package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;

/**
 * Where benchmark reports go by default: {@code target/bench/} of the simulations module, found
 * from where the benchmark classes were loaded so that the working directory does not matter.
 */
final class BenchReportPath {

  private BenchReportPath() {}

  static Path defaultFor(String fileName) {
    return moduleTarget().resolve("bench").resolve(fileName);
  }

  /** Writes a harness's report as JSON to {@code output}, creating its directory. */
  static void write(Path output, Map<String, Object> report) throws IOException {
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, Json.write(report));
  }

  private static Path moduleTarget() {
    CodeSource source = BenchReportPath.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      try {
        // target/classes (a directory) or target/simulations-*.jar: either way the parent is target
        Path loadedFrom = Path.of(source.getLocation().toURI());
        Path parent = loadedFrom.getParent();
        if (parent != null && parent.getFileName().toString().equals("target")) return parent;
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a file location: fall through to the working directory
      }
    }
    Path fromRepoRoot = Path.of("simulations", "target");
    return Files.isDirectory(Path.of("simulations")) ? fromRepoRoot : Path.of("target");
  }
}
