# TargetVision backend image.
# Base images are build arguments so that mirrors or local stand-ins can replace them without editing this file.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# ---- restore: only the files that decide the package graph, so source edits reuse this layer ----
FROM ${DOTNET_SDK_IMAGE} AS restore
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/TargetVision.Api/TargetVision.Api.csproj src/TargetVision.Api/packages.lock.json src/TargetVision.Api/
# --locked-mode: the image gets exactly the packages in the committed lock file, or the build fails.
RUN dotnet restore src/TargetVision.Api/TargetVision.Api.csproj --locked-mode

# ---- dev: hot reload with sources bind-mounted over /src/src (docker-compose.dev.yml) ----
FROM restore AS dev
COPY .editorconfig ./
ENV ASPNETCORE_ENVIRONMENT=Development \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    DOTNET_WATCH_RESTART_ON_RUDE_EDIT=true \
    DOTNET_WATCH_SUPPRESS_LAUNCH_BROWSER=true
COPY src/ src/
EXPOSE 8080
# Same probe as the final stage (see there).
HEALTHCHECK --interval=5s --timeout=3s --start-period=180s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && IFS= read -r -t 3 status <&3 && [[ $status == 'HTTP/1.'?' 200 '* ]]"]
# Runs `dotnet watch` and makes `docker stop` end it promptly (see the script).
COPY --chmod=0755 docker/dev-entrypoint.sh /usr/local/bin/tv-dev-entrypoint
ENTRYPOINT ["tv-dev-entrypoint"]

# ---- build ----
FROM restore AS build
# Analyzer severities live in .editorconfig; without it a Release build would fail on rules the project relaxes.
COPY .editorconfig ./
COPY src/ src/
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
# Only a semantic version can become the assembly version; tags like `edge` or `sha-abc1234` keep the default and
# still reach the informational version through the source revision. The ARG is unset first because MSBuild would
# read the VERSION environment variable as its Version property.
RUN case "$VERSION" in \
        [0-9]*.[0-9]*.[0-9]*) version_arg="-p:Version=$VERSION" ;; \
        *) version_arg="" ;; \
    esac \
    && unset VERSION \
    && dotnet publish src/TargetVision.Api/TargetVision.Api.csproj \
        --configuration Release --runtime linux-x64 --no-self-contained --no-restore \
        --output /app/publish \
        -p:UseAppHost=false -p:DebugType=none -p:SourceRevisionId="$REVISION" $version_arg

# ---- runtime file system: the runtime image without the distribution around it (docker/runtime-fs.sh) ----
FROM ${DOTNET_RUNTIME_IMAGE} AS runtime-fs
ARG APP_UID=1654
COPY --chmod=0755 docker/runtime-fs.sh /usr/local/bin/tv-runtime-fs
# Only the app's native libraries, to check that everything they link resolves in the new root. BuildKit keys this
# copy by content, so a source change that leaves them alone reuses the assembled file system.
COPY --from=build /app/publish/*.so /tmp/app-native/
RUN tv-runtime-fs /rootfs /tmp/app-native "$APP_UID"

# ---- final: runtime only, non-root, no package manager or coreutils ----
# From scratch plus the runtime's files: 160 MB instead of the runtime image's 240 MB on the stand-ins (docs/performance.md).
FROM scratch AS final
ARG APP_UID=1654
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/targetvision/targetvision
ARG CREATED=unknown
LABEL org.opencontainers.image.title="TargetVision" \
      org.opencontainers.image.description="TargetVision backend (ASP.NET Core)" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"

# Owns /data/cache and /data/models (mount points owned by the app user: Docker copies this ownership into a fresh
# named volume, so the non-root process can write its caches without a chown at start) and a world-writable /tmp.
COPY --from=runtime-fs /rootfs/ /
# The runtime image's contract (its ENV does not carry over a FROM scratch).
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    APP_UID=${APP_UID} \
    DOTNET_RUNNING_IN_CONTAINER=true \
    ASPNETCORE_HTTP_PORTS=8080 \
    Storage__CacheDirectory=/data/cache \
    Visual__ModelsDirectory=/data/models \
    TMPDIR=/tmp

WORKDIR /app
# Binaries stay root-owned: the app cannot modify its own code.
COPY --from=build /app/publish/ ./

USER $APP_UID
EXPOSE 8080
# Health probe without starting a second .NET runtime: bash's /dev/tcp sends one HTTP request to /health/live (bash is
# the one tool runtime-fs.sh keeps for it).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "p=${ASPNETCORE_HTTP_PORTS:-8080}; exec 3<>/dev/tcp/127.0.0.1/${p%%[;,]*} && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && IFS= read -r -t 3 status <&3 && [[ $status == 'HTTP/1.'?' 200 '* ]]"]
ENTRYPOINT ["dotnet", "TargetVision.Api.dll"]
