using System.Text;
using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Frameworks;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Tests.Fuzz;

// The random draws HostileFacts builds its facts from.
internal static partial class HostileFacts
{
    private enum TextKind
    {
        /// <summary>Anything at all.</summary>
        Any,

        /// <summary>Text a quoted ENV or LABEL value can hold (tabs, quotes, '$', '\', unicode), when not hostile.</summary>
        Value,

        /// <summary>Text a path can hold (no tab, glob or expansion characters), when not hostile.</summary>
        Path,
    }

    private sealed class Draw(Random random, double hostility)
    {
        public bool Chance(double p) => random.NextDouble() < p;

        /// <summary>Whether this value may break the rules its property has (only in hostile cases).</summary>
        public bool Hostile() => random.NextDouble() < hostility;

        public T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

        public IReadOnlyList<T> List<T>(int max, Func<T> item) => Enumerable.Range(0, random.Next(max + 1)).Select(_ => item()).ToList();

        public string Text(TextKind kind, int typicalLength)
        {
            var hostile = kind == TextKind.Any || Hostile();
            string text;
            switch (random.Next(40))
            {
                case 0 or 1 or 2 or 3:
                    text = Pick(Nasty);
                    break;
                case 4:
                    // Long values: a few KB of mixed pieces.
                    var length = 256 + random.Next(4096);
                    var builder = new StringBuilder();
                    while (builder.Length < length)
                    {
                        builder.Append(Piece());
                    }

                    text = builder.ToString();
                    break;
                case 5 or 6 or 7 or 8:
                    text = Piece() + Pick(Nasty) + Piece();
                    break;
                default:
                    var pieces = random.Next(1 + random.Next(Math.Max(1, typicalLength / 3)));
                    text = string.Concat(Enumerable.Range(0, pieces).Select(_ => Piece()));
                    break;
            }

            if (Chance(0.1))
            {
                text = new string(' ', 1 + random.Next(3)) + text + new string(' ', random.Next(3));
            }

            return hostile ? text : kind == TextKind.Path ? PlacementRules.PlaceablePath(text) : PlacementRules.PlaceableValue(text);
        }

        public string PathSegment()
        {
            var segment = Hostile()
                ? Text(TextKind.Any, 12)
                : string.Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Chance(0.6) ? Pick(PathPieces) : Text(TextKind.Path, 8))).Replace('/', '_');
            return segment.Length == 0 || segment is "." or ".." ? "App" : segment;
        }

        /// <summary>Any text as a path, but never empty: the collector always has a file.</summary>
        public string HostilePath() => Text(TextKind.Any, 60) is { Length: > 0 } path ? path : "App.csproj";

        public string Folder(int minimum = 0) =>
            string.Join("/", Enumerable.Range(0, minimum + random.Next(3)).Select(_ => PathSegment()));

        public string RestoreFile()
        {
            var folder = Folder();
            var name = Pick(new[] { "Directory.Build.props", "Directory.Packages.props", "NuGet.config", "global.json", "packages.lock.json", PathSegment() + ".csproj" });
            return folder.Length > 0 ? folder + "/" + name : name;
        }

        public string EnvironmentName()
        {
            if (Hostile())
            {
                return Chance(0.5) ? Pick(ValidNames) + Pick(NameBreakers) : Text(TextKind.Any, 12);
            }

            return Chance(0.05) ? Pick(new[] { "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS" }) : Pick(ValidNames);
        }

        public string LabelKey()
        {
            if (Hostile())
            {
                return Chance(0.5) ? Pick(ValidKeys) + Pick(NameBreakers) : Text(TextKind.Any, 12);
            }

            return Pick(ValidKeys);
        }

        public ContainerPort Port()
        {
            if (Hostile())
            {
                return Chance(0.5)
                    ? new ContainerPort(Pick(new[] { "0", "65536", "-1", "80\n", "80\nRUN id", "abc", "8080/tcp", "", " ", "٣", "１２", "1e3", "+80", "0x50", "99999999999" }), Pick(new[] { "", "tcp" }))
                    : new ContainerPort((1 + random.Next(65535)).ToString(System.Globalization.CultureInfo.InvariantCulture), Pick(new[] { "sctp", "tcp\nRUN id", "http" }));
            }

            var number = Chance(0.3) ? Pick(new[] { 80, 443, 5000, 8080, 8081 }) : 1 + random.Next(65535);
            var text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ContainerPort(Chance(0.1) ? " " + text + "\n" : text, Pick(new[] { "", "tcp", "udp", "TCP", " Udp " }));
        }

        public string? User()
        {
            if (Hostile())
            {
                return Pick(new[] { "app\n", "app\nRUN id", "$(id)", "app user", "${APP_UID}", "app\r", Text(TextKind.Any, 12) });
            }

            return Chance(0.6) ? null : Pick(new[] { "app", "1000", "1000:1000", "$APP_UID", "app:app", "root", "0", "svc.user-1" });
        }

        public string? WorkingDirectory()
        {
            if (Hostile())
            {
                return Pick(new[] { "/app\n", "/app\nRUN id", "app", "/my app", "/$HOME", "/app\r", Text(TextKind.Any, 12), "/", "/etc", "/app/../../etc", "/usr/lib/app", "/..", "/var" });
            }

            return Chance(0.6) ? null : Pick(new[] { "/app", "/srv/my-app/", "//srv//./my-app", "/opt/App_1.0", "/tmp/app", "/srv/x/../app" });
        }

        public string? Image()
        {
            if (Hostile())
            {
                return Pick(new[] { "img:tag\nRUN id", "img AS x", "$IMG", "img\"", "img\n\nRUN id", "img\u2028x", Text(TextKind.Any, 12) });
            }

            return Chance(0.9) ? null : Pick(new[] { "myorg/dotnet:10.0", "registry.example.com:5000/dotnet/aspnet:10.0", " img:1 ", "img\n" });
        }

        public string? Registry()
        {
            if (Hostile() && Chance(0.5))
            {
                return Pick(new[] { "registry.example.com\n/", "reg\nRUN id", "reg example", "$REG", "reg\u2028x", Text(TextKind.Any, 12) });
            }

            return Chance(0.9) ? null : Pick(new[] { "myregistry.example.com", "localhost:5000/mirror/", " registry.example " });
        }

        public string Digest()
        {
            var hex = string.Concat(Enumerable.Range(0, 64).Select(_ => "0123456789abcdef"[random.Next(16)]));
            return Hostile() ? Pick(new[] { "sha256:" + hex + "\n", "sha256:" + hex + "\nRUN id", "sha256:" + hex.ToUpperInvariant(), "sha256:abc" }) : "sha256:" + hex;
        }


        private static readonly string[] ValidNames = { "ASPNETCORE_ENVIRONMENT", "DOTNET_gcServer", "My.Setting-1", "_x", "A", "PATH", "Logging__LogLevel__Default" };

        private static readonly string[] ValidKeys = { "com.example.team", "org.opencontainers.image.vendor", "org.opencontainers.image.title", "a/b", "0x", "x-y_z" };

        private static readonly string[] NameBreakers = { "\n", "\r", "\r\n", "\n=", " ", "=x", "\nRUN id", "\t", "\u2028", "\"", "$" };

        private string Piece()
        {
            var roll = random.Next(100);
            if (roll < 45)
            {
                return Pick(Dangerous);
            }

            if (roll < 80)
            {
                return new string(Enumerable.Range(0, 1 + random.Next(6)).Select(_ => Printable[random.Next(Printable.Length)]).ToArray());
            }

            return Pick(Unicode);
        }
    }
}
