package io.decisioning.service.system;

/** Something asked for does not exist, or is outside the caller's branch (which must not leak). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
