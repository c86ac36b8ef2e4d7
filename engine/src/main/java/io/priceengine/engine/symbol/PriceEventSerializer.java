package io.priceengine.engine.symbol;

import akka.actor.ExtendedActorSystem;
import akka.serialization.SerializerWithStringManifest;
import java.io.NotSerializableException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact binary form of the price events: {@link SymbolEntity.PricesUpdated} (format {@value #V2},
 * written now: the ticks of one group commit) and {@link SymbolEntity.PriceUpdated} (format {@value
 * #V1}, one tick per event, still read from existing journals). They are written and read for every
 * tick, so their cost counts (docs/benchmarks.md); every other message stays on {@code
 * jackson-cbor}. Journal rows keep the id of the serializer that wrote them, so events written by
 * Jackson still read through Jackson.
 *
 * <p>Format {@value #V3} is {@value #V2} whose ticks may also carry a tick id (mask bit {@link
 * #TICK_ID}, a string after companyName); it is written only for groups with tick ids, so events
 * without them stay readable by nodes that know only {@value #V2}.
 *
 * <p>Format {@value #V2}, big-endian: event symbol, firstHistoryId (long), receivedAt, the number
 * of ticks (int), then per tick its deliveryId (long), a {@code short} presence mask (bits {@link
 * #PRICE} .. {@link #COMPANY_NAME} as in {@value #V1}) and the present fields price .. companyName
 * as in {@value #V1}; a tick's symbol is the event's and is not repeated.
 *
 * <p>Format {@value #V1}, big-endian: a {@code short} presence mask (bit set = field not null, bits
 * in {@link #SYMBOL} .. {@link #COMPANY_NAME}), then the present fields in record order: event
 * symbol, historyId (long), receivedAt, deliveryId (long), then the tick's symbol, price, volume
 * (long), open, high, low, previousClose, sourceTimestamp, provider, companyName. A string is the
 * length (int) and its UTF-8 bytes (an unpaired surrogate would come back as '?': the entity
 * rejects such names, and CBOR could not carry them either). A decimal is its scale (int), then the
 * length (int) and bytes of its unscaled two's-complement value, so every value round trips
 * exactly, negative scales included. An instant is epoch seconds (long) and nanos (int). Change the
 * format only under a new manifest and keep reading the old ones.
 */
public final class PriceEventSerializer extends SerializerWithStringManifest {
  /** Unique among the serializers of the system; Akka keeps 0..40 for its own. */
  public static final int IDENTIFIER = 7_301;

  static final String V1 = "P1";
  static final String V2 = "P2";
  static final String V3 = "P3";

  private static final int SYMBOL = 1;
  private static final int RECEIVED_AT = 1 << 1;
  private static final int TICK = 1 << 2;
  private static final int TICK_SYMBOL = 1 << 3;
  private static final int PRICE = 1 << 4;
  private static final int VOLUME = 1 << 5;
  private static final int OPEN = 1 << 6;
  private static final int HIGH = 1 << 7;
  private static final int LOW = 1 << 8;
  private static final int PREVIOUS_CLOSE = 1 << 9;
  private static final int SOURCE_TIMESTAMP = 1 << 10;
  private static final int PROVIDER = 1 << 11;
  private static final int COMPANY_NAME = 1 << 12;
  private static final int TICK_ID = 1 << 13;

  public PriceEventSerializer(ExtendedActorSystem system) {}

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof SymbolEntity.PricesUpdated event) {
      for (Tick tick : event.ticks()) {
        if (tick.tickId() != null) {
          return V3;
        }
      }
      return V2;
    }
    if (o instanceof SymbolEntity.PriceUpdated) {
      return V1;
    }
    throw new IllegalArgumentException("Cannot serialize " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof SymbolEntity.PricesUpdated event) {
      return write(event);
    }
    if (o instanceof SymbolEntity.PriceUpdated event) {
      return write(event);
    }
    throw new IllegalArgumentException("Cannot serialize " + o.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!V1.equals(manifest) && !V2.equals(manifest) && !V3.equals(manifest)) {
      throw new NotSerializableException(
          "Unknown manifest [" + manifest + "] for " + getClass().getName());
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      return V1.equals(manifest) ? read(in) : readGroup(in);
    } catch (RuntimeException e) { // truncated or garbled: BufferUnderflow, negative length...
      NotSerializableException failure =
          new NotSerializableException(
              "Corrupt price event " + manifest + " (" + bytes.length + " bytes)");
      failure.initCause(e);
      throw failure;
    }
  }

  private static byte[] write(SymbolEntity.PricesUpdated event) {
    Output out = new Output(64 + 96 * event.ticks().size());
    out.putString(event.symbol());
    out.putLong(event.firstHistoryId());
    out.putInstant(event.receivedAt());
    out.putInt(event.ticks().size());
    for (int i = 0; i < event.ticks().size(); i++) {
      Tick tick = event.ticks().get(i);
      out.putLong(event.deliveryIds().get(i));
      out.putShort(tickMask(tick));
      putTickFields(out, tick);
    }
    return out.toByteArray();
  }

  private static SymbolEntity.PricesUpdated readGroup(ByteBuffer in) {
    String symbol = getString(in);
    long firstHistoryId = in.getLong();
    Instant receivedAt = getInstant(in);
    int count = in.getInt();
    if (count < 0 || count > in.remaining()) {
      throw new IllegalArgumentException("tick count " + count);
    }
    List<Tick> ticks = new ArrayList<>(count);
    List<Long> deliveryIds = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      deliveryIds.add(in.getLong());
      int mask = Short.toUnsignedInt(in.getShort());
      ticks.add(readTick(symbol, mask, in));
    }
    return new SymbolEntity.PricesUpdated(
        symbol, firstHistoryId, receivedAt, List.copyOf(ticks), List.copyOf(deliveryIds));
  }

  private static int tickMask(Tick tick) {
    return present(tick.price(), PRICE)
        | present(tick.volume(), VOLUME)
        | present(tick.open(), OPEN)
        | present(tick.high(), HIGH)
        | present(tick.low(), LOW)
        | present(tick.previousClose(), PREVIOUS_CLOSE)
        | present(tick.sourceTimestamp(), SOURCE_TIMESTAMP)
        | present(tick.provider(), PROVIDER)
        | present(tick.companyName(), COMPANY_NAME)
        | present(tick.tickId(), TICK_ID);
  }

  /** The tick's fields after its symbol, in record order; null ones write nothing. */
  private static void putTickFields(Output out, Tick tick) {
    out.putDecimal(tick.price());
    if (tick.volume() != null) {
      out.putLong(tick.volume());
    }
    out.putDecimal(tick.open());
    out.putDecimal(tick.high());
    out.putDecimal(tick.low());
    out.putDecimal(tick.previousClose());
    out.putInstant(tick.sourceTimestamp());
    out.putString(tick.provider());
    out.putString(tick.companyName());
    out.putString(tick.tickId());
  }

  private static Tick readTick(String symbol, int mask, ByteBuffer in) {
    return new Tick(
        symbol,
        has(mask, PRICE) ? getDecimal(in) : null,
        has(mask, VOLUME) ? in.getLong() : null,
        has(mask, OPEN) ? getDecimal(in) : null,
        has(mask, HIGH) ? getDecimal(in) : null,
        has(mask, LOW) ? getDecimal(in) : null,
        has(mask, PREVIOUS_CLOSE) ? getDecimal(in) : null,
        has(mask, SOURCE_TIMESTAMP) ? getInstant(in) : null,
        has(mask, PROVIDER) ? getString(in) : null,
        has(mask, COMPANY_NAME) ? getString(in) : null,
        has(mask, TICK_ID) ? getString(in) : null);
  }

  private static byte[] write(SymbolEntity.PriceUpdated event) {
    Tick tick = event.tick();
    int mask =
        present(event.symbol(), SYMBOL)
            | present(event.receivedAt(), RECEIVED_AT)
            | present(tick, TICK);
    if (tick != null) {
      mask |= present(tick.symbol(), TICK_SYMBOL) | tickMask(tick);
    }
    Output out = new Output(160);
    out.putShort(mask);
    out.putString(event.symbol());
    out.putLong(event.historyId());
    out.putInstant(event.receivedAt());
    out.putLong(event.deliveryId());
    if (tick != null) {
      out.putString(tick.symbol());
      putTickFields(out, tick);
    }
    return out.toByteArray();
  }

  private static SymbolEntity.PriceUpdated read(ByteBuffer in) {
    int mask = Short.toUnsignedInt(in.getShort());
    String symbol = has(mask, SYMBOL) ? getString(in) : null;
    long historyId = in.getLong();
    Instant receivedAt = has(mask, RECEIVED_AT) ? getInstant(in) : null;
    long deliveryId = in.getLong();
    Tick tick = null;
    if (has(mask, TICK)) {
      tick = readTick(has(mask, TICK_SYMBOL) ? getString(in) : null, mask, in);
    }
    return new SymbolEntity.PriceUpdated(symbol, historyId, tick, receivedAt, deliveryId);
  }

  private static int present(Object value, int bit) {
    return value == null ? 0 : bit;
  }

  private static boolean has(int mask, int bit) {
    return (mask & bit) != 0;
  }

  private static byte[] getBytes(ByteBuffer in) {
    byte[] bytes = new byte[in.getInt()];
    in.get(bytes);
    return bytes;
  }

  private static String getString(ByteBuffer in) {
    return new String(getBytes(in), StandardCharsets.UTF_8);
  }

  private static BigDecimal getDecimal(ByteBuffer in) {
    int scale = in.getInt();
    return new BigDecimal(new BigInteger(getBytes(in)), scale);
  }

  private static Instant getInstant(ByteBuffer in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }

  /**
   * A growing big-endian buffer. Not DataOutputStream: on JDK 17 it writes an int as four
   * synchronized single-byte writes; the same format through it took 1.4 instead of 0.4 µs per
   * event (write + read). Null values write nothing (the presence mask records them).
   */
  private static final class Output {
    private ByteBuffer buffer;

    Output(int capacity) {
      buffer = ByteBuffer.allocate(capacity);
    }

    private void room(int bytes) {
      if (buffer.remaining() < bytes) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(2 * buffer.capacity(), buffer.position() + bytes));
        buffer = bigger.put(buffer.flip());
      }
    }

    void putShort(int value) {
      room(2);
      buffer.putShort((short) value);
    }

    void putInt(int value) {
      room(4);
      buffer.putInt(value);
    }

    void putLong(long value) {
      room(8);
      buffer.putLong(value);
    }

    void putBytes(byte[] bytes) {
      room(4 + bytes.length);
      buffer.putInt(bytes.length).put(bytes);
    }

    void putString(String value) {
      if (value != null) {
        putBytes(value.getBytes(StandardCharsets.UTF_8));
      }
    }

    void putDecimal(BigDecimal value) {
      if (value != null) {
        room(4);
        buffer.putInt(value.scale());
        putBytes(value.unscaledValue().toByteArray());
      }
    }

    void putInstant(Instant value) {
      if (value != null) {
        room(12);
        buffer.putLong(value.getEpochSecond()).putInt(value.getNano());
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }
}
