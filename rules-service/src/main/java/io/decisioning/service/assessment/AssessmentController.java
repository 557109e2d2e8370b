package io.decisioning.service.assessment;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's assessment: current, re-evaluated on demand, and its history. */
@RestController
@RequestMapping("/api/v1/customers/{customerNo}")
class AssessmentController {

    private final AssessmentService assessments;

    AssessmentController(AssessmentService assessments) {
        this.assessments = assessments;
    }

    /** The current assessment; evaluated and stored first if the customer has none yet. */
    @GetMapping("/assessment")
    Assessment current(@PathVariable String customerNo, @AuthenticationPrincipal UserAccount user) {
        return assessments.current(customerNo, user);
    }

    /** Evaluates the customer now, stores and returns the assessment. */
    @PostMapping("/evaluate")
    Assessment evaluate(@PathVariable String customerNo, @AuthenticationPrincipal UserAccount user) {
        return assessments.evaluate(customerNo, user);
    }

    /** Assessment history, newest first; a row only when the outcome changed. */
    @GetMapping("/assessments")
    List<Assessment> history(@PathVariable String customerNo, @AuthenticationPrincipal UserAccount user,
                             @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return assessments.history(customerNo, user, limit);
    }
}
