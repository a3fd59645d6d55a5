/**
 * ksqlDB's type model: {@link io.sluice.engine.types.SqlType}, implicit widening, the mapping to
 * and from Calcite types ({@link io.sluice.engine.types.SluiceTypeSystem} carries ksqlDB's result
 * type rules into Calcite), and the runtime Java representation of values on the per-record path.
 */
package io.sluice.engine.types;
