using MultiStage.Generator.InImageBuild;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>What the SDK does inside the image's build stage: the app's layers and the compilation caches' bookkeeping.</summary>
public class BuildStageTests
{
    private static readonly AppLayer[] FrameworkDependent = AppLayers.For(selfContained: false, nativeAot: false).ToArray();

    [Fact]
    public void Each_published_file_gets_the_layer_of_its_origin()
    {
        var items = new[]
        {
            new PublishedFile("Api.dll", "", ""),
            new PublishedFile("appsettings.json", "", ""),
            new PublishedFile("Humanizer.dll", "Humanizer.Core", ""),
            new PublishedFile("runtimes/linux-x64/native/libe_sqlite3.so", "SQLitePCLRaw.lib.e_sqlite3", ""),
            new PublishedFile("Core.dll", "", "ProjectReference"),
            new PublishedFile("System.Private.CoreLib.dll", "Microsoft.NETCore.App.Runtime.linux-x64", ""),
        };
        var files = new[] { "Api.dll", "appsettings.json", "Humanizer.dll", "runtimes/linux-x64/native/libe_sqlite3.so", "Core.dll", "System.Private.CoreLib.dll", "wwwroot/site.css" };

        var selfContained = PublishedFileClassifier.Classify(files, items, new[] { "Microsoft.NETCore.App.Runtime.linux-x64" }, AppLayers.For(true, false).ToArray())
            .ToDictionary(f => f.RelativePath, f => f.Layer);

        Assert.Equal(AppLayer.App, selfContained["Api.dll"]);
        Assert.Equal(AppLayer.App, selfContained["appsettings.json"]);
        Assert.Equal(AppLayer.Packages, selfContained["Humanizer.dll"]);
        Assert.Equal(AppLayer.Packages, selfContained["runtimes/linux-x64/native/libe_sqlite3.so"]);
        Assert.Equal(AppLayer.Projects, selfContained["Core.dll"]);
        Assert.Equal(AppLayer.Runtime, selfContained["System.Private.CoreLib.dll"]);

        // A file MSBuild did not list (here wwwroot/site.css) is the app's: every file of the folder has one layer.
        Assert.Equal(AppLayer.App, selfContained["wwwroot/site.css"]);
        Assert.Equal(files.Length, selfContained.Count);
    }

    [Fact]
    public void A_layer_the_app_does_not_copy_falls_to_the_next_that_changes_more_often()
    {
        var items = new[] { new PublishedFile("System.Runtime.dll", "Microsoft.NETCore.App.Runtime.linux-x64", ""), new PublishedFile("Core.so", "", "ProjectReference") };
        var files = new[] { "System.Runtime.dll", "Core.so" };

        var frameworkDependent = PublishedFileClassifier.Classify(files, items, new[] { "Microsoft.NETCore.App.Runtime.linux-x64" }, FrameworkDependent).ToDictionary(f => f.RelativePath, f => f.Layer);
        var nativeAot = PublishedFileClassifier.Classify(files, items, new[] { "Microsoft.NETCore.App.Runtime.linux-x64" }, AppLayers.For(true, true).ToArray()).ToDictionary(f => f.RelativePath, f => f.Layer);

        Assert.Equal(AppLayer.Packages, frameworkDependent["System.Runtime.dll"]);
        Assert.Equal(AppLayer.Projects, frameworkDependent["Core.so"]);
        Assert.Equal(AppLayer.App, nativeAot["Core.so"]);
        Assert.Equal(new[] { AppLayer.Packages, AppLayer.App }, AppLayers.For(true, true));
        Assert.Equal(new[] { AppLayer.Runtime, AppLayer.Packages, AppLayer.Projects, AppLayer.App }, AppLayers.For(true, false));
    }

    [Fact]
    public void Paths_are_compared_with_forward_slashes_and_the_first_item_for_a_path_wins()
    {
        var items = new[] { new PublishedFile(@"de\Humanizer.resources.dll", "Humanizer.Core.de", ""), new PublishedFile("de/Humanizer.resources.dll", "", "") };

        var layers = PublishedFileClassifier.Classify(new[] { "de/Humanizer.resources.dll" }, items, Array.Empty<string>(), FrameworkDependent);

        Assert.Equal(("de/Humanizer.resources.dll", AppLayer.Packages), Assert.Single(layers));
    }

    [Fact]
    public void A_manifest_reads_back_what_it_wrote_and_refuses_a_torn_one()
    {
        var manifest = SourceManifest.Create("10.0.100", new Dictionary<string, string>
        {
            ["src/App/Program.cs"] = new string('a', 64),
            ["src/App/name with spaces.cs"] = new string('b', 64),
        });

        var text = manifest.ToText();
        var read = SourceManifest.Parse(text);

        Assert.NotNull(read);
        Assert.Equal("10.0.100", read!.Toolset);
        Assert.Equal(manifest.Files.OrderBy(f => f.Key), read.Files.OrderBy(f => f.Key));
        Assert.Null(SourceManifest.Parse(text[..^10]));
        Assert.Null(SourceManifest.Parse(string.Empty));
        Assert.Null(SourceManifest.Parse("something else\n"));
    }

    [Fact]
    public void A_file_is_unchanged_only_when_every_cache_last_built_its_content_with_the_same_toolset()
    {
        SourceManifest Manifest(string toolset, params (string Path, char Hash)[] files) =>
            SourceManifest.Create(toolset, files.Select(f => new KeyValuePair<string, string>(f.Path, new string(f.Hash, 64))));
        var current = Manifest("10.0.100", ("a.cs", '1'), ("b.cs", '2'), ("c.cs", '3'));

        Assert.Equal(new[] { "a.cs", "b.cs", "c.cs" }, current.UnchangedSince(new[] { Manifest("10.0.100", ("a.cs", '1'), ("b.cs", '2'), ("c.cs", '3')) }).OrderBy(f => f));

        // b.cs changed for one cache, c.cs is new to the other: only a.cs may keep its old timestamp.
        var unchanged = current.UnchangedSince(new[]
        {
            Manifest("10.0.100", ("a.cs", '1'), ("b.cs", '9'), ("c.cs", '3')),
            Manifest("10.0.100", ("a.cs", '1'), ("b.cs", '2')),
        });
        Assert.Equal(new[] { "a.cs" }, unchanged);

        // No last build (an emptied cache, a failed build), another SDK, or no cache at all: nothing is unchanged.
        Assert.Empty(current.UnchangedSince(new[] { Manifest("10.0.100", ("a.cs", '1')), null }));
        Assert.Empty(current.UnchangedSince(new[] { Manifest("10.0.200", ("a.cs", '1'), ("b.cs", '2'), ("c.cs", '3')) }));
        Assert.Empty(current.UnchangedSince(Array.Empty<SourceManifest?>()));
    }

    [Fact]
    public void The_caches_are_the_obj_configuration_folders_that_exist_and_the_sources_leave_them_and_bin_out()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/Api/Api.csproj", "<Project />");
        folder.Write("src/Api/Program.cs");
        folder.Write("src/Api/obj/project.assets.json", "{}");
        folder.Write("src/Api/obj/Release/net10.0/Api.dll");
        folder.Write("src/Api/bin/Release/net10.0/Api.dll");
        folder.Write("src/Core/Core.fsproj", "<Project />");
        folder.Write("src/Core/Library.fs");
        folder.Write("tools/bin/script.sh");
        folder.Write("Directory.Build.props", "<Project />");

        var caches = CompilationCaches.Find(folder.Root, "Release");
        var sources = CompilationCaches.SourceFiles(folder.Root, "Release").Select(f => Path.GetRelativePath(folder.Root, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal);

        Assert.Equal(new[] { folder.PathOf("src/Api/obj/Release") }, caches);
        Assert.Empty(CompilationCaches.Find(folder.Root, "Debug"));
        Assert.Equal(new[] { "Directory.Build.props", "src/Api/Api.csproj", "src/Api/Program.cs", "src/Api/obj/project.assets.json", "src/Core/Core.fsproj", "src/Core/Library.fs", "tools/bin/script.sh" }, sources);
    }

    [Fact]
    public void Each_project_has_its_own_locked_cache_mount_at_its_obj_Release()
    {
        var api = CompilationCaches.CacheMount("src/Api/Api.csproj")!;
        var core = CompilationCaches.CacheMount("src/Core/Core.csproj")!;
        var root = CompilationCaches.CacheMount("App.csproj")!;

        Assert.Matches(@"^--mount=type=cache,id=multistage-obj-api-[0-9a-f]{8},target=/src/src/Api/obj/Release,sharing=locked$", api);
        Assert.Matches(@"^--mount=type=cache,id=multistage-obj-app-[0-9a-f]{8},target=/src/obj/Release,sharing=locked$", root);
        Assert.NotEqual(api.Split(',')[1], core.Split(',')[1]);
        Assert.NotEqual(CompilationCaches.CacheMount("a/Api/Api.csproj")!.Split(',')[1], api.Split(',')[1]);
        Assert.Equal(api, CompilationCaches.CacheMount("src/Api/Api.csproj"));
    }

    [Theory]
    [InlineData("a,b/App.csproj")]
    [InlineData("a b/App.csproj")]
    [InlineData("a'b/a;b/App.csproj")]
    [InlineData("a\"b/App.csproj")]
    [InlineData("$HOME/App.csproj")]
    public void A_folder_the_mount_flag_cannot_carry_gets_no_cache(string projectPath)
    {
        Assert.Null(CompilationCaches.CacheMount(projectPath));
    }
}
