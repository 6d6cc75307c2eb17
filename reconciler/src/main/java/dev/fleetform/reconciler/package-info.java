/** Git source, providers and the reconcile loop (later issues). */
package dev.fleetform.reconciler;
