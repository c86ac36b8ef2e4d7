package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import akka.serialization.jackson.JacksonSerializer;
import java.io.NotSerializableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PriceEventSerializerTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00.123456789Z");
  private static final Instant SOURCE = Instant.parse("2026-11-23T09:59:59.987Z");

  private static ActorTestKit testKit;
  private static Serialization serialization;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create();
    serialization = SerializationExtension.get(testKit.system().classicSystem());
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  private static SymbolEntity.PriceUpdated full(long deliveryId) {
    Tick tick =
        new Tick(
            "AAPL",
            new BigDecimal("187.4321"),
            1_234_567L,
            new BigDecimal("185"),
            new BigDecimal("188.5"),
            new BigDecimal("184.01"),
            new BigDecimal("186.99"),
            SOURCE,
            "push",
            "Apple Inc.",
            null);
    return new SymbolEntity.PriceUpdated("AAPL", 42, tick, RECEIVED, deliveryId);
  }

  private static SymbolEntity.PriceUpdated withPrices(BigDecimal... p) {
    Tick tick = new Tick("X", p[0], 0L, p[1], p[2], p[3], p[4], SOURCE, "push", null, null);
    return new SymbolEntity.PriceUpdated("X", 1, tick, RECEIVED, 1);
  }

  private static Object roundTrip(Object event) {
    Serializer serializer = serialization.findSerializerFor(event);
    byte[] bytes = serialization.serialize(event).get();
    String manifest = Serializers.manifestFor(serializer, event);
    return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  @Test
  void akkaPicksThisSerializerForThePriceEventsOnly() {
    assertInstanceOf(PriceEventSerializer.class, serialization.findSerializerFor(full(7)));
    assertInstanceOf(PriceEventSerializer.class, serialization.findSerializerFor(group()));
    Tick tick = full(7).tick();
    assertInstanceOf(JacksonSerializer.class, serialization.findSerializerFor(tick));
    assertInstanceOf(
        JacksonSerializer.class,
        serialization.findSerializerFor(new SymbolEntity.Delisted("AAPL", RECEIVED)));
    assertEquals(
        PriceEventSerializer.IDENTIFIER, serialization.findSerializerFor(full(7)).identifier());
  }

  @Test
  void roundTripsEveryFieldPresent() {
    SymbolEntity.PriceUpdated event = full(9);
    assertEquals(event, roundTrip(event));
  }

  @Test
  void roundTripsEveryNullableFieldNull() {
    Tick tick = new Tick("AAPL", null, null, null, null, null, null, null, null, null, null);
    SymbolEntity.PriceUpdated event = new SymbolEntity.PriceUpdated("AAPL", 3, tick, null, 0);
    assertEquals(event, roundTrip(event));

    SymbolEntity.PriceUpdated noTick = new SymbolEntity.PriceUpdated(null, 0, null, null, 0);
    assertEquals(noTick, roundTrip(noTick));
  }

  @Test
  void roundTripsDeliveryAndHistoryIdsAtTheirLimits() {
    for (long id : new long[] {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
      SymbolEntity.PriceUpdated event =
          new SymbolEntity.PriceUpdated("AAPL", id, full(0).tick(), RECEIVED, id);
      assertEquals(event, roundTrip(event));
    }
  }

  @Test
  void roundTripsDecimalsExactlyIncludingScale() {
    BigDecimal[][] cases = {
      {
        BigDecimal.ZERO,
        new BigDecimal("1E+3"),
        new BigDecimal("123.456789012345678901234567890"),
        new BigDecimal("-0.0001"),
        new BigDecimal("-98765432109876543210.5")
      },
      {
        new BigDecimal("0.000"),
        new BigDecimal("1000"),
        new BigDecimal("1E-400"),
        new BigDecimal("9E+2147483647"),
        new BigDecimal("-1")
      },
    };
    for (BigDecimal[] prices : cases) {
      SymbolEntity.PriceUpdated back = (SymbolEntity.PriceUpdated) roundTrip(withPrices(prices));
      assertEquals(withPrices(prices), back);
      // equals on BigDecimal already compares scale; say it outright for 1E+3 against 1000.
      assertEquals(prices[1].scale(), back.tick().open().scale());
    }
  }

  @Test
  void roundTripsInstantsToTheNanosecond() {
    for (Instant at :
        new Instant[] {
          Instant.parse("2026-11-23T10:00:00.000000001Z"),
          Instant.parse("2026-11-23T10:00:00.999999999Z"),
          Instant.parse("1969-12-31T23:59:59.5Z"),
          Instant.EPOCH,
          Instant.MAX,
          Instant.MIN
        }) {
      Tick tick = Tick.price("AAPL", BigDecimal.ONE, SOURCE, "push");
      Tick exact =
          new Tick("AAPL", BigDecimal.ONE, null, null, null, null, null, at, "push", null, null);
      for (SymbolEntity.PriceUpdated event :
          new SymbolEntity.PriceUpdated[] {
            new SymbolEntity.PriceUpdated("AAPL", 1, tick, at, 1),
            new SymbolEntity.PriceUpdated("AAPL", 1, exact, RECEIVED, 1)
          }) {
        assertEquals(event, roundTrip(event));
      }
    }
  }

  @Test
  void roundTripsUnicodeText() {
    String name = "Société Générale — 株式会社 🚀 Ωmega";
    Tick tick =
        new Tick(
            "GLE.PA", BigDecimal.TEN, null, null, null, null, null, SOURCE, "push", name, null);
    SymbolEntity.PriceUpdated event = new SymbolEntity.PriceUpdated("GLE.PA", 5, tick, RECEIVED, 0);
    SymbolEntity.PriceUpdated back = (SymbolEntity.PriceUpdated) roundTrip(event);
    assertEquals(event, back);
    assertEquals(name, back.tick().companyName());
  }

  @Test
  void eventsWrittenByJacksonStillRead() {
    // A journal row written before this serializer existed: jackson-cbor's id and manifest.
    Serializer jackson = serialization.findSerializerFor(full(0).tick());
    assertEquals(33, jackson.identifier());
    SymbolEntity.PriceUpdated event = full(11);
    byte[] bytes = jackson.toBinary(event);
    String manifest = Serializers.manifestFor(jackson, event);

    Object back = serialization.deserialize(bytes, jackson.identifier(), manifest).get();

    assertEquals(event, back);
  }

  @Test
  void rejectsUnknownManifestAndTruncatedBytes() throws Exception {
    PriceEventSerializer serializer =
        (PriceEventSerializer) serialization.findSerializerFor(full(0));
    byte[] bytes = serializer.toBinary(full(0));
    assertEquals(full(0), serializer.fromBinary(bytes, PriceEventSerializer.V1));
    assertThrows(NotSerializableException.class, () -> serializer.fromBinary(bytes, "P0"));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(
        NotSerializableException.class,
        () -> serializer.fromBinary(truncated, PriceEventSerializer.V1));
  }

  /** A group of three ticks: every field, every nullable field null, another provider. */
  private static SymbolEntity.PricesUpdated group() {
    Tick bare =
        new Tick(
            "AAPL", new BigDecimal("1.5"), null, null, null, null, null, null, null, null, null);
    Tick other = Tick.price("AAPL", new BigDecimal("-0.0001"), RECEIVED, "replay");
    return new SymbolEntity.PricesUpdated(
        "AAPL",
        41,
        RECEIVED,
        List.of(full(0).tick(), bare, other),
        List.of(0L, Long.MIN_VALUE, 7L));
  }

  @Test
  void roundTripsAGroupOfTicks() {
    SymbolEntity.PricesUpdated event = group();
    Object back = roundTrip(event);
    assertEquals(event, back);
    assertEquals(43, ((SymbolEntity.PricesUpdated) back).lastHistoryId());
  }

  @Test
  void aGroupIsSmallerThanItsTicksWrittenOneByOne() {
    PriceEventSerializer serializer =
        (PriceEventSerializer) serialization.findSerializerFor(group());
    List<Tick> ticks = new java.util.ArrayList<>();
    int oneByOne = 0;
    for (int i = 0; i < 20; i++) {
      Tick tick = Tick.price("AAPL", new BigDecimal("189.25"), RECEIVED.plusMillis(i), "push");
      ticks.add(tick);
      oneByOne +=
          serializer.toBinary(new SymbolEntity.PriceUpdated("AAPL", i, tick, RECEIVED, 0)).length;
    }
    List<Long> noIds = java.util.Collections.nCopies(20, 0L);
    int grouped =
        serializer.toBinary(new SymbolEntity.PricesUpdated("AAPL", 1, RECEIVED, ticks, noIds))
            .length;
    assertTrue(grouped < oneByOne * 3 / 4, grouped + " bytes vs " + oneByOne);
  }

  @Test
  void rejectsATruncatedGroup() throws Exception {
    PriceEventSerializer serializer =
        (PriceEventSerializer) serialization.findSerializerFor(group());
    byte[] bytes = serializer.toBinary(group());
    assertEquals(group(), serializer.fromBinary(bytes, PriceEventSerializer.V2));
    for (int cut : new int[] {1, 9, bytes.length / 2}) {
      byte[] truncated = Arrays.copyOf(bytes, bytes.length - cut);
      assertThrows(
          NotSerializableException.class,
          () -> serializer.fromBinary(truncated, PriceEventSerializer.V2));
    }
  }

  @Test
  void writesTickIdsUnderP3AndGroupsWithoutThemStillUnderP2() {
    PriceEventSerializer serializer =
        (PriceEventSerializer) serialization.findSerializerFor(group());
    assertEquals(PriceEventSerializer.V2, serializer.manifest(group()));
    Tick withId = full(0).tick().withTickId("client-7:42.a_b");
    SymbolEntity.PricesUpdated event =
        new SymbolEntity.PricesUpdated(
            "AAPL", 5, RECEIVED, List.of(withId, full(0).tick()), List.of(0L, 3L));
    assertEquals(PriceEventSerializer.V3, serializer.manifest(event));
    assertEquals(event, roundTrip(event));
  }
}
