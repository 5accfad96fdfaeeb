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

/// <summary>One request nginx served: status, method, path and the Basic user it named ("-" for none).</summary>
public sealed record FeedRequest(int Status, string Method, string Path, string User)
{
    public override string ToString() => $"{Status} {Method} {Path} ({User})";
}
