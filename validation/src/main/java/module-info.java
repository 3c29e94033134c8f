/** vecsnn's validation: every model against closed forms and reference solutions, the dt sweep and its report. */
module org.vecsnn.validation {
    requires org.vecsnn.core;
    requires java.desktop;
    requires xchart;

    exports org.vecsnn.validation;
}
