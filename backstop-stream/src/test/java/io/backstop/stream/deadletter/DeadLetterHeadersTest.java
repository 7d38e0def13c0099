package io.backstop.stream.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

class DeadLetterHeadersTest {

  @Test
  void namesTheDecodingErrorAndItsFieldThroughTheFrameworkWrappers() {
    EventDecodingException decoding = decodingError("{\"type\":\"AlertDeleted\"}");
    Exception wrapped = wrap(decoding);

    Headers headers = DeadLetterHeaders.of(wrapped);

    assertThat(text(headers, DeadLetterHeaders.ERROR_CLASS))
        .isEqualTo(EventDecodingException.class.getName());
    assertThat(text(headers, DeadLetterHeaders.ERROR_FIELD)).isEqualTo("type");
    assertThat(text(headers, DeadLetterHeaders.ERROR_MESSAGE)).contains("AlertDeleted");
  }

  @Test
  void namesTheApplicationsOwnExceptionRatherThanTheWrapperAndNoField() {
    Exception wrapped = wrap(new IllegalStateException("downstream unavailable"));

    Headers headers = DeadLetterHeaders.of(wrapped);

    assertThat(text(headers, DeadLetterHeaders.ERROR_CLASS))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(text(headers, DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("downstream unavailable");
    assertThat(headers.lastHeader(DeadLetterHeaders.ERROR_FIELD)).isNull();
  }

  private static Exception wrap(Exception cause) {
    var handling = new MessageHandlingException(new GenericMessage<>(new byte[0]), cause);
    return new ListenerExecutionFailedException("Listener failed", handling);
  }

  private static EventDecodingException decodingError(String json) {
    try {
      EventCodec.decode(json);
      throw new AssertionError("expected a decoding error for " + json);
    } catch (EventDecodingException e) {
      return e;
    }
  }

  private static String text(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
