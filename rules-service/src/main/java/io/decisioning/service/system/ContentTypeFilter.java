package io.decisioning.service.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with a 415 problem a request whose Content-Type is not one media type: a wildcard such as
 * {@code *}{@code /*} or {@code application/*}, or no media type at all. Spring MVC failed on a
 * wildcard with an IllegalArgumentException, a 500, when it read the headers for a request body (it
 * adds the request's charset to the type, and a Content-Type may not be a wildcard).
 */
@Component
class ContentTypeFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    ContentTypeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (StringUtils.hasLength(contentType) && !isOneMediaType(contentType)) {
            problems.unsupportedMediaType(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isOneMediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }
}
