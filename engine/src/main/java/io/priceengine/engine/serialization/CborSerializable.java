package io.priceengine.engine.serialization;

/**
 * Marker for every message, event and snapshot that crosses a process boundary (journal, cluster):
 * bound to Akka's {@code jackson-cbor} serializer in {@code akka.actor.serialization-bindings}.
 */
public interface CborSerializable {}
