package io.decisioning.service.export;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** The media types of exported lists and the headers that make a response a file to save. */
public final class Download {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Download() {
    }

    /** Starts the response as an attachment named {@code fileName}: a CSV in UTF-8, or a workbook. */
    public static void start(HttpServletResponse response, String mediaType, String fileName) {
        response.setContentType(mediaType.equals(CSV) ? CSV + ";charset=UTF-8" : mediaType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString());
    }
}
