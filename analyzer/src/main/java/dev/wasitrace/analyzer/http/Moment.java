package dev.wasitrace.analyzer.http;

import java.time.Instant;

/** The call that carried a byte of an HTTP message: its record number and when it started. */
public record Moment(long seq, Instant ts) {}
