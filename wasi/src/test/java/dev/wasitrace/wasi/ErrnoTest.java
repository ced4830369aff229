package dev.wasitrace.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class ErrnoTest {
  @Test
  void everyConstantIsTheValueOfItsName() throws IllegalAccessException {
    for (Field field : Errno.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        int value = field.getInt(null);
        String expected = field.getName().equals("SUCCESS") ? "ESUCCESS" : field.getName();
        assertEquals(expected, Errno.name(value), field.getName());
      }
    }
  }
}
