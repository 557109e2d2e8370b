package io.decisioning.service.rulepack;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/rule-packs/{name}/versions}: the version's files by name (text, or
 * base64 for {@code .xlsx}/{@code .xls}), a comment, and optionally the version the files change:
 * then the files given replace or add to that version's, and a file given as null is left out.
 * Without a base the files are the whole version.
 */
record NewVersion(@NotEmpty @Size(max = 50) Map<String, @Nullable String> files,
                  @Nullable @Size(max = 2000) String comment,
                  @Nullable @Min(1) Integer baseVersion) {
}
