package io.priceengine.persistence.db;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where the engine's PostgreSQL is: an external server ({@code jdbcUrl} set) or the embedded one
 * with its data in {@code dataDir}. Read from {@code price-engine.db} (see reference.conf).
 *
 * @param jdbcUrl external server's JDBC URL; empty for the embedded server
 * @param embeddedPort port of the embedded server on 127.0.0.1; 0 picks a free one
 */
public record DatabaseSettings(
    String jdbcUrl, String user, String password, Path dataDir, int embeddedPort) {

  public static DatabaseSettings fromConfig(Config config) {
    Config db = config.getConfig("price-engine.db");
    return new DatabaseSettings(
        db.getString("url").trim(),
        db.getString("user"),
        db.getString("password"),
        Path.of(db.getString("data-dir")),
        db.getInt("embedded-port"));
  }
}
