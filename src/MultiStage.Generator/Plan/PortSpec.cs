using System.Collections.Generic;
using System.Globalization;

namespace MultiStage.Generator.Plan;

/// <summary>A validated port, and the forms the Dockerfile, compose and <c>docker run</c> take it in.</summary>
internal sealed record PortSpec(int Number, string Protocol)
{
    /// <summary>The port every official image since 8.0 makes Kestrel listen on (ASPNETCORE_HTTP_PORTS).</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>As <c>EXPOSE</c> takes it: "8080", "53/udp".</summary>
    public override string ToString() => Protocol == "tcp" ? Number.ToString(CultureInfo.InvariantCulture) : $"{Number}/{Protocol}";

    /// <summary>Published on the same host port, as <c>docker run -p</c> and compose's <c>ports</c> take it: "8080:8080", "53:53/udp".</summary>
    public string HostMapping => string.Format(CultureInfo.InvariantCulture, "{0}:{0}{1}", Number, Protocol == "tcp" ? string.Empty : "/" + Protocol);

    /// <summary>The ports an image exposes: the project's ContainerPort items, else 8080 for a web app.</summary>
    public static IReadOnlyList<PortSpec> Exposed(bool isWebApp, IReadOnlyList<PortSpec> validated) =>
        validated.Count == 0 && isWebApp ? new[] { new PortSpec(DefaultHttpPort, "tcp") } : validated;
}
