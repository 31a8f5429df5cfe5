package dev.kbuildx.registry;

import dev.kbuildx.InvalidSettingException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference read the way BuildKit and Docker read it ({@code [domain/]path[:tag][@digest]}),
 * normalised so that {@code busybox} means {@code docker.io/library/busybox}. Checking names before
 * the build saves a round trip that would end in a less precise daemon error.
 *
 * @param tag null when the reference has none
 * @param digest null when the reference has none
 */
public record ImageReference(String domain, String path, String tag, String digest) {

  public static final String DEFAULT_DOMAIN = "docker.io";
  private static final String OFFICIAL_PREFIX = "library/";
  private static final String ACCEPTED = "expected an image reference such as registry.example.com:5000/team/app:1.0,"
      + " app@sha256:<64 hex digits> or busybox (lower-case path components of letters, digits and . _ -)";

  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:(?:[._]|__|-+)" + ALPHANUMERIC + ")*";
  private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final int MAX_NAME_LENGTH = 255;

  /** Parses and normalises {@code text}; {@code setting} names the user setting in errors. */
  public static ImageReference parse(String text, String setting) {
    String rest = text == null ? "" : text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw invalid(text, setting, "the digest \"" + digest + "\" is not algorithm:hex");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(text, setting, "the tag \"" + tag + "\" is not valid");
      }
    }
    String domain = DEFAULT_DOMAIN;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash > 0 && isDomain(rest.substring(0, slash))) {
      domain = rest.substring(0, slash);
      path = rest.substring(slash + 1);
      if (!DOMAIN.matcher(domain).matches()) {
        throw invalid(text, setting, "the registry \"" + domain + "\" is not a host name with an optional port");
      }
      if (domain.equals("index.docker.io")) {
        domain = DEFAULT_DOMAIN;
      }
    }
    if (!path.equals(path.toLowerCase(Locale.ROOT))) {
      throw invalid(text, setting, "the repository \"" + path + "\" must be lower-case");
    }
    if (!PATH.matcher(path).matches()) {
      throw invalid(text, setting, null);
    }
    if (domain.equals(DEFAULT_DOMAIN) && path.indexOf('/') < 0) {
      path = OFFICIAL_PREFIX + path;
    }
    if (domain.length() + 1 + path.length() > MAX_NAME_LENGTH) {
      throw invalid(text, setting, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    return new ImageReference(domain, path, tag, digest);
  }

  /** Docker's rule: a first component is a registry when it looks like a host, not like a path. */
  private static boolean isDomain(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.equals(first.toLowerCase(Locale.ROOT));
  }

  private static InvalidSettingException invalid(String text, String setting, String problem) {
    return InvalidSettingException.setting(setting, text == null ? "" : text,
        problem == null ? ACCEPTED : problem + "; " + ACCEPTED);
  }

  /** {@code domain/path}, without tag or digest. */
  public String name() {
    return domain + "/" + path;
  }

  /**
   * The short form Docker shows ({@code busybox}, {@code team/app}, {@code host:5000/app}), with tag
   * and digest.
   */
  public String familiar() {
    String name = name();
    if (domain.equals(DEFAULT_DOMAIN)) {
      name = path.startsWith(OFFICIAL_PREFIX) ? path.substring(OFFICIAL_PREFIX.length()) : path;
    }
    return name + suffix();
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** The fully qualified form, e.g. {@code docker.io/library/busybox:1.36}. */
  @Override
  public String toString() {
    return name() + suffix();
  }
}
