package io.backstop.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The packages of one module's classes and which depends on which, with one example dependency per
 * edge; its cycles are its strongly connected components of more than one package. The module's
 * root package is left out, as Spring Modulith leaves out an application's root: by the conventions
 * it holds the application and its typed properties, which wire every adapter package and are read
 * by them.
 */
final class PackageGraph {

  private static final String PROJECT = "io.backstop.";

  private final Map<String, Map<String, String>> edges = new TreeMap<>();

  private PackageGraph() {}

  static PackageGraph of(JavaClasses classes) {
    String root = root(classes);
    PackageGraph graph = new PackageGraph();
    for (JavaClass origin : classes) {
      String from = origin.getPackageName();
      if (!from.startsWith(PROJECT) || from.equals(root)) {
        continue;
      }
      graph.edges.computeIfAbsent(from, p -> new TreeMap<>());
      for (Dependency d : origin.getDirectDependenciesFromSelf()) {
        String to = d.getTargetClass().getBaseComponentType().getPackageName();
        if (to.startsWith(PROJECT) && !to.equals(from) && !to.equals(root)) {
          graph.edges.get(from).putIfAbsent(to, d.getDescription());
        }
      }
    }
    return graph;
  }

  /** The package every other package of the module is under, when it holds classes itself. */
  static String root(JavaClasses classes) {
    Set<String> packages = new TreeSet<>();
    classes.forEach(c -> packages.add(c.getPackageName()));
    return packages.stream()
        .filter(p -> packages.stream().allMatch(q -> q.equals(p) || q.startsWith(p + ".")))
        .findFirst()
        .orElse("");
  }

  /** Every cycle: each a set of packages that all reach one another, sorted by name. */
  List<SortedSet<String>> cycles() {
    return new Tarjan().run();
  }

  /** The example dependencies between the packages of one cycle. */
  List<String> dependenciesWithin(Set<String> cycle) {
    List<String> found = new ArrayList<>();
    for (String from : cycle) {
      edges.getOrDefault(from, Map.of()).entrySet().stream()
          .filter(e -> cycle.contains(e.getKey()))
          .forEach(e -> found.add(from + " -> " + e.getKey() + ": " + e.getValue()));
    }
    return found;
  }

  /** Tarjan's strongly connected components (recursive: package graphs are shallow). */
  private final class Tarjan {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new java.util.HashSet<>();
    private final List<SortedSet<String>> components = new ArrayList<>();
    private int next;

    List<SortedSet<String>> run() {
      for (String p : edges.keySet()) {
        if (!index.containsKey(p)) {
          visit(p);
        }
      }
      components.sort((a, b) -> a.first().compareTo(b.first()));
      return components;
    }

    private void visit(String p) {
      index.put(p, next);
      low.put(p, next);
      next++;
      stack.push(p);
      onStack.add(p);
      for (String q : edges.getOrDefault(p, Map.of()).keySet()) {
        if (!index.containsKey(q)) {
          visit(q);
          low.put(p, Math.min(low.get(p), low.get(q)));
        } else if (onStack.contains(q)) {
          low.put(p, Math.min(low.get(p), index.get(q)));
        }
      }
      if (low.get(p).equals(index.get(p))) {
        SortedSet<String> component = new TreeSet<>();
        String q;
        do {
          q = stack.pop();
          onStack.remove(q);
          component.add(q);
        } while (!q.equals(p));
        if (component.size() > 1) {
          components.add(component);
        }
      }
    }
  }
}
