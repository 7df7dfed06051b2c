# syntax=docker/dockerfile:1

# ---- build: the fat jar, with the wrapper and the same .mvn/maven.config as everywhere else ----
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY .git .git
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests package \
 && cp target/digitnet-*.jar /digitnet.jar

# ---- datasets: MNIST and Fashion-MNIST obtained and verified (SHA-256) by the service's own provisioner ----
FROM build AS datasets
RUN java -Dloader.main=io.digitnet.datasets.ProvisionDatasets -cp /digitnet.jar \
        org.springframework.boot.loader.launch.PropertiesLauncher --dir /datasets

# ---- run: JRE with glibc (ND4J's natives need it; no Alpine) ----
FROM eclipse-temurin:17-jre-noble
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/digitnet --shell /usr/sbin/nologin digitnet \
 && mkdir -p /var/lib/digitnet/models /var/lib/digitnet/jobs /var/cache/javacpp \
 && chown -R digitnet /var/lib/digitnet /var/cache/javacpp
COPY --from=build /digitnet.jar /opt/digitnet/digitnet.jar
COPY --from=datasets /datasets /opt/digitnet/datasets

USER digitnet
WORKDIR /var/lib/digitnet
# Heap is capped at 35% of the container's memory: ND4J keeps training data and weights off-heap
# (JavaCPP's limits below), and OpenBLAS needs native memory of its own. The serial collector, small thread stacks,
# a 64 MB code cache and two malloc arenas keep the footprint small (README, "Memory": idle ~340 MB, training ~560 MB).
ENV DIGITNET_DATA_DIR=/var/lib/digitnet \
    DIGITNET_DATASETS_DIR=/opt/digitnet/datasets \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=35 -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError -Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=2G"

# Unpack ND4J's native libraries into the image once, so that a container starts without it.
RUN java -Dloader.main=io.digitnet.nn.NativeWarmUp -cp /opt/digitnet/digitnet.jar \
        org.springframework.boot.loader.launch.PropertiesLauncher

VOLUME ["/var/lib/digitnet/models", "/var/lib/digitnet/jobs"]
# 8080: HTTP (REST, V2 over REST, web page, actuator); 8081: V2 over gRPC (digitnet.grpc.port)
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/digitnet/digitnet.jar"]
