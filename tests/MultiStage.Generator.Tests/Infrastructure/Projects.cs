using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>Facts of typical projects, as the targets and the collector would report them for a project at App/App.csproj.</summary>
internal static class Projects
{
    public static ProjectFacts Console(string targetFramework) => new()
    {
        ProjectPath = "App/App.csproj",
        DockerfilePath = "App/Dockerfile",
        AssemblyName = "App",
        ContainerRepository = "app",
        TargetFramework = targetFramework,
    };

    /// <summary>A Microsoft.NET.Sdk.Web project: references Microsoft.AspNetCore.App itself.</summary>
    public static ProjectFacts Web(string targetFramework) => Console(targetFramework) with { IsWebApp = true, UsesAspNetCore = true };

    /// <summary>A Microsoft.NET.Sdk.Worker project: a console app with a host, no ASP.NET Core.</summary>
    public static ProjectFacts Worker(string targetFramework) => Console(targetFramework);

    /// <summary>A net10.0 web app with a JavaScript front end.</summary>
    public static ProjectFacts WebWithClient(ClientBuild client) => Web("net10.0") with { Client = client };

    public static string[] Rids(params string[] rids) => rids;
}
