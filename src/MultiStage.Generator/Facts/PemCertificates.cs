using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace MultiStage.Generator.Facts;

/// <summary>
/// What a MultiStageCaCertificate file may hold: PEM certificates and blank lines, nothing else. Anything else is
/// refused rather than guessed at: a key in a format no one listed would otherwise ride along into the build context.
/// Problems name lines by number, never by content.
/// </summary>
internal static class PemCertificates
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    private static readonly Regex Base64Line = new(@"^[A-Za-z0-9+/]+={0,2}\z", RegexOptions.CultureInvariant);

    // PEM keys of every kind (RSA, EC, DSA, ENCRYPTED, OPENSSH, PGP ... PRIVATE KEY), PuTTY and SSH.com key files.
    private static readonly string[] PrivateKeyMarks = { "PRIVATE KEY", "PuTTY-User-Key-File-", "SSH2 ENCRYPTED PRIVATE KEY" };

    /// <summary>The kind of private key material <paramref name="text"/> holds, or null.</summary>
    public static string? PrivateKey(string text) =>
        PrivateKeyMarks.FirstOrDefault(mark => text.IndexOf(mark, StringComparison.OrdinalIgnoreCase) >= 0) is { } found
            ? found.StartsWith("PuTTY", StringComparison.Ordinal) ? "a PuTTY key file" : "a PEM or OpenSSH private key block"
            : null;

    /// <summary>Why <paramref name="text"/> is not PEM certificates alone, or null when it is.</summary>
    public static string? Problem(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var inside = false;
        var certificates = 0;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            var number = index + 1;
            if (!inside)
            {
                if (line == Begin)
                {
                    inside = true;
                }
                else if (line.Length > 0 && !(index == 0 && line == "\ufeff"))
                {
                    return $"line {number} is outside a certificate block";
                }
            }
            else if (line == End)
            {
                inside = false;
                certificates++;
            }
            else if (line.Length > 0 && !Base64Line.IsMatch(line))
            {
                return $"line {number} of a certificate block is not Base64";
            }
        }

        return inside ? "the last certificate block has no END line"
            : certificates == 0 ? "it holds no -----BEGIN CERTIFICATE----- block"
            : null;
    }
}
