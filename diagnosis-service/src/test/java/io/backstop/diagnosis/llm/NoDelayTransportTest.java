package io.backstop.diagnosis.llm;

import static io.backstop.diagnosis.llm.StubGateway.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.diagnosis.Pricing;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.chain.ModelCallException;
import io.backstop.diagnosis.chain.RawAnswer;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelTier;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Model calls go out over the transport's own sockets, with Nagle off and the target's timeout. */
class NoDelayTransportTest {

  private StubGateway gateway;
  private final List<Socket> opened = new CopyOnWriteArrayList<>();
  private final NoDelayTransport.NoDelaySockets sockets =
      new NoDelayTransport.NoDelaySockets() {
        @Override
        public Socket createSocket() throws IOException {
          Socket socket = super.createSocket();
          opened.add(socket);
          return socket;
        }
      };

  @BeforeEach
  void startGateway() throws Exception {
    gateway = StubGateway.start();
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  @Test
  void everySocketItOpensHasNagleOff() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket unconnected = sockets.createSocket();
        Socket connected =
            sockets.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertThat(unconnected.getTcpNoDelay()).isTrue();
      assertThat(connected.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void aLongPromptIsAnsweredOverTheTransportsSocketsWithItsHeadersIntact() {
    gateway.always("m-model", completion(Answers.honest(), 9000, 300));
    String evidence = "line of evidence ".repeat(4_000);

    RawAnswer answer =
        client(Duration.ofSeconds(5)).complete(new DiagnosisPrompt("You are an SRE.", evidence));

    assertThat(answer.text()).isEqualTo(Answers.honest());
    assertThat(opened)
        .as("sockets opened by the transport, not by Spring AI's client")
        .isNotEmpty();
    assertThat(gateway.requests("m-model"))
        .singleElement()
        .satisfies(seen -> assertThat(seen.body()).contains("line of evidence"));
  }

  @Test
  void theTargetsTimeoutStillEndsACallTheGatewayHoldsAsATimeout() {
    gateway.always(
        "m-model", new StubGateway.Reply(200, java.util.Map.of(), "{}", Duration.ofSeconds(3)));

    assertThatThrownBy(() -> client(Duration.ofMillis(300)).complete(new DiagnosisPrompt("s", "u")))
        .isInstanceOfSatisfying(
            ModelCallException.class, e -> assertThat(e.outcome()).isEqualTo(CallOutcome.TIMEOUT));
    assertThat(opened).isNotEmpty();
  }

  private SpringAiModelClient client(Duration timeout) {
    var pricing = new Pricing(new BigDecimal("0.003"), new BigDecimal("0.015"));
    var spec = new TargetSpec("m", "m-model", ModelTier.PRIMARY, 1, timeout, pricing, true);
    return SpringAiModelClient.create(
        spec, gateway.baseUrl(), "test-key", new NoDelayTransport(sockets));
  }
}
