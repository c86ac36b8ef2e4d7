package io.priceengine.http.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * This node's meter registry, scraped as Prometheus text by {@code GET /metrics}: the JVM's memory,
 * GC, threads, class loading, CPU and uptime, plus the engine's own meters that {@link TickMeters},
 * {@link StreamMeters}, {@link RequestMetrics} and {@link MetricsRoutes} register. One per node
 * (tests run several nodes in one JVM), closed when the node stops.
 */
public final class EngineMetrics implements AutoCloseable {
  /** Prefix of every engine-specific meter; the JVM's keep Micrometer's standard names. */
  static final String PREFIX = "price_engine.";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public EngineMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Prometheus text format 0.0.4 of every meter. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
