package io.backstop.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be used, with every problem found: each names the file, the line and
 * the field ({@code bad-deploy.yaml:14: cluster.namespaces[0].deployments[1].replicas: must be >=
 * 1}). The first problem is the one nearest the top of the file.
 */
public final class ScenarioException extends RuntimeException {

  private final transient List<Problem> problems;

  public ScenarioException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ScenarioException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public static ScenarioException of(String file, int line, String field, String message) {
    return new ScenarioException(List.of(new Problem(file, line, field, message)));
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The first problem: the one nearest the top of the file. */
  public Problem first() {
    return problems.get(0);
  }

  private static String render(List<Problem> problems) {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /**
   * One problem: file name, 1-based line, the field as a path ({@code a.b[0].c}, empty for the
   * document as a whole) and what is wrong with it.
   */
  public record Problem(String file, int line, String field, String message) {

    @Override
    public String toString() {
      return field.isEmpty()
          ? file + ":" + line + ": " + message
          : file + ":" + line + ": " + field + ": " + message;
    }
  }
}
