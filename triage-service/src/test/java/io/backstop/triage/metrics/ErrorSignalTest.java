package io.backstop.triage.metrics;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors are what the service says they are. Each row: the request rate per code before and after
 * the anomaly (20 samples each, requests per second), which codes count, whether the signal is
 * anomalous and which codes it counted.
 */
class ErrorSignalTest {

  /** "200:100>60|500:0>40": code, rate before, rate after; 20 samples each, 30 s apart. */
  static Map<String, List<Sample>> rates(String spec) {
    Map<String, List<Sample>> out = new LinkedHashMap<>();
    for (String part : spec.split("\\|")) {
      String[] codeRates = part.split(":");
      String[] beforeAfter = codeRates[1].split(">");
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        double v = Double.parseDouble(i < 20 ? beforeAfter[0] : beforeAfter[1]);
        samples.add(new Sample(NOW.minusSeconds(30L * (39 - i)), v));
      }
      out.put(codeRates[0], samples);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} with codes {1}: anomalous {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        // 5xx from near zero: caught by default
        "200:100>60|500:0>40; auto; true; 500",
        // a 422 jump after a deploy, no 5xx at all: caught by default
        "200:100>70|422:0.1>30; auto; true; 422",
        // 409 conflicts from near zero
        "200:100>80|409:0>20|500:0.1>0.1; auto; true; 409,500",
        // 404s always at 20% are traffic, not an incident
        "200:80>80|404:20>20; auto; false; ",
        // 404s always there, and a real 5xx jump: only the 5xx count
        "200:80>50|404:20>20|503:0>30; auto; true; 503",
        // quiet: errors stay near zero
        "200:100>100|500:0.1>0.2; auto; false; 500",
        // a service that always runs at 8% 5xx: its own baseline, not the absolute threshold
        "200:92>92|500:8>8; auto; false; 500",
        // the same service when its 5xx triples
        "200:92>70|500:8>30; auto; true; 500",
        // configured codes: the 409s count only when listed
        "200:100>80|409:0>20; 5xx; false; ",
        "200:100>80|409:0>20; 5xx,409; true; 409",
        // a class listed as 4xx counts every 4xx code
        "200:100>70|422:0>30; 4xx; true; 422",
      })
  void countsTheCodesThatJumpedAgainstTheWorkloadsOwnBaseline(
      String spec, String codes, boolean anomalous, String counted) {
    ErrorSignal signal =
        ErrorSignal.of(rates(spec), ErrorCodes.parse(codes).orElseThrow(), 0.05, 0.01)
            .orElseThrow();

    assertThat(signal.anomalous()).isEqualTo(anomalous);
    assertThat(String.join(",", signal.codes())).isEqualTo(counted == null ? "" : counted);
    if (anomalous) {
      assertThat(signal.onset()).isEqualTo(NOW.minusSeconds(30L * 19));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "auto; true",
        "5xx, 409; true",
        "5XX,422; true",
        "sometimes; false",
        "5xy; false",
        "; false"
      })
  void readsTheErrorCodesAnnotation(String text, boolean valid) {
    assertThat(ErrorCodes.parse(text).isPresent()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"3, 1.0, true", "12, 1.0, true", "12, 0.08, false", "5, 0.08, true"})
  void aFaultPresentForTheWholeRangeStillCounts(int samples, double ratio, boolean anomalous) {
    List<Sample> series = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      series.add(new Sample(NOW.minusSeconds(30L * (samples - 1 - i)), ratio));
    }

    ErrorSignal signal = ErrorSignal.fromRatio(series, List.of("error_ratio query"), 0.05);

    assertThat(signal.anomalous()).isEqualTo(anomalous);
  }
}
