package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description clients build on ({@code /v3/api-docs}, DESIGN.md section 14): what springdoc reads from the
 * controllers (each operation's summary and description from its Javadoc), and what it cannot: the HTTP Basic
 * scheme every operation requires, the RFC 9457 problems every operation may answer (400 for invalid input, 401,
 * 403, 404 where the path names something), raw bodies (a zip) as binary, examples of the contract's requests, and
 * sentences as the strings they answer as.
 * Checked with Redocly's recommended rules in CI.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // an answer's sentence is one string in the reader's language (SentenceJson), not its two languages
        SpringDocUtils.getConfig().replaceWithClass(Sentence.class, String.class);
    }

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "application/problem+json";

    /** Examples of the requests other systems send (DESIGN.md section 5), by method and path. */
    private static final Map<String, String> EXAMPLES = Map.of(
            "POST /api/v1/checks/pre-bind", """
                    {"applicant": {"idType": "RESIDENT_ID", "idNumber": "11010519491231002X", "name": "张三",
                     "birthDate": "1949-12-31", "phone": "+86 138 0013 8000"}, "productLine": "AUTO", "premium": 3200}""",
            "POST /api/v1/events", """
                    {"eventId": "EV-2026-000001", "type": "CLAIM_REPORTED", "customerNo": "C00000001",
                     "occurredAt": "2026-11-23T09:30:00+08:00"}""",
            "POST /api/v1/events/batch", """
                    {"events": [{"eventId": "EV-2026-000002", "type": "POLICY_BOUND", "customerNo": "C00000002",
                     "occurredAt": "2026-11-23T10:00:00+08:00"}]}""",
            "POST /api/v1/blacklist", """
                    {"idType": "RESIDENT_ID", "idNumber": "11010519491231002X", "name": "张三", "birthDate": "1949-12-31",
                     "reasonCode": "FRAUD", "note": "staged accident, case 2026-0042"}""",
            "POST /api/v1/blacklist/{id}/lift", """
                    {"reason": "court ruling 2026-11-30"}""",
            "POST /api/v1/warnings/{id}/acknowledge", """
                    {"note": "called the customer"}""",
            "POST /api/v1/warnings/{id}/resolve", """
                    {"note": "claims explained by the storm of 2026-10-12"}""",
            "POST /api/v1/rule-packs/{name}/versions", """
                    {"baseVersion": 1, "comment": "Poor quality from 4 claims a year",
                     "files": {"grade-thresholds.drl.csv": "RuleSet,packs.grading\\n..."}}""",
            "POST /api/v1/customers/{customerNo}/contacts", """
                    {"kind": "VISIT", "occurredAt": "2026-11-20T15:00:00+08:00", "satisfaction": 5,
                     "note": "annual review"}""");

    /** The operations for nobody signed in. */
    private static final Set<String> OPEN = Set.of("GET /api/v1/sign-in");

    @Bean
    OpenApiCustomizer decisioningApiDescription(ObjectProvider<BuildProperties> build, JsonMapper json) {
        return api -> {
            BuildProperties properties = build.getIfAvailable();
            api.info(new Info()
                    .title("Customer decisioning service")
                    .version(properties == null ? "dev" : properties.getVersion())
                    .description("Grades, blacklist, warnings, tiers and pre-bind checks over an insurer's CRM "
                            + "(DESIGN.md section 5). Every answer that refuses is an RFC 9457 problem."));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.components(components
                    .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("The service's users (app_user), with their roles and branch; and, where "
                                    + "rules.security.ldap.* is set, the company's LDAP / Active Directory users"))
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT")
                            .description("An access token of the company's OpenID Connect provider, where "
                                    + "rules.security.oidc.issuer-uri is set: roles and branch from its claims"))
                    .addSchemas("Problem", problemSchema()));
            api.addSecurityItem(new SecurityRequirement().addList(BASIC));
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> complete(path, method, operation, json)));
            }
        };
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation, JsonMapper json) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (OPEN.contains(method.name() + " " + path)) {
            operation.security(List.of()); // asked before anyone is signed in
            problem(responses, "400", "Rejected: the request's path or headers hold characters the service refuses");
            operation.responses(responses);
            return;
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            problem(responses, "400", "Invalid input: the problem's errors name each field at fault");
        }
        problem(responses, "401", "Not signed in, or the credentials are wrong");
        problem(responses, "403", "The user's role may not do this");
        if (path.contains("{")) {
            problem(responses, "404", "Not found, or outside the user's branch scope");
        }
        operation.responses(responses);
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().forEach((type, media) -> {
                if (!type.contains("json") && media.getSchema() != null && "byte".equals(media.getSchema().getFormat())) {
                    media.getSchema().format("binary");   // a raw body (a zip), not base64 text
                }
            });
            String example = EXAMPLES.get(method.name() + " " + path);
            MediaType body = operation.getRequestBody().getContent().get("application/json");
            if (example != null && body != null) {
                // as plain maps and lists: springdoc writes the document with a Jackson of its own
                body.example(json.readValue(example, Map.class));
            }
        }
    }

    private static void problem(ApiResponses responses, String status, String description) {
        ApiResponse response = responses.get(status);
        if (response == null) {
            response = new ApiResponse().description(description);
            responses.addApiResponse(status, response);
        }
        Content content = response.getContent() == null ? new Content() : response.getContent();
        content.addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
        response.content(content);
    }

    /** RFC 9457's members, and the service's errors: the fields at fault. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("what kind of problem (a URI)"));
        properties.put("title", new StringSchema().description("the kind of problem in a few words"));
        properties.put("status", new IntegerSchema().description("the HTTP status"));
        properties.put("detail", new StringSchema().description("what happened, for a person"));
        properties.put("instance", new StringSchema().format("uri-reference").description("the request's path"));
        properties.put("errors", new ArraySchema().description("for invalid input: each field at fault")
                .items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())));
        return new ObjectSchema().description("An RFC 9457 problem").properties(properties);
    }
}
