package io.sluice.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void namesAreReadInAnyCase() {
    assertEquals(Format.JSON, Format.of("json"));
    assertEquals(Format.DELIMITED, Format.of(" Delimited "));
    assertEquals(Format.PROTOBUF_NOSR, Format.of("protobuf_nosr"));
    assertEquals("Unknown format: FOO",
        assertThrows(FormatException.class, () -> Format.of("foo")).getMessage());
  }

  @Test
  void schemaRegistryFormatsAreKnownButRefused() {
    for (Format f : new Format[] {Format.AVRO, Format.PROTOBUF, Format.JSON_SR}) {
      assertTrue(f.needsSchemaRegistry());
      assertFalse(f.isImplemented());
      assertEquals("The '" + f + "' format needs a Schema Registry, which Sluice does not have."
          + " Use KAFKA, JSON or DELIMITED",
          assertThrows(FormatException.class, f::checkImplemented).getMessage());
    }
    assertFalse(Format.PROTOBUF_NOSR.needsSchemaRegistry());
    assertTrue(assertThrows(FormatException.class, Format.PROTOBUF_NOSR::checkImplemented)
        .getMessage().startsWith("The 'PROTOBUF_NOSR' format is not supported by Sluice yet"));
    for (Format f : new Format[] {Format.KAFKA, Format.JSON, Format.DELIMITED, Format.NONE}) {
      assertTrue(f.isImplemented());
      f.checkImplemented();
    }
  }

  @Test
  void capabilities() {
    assertTrue(Format.JSON.supportsWrapping());
    assertFalse(Format.KAFKA.supportsWrapping());
    assertFalse(Format.DELIMITED.supportsWrapping());
    assertTrue(Format.DELIMITED.supportsDelimiter());
    assertFalse(Format.JSON.supportsDelimiter());
    assertFalse(Format.KAFKA.supportsMultipleColumns());
    assertFalse(Format.NONE.supportsMultipleColumns());
    assertTrue(Format.DELIMITED.supportsMultipleColumns());
  }

  @Test
  void delimitersAreOneCharacterOrTabOrSpace() {
    assertEquals('|', FormatOptions.parseDelimiter("VALUE_DELIMITER", "|"));
    assertEquals('\t', FormatOptions.parseDelimiter("VALUE_DELIMITER", "TAB"));
    assertEquals(' ', FormatOptions.parseDelimiter("KEY_DELIMITER", "space"));
    // cases "validate value_delimiter to be single character", "validate delimiter is not a space"
    assertEquals("Configuration VALUE_DELIMITER is invalid: Invalid delimiter value: '<~>'."
        + " Delimiter must be a single character or TAB,SPACE\nExample valid value: ';'",
        assertThrows(FormatException.class,
            () -> FormatOptions.parseDelimiter("VALUE_DELIMITER", "<~>")).getMessage());
    assertEquals("Configuration VALUE_DELIMITER is invalid: Delimiter cannot be empty, if you"
        + " meant to have a tab or space for delimiter, please use the special values 'TAB' or"
        + " 'SPACE'\nExample valid value: ';'",
        assertThrows(FormatException.class,
            () -> FormatOptions.parseDelimiter("VALUE_DELIMITER", " ")).getMessage());
    assertThrows(FormatException.class, () -> FormatOptions.parseDelimiter("KEY_DELIMITER", ""));
  }

  @Test
  void optionsHaveDefaultsAndRefuseUnusableDelimiters() {
    assertEquals(Optional.empty(), FormatOptions.DEFAULTS.wrapSingleValue());
    assertEquals(',', FormatOptions.DEFAULTS.delimiterOrDefault());
    FormatOptions o = FormatOptions.DEFAULTS.withWrapSingleValue(false).withDelimiter(';');
    assertEquals(Optional.of(false), o.wrapSingleValue());
    assertEquals(';', o.delimiterOrDefault());
    assertThrows(FormatException.class, () -> FormatOptions.DEFAULTS.withDelimiter('"'));
    assertThrows(FormatException.class, () -> FormatOptions.DEFAULTS.withDelimiter('\n'));
  }
}
