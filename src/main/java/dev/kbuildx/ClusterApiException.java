package dev.kbuildx;

/**
 * A call to the cluster's API failed in a way the driver does not explain itself. It carries the
 * client library's failure as its cause, so that callers need no type of that library.
 */
public class ClusterApiException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  public ClusterApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
