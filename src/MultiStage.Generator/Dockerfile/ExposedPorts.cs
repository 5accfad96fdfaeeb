using System.Collections.Generic;

namespace MultiStage.Generator.Dockerfile;

/// <summary>The ports an image exposes: the project's ContainerPort items, else 8080 for a web app.</summary>
public static class ExposedPorts
{
    /// <summary>The port every official image since 8.0 makes Kestrel listen on (ASPNETCORE_HTTP_PORTS).</summary>
    public const int DefaultHttpPort = 8080;

    public static IReadOnlyList<PortSpec> For(bool isWebApp, IReadOnlyList<PortSpec> validatedPorts) =>
        validatedPorts.Count == 0 && isWebApp ? new[] { new PortSpec(DefaultHttpPort, "tcp") } : validatedPorts;
}
