package io.hearth.runtime.error;

/** Process exit codes of the {@code hearth} command; each means one kind of outcome. */
public enum ExitCode {
  /** Finished normally, or stopped gracefully on SIGTERM. */
  OK(0),
  /** An unexpected failure: a bug or an unforeseen condition; the log says more. */
  FAILURE(1),
  /** The command line or the configuration is wrong; the message names what and where. */
  USAGE(2),
  /** The environment refused: data directory not writable, port in use, database unusable. */
  ENVIRONMENT(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
