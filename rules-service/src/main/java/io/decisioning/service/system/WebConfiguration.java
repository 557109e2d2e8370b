package io.decisioning.service.system;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the admin UI (static resources of the admin-ui module) at {@code /admin/}, and writes answers' sentences in
 * the reader's language: {@link LocalizedJsonConverter} in the place of Spring Boot's JSON converter (after the
 * converters of strings, bytes and resources, as that one was).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final JsonMapper mapper;

    WebConfiguration(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/admin/");
        registry.addRedirectViewController("/admin", "/admin/");
        registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(this::localize);
    }

    private void localize(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof JacksonJsonHttpMessageConverter json && !(json instanceof LocalizedJsonConverter)) {
                converters.set(i, new LocalizedJsonConverter(mapper));
                return;
            }
        }
        throw new IllegalStateException("no JSON converter to answer in the reader's language among " + converters);
    }
}
