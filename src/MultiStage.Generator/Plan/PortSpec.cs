using System.Collections.Generic;
using System.Globalization;

namespace MultiStage.Generator.Plan;

/// <summary>What is wrong with a port's text.</summary>
internal enum PortProblem
{
    None,

    /// <summary>The number is not a whole number from 1 to 65535.</summary>
    Number,

    /// <summary>The protocol is neither tcp nor udp.</summary>
    Protocol,
}

/// <summary>A validated port, and the forms the Dockerfile, compose and <c>docker run</c> take it in.</summary>
internal sealed record PortSpec(int Number, string Protocol)
{
    /// <summary>The port every official image since 8.0 makes Kestrel listen on (ASPNETCORE_HTTP_PORTS).</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>As <c>EXPOSE</c> takes it: "8080", "53/udp".</summary>
    public override string ToString() => Protocol == "tcp" ? Number.ToString(CultureInfo.InvariantCulture) : $"{Number}/{Protocol}";

    /// <summary>Published on the same host port, as <c>docker run -p</c> and compose's <c>ports</c> take it: "8080:8080", "53:53/udp".</summary>
    public string HostMapping => string.Format(CultureInfo.InvariantCulture, "{0}:{0}{1}", Number, Protocol == "tcp" ? string.Empty : "/" + Protocol);

    /// <summary>
    /// A port from its number and protocol as text (a ContainerPort's Include and Type): the number with no sign or
    /// separator, the protocol tcp (also when blank) or udp in any case. Null, with the problem, when it is no port.
    /// </summary>
    public static PortSpec? Parse(string number, string? protocol, out PortProblem problem)
    {
        if (!int.TryParse(number.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 65535)
        {
            problem = PortProblem.Number;
            return null;
        }

        var name = string.IsNullOrWhiteSpace(protocol) ? "tcp" : protocol!.Trim().ToLowerInvariant();
        if (name is not ("tcp" or "udp"))
        {
            problem = PortProblem.Protocol;
            return null;
        }

        problem = PortProblem.None;
        return new PortSpec(value, name);
    }

    /// <summary>A port in the form <see cref="ToString"/> gives ("8080", "53/udp"), or null when it is no port.</summary>
    public static PortSpec? ParseExposed(string text)
    {
        var slash = text.IndexOf('/');
        return slash < 0 ? Parse(text, null, out _) : Parse(text.Substring(0, slash), text.Substring(slash + 1), out _);
    }

    /// <summary>The ports an image exposes: the project's ContainerPort items, else 8080 for a web app.</summary>
    public static IReadOnlyList<PortSpec> Exposed(bool isWebApp, IReadOnlyList<PortSpec> validated) =>
        validated.Count == 0 && isWebApp ? new[] { new PortSpec(DefaultHttpPort, "tcp") } : validated;
}
