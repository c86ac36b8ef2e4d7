package io.priceengine.engine.symbol;

import akka.actor.ExtendedActorSystem;
import akka.serialization.SerializerWithStringManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Compact binary form of {@link SymbolEntity.PriceUpdated}, the one event written per accepted
 * tick. Jackson CBOR for it cost about 12 % of the engine's CPU in the replay benchmark's profile
 * (a write per tick, a read per projected event); every other message stays on {@code
 * jackson-cbor}. Journal rows keep the id of the serializer that wrote them, so events written by
 * Jackson still read through Jackson.
 *
 * <p>Format {@value #V1} ({@link DataOutputStream}, big-endian): a {@code short} presence mask
 * (bit set = field not null, bits in {@link #SYMBOL} .. {@link #COMPANY_NAME}), then the present
 * fields in record order: event symbol (UTF), historyId (long), receivedAt, deliveryId (long),
 * then the tick's symbol (UTF), price, volume (long), open, high, low, previousClose,
 * sourceTimestamp, provider (UTF), companyName (UTF). A decimal is its scale (int), the length
 * (int) and bytes of its unscaled two's-complement value, so every value round trips exactly; an
 * instant is epoch seconds (long) and nanos (int). Strings are {@link DataOutputStream#writeUTF}
 * (at most 65,535 bytes; a company name is at most 200 characters). Change the format only under a
 * new manifest and keep reading the old ones.
 */
public final class PriceEventSerializer extends SerializerWithStringManifest {
  /** Unique among the serializers of the system; Akka keeps 0..40 for its own. */
  public static final int IDENTIFIER = 7_301;

  static final String V1 = "P1";

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

  public PriceEventSerializer(ExtendedActorSystem system) {}

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof SymbolEntity.PriceUpdated) {
      return V1;
    }
    throw new IllegalArgumentException("Cannot serialize " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (!(o instanceof SymbolEntity.PriceUpdated event)) {
      throw new IllegalArgumentException("Cannot serialize " + o.getClass().getName());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(event, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!V1.equals(manifest)) {
      throw new NotSerializableException(
          "Unknown manifest [" + manifest + "] for " + getClass().getName());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return read(in);
    } catch (IOException e) {
      NotSerializableException failure =
          new NotSerializableException("Corrupt PriceUpdated (" + bytes.length + " bytes)");
      failure.initCause(e);
      throw failure;
    }
  }

  private static void write(SymbolEntity.PriceUpdated event, DataOutputStream out)
      throws IOException {
    Tick tick = event.tick();
    int mask =
        present(event.symbol(), SYMBOL)
            | present(event.receivedAt(), RECEIVED_AT)
            | present(tick, TICK);
    if (tick != null) {
      mask |=
          present(tick.symbol(), TICK_SYMBOL)
              | present(tick.price(), PRICE)
              | present(tick.volume(), VOLUME)
              | present(tick.open(), OPEN)
              | present(tick.high(), HIGH)
              | present(tick.low(), LOW)
              | present(tick.previousClose(), PREVIOUS_CLOSE)
              | present(tick.sourceTimestamp(), SOURCE_TIMESTAMP)
              | present(tick.provider(), PROVIDER)
              | present(tick.companyName(), COMPANY_NAME);
    }
    out.writeShort(mask);
    if (event.symbol() != null) {
      out.writeUTF(event.symbol());
    }
    out.writeLong(event.historyId());
    if (event.receivedAt() != null) {
      writeInstant(event.receivedAt(), out);
    }
    out.writeLong(event.deliveryId());
    if (tick == null) {
      return;
    }
    if (tick.symbol() != null) {
      out.writeUTF(tick.symbol());
    }
    writeDecimal(tick.price(), out);
    if (tick.volume() != null) {
      out.writeLong(tick.volume());
    }
    writeDecimal(tick.open(), out);
    writeDecimal(tick.high(), out);
    writeDecimal(tick.low(), out);
    writeDecimal(tick.previousClose(), out);
    if (tick.sourceTimestamp() != null) {
      writeInstant(tick.sourceTimestamp(), out);
    }
    if (tick.provider() != null) {
      out.writeUTF(tick.provider());
    }
    if (tick.companyName() != null) {
      out.writeUTF(tick.companyName());
    }
  }

  private static SymbolEntity.PriceUpdated read(DataInputStream in) throws IOException {
    int mask = in.readUnsignedShort();
    String symbol = has(mask, SYMBOL) ? in.readUTF() : null;
    long historyId = in.readLong();
    Instant receivedAt = has(mask, RECEIVED_AT) ? readInstant(in) : null;
    long deliveryId = in.readLong();
    Tick tick = null;
    if (has(mask, TICK)) {
      tick =
          new Tick(
              has(mask, TICK_SYMBOL) ? in.readUTF() : null,
              has(mask, PRICE) ? readDecimal(in) : null,
              has(mask, VOLUME) ? in.readLong() : null,
              has(mask, OPEN) ? readDecimal(in) : null,
              has(mask, HIGH) ? readDecimal(in) : null,
              has(mask, LOW) ? readDecimal(in) : null,
              has(mask, PREVIOUS_CLOSE) ? readDecimal(in) : null,
              has(mask, SOURCE_TIMESTAMP) ? readInstant(in) : null,
              has(mask, PROVIDER) ? in.readUTF() : null,
              has(mask, COMPANY_NAME) ? in.readUTF() : null);
    }
    return new SymbolEntity.PriceUpdated(symbol, historyId, tick, receivedAt, deliveryId);
  }

  private static int present(Object value, int bit) {
    return value == null ? 0 : bit;
  }

  private static boolean has(int mask, int bit) {
    return (mask & bit) != 0;
  }

  /** Writes nothing for null: the presence mask says so. */
  private static void writeDecimal(BigDecimal value, DataOutputStream out) throws IOException {
    if (value == null) {
      return;
    }
    byte[] unscaled = value.unscaledValue().toByteArray();
    out.writeInt(value.scale());
    out.writeInt(unscaled.length);
    out.write(unscaled);
  }

  private static BigDecimal readDecimal(DataInputStream in) throws IOException {
    int scale = in.readInt();
    byte[] unscaled = new byte[in.readInt()];
    in.readFully(unscaled);
    return new BigDecimal(new BigInteger(unscaled), scale);
  }

  private static void writeInstant(Instant value, DataOutputStream out) throws IOException {
    out.writeLong(value.getEpochSecond());
    out.writeInt(value.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
