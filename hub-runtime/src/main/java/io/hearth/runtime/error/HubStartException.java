package io.hearth.runtime.error;

/** The hub cannot start because of its environment or configuration; carries the exit code. */
public class HubStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public HubStartException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public HubStartException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
