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
 * wired to each other by the names they use, the image runs as a non-root user, every password
 * is a compose secret read from a file, NATS wants a password and is not on the host, and
 * Grafana lets no one in anonymously.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    /** Written on the dashboards branch; compose refers to them by these exact paths. */
    private static final Set<String> FROM_THE_DASHBOARD_WORK = Set.of("./prometheus/prometheus.yml",
            "./grafana/dashboards");

    @Test
    void composeParsesAndWiresTheServiceToPostgresAndNats() throws IOException {
        Map<String, Object> services = map(compose().get("services"));

        assertThat(services).containsOnlyKeys("postgres", "nats", "order-service", "prometheus", "grafana");
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
        assertThat(env).containsEntry("ORDERS_AUTH_TOKENS_FILE", "/run/secrets/api_tokens");
        assertThat(list(service.get("secrets"))).contains("api_tokens").doesNotContain("prometheus_token",
                "admin_token");
        String maker = Files.readString(DEPLOY.resolve("make-secrets"));
        assertThat(maker).contains("api_tokens", "sha256sum", "prometheus ops ", "admin_token");

        Map<String, Object> scrape = map(list(load(DEPLOY.resolve("prometheus/prometheus.yml")).get("scrape_configs"))
                .get(0));
        Map<String, Object> authorization = map(scrape.get("authorization"));
        assertThat(authorization).containsEntry("type", "Bearer")
                .containsEntry("credentials_file", "/run/secrets/prometheus_token");
        assertThat(list(map(services.get("prometheus")).get("secrets"))).containsExactly("prometheus_token");
        assertThat(map(compose().get("secrets"))).doesNotContainKey("admin_token");
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

        assertThat(dockerfile).contains("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre",
                "./mvnw ", "EXPOSE 8080", "HEALTHCHECK ");
        Matcher javaOptions = Pattern.compile("JDK_JAVA_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(javaOptions.find()).isTrue();
        List<String> measured = Files.readAllLines(Path.of("deploy/jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(measured).isNotEmpty();
        assertThat(javaOptions.group(1).split(" ")).as("the image runs with deploy/jvm.options").contains(
                measured.toArray(String[]::new));
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

    @Test
    void everyPasswordIsAComposeSecretReadFromAFileAndNoneIsInTheEnvironment() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> secrets = map(compose().get("secrets"));

        String maker = Files.readString(DEPLOY.resolve("make-secrets"));
        assertThat(secrets.values()).allSatisfy(secret -> assertThat(map(secret).get("file").toString())
                .startsWith("./secrets/")
                .satisfies(file -> assertThat(maker).contains(file.substring("./secrets/".length()))));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> env = map(map(service.getValue()).getOrDefault("environment", Map.of()));
            List<Object> granted = list(map(service.getValue()).getOrDefault("secrets", List.of()));
            assertThat(env.keySet()).as(service.getKey()).noneMatch(name -> name.endsWith("PASSWORD"));
            env.forEach((name, value) -> {
                if (name.endsWith("_FILE")) {
                    assertThat(value.toString()).as(name).startsWith("/run/secrets/");
                    assertThat(granted).as(service.getKey() + " is granted what " + name + " names")
                            .contains(value.toString().substring("/run/secrets/".length()));
                }
            });
        }
        Map<String, Object> env = map(map(services.get("order-service")).get("environment"));
        assertThat(env).containsKeys("ORDERS_DB_PASSWORD_FILE", "ORDERS_DB_MIGRATION_PASSWORD_FILE",
                "ORDERS_NATS_USER", "ORDERS_NATS_PASSWORD_FILE");
    }

    @Test
    void natsRequiresAPasswordAndIsNotPublishedOnTheHost() throws IOException {
        Map<String, Object> nats = map(map(compose().get("services")).get("nats"));
        String config = Files.readString(DEPLOY.resolve("nats/nats.conf"));

        assertThat(nats).doesNotContainKey("ports");
        assertThat(list(nats.get("command"))).contains("-c", "/etc/nats/nats.conf");
        assertThat(list(nats.get("volumes"))).contains("./nats/nats.conf:/etc/nats/nats.conf:ro");
        assertThat(list(nats.get("secrets"))).contains("nats_password");
        assertThat(list(nats.get("entrypoint")).toString()).contains("/run/secrets/nats_password", "NATS_PASSWORD");
        assertThat(config).containsPattern("(?s)authorization \\{.*user: orders.*password: \\$NATS_PASSWORD");
    }

    @Test
    void grafanaHasNoAnonymousAccessAndItsAdminPasswordIsASecret() throws IOException {
        Map<String, Object> grafana = map(map(compose().get("services")).get("grafana"));
        Map<String, Object> env = map(grafana.get("environment"));

        assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD__FILE", "/run/secrets/grafana_admin_password")
                .doesNotContainKeys("GF_SECURITY_ADMIN_PASSWORD", "GF_AUTH_ANONYMOUS_ORG_ROLE");
        assertThat(list(grafana.get("secrets"))).contains("grafana_admin_password");
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
