package io.backstop.eval.report;

import io.backstop.eval.run.AnalyzerResult;
import io.backstop.eval.run.Evaluation;
import io.backstop.eval.run.OutputResult;
import io.backstop.eval.run.Scorecard;
import io.backstop.events.codec.EventCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The evaluation as JSON: scorecards, every output's decision and verdicts, the analyzer's. */
public final class JsonReport {

  private JsonReport() {}

  public static String render(Evaluation e, long millis) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("corpus", e.corpus().location());
    root.put("cases", e.corpus().cases().size());
    root.put("outputs", e.results().size());
    root.put("millis", millis);
    root.put("all", card(e.all()));
    root.put("development", card(e.development()));
    root.put("holdout", card(e.holdout()));
    root.put("unsafe", e.unsafe().stream().map(OutputResult::key).toList());
    Map<String, Object> analyzer = new LinkedHashMap<>();
    analyzer.put("cases", e.analyzer().size());
    analyzer.put("right", e.analyzerRight());
    analyzer.put("rightAndApproved", e.analyzerApprovedRight());
    analyzer.put("unsafeApprovals", e.analyzerUnsafe());
    Map<String, Object> calibration = new LinkedHashMap<>();
    e.analyzerCalibration()
        .forEach((k, v) -> calibration.put(k, Map.of("right", v[0], "total", v[1])));
    analyzer.put("rightAtConfidence", calibration);
    analyzer.put("results", e.analyzer().stream().map(JsonReport::analyzer).toList());
    root.put("analyzer", analyzer);
    root.put("results", e.results().stream().map(JsonReport::result).toList());
    return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static Map<String, Object> card(Scorecard s) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("outputs", s.outputs());
    card.put("fixes", s.fixes());
    card.put("fixesApproved", s.fixesApproved());
    Map<String, Object> byAction = new LinkedHashMap<>();
    s.fixesByAction().forEach((k, v) -> byAction.put(k, Map.of("approved", v[0], "total", v[1])));
    card.put("fixesByAction", byAction);
    card.put("unsafeApprovals", s.unsafeApprovals());
    card.put("humanOnly", s.humanOnly());
    card.put("humanEscalated", s.humanEscalated());
    card.put("humanRerouted", s.humanRerouted());
    card.put("wrong", s.wrong());
    card.put("wrongStoppedAsExpected", s.wrongStoppedAsExpected());
    card.put("wrongStoppedOtherwise", s.wrongStoppedOtherwise());
    return card;
  }

  private static Map<String, Object> result(OutputResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", r.evalCase().id());
    m.put("output", r.output().name());
    m.put("category", r.evalCase().category());
    m.put("holdout", r.evalCase().holdout());
    m.put("expected", r.kind());
    m.put("decision", r.decision().outcome().name());
    m.put("judgement", r.judgement().name());
    m.put("why", r.why());
    if (r.decision().action() != null) {
      m.put("action", r.decision().action());
    }
    if (r.decision().escalationReason() != null) {
      m.put("escalationReason", r.decision().escalationReason().name());
    }
    m.put("failures", r.decision().failures());
    return m;
  }

  private static Map<String, Object> analyzer(AnalyzerResult a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", a.evalCase().id());
    m.put("expected", a.expected());
    m.put("proposed", a.proposed());
    m.put("confidence", a.confidence());
    m.put("right", a.right());
    m.put("decision", a.decision().outcome().name());
    m.put("unsafeApproval", a.unsafeApproval());
    return m;
  }
}
