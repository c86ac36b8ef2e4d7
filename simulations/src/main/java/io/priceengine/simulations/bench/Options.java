package io.priceengine.simulations.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command-line options of a benchmark: each is read from a {@code --name=value} argument, else
 * a {@code -Dname=value} system property, else its environment variable, else its default. Every
 * benchmark main parses its options here, so that all of them read, check and explain them alike.
 */
final class Options {

  /** One option: its argument/property name, its environment variable, its default, its use. */
  record Option(String key, String environmentVariable, String defaultValue, String meaning) {}

  /** Where a harness writes its JSON report; {@link #reportPath} reads it. */
  static final Option OUTPUT =
      new Option("output", "BENCH_OUTPUT", null, "JSON report (default simulations/target/bench/)");

  /** The engine's PostgreSQL, for the harnesses that talk to it directly. */
  static final Option JDBC_URL =
      new Option("jdbcUrl", "BENCH_JDBC_URL", null, "JDBC URL of the engine's PostgreSQL");

  static final Option JDBC_USER =
      new Option("user", "BENCH_JDBC_USER", "postgres", "database user");

  private final String program;
  private final List<Option> known;
  private final Map<String, String> values;

  private Options(String program, List<Option> known, Map<String, String> values) {
    this.program = program;
    this.known = known;
    this.values = values;
  }

  /**
   * Reads {@code known} options from the arguments, system properties and {@code environment}.
   *
   * @throws IllegalArgumentException for an argument that is not {@code --name=value} of a known
   *     option
   */
  static Options parse(
      String program, List<Option> known, String[] args, Map<String, String> environment) {
    Map<String, Option> byKey = new LinkedHashMap<>();
    for (Option option : known) byKey.put(option.key(), option);
    Map<String, String> arguments = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      String key = arg.substring(2, equals);
      if (!byKey.containsKey(key)) throw new IllegalArgumentException("unknown option: --" + key);
      arguments.put(key, arg.substring(equals + 1));
    }
    Map<String, String> values = new HashMap<>();
    for (Option option : known) {
      String value = arguments.get(option.key());
      if (value == null) value = System.getProperty(option.key());
      if (value == null && option.environmentVariable() != null) {
        value = environment.get(option.environmentVariable());
      }
      if (value == null) value = option.defaultValue();
      if (value != null) values.put(option.key(), value.trim());
    }
    return new Options(program, List.copyOf(known), values);
  }

  /** The value, or null when the option is unset and has no default; blank counts as unset. */
  String text(String key) {
    check(key);
    String value = values.get(key);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * The value of an option that must be set.
   *
   * @throws IllegalArgumentException saying how to set it
   */
  String required(String key) {
    String value = text(key);
    if (value == null) {
      Option option = option(key);
      throw new IllegalArgumentException(
          "no "
              + option.meaning()
              + ": set "
              + (option.environmentVariable() == null ? "" : option.environmentVariable() + ", ")
              + "-D"
              + key
              + "= or --"
              + key
              + "=");
    }
    return value;
  }

  long wholeNumber(String key) {
    String value = required(key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a whole number: " + value);
    }
  }

  /** A whole number in {@code [min, max]}. */
  int wholeNumber(String key, int min, int max) {
    long value = wholeNumber(key);
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max);
    }
    return (int) value;
  }

  /** A decimal number in {@code [min, max]}. */
  double number(String key, double min, double max) {
    String value = required(key);
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a number: " + value);
    }
    if (!(number >= min && number <= max)) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max);
    }
    return number;
  }

  /** An {@code http(s)://host[:port]} URL without a trailing slash. */
  URI httpUrl(String key) {
    String value = required(key).replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " is not a URL: " + value);
    }
    if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
      throw new IllegalArgumentException(key + " must be http(s)://host[:port], got: " + value);
    }
    return uri;
  }

  /** The path given, else {@code fileName} in the default report directory. */
  Path reportPath(String key, String fileName) {
    String value = text(key);
    return value == null ? BenchReportPath.defaultFor(fileName) : Path.of(value);
  }

  /** Every option with its environment variable, meaning and default. */
  String usage() {
    StringBuilder usage =
        new StringBuilder("usage: " + program + " [--name=value ...]  (or -Dname=value, or env)\n");
    for (Option option : known) {
      usage.append(
          String.format(
              Locale.ROOT,
              "  --%-18s %-26s %s%s%n",
              option.key(),
              option.environmentVariable() == null ? "" : option.environmentVariable(),
              option.meaning(),
              option.defaultValue() == null ? "" : " [" + option.defaultValue() + "]"));
    }
    return usage.toString();
  }

  private void check(String key) {
    option(key);
  }

  private Option option(String key) {
    for (Option option : known) {
      if (option.key().equals(key)) return option;
    }
    throw new IllegalStateException("not an option of " + program + ": " + key);
  }
}
