package dev.fleetform.compiler.check;

/**
 * One semantic rule: a stable id, and a check over the whole bound fleet that reports every
 * violation it finds. Rules never throw for bad input and never stop at the first problem.
 * A rule must be linear (or n log n) in the number of hosts: fleets have tens of thousands.
 */
public interface Rule {

    /** Stable id printed in {@code error[ID]} and documented in the README, e.g. {@code RAID-MEMBERS}. */
    String id();

    void check(CheckContext ctx, Reporter out);
}
