package io.priceengine.http.stream;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import akka.http.impl.engine.ws.FrameEvent;
import akka.http.impl.engine.ws.FrameHandler;
import akka.http.impl.engine.ws.UpgradeToWebSocketLowLevel;
import akka.http.impl.engine.ws.WebSocket$;
import akka.http.javadsl.model.AttributeKeys;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.ws.Message;
import akka.http.scaladsl.settings.ServerSettings;
import akka.http.scaladsl.settings.WebSocketSettings;
import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Graph;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.javadsl.BidiFlow;
import akka.stream.javadsl.Flow;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import java.util.Optional;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * WebSocket upgrades whose incoming messages are bounded in size. Akka HTTP 10.5 has no message
 * size limit and no way for a handler to close with a chosen status (akka/akka-http#2458), so this
 * assembles Akka's own server stack (masking, frame handling, keep-alive, message API) with one
 * more layer between frame handling and the message API: it counts a message's bytes as its frames
 * arrive and, past the limit, has Akka's frame handling close the connection with 1009 (message too
 * big) and drops the rest. A message is thus never held beyond the limit. This uses Akka HTTP
 * internals of the pinned 10.5.3; the WebSocket tests cover it.
 */
final class SizeLimitedWebSocket {
  static final int MESSAGE_TOO_BIG = 1009;

  /** Akka's server stack with the limit; a blueprint shared by every connection. */
  @SuppressWarnings("rawtypes") // Scala's variance of BidiShape is lost in Java
  private final akka.stream.scaladsl.BidiFlow stack;

  @SuppressWarnings({"unchecked", "rawtypes"})
  SizeLimitedWebSocket(ActorSystem<?> system, long maxMessageBytes) {
    WebSocketSettings settings =
        ServerSettings.apply(system.settings().config()).websocketSettings();
    LoggingAdapter log = Logging.getLogger(Adapter.toClassic(system), SizeLimitedWebSocket.class);
    WebSocket$ ws = WebSocket$.MODULE$;
    FiniteDuration closeTimeout = ws.stack$default$3();
    akka.stream.scaladsl.BidiFlow limit =
        BidiFlow.fromFlows(Flow.fromGraph(new MessageSizeLimit(maxMessageBytes)), Flow.create())
            .asScala();
    this.stack =
        ((akka.stream.scaladsl.BidiFlow) ws.masking(true, settings.randomFactory()))
            .atop((Graph) ws.frameHandling(true, closeTimeout, log))
            .atop(limit)
            .atop((Graph) ws.periodicKeepAlive(settings))
            .atop((Graph) ws.messageAPI(true, closeTimeout));
  }

  /**
   * A message handler joined with the server stack: a blueprint, materialized once per connection
   * that runs it. Build it once where the handler is the same for many connections.
   */
  record Frames(Graph<FlowShape<FrameEvent, FrameEvent>, Object> graph) {}

  /** The 101 response that runs {@code frames}; empty when the request is no WebSocket upgrade. */
  Optional<HttpResponse> upgrade(HttpRequest request, Frames frames) {
    return request
        .getAttribute(AttributeKeys.webSocketUpgrade)
        .filter(UpgradeToWebSocketLowLevel.class::isInstance)
        .map(
            upgrade ->
                ((UpgradeToWebSocketLowLevel) upgrade)
                    .handleFrames(frames.graph(), Option.empty()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  Frames frames(Flow<Message, Message, NotUsed> handler) {
    Flow<akka.http.scaladsl.model.ws.Message, akka.http.scaladsl.model.ws.Message, NotUsed>
        scalaHandler =
            Flow.<akka.http.scaladsl.model.ws.Message>create()
                .map(Message::adapt)
                .via(handler)
                .map(Message::asScala);
    return new Frames((Graph) stack.join(scalaHandler.asScala()));
  }

  /** Counts the bytes of each incoming message; past the limit, closes with 1009. */
  private static final class MessageSizeLimit
      extends GraphStage<FlowShape<FrameHandler.Output, FrameHandler.Output>> {
    private final Inlet<FrameHandler.Output> in = Inlet.create("MessageSizeLimit.in");
    private final Outlet<FrameHandler.Output> out = Outlet.create("MessageSizeLimit.out");
    private final FlowShape<FrameHandler.Output, FrameHandler.Output> shape = FlowShape.of(in, out);
    private final long maxBytes;

    MessageSizeLimit(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public FlowShape<FrameHandler.Output, FrameHandler.Output> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
      return new GraphStageLogic(shape) {
        private long bytes;
        private boolean closing;

        {
          setHandler(
              in,
              new AbstractInHandler() {
                @Override
                public void onPush() {
                  FrameHandler.Output part = grab(in);
                  if (closing) {
                    // the close handshake still needs the peer's close frame and control answers
                    if (part instanceof FrameHandler.BypassEvent) {
                      push(out, part);
                    } else {
                      pull(in);
                    }
                    return;
                  }
                  bytes += size(part);
                  if (bytes > maxBytes) {
                    closing = true;
                    push(
                        out,
                        new FrameHandler.ActivelyCloseWithCode(
                            Option.<Object>apply(MESSAGE_TOO_BIG),
                            "message larger than " + maxBytes + " bytes"));
                    return;
                  }
                  if (part instanceof FrameHandler.MessagePart message && message.isMessageEnd()) {
                    bytes = 0;
                  }
                  push(out, part);
                }
              });
          setHandler(
              out,
              new AbstractOutHandler() {
                @Override
                public void onPull() {
                  pull(in);
                }
              });
        }
      };
    }

    private static long size(FrameHandler.Output part) {
      if (part instanceof FrameHandler.TextMessagePart text) {
        return utf8Length(text.data());
      }
      if (part instanceof FrameHandler.BinaryMessagePart binary) {
        return binary.data().length();
      }
      return 0;
    }

    /** Text parts arrive decoded; the limit is on the bytes the client sent. */
    private static long utf8Length(String text) {
      long length = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
      }
      return length;
    }
  }
}
