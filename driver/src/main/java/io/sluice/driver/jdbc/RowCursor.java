package io.sluice.driver.jdbc;

import io.sluice.driver.QueryStream;
import io.sluice.driver.ResultTable;
import java.util.Iterator;
import java.util.List;

/** Where a result set's rows come from: a finished table or a live query stream. */
interface RowCursor extends AutoCloseable {

    List<String> columns();

    List<String> types();

    /** The next row, or null after the last. */
    List<Object> next();

    @Override
    void close();

    static RowCursor of(ResultTable table) {
        Iterator<List<Object>> rows = table.rows().iterator();
        return new RowCursor() {
            @Override
            public List<String> columns() {
                return table.columns();
            }

            @Override
            public List<String> types() {
                return table.types();
            }

            @Override
            public List<Object> next() {
                return rows.hasNext() ? rows.next() : null;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    static RowCursor of(QueryStream stream) {
        return new RowCursor() {
            @Override
            public List<String> columns() {
                return stream.columnNames();
            }

            @Override
            public List<String> types() {
                return stream.columnTypes();
            }

            @Override
            public List<Object> next() {
                return stream.hasNext() ? stream.next() : null;
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }
}
