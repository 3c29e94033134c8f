package org.vecsnn.core;

/**
 * A state variable watched for non-finite values: {@code values[0 … length)} of {@code variable}, one entry per
 * {@code unit} (a neuron, or a channel of a kinetic synapse) of {@code owner}.
 */
public record StateArray(String owner, String variable, String unit, float[] values, int length) {}
