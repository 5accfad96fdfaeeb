using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MultiStage.Bench;

/// <summary>
/// The run's own registry on loopback (Debian's docker-registry, storage under bench/artifacts): every image of the
/// run is pushed to it, and what a push adds to it is what that push sends. Pushes from the run's Docker Engine reach
/// it although the engine reaches no other registry (Go never sends loopback requests to the proxy).
/// </summary>
internal sealed class BenchRegistry : IDisposable
{
    private const string Program = "/usr/bin/docker-registry";
    private readonly HttpClient http = new(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string storage;
    private Process? process;

    public BenchRegistry(int port, string artifacts)
    {
        Address = $"127.0.0.1:{port}";
        storage = Path.Combine(artifacts, "registry");
        Config = Path.Combine(artifacts, "registry.yml");
    }

    public string Address { get; }

    private string Config { get; }

    public static string Version() => MultiStage.Harness.ProcessRunner.Run(Program, new[] { "--version" }, "/").StandardOutput.Trim();

    public void Start(BenchLog log)
    {
        log.Say($"Registry on {Address}");
        BenchOptions.Require(File.Exists(Program), "Debian's docker-registry is not installed (apt-get install -y docker-registry)");
        BenchOptions.Require(!Answers(), $"something already answers on {Address}; set BENCH_REGISTRY_PORT to a free port");
        Directory.CreateDirectory(storage);
        File.WriteAllText(Config, $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\nhttp:\n  addr: {Address}\n");
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(Config);
        process = Process.Start(start)!;
        var output = File.CreateText(log.PathOf("registry"));
        output.AutoFlush = true;
        process.OutputDataReceived += (_, e) => { lock (output) { output.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 40 && !Answers(); i++)
        {
            Thread.Sleep(250);
        }

        BenchOptions.Require(Answers(), $"the registry did not start on {Address} (log: {log.PathOf("registry")})");
        log.Note($"{Version()} (pid {process.Id}), storage {storage}");
    }

    /// <summary>The digests of the blobs the registry holds.</summary>
    public HashSet<string> Blobs()
    {
        var blobs = Path.Combine(storage, "docker", "registry", "v2", "blobs");
        return Directory.Exists(blobs)
            ? Directory.EnumerateFiles(blobs, "data", SearchOption.AllDirectories).Select(f => "sha256:" + Path.GetFileName(Path.GetDirectoryName(f))).ToHashSet()
            : new HashSet<string>();
    }

    /// <summary>What a push of repository:tag sent: the bytes and count of its layers not among <paramref name="before"/>, and its layer count.</summary>
    public (long Bytes, int Fresh, int Layers) NewLayers(string repository, string tag, HashSet<string> before)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{Address}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        using var response = http.Send(request);
        BenchOptions.Require(response.IsSuccessStatusCode, $"the registry has no manifest {repository}:{tag}");
        using var manifest = JsonDocument.Parse(response.Content.ReadAsStream());
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => (Digest: l.GetProperty("digest").GetString()!, Size: l.GetProperty("size").GetInt64())).ToList();
        var fresh = layers.Where(l => !before.Contains(l.Digest)).ToList();
        return (fresh.Sum(l => l.Size), fresh.Count, layers.Count);
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
        http.Dispose();
    }

    private bool Answers()
    {
        try
        {
            using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, $"http://{Address}/v2/"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
