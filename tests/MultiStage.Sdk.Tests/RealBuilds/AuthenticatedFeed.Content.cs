using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

// What the feed serves: the greeting library's package, the service index, and the password file's entry.
public sealed partial class AuthenticatedFeed
{
    /// <summary>Packs a class library whose <c>Greeter.Hello()</c> returns <paramref name="greeting"/>, and returns the .nupkg.</summary>
    public static string PackGreetingLibrary(string folder, string id, string version, string greeting)
    {
        var project = System.IO.Path.Combine(folder, id);
        Directory.CreateDirectory(project);
        File.WriteAllText(System.IO.Path.Combine(project, id + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <PackageId>{id}</PackageId>
                <Version>{version}</Version>
                <Authors>MultiStage tests</Authors>
                <Description>A package only the authenticated test feed serves.</Description>
              </PropertyGroup>
            </Project>

            """);
        File.WriteAllText(System.IO.Path.Combine(project, "Greeter.cs"), $$"""
            namespace {{id}};

            public static class Greeter
            {
                public static string Hello() => "{{greeting}}";
            }

            """);
        // No package sources: the library needs none, and it must not pick up the machine's own configuration.
        File.WriteAllText(System.IO.Path.Combine(project, "NuGet.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>

            """);
        var output = System.IO.Path.Combine(folder, "nupkgs");
        var result = ProcessRunner.Run("dotnet", new[] { "pack", "-c", "Release", "-o", output, "-nologo" }, project, DotnetCli.Environment());
        if (!result.Succeeded)
        {
            throw new XunitException($"Packing {id} {version} failed:\n{result.Output}");
        }

        var package = System.IO.Path.Combine(output, $"{id}.{version}.nupkg");
        Assert.True(File.Exists(package), $"dotnet pack did not write {package}:\n{result.Output}");
        return package;
    }

    /// <summary>The service index: restore only needs the flat container (PackageBaseAddress/3.0.0).</summary>
    private static string ServiceIndexJson(int port) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["version"] = "3.0.0",
        ["resources"] = new[]
        {
            new Dictionary<string, string>
            {
                ["@id"] = $"http://127.0.0.1:{port}/v3/flatcontainer/",
                ["@type"] = "PackageBaseAddress/3.0.0",
                ["comment"] = "Base URL of where NuGet packages are stored, in the format https://api.nuget.org/v3-flatcontainer/{id-lower}/{version-lower}/{id-lower}.{version-lower}.nupkg",
            },
        },
    });

    /// <summary>An nginx password entry ({SSHA}: SHA-1 of password and salt, then the salt, in base64), so no htpasswd tool is needed.</summary>
    private static string SaltedSha1(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var digest = SHA1.HashData(Encoding.UTF8.GetBytes(password).Concat(salt).ToArray());
        return "{SSHA}" + Convert.ToBase64String(digest.Concat(salt).ToArray());
    }
}
