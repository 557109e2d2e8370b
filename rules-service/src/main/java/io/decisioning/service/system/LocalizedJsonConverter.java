package io.decisioning.service.system;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of answers: Spring's, with every {@link io.decisioning.rules.engine.Sentence} written in the reader's
 * language, the locale Spring resolved from {@code Accept-Language} (English when absent, {@code spring.web.locale}).
 * Everything else the service writes with the same mapper (what it stores) keeps both languages.
 */
public class LocalizedJsonConverter extends JacksonJsonHttpMessageConverter {

    public LocalizedJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected ObjectWriter customizeWriter(ObjectWriter writer, JavaType javaType, MediaType contentType) {
        return super.customizeWriter(writer, javaType, contentType)
                .withAttribute(SentenceJson.READER_LOCALE, LocaleContextHolder.getLocale());
    }
}
