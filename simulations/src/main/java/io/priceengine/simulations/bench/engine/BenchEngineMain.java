package io.priceengine.simulations.bench.engine;

import io.priceengine.http.Main;

/**
 * The engine as the benchmark runs it: the product's {@link Main} with the benchmark's {@link
 * ConstantQuoteRoute} in front of the API. Runs on the class path of the engine jar plus this
 * module's classes ({@code simulations/bench-lib.sh}); the engine jar alone never serves it.
 */
public final class BenchEngineMain {
  private BenchEngineMain() {}

  public static void main(String[] args) {
    Main.runWith(new ConstantQuoteRoute().route());
  }
}
