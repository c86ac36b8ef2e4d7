package io.priceengine.simulations.bench;

import java.util.Arrays;
import java.util.List;

/** The start of every harness main: the common pool fix, {@code --help} and option errors. */
final class BenchMain {

  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private BenchMain() {}

  /**
   * The options of {@code program}; prints the usage and exits (0 for {@code --help}, 2 for a bad
   * option) instead of returning when there is nothing to run.
   */
  static Options options(String program, List<Options.Option> known, String[] args) {
    // With 2 cores the common pool would start a thread per async stage (docs/architecture.md).
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(Options.parse(program, known, new String[0], System.getenv()).usage());
      System.exit(0);
    }
    try {
      return Options.parse(program, known, args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(Options.parse(program, known, new String[0], System.getenv()).usage());
      System.exit(2);
      return null;
    }
  }
}
