package io.decisioning.service.export;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The media types of exported lists and the headers that make a response a file to save. */
public final class Download {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final MediaType CSV_TYPE = MediaType.parseMediaType(CSV);
    private static final MediaType XLSX_TYPE = MediaType.parseMediaType(XLSX);

    private Download() {
    }

    /**
     * Whether an {@code Accept} header prefers a workbook to CSV: the first of its types by quality (then order)
     * that takes either decides; CSV when none does, or the header cannot be read.
     */
    public static boolean prefersWorkbook(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return types.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .filter(type -> type.includes(CSV_TYPE) || type.includes(XLSX_TYPE))
                .findFirst()
                .map(type -> type.isCompatibleWith(XLSX_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype())
                .orElse(false);
    }

    /** Starts the response as an attachment named {@code fileName}: a CSV in UTF-8, or a workbook. */
    public static void start(HttpServletResponse response, String mediaType, String fileName) {
        response.setContentType(mediaType.equals(CSV) ? CSV + ";charset=UTF-8" : mediaType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString());
    }
}
