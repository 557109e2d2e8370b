package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import java.util.Locale;
import org.springframework.boot.jackson.JacksonMixin;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A {@link Sentence} in JSON. Stored (assessments, checks, simulations): both languages, {@code {"en": ..., "zh": ...}},
 * or one string when they read the same, so that a stored sentence can be read later in either language (and one
 * stored before sentences had two languages reads as that string in both). In an answer: one string, in the
 * reader's language ({@link #READER_LOCALE}, set by {@link LocalizedJsonConverter} from {@code Accept-Language}).
 */
@JacksonMixin(Sentence.class)
@JsonSerialize(using = SentenceJson.Writer.class)
@JsonDeserialize(using = SentenceJson.Reader.class)
abstract class SentenceJson {

    /** The attribute of a JSON writer that asks for sentences in one language: the reader's {@link Locale}. */
    static final String READER_LOCALE = SentenceJson.class.getName() + ".readerLocale";

    static final class Writer extends ValueSerializer<Sentence> {

        @Override
        public void serialize(Sentence sentence, JsonGenerator out, SerializationContext context) {
            if (context.getAttribute(READER_LOCALE) instanceof Locale reader) {
                out.writeString(sentence.in(reader));
            } else if (sentence.oneText()) {
                out.writeString(sentence.en());
            } else {
                out.writeStartObject();
                out.writeStringProperty("en", sentence.en());
                out.writeStringProperty("zh", sentence.zh());
                out.writeEndObject();
            }
        }
    }

    static final class Reader extends ValueDeserializer<Sentence> {

        @Override
        public Sentence deserialize(JsonParser in, DeserializationContext context) {
            if (in.currentToken() == JsonToken.VALUE_STRING) {
                return Sentence.of(in.getString());
            }
            JsonNode both = context.readTree(in);
            JsonNode en = both.get("en");
            JsonNode zh = both.get("zh");
            if (en == null || zh == null || !en.isString() || !zh.isString()) {
                return context.reportInputMismatch(Sentence.class,
                        "a sentence is a string or {\"en\": \"...\", \"zh\": \"...\"}, not " + both);
            }
            return new Sentence(en.asString(), zh.asString());
        }
    }
}
