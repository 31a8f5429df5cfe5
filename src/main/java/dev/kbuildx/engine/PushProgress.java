package dev.kbuildx.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Turns the engine's push messages into a few plain lines, such as
 * {@code pushing 127.0.0.1:5000/app:1: 5b0d2d635df8: Pushed}: every status of a layer once, without
 * the byte counts that the engine repeats many times a second, and without the waiting states.
 */
final class PushProgress {
  private static final Set<String> WAITING = Set.of("Preparing", "Waiting");

  private final String reference;
  private final Consumer<String> lines;
  private final UnaryOperator<String> redact;
  private final Set<String> seen = new HashSet<>();

  /** @param redact applied to every line, so that no secret the engine might echo is passed on */
  PushProgress(String reference, Consumer<String> lines, UnaryOperator<String> redact) {
    this.reference = reference;
    this.lines = lines;
    this.redact = redact;
  }

  void accept(JsonNode message) {
    String status = message.path("status").asText("").strip();
    if (status.isEmpty() || WAITING.contains(status)) {
      return;
    }
    String id = message.path("id").asText("");
    if (seen.add(id + "\n" + status)) {
      lines.accept(redact.apply("pushing " + reference + ": " + (id.isEmpty() ? "" : id + ": ") + status));
    }
  }
}
