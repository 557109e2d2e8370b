-- A warning's message in Chinese as well as English (DESIGN.md section 14: every sentence in zh-CN and en, chosen by
-- Accept-Language). NULL for warnings raised before: they read in English in both languages until the rules raise
-- them again (the next evaluation of the customer).
ALTER TABLE warning
    ADD COLUMN message_zh VARCHAR(1000) NULL;
