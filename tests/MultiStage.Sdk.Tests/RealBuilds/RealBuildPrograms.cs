namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>Programs for the real-build tests that report something only the running image can know.</summary>
public static class RealBuildPrograms
{
    /// <summary>Prints the greeting and the runtime it runs on ("... on .NET 10.0.12").</summary>
    public static string Console(string greeting) =>
        $"Console.WriteLine($\"{greeting} on {{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}}\");\n";

    /// <summary>A web app whose root answers the greeting serialized by Newtonsoft.Json (a NuGet dependency).</summary>
    public static string WebWithPackage(string greeting) =>
        "var app = WebApplication.Create(args);\n"
        + $"app.MapGet(\"/\", () => Newtonsoft.Json.JsonConvert.SerializeObject(new {{ greeting = \"{greeting}\" }}));\n"
        + "app.Run();\n";
}
