package io.hearth.runtime.cli;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.List;

/**
 * A command another part of the distribution adds to {@code hearth} (found with {@link
 * java.util.ServiceLoader}), such as {@code hearth relay} from the cloud bridge. It gets the shared
 * options (--config, --set, environment) read against its own configuration keys, and runs in the
 * foreground until the process is stopped.
 */
public interface ExtraCommand {
  /** The word that selects it: {@code hearth <name>}. */
  String name();

  /** One line for {@code hearth help}. */
  String summary();

  /** The configuration keys it reads. */
  List<ConfigKey<?>> configKeys();

  /**
   * Starts it with its configuration; returns an exit code, or -1 when it keeps running in the
   * background until the process is stopped. Throws {@link
   * io.hearth.runtime.error.HubStartException} or {@link io.hearth.runtime.config.ConfigException}
   * with a message a person can act on.
   */
  int run(HubConfig config, java.io.PrintStream out);
}
