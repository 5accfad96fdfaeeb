using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>The outcome of building a Dockerfile on an engine: the image tag and the builder's full log.</summary>
public sealed record ImageBuild(ContainerEngine Engine, string Tag, DockerfileText Dockerfile, string? Platform, int ExitCode, string Log, TimeSpan Duration)
{
    private IReadOnlyList<BuildStep>? steps;

    public bool Succeeded => ExitCode == 0;

    /// <summary>The Dockerfile's steps the builder ran or took from its cache, in the order its log first names them.</summary>
    public IReadOnlyList<BuildStep> Steps => steps ??= Engine.ParseSteps(Log);

    /// <summary>The step that failed, for a build that did.</summary>
    public BuildStep? FailedStep => Succeeded ? null : Engine.FailedStep(Log);

    /// <summary>The bytes of build context the builder received, where its log says (BuildKit).</summary>
    public long? ContextBytes => Engine.ContextBytes(Log);

    /// <summary>The single step whose instruction contains <paramref name="text"/>.</summary>
    public BuildStep Step(string text)
    {
        var matches = Steps.Where(s => s.Instruction.Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one build step containing \"{text}\", found {matches.Count}.\n{Describe()}");
        return matches[0];
    }

    public void AssertSucceeded() =>
        Assert.True(Succeeded, $"{Engine.BuildCommand} failed with exit code {ExitCode}.\n{Describe()}");

    public ImageConfig Inspect() => Engine.Inspect(Tag);

    public IReadOnlyList<string> ListFiles() => Engine.ListFiles(Tag);

    /// <summary>The Dockerfile and the builder's log, for failure messages.</summary>
    public string Describe() =>
        $"Dockerfile {Dockerfile.Path} (context {Dockerfile.ContextFolder}, platform {Platform ?? "default"}):\n{Dockerfile.Text}\n"
        + $"{Engine.BuildCommand} log ({Duration.TotalSeconds:0} s):\n{Log}";
}
