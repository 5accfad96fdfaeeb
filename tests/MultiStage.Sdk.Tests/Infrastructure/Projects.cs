namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>Project files and programs for the shapes the tests build.</summary>
public static class Projects
{
    /// <summary>A web app on Microsoft.NET.Sdk.Web with MultiStage.Sdk added.</summary>
    public static string Web(string targetFramework = "net10.0", string properties = "", string items = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <Sdk Name="MultiStage.Sdk" />
          <PropertyGroup>
            <TargetFramework>{targetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {items}
          </ItemGroup>
        </Project>

        """;

    /// <summary>A console app on MultiStage.Sdk alone (it wraps Microsoft.NET.Sdk).</summary>
    public static string Console(string targetFramework = "net10.0", string properties = "", string items = "") => $"""
        <Project Sdk="MultiStage.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>{targetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {items}
          </ItemGroup>
        </Project>

        """;

    /// <summary>A worker on Microsoft.NET.Sdk.Worker with MultiStage.Sdk added.</summary>
    public static string Worker(string targetFramework = "net10.0", string properties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk.Worker">
          <Sdk Name="MultiStage.Sdk" />
          <PropertyGroup>
            <TargetFramework>{targetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Extensions.Hosting" Version="8.0.1" />
          </ItemGroup>
        </Project>

        """;

    /// <summary>A class library on plain Microsoft.NET.Sdk.</summary>
    public static string Library(string targetFramework = "net10.0") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>{targetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>

        """;

    public static string WebProgram(string greeting = "Hello from the web app") =>
        $"var app = WebApplication.Create(args);\napp.MapGet(\"/\", () => \"{greeting}\");\napp.Run();\n";

    public static string ConsoleProgram(string greeting = "Hello from the console app") =>
        $"Console.WriteLine(\"{greeting}\");\n";

    public static string WorkerProgram(string greeting = "Hello from the worker") => $$"""
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddHostedService<Greeter>();
        builder.Build().Run();

        sealed class Greeter(IHostApplicationLifetime lifetime) : BackgroundService
        {
            protected override Task ExecuteAsync(CancellationToken stoppingToken)
            {
                Console.WriteLine("{{greeting}}");
                return Task.CompletedTask;
            }
        }

        """;
}
