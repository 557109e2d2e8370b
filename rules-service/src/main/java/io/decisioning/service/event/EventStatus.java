package io.decisioning.service.event;

/**
 * Where an accepted event is in its processing: PENDING until due and claimed; PROCESSING while a node
 * holds its lease; DONE once the assessment it asked for is stored; PARKED when its attempts are used
 * up (or its type is unknown), until an operator retries it.
 */
enum EventStatus {
    PENDING, PROCESSING, DONE, PARKED
}
