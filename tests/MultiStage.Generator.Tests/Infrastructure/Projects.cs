using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>Facts of typical projects, as the collector would report them for a project at App/App.csproj.</summary>
public static class Projects
{
    public static ProjectFacts Console(string targetFramework) => new()
    {
        ProjectPath = "App/App.csproj",
        DockerfilePath = "App/Dockerfile",
        AssemblyName = "App",
        TargetFramework = targetFramework,
    };

    /// <summary>A Microsoft.NET.Sdk.Web project: references Microsoft.AspNetCore.App itself.</summary>
    public static ProjectFacts Web(string targetFramework) => Console(targetFramework) with { IsWebApp = true, UsesAspNetCore = true };

    /// <summary>A Microsoft.NET.Sdk.Worker project: a console app with a host, no ASP.NET Core.</summary>
    public static ProjectFacts Worker(string targetFramework) => Console(targetFramework);

    /// <summary>A net10.0 web app with a JavaScript front end.</summary>
    public static ProjectFacts WebWithClient(JavaScriptClient client) => Web("net10.0") with { JavaScriptClient = client };

    public static string[] Rids(params string[] rids) => rids;
}
