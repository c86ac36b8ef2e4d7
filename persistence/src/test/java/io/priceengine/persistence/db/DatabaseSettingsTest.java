package io.priceengine.persistence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  @Test
  void defaultsToEmbeddedDatabaseUnderDataDirectory() {
    // noSystem(): the test must not see PRICE_ENGINE_* variables of the machine running it
    Config reference =
        ConfigFactory.parseResources("reference.conf").resolve(ConfigResolveOptions.noSystem());

    assertEquals(
        new DatabaseSettings("", "postgres", "", Path.of("./data"), 0),
        DatabaseSettings.fromConfig(reference));
  }

  @Test
  void readsExternalDatabase() {
    Config config =
        ConfigFactory.parseString(
                """
                price-engine.db {
                  url = "jdbc:postgresql://db.example:6543/prices"
                  user = engine
                  password = secret
                  data-dir = /var/lib/price-engine
                  embedded-port = 15432
                }
                """)
            .withFallback(ConfigFactory.parseResources("reference.conf"))
            .resolve(ConfigResolveOptions.noSystem());

    assertEquals(
        new DatabaseSettings(
            "jdbc:postgresql://db.example:6543/prices",
            "engine",
            "secret",
            Path.of("/var/lib/price-engine"),
            15432),
        DatabaseSettings.fromConfig(config));
  }
}
