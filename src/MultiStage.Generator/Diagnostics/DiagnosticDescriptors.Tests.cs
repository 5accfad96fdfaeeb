namespace MultiStage.Generator.Diagnostics;

// 1057-1059: the test projects the Dockerfile's test stages run; 4035-4037: MultiStageRunTests on the image target.
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor TestProjectNotFound = new(
        "MULTISTAGE1057", Error,
        "MultiStageTestProject '{0}' is not a project file inside the build context '{1}'. Give the test project's path relative to this project's folder.");

    public static readonly DiagnosticDescriptor TestProjectDoesNotTestApp = new(
        "MULTISTAGE1058", Warning,
        "MultiStageTestProject '{0}' references neither this project nor a project it references, so the test stage leaves it out. Add the ProjectReference, or remove the item.");

    public static readonly DiagnosticDescriptor NoTestStage = new(
        "MULTISTAGE4035", Error,
        "MultiStageRunTests is true, but '{0}' has no test stage: no test project of the solution (or MultiStageTestProject item) references the app or its projects, MultiStageTestStage is false, or the Dockerfile is your own.");

    public static readonly DiagnosticDescriptor TestsFailed = new(
        "MULTISTAGE4036", Error,
        "The tests failed in the image build (exit code {0}), so no image was built; their results are in '{1}'. Set MultiStageTestFailBuild=false to build the image anyway.");

    public static readonly DiagnosticDescriptor TestsFailedImageBuilt = new(
        "MULTISTAGE4037", Warning,
        "The tests failed in the image build (exit code {0}); their results are in '{1}'. The image is built because MultiStageTestFailBuild is false.");
}
