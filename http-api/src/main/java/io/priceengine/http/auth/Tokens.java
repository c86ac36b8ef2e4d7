package io.priceengine.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The configured bearer tokens and the role each grants. Only SHA-256 digests are kept and
 * compared, with {@link MessageDigest#isEqual} on equal-length digests, so response times tell a
 * caller neither a token's bytes nor its length. Tokens are never logged.
 */
public final class Tokens {
  private final byte[] ingest;
  private final byte[] admin;
  private final byte[] read;

  /** {@code readToken} may be empty: reads are then open to everybody. */
  public Tokens(String ingestToken, String adminToken, String readToken) {
    this.ingest = digest(ingestToken);
    this.admin = digest(adminToken);
    this.read = readToken.isEmpty() ? null : digest(readToken);
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
    byte[] candidate = digest(token);
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

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
