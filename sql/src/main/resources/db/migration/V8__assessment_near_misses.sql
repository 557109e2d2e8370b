-- The nearest misses of the current assessment (issue 4, explanations): "would be HIGH_QUALITY if
-- claimFreeYears >= 3 (now 2)", as JSON [{pack, version, rule, outcome, message}]. Only the current
-- assessment keeps them: they explain today's outcome, and history rows record what changed.
-- NULL for rows written before this column existed (read as no near misses); the next evaluation fills it.
ALTER TABLE assessment
    ADD COLUMN near_misses LONGTEXT NULL AFTER reasons;
