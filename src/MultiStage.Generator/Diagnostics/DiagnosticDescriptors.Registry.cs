using System.Collections.Generic;

namespace MultiStage.Generator.Diagnostics;

// 4010-4019: pushing the image to ContainerRegistry and reporting what was made. A part of the one table, in a
// file of its own because the table reached the 300-line limit; All reads the fields of both.
internal static partial class DiagnosticDescriptors
{
    // All is read on first use, once the fields of every part are set: the order of two parts' initializers is not defined.
    private static IReadOnlyList<DiagnosticDescriptor>? all;

    public static readonly DiagnosticDescriptor RegistryRefusedPush = new(
        "MULTISTAGE4010", Error,
        "The registry '{0}' (ContainerRegistry) refused the push of {1}: {2}. Log in with the builder's own command ({3} login {0}), or fix the credentials in its auth file (DOCKER_CONFIG's config.json for docker, REGISTRY_AUTH_FILE or auth.json for podman and buildah); MultiStage.Sdk passes no credentials itself.");

    public static readonly DiagnosticDescriptor RegistryUnreachable = new(
        "MULTISTAGE4011", Error,
        "The registry '{0}' (ContainerRegistry) could not be reached to push {1}: {2}. Check the host name and port, that the registry is up, and the proxy settings of the builder ({3}).");

    public static readonly DiagnosticDescriptor RegistryTlsFailed = new(
        "MULTISTAGE4012", Error,
        "The registry '{0}' (ContainerRegistry) failed TLS verification while pushing {1}: {2}. Trust the certificate authority that signed its certificate for that registry (/etc/docker/certs.d/{0}/ca.crt for docker, /etc/containers/certs.d/{0}/ca.crt for podman and buildah), or give the registry a certificate for that name.");

    public static readonly DiagnosticDescriptor PushFailed = new(
        "MULTISTAGE4013", Error,
        "'{0}' could not push {1} to the registry '{2}' (ContainerRegistry): {3}");

    public static readonly DiagnosticDescriptor InvalidContainerRegistry = new(
        "MULTISTAGE4014", Error,
        "ContainerRegistry '{0}' is not a registry: give its host and optional port (registry.example.com, ghcr.io, 127.0.0.1:5000), without a scheme or a path; the path belongs in ContainerRepository.");

    public static readonly DiagnosticDescriptor ImageResultNotWritten = new(
        "MULTISTAGE4015", Error,
        "The image was built{0}, but its result file '{1}' could not be written: {2}");

    public static readonly DiagnosticDescriptor ImageConfigurationNotRead = new(
        "MULTISTAGE4016", Warning,
        "The image {0} was built, but its configuration could not be read back with '{1}': {2}. GeneratedContainerConfiguration and the result file's configuration stay empty; the image itself is complete.");
}
