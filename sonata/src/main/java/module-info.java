/** SONATA circuits, simulation configurations and spike reports for vecsnn networks (HDF5, JSON and CSV readers). */
module org.vecsnn.sonata {
    requires org.vecsnn.core;
    requires io.jhdf;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;

    exports org.vecsnn.sonata;
}
