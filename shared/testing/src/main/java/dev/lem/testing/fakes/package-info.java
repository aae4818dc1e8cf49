/**
 * In-memory fakes of the shared ports for every module's unit tests. Each keeps its adapter's rules (conditional
 * writes, idempotent redeliveries, claim expiry) so a test that passes here says something about production, records
 * what it was asked to do for assertions, and can fail calls on cue ({@link dev.lem.testing.fakes.ScriptedFailures}).
 * Not thread-safe: one test, one thread.
 */
package dev.lem.testing.fakes;
