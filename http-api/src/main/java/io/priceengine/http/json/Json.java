package io.priceengine.http.json;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.marshallers.jackson.Jackson;
import akka.http.javadsl.marshalling.Marshaller;
import akka.http.javadsl.model.RequestEntity;
import akka.serialization.jackson.JacksonObjectMapperProvider;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The one JSON configuration of the HTTP API: Akka's {@code jackson-json} mapper settings plus
 * exact decimals (prices are parsed as and written from {@code BigDecimal}, never in exponent
 * notation) and strict duplicate-key detection.
 */
public final class Json {
  private final ObjectMapper mapper;
  private final Marshaller<Object, RequestEntity> marshaller;

  private Json(ObjectMapper mapper) {
    this.mapper = mapper;
    this.marshaller = Jackson.marshaller(mapper);
  }

  public static Json create(ActorSystem<?> system) {
    ObjectMapper mapper =
        JacksonObjectMapperProvider.get(system)
            .getOrCreate("jackson-json", Optional.empty())
            .copy();
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return new Json(mapper);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public Marshaller<Object, RequestEntity> marshaller() {
    return marshaller;
  }
}
