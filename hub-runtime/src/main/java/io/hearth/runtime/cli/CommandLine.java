package io.hearth.runtime.cli;

import io.hearth.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** The parsed command line: a command and the options every command shares. */
record CommandLine(String command, String configFile, String dataDir, List<String> sets) {
  static final String USAGE =
      """
      Usage: hearth <command> [options]

      Commands:
        run       run the hub (data in ./hearth-data unless --data or hub.data-dir says)
        demo      run the hub on a temporary data directory and print its URL and owner token
        config    print the effective configuration, secrets masked
        modules   list the modules found, and whether each is enabled
        version   print the version
        help      print this text
        relay     run the blind relay (cloud bridge) in the foreground

      Options:
        --config FILE       read configuration from this YAML file
        --data DIR          data directory (same as --set hub.data-dir=DIR)
        --set KEY=VALUE     set one configuration key, e.g. --set api.port=18443
      """;

  static CommandLine parse(String[] args) {
    String command = null;
    String config = null;
    String data = null;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config" -> config = value(args, ++i, arg);
        case "--data" -> data = value(args, ++i, arg);
        case "--set" -> sets.add(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("--set=")) {
            sets.add(arg.substring(6));
          } else if (arg.startsWith("-") || command != null) {
            throw new ConfigException("unknown argument '" + arg + "'. Run `hearth help`.");
          } else {
            command = arg;
          }
        }
      }
    }
    return new CommandLine(command == null ? "help" : command, config, data, sets);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new ConfigException(option + " needs a value. Run `hearth help`.");
    }
    return args[index];
  }
}
