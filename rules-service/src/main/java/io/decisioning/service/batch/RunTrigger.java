package io.decisioning.service.batch;

/** What started a batch run: the nightly schedule ({@code rules.batch.cron}) or a person. */
public enum RunTrigger {
    SCHEDULED, MANUAL
}
