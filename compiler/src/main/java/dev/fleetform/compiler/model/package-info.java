/**
 * The bound fleet: immutable records named as in FLEET-FORMAT.md. Profiles and defaults are
 * already merged into each {@link dev.fleetform.compiler.model.Host} (host over profile over
 * defaults; maps merge, lists replace), VMs already carry their host's labels. Optional scalars
 * are {@code null} when absent; collections are never null. Every element that a rule can
 * report on has an {@link dev.fleetform.compiler.diag.Origin}.
 */
package dev.fleetform.compiler.model;
