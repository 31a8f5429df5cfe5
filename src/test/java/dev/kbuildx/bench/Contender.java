package dev.kbuildx.bench;

/**
 * Who runs in a case of the side-by-side benchmark: kbuildx through a fresh Maven, Maven alone
 * ({@code mvn validate} in the same project, whose median is subtracted from kbuildx's), and the two
 * Go clients.
 */
enum Contender {
  KBUILDX("kbuildx"),
  MVN_VALIDATE("mvn validate"),
  BUILDCTL("buildctl"),
  BUILDX("buildx");

  private final String label;

  Contender(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
