package io.sluice.driver.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper} for the driver's objects, written once. An object "wraps" itself and the
 * delegates it names (a connection names its {@code SluiceClient}); {@code unwrap} returns the
 * first of them, in the order given, that is an instance of the interface asked for.
 */
final class Wrappers {

    private Wrappers() {
    }

    /** The first of {@code self, delegates...} that is an {@code iface}; JDBC's SQLException when none is. */
    static <T> T unwrap(Class<T> iface, Object self, Object... delegates) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        for (Object delegate : delegates) {
            if (iface.isInstance(delegate)) {
                return iface.cast(delegate);
            }
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    /** True exactly when {@link #unwrap} with the same arguments would return rather than throw. */
    static boolean isWrapperFor(Class<?> iface, Object self, Object... delegates) {
        if (iface.isInstance(self)) {
            return true;
        }
        for (Object delegate : delegates) {
            if (iface.isInstance(delegate)) {
                return true;
            }
        }
        return false;
    }
}
