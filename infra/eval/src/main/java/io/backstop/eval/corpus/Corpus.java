package io.backstop.eval.corpus;

import java.util.List;

/** Every case of a corpus, by id, with the directory it was read from. */
public record Corpus(String location, List<EvalCase> cases) {

  public Corpus {
    cases = List.copyOf(cases);
  }

  public long outputCount() {
    return cases.stream().mapToLong(c -> c.outputs().size()).sum();
  }
}
