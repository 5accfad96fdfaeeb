using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Sbom;

/// <summary>
/// The image's SBOM as a CycloneDX 1.5 JSON document (the version Trivy, Syft and Grype all read). Deterministic: no
/// timestamp, components in a fixed order, and a serial number derived from the content, so the same app gives the
/// same bytes and the layer holding it is reused.
/// </summary>
internal static class CycloneDxWriter
{
    public const string SpecVersion = "1.5";

    /// <summary>The property that tells a runtime pack from the app's own NuGet packages.</summary>
    public const string RuntimePackProperty = "multistage:runtime-pack";

    public static string Write(SbomContents contents)
    {
        var app = new Obj { ["type"] = "application", ["bom-ref"] = "app", ["name"] = contents.AppName };
        if (contents.AppVersion.Length > 0)
        {
            app["version"] = contents.AppVersion;
        }

        var components = Components(contents).ToList();
        var metadata = new Obj
        {
            // The tools list in its first form, which 1.5 still allows: readers built before 1.5 (Trivy among them)
            // fail on the object form.
            ["tools"] = new List<object> { new Obj { ["name"] = "MultiStage.Sdk", ["version"] = contents.ToolVersion } },
            ["component"] = app,
            ["properties"] = new List<object> { Property("multistage:publish", ShapeName(contents.Shape)) },
        };
        var dependencies = new List<object>
        {
            new Obj { ["ref"] = "app", ["dependsOn"] = components.Select(c => (object)(string)c["bom-ref"]).ToList() },
        };

        var body = new Obj
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = SpecVersion,
            ["version"] = 1,
            ["metadata"] = metadata,
            ["components"] = components.Cast<object>().ToList(),
            ["dependencies"] = dependencies,
        };

        var document = new Obj { ["bomFormat"] = "CycloneDX", ["specVersion"] = SpecVersion, ["serialNumber"] = SerialNumber(Serialize(body)) };
        foreach (var entry in body.Entries.Skip(2))
        {
            document[entry.Key] = entry.Value;
        }

        return Serialize(document) + "\n";
    }

    private static IEnumerable<Obj> Components(SbomContents contents)
    {
        foreach (var framework in contents.SharedFrameworks)
        {
            var component = new Obj { ["type"] = "framework", ["bom-ref"] = $"framework:{framework.Id}", ["name"] = framework.Id, ["version"] = framework.Version };
            component["description"] = "The base image's shared framework; the version is the lowest the app runs on (it rolls forward to the image's patch).";
            yield return component;
        }

        // A runtime pack is a NuGet package, and .NET's advisories name it: scanners match only "library" components.
        foreach (var pack in contents.RuntimePacks)
        {
            var component = Package("library", pack);
            component["description"] = contents.Shape == PublishShape.NativeAot ? "Runtime pack, compiled into the native executable." : "Runtime pack, published with the app.";
            component["properties"] = new List<object> { Property(RuntimePackProperty, "true") };
            yield return component;
        }

        foreach (var package in contents.NuGetPackages)
        {
            yield return Package("library", package);
        }

        foreach (var project in contents.Projects)
        {
            yield return new Obj { ["type"] = "library", ["bom-ref"] = $"project:{project}", ["name"] = project, ["properties"] = new List<object> { Property("multistage:source", "project reference") } };
        }

        foreach (var npm in contents.NpmPackages)
        {
            var purl = $"pkg:npm/{PurlName(npm.Name)}@{Uri.EscapeDataString(npm.Version)}";
            yield return new Obj { ["type"] = "library", ["bom-ref"] = purl, ["name"] = npm.Name, ["version"] = npm.Version, ["purl"] = purl };
        }

        var distro = OsDistribution.Of(contents.BaseImage);
        foreach (var name in contents.OsPackages)
        {
            var component = new Obj { ["type"] = "library", ["bom-ref"] = $"os-package:{name}", ["name"] = name };
            if (distro is not null)
            {
                component["purl"] = $"pkg:{distro.PurlType}/{distro.Vendor}/{Uri.EscapeDataString(name)}?distro={distro.Distro}";
            }

            component["properties"] = new List<object> { Property("multistage:source", "MultiStageOsPackage; the version is the distribution's at image build time") };
            yield return component;
        }

        if (contents.BaseImage is { Length: > 0 } baseImage)
        {
            yield return BaseImage(baseImage);
        }
    }

    private static Obj Package(string type, SbomPackage package)
    {
        var purl = $"pkg:nuget/{Uri.EscapeDataString(package.Id)}@{Uri.EscapeDataString(package.Version)}";
        var component = new Obj { ["type"] = type, ["bom-ref"] = purl, ["name"] = package.Id, ["version"] = package.Version, ["purl"] = purl };
        if (package.Sha512 is { } sha512 && ToHex(sha512) is { } hex)
        {
            component["hashes"] = new List<object> { new Obj { ["alg"] = "SHA-512", ["content"] = hex } };
        }

        return component;
    }

    private static Obj BaseImage(string reference)
    {
        var parts = reference.Split('@');
        var name = parts[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        var repository = colon > slash ? name.Substring(0, colon) : name;
        var tag = colon > slash ? name.Substring(colon + 1) : "latest";
        var component = new Obj { ["type"] = "container", ["bom-ref"] = $"base-image:{reference}", ["name"] = repository, ["version"] = tag };
        if (parts.Length == 2 && parts[1].StartsWith("sha256:", StringComparison.Ordinal))
        {
            var digest = parts[1];
            component["hashes"] = new List<object> { new Obj { ["alg"] = "SHA-256", ["content"] = digest.Substring("sha256:".Length) } };
            var last = repository.Substring(repository.LastIndexOf('/') + 1);
            component["purl"] = $"pkg:oci/{last}@{Uri.EscapeDataString(digest)}?repository_url={Uri.EscapeDataString(repository)}&tag={Uri.EscapeDataString(tag)}";
        }

        component["properties"] = new List<object> { Property("multistage:role", "base image of the final stage") };
        return component;
    }

    private static string PurlName(string npmName) =>
        npmName.StartsWith("@", StringComparison.Ordinal) && npmName.IndexOf('/') is var slash and > 0
            ? "%40" + Uri.EscapeDataString(npmName.Substring(1, slash - 1)) + "/" + Uri.EscapeDataString(npmName.Substring(slash + 1))
            : Uri.EscapeDataString(npmName);

    private static Obj Property(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static string ShapeName(PublishShape shape) => shape switch
    {
        PublishShape.NativeAot => "native-aot",
        PublishShape.SelfContained => "self-contained",
        _ => "framework-dependent",
    };

    private static string? ToHex(string base64)
    {
        try
        {
            return string.Concat(Convert.FromBase64String(base64).Select(b => b.ToString("x2")));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A UUID (version 5 layout) from the SHA-256 of the content: the same content, the same serial number.</summary>
    private static string SerialNumber(string content)
    {
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(content));
        }

        hash[6] = (byte)((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        var hex = string.Concat(hash.Take(16).Select(b => b.ToString("x2")));
        return $"urn:uuid:{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20, 12)}";
    }

    private static string Serialize(object value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object value, int depth)
    {
        var indent = new string(' ', (depth + 1) * 2);
        var closing = new string(' ', depth * 2);
        switch (value)
        {
            case string text:
                builder.Append(JsonQuoting.Quote(text));
                break;
            case int number:
                builder.Append(number);
                break;
            case Obj obj:
                builder.Append("{\n");
                for (var i = 0; i < obj.Entries.Count; i++)
                {
                    builder.Append(indent).Append(JsonQuoting.Quote(obj.Entries[i].Key)).Append(": ");
                    Append(builder, obj.Entries[i].Value, depth + 1);
                    builder.Append(i < obj.Entries.Count - 1 ? ",\n" : "\n");
                }

                builder.Append(closing).Append('}');
                break;
            case List<object> list when list.Count == 0:
                builder.Append("[]");
                break;
            case List<object> list:
                builder.Append("[\n");
                for (var i = 0; i < list.Count; i++)
                {
                    builder.Append(indent);
                    Append(builder, list[i], depth + 1);
                    builder.Append(i < list.Count - 1 ? ",\n" : "\n");
                }

                builder.Append(closing).Append(']');
                break;
        }
    }

    /// <summary>A JSON object that keeps its keys in the order they were set.</summary>
    private sealed class Obj
    {
        public List<KeyValuePair<string, object>> Entries { get; } = new();

        public object this[string key]
        {
            get => Entries.First(e => e.Key == key).Value;
            set
            {
                var index = Entries.FindIndex(e => e.Key == key);
                if (index >= 0)
                {
                    Entries[index] = new KeyValuePair<string, object>(key, value);
                }
                else
                {
                    Entries.Add(new KeyValuePair<string, object>(key, value));
                }
            }
        }
    }
}
