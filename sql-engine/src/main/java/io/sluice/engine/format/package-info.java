/**
 * Key and value formats: record bytes to rows of column values and back, as ksqlDB's KAFKA, JSON,
 * DELIMITED and NONE formats write them, so that Sluice reads what ksqlDB and other clients wrote
 * and writes what they read.
 *
 * <p>Use: {@link io.sluice.engine.format.SerdeFactory#create} builds a {@link
 * io.sluice.engine.format.Serde} for a {@link io.sluice.engine.format.Format}, its {@link
 * io.sluice.engine.format.FormatOptions} ({@code WRAP_SINGLE_VALUE}, the delimiter), the key or
 * value columns of a source and a {@link io.sluice.engine.format.SerdeRole}, when a statement is
 * planned; the per-record path then calls {@code deserialize} and {@code serialize}. Rows are
 * {@code Object[]} in the runtime representation of {@link io.sluice.engine.types.SqlType}.
 *
 * <p>Errors: {@link io.sluice.engine.format.FormatException} when a serde cannot be built (the
 * statement is rejected); {@link io.sluice.engine.format.SerdeException} for one bad record (the
 * engine counts and logs it with the topic, partition and offset, and skips the record).
 *
 * <table>
 *   <caption>What each format holds</caption>
 *   <tr><th>format</th><th>columns</th><th>types</th><th>single column</th></tr>
 *   <tr><td>KAFKA</td><td>0 or 1</td><td>INTEGER, BIGINT, DOUBLE, STRING, BYTES</td>
 *       <td>bare</td></tr>
 *   <tr><td>JSON</td><td>any</td><td>all (MAP keys STRING)</td>
 *       <td>keys bare; values wrapped unless {@code WRAP_SINGLE_VALUE=false}</td></tr>
 *   <tr><td>DELIMITED</td><td>any</td><td>all but ARRAY, MAP, STRUCT</td><td>bare</td></tr>
 *   <tr><td>NONE</td><td>0</td><td></td><td></td></tr>
 * </table>
 *
 * <p>Keys holding a MAP are refused in every format. AVRO, PROTOBUF and JSON_SR need a Schema
 * Registry and PROTOBUF_NOSR is not implemented: building one is refused with a message saying
 * so. Windowed keys (the window bounds ksqlDB appends to a windowed key) are not handled here.
 */
package io.sluice.engine.format;
