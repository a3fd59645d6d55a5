/** The SQL engine: catalog, planning, expression compilation, continuous operators, query lifecycle. */
package io.sluice.engine;
