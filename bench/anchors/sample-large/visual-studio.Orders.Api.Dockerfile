# The shape Visual Studio Container Tools writes for a web project (Add > Docker Support), for Orders.Api of
# bench/sample-large.
# Benchmark anchor: bench/run.sh places it beside the project, where Visual Studio puts it.
# Build from the solution folder: docker build -f src/Orders.Api/Dockerfile -t orders.api .
#
# Kept from Visual Studio, as in bench/anchors/visual-studio.Dockerfile: the base/build/publish/final stages, the
# project file and those of every project it references (directly or not) copied before restore, with the
# solution-level Directory.*.props, `dotnet build` and then `dotnet publish` (two compiles), UseAppHost=false,
# no cache mounts, no cross-arch, EXPOSE 8080, USER $APP_UID.
# Changed for the comparison: the base images are the ones MultiStage.Sdk chooses for the project, so every
# Dockerfile builds on the same base images.

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS base
USER $APP_UID
WORKDIR /app
EXPOSE 8080

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["Directory.Build.props", "."]
COPY ["Directory.Packages.props", "."]
COPY ["src/Orders.Api/Orders.Api.csproj", "src/Orders.Api/"]
COPY ["src/Orders.Domain/Orders.Domain.csproj", "src/Orders.Domain/"]
COPY ["src/Orders.Reports/Orders.Reports.csproj", "src/Orders.Reports/"]
COPY ["src/Orders.Storage/Orders.Storage.csproj", "src/Orders.Storage/"]
RUN dotnet restore "./src/Orders.Api/Orders.Api.csproj"
COPY . .
WORKDIR "/src/src/Orders.Api"
RUN dotnet build "./Orders.Api.csproj" -c $BUILD_CONFIGURATION -o /app/build

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./Orders.Api.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "Orders.Api.dll"]
