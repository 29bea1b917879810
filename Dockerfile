# syntax=docker/dockerfile:1
# The order-service image: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.
#   docker build -t order-service .
#   docker compose -f deploy/compose.yaml up --build     (with PostgreSQL, NATS, Prometheus, Grafana)
# The image runs against external PostgreSQL and NATS (ORDERS_DB_URL, ORDERS_NATS_URL): it has no
# nats-server for the self-contained mode.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
# The Maven repository lives in a build cache, so a source change does not download the world again.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 orders \
    && useradd --system --uid 10001 --gid orders --home-dir /app --shell /usr/sbin/nologin orders \
    && mkdir -p /app/data && chown orders:orders /app/data
WORKDIR /app
COPY --from=build /build/target/libs/ libs/
COPY --from=build /build/target/order-service.jar order-service.jar
COPY --chmod=0755 deploy/docker/healthcheck.sh /usr/local/bin/healthcheck
USER 10001:10001
# JDK_JAVA_OPTIONS holds deploy/jvm.options (ZGC; DeployFilesTest checks it), on the JDK 25 the
# service is measured with.
ENV ORDERS_DATA_DIR=/app/data \
    JDK_JAVA_OPTIONS="-XX:+UseZGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/app/data/order-service.jsa"
EXPOSE 8080
# No curl in a JRE image, and a JVM per probe is too heavy: a bash /dev/tcp request to /health/ready.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["java", "-jar", "/app/order-service.jar"]
CMD ["serve"]
