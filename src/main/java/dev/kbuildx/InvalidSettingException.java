package dev.kbuildx;

/**
 * A user-supplied setting has a value we cannot accept. It is raised before anything is touched in
 * the cluster. {@link #setting()} is a stable key that the Maven layer maps to the XML element and
 * the {@code -Dkbuildx.*} property the user wrote; for driver options it is the buildx option key
 * (for example {@code replicas} or {@code env.FOO}) and {@link #isDriverOption()} is true.
 */
public class InvalidSettingException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;
  private final String accepted;
  private final boolean driverOption;

  private InvalidSettingException(String setting, String value, String accepted, boolean driverOption) {
    super(describe(setting, value, accepted, driverOption));
    this.setting = setting;
    this.value = value;
    this.accepted = accepted;
    this.driverOption = driverOption;
  }

  /** A builder-level setting such as {@code builder}, {@code node} or {@code platforms}. */
  public static InvalidSettingException setting(String setting, String value, String accepted) {
    return new InvalidSettingException(setting, value, accepted, false);
  }

  /** A driver option, named by its buildx key. */
  public static InvalidSettingException driverOption(String key, String value, String accepted) {
    return new InvalidSettingException(key, value, accepted, true);
  }

  private static String describe(String setting, String value, String accepted, boolean driverOption) {
    String what = driverOption ? "driver option " + setting : setting;
    return "invalid " + what + " \"" + value + "\": " + accepted;
  }

  public String setting() {
    return setting;
  }

  public String value() {
    return value;
  }

  /** What would have been accepted, as a sentence fragment. */
  public String accepted() {
    return accepted;
  }

  public boolean isDriverOption() {
    return driverOption;
  }
}
