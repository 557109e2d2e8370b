package io.decisioning.service.export;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The {@code GET} of a list that answers as a file, CSV or an Excel workbook by the {@code Accept} header (beside the
 * JSON {@code GET} of the same path), with its answer described once for the API document. The method writes the
 * file with {@link ListExport}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestMapping(method = RequestMethod.GET, produces = {Download.CSV, Download.XLSX})
@ApiResponse(responseCode = "200",
        content = {@Content(mediaType = Download.CSV, schema = @Schema(type = "string")),
                @Content(mediaType = Download.XLSX, schema = @Schema(type = "string", format = "binary"))})
public @interface ExportMapping {

    /** The path, relative to the controller's, as in {@link RequestMapping#value()}; none for the controller's own. */
    @AliasFor(annotation = RequestMapping.class, attribute = "value")
    String[] value() default {};

    /** The answer's description in the API document: "a header row and a row per ...". */
    @AliasFor(annotation = ApiResponse.class, attribute = "description")
    String rows();
}
