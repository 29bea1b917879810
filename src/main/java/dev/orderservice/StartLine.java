package dev.orderservice;

import dev.orderservice.config.AuthSettings;
import dev.orderservice.config.BuildInfo;
import dev.orderservice.config.Redaction;
import dev.orderservice.embedded.BackingServices;
import org.slf4j.Logger;

/**
 * The one line a start logs: everything an operator needs to know which build runs, where it
 * listens and what it talks to. Each figure is also a key-value pair, a field of its own in JSON logs.
 * Addresses are shown through {@link Redaction}, NATS security by how it authenticates (never with
 * what): the line never carries a credential.
 */
final class StartLine {

    private StartLine() {
    }

    static void log(Logger log, ServeSettings settings, BackingServices services, int httpPort) {
        var names = settings.stream();
        String dbUrl = Redaction.jdbcUrl(services.dbUrl());
        String natsUrl = Redaction.natsUrls(services.natsUrl());
        String natsAuth = services.natsSecurity().toString();
        String dbTls = services.dbTls();
        log.atInfo()
                .addKeyValue("version", BuildInfo.version())
                .addKeyValue("http_scheme", settings.http().scheme())
                .addKeyValue("http_host", settings.http().host())
                .addKeyValue("http_port", httpPort)
                .addKeyValue("db_url", dbUrl)
                .addKeyValue("db_mode", services.databaseMode())
                .addKeyValue("db_tls", dbTls)
                .addKeyValue("nats_url", natsUrl)
                .addKeyValue("nats_mode", services.brokerMode())
                .addKeyValue("nats_auth", natsAuth)
                .addKeyValue("stream", names.stream())
                .addKeyValue("subject", names.subject())
                .addKeyValue("consumer", names.consumer())
                .addKeyValue("cache_budget_bytes", settings.cacheMaxBytes())
                .addKeyValue("max_message_bytes", settings.maxMessageBytes())
                .addKeyValue("log_format", settings.logFormat().code())
                .addKeyValue("auth", auth(settings.auth()))
                .log("order-service {} listening on {}://{}:{} | PostgreSQL {} ({}) {} | NATS {} ({}) {} | stream {} "
                        + "subject {} consumer {} | cache budget {} MiB | max message {} KiB | {} logs | auth {}",
                        BuildInfo.version(), settings.http().scheme(), settings.http().host(), httpPort, dbUrl,
                        services.databaseMode(), dbTls, natsUrl, services.brokerMode(), natsAuth, names.stream(),
                        names.subject(), names.consumer(), settings.cacheMaxBytes() >> 20,
                        settings.maxMessageBytes() >> 10, settings.logFormat().code(), auth(settings.auth()));
    }

    /** Which credentials are asked for: {@code tokens-file}, {@code jwt}, both, or {@code none}. */
    private static String auth(AuthSettings auth) {
        if (!auth.required()) {
            return "none";
        }
        return auth.tokensFile() == null ? "jwt" : auth.jwt() == null ? "tokens-file" : "tokens-file+jwt";
    }
}
