package org.vecsnn.distributed.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A library that cannot be loaded is refused with a message naming it and what to install; MPI does not start. */
class MpiLibraryTest {
    @Test
    void aMissingLibraryNamesThePackagesToInstall() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Mpi.start("libmpi-not-here.so.40"));
        assertTrue(e.getMessage().contains("cannot load the MPI library 'libmpi-not-here.so.40'")
                && e.getMessage().contains("apt-get install openmpi-bin libopenmpi-dev")
                && e.getMessage().contains(Mpi.LIBRARY_VARIABLE), e.getMessage());
    }

    @Test
    void theLibraryIsNamedByThePropertyBeforeTheDefault() {
        String before = System.getProperty(Mpi.LIBRARY_PROPERTY);
        try {
            System.setProperty(Mpi.LIBRARY_PROPERTY, "/opt/mpi/lib/libmpi.so.40");
            assertEquals("/opt/mpi/lib/libmpi.so.40", Mpi.libraryName());
        } finally {
            if (before == null) {
                System.clearProperty(Mpi.LIBRARY_PROPERTY);
            } else {
                System.setProperty(Mpi.LIBRARY_PROPERTY, before);
            }
        }
    }
}
