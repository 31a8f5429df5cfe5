package dev.kbuildx.it.service;

/** The service's entry point; the image only has to carry it, not run it. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("multi-platform service up");
  }
}
