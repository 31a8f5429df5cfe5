package dev.kbuildx.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.kbuildx.KbuildxException;
import java.io.IOException;

/** Reading registry JSON, and writing indexes the way Go's {@code json.MarshalIndent(v, "", "  ")} does. */
final class RegistryJson {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Two-space indentation, {@code "key": value}, one array element per line and {@code []}/{@code {}} when empty. */
  private static final ObjectWriter INDENTED = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private RegistryJson() {}

  /** Parses registry content; {@code what} names it in the error, as the content itself must not be quoted. */
  static JsonNode read(byte[] content, String what) {
    try {
      JsonNode node = MAPPER.readTree(content);
      if (node == null || !node.isObject()) {
        throw new KbuildxException(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new KbuildxException(what + " is not valid JSON", e);
    }
  }

  static <T> T convert(JsonNode node, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new KbuildxException(what + " does not have the fields of its media type", e);
    }
  }

  static byte[] indented(Object value) {
    try {
      return INDENTED.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an index always serialises", e);
    }
  }
}
