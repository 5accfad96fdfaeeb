using System.Linq;

namespace MultiStage.Generator.Diagnostics;

internal enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A stable diagnostic code with its severity and message template; its title and help live in docs/diagnostics.</summary>
internal sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string MessageFormat)
{
    private const int LongestValueShown = 200;

    /// <summary>The message with the values filled in, each shown printably (a value may be the very line break at fault).</summary>
    public Diagnostic Create(params object[] args) =>
        new(this, string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args.Select(Printable).ToArray()));

    private static object Printable(object value) => value is string text ? Printable(text) : value;

    /// <summary>A value as messages show it: control characters and line separators spelled as \uXXXX, long values cut.</summary>
    public static string Printable(string text)
    {
        var shown = string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:x4}" : c.ToString()));
        return shown.Length > LongestValueShown ? shown.Substring(0, LongestValueShown) + "..." : shown;
    }
}

/// <summary>One reported problem: a code and a message that names the property and the offending value.</summary>
internal sealed record Diagnostic(DiagnosticDescriptor Descriptor, string Message)
{
    public string Code => Descriptor.Code;

    public bool IsError => Descriptor.Severity == DiagnosticSeverity.Error;

    public override string ToString() => $"{(IsError ? "error" : "warning")} {Code}: {Message}";
}
