package dev.fleetform.bench;

/** What a random draw decides: draws for different purposes are independent. */
enum Draw {
    KIND, ZONE, SERVICES, CHANGED, ALERT
}
