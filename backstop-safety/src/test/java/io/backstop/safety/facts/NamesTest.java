package io.backstop.safety.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0441heckout", // Cyrillic es
        "checkou\u0442", // Cyrillic te
        "ch\u0435ckout", // Cyrillic ie
        "check\u200bout", // zero-width space
        "check\u200cout", // zero-width non-joiner
        "checkout\u200d", // zero-width joiner
        "\ufeffcheckout", // byte-order mark
        "\u202echeckout", // right-to-left override
        "check\u2066out", // left-to-right isolate
        "check\u00adout", // soft hyphen
        "check\u3164out", // Hangul filler
        "check out", // space
        "Checkout", // not lower case
        "checkout\n",
        "che\u0301ckout", // combining accent
        "",
        "-checkout"
      })
  void disguisedOrInvalidNamesAreNoNameAtAll(String raw) {
    assertThat(Names.canonical(raw)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"checkout", "prod-db", "cart.v2", " checkout "})
  void plainNamesAreReadAsThemselves(String raw) {
    assertThat(Names.canonical(raw)).contains(raw.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uff43\uff48\uff45\uff43\uff4b\uff4f\uff55\uff54"})
  void compatibilityFormsNormaliseToThePlainName(String fullWidth) {
    assertThat(Names.canonical(fullWidth)).contains("checkout");
  }

  @Test
  void everyAsciiCharacterIsItsOwnNfkcFormSoPlainNamesSkipNormalising() {
    for (char c = 0; c < 0x80; c++) {
      String one = String.valueOf(c);
      assertThat(Normalizer.normalize(one, Normalizer.Form.NFKC))
          .as("U+%04X", (int) c)
          .isEqualTo(one);
    }
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c).append((char) (0x7f - c));
    }
    assertThat(Normalizer.normalize(all, Normalizer.Form.NFKC)).isEqualTo(all.toString());
  }

  @Test
  void theDnsCheckAcceptsExactlyWhatTheRegexMatches() {
    Pattern dns = Pattern.compile(Names.DNS_NAME);
    String alphabet = "az09-.Z_ \u0441";
    Random random = new Random(20261204L);
    int accepted = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int c = random.nextInt(9); c > 0; c--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = text.toString();
      boolean expected = dns.matcher(s).matches();
      assertThat(Names.isDnsName(s)).as("'%s'", s).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).isBetween(1_000, 49_000);
  }
}
