package io.hearth.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Builds the effective {@link HubConfig} from the registered keys: defaults, then one YAML file
 * (one section per module), then {@code HEARTH_*} environment variables, then {@code --set
 * section.key=value}. Every error names the file, the line and the key, and what is expected.
 */
public final class ConfigLoader {
  /** Largest configuration file accepted; a config file is a few kilobytes. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final java.util.Set<String> seenInFile = new java.util.HashSet<>();

  public ConfigLoader(Collection<ConfigKey<?>> known) {
    for (ConfigKey<?> key : known) {
      if (keys.putIfAbsent(key.name(), key) != null) {
        throw new IllegalStateException("configuration key declared twice: " + key.name());
      }
    }
  }

  /** Reads a YAML file; a missing, unreadable, malformed or unknown entry is a ConfigException. */
  public ConfigLoader file(Path path) {
    String where = path.toString();
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new ConfigException(where + ": larger than 1 MiB; is this the right file?");
      }
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        Node root = new Yaml(loaderOptions()).compose(reader);
        if (root != null) {
          readRoot(where, root);
        }
      }
    } catch (MarkedYAMLException e) {
      throw new ConfigException(
          where
              + " line "
              + (e.getProblemMark().getLine() + 1)
              + ", column "
              + (e.getProblemMark().getColumn() + 1)
              + ": "
              + e.getProblem()
              + ". Fix the YAML syntax there.",
          e);
    } catch (YAMLException e) {
      throw new ConfigException(where + ": not valid YAML: " + e.getMessage(), e);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ConfigException(where + ": not UTF-8 text; save the file as UTF-8.", e);
    } catch (IOException e) {
      throw new ConfigException(
          where + ": cannot read the configuration file (" + e.getMessage() + ").", e);
    }
    return this;
  }

  /** Applies {@code HEARTH_SECTION_KEY} variables from the given environment. */
  public ConfigLoader environment(Map<String, String> env) {
    for (ConfigKey<?> key : keys.values()) {
      String text = env.get(key.environmentVariable());
      if (text != null) {
        put(key, text, "environment variable " + key.environmentVariable());
      }
    }
    return this;
  }

  /** Applies {@code section.key=value} overrides from the command line. */
  public ConfigLoader overrides(List<String> assignments) {
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "--set " + assignment + ": expected section.key=value, e.g. --set api.port=18443");
      }
      String name = assignment.substring(0, eq).trim();
      put(known(name, "--set " + assignment), assignment.substring(eq + 1), "--set");
    }
    return this;
  }

  public HubConfig build() {
    return new HubConfig(keys, values, origins);
  }

  private void readRoot(String where, Node root) {
    MappingNode sections = mapping(root, where, "the top level must map section names to keys");
    for (NodeTuple section : sections.getValue()) {
      String sectionName = scalarText(section.getKeyNode(), where);
      Node body = section.getValueNode();
      if (!sectionExists(sectionName)) {
        throw new ConfigException(
            at(where, section.getKeyNode())
                + "unknown section '"
                + sectionName
                + "'; known sections: "
                + String.join(", ", sectionNames())
                + ".");
      }
      if (body instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
        continue;
      }
      MappingNode entries =
          mapping(body, at(where, body), "section " + sectionName + " must map keys to values");
      for (NodeTuple entry : entries.getValue()) {
        readEntry(where, sectionName, entry);
      }
    }
  }

  private void readEntry(String where, String prefix, NodeTuple entry) {
    String place = at(where, entry.getKeyNode());
    String name = prefix + "." + scalarText(entry.getKeyNode(), where);
    if (entry.getValueNode() instanceof MappingNode nested && !keys.containsKey(name)) {
      for (NodeTuple inner : nested.getValue()) {
        readEntry(where, name, inner);
      }
      return;
    }
    ConfigKey<?> key = known(name, place.trim());
    if (!seenInFile.add(name)) {
      throw new ConfigException(place + name + " is set twice in the file; keep one.");
    }
    if (!(entry.getValueNode() instanceof ScalarNode value)) {
      throw new ConfigException(place + name + ": expected a single " + key.typeName() + ".");
    }
    put(
        key,
        value.getValue(),
        where + " line " + (entry.getKeyNode().getStartMark().getLine() + 1),
        place);
  }

  private void put(ConfigKey<?> key, String text, String origin) {
    put(key, text, origin, origin + ": ");
  }

  private void put(ConfigKey<?> key, String text, String origin, String place) {
    try {
      values.put(key.name(), key.parse(text));
      origins.put(key.name(), origin);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(place + key.name() + ": " + e.getMessage() + ".", e);
    }
  }

  private ConfigKey<?> known(String name, String place) {
    ConfigKey<?> key = keys.get(name);
    if (key == null) {
      throw new ConfigException(
          place
              + ": unknown key '"
              + name
              + "'"
              + suggestion(name)
              + " `hearth config` lists every key.");
    }
    return key;
  }

  private String suggestion(String name) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : keys.keySet()) {
      int d = Levenshtein.distance(name, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "." : " (did you mean " + best + "?).";
  }

  private boolean sectionExists(String section) {
    return sectionNames().contains(section);
  }

  private TreeSet<String> sectionNames() {
    TreeSet<String> names = new TreeSet<>();
    keys.values().forEach(k -> names.add(k.section()));
    return names;
  }

  private static MappingNode mapping(Node node, String where, String expectation) {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    throw new ConfigException(where + (where.endsWith(": ") ? "" : ": ") + expectation + ".");
  }

  private static String scalarText(Node node, String where) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw new ConfigException(at(where, node) + "a key must be plain text.");
  }

  private static String at(String where, Node node) {
    return where + " line " + (node.getStartMark().getLine() + 1) + ": ";
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(10);
    options.setCodePointLimit((int) MAX_FILE_BYTES);
    return options;
  }
}
