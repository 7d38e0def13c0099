package io.backstop.modelsim.answer;

import io.backstop.scenario.ScriptedDiagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves {@code citedEvidence: auto} against the prompt, per the prompt contract with
 * diagnosis-service: evidence lines start with their id in brackets ({@code [E3] LOG shop/checkout
 * ...}). Cites the lines that mention {@code namespace/resource} and are not flagged {@code
 * suspected-injection}; when none does, those that mention the resource name at all.
 */
public final class EvidenceCitation {

  private static final Pattern EVIDENCE_LINE = Pattern.compile("^\\s*\\[(E[0-9]+)]\\s.*$");
  private static final String INJECTION_FLAG = "suspected-injection";

  private EvidenceCitation() {}

  public static List<String> cite(String prompt, ScriptedDiagnosis diagnosis) {
    if (!diagnosis.citedEvidence().auto()) {
      return diagnosis.citedEvidence().ids();
    }
    String resource = diagnosis.suspectedResource();
    String qualified = diagnosis.suspectedNamespace() + "/" + resource;
    var exact = matching(prompt, qualified, false);
    return exact.isEmpty() ? matching(prompt, resource, true) : exact;
  }

  private static List<String> matching(String prompt, String needle, boolean wordOnly) {
    var ids = new ArrayList<String>();
    var word = Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(needle) + "(?![A-Za-z0-9-])");
    for (String line : prompt.split("\\R")) {
      var match = EVIDENCE_LINE.matcher(line);
      if (!match.matches() || line.contains(INJECTION_FLAG) || ids.contains(match.group(1))) {
        continue;
      }
      boolean mentions = wordOnly ? word.matcher(line).find() : line.contains(needle);
      if (mentions) {
        ids.add(match.group(1));
      }
    }
    return ids;
  }
}
