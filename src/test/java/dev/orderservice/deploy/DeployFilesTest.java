package dev.orderservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine to build the image or start the compose file here, so this pins what
 * can be checked without one: the files parse, every file they refer to exists, the services are
 * wired to each other by the names they use, and the image runs as a non-root user.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    /** Written on the dashboards branch; compose refers to them by these exact paths. */
    private static final Set<String> FROM_THE_DASHBOARD_WORK = Set.of("./prometheus/prometheus.yml",
            "./grafana/dashboards");

    @Test
    void composeParsesAndWiresTheServiceToPostgresAndNats() throws IOException {
        Map<String, Object> services = map(compose().get("services"));

        assertThat(services).containsOnlyKeys("auth-init", "postgres", "nats", "order-service", "prometheus", "grafana");
        assertThat(map(services.get("postgres")).get("image")).isEqualTo("postgres:17");
        assertThat(list(map(services.get("nats")).get("command"))).contains("-js");
        Map<String, Object> service = map(services.get("order-service"));
        Map<String, Object> build = map(service.get("build"));
        assertThat(DEPLOY.resolve(build.get("context").toString()).resolve(build.get("dockerfile").toString()))
                .isRegularFile();
        Map<String, Object> env = map(service.get("environment"));
        assertThat(env.get("ORDERS_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/orders");
        assertThat(env.get("ORDERS_NATS_URL")).isEqualTo("nats://nats:4222");
        assertThat(env).containsKeys("ORDERS_DB_USER", "ORDERS_DB_MIGRATION_USER");
    }

    @Test
    void theServiceRunsWithTokensFromAFileAndPrometheusScrapesWithOne() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> service = map(services.get("order-service"));
        Map<String, Object> env = map(service.get("environment"));

        assertThat(env).doesNotContainKey("ORDERS_AUTH").doesNotContainKey("ORDERS_HTTP_HOST");
        String tokensFile = env.get("ORDERS_AUTH_TOKENS_FILE").toString();
        String tokensDir = tokensFile.substring(0, tokensFile.lastIndexOf('/'));
        assertThat(list(service.get("volumes"))).contains("auth-hashes:" + tokensDir + ":ro");
        assertThat(map(map(service.get("depends_on")).get("auth-init")))
                .containsEntry("condition", "service_completed_successfully");
        Map<String, Object> init = map(services.get("auth-init"));
        assertThat(list(init.get("volumes"))).contains("./auth:/init:ro", "auth-hashes:/hashes");
        String script = Files.readString(DEPLOY.resolve("auth/make-tokens.sh"));
        assertThat(script).contains("/hashes/tokens", "sha256sum", "prometheus ops ");

        Map<String, Object> scrape = map(list(load(DEPLOY.resolve("prometheus/prometheus.yml")).get("scrape_configs"))
                .get(0));
        Map<String, Object> authorization = map(scrape.get("authorization"));
        assertThat(authorization).containsEntry("type", "Bearer");
        String credentials = authorization.get("credentials_file").toString();
        assertThat(list(map(services.get("prometheus")).get("volumes")))
                .contains("auth-prometheus:" + credentials.substring(0, credentials.lastIndexOf('/')) + ":ro");
        assertThat(list(map(services.get("prometheus")).get("volumes"))).noneMatch(v -> v.toString().startsWith("auth-hashes"));
        assertThat(list(service.get("volumes"))).noneMatch(v -> v.toString().startsWith("auth-prometheus")
                || v.toString().startsWith("auth-admin"));
    }

    @Test
    void everyVariableTheComposeFileSetsIsInTheReadmeConfigurationTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Map<String, Object> env = map(map(map(compose().get("services")).get("order-service")).get("environment"));

        assertThat(env.keySet()).allSatisfy(name -> assertThat(readme).contains("| `" + name + "`"));
    }

    @Test
    void everyMountedFileExistsExceptThoseTheDashboardWorkAdds() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String source : bindMountSources()) {
            if (!Files.exists(DEPLOY.resolve(source))) {
                missing.add(source);
            }
        }
        assertThat(missing).isSubsetOf(FROM_THE_DASHBOARD_WORK);
    }

    @Test
    void theDashboardAndTheScrapeConfigArePresentAndScrapeTheService() throws IOException {
        Path scrape = DEPLOY.resolve("prometheus/prometheus.yml");
        Path dashboard = DEPLOY.resolve("grafana/dashboards/order-service.json");
        assumeTrue(Files.exists(scrape) && Files.exists(dashboard), "written on the dashboards branch, not merged yet");

        assertThat(new Yaml().<Object>load(Files.readString(scrape))).isNotNull();
        assertThat(Files.readString(scrape)).contains("order-service:8080");
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheDashboardsFolder() throws IOException {
        Map<String, Object> datasource = map(list(load(DEPLOY.resolve(
                "grafana/provisioning/datasources/prometheus.yaml")).get("datasources")).get(0));
        Map<String, Object> provider = map(list(load(DEPLOY.resolve(
                "grafana/provisioning/dashboards/order-service.yaml")).get("providers")).get(0));
        List<Object> grafanaMounts = list(map(map(compose().get("services")).get("grafana")).get("volumes"));

        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090")
                .containsEntry("uid", "prometheus");
        String path = map(provider.get("options")).get("path").toString();
        assertThat(grafanaMounts).contains("./grafana/dashboards:" + path + ":ro",
                "./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void theImageIsBuiltOnAJdkAndRunsOnAJreAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(dockerfile).contains("FROM eclipse-temurin:21-jdk AS build", "FROM eclipse-temurin:21-jre",
                "./mvnw ", "EXPOSE 8080", "HEALTHCHECK ");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(?:--\\S+ )*(.+) \\S+$").matcher(dockerfile);
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignore).contains("*");
        while (copy.find()) {
            for (String source : copy.group(1).split(" ")) {
                assertThat(Path.of(source)).as("COPY source").exists();
                assertThat(ignore).as("allowed into the build context: " + source)
                        .anyMatch(line -> line.startsWith("!") && source.startsWith(line.substring(1)));
            }
        }
    }

    private static List<String> bindMountSources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (Object service : map(compose().get("services")).values()) {
            for (Object volume : list(map(service).getOrDefault("volumes", List.of()))) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".")) {
                    sources.add(source);
                }
            }
        }
        return sources;
    }

    private static Map<String, Object> compose() throws IOException {
        return load(DEPLOY.resolve("compose.yaml"));
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
