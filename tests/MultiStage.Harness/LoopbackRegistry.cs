using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace MultiStage.Harness;

/// <summary>How a <see cref="LoopbackRegistry"/> is served: over plain HTTP or TLS, open or behind a password.</summary>
public sealed record LoopbackRegistryOptions(bool Authenticated = false, bool Tls = false);

/// <summary>
/// A real OCI registry on loopback: Debian's docker-registry (the CNCF distribution registry) in the foreground,
/// with its storage, configuration and log in <see cref="Folder"/>. With <see cref="LoopbackRegistryOptions.Authenticated"/>
/// it takes HTTP Basic credentials from a bcrypt htpasswd file (a user and password made up for this instance);
/// with <see cref="LoopbackRegistryOptions.Tls"/> it serves a self-signed certificate for 127.0.0.1, which
/// <see cref="TrustCertificate"/> makes the engines trust for this address only. Docker Engine and buildah reach
/// it although the test engine reaches no other registry: loopback requests never go to a proxy. The real-build
/// tests push to it, and the benchmark measures what each push sends (<see cref="NewLayers"/>).
/// </summary>
public sealed partial class LoopbackRegistry : IDisposable
{
    public const string ExecutableVariable = "MULTISTAGE_DOCKER_REGISTRY";

    private readonly LoopbackProcess process;
    private readonly List<string> trustFolders = new();

    private LoopbackRegistry(string folder, int port, LoopbackRegistryOptions options, string? user, string? password, string? certificatePem, LoopbackProcess process)
    {
        Folder = folder;
        Port = port;
        Options = options;
        User = user;
        Password = password;
        CertificatePem = certificatePem;
        this.process = process;
    }

    public static string Executable { get; } = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : "/usr/bin/docker-registry";

    /// <summary>Why a registry cannot be served here, or null when it can.</summary>
    public static string? UnavailableReason =>
        !File.Exists(Executable) ? $"{Executable} does not exist; install Debian's registry (apt-get install -y docker-registry)"
        : !File.Exists("/usr/bin/htpasswd") ? "htpasswd is not installed (apt-get install -y apache2-utils); it writes the registry's bcrypt password file"
        : null;

    /// <summary>The registry program's version line.</summary>
    public static string Version() => ProcessRunner.Run(Executable, new[] { "--version" }, "/", timeout: TimeSpan.FromMinutes(1)).StandardOutput.Trim();

    public string Folder { get; }

    public int Port { get; }

    public LoopbackRegistryOptions Options { get; }

    /// <summary>host:port, as image references name the registry.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The user and password when <see cref="LoopbackRegistryOptions.Authenticated"/>, else null.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>The self-signed certificate (PEM) when <see cref="LoopbackRegistryOptions.Tls"/>, else null.</summary>
    public string? CertificatePem { get; }

    public string BaseUri => $"{(Options.Tls ? "https" : "http")}://{Address}";

    public string LogPath => Path.Combine(Folder, "registry.log");

    /// <summary>
    /// Starts a registry on <paramref name="port"/>, or on a free loopback port when null (retried if another
    /// process takes it first); <see cref="Dispose"/> stops it and removes the trust it added.
    /// </summary>
    public static LoopbackRegistry Start(string folder, LoopbackRegistryOptions? options = null, int? port = null)
    {
        options ??= new LoopbackRegistryOptions();
        Directory.CreateDirectory(folder);
        string? user = null, password = null, certificatePem = null;
        if (options.Authenticated)
        {
            user = "pusher-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
            password = RandomNumberGenerator.GetHexString(40, lowercase: true);
            var htpasswd = ProcessRunner.Run("/usr/bin/htpasswd", new[] { "-Bbn", user, password }, folder, timeout: TimeSpan.FromMinutes(1));
            if (!htpasswd.Succeeded)
            {
                throw new InvalidOperationException("htpasswd failed:\n" + htpasswd.Output);
            }

            File.WriteAllText(Path.Combine(folder, "htpasswd"), htpasswd.Output.Trim() + "\n");
        }

        if (options.Tls)
        {
            (certificatePem, var keyPem) = SelfSignedCertificate();
            File.WriteAllText(Path.Combine(folder, "certificate.pem"), certificatePem);
            File.WriteAllText(Path.Combine(folder, "key.pem"), keyPem);
        }

        var attempts = new List<string>();
        for (var attempt = 0; attempt < (port is null ? 5 : 1); attempt++)
        {
            var serving = port ?? LoopbackProcess.FreePort();
            var configuration = Path.Combine(folder, "registry.yml");
            File.WriteAllText(configuration, Configuration(folder, serving, options));
            var started = LoopbackProcess.Start(Executable, new[] { "serve", configuration }, folder);
            var registry = new LoopbackRegistry(folder, serving, options, user, password, certificatePem, started);
            if (registry.WaitUntilServing(TimeSpan.FromSeconds(20), out var problem))
            {
                return registry;
            }

            attempts.Add($"port {serving}: {problem}");
            registry.Dispose();
        }

        throw new InvalidOperationException("docker-registry did not start:\n" + string.Join("\n", attempts));
    }

    /// <summary>
    /// Makes Docker Engine and buildah/podman trust this registry's certificate for its address only, the way an
    /// administrator would: a ca.crt under /etc/docker/certs.d/ADDRESS/ and /etc/containers/certs.d/ADDRESS/
    /// (root only). Removed on <see cref="Dispose"/>.
    /// </summary>
    public void TrustCertificate()
    {
        if (!Options.Tls)
        {
            throw new InvalidOperationException("Only a TLS registry has a certificate to trust.");
        }

        foreach (var root in new[] { "/etc/docker/certs.d", "/etc/containers/certs.d" })
        {
            var folder = Path.Combine(root, Address);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "ca.crt"), CertificatePem);
            trustFolders.Add(folder);
        }
    }

    /// <summary>
    /// An auth file in the format docker, podman, buildah and skopeo all read (DOCKER_CONFIG's config.json,
    /// REGISTRY_AUTH_FILE), holding <paramref name="password"/> (this registry's, unless another is given).
    /// </summary>
    public string WriteAuthFile(string folder, string? password = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "config.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password ?? Password}"));
        File.WriteAllText(path, JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [Address] = new { auth } } }));
        return path;
    }

    /// <summary>The registry's own output, for failure messages.</summary>
    public string Describe() => $"docker-registry on {BaseUri} ({Folder}), output:\n{process.Output}";

    public void Dispose()
    {
        process.Dispose();
        File.WriteAllText(LogPath, process.Output);
        foreach (var folder in trustFolders)
        {
            Directory.Delete(folder, recursive: true);
        }

        trustFolders.Clear();
    }

    /// <summary>An HTTP client that trusts exactly this registry's certificate and sends its credentials.</summary>
    private HttpClient Client()
    {
        var handler = new HttpClientHandler();
        if (CertificatePem is not null)
        {
            var expected = X509Certificate2.CreateFromPem(CertificatePem);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(expected.RawData);
        }

        var client = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
        if (User is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        }

        return client;
    }

    private bool WaitUntilServing(TimeSpan timeout, out string problem)
    {
        using var client = Client();
        return process.WaitUntilServing(timeout, c =>
        {
            using var response = c.GetAsync($"{BaseUri}/v2/").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode ? null : $"GET /v2/ answered {(int)response.StatusCode}.";
        }, client, Describe, out problem);
    }

    /// <summary>A self-signed server certificate for 127.0.0.1 (subject alternative name), valid for two days.</summary>
    private static (string Certificate, string Key) SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    // Storage deletes allowed so a test can empty a repository; the log goes to standard error, kept by LoopbackProcess.
    private static string Configuration(string folder, int port, LoopbackRegistryOptions options)
    {
        var text = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:")
            .AppendLine("  level: info")
            .AppendLine("storage:")
            .AppendLine("  filesystem:")
            .AppendLine($"    rootdirectory: {Path.Combine(folder, "storage")}")
            .AppendLine("  delete:")
            .AppendLine("    enabled: true")
            .AppendLine("http:")
            .AppendLine($"  addr: 127.0.0.1:{port}");
        if (options.Tls)
        {
            text.AppendLine("  tls:")
                .AppendLine($"    certificate: {Path.Combine(folder, "certificate.pem")}")
                .AppendLine($"    key: {Path.Combine(folder, "key.pem")}");
        }

        if (options.Authenticated)
        {
            text.AppendLine("auth:")
                .AppendLine("  htpasswd:")
                .AppendLine("    realm: loopback registry")
                .AppendLine($"    path: {Path.Combine(folder, "htpasswd")}");
        }

        return text.ToString();
    }
}
