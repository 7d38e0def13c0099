package io.backstop.scenario.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in a scenario document: property names and array indexes from the root,
 * rendered as {@code cluster.namespaces[0].deployments[1].replicas}.
 */
public record FieldPath(List<Object> elements) {

  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(Object... elements) {
    return new FieldPath(List.of(elements));
  }

  public FieldPath property(String name) {
    return append(name);
  }

  public FieldPath index(int index) {
    return append(index);
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  public FieldPath parent() {
    return isRoot() ? this : new FieldPath(elements.subList(0, elements.size() - 1));
  }

  /** The JSON Pointer of this path ({@code /cluster/namespaces/0}). */
  public String pointer() {
    var pointer = new StringBuilder();
    for (Object element : elements) {
      pointer.append('/').append(element.toString().replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  @Override
  public String toString() {
    var text = new StringBuilder();
    for (Object element : elements) {
      if (element instanceof Integer) {
        text.append('[').append(element).append(']');
      } else {
        text.append(text.length() == 0 ? "" : ".").append(element);
      }
    }
    return text.toString();
  }

  private FieldPath append(Object element) {
    var next = new ArrayList<>(elements);
    next.add(element);
    return new FieldPath(next);
  }
}
