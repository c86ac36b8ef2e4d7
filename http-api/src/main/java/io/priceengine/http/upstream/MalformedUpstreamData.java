package io.priceengine.http.upstream;

/**
 * Thrown while reading one item of upstream data that has to be skipped; {@code kind} is a short
 * fixed phrase for counting and rate-limited logging. No stack trace: it is expected, not a bug.
 */
public final class MalformedUpstreamData extends Exception {
  private final String kind;

  public MalformedUpstreamData(String kind) {
    super(kind, null, false, false);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
