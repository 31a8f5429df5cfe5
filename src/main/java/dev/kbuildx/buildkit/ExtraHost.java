package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An {@code /etc/hosts} entry added to {@code RUN} steps, as buildx's {@code --add-host} sets it. */
public record ExtraHost(String host, String ip) {

  private static final String ACCEPTED = "expected host=ip or host:ip with a literal IPv4 or IPv6 address,"
      + " e.g. registry.local=10.0.0.5 or db=[fd00::1]";
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  /** Reads {@code host=ip}, or {@code host:ip} as buildx also accepts; brackets around the address are removed. */
  public static ExtraHost parse(String spec) {
    String value = spec == null ? "" : spec.trim();
    int separator = value.indexOf('=');
    if (separator < 0) {
      separator = value.indexOf(':');
    }
    if (separator <= 0 || separator == value.length() - 1) {
      throw invalid(spec, ACCEPTED);
    }
    String host = value.substring(0, separator);
    String ip = value.substring(separator + 1);
    if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (ip.equals("host-gateway")) {
      throw invalid(spec, "host-gateway is a Docker Engine feature; give the address itself");
    }
    if (!isLiteralAddress(ip)) {
      throw invalid(spec, ACCEPTED);
    }
    return new ExtraHost(host, ip);
  }

  /**
   * True for an IP literal. Never resolves a name: the JDK parses text that starts with a hex digit
   * or a colon and holds a colon as an IPv6 literal only.
   */
  private static boolean isLiteralAddress(String ip) {
    if (IPV4.matcher(ip).matches()) {
      return true;
    }
    if (!ip.contains(":") || !IPV6_CHARACTERS.matcher(ip).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(ip);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static InvalidSettingException invalid(String spec, String accepted) {
    return InvalidSettingException.setting(SettingKey.ADD_HOSTS.key(), spec == null ? "" : spec, accepted);
  }

  /** {@code host=ip}, the form the Dockerfile frontend reads. */
  @Override
  public String toString() {
    return host + "=" + ip;
  }
}
