package io.priceengine.http.auth;

/**
 * What a token may do. Each role includes the ones before it: admin can ingest, ingest can read.
 */
public enum Role {
  READ,
  INGEST,
  ADMIN;

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
