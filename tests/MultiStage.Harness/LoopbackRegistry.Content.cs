using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MultiStage.Harness;

// What the registry holds: tags, manifests, configuration blobs, and the layers a push added.
public sealed partial class LoopbackRegistry
{
    /// <summary>The tags the registry holds for a repository, empty when it holds none.</summary>
    public IReadOnlyList<string> Tags(string repository)
    {
        using var client = Client();
        using var response = client.GetAsync($"{BaseUri}/v2/{repository}/tags/list").GetAwaiter().GetResult();
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return Array.Empty<string>();
        }

        Require(response.IsSuccessStatusCode, $"GET tags of {repository}: {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return document.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(t => t.GetString()!).OrderBy(t => t, StringComparer.Ordinal).ToList()
            : Array.Empty<string>();
    }

    /// <summary>The digest the registry gives a tag or digest reference (Docker-Content-Digest), or null when it holds none.</summary>
    public string? ManifestDigest(string repository, string reference)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"{BaseUri}/v2/{repository}/manifests/{reference}");
        foreach (var mediaType in new[]
        {
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
        })
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        using var response = client.SendAsync(request).GetAwaiter().GetResult();
        return response.StatusCode == HttpStatusCode.NotFound ? null
            : response.IsSuccessStatusCode && response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First()
            : throw new InvalidOperationException($"HEAD manifest {repository}:{reference}: {(int)response.StatusCode}\n{Describe()}");
    }

    /// <summary>The configuration blob of a single-platform image the registry holds, as pushed.</summary>
    public JsonDocument ConfigurationBlob(string repository, string reference)
    {
        using var client = Client();
        using var manifest = Manifest(client, repository, reference);
        var digest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString();
        using var response = client.GetAsync($"{BaseUri}/v2/{repository}/blobs/{digest}").GetAwaiter().GetResult();
        Require(response.IsSuccessStatusCode, $"GET blob {repository}@{digest}: {(int)response.StatusCode}");
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>The digests of the blobs the registry holds, read from its storage.</summary>
    public HashSet<string> Blobs()
    {
        var blobs = Path.Combine(Folder, "storage", "docker", "registry", "v2", "blobs");
        return Directory.Exists(blobs)
            ? Directory.EnumerateFiles(blobs, "data", SearchOption.AllDirectories).Select(f => "sha256:" + Path.GetFileName(Path.GetDirectoryName(f))).ToHashSet()
            : new HashSet<string>();
    }

    /// <summary>What a push of repository:tag sent: the bytes and count of its layers not among <paramref name="before"/> (<see cref="Blobs"/> before the push), and its layer count.</summary>
    public (long Bytes, int Fresh, int Layers) NewLayers(string repository, string tag, HashSet<string> before)
    {
        using var client = Client();
        using var manifest = Manifest(client, repository, tag);
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => (Digest: l.GetProperty("digest").GetString()!, Size: l.GetProperty("size").GetInt64())).ToList();
        var fresh = layers.Where(l => !before.Contains(l.Digest)).ToList();
        return (fresh.Sum(l => l.Size), fresh.Count, layers.Count);
    }

    /// <summary>A single-platform image's manifest (OCI or Docker's v2).</summary>
    private JsonDocument Manifest(HttpClient client, string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUri}/v2/{repository}/manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        using var response = client.SendAsync(request).GetAwaiter().GetResult();
        Require(response.IsSuccessStatusCode, $"GET manifest {repository}:{reference}: {(int)response.StatusCode}");
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message + "\n" + Describe());
        }
    }
}
