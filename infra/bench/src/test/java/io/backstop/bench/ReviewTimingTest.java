package io.backstop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The review timed in a JVM of its own, started as the service images start the guardrail: it
 * answers with real figures over the whole corpus, a JVM that cannot start is a named error, and
 * the options are the images' own.
 */
class ReviewTimingTest {

  private static final Path CORPUS = Path.of("..", "eval").toAbsolutePath().normalize();

  @Test
  void aFreshJvmWithTheImagesOptionsTimesEveryCorpusProposal() {
    ReviewTiming.Result r =
        ReviewTiming.measureInFreshJvm(
            CORPUS,
            Duration.ofMillis(300),
            Duration.ofSeconds(2),
            2_000,
            ReviewTiming.SERVICE_IMAGE_FLAGS,
            Duration.ofMinutes(2));

    assertThat(r.proposals()).isGreaterThan(300);
    assertThat(r.all().count()).isEqualTo(2_000);
    assertThat(r.all().p50()).isPositive();
    assertThat(r.all().p99()).isGreaterThanOrEqualTo(r.all().p50());
    assertThat(r.all().max()).isGreaterThanOrEqualTo(r.all().p99());
    assertThat(r.approvals().count()).isPositive().isLessThan(2_000);
    assertThat(r.warmupCalls()).isPositive();
    assertThat(r.warmup()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aJvmThatGivesNoResultIsANamedErrorWithWhatItSaid() {
    assertThatThrownBy(
            () ->
                ReviewTiming.measureInFreshJvm(
                    CORPUS,
                    Duration.ofMillis(10),
                    Duration.ofMillis(10),
                    10,
                    List.of("-XX:+NoSuchOptionAnywhere"),
                    Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a result")
        .hasMessageContaining("NoSuchOptionAnywhere");
  }

  @Test
  void aResultLineReadsBackAsWritten() {
    ReviewTiming.Result r =
        new ReviewTiming.Result(
            new Distribution(5, 1_000, 9_000, 12_000),
            new Distribution(2, 2_000, 8_000, 8_000),
            404,
            77_000,
            Duration.ofMillis(6_012),
            123);

    ReviewTiming.Result back = ReviewTiming.parse(ReviewTiming.format(r));

    assertThat(back).isEqualTo(r);
  }

  @Test
  void theOptionsAreTheServiceImagesOwn() throws Exception {
    String pom = Files.readString(Path.of("..", "..", "pom.xml"));

    for (String flag : ReviewTiming.SERVICE_IMAGE_FLAGS) {
      assertThat(pom).contains("<jvmFlag>" + flag + "</jvmFlag>");
    }
  }
}
