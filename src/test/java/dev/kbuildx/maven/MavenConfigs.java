package dev.kbuildx.maven;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/** Fills the XML configuration of a mojo the way Maven does: private fields by reflection, raw elements from XML. */
final class MavenConfigs {
  private MavenConfigs() {}

  /** Sets each {@code name, value} pair on a new instance of {@code type}. */
  static <T> T configure(Class<T> type, Object... namesAndValues) {
    try {
      T instance = type.getDeclaredConstructor().newInstance();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        Field field = type.getDeclaredField((String) namesAndValues[i]);
        field.setAccessible(true);
        field.set(instance, namesAndValues[i + 1]);
      }
      return instance;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot configure " + type.getSimpleName(), e);
    }
  }

  /** An element as Maven hands it to a {@link PlexusConfiguration} field, such as {@code <driver>...</driver>}. */
  static PlexusConfiguration xml(String element) {
    try {
      return new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(element)));
    } catch (IOException | XmlPullParserException e) {
      throw new IllegalArgumentException("not XML: " + element, e);
    }
  }
}
