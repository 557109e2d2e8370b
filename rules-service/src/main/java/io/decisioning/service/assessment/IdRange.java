package io.decisioning.service.assessment;

/** An inclusive range of customer ids, e.g. the whole book ({@code MIN(id)..MAX(id)}) or one batch partition. */
public record IdRange(long fromId, long toId) {

    public IdRange {
        if (fromId > toId) {
            throw new IllegalArgumentException("fromId " + fromId + " > toId " + toId);
        }
    }
}
