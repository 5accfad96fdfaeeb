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

/// <summary>
/// A private NuGet feed on loopback: a static NuGet v3 feed (service index with a PackageBaseAddress/3.0.0 flat
/// container) served by nginx behind HTTP Basic authentication, with a user and a long token made up for this
/// instance. nginx runs in the foreground as one process (no master, no workers), with its configuration, logs,
/// temporary files and password file in <see cref="Folder"/>; <see cref="Dispose"/> stops it.
/// </summary>
public sealed partial class AuthenticatedFeed : IDisposable
{
    /// <summary>The nginx executable; a path that does not exist makes nginx count as missing.</summary>
    public const string ExecutableVariable = "MULTISTAGE_NGINX";

    private const string Realm = "private feed";
    private readonly LoopbackProcess process;

    private AuthenticatedFeed(string folder, string user, string token, int port, LoopbackProcess process)
    {
        Folder = folder;
        User = user;
        Token = token;
        Port = port;
        this.process = process;
    }

    public static string Executable { get; } = Resolve();

    /// <summary>Why the feed cannot be served on this machine, or null when it can.</summary>
    public static string? UnavailableReason =>
        Path.IsPathRooted(Executable) && File.Exists(Executable)
            ? null
            : $"nginx is not installed ({(Path.IsPathRooted(Executable) ? Executable + " does not exist" : "not on PATH")}); "
                + "install it (apt-get install -y nginx-light) to serve the authenticated NuGet feed";

    /// <summary>Skips the calling test when nginx is missing, or fails it when real builds are required.</summary>
    public static void RequireOrSkip() => Buildah.SkipUnlessRequired(UnavailableReason);

    /// <summary>Everything of this feed: the served files, nginx's configuration, logs and password file.</summary>
    public string Folder { get; }

    public string User { get; }

    public string Token { get; }

    public int Port { get; }

    /// <summary>The folder nginx serves (its root).</summary>
    public string Root => System.IO.Path.Combine(Folder, "www");

    public string ServiceIndex => $"http://127.0.0.1:{Port}/v3/index.json";

    public string AccessLogPath => System.IO.Path.Combine(Folder, "nginx", "access.log");

    public string ErrorLogPath => System.IO.Path.Combine(Folder, "nginx", "error.log");

    /// <summary>Lays out a static NuGet v3 feed for the packages in <paramref name="folder"/> and serves it on a free loopback port.</summary>
    public static AuthenticatedFeed Start(string folder, IReadOnlyList<(string Id, string Version, string Nupkg)> packages)
    {
        Directory.CreateDirectory(folder);
        var user = "feed-" + RandomNumberGenerator.GetHexString(10, lowercase: true);
        var token = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var www = System.IO.Path.Combine(folder, "www");
        foreach (var group in packages.GroupBy(p => p.Id.ToLowerInvariant()))
        {
            var versions = group.Select(p => p.Version.ToLowerInvariant()).ToList();
            var idFolder = System.IO.Path.Combine(www, "v3", "flatcontainer", group.Key);
            Directory.CreateDirectory(idFolder);
            File.WriteAllText(System.IO.Path.Combine(idFolder, "index.json"), JsonSerializer.Serialize(new { versions }));
            foreach (var package in group)
            {
                var version = package.Version.ToLowerInvariant();
                var versionFolder = System.IO.Path.Combine(idFolder, version);
                Directory.CreateDirectory(versionFolder);
                File.Copy(package.Nupkg, System.IO.Path.Combine(versionFolder, $"{group.Key}.{version}.nupkg"), overwrite: true);
                using var archive = ZipFile.OpenRead(package.Nupkg);
                var nuspec = archive.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
                nuspec.ExtractToFile(System.IO.Path.Combine(versionFolder, group.Key + ".nuspec"), overwrite: true);
            }
        }

        var nginx = System.IO.Path.Combine(folder, "nginx");
        foreach (var temporary in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(System.IO.Path.Combine(nginx, "temp", temporary));
        }

        File.WriteAllText(System.IO.Path.Combine(nginx, "htpasswd"), $"{user}:{SaltedSha1(token)}\n");

        // A port picked free can be taken before nginx binds it: try a few.
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = LoopbackProcess.FreePort();
            File.WriteAllText(System.IO.Path.Combine(www, "v3", "index.json"), ServiceIndexJson(port));
            var configuration = System.IO.Path.Combine(nginx, "nginx.conf");
            File.WriteAllText(configuration, Configuration(nginx, www, port));
            var started = LoopbackProcess.Start(Executable, new[] { "-p", nginx + "/", "-c", configuration, "-e", System.IO.Path.Combine(nginx, "error.log") }, nginx);
            var feed = new AuthenticatedFeed(folder, user, token, port, started);
            if (feed.WaitUntilServing(TimeSpan.FromSeconds(20), out var problem))
            {
                return feed;
            }

            attempts.Add($"port {port}: {problem}");
            feed.Dispose();
        }

        throw new XunitException("nginx did not serve the feed:\n" + string.Join("\n", attempts));
    }

    /// <summary>The requests nginx has logged so far, oldest first.</summary>
    public IReadOnlyList<FeedRequest> Requests()
    {
        if (!File.Exists(AccessLogPath))
        {
            return Array.Empty<FeedRequest>();
        }

        using var stream = new FileStream(AccessLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 4))
            .Where(parts => parts.Length == 4 && int.TryParse(parts[0], out _))
            .Select(parts => new FeedRequest(int.Parse(parts[0]), parts[1], parts[2], parts[3]))
            .ToList();
    }

    /// <summary>nginx's own output and error log, for failure messages.</summary>
    public string Describe()
    {
        var output = process.Output;
        var errors = File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : "(no error log)";
        return $"nginx on 127.0.0.1:{Port} ({Folder}), output:\n{output}\nerror log:\n{errors}";
    }

    public void Dispose() => process.Dispose();

    private bool WaitUntilServing(TimeSpan timeout, out string problem)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return process.WaitUntilServing(timeout, c =>
        {
            // Unauthenticated, the service index must be refused; that proves both that nginx is up and that it checks.
            using var response = c.GetAsync(ServiceIndex).GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.Unauthorized ? null : $"GET {ServiceIndex} without credentials answered {(int)response.StatusCode}, not 401.";
        }, client, Describe, out problem);
    }

    // One foreground process that serves requests itself: nothing to reap, and it reads the feed as the user that started it.
    private static string Configuration(string prefix, string www, int port) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log info;
        events { worker_connections 64; }
        http {
            default_type application/octet-stream;
            types { application/json json; application/xml nuspec; }
            log_format feed '$status $request_method $uri $remote_user';
            access_log {{prefix}}/access.log feed;
            client_body_temp_path {{prefix}}/temp/body;
            proxy_temp_path {{prefix}}/temp/proxy;
            fastcgi_temp_path {{prefix}}/temp/fastcgi;
            uwsgi_temp_path {{prefix}}/temp/uwsgi;
            scgi_temp_path {{prefix}}/temp/scgi;
            server {
                listen 127.0.0.1:{{port}};
                root {{www}};
                auth_basic "{{Realm}}";
                auth_basic_user_file {{prefix}}/htpasswd;
                location / { }
            }
        }

        """;

    private static string Resolve()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        // nginx lives in /usr/sbin, which is not on every user's PATH.
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin" });
        return path.Select(folder => System.IO.Path.Combine(folder, "nginx")).FirstOrDefault(File.Exists) ?? "nginx";
    }
}
