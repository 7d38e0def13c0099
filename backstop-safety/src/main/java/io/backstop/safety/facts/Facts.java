package io.backstop.safety.facts;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The facts of one proposal, one value per {@link Vocabulary} variable. Safety rationale: built
 * only through {@link #of(Map)}, which refuses a missing, extra or wrongly typed fact, so a policy
 * never reads a default that nobody computed.
 */
public final class Facts {

  /**
   * A HashMap no one else holds (a copy, or the one {@link FactSheet} built and handed over): CEL
   * looks a fact up for every name in every policy, and a HashMap compares cached hashes before
   * names. Never handed out but read-only.
   */
  private final HashMap<String, Object> values;

  private final Map<String, Object> view;

  /** The same values by {@link Vocabulary#slot}, for readers that resolved a name once. */
  private final Object[] slots;

  private Facts(HashMap<String, Object> owned, Object[] slots) {
    this.values = owned;
    this.view = Collections.unmodifiableMap(owned);
    this.slots = slots;
  }

  public static Facts of(Map<String, Object> values) {
    return validated(new HashMap<>(values));
  }

  /**
   * For {@link FactSheet}, which built the map for this alone and hands it over: the same checks,
   * without a copy of every fact per review.
   */
  static Facts owning(HashMap<String, Object> values) {
    return validated(values);
  }

  private static Facts validated(HashMap<String, Object> values) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new NullPointerException("fact " + e.getKey() + " has no value");
      }
    }
    Map<String, CelType> declared = Vocabulary.variables();
    Object[] slots = new Object[declared.size()];
    int slot = 0;
    for (Map.Entry<String, CelType> variable : declared.entrySet()) {
      Object value = values.get(variable.getKey());
      slots[slot++] = value;
      if (!fits(variable.getValue(), value)) {
        throw new IllegalArgumentException(
            "fact '"
                + variable.getKey()
                + "' must be "
                + variable.getValue()
                + ", but was "
                + value);
      }
    }
    if (values.size() != declared.size()) {
      for (String name : values.keySet()) {
        if (!declared.containsKey(name)) {
          throw new IllegalArgumentException("fact '" + name + "' is not in the vocabulary");
        }
      }
    }
    return new Facts(values, slots);
  }

  /** The activation handed to CEL. */
  public Map<String, Object> activation() {
    return view;
  }

  /**
   * The value of a fact for CEL's variable resolver, which reads the facts in place: handing CEL
   * the map instead makes it copy every fact into a new map for every policy it evaluates.
   */
  public Optional<Object> find(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * The value of the fact in {@link Vocabulary#slot} {@code slot}: every declared fact has one,
   * checked against its type when these facts were built.
   */
  public Object slot(int slot) {
    return slots[slot];
  }

  public Object get(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("no fact named '" + name + "'");
    }
    return values.get(name);
  }

  /** Sorted, for the record and for tests. */
  public Map<String, Object> sorted() {
    return new TreeMap<>(values);
  }

  private static boolean fits(CelType type, Object value) {
    if (type.equals(SimpleType.BOOL)) {
      return value instanceof Boolean;
    }
    if (type.equals(SimpleType.INT)) {
      return value instanceof Long;
    }
    if (type.equals(SimpleType.DOUBLE)) {
      return value instanceof Double;
    }
    if (type.equals(SimpleType.STRING)) {
      return value instanceof String;
    }
    if (type instanceof ListType) {
      if (!(value instanceof List<?> list)) {
        return false;
      }
      for (Object element : list) {
        if (!(element instanceof String)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return sorted().toString();
  }
}
