using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// The same project with every free-text value replaced by a benign value of the same kind: the same items in the
/// same number and order, every switch as it was. What a Dockerfile written for it holds is the skeleton the hostile
/// project's Dockerfile must have too, whatever layout the writer chooses.
/// <para>
/// Paths become <see cref="PathImage"/>s, which keep what a writer may rely on: the folders, the ordinal order of
/// paths and of their folders, and whether a path holds only characters a cache mount can carry. Other text becomes
/// a token (<see cref="Restore"/> turns it back) that no writer text holds. Names, users, folders in the image,
/// images and ports are validated to a plain form before they are placed: they stay (ports in their plain form).
/// </para>
/// </summary>
internal sealed class BenignTwin
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // What CompilationCaches lets a cache mount name; a path image keeps whether a path is only that.
    private const string MountableCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+@-";

    private static readonly Regex Token = new(@"Zq(\d+)qZ", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, string> tokenOf = new(StringComparer.Ordinal);
    private readonly List<string> valueOf = new();

    private BenignTwin(ProjectFacts hostile)
    {
        Facts = hostile with
        {
            ProjectPath = PathImage(hostile.ProjectPath),
            DockerfilePath = PathImage(hostile.DockerfilePath),
            RestoreFiles = hostile.RestoreFiles.Select(PathImage).ToList(),
            RestoreFolders = hostile.RestoreFolders.Select(PathImage).ToList(),
            AssemblyName = TokenFor(hostile.AssemblyName),
            EnvironmentVariables = hostile.EnvironmentVariables.Select(v => v with { Value = TokenFor(v.Value) }).ToList(),
            Labels = hostile.Labels.Select(l => l with { Value = TokenFor(l.Value) }).ToList(),
            AppCommandArgs = hostile.AppCommandArgs.Select(TokenFor).ToList(),
            DefaultArgs = hostile.DefaultArgs.Select(TokenFor).ToList(),
            ContainerRepository = hostile.ContainerRepository is null ? null : TokenFor(hostile.ContainerRepository),
            Ports = hostile.Ports.Select(PlainPort).ToList(),
        };
    }

    /// <summary>The benign project.</summary>
    public ProjectFacts Facts { get; }

    public static BenignTwin Of(ProjectFacts hostile) => new(hostile);

    /// <summary>
    /// A path with '/' kept and every other character written as a block of letters, digits and '-', then '_' or ','.
    /// The blocks are a prefix-free code in the characters' order, and a block starts below '/' exactly when its
    /// character is below '/': paths and their folders sort as the originals do. The last character is ',' (which
    /// no cache mount carries) exactly when the original is not one a cache mount carries.
    /// </summary>
    public static string PathImage(string path)
    {
        var image = new StringBuilder(path.Length * 4);
        foreach (var c in path)
        {
            if (c == '/')
            {
                image.Append('/');
                continue;
            }

            if (c < '/')
            {
                image.Append('-').Append(Digits[c]);
            }
            else
            {
                image.Append(Digits[c / (62 * 62)]).Append(Digits[c / 62 % 62]).Append(Digits[c % 62]);
            }

            image.Append(MountableCharacters.IndexOf(c) >= 0 ? '_' : ',');
        }

        return image.ToString();
    }

    /// <summary>The text with every token turned back into the hostile value it stands for.</summary>
    public string Restore(string benign) =>
        Token.Replace(benign, m => int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < valueOf.Count ? valueOf[n] : m.Value);

    /// <summary>
    /// Whether <paramref name="hostile"/>, read from the hostile Dockerfile, is what stands where the benign Dockerfile
    /// has <paramref name="benign"/>: the same text where no value is, else the hostile value whole, as it was given,
    /// with the writer's text around it unchanged.
    /// </summary>
    public bool Corresponds(string hostile, string benign) =>
        hostile == benign || PathImage(hostile) == benign || Restore(benign) == hostile;

    private string TokenFor(string value)
    {
        if (!tokenOf.TryGetValue(value, out var token))
        {
            token = "Zq" + valueOf.Count.ToString(CultureInfo.InvariantCulture) + "qZ";
            tokenOf.Add(value, token);
            valueOf.Add(value);
        }

        return token;
    }

    /// <summary>A port as its number and protocol say it, when it is valid; an invalid one stays (the twin of a refused project is never read).</summary>
    private static ContainerPort PlainPort(ContainerPort port) =>
        PlacementRules.ValidPort(port) is { } valid ? new ContainerPort(valid.Number.ToString(CultureInfo.InvariantCulture), valid.Protocol) : port;
}
