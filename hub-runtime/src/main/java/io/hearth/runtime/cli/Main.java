package io.hearth.runtime.cli;

import io.hearth.runtime.Hub;
import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.RuntimeSettings;
import io.hearth.runtime.Version;
import io.hearth.runtime.config.ConfigException;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.ConfigPrinter;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubStartException;
import io.hearth.runtime.spi.HubModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code hearth} command. Exit codes: 0 done (or stopped by SIGTERM), 1 unexpected failure, 2
 * bad command line or configuration, 3 the environment refused (data directory, port, store).
 */
public final class Main {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final ModuleCatalog catalog;

  Main(PrintStream out, PrintStream err, Map<String, String> env, ModuleCatalog catalog) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.catalog = catalog;
  }

  public static void main(String[] args) {
    Main main = new Main(System.out, System.err, System.getenv(), ModuleCatalog.discover());
    int code = main.execute(args);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns its exit code, or -1 when the hub keeps running in the background. */
  int execute(String[] args) {
    try {
      CommandLine line = CommandLine.parse(args);
      return switch (line.command()) {
        case "run" -> run(config(line), false);
        case "demo" -> run(demoConfig(line), true);
        case "config" -> print(ConfigPrinter.print(config(line)));
        case "modules" -> modules(config(line));
        case "version" -> print("hearth " + Version.current());
        case "help", "--help", "-h" -> print(CommandLine.USAGE);
        default -> extra(line);
      };
    } catch (ConfigException e) {
      err.println("hearth: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (HubStartException e) {
      err.println("hearth: " + e.getMessage());
      return e.exitCode().code();
    }
  }

  HubConfig config(CommandLine line) {
    return config(line, List.of());
  }

  /** A command another module adds (hearth relay), with its own configuration keys. */
  private int extra(CommandLine line) {
    for (ExtraCommand command : ServiceLoader.load(ExtraCommand.class)) {
      if (command.name().equals(line.command())) {
        ConfigLoader loader = new ConfigLoader(command.configKeys());
        String file = line.configFile() != null ? line.configFile() : env.get("HEARTH_CONFIG");
        if (file != null) {
          loader.file(Path.of(file));
        }
        return command.run(loader.environment(env).overrides(line.sets()).build(), out);
      }
    }
    throw new ConfigException("unknown command '" + line.command() + "'. Run `hearth help`.");
  }

  HubConfig config(CommandLine line, List<String> presets) {
    ConfigLoader loader = new ConfigLoader(catalog.configKeys()).overrides(presets);
    String file = line.configFile() != null ? line.configFile() : env.get("HEARTH_CONFIG");
    if (file != null) {
      loader.file(Path.of(file));
    }
    List<String> sets = new ArrayList<>(line.sets());
    if (line.dataDir() != null) {
      sets.add(RuntimeSettings.DATA_DIR.name() + "=" + line.dataDir());
    }
    return loader.environment(env).overrides(sets).build();
  }

  private HubConfig demoConfig(CommandLine line) {
    try {
      Path dir = Files.createTempDirectory("hearth-demo-");
      HubConfig config = config(line, catalog.demoSettings());
      return line.dataDir() == null
          ? config.with(RuntimeSettings.DATA_DIR, dir.toString())
          : config;
    } catch (IOException e) {
      throw new HubStartException(
          ExitCode.ENVIRONMENT, "cannot make a temporary directory: " + e.getMessage(), e);
    }
  }

  private int run(HubConfig config, boolean demo) {
    io.hearth.runtime.logging.LogSettings.apply(
        config.get(io.hearth.runtime.logging.LogSettings.FORMAT));
    Hub hub = Hub.start(config, catalog);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  hub.stop();
                  stopped.countDown();
                  Runtime.getRuntime().halt(ExitCode.OK.code());
                },
                "hearth-shutdown"));
    if (demo) {
      out.print(DemoBanner.text(hub.context()));
    } else {
      out.println(
          "Hearth "
              + Version.current()
              + " is running; ports "
              + hub.context().ports()
              + ". Stop it with Ctrl-C or SIGTERM.");
    }
    out.flush();
    ServiceReadiness.announce(
        env, ServiceReadiness.COMMAND, "Hearth " + Version.current() + " is running", err);
    return -1;
  }

  private int modules(HubConfig config) {
    List<HubModule> enabled = catalog.enabled(config);
    StringBuilder text = new StringBuilder();
    for (HubModule module : catalog.all()) {
      text.append(
          String.format(
              "%-10s %-9s %s%n",
              module.name(),
              enabled.contains(module) ? "enabled" : "disabled",
              module.description()));
    }
    return print(text.toString());
  }

  private int print(String text) {
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
    return ExitCode.OK.code();
  }

  static String readOwnerToken(Path dataDir) {
    try {
      return Files.readString(dataDir.resolve("owner.token"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
