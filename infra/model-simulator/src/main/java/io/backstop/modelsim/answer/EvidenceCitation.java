package io.backstop.modelsim.answer;

import io.backstop.scenario.ScriptedDiagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code citedEvidence: auto} against the prompt, per the prompt contract with
 * diagnosis-service: evidence lines start with their id in brackets and name the workload they are
 * about ({@code [E3] LOG shop/checkout ...}; {@code -/-} for an item about no workload, such as a
 * node). Cites, never a line flagged {@code suspected-injection}: the lines about {@code
 * namespace/resource}, and lines about no workload that mention it; when the resource is not the
 * alerted workload ({@code Alerted workload: shop/frontend}), also the lines about the alerted
 * workload, the chain a careful diagnosis of a victim cites. When no line is about the resource,
 * the lines that mention {@code namespace/resource}, else the resource's name as a word.
 */
public final class EvidenceCitation {

  private static final Pattern EVIDENCE_LINE =
      Pattern.compile("^\\s*\\[(E[0-9]+)]\\s+\\S+\\s+(\\S+)\\s.*$");
  private static final Pattern ALERTED = Pattern.compile("(?m)^Alerted workload: (\\S+)\\s*$");
  private static final String NO_WORKLOAD = "-/-";
  private static final String INJECTION_FLAG = "suspected-injection";

  private EvidenceCitation() {}

  public static List<String> cite(String prompt, ScriptedDiagnosis diagnosis) {
    if (!diagnosis.citedEvidence().auto()) {
      return diagnosis.citedEvidence().ids();
    }
    String resource = diagnosis.suspectedResource();
    String qualified = diagnosis.suspectedNamespace() + "/" + resource;
    List<String> about =
        about(prompt, qualified, alerted(prompt).filter(a -> !a.equals(qualified)));
    if (!about.isEmpty()) {
      return about;
    }
    var exact = matching(prompt, qualified, false);
    return exact.isEmpty() ? matching(prompt, resource, true) : exact;
  }

  private static Optional<String> alerted(String prompt) {
    Matcher m = ALERTED.matcher(prompt);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Lines about the workload (or about none and mentioning it), then about the alerted one. */
  private static List<String> about(String prompt, String qualified, Optional<String> victim) {
    var own = new ArrayList<String>();
    var chain = new ArrayList<String>();
    for (String line : prompt.split("\\R")) {
      var match = EVIDENCE_LINE.matcher(line);
      if (!match.matches() || line.contains(INJECTION_FLAG)) {
        continue;
      }
      String workload = match.group(2);
      if (workload.equals(qualified)
          || (workload.equals(NO_WORKLOAD) && line.contains(qualified))) {
        own.add(match.group(1));
      } else if (victim.isPresent() && workload.equals(victim.get())) {
        chain.add(match.group(1));
      }
    }
    if (own.isEmpty()) {
      return List.of();
    }
    own.addAll(chain);
    return own;
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
