package io.priceengine.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The configured bearer tokens and the role each grants. Comparison is constant-time so a caller
 * cannot guess a token byte by byte from response times. Tokens are never logged.
 */
public final class Tokens {
  private final byte[] ingest;
  private final byte[] admin;
  private final byte[] read;

  /** {@code readToken} may be empty: reads are then open to everybody. */
  public Tokens(String ingestToken, String adminToken, String readToken) {
    this.ingest = bytes(ingestToken);
    this.admin = bytes(adminToken);
    this.read = readToken.isEmpty() ? null : bytes(readToken);
  }

  public static String generate() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  public boolean readsAreOpen() {
    return read == null;
  }

  /** The strongest role this token grants; empty for an unknown token. */
  public Optional<Role> roleOf(String token) {
    byte[] candidate = bytes(token);
    // Compare against every token unconditionally: no early exit that a timer could see.
    boolean isAdmin = MessageDigest.isEqual(candidate, admin);
    boolean isIngest = MessageDigest.isEqual(candidate, ingest);
    boolean isRead = read != null && MessageDigest.isEqual(candidate, read);
    if (isAdmin) {
      return Optional.of(Role.ADMIN);
    }
    if (isIngest) {
      return Optional.of(Role.INGEST);
    }
    return isRead ? Optional.of(Role.READ) : Optional.empty();
  }

  private static byte[] bytes(String token) {
    return token.getBytes(StandardCharsets.UTF_8);
  }
}
