package io.decisioning.service.system;

/** A request that is valid but cannot be applied to the current state (e.g. lifting a lifted entry). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
