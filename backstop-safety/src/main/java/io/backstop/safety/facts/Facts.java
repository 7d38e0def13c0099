package io.backstop.safety.facts;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The facts of one proposal, one value per {@link Vocabulary} variable, held by the variable's
 * {@link Vocabulary#slot}. Safety rationale: built only through {@link #of(Map)} or {@link
 * FactSheet}'s {@link Sheet}, both of which refuse a missing, extra or wrongly typed fact, so a
 * policy never reads a default that nobody computed.
 */
public final class Facts {

  /** Each fact's value by {@link Vocabulary#slot}; every slot holds a value of its type. */
  private final Object[] slots;

  private Facts(Object[] slots) {
    this.slots = slots;
  }

  public static Facts of(Map<String, Object> values) {
    Object[] slots = new Object[Vocabulary.size()];
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new NullPointerException("fact " + e.getKey() + " has no value");
      }
      int slot = Vocabulary.slot(e.getKey());
      if (slot < 0) {
        throw new IllegalArgumentException("fact '" + e.getKey() + "' is not in the vocabulary");
      }
      slots[slot] = e.getValue();
    }
    return validated(slots);
  }

  /** Every slot filled with a value of its variable's type, or the first that is not, named. */
  private static Facts validated(Object[] slots) {
    for (int slot = 0; slot < slots.length; slot++) {
      if (!Vocabulary.fits(slot, slots[slot])) {
        throw new IllegalArgumentException(
            "fact '"
                + Vocabulary.name(slot)
                + "' must be "
                + Vocabulary.type(slot)
                + ", but was "
                + slots[slot]);
      }
    }
    return new Facts(slots);
  }

  /** The facts by name, read-only (for CEL's activation and for records). */
  public Map<String, Object> activation() {
    return Collections.unmodifiableMap(sorted());
  }

  /**
   * The value of a fact for CEL's variable resolver, which reads the facts in place: handing CEL a
   * map instead makes it copy every fact into a new map for every policy it evaluates.
   */
  public Optional<Object> find(String name) {
    int slot = Vocabulary.slot(name);
    return slot < 0 ? Optional.empty() : Optional.of(slots[slot]);
  }

  /**
   * The value of the fact in {@link Vocabulary#slot} {@code slot}: every declared fact has one,
   * checked against its type when these facts were built.
   */
  public Object slot(int slot) {
    return slots[slot];
  }

  public Object get(String name) {
    int slot = Vocabulary.slot(name);
    if (slot < 0) {
      throw new IllegalArgumentException("no fact named '" + name + "'");
    }
    return slots[slot];
  }

  /** Sorted, for the record and for tests. */
  public Map<String, Object> sorted() {
    Map<String, Object> sorted = new TreeMap<>();
    for (int slot = 0; slot < slots.length; slot++) {
      sorted.put(Vocabulary.name(slot), slots[slot]);
    }
    return sorted;
  }

  @Override
  public String toString() {
    return sorted().toString();
  }

  /**
   * The facts as {@link FactSheet}'s contributors write them: each {@code put} goes straight into
   * the fact's slot (no map entry per fact and review); a name outside the vocabulary or a null
   * value is refused at once, a fact nobody wrote when {@link #facts()} checks every slot.
   */
  static final class Sheet extends AbstractMap<String, Object> {

    private final Object[] slots = new Object[Vocabulary.size()];
    private boolean done;

    @Override
    public Object put(String name, Object value) {
      if (done) {
        throw new IllegalStateException("the facts are already built");
      }
      if (name == null || value == null) {
        throw new NullPointerException("fact " + name + " has no value");
      }
      int slot = Vocabulary.slot(name);
      if (slot < 0) {
        throw new IllegalArgumentException("fact '" + name + "' is not in the vocabulary");
      }
      Object previous = slots[slot];
      slots[slot] = value;
      return previous;
    }

    @Override
    public Object get(Object name) {
      int slot = name instanceof String s ? Vocabulary.slot(s) : -1;
      return slot < 0 ? null : slots[slot];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      Map<String, Object> written = new TreeMap<>();
      for (int slot = 0; slot < slots.length; slot++) {
        if (slots[slot] != null) {
          written.put(Vocabulary.name(slot), slots[slot]);
        }
      }
      return Collections.unmodifiableMap(written).entrySet();
    }

    /** The facts written, checked; the sheet takes no more writes. */
    Facts facts() {
      done = true;
      return validated(slots);
    }
  }

  /**
   * Whether {@code value} is a list whose every element is a String (CEL's list(string)). One
   * interface check per value: asking each list for {@code RandomAccess} as well made HotSpot's
   * one-entry cache of a class's last interface answer alternate between the two, so every check
   * walked the class's interfaces (about 8 % of a review). Reading by index is right for any list
   * and cheap for the short lists facts are.
   */
  static boolean strings(Object value) {
    if (!(value instanceof List<?> list)) {
      return false;
    }
    for (int i = 0, n = list.size(); i < n; i++) {
      if (!(list.get(i) instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
