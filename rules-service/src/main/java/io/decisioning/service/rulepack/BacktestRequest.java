package io.decisioning.service.rulepack;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/**
 * The body of {@code POST .../versions/{v}/backtest}: the customers are evaluated as of {@code asOf}, and
 * whether they left is looked for in the {@code horizonDays} after it. The dates the data allows are
 * checked by {@link BacktestService#start}.
 */
record BacktestRequest(@NotNull LocalDate asOf, @NotNull @Min(1) @Max(BacktestService.MAX_HORIZON_DAYS) Integer horizonDays) {
}
