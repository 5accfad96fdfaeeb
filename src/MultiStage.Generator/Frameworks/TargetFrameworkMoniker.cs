using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiStage.Generator.Frameworks;

internal enum FrameworkKind
{
    /// <summary>.NET 5+ and .NET Core: the only frameworks Linux container images run.</summary>
    NetCoreApp,
    NetFramework,
    NetStandard,
    Unknown,
}

/// <summary>A short target framework moniker (net10.0, netcoreapp3.1, net48, netstandard2.0, net8.0-windows) taken apart.</summary>
internal sealed record TargetFrameworkMoniker(string Moniker, FrameworkKind Kind, Version Version, string Platform)
{
    private static readonly Regex ShortForm = new(
        @"^(?<name>netcoreapp|netstandard|net)(?<version>\d+(\.\d+)*)(-(?<platform>[A-Za-z]+)[\d.]*)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public int Major => Version.Major;

    /// <summary>The "M.m" channel that image tags use, e.g. "10.0".</summary>
    public string Channel => string.Format(CultureInfo.InvariantCulture, "{0}.{1}", Version.Major, Math.Max(Version.Minor, 0));

    /// <summary>An OS-specific TFM (net8.0-windows, net9.0-android) cannot run in a Linux image.</summary>
    public bool IsOsSpecific => Platform.Length > 0;

    /// <summary>.NET 5 and newer without an OS suffix: the only frameworks Linux container images run.</summary>
    public bool RunsInLinuxContainer => Kind == FrameworkKind.NetCoreApp && !IsOsSpecific && Major >= 5;

    public static TargetFrameworkMoniker Parse(string moniker)
    {
        var text = (moniker ?? string.Empty).Trim();
        var match = ShortForm.Match(text);
        if (!match.Success)
        {
            return new TargetFrameworkMoniker(text, FrameworkKind.Unknown, new Version(0, 0), string.Empty);
        }

        var name = match.Groups["name"].Value.ToLowerInvariant();
        var digits = match.Groups["version"].Value;
        var platform = match.Groups["platform"].Value.ToLowerInvariant();

        if (name == "netstandard")
        {
            return new TargetFrameworkMoniker(text, FrameworkKind.NetStandard, ParseDotted(digits), platform);
        }

        if (name == "netcoreapp")
        {
            return new TargetFrameworkMoniker(text, FrameworkKind.NetCoreApp, ParseDotted(digits), platform);
        }

        // "net" followed by a dotted version is .NET 5+; without dots (net48, net472) it is .NET Framework.
        if (digits.Contains("."))
        {
            var version = ParseDotted(digits);
            return new TargetFrameworkMoniker(text, version.Major >= 5 ? FrameworkKind.NetCoreApp : FrameworkKind.NetFramework, version, platform);
        }

        var frameworkVersion = new Version(digits[0] - '0', digits.Length > 1 ? digits[1] - '0' : 0);
        return new TargetFrameworkMoniker(text, FrameworkKind.NetFramework, frameworkVersion, platform);
    }

    private static Version ParseDotted(string digits)
    {
        var parts = digits.Split('.');
        var major = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minor = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return new Version(major, minor);
    }

    public override string ToString() => Moniker;
}
