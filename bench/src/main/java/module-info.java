/**
 * vecsnn's benchmarks and command line: JMH suites, the {@code snn} commands, side-by-side runs and figures. It runs
 * from its shaded jar on the class path; this declaration states what it uses.
 */
module org.vecsnn.bench {
    requires org.vecsnn.core;
    requires org.vecsnn.validation;
    requires org.vecsnn.sonata;
    requires org.vecsnn.distributed;
    requires static jdk.incubator.vector;
    requires java.desktop;
    requires java.management;
    requires jdk.management;
    requires jmh.core;
    requires HdrHistogram;
    requires xchart;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;

    opens org.vecsnn.bench to info.picocli;
}
