using System.Reflection;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// The table of diagnostics itself, read from its fields: codes are what users suppress and look up, so two
/// descriptors must never share one. (That every code has its page is checked in DiagnosticsTests.)
/// </summary>
public class DiagnosticDescriptorsTests
{
    private static IReadOnlyList<(string Field, DiagnosticDescriptor Descriptor)> Fields { get; } = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (f.Name, (DiagnosticDescriptor)f.GetValue(null)!))
        .ToList();

    [Fact]
    public void No_two_diagnostics_share_a_code()
    {
        var shared = Fields.GroupBy(f => f.Descriptor.Code)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Field))}")
            .ToList();

        Assert.True(shared.Count == 0, "Codes used by more than one descriptor:\n" + string.Join("\n", shared));
    }

    [Fact]
    public void Every_code_is_MULTISTAGE_and_four_digits()
    {
        var malformed = Fields.Where(f => !Regex.IsMatch(f.Descriptor.Code, @"^MULTISTAGE[1-9]\d{3}$")).Select(f => $"{f.Field}: {f.Descriptor.Code}").ToList();

        Assert.True(malformed.Count == 0, "Malformed codes:\n" + string.Join("\n", malformed));
    }

    [Fact]
    public void All_lists_every_descriptor()
    {
        Assert.NotEmpty(Fields);
        Assert.Equal(Fields.Select(f => f.Descriptor.Code).Order(StringComparer.Ordinal), DiagnosticDescriptors.All.Select(d => d.Code));
    }
}
