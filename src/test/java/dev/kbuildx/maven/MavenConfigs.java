package dev.kbuildx.maven;

import java.lang.reflect.Field;

/** Fills the private fields of the XML configuration classes the way Maven does, by reflection. */
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
}
