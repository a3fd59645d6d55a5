/**
 * The catalog: streams and tables ({@link io.sluice.engine.catalog.Source}) with their columns
 * (KEY, PRIMARY KEY, value, HEADERS, HEADER('key')), topics, formats and timestamp columns; custom
 * types; the validation of {@code CREATE STREAM|TABLE} and {@code CREATE TYPE} against ksqlDB's
 * rules ({@link io.sluice.engine.catalog.DdlAnalyzer}); the registry
 * ({@link io.sluice.engine.catalog.Catalog}); and the command log that makes it durable and
 * rebuilds it on restart ({@link io.sluice.engine.catalog.CommandLog}).
 *
 * <p>Formats are names here ({@link io.sluice.engine.catalog.FormatName}) with the properties the
 * catalog checks; {@code io.sluice.engine.format} maps them to serdes.
 */
package io.sluice.engine.catalog;
