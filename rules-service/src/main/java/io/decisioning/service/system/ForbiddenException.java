package io.decisioning.service.system;

/** The user may not do this to this thing, whatever their role allows elsewhere (answered 403). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
