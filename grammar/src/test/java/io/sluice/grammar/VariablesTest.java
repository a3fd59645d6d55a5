package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariablesTest {
  private static final Map<String, String> VARS =
      Map.of("format", "AVRO", "REPLICAS", "3", "stream", "s1");

  @Test
  void substitutesEverywhereIncludingStrings() {
    assertEquals("CREATE STREAM s1 (id INT) WITH (value_format='AVRO', replicas=3)",
        Variables.substitute("CREATE STREAM ${stream} (id INT) WITH "
            + "(value_format='${format}', replicas=${replicas})", VARS));
  }

  @Test
  void namesAreCaseInsensitive() {
    assertEquals("AVRO AVRO 3", Variables.substitute("${FORMAT} ${Format} ${replicas}", VARS));
  }

  @Test
  void doubleDollarEscapes() {
    assertEquals("'${format}' costs $5 and $$ and AVRO",
        Variables.substitute("'$${format}' costs $5 and $$ and ${format}", VARS));
  }

  @Test
  void textWithoutReferencesIsUnchanged() {
    String sql = "SELECT EXTRACTJSONFIELD(s, '$.name') FROM t";
    assertEquals(sql, Variables.substitute(sql, Map.of()));
  }

  @Test
  void unknownVariableIsAnErrorWithPosition() {
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> Variables.substitute("SELECT *\nFROM ${stream} WHERE x = ${nope}", VARS));
    assertEquals(2, e.line());
    assertEquals(26, e.column());
    assertEquals(Optional.of("${nope}"), e.offendingToken());
    assertEquals("line 2:26: unknown variable 'nope' in ${nope}", e.getMessage());
  }

  @Test
  void malformedReferences() {
    assertEquals("line 1:8: unterminated variable reference: missing '}'",
        assertThrows(SqlSyntaxException.class,
            () -> Variables.substitute("SELECT ${a FROM t", VARS)).getMessage());
    assertEquals("line 1:1: invalid variable name '1a' in ${1a}",
        assertThrows(SqlSyntaxException.class,
            () -> Variables.substitute("${1a}", VARS)).getMessage());
  }

  @Test
  void validNames() {
    assertTrue(Variables.isValidName("_a1"));
    assertTrue(Variables.isValidName("Topic_Name"));
    assertFalse(Variables.isValidName("1a"));
    assertFalse(Variables.isValidName("a-b"));
    assertFalse(Variables.isValidName(""));
  }

  @Test
  void unsubstitutedReferenceIsASyntaxError() {
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SELECT * FROM ${stream}"));
    assertEquals("line 1:15: variable reference ${stream} was not substituted "
        + "(see Variables.substitute)", e.getMessage());
  }
}
