using MultiStage.Harness;

namespace MultiStage.Bench;

/// <summary>
/// bench/sample's images, measured on buildah: the app bytes (final image minus its base image) and files, and the
/// build context as the builder sends it (this context folder, its .dockerignore, COPY . into an empty image).
/// </summary>
internal sealed class ImageContents(BenchEngines engines, Workspace workspace, BenchLog log, string artifacts)
{
    private readonly List<string> containers = new();

    public List<string> ContextImages { get; } = new();

    public IEnumerable<ImageRow> Measure(IReadOnlyDictionary<(string Sample, string Variant, string Service), string> dockerfiles)
    {
        log.Say("bench/sample: app bytes and build contexts");
        var contextDockerfile = Path.Combine(artifacts, "context.Dockerfile");
        File.WriteAllText(contextDockerfile, "FROM scratch\nCOPY . /context\n");
        var baseBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var buildah = engines.Buildah();
        try
        {
            foreach (var variant in Builder.Shapes)
            {
                var image = $"{BenchEngines.BuildahRepository}/small-{variant}-api:edit-app";
                var baseImage = DockerfileText.ReadStages(dockerfiles[("small", variant, "api")]).FinalImage;
                if (!baseBytes.ContainsKey(baseImage))
                {
                    baseBytes[baseImage] = SampleTree.Bytes(Mount(baseImage));
                }

                var root = Mount(image);
                var fields = buildah.ImageFields(image, "{{.OCIv1.Config.WorkingDir}}", "{{.OCIv1.Config.User}}", "{{.OCIv1.Config.Entrypoint}}");
                var app = SampleTree.List(root + fields[0]);

                var contextImage = $"{BenchEngines.BuildahRepository}/context-{variant}:latest";
                var context = workspace.Folder(Solution.Small, variant);
                var build = buildah.Run(context, TimeSpan.FromMinutes(10), "bud", "--pull=never", "-f", contextDockerfile, "-t", contextImage, context);
                File.WriteAllText(log.PathOf($"context-{variant}"), build.Output);
                BenchOptions.Require(build.Succeeded, $"the context image for {variant} failed: {log.PathOf($"context-{variant}")}");
                ContextImages.Add(contextImage);
                var contextFiles = SampleTree.List(Path.Combine(Mount(contextImage), "context"));

                var row = new ImageRow(variant, baseImage, baseBytes[baseImage], SampleTree.Bytes(root), fields[0], fields[1], fields[2], app, contextFiles);
                log.Note($"{variant}: app bytes {row.AppBytes} ({app.Count} files in {row.Workdir}), context {contextFiles.Count} files");
                yield return row;
            }
        }
        finally
        {
            Unmount();
        }
    }

    public void Unmount()
    {
        var buildah = engines.Buildah();
        foreach (var container in containers)
        {
            buildah.Run(artifacts, TimeSpan.FromMinutes(2), "umount", container);
            buildah.Run(artifacts, TimeSpan.FromMinutes(2), "rm", container);
        }

        containers.Clear();
    }

    /// <summary>The root folder of a new container of the image (removed by <see cref="Unmount"/>).</summary>
    private string Mount(string image)
    {
        var buildah = engines.Buildah();
        var container = buildah.Check("from", "--pull=never", "--name", $"multistage-bench-{Environment.ProcessId}-{containers.Count}", image);
        containers.Add(container);
        return buildah.Check("mount", container);
    }
}
