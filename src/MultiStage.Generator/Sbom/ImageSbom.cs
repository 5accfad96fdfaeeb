namespace MultiStage.Generator.Sbom;

/// <summary>
/// Where the image's SBOM travels: the build stage's publish writes it (MultiStage.Sdk.BuildStage.targets), the final
/// stage copies it as a layer of its own, outside the app's folder, and MultiStageContainerImage copies it out.
/// </summary>
internal static class ImageSbom
{
    /// <summary>The property that asks the publish in the build stage to write the SBOM into this folder.</summary>
    public const string FolderProperty = "MultiStageSbomFolder";

    /// <summary>The property that tells it the final stage's base image, which the build stage does not know otherwise.</summary>
    public const string BaseImageProperty = "MultiStageSbomBaseImage";

    public const string BuildStageFolder = "/app/sbom";

    /// <summary>The folder of the final stage that holds it: /usr/share is where a distribution keeps what describes it.</summary>
    public const string ImageFolder = "/usr/share/sbom";

    /// <summary>".cdx.json": the suffix Trivy and Syft recognize as a CycloneDX document when they scan an image's files.</summary>
    public const string FileName = "app.cdx.json";

    public const string ImagePath = ImageFolder + "/" + FileName;
}
