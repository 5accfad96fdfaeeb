using System.Text.RegularExpressions;

namespace MultiStage.Harness;

/// <summary>One stage of a Dockerfile: its FROM image, its name, and its instructions (continuations joined).</summary>
public sealed record DockerfileStage(string BaseImage, string? Name, string? Platform, IReadOnlyList<string> Instructions);

/// <summary>A generated Dockerfile read back: stages, and the build context its header names.</summary>
public sealed class DockerfileText
{
    private static readonly Regex From = new(@"^FROM\s+(?:--platform=(?<platform>\S+)\s+)?(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?\s*$", RegexOptions.IgnoreCase);
    private static readonly Regex BuildCommand = new(@"^# Build from .*: docker build -f (?<file>\S+) ");

    private readonly string? contextFolder;

    private DockerfileText(string path, string text, IReadOnlyList<DockerfileStage> stages, string? contextFolder)
    {
        Path = path;
        Text = text;
        Stages = stages;
        this.contextFolder = contextFolder;
    }

    public string Path { get; }

    public string Text { get; }

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage FinalStage => Stages[^1];

    /// <summary>The stages the final image is made of: the final stage and the stages it is built FROM, first one first.</summary>
    public IReadOnlyList<DockerfileStage> FinalChain
    {
        get
        {
            var chain = new List<DockerfileStage> { FinalStage };
            while (Stages.FirstOrDefault(s => string.Equals(s.Name, chain[0].BaseImage, StringComparison.OrdinalIgnoreCase)) is { } parent && !chain.Contains(parent))
            {
                chain.Insert(0, parent);
            }

            return chain;
        }
    }

    /// <summary>The image the final image is built on (the final stage's FROM, followed through stage names).</summary>
    public string FinalImage => FinalChain[0].BaseImage;

    /// <summary>The instructions that make the final image, from every stage of <see cref="FinalChain"/>.</summary>
    public IReadOnlyList<string> FinalInstructions => FinalChain.SelectMany(s => s.Instructions).ToList();

    /// <summary>The stage of that name.</summary>
    public DockerfileStage Stage(string name) =>
        Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{Path} has no stage named {name}:\n{Text}");

    /// <summary>The absolute build context folder, from the header's docker build command (its -f path is relative to the context).</summary>
    public string ContextFolder => contextFolder ?? throw new InvalidOperationException($"{Path} was read without its build context.");

    /// <summary>The images its FROM lines name that are not earlier stages.</summary>
    public IReadOnlyList<string> ExternalImages =>
        // scratch is no image: FROM scratch starts empty (the test-results stage).
        Stages.Select(s => s.BaseImage).Where(image => image != "scratch" && !Stages.Any(s => string.Equals(s.Name, image, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A generated Dockerfile, with the build context its header names.</summary>
    public static DockerfileText Read(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var command = lines.Select(l => BuildCommand.Match(l)).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"{path} has no \"# Build from ...: docker build -f ...\" header:\n{text}");
        var relative = command.Groups["file"].Value;
        var suffix = "/" + relative;
        if (relative.StartsWith("../", StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path}: its header's -f {relative} does not name it relative to a context folder above it.");
        }

        return Parse(path, text, path[..^suffix.Length]);
    }

    /// <summary>Any Dockerfile's stages (one not generated names no build context).</summary>
    public static DockerfileText ReadStages(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        return Parse(path, File.ReadAllText(path), null);
    }

    private static DockerfileText Parse(string path, string text, string? context)
    {
        var lines = text.Split('\n');
        var stages = new List<DockerfileStage>();
        List<string>? instructions = null;
        foreach (var instruction in LogicalLines(lines))
        {
            var from = From.Match(instruction);
            if (from.Success)
            {
                instructions = new List<string>();
                stages.Add(new DockerfileStage(
                    from.Groups["image"].Value,
                    from.Groups["name"].Success ? from.Groups["name"].Value : null,
                    from.Groups["platform"].Success ? from.Groups["platform"].Value : null,
                    instructions));
            }
            else
            {
                instructions?.Add(instruction);
            }
        }

        if (stages.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no FROM line:\n{text}");
        }

        return new DockerfileText(path, text, stages, context);
    }

    /// <summary>Instructions with their continuation lines joined; comments and blank lines dropped.</summary>
    private static IEnumerable<string> LogicalLines(IEnumerable<string> lines)
    {
        var current = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (current.Count == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Add(line[..^1].Trim());
                continue;
            }

            current.Add(line.Trim());
            yield return string.Join(' ', current.Where(p => p.Length > 0));
            current.Clear();
        }

        if (current.Count > 0)
        {
            yield return string.Join(' ', current.Where(p => p.Length > 0));
        }
    }
}
