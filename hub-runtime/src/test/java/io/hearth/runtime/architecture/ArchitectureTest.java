package io.hearth.runtime.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape the code keeps, read from every module's main sources: packages form no import cycle,
 * and modules reach the hub only through its plug-in boundary (never its wiring or database).
 */
class ArchitectureTest {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?(io\\.hearth[\\w.]*?)\\.[A-Z]");

  /** Each main source file (relative to the project root) with its package and imports. */
  private static final Map<Path, Source> SOURCES = new TreeMap<>();

  record Source(String pkg, Set<String> imports, String text) {}

  @BeforeAll
  static void read() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .forEach(p -> SOURCES.put(root.relativize(p), parse(p)));
    }
    assertTrue(
        SOURCES.size() > 300, "found only " + SOURCES.size() + " main sources under " + root);
  }

  private static Source parse(Path file) {
    try {
      String text = Files.readString(file);
      Matcher m = PACKAGE.matcher(text);
      String pkg = m.find() ? m.group(1) : "";
      Set<String> imports = new TreeSet<>();
      Matcher i = IMPORT.matcher(text);
      while (i.find()) {
        imports.add(i.group(1));
      }
      return new Source(pkg, imports, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void noPackageImportCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    SOURCES
        .values()
        .forEach(
            s -> {
              Set<String> out = graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
              s.imports().stream().filter(i -> !i.equals(s.pkg())).forEach(out::add);
            });
    assertEquals(List.of(), Cycles.of(graph), "packages that import each other, in a cycle");
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Set<String>> graph =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertEquals(List.of(Set.of("a", "b", "c")), Cycles.of(graph));
  }

  @Test
  void modulesReachTheHubOnlyThroughItsBoundary() {
    List<String> offenders = new ArrayList<>();
    SOURCES.forEach(
        (path, s) -> {
          if (path.startsWith("hub-runtime")) {
            return;
          }
          for (String forbidden :
              List.of(
                  "import io.hearth.runtime.HubContext;",
                  "import io.hearth.runtime.store.Database;")) {
            if (s.text().contains(forbidden)) {
              offenders.add(path + ": " + forbidden);
            }
          }
        });
    assertEquals(List.of(), offenders, "modules use ModuleContext and their ModuleStore instead");
  }

  /** Strongly connected components of more than one package (Tarjan). */
  static final class Cycles {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final List<Set<String>> found = new ArrayList<>();

    private Cycles(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    static List<Set<String>> of(Map<String, Set<String>> graph) {
      Cycles c = new Cycles(graph);
      new TreeSet<>(graph.keySet()).forEach(v -> c.visitIfNew(v));
      return c.found;
    }

    private void visitIfNew(String v) {
      if (!index.containsKey(v)) {
        visit(v);
      }
    }

    private void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (stack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          component.add(w);
        } while (!w.equals(v));
        if (component.size() > 1) {
          found.add(component);
        }
      }
    }
  }
}
