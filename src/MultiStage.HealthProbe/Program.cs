using System;
using System.Net.Http;
using System.Threading;

// Usage: MultiStage.HealthProbe <url> [timeout-seconds]
// Exit code 0 when the app answers the URL with a success or redirect status within the timeout, else 1, which is
// what a HEALTHCHECK command reports. Nothing is printed on success; a failure says why (docker inspect shows it).
if (args.Length is < 1 or > 2 || !Uri.TryCreate(args[0], UriKind.Absolute, out var url))
{
    Console.Error.WriteLine("Usage: MultiStage.HealthProbe <url> [timeout-seconds]");
    return 2;
}

var seconds = args.Length == 2 && int.TryParse(args[1], out var value) && value > 0 ? value : 10;
try
{
    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(seconds) };
    using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None).GetAwaiter().GetResult();
    var status = (int)response.StatusCode;
    if (status is >= 200 and < 400)
    {
        return 0;
    }

    Console.Error.WriteLine($"GET {url}: HTTP {status}");
    return 1;
}
catch (Exception e)
{
    Console.Error.WriteLine($"GET {url}: {e.Message}");
    return 1;
}
