package io.backstop.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

/**
 * The instants of events are read by a direct parser for the form Backstop writes and by Jackson's
 * own reader for everything else: both must give the same instant, and what Jackson refuses must
 * still be refused with its error.
 */
class IsoInstantsTest {

  @Test
  void theFormEventsWriteIsReadAsTheJdkReadsIt() {
    SplittableRandom random = new SplittableRandom(7);
    long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
      for (ChronoUnit unit : List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.NANOS)) {
        String text = instant.truncatedTo(unit).toString();
        assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        assertThat(read(text)).as(text).isEqualTo(Instant.parse(text));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-05T21:00:00.1Z",
        "2026-12-05T21:00:00.12345Z",
        "2026-12-05T21:00:00.123456789Z",
        "2024-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z"
      })
  void everyFractionLengthAndTheEdgesOfTheDirectForm(String text) {
    assertThat(IsoInstants.parse(text))
        .isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
    assertThat(read(text)).isEqualTo(IsoInstants.parse(text));
  }

  /**
   * Not the direct form: Jackson's reader answers, the same instant as the JDK's (which also takes
   * an empty fraction and the end of day as 24:00).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-05T22:00:00+01:00",
        "2026-12-05t21:00:00z",
        "+10000-01-01T00:00:00Z",
        "2026-12-05T21:00:00.Z",
        "2026-12-05T24:00:00Z"
      })
  void otherFormsGoToJacksonsReader(String text) {
    assertThat(IsoInstants.parse(text)).isNull();
    assertThat(read(text)).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T21:00:00Z",
        "2025-02-29T21:00:00Z",
        "2026-13-05T21:00:00Z",
        "2026-12-05T21:60:00Z",
        "2026-12-05T21:00:61Z",
        "2026-12-05T21:00:00.1234567890Z",
        "2026-12-05 21:00:00Z",
        "2026-1a-05T21:00:00Z",
        "yesterday"
      })
  void whatJacksonRefusesIsStillRefused(String text) {
    assertThat(IsoInstants.parse(text)).isNull();
    assertThatThrownBy(() -> read(text)).isInstanceOf(JacksonException.class);
  }

  @Test
  void numbersAndNullStillReadAsBefore() {
    assertThat(EventCodec.mapper().readValue("1700000000", Instant.class))
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(EventCodec.mapper().readValue("null", Instant.class)).isNull();
  }

  private static Instant read(String text) {
    return EventCodec.mapper().readValue("\"" + text + "\"", Instant.class);
  }
}
