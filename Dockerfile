# rwa-prime: one image for every role (the Deployment picks the role with --roles=<role>).
# NOT built in CI: these machines have no Docker engine. Build it where one exists:
#   docker build -t ghcr.io/rwa-prime/rwa-prime:latest .
# (or build the jar first and use only the runtime stage: see README "Deploying to Kubernetes").

# --- Node.js for the dashboard build (frontend/ is built by Maven with npm)
FROM node:22-bookworm-slim AS node

# --- build: the shaded runnable jar (verticles/app/target/rwa-prime.jar), CPU TensorFlow natives, the dashboard
FROM maven:3.9-eclipse-temurin-21 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
RUN mvn -B -ntp package -pl verticles/app -am -DskipTests

# --- runtime: JRE only, non-root, read-only root filesystem friendly (writes go to /tmp and mounted volumes)
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 rwa \
 && useradd --system --uid 10001 --gid rwa --home-dir /app --shell /usr/sbin/nologin rwa \
 && mkdir -p /app /etc/rwa-prime/keys /var/lib/rwa-prime \
 && chown -R rwa:rwa /app /var/lib/rwa-prime
WORKDIR /app
COPY --from=build --chown=rwa:rwa /src/verticles/app/target/rwa-prime.jar /app/rwa-prime.jar
USER 10001:10001
EXPOSE 8080 5701 5702
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
ENTRYPOINT ["java", "-jar", "/app/rwa-prime.jar"]
CMD ["run", "--roles=all", "--profile=k8s"]
