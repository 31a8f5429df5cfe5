package dev.kbuildx.it.hello;

/** The service: it only says hello. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("hello from the no-registry service");
  }
}
