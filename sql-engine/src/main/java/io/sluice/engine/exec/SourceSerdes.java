package io.sluice.engine.exec;

import io.sluice.engine.catalog.FormatSpec;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.format.Format;
import io.sluice.engine.format.FormatOptions;
import io.sluice.engine.format.Serde;
import io.sluice.engine.format.SerdeFactory;
import io.sluice.engine.format.SerdeRole;
import java.util.List;

/**
 * The key and value serdes of a catalog source: the catalog's format names and WITH options
 * mapped onto {@link SerdeFactory}. Immutable and thread-safe.
 *
 * @param key reads and writes the key columns
 * @param value reads and writes the value columns
 */
public record SourceSerdes(Serde key, Serde value) {

  /**
   * The serdes for a source.
   *
   * @throws io.sluice.engine.format.FormatException when a format cannot carry the columns
   */
  public static SourceSerdes of(Source source) {
    Serde key = SerdeFactory.create(format(source.keyFormat()),
        options(source.keyFormat(), java.util.Optional.empty()),
        columns(source.keyColumns()), SerdeRole.KEY);
    Serde value = SerdeFactory.create(format(source.valueFormat()),
        options(source.valueFormat(), source.wrapSingleValue()),
        columns(source.valueColumns()), SerdeRole.VALUE);
    return new SourceSerdes(key, value);
  }

  private static Format format(FormatSpec spec) {
    return Format.of(spec.format().name());
  }

  private static FormatOptions options(FormatSpec spec, java.util.Optional<Boolean> wrap) {
    FormatOptions options = FormatOptions.DEFAULTS;
    if (wrap.isPresent()) {
      options = options.withWrapSingleValue(wrap.get());
    }
    java.util.Optional<String> delimiter = spec.property(FormatSpec.DELIMITER);
    if (delimiter.isPresent()) {
      // The catalog stores the character itself (TAB and SPACE already resolved).
      String d = delimiter.get();
      options = options.withDelimiter(d.length() == 1 ? d.charAt(0)
          : FormatOptions.parseDelimiter("DELIMITER", d));
    }
    return options;
  }

  private static List<io.sluice.engine.types.Column> columns(List<SourceColumn> columns) {
    return columns.stream().map(SourceColumn::toColumn).toList();
  }
}
